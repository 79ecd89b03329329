package tfbeam

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/passert"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/beam/internal/panelfiles"
	"github.com/tradeflow-go/tradeflow/internal/panel"
	"github.com/tradeflow-go/tradeflow/series"
)

// TestMain runs the pipelines of the tests on Prism, in this process
// (ptest's default runner), with Beam's log at warnings only.
func TestMain(m *testing.M) {
	beamlog.LogLevel = "warn"
	ptest.Main(m)
}

const panelSchema = "trade panel (test)"

func init() {
	RegisterSchema(panelSchema, panel.Schema)
	beam.RegisterFunction(usdLine)
	beam.RegisterFunction(percentLine)
	beam.RegisterFunction(deadLine)
	beam.RegisterFunction(summaryLine)
	beam.RegisterFunction(kgLine)
	beam.RegisterFunction(deadPlace)
}

// seriesLine prints a keyed series as the tests compare them.
func seriesLine[U series.Unit](k tradeflow.Key, s series.Series[U]) string {
	return k.String() + " " + s.String()
}

// usdLine and percentLine are seriesLine for Beam, which finds functions by
// name (the instantiations of a generic function share theirs).
func usdLine(k tradeflow.Key, s series.Series[series.USD]) string { return seriesLine(k, s) }

func percentLine(k tradeflow.Key, s series.Series[series.Percent]) string { return seriesLine(k, s) }

// deadLine prints a dead letter with every field.
func deadLine(d DeadLetter) string {
	return fmt.Sprintf("%s:%d:%d %s %q: %s | %s", filepath.Base(d.File), d.Line, d.Column, d.Name, d.Value, d.Reason, d.Text)
}

func summaryLine(s Summary) string {
	return fmt.Sprintf("%s rows=%d blank=%d figures=%d bad=%d", filepath.Base(s.File), s.Rows, s.Blank, s.Figures, s.Bad)
}

// libraryLines returns what the library makes of a file read whole: every
// series in USD, as seriesLine prints them, leaving out the series that
// cannot be built, and the row errors.
func libraryLines(t *testing.T, path string, schema tradeflow.Schema, opts ...tradeflow.ReadOption) ([]string, []*tradeflow.RowError) {
	t.Helper()
	ds, err := tradeflow.ReadFile(context.Background(), path, schema, append(opts, tradeflow.CollectErrors())...)
	var list *tradeflow.ErrorList
	if err != nil && !errors.As(err, &list) {
		t.Fatalf("reading %s: %v", path, err)
	}
	var out []string
	for _, k := range ds.Keys() {
		s, err := tradeflow.Get[series.USD](ds, k)
		if err == nil {
			out = append(out, seriesLine(k, s))
		}
	}
	if list != nil {
		return out, list.Errors
	}
	return out, nil
}

// strs returns xs as []any, for passert.
func strs(xs []string) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// writeFile writes data to name in dir, and returns the path.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, data, 0o644))
	return p
}

// panelBytes returns rows of the 100k panel file whose partner is one of
// partners, under reporter.
func panelBytes(t *testing.T, reporter string, partners ...string) []byte {
	t.Helper()
	b, err := panelfiles.File{Reporter: reporter, Keep: func(r string) bool { return slices.Contains(partners, panelfiles.Partner(r)) }}.Bytes()
	require.NoError(t, err)
	return b
}

// pipelineOf runs Read and GroupSeries over glob and checks the series and
// the dead letters.
func checkRead(t *testing.T, glob string, opts ReadOptions, wantSeries, wantDead []string) {
	t.Helper()
	p, s := beam.NewPipelineWithRoot()
	files := Read[series.USD](s, glob, opts)
	ser, dead := GroupSeries[series.USD](s, files)
	passert.Equals(s, beam.ParDo(s, usdLine, ser), strs(wantSeries)...)
	passert.Equals(s, beam.ParDo(s, deadLine, beam.Flatten(s, files.Dead, dead)), strs(wantDead)...)
	ptest.RunAndValidate(t, p)
}

// lines splits text into its lines, without their ends.
func lines(text string) []string {
	return strings.Split(strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), "\n")
}

func kgLine(k tradeflow.Key, s series.Series[series.Kilograms]) string { return seriesLine(k, s) }

// deadPlace prints a dead letter's line and reason, as libraryOf prints
// the library's row errors.
func deadPlace(d DeadLetter) string { return fmt.Sprintf("%d %s", d.Line, d.Reason) }

// libraryOf returns what the library's reader makes of a file read whole,
// recognising its format: every series in unit U that can be built, and
// its row errors, as the pipeline's tests print them.
func libraryOf[U series.Unit](t *testing.T, path string, opts ...tradeflow.ReadOption) (ser, errs []string) {
	t.Helper()
	ds, err := tradeflow.ReadAnyFile(context.Background(), path, append(opts, tradeflow.CollectErrors())...)
	var list *tradeflow.ErrorList
	switch {
	case errors.As(err, &list):
		for _, e := range list.Errors {
			errs = append(errs, fmt.Sprintf("%d %s", e.Line, reasonOf(e)))
		}
	case err != nil:
		t.Fatalf("reading %s: %v", path, err)
	}
	for _, k := range ds.Keys() {
		if s, err := tradeflow.Get[U](ds, k); err == nil {
			ser = append(ser, seriesLine(k, s))
		}
	}
	return ser, errs
}

// pipelineMatches runs Read and GroupSeries over one file and checks that
// the series in U and the dead letters are those of the library.
func pipelineMatches[U series.Unit](t *testing.T, path string, opts ReadOptions, line any, libOpts ...tradeflow.ReadOption) {
	t.Helper()
	want, wantDead := libraryOf[U](t, path, libOpts...)
	p, s := beam.NewPipelineWithRoot()
	files := Read[U](s, path, opts)
	ser, dead := GroupSeries[U](s, files)
	passert.Equals(s, beam.ParDo(s, line, ser), strs(want)...)
	passert.Equals(s, beam.ParDo(s, deadPlace, beam.Flatten(s, files.Dead, dead)), strs(wantDead)...)
	ptest.RunAndValidate(t, p)
}
