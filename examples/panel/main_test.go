package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/internal/golden"
)

// testInput returns the 100k-row SPEC file of testdata (see
// testdata/README.md), decompressed. The caller must not change it.
func testInput(tb testing.TB) []byte {
	tb.Helper()
	input.once.Do(func() {
		f, err := os.Open(filepath.Join("testdata", "panel100k.csv.gz"))
		if err != nil {
			input.err = err
			return
		}
		defer f.Close()
		zr, err := gzip.NewReader(f)
		if err != nil {
			input.err = err
			return
		}
		input.data, input.err = io.ReadAll(zr)
	})
	require.NoError(tb, input.err)
	return input.data
}

var input struct {
	once sync.Once
	data []byte
	err  error
}

// TestExactReference runs the program over the 100k-row file and compares
// its output with what the SPEC's exact reference (exact.py, integers and
// fractions) printed for the same file: testdata/panel100k.exact.txt. The
// reference is never rewritten by this test.
func TestExactReference(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("testdata", "panel100k.exact.txt"))
	require.NoError(t, err)
	data := testInput(t)
	workers := []int{1, 2, 3}
	if testing.Short() {
		workers = []int{2}
	}
	for _, n := range workers {
		t.Run(fmt.Sprintf("%d workers", n), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(context.Background(), &out, bytes.NewReader(data), "panel100k.csv", n))
			if got := out.String(); got != string(want) {
				t.Errorf("output differs from the exact reference (-reference +program):\n%s", golden.Diff(string(want), got))
			}
		})
	}
	// The same file, gzipped, as the test data is.
	f, err := os.Open(filepath.Join("testdata", "panel100k.csv.gz"))
	require.NoError(t, err)
	defer f.Close()
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, f, "panel100k.csv.gz", 2))
	assert.Equal(t, string(want), out.String())
}

const header = "period,reporter,partner,flow,hs,value_usd,qty_kg"

// TestRowOrder checks that the report does not depend on the order of the
// rows: the SPEC's generator writes them month by month, but a file sorted
// otherwise (latest month first, or shuffled) holds the same data.
func TestRowOrder(t *testing.T) {
	data := testInput(t)
	lines := strings.SplitAfter(string(data), "\n")
	head, rows := lines[0], lines[1:len(lines)-1] // the file ends with a newline
	if testing.Short() {
		rows = rows[:20_000]
	}
	report := func(rows []string) string {
		var out bytes.Buffer
		require.NoError(t, run(context.Background(), &out, strings.NewReader(head+strings.Join(rows, "")), "rows.csv", 2))
		return out.String()
	}
	want := report(rows)

	reversed := make([]string, len(rows))
	for i, r := range rows {
		reversed[len(rows)-1-i] = r
	}
	shuffled := append([]string(nil), rows...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) {
		shuffled[i], shuffled[j] = shuffled[j], shuffled[i]
	})
	assert.Equal(t, want, report(reversed), "latest month first")
	assert.Equal(t, want, report(shuffled), "shuffled")
}

// TestInputForms checks the forms of input the program accepts besides the
// generator's own: CRLF line ends, no newline at the end.
func TestInputForms(t *testing.T) {
	const rows = "2023-01,CN,AA,X,010101,100.00,1\n" +
		"2023-01,CN,AA,M,010101,50.5,1\n" +
		"2024-01,CN,AA,X,010101,110,1\n" +
		"2024-01,CN,AA,M,010101,0.25,1\n"
	var want bytes.Buffer
	require.NoError(t, run(context.Background(), &want, strings.NewReader(header+"\n"+rows), "f.csv", 1))
	assert.Contains(t, want.String(), "rows=4\nseries=2\nyoy_count=2\n")

	crlf := strings.ReplaceAll(header+"\n"+rows, "\n", "\r\n")
	var got bytes.Buffer
	require.NoError(t, run(context.Background(), &got, strings.NewReader(crlf), "f.csv", 1))
	assert.Equal(t, want.String(), got.String(), "CRLF")

	got.Reset()
	require.NoError(t, run(context.Background(), &got, strings.NewReader(strings.TrimSuffix(header+"\n"+rows, "\n")), "f.csv", 1))
	assert.Equal(t, want.String(), got.String(), "no final newline")
}

