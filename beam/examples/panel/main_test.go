package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	tfbeam "github.com/tradeflow-go/tradeflow/beam"
	"github.com/tradeflow-go/tradeflow/internal/panel"
)

// TestMain runs the pipelines on Prism, in this process, with Beam's log
// at warnings only.
func TestMain(m *testing.M) {
	beamlog.LogLevel = "warn"
	ptest.Main(m)
}

func runPrism(_ context.Context, p *beam.Pipeline) error { return ptest.Run(p) }

// reporters are the files of testdata, one a reporter (testdata/README.md).
var reporters = []string{"DE", "JP", "US"}

// corePanel builds the single-machine program, examples/panel of the core
// module, and returns a function that runs it on a file and returns what
// it prints: the expected lines, from the program itself.
func corePanel(t *testing.T) func(path string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "panel")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/tradeflow-go/tradeflow/examples/panel").CombinedOutput()
	require.NoError(t, err, "building examples/panel: %s", out)
	return func(path string) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, path)
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		require.NoError(t, cmd.Run(), "examples/panel %s: %s", path, stderr.String())
		require.NotEmpty(t, stdout.String())
		return stdout.String()
	}
}

// gunzip returns the decompressed contents of testdata's file for a
// reporter.
func gunzip(t *testing.T, reporter string) []byte {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "panel_"+reporter+".csv.gz"))
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	data, err := io.ReadAll(zr)
	require.NoError(t, err)
	return data
}

// byReporter splits the program's output into each reporter's lines.
func byReporter(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	var cur string
	for line := range strings.Lines(out) {
		if r, ok := strings.CutPrefix(line, "reporter="); ok {
			cur = strings.TrimSuffix(r, "\n")
			require.NotContains(t, m, cur, "a reporter printed twice")
			m[cur] = ""
			continue
		}
		if line == "\n" {
			continue // between reporters
		}
		require.NotEmpty(t, cur, "a line before the first reporter: %q", line)
		m[cur] += line
	}
	return m
}

// TestExact checks that for every reporter the pipeline prints exactly the
// lines examples/panel prints for that reporter's file: one file gzip,
// read whole, and two plain, in blocks that begin and end inside rows, and
// whole.
func TestExact(t *testing.T) {
	panelOf := corePanel(t)
	dir := t.TempDir()
	paths := map[string]string{}
	for _, r := range reporters {
		p := filepath.Join(dir, "panel_"+r+".csv")
		data := gunzip(t, r)
		if r == "US" {
			p += ".gz"
			var err error
			data, err = os.ReadFile(filepath.Join("testdata", "panel_"+r+".csv.gz"))
			require.NoError(t, err)
		}
		require.NoError(t, os.WriteFile(p, data, 0o644))
		paths[r] = p
	}
	want := map[string]string{}
	for r, p := range paths {
		want[r] = panelOf(p)
	}
	for _, block := range []int64{7919, -1} {
		t.Run("block "+strconv.FormatInt(block, 10), func(t *testing.T) {
			var out, errw bytes.Buffer
			err := run(t.Context(), &out, &errw, filepath.Join(dir, "panel_*"), t.TempDir(),
				tfbeam.ReadOptions{Schema: schemaName, BlockSize: block}, -1, runPrism)
			require.NoError(t, err)
			assert.Empty(t, errw.String(), "no bad rows")
			got := byReporter(t, out.String())
			require.ElementsMatch(t, reporters, keys(got))
			for _, r := range reporters {
				assert.Equal(t, want[r], got[r], "reporter %s", r)
			}
		})
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestDeadLetters checks that a file with bad rows gives the figures of its
// good rows — what examples/panel prints for the file without the bad
// rows — and lists every bad row in dead.csv with its file, line and the
// reason the library's reader gives; the other reporters are untouched,
// and -max-bad fails the run.
// Files of a header alone (or of bad rows only) give no report: an error,
// as the one-file program's "no data rows", not a silent success.
func TestNoDataRows(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "panel_XX.csv"), []byte("period,reporter,partner,flow,hs,value_usd,qty_kg\n"), 0o644))
	var stdout, errw bytes.Buffer
	err := run(t.Context(), &stdout, &errw, filepath.Join(dir, "panel_*"), t.TempDir(), tfbeam.ReadOptions{Schema: schemaName}, -1, runPrism)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no data rows")
	assert.Empty(t, stdout.String())
}

