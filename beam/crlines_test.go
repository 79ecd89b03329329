package tfbeam

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/panel"
)

// TestCROnlyFileInBlocks: a file whose lines end in CR alone, longer than
// MaxLine, is read by the library whole; split into blocks it must give
// the same series, not fail because the blocks after the first take the
// whole file for its header.
func TestCROnlyFileInBlocks(t *testing.T) {
	cr := bytes.ReplaceAll(panelBytes(t, "US", "AA", "AB"), []byte("\n"), []byte("\r"))
	const maxLine = 4096
	require.Greater(t, len(cr), 4*maxLine)
	path := writeFile(t, t.TempDir(), "cr.csv", cr)
	want, errs := libraryLines(t, path, panel.Schema(), tradeflow.MaxLine(maxLine))
	require.Empty(t, errs)
	require.NotEmpty(t, want)
	checkRead(t, path, ReadOptions{Schema: panelSchema, BlockSize: 2000, MaxLine: maxLine}, want, nil)
}
