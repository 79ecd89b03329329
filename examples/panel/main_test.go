package main

import (
	"bytes"
	"compress/gzip"
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
	tests := []struct {
		name      string
		workers   int
		blockSize int
	}{
		{"one worker, one block", 1, 4 << 20},
		{"two workers, many blocks", 2, 64 << 10},
		{"three workers, tiny blocks", 3, 4 << 10},
	}
	if testing.Short() {
		tests = tests[1:2]
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer setBlockSize(tt.blockSize)()
			var out bytes.Buffer
			require.NoError(t, run(&out, bytes.NewReader(data), tt.workers))
			if got := out.String(); got != string(want) {
				t.Errorf("output differs from the exact reference (-reference +program):\n%s", golden.Diff(string(want), got))
			}
		})
	}
}

func setBlockSize(n int) (restore func()) {
	old := blockSize
	blockSize = n
	return func() { blockSize = old }
}

// TestRowOrder checks that the report does not depend on the order of the
// rows: the SPEC's generator writes them month by month, but a file sorted
// otherwise (latest month first, or shuffled) holds the same panel. This
// also exercises the panel growing to earlier months.
func TestRowOrder(t *testing.T) {
	data := testInput(t)
	lines := strings.SplitAfter(string(data), "\n")
	head, rows := lines[0], lines[1:len(lines)-1] // the file ends with a newline
	if testing.Short() {
		rows = rows[:20_000]
	}
	report := func(rows []string) string {
		var out bytes.Buffer
		require.NoError(t, run(&out, strings.NewReader(head+strings.Join(rows, "")), 2))
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
	defer setBlockSize(32 << 10)()
	assert.Equal(t, want, report(reversed), "latest month first")
	assert.Equal(t, want, report(shuffled), "shuffled")
}

// TestInputForms checks the forms of input the program accepts besides the
// generator's own: CRLF line ends, no newline at the end.
func TestInputForms(t *testing.T) {
	const rows = "2023-01,CN,AA,X,010101,100.00,1\n" +
		"2023-01,CN,AA,M,010101,50.5,1\n" +
		"2024-01,CN,AA,X,010101,110,1\n" +
		"2024-01,CN,AA,M,010101,-0.25,1\n"
	var want bytes.Buffer
	require.NoError(t, run(&want, strings.NewReader(header+"\n"+rows), 1))
	assert.Contains(t, want.String(), "rows=4\nseries=2\nyoy_count=2\n")

	crlf := strings.ReplaceAll(header+"\n"+rows, "\n", "\r\n")
	var got bytes.Buffer
	require.NoError(t, run(&got, strings.NewReader(crlf), 1))
	assert.Equal(t, want.String(), got.String(), "CRLF")

	got.Reset()
	require.NoError(t, run(&got, strings.NewReader(strings.TrimSuffix(header+"\n"+rows, "\n")), 1))
	assert.Equal(t, want.String(), got.String(), "no final newline")
}

func TestBadInput(t *testing.T) {
	const ok = "2023-01,CN,AA,X,010101,100.00,1\n"
	tests := []struct {
		name, input, err string
	}{
		{"empty", "", "empty input"},
		{"header only", header + "\n", "no data rows"},
		{"wrong header", "period,partner,flow,hs,value_usd\n" + ok, `line 1: header "period,partner,flow,hs,value_usd"`},
		{"month", header + "\n" + ok + "2023-13,CN,AA,X,010101,1.00,1\n", `line 3: period "2023-13"`},
		{"zero month", header + "\n0000-00,CN,AA,X,010101,1.00,1\n", `line 2: period "0000-00"`},
		{"partner", header + "\n" + ok + "2023-02,CN,aa,X,010101,1.00,1\n", `line 3: partner "aa"`},
		{"flow", header + "\n" + ok + "2023-02,CN,AA,E,010101,1.00,1\n", `line 3: flow "E"`},
		{"hs", header + "\n" + ok + "2023-02,CN,AA,X,0101,1.00,1\n", `line 3: hs "0101"`},
		{"three decimals", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.005,1\n", `line 3: value_usd "1.005"`},
		{"exponent", header + "\n" + ok + "2023-02,CN,AA,X,010101,1e3,1\n", `line 3: value_usd "1e3"`},
		{"empty value", header + "\n" + ok + "2023-02,CN,AA,X,010101,,1\n", `line 3: value_usd ""`},
		{"too few fields", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00\n", "line 3: want 7 fields"},
		{"too many fields", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00,1,2\n", "line 3: want 7 fields"},
		{"blank line", header + "\n" + ok + "\n" + ok, "line 3: want 7 fields"},
		{"duplicate", header + "\n" + ok + "2023-02,CN,AA,X,010101,1.00,1\n" + ok, "line 4: a second row for series X/AA/010101 in 2023-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := run(io.Discard, strings.NewReader(tt.input), 2)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

// TestBadInputLineNumbers checks that an error's line number counts the
// rows of the blocks before it, when the file is cut into many blocks.
func TestBadInputLineNumbers(t *testing.T) {
	data := testInput(t)
	lines := strings.SplitAfter(string(data), "\n")[:20_000]
	const bad = 15_432 // a line number, counting the header as line 1
	lines[bad-1] = strings.Replace(lines[bad-1], ",CN,", ",CN,aa,", 1)
	defer setBlockSize(16 << 10)()
	err := run(io.Discard, strings.NewReader(strings.Join(lines, "")), 2)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "line 15432: ")
}

func TestParseCents(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"48374.78", 4837478, true},
		{"0.00", 0, true},
		{"12", 1200, true},
		{"3.5", 350, true},
		{"-3.5", -350, true},
		{"-0.01", -1, true},
		{"9999999999999999.99", 999999999999999999, true},
		{"10000000000000000", 0, false},
		{"", 0, false},
		{"-", 0, false},
		{".", 0, false},
		{"1.", 0, false},
		{".5", 50, true},
		{"1.234", 0, false},
		{"1.2.3", 0, false},
		{"+1", 0, false},
		{"1e3", 0, false},
		{" 1", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseCents([]byte(tt.in))
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		if tt.ok {
			assert.Equal(t, tt.want, got, "%q", tt.in)
		}
	}
}

func TestKey(t *testing.T) {
	var pc periodCache
	r, msg := parseLine([]byte("2025-11,CN,Z9,M,970001,1.00,1"), &pc)
	require.Empty(t, msg)
	assert.Equal(t, "M/Z9/970001", r.key.String())
	assert.Equal(t, "2025-11", epoch.AddMonths(int(r.month)).String())
	r, msg = parseLine([]byte("2025-11,CN,A,X,000000,1.00,1"), &pc)
	require.Empty(t, msg)
	assert.Equal(t, "X/A/000000", r.key.String())
}