func TestDeadLetters(t *testing.T) {
	panelOf := corePanel(t)
	dir, clean := t.TempDir(), t.TempDir()
	for _, r := range []string{"JP", "US"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, "panel_"+r+".csv"), gunzip(t, r), 0o644))
	}
	good := gunzip(t, "DE")
	cleanPath := filepath.Join(clean, "panel_DE.csv")
	require.NoError(t, os.WriteFile(cleanPath, good, 0o644))

	rows := strings.SplitAfter(string(good), "\n")
	bad := map[int]string{ // after which line of the good file
		1:    "2023-13,DE,AA,X,010101,1.00,1\n",  // no such month
		100:  "2024-02,DE,AB,X,010101,12.5x,1\n", // not a number
		101:  "garbage\n",                        // one field
		1000: "2024-03,DE,AC,M,999999,-5.00,1\n", // a negative level
		2000: rows[1999],                         // line 2000 again
		2500: "2024-04,DE,A1,X,010101,1.00,1\n",  // no such partner
	}
	var b strings.Builder
	for i, row := range rows {
		b.WriteString(row)
		if extra, ok := bad[i+1]; ok {
			b.WriteString(extra)
		}
	}
	badPath := filepath.Join(dir, "panel_DE.csv")
	require.NoError(t, os.WriteFile(badPath, []byte(b.String()), 0o644))

	// What the library's reader finds wrong, read whole.
	_, err := tradeflow.ReadFile(t.Context(), badPath, panel.Schema(), tradeflow.CollectErrors())
	var list *tradeflow.ErrorList
	require.True(t, errors.As(err, &list), "want row errors, got %v", err)
	require.Len(t, list.Errors, len(bad))
	badLines := strings.SplitAfter(b.String(), "\n")

	out := t.TempDir()
	var stdout, errw bytes.Buffer
	require.NoError(t, run(t.Context(), &stdout, &errw, filepath.Join(dir, "panel_*"), out,
		tfbeam.ReadOptions{Schema: schemaName, BlockSize: 20011}, -1, runPrism))
	got := byReporter(t, stdout.String())
	require.ElementsMatch(t, reporters, keys(got))
	assert.Equal(t, panelOf(cleanPath), got["DE"], "DE: the figures of the good rows")
	for _, r := range []string{"JP", "US"} {
		assert.Equal(t, panelOf(filepath.Join(dir, "panel_"+r+".csv")), got[r], "reporter %s", r)
	}

	f, err := os.Open(filepath.Join(out, "dead.csv"))
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"file", "line", "column", "name", "value", "reason", "text"}, recs[0])
	recs = recs[1:]
	require.Len(t, recs, len(list.Errors), "one dead letter a bad row")
	slices.SortFunc(recs, func(a, b []string) int { x, _ := strconv.Atoi(a[1]); y, _ := strconv.Atoi(b[1]); return x - y })
	for i, e := range list.Errors {
		rec := recs[i]
		assert.Equal(t, badPath, rec[0])
		assert.Equal(t, strconv.Itoa(e.Line), rec[1])
		assert.Equal(t, strconv.Itoa(e.Column), rec[2])
		assert.Contains(t, rec[5], e.Err.Error(), "line %d: the reader's reason", e.Line)
		assert.Equal(t, strings.TrimSuffix(badLines[e.Line-1], "\n"), rec[6], "line %d: the row as written", e.Line)
	}
	assert.Contains(t, errw.String(), "panel: 6 bad rows, in "+filepath.Join(out, "dead.csv"))

	err = run(t.Context(), io.Discard, io.Discard, filepath.Join(dir, "panel_*"), lateDir(t),
		tfbeam.ReadOptions{Schema: schemaName}, len(bad)-1, runPrism)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "6 dead letters, more than the 5 allowed")
}

// lateDir returns a directory for the output of a pipeline that fails. The
// runner reports the failure while bundles of other stages may still be
// writing their files, so t.TempDir's one removal at the end of the test
// could meet a file created after it began ("directory not empty"); this
// directory's removal is tried again for a while.
func lateDir(t *testing.T) string {
	d, err := os.MkdirTemp("", "panel-failed-")
	require.NoError(t, err)
	t.Cleanup(func() {
		for range 50 {
			if err = os.RemoveAll(d); err == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Errorf("removing %s: %v", d, err)
	})
	return d
}