func TestBadInput(t *testing.T) {
	const ok = "2023-01,CN,AA,X,010101,100.00,1\n"
	tests := []struct {
		name, input, err string
	}{
		{"empty", "", "f.csv:1: no header"},
		{"header only", header + "\n", "no data rows"},
		{"wrong header", "period,partner,flow,hs,value\n" + ok, `f.csv:1: trade panel header: missing columns: reporter: the file has no reporter; pass tradeflow.WithReporter, value_usd`},
		{"month", header + "\n" + ok + "2023-13,CN,AA,X,010101,1.00,1\n", `f.csv:3:1: column period: value "2023-13": series: invalid month "2023-13": month 13 does not exist`},
		{"partner", header + "\n" + ok + "2023-02,CN,A1,X,010101,1.00,1\n", `f.csv:3:3: column partner: value "A1"`},
		{"flow", header + "\n" + ok + "2023-02,CN,AA,E,010101,1.00,1\n", `f.csv:3:4: column flow: value "E"`},
		{"hs", header + "\n" + ok + "2023-02,CN,AA,X,01 01,1.00,1\n", `f.csv:3:5: column hs: value "01 01"`},
		{"exponent", header + "\n" + ok + "2023-02,CN,AA,X,010101,1e-50,1\n", `f.csv:3:6: column value_usd: value "1e-50": more than 40 digits after the point`},
		{"negative", header + "\n" + ok + "2023-02,CN,AA,X,010101,-1.00,1\n", `f.csv:3:6: column value_usd: value "-1.00": a level of exports cannot be negative`},
		{"empty value", header + "\n" + ok + "2023-02,CN,AA,X,010101,,1\n", `f.csv:3:6: column value_usd: value "": empty`},
		{"too few fields", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00\n", "f.csv:3: 6 fields, the header has 7"},
		{"too many fields", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00,1,2\n", "f.csv:3: 8 fields, the header has 7"},
		{"duplicate", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00,1\n" + ok, "f.csv:4: duplicate observation: CHN X AA PANEL:010101 value 2023-01 is also on line 2"},
		// A combined figure cannot be added to single months: the SPEC's
		// aggregate of the pair cannot be made, and the error says why.
		{"combined", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00,1\n2023-01/2023-02,CN,AA,X,020202,5.00,1\n",
			"aggregate CHN X AA PANEL:010101 value: 2023-01: 2023-01/2023-02 is combined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), io.Discard, strings.NewReader(tt.input), "f.csv", 2)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

// TestBadInputLineNumbers checks that an error's line number counts the
// rows of the blocks before it, in a file of many blocks.
func TestBadInputLineNumbers(t *testing.T) {
	data := testInput(t)
	lines := strings.SplitAfter(string(data), "\n")
	const bad = 95_432 // a line number, counting the header as line 1
	lines[bad-1] = strings.Replace(lines[bad-1], ",CN,", ",CN,A1,", 1)
	err := run(context.Background(), io.Discard, strings.NewReader(strings.Join(lines, "")), "f.csv", 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "f.csv:95432:")
}

// TestLastYears runs the job on months that reach 9999-12, the last there
// is: the report is the one of the same rows in 2023 and 2024.
func TestLastYears(t *testing.T) {
	const rows = "2023-01,CN,AA,X,010101,100.00,1\n" +
		"2023-01,CN,AB,X,010101,40,1\n" +
		"2023-12,CN,AA,X,010101,50.5,1\n" +
		"2023-12,CN,AB,X,010101,7,1\n" +
		"2024-01,CN,AA,X,010101,110,1\n" +
		"2024-01,CN,AB,X,010101,30,1\n" +
		"2024-12,CN,AA,X,010101,60,1\n" +
		"2024-12,CN,AB,X,010101,9,1\n"
	var want, got bytes.Buffer
	require.NoError(t, run(context.Background(), &want, strings.NewReader(header+"\n"+rows), "f.csv", 1))
	late := strings.NewReplacer("2023-", "9998-", "2024-", "9999-").Replace(rows)
	require.NoError(t, run(context.Background(), &got, strings.NewReader(header+"\n"+late), "f.csv", 1))
	assert.Equal(t, strings.NewReplacer("2023-", "9998-", "2024-", "9999-").Replace(want.String()), got.String())
	assert.Contains(t, want.String(), "yoy_count=")
}
