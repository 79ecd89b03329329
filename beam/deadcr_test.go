package tfbeam

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/tradeflow-go/tradeflow/beam/internal/panelfiles"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestDeadLetterTextCROnly: DeadLetter.Text is "the record as written";
// in a file whose lines end in CR alone it must be the bad row, as it is
// for LF and CRLF files, not "".
func TestDeadLetterTextCROnly(t *testing.T) {
	lf := []byte(panelfiles.Header + "\n2023-01,FR,AA,X,010101,1.00,1\n2023-02,FR,AA,X,010101,1x,1\n")
	path := writeFile(t, t.TempDir(), "cr.csv", bytes.ReplaceAll(lf, []byte("\n"), []byte("\r")))
	p, s := beam.NewPipelineWithRoot()
	files := Read[series.USD](s, path, ReadOptions{Schema: panelSchema})
	passert.Equals(s, beam.ParDo(s, deadTextLine, files.Dead), "3 2023-02,FR,AA,X,010101,1x,1")
	ptest.RunAndValidate(t, p)
}

func deadTextLine(d DeadLetter) string { return strconv.Itoa(d.Line) + " " + d.Text }

func init() { beam.RegisterFunction(deadTextLine) }
