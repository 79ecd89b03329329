package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/internal/golden"
	"github.com/tradeflow-go/tradeflow/partner"
)

// The shipped data and the module's own Comtrade fixture.
const (
	customs     = "../../examples/data/china-customs.csv"
	commodities = "../../examples/data/commodities.csv"
	pmi         = "../../examples/data/pmi.csv"
	comtrade    = "../../testdata/comtrade-cn-2025-11.csv"
	// A Comtrade Plus API file with breakdown rows, a SITC row and a
	// services row.
	comtradePlus = "../../testdata/comtrade/comtrade_plus_api.csv"
)

// A result is what a run of the command wrote and returned.
type result struct {
	stdout, stderr string
	code           int
}

// run1 runs the command in-process with args, standard input stdin, and
// standard error not a terminal.
func run1(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errs bytes.Buffer
	code := run(context.Background(), &env{stdin: stdin, stdout: &out, stderr: &errs}, args)
	return result{out.String(), errs.String(), code}
}

// transcript is a run as a golden file holds it, for a reviewer to read.
func transcript(args []string, r result) []byte {
	var b strings.Builder
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = a
		if strings.ContainsAny(a, " ") || a == "" {
			quoted[i] = fmt.Sprintf("%q", a)
		}
	}
	fmt.Fprintf(&b, "$ tradeflow %s\nexit %d\n-- stdout --\n%s-- stderr --\n%s", strings.Join(quoted, " "), r.code, r.stdout, r.stderr)
	return []byte(b.String())
}

func gzipped(t *testing.T, path string) io.Reader {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, err = zw.Write(data)
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return &buf
}

// TestGolden runs the command on the shipped data and the fixtures and
// compares everything it wrote, and its exit status, with the golden
// files in testdata.
func TestGolden(t *testing.T) {
	tests := []struct {
		name  string
		stdin func(t *testing.T) io.Reader
		args  []string
		code  int
	}{
		// check: the shipped data, each format, every kind of bad file.
		{name: "check-shipped", args: []string{"check", "-reporter", "CN", customs, commodities}},
		{name: "check-keys", args: []string{"check", "-reporter", "CN", "-keys", commodities}},
		{name: "check-no-reporter", args: []string{"check", customs}, code: exitError},
		{name: "check-no-format", args: []string{"check", pmi}, code: exitError},
		{name: "check-bad-rows", args: []string{"check", "-reporter", "CN", "testdata/bad.csv"}, code: exitError},
		{name: "check-comtrade-no-vintage", args: []string{"check", comtrade}, code: exitError},
		{name: "check-comtrade", args: []string{"check", "-vintage", "2025-12-08", comtrade}},
		{name: "check-flags-after", args: []string{"check", comtrade, "-vintage", "2025-12-08"}},
		{name: "check-bad-vintage-flag", args: []string{"check", "-reporter", "CN", "-vintage", "2025-02-30", customs}, code: exitUsage},
		{name: "check-comtrade-skipped", args: []string{"check", "-vintage", "2025-12-08", "testdata/comtrade-breakdown.csv"}, code: exitError},
		{name: "check-comtrade-services", args: []string{"check", "-vintage", "2025-12-08", comtradePlus}, code: exitError},
		{name: "check-comtrade-other-codes", args: []string{"check", "-vintage", "2025-12-08", "-other-codes", "-breakdowns", comtradePlus}},
		{name: "check-missing-file", args: []string{"check", "testdata/no-such-file.csv"}, code: exitError},
		{name: "check-stdin-gzip", stdin: func(t *testing.T) io.Reader { return gzipped(t, customs) }, args: []string{"check", "-reporter", "CN", "-"}},
		{name: "check-no-final-newline", stdin: func(t *testing.T) io.Reader {
			return strings.NewReader("period,flow,partner,commodity,measure,unit,vintage,source,note,value\n" +
				"2025-10,X,WLD,TOTAL,value,USD_100M,2025-11-07,GACC,,3053.5\n2025-11,X,WLD,TOTAL,value,USD_100M,2025-12-08,GACC,,33") // 3303.5, cut short
		}, args: []string{"check", "-reporter", "CN", "-"}},

		// series: levels with y/y, year to date and streaks; rates.
		{name: "series-us-exports", args: []string{"series", "-reporter", "CN", "CN X US TOTAL value", customs}},
		{name: "series-us-rates-below", args: []string{"series", "-reporter", "CN", "-below", "-10", "-from", "2025-01", "CN X US TOTAL yoy_pct", customs}},
		{name: "series-us-rates-to", args: []string{"series", "-reporter", "CN", "-below", "-10", "-from", "2025-01", "-to", "2025-06", "CN X US TOTAL yoy_pct", customs}},
		{name: "series-out-of-range", args: []string{"series", "-reporter", "CN", "-from", "2030-01", "CN X US TOTAL yoy_pct", customs}, code: exitUsage},
		{name: "series-exports-2025", args: []string{"series", "-reporter", "CN", "-from", "2025-01", "-to", "2025-11", "CN X WLD TOTAL value", customs}},
		{name: "series-exports-csv", args: []string{"series", "-reporter", "CN", "-format", "csv", "-from", "2025-09", "CN X WLD TOTAL value", customs}},
		{name: "series-exports-cny", args: []string{"series", "-reporter", "CN", "-unit", "CNY_TN", "-from", "2025-01", "CN X WLD TOTAL value", customs}},
		{name: "series-rare-earths", args: []string{"series", "-reporter", "CN", "-from", "2025-01", "CN X WLD RARE_EARTHS quantity", commodities}},
		{name: "series-stdin", stdin: func(t *testing.T) io.Reader { return gzipped(t, commodities) },
			args: []string{"series", "-reporter", "CN", "-from", "2025-06", "CN M WLD SOYBEANS quantity"}},
		{name: "series-no-such-key", args: []string{"series", "-reporter", "CN", "CN X FR TOTAL value", customs}, code: exitError},
		{name: "series-bad-key", args: []string{"series", "-reporter", "CN", "CN X", customs}, code: exitUsage},
		{name: "series-comext-euros", args: []string{"series", "-vintage", "2024-04-15", "DE M CN 8542.31.90 value", "../../testdata/comext/full_v2_202402.dat"}},

		// report: text, CSV and JSON, exact or rounded for display.
		{name: "report-text", args: []string{"report", "-reporter", "CN", "-month", "2025-11", customs}},
		{name: "report-csv-rounded", args: []string{"report", "-reporter", "CN", "-month", "2025-11", "-format", "csv", "-round", "1", customs}},
		{name: "report-json", args: []string{"report", "-reporter", "CN", "-month", "2025-11", "-format", "json", customs}},
		{name: "report-comtrade", args: []string{"report", "-vintage", "2025-12-08", "-unit", "USD_M", comtrade}},
		{name: "report-no-trade", args: []string{"report", "-reporter", "CN", commodities}, code: exitError},
		{name: "report-bad-format", args: []string{"report", "-format", "xml", customs}, code: exitUsage},

		// convert: any format into the library's CSV.
		{name: "convert-comtrade", args: []string{"convert", "-vintage", "2025-12-08", comtrade}},
		{name: "convert-bad-rows", args: []string{"convert", "-reporter", "CN", "testdata/bad.csv"}, code: exitError},

		// The conventions of Go's command-line tools.
		{name: "no-arguments", args: nil, code: exitUsage},
		{name: "help", args: []string{"help"}},
		{name: "help-check", args: []string{"help", "check"}},
		{name: "check-h", args: []string{"check", "-h"}},
		{name: "unknown-command", args: []string{"plot"}, code: exitUsage},
		{name: "unknown-flag", args: []string{"series", "-nope", "CN X WLD TOTAL value"}, code: exitUsage},
		{name: "two-files", args: []string{"report", customs, commodities}, code: exitUsage},
		{name: "chart-to-terminal", args: []string{"chart", "-reporter", "CN", "CN X WLD TOTAL value", customs}, code: exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdin io.Reader
			if tt.stdin != nil {
				stdin = tt.stdin(t)
			}
			var r result
			if tt.name == "chart-to-terminal" {
				var out, errs bytes.Buffer
				r.code = run(context.Background(), &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs, stdoutTerminal: true}, tt.args)
				r.stdout, r.stderr = out.String(), errs.String()
			} else {
				r = run1(t, stdin, tt.args...)
			}
			assert.Equal(t, tt.code, r.code, "exit status; stderr:\n%s", r.stderr)
			golden.Check(t, tt.name, transcript(tt.args, r))
		})
	}
}

// TestErrorsGoToStderr checks that a command that fails writes nothing
// but its error, to standard error, and that check's findings name the
// file, line and column.
func TestErrorsGoToStderr(t *testing.T) {
	r := run1(t, nil, "series", "-reporter", "CN", "CN X FR TOTAL value", customs)
	assert.Equal(t, exitError, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "no series CHN X FRA TOTAL value")

	r = run1(t, nil, "check", "-reporter", "CN", "testdata/bad.csv")
	assert.Equal(t, exitError, r.code)
	for _, want := range []string{
		"bad.csv:3:1: column period", "bad.csv:4:2: column flow", "bad.csv:5:6: column value",
		"bad.csv:6:3: column partner", "bad.csv:7: duplicate observation", "bad.csv:8:6:", "bad.csv:9:",
	} {
		assert.Contains(t, r.stderr, want)
	}
	assert.NotContains(t, r.stdout, "bad.csv:3:", "the errors are on standard error, the summary on standard output")
}

// TestChart draws each kind of chart as PNG and SVG and checks that the
// PNG decodes at the size asked for and that the SVG says what it should.
func TestChart(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // text the SVG must have
	}{
		{"us-rates", []string{"-below", "-10", "-from", "2024-01", "-to", "2025-11", "CN X US TOTAL yoy_pct"},
			[]string{"China's exports to the United States, change on a year earlier, as published", "−10%", "8 months below −10%", "Source: china-customs.csv"}},
		{"contributions", []string{"-contributions", "2025-11", "-credit", "GACC", "CN X WLD TOTAL value"},
			[]string{"United States", "−4.3", "Rest of world", "+10.1", "Total growth", "+5.8%", "Source: GACC"}},
		{"exports-yoy", []string{"-yoy", "-from", "2025-01", "CN X WLD TOTAL value"},
			[]string{"Change on a year earlier, computed from the levels in USD 100 mn", "No value for 2025-07, 2025-10."}},
		{"exports", []string{"-title", "Exports", "-size", "print", "CN X WLD TOTAL value"},
			[]string{"Exports", "USD 100 mn", "3,600", "Figures for two months together (January and February) are not drawn."}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			size := chart.Web()
			if tt.name == "exports" {
				size = chart.Print()
			}
			for _, ext := range []string{".png", ".svg"} {
				out := filepath.Join(dir, tt.name+ext)
				args := append([]string{"chart", "-reporter", "CN", "-o", out}, tt.args...)
				r := run1(t, nil, append(args, customs)...)
				require.Equal(t, exitOK, r.code, r.stderr)
				assert.Empty(t, r.stdout+r.stderr)
				b, err := os.ReadFile(out)
				require.NoError(t, err)
				if ext == ".png" {
					if testing.Short() && tt.name == "exports" {
						continue // decoding 2.3 million pixels under the race detector is slow
					}
					img, err := png.Decode(bytes.NewReader(b))
					require.NoError(t, err)
					w, h := size.Pixels()
					assert.Equal(t, image.Rect(0, 0, w, h), img.Bounds())
					continue
				}
				texts := strings.Join(svgTexts(t, b), "\n")
				for _, want := range tt.want {
					assert.Contains(t, texts, want)
				}
			}
		})
	}
	// Standard output, as SVG, when it is not a terminal.
	r := run1(t, nil, "chart", "-reporter", "CN", "-format", "svg", "CN X WLD TOTAL value", customs)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, svgTexts(t, []byte(r.stdout)), "China's exports to the world")
}

// TestChartFailureKeepsTheFile: a chart that cannot be drawn (months
// outside the series, or none of its figures among them) is an error that
// says so, without a panic, and leaves a file already at the output path
// as it was, and no other file beside it.
func TestChartFailureKeepsTheFile(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "keep.png")
	require.NoError(t, os.WriteFile(out, []byte("an earlier chart"), 0o640))
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-from", "2030-01", "CN X US TOTAL yoy_pct"}, exitUsage,
			"tradeflow chart: -from 2030-01: no month of the series (2024-01 to 2025-11) to draw\n"},
		{[]string{"-yoy", "-to", "2020-01", "CN X US TOTAL value"}, exitUsage,
			"tradeflow chart: -to 2020-01: no month of the series (2025-04 to 2025-11) to draw\n"},
		{[]string{"-from", "2023-05", "-to", "2023-06", "CN X WLD TOTAL value"}, exitError,
			"tradeflow chart: CHN X WLD TOTAL value: no figure between -from and -to to draw: chart: nothing to draw\n"},
	} {
		r := run1(t, nil, append(append([]string{"chart", "-reporter", "CN", "-o", out}, tt.args...), customs)...)
		assert.Equal(t, tt.code, r.code, "%v", tt.args)
		assert.True(t, strings.HasPrefix(r.stderr, tt.want), "%v: %s", tt.args, r.stderr)
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, "an earlier chart", string(b))
		fi, err := os.Stat(out)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm())
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		assert.Len(t, entries, 1, "no file left beside it")
	}
	// Drawn, it replaces the file, whose permissions it keeps.
	r := run1(t, nil, "chart", "-reporter", "CN", "-o", out, "CN X US TOTAL yoy_pct", customs)
	require.Equal(t, exitOK, r.code, r.stderr)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	_, err = png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	fi, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o640), fi.Mode().Perm())
}

// svgTexts returns the text elements of an SVG document.
func svgTexts(t *testing.T, b []byte) []string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	var texts []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return texts
		}
		require.NoError(t, err)
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "text" {
			var s string
			require.NoError(t, d.DecodeElement(&s, &se))
			texts = append(texts, s)
		}
	}
}

// TestConvertRoundTrip converts the shipped data into the library's CSV
// and reads it back: every figure, with its vintage, source and note, is
// the same.
func TestConvertRoundTrip(t *testing.T) {
	for _, path := range []string{customs, commodities} {
		r := run1(t, nil, "convert", "-reporter", "CN", path)
		require.Equal(t, exitOK, r.code, r.stderr)
		want, err := tradeflow.LoadFile(path, tradeflow.WithReporter("CN"))
		require.NoError(t, err)
		got, err := tradeflow.Load(strings.NewReader(r.stdout), "converted.csv")
		require.NoError(t, err, "the converted file has its reporter column")
		var w, g []tradeflow.Figure
		for f := range want.Figures() {
			w = append(w, f)
		}
		for f := range got.Figures() {
			g = append(g, f)
		}
		require.Len(t, g, len(w))
		for i := range w {
			assert.Equal(t, w[i].Key, g[i].Key)
			assert.Equal(t, w[i].Period, g[i].Period)
			assert.Equal(t, w[i].Printed(), g[i].Printed(), "%v %v", w[i].Key, w[i].Period)
			assert.Equal(t, w[i].Unit, g[i].Unit)
			assert.Equal(t, w[i].Vintage, g[i].Vintage)
			assert.Equal(t, w[i].Source, g[i].Source)
			assert.Equal(t, w[i].Note, g[i].Note)
		}
		// And the converted file checks clean from standard input.
		c := run1(t, strings.NewReader(r.stdout), "check")
		assert.Equal(t, exitOK, c.code, c.stderr)
	}
	// To a file, with -o.
	out := filepath.Join(t.TempDir(), "comtrade.csv")
	r := run1(t, nil, "convert", "-vintage", "2025-12-08", "-o", out, comtrade)
	require.Equal(t, exitOK, r.code, r.stderr)
	ds, err := tradeflow.LoadFile(out)
	require.NoError(t, err)
	assert.Equal(t, 4, ds.Len())
}

// bigFile is a file of the library's CSV format large enough for the
// reader to report progress: several blocks of a few megabytes.
func bigFile(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n")
	n := 0
	for c := range partner.Codes() {
		if c == partner.World() || c.IsAggregate() {
			continue
		}
		for y := 2000; y < 2025; y++ {
			for m := 1; m <= 12; m++ {
				for _, f := range []string{"X", "M"} {
					fmt.Fprintf(&b, "CN,%d-%02d,%s,%s,TOTAL,value,%d.5,USD_M,%d-%02d-15,synthetic,\n", y, m, f, c.Alpha2(), n%9973, y, m)
					n++
				}
			}
		}
	}
	require.Greater(t, b.Len(), 2*(4<<20), "too small for the reader to report progress")
	return b.Bytes()
}

// TestProgress checks that a long read shows progress on standard error
// when it is a terminal, clears the line after, and shows nothing when it
// is not.
func TestProgress(t *testing.T) {
	data := bigFile(t)
	var out, errs bytes.Buffer
	e := &env{stdin: bytes.NewReader(data), stdout: &out, stderr: &errs, progress: true, progressAfter: time.Nanosecond}
	require.Equal(t, exitOK, run(context.Background(), e, []string{"check", "-"}), errs.String())
	assert.Contains(t, errs.String(), "\r"+stdinName+": ")
	assert.Contains(t, errs.String(), "rows read")
	assert.True(t, strings.HasSuffix(errs.String(), "\r\x1b[K"), "the line is cleared when the read is done: %q", errs.String())
	assert.NotContains(t, out.String(), "\r", "progress stays off standard output")

	r := run1(t, bytes.NewReader(data), "check", "-")
	require.Equal(t, exitOK, r.code)
	assert.Empty(t, r.stderr, "no progress when standard error is not a terminal")

	// A file's progress is a percentage of its size.
	path := filepath.Join(t.TempDir(), "big.csv")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	errs.Reset()
	e.stdin = nil
	require.Equal(t, exitOK, run(context.Background(), e, []string{"check", path}))
	assert.Contains(t, errs.String(), "big.csv: ")
	assert.Contains(t, errs.String(), "%,")
}

// TestBinary builds the command and runs it as a user would, for its exit
// statuses and where it writes: data to standard output, errors to
// standard error, no progress when standard error is a pipe.
func TestBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "tradeflow")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // text each must have; "" for none at all
	}{
		{[]string{"check", "-reporter", "CN", customs}, exitOK, "280 with figures", ""},
		{[]string{"check", "-reporter", "CN", "testdata/bad.csv"}, exitError, "errors   7, on standard error", "bad.csv:3:1: column period"},
		{[]string{"check", "-nope"}, exitUsage, "", "flag provided but not defined: -nope"},
		{[]string{"series", "-h"}, exitOK, "usage: tradeflow series [flags] key [file]", ""},
		{[]string{"-h"}, exitOK, "usage: tradeflow <command>", ""},
		{[]string{}, exitUsage, "", "usage: tradeflow <command>"},
		{[]string{"report", "-reporter", "CN", "-month", "2025-11", customs}, exitOK, "exports  USD 100 mn  3,303.5 p", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errs bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Stdout, cmd.Stderr = &out, &errs
			err := cmd.Run()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.code, code, "stderr: %s", errs.String())
			for _, s := range []struct{ got, want string }{{out.String(), tt.stdout}, {errs.String(), tt.stderr}} {
				if s.want == "" {
					assert.Empty(t, s.got)
				} else {
					assert.Contains(t, s.got, s.want)
				}
			}
		})
	}
}

// TestReadme runs the command-line example of the module's README, from
// the module's root, and checks that it prints what the README shows.
func TestReadme(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, block, ok := strings.Cut(string(readme), "```\n$ tradeflow ")
	require.True(t, ok, "the README has no example of the command")
	block, _, ok = strings.Cut(block, "```")
	require.True(t, ok)
	line, want, _ := strings.Cut(block, "\n")
	args := splitArgs(line)
	for i, a := range args {
		if strings.HasPrefix(a, "examples/") {
			args[i] = "../../" + a // the README's paths are from the module's root
		}
	}
	r := run1(t, nil, args...)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Equal(t, want, r.stdout)
}

// splitArgs splits a shell command line at spaces outside double quotes.
func splitArgs(s string) []string {
	var args []string
	var cur strings.Builder
	quoted, started := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted, started = !quoted, true
		case r == ' ' && !quoted:
			if started {
				args, started = append(args, cur.String()), false
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
			started = true
		}
	}
	if started {
		args = append(args, cur.String())
	}
	return args
}

// A file whose months reach 9999-12, the last there is, is valid: every
// command reads it without a panic.
func TestLastMonths(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "late.csv")
	require.NoError(t, os.WriteFile(file, []byte("period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"+
		"9998-12,X,WLD,TOTAL,value,6,USD_1000,9999-12,s,\n9999-10,X,WLD,TOTAL,value,5,USD_1000,9999-12,s,\n9999-12,X,WLD,TOTAL,value,7,USD_1000,9999-12,s,\n"), 0o644))
	key := "CN X WLD TOTAL value"
	for _, args := range [][]string{
		{"check", "-reporter", "CN", "-keys", file},
		{"series", "-reporter", "CN", key, file},
		{"chart", "-reporter", "CN", "-o", filepath.Join(dir, "late.svg"), key, file},
		{"chart", "-reporter", "CN", "-yoy", "-o", filepath.Join(dir, "yoy.svg"), key, file},
		{"report", "-reporter", "CN", "-month", "9999-12", file},
	} {
		r := run1(t, nil, args...)
		assert.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
	}
	r := run1(t, nil, "check", "-reporter", "CN", file)
	assert.Contains(t, r.stdout, "9998-12 to 9999-12, 13 months; no figure for 9999-01")
}

// TestConvertRoundTripEveryFormat converts a fixture of each format, with
// and without the flags that keep more rows, and reads the result back:
// the same figures (keys, periods, values with their digits, units,
// vintages, sources, notes, editions, flags and breakdowns), and
// converting the converted file again changes nothing. Notes and sources
// with commas, quotes, newlines and other scripts survive.
func TestConvertRoundTripEveryFormat(t *testing.T) {
	figures := func(ds *tradeflow.Dataset) string {
		var b strings.Builder
		for f := range ds.Figures() {
			fmt.Fprintf(&b, "%v|%v|%s|%v|%v|%q|%q|%v|%v|%v\n", f.Key, f.Period, f.Printed(), f.Unit, f.Vintage, f.Source, f.Note, f.Edition, f.Flags, f.Key.Breakdown)
		}
		return b.String()
	}
	notes := filepath.Join(t.TempDir(), "notes.csv")
	require.NoError(t, os.WriteFile(notes, []byte("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"+
		"CN,2025-01/2025-02,X,US,TOTAL,value,1.50,USD_M,2025-03-07,\"GACC, table 1\",\"a \"\"combined\"\" figure,\nsee\r\nabove\"\n"+
		"CN,2025-03,X,US,TOTAL,value,-0.000,USD_M,2025-04-07,海关总署,données révisées «x»\n"), 0o644))
	files := []string{customs, commodities, comtrade, notes}
	for _, dir := range []string{"baci", "census", "comext", "comtrade"} {
		m, err := filepath.Glob("../../testdata/" + dir + "/*")
		require.NoError(t, err)
		for _, f := range m {
			if !strings.HasSuffix(f, ".golden") && !strings.Contains(f, "country_codes") {
				files = append(files, f)
			}
		}
	}
	for _, f := range files {
		for _, more := range []bool{false, true} {
			var flags []string
			var opts []tradeflow.ReadOption
			switch {
			case f == customs || f == commodities:
				flags, opts = []string{"-reporter", "CN"}, []tradeflow.ReadOption{tradeflow.WithReporter("CN")}
			case f != notes && !strings.Contains(f, "BACI"):
				flags, opts = []string{"-vintage", "2025-12-08"}, []tradeflow.ReadOption{tradeflow.WithVintage("2025-12-08")}
			}
			if more {
				flags = append(flags, "-breakdowns", "-other-codes", "-unlisted")
				opts = append(opts, tradeflow.KeepBreakdowns(), tradeflow.KeepOtherCodes(), tradeflow.Unlisted())
			}
			want, err := tradeflow.ReadAnyFile(context.Background(), f, opts...)
			r := run1(t, nil, append(append([]string{"convert"}, flags...), f)...)
			if err != nil {
				// Services and other classifications, refused without
				// -other-codes, by the command as by the library.
				assert.NotEqual(t, exitOK, r.code, "%s: the library refused it: %v", f, err)
				continue
			}
			require.Equal(t, exitOK, r.code, "%s %v: %s", f, flags, r.stderr)
			got, err := tradeflow.Load(strings.NewReader(r.stdout), "converted.csv", tradeflow.Unlisted(), tradeflow.KeepBreakdowns())
			require.NoError(t, err, "%s %v", f, flags)
			assert.Equal(t, figures(want), figures(got), "%s %v", f, flags)
			if f == notes {
				assert.Contains(t, figures(got), `"GACC, table 1"|"a \"combined\" figure,\nsee\r\nabove"`)
				assert.Contains(t, figures(got), `"海关总署"|"données révisées «x»"`)
			}
			again := run1(t, strings.NewReader(r.stdout), "convert", "-unlisted", "-breakdowns", "-")
			assert.Equal(t, r.stdout, again.stdout, "%s %v: converted twice", f, flags)
		}
	}
}

// check's months: the months between the first and the last with no
// figure, a figure covering every month of its period, at a cost that
// does not grow with the months each period covers (20,000 spans of
// 5,000 years each were 1.2 billion steps).
func TestCheckMonths(t *testing.T) {
	load := func(body string) *tradeflow.Dataset {
		t.Helper()
		ds, _ := tradeflow.Load(strings.NewReader("period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"+body), "m.csv",
			tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
		require.NotNil(t, ds)
		return ds
	}
	row := func(per string) string { return per + ",X,WLD,TOTAL,value,1,USD,2025-12-08,s,\n" }
	for _, tc := range []struct{ rows, want string }{
		{row("2025-03"), "2025-03 only"},
		{row("2025-01/2025-06") + row("2025-03") + row("2025-09"), "2025-01 to 2025-09, 9 months; no figure for 2025-07, 2025-08"},
		{row("2024-01/2024-12") + row("2024-03/2024-05") + row("2025-02"), "2024-01 to 2025-02, 14 months; no figure for 2025-01"},
		{row("2020-01") + row("2022-01"), "2020-01 to 2022-01, 25 months; no figure for 2020-02, 2020-03, 2020-04, 2020-05, 2020-06, 2020-07, " +
			"2020-08, 2020-09, 2020-10, 2020-11, 2020-12, 2021-01, … and 11 more"},
		{row("0001-01") + row("9999-12"), "0001-01 to 9999-12, 119,988 months; no figure for 0001-02, 0001-03, 0001-04, 0001-05, 0001-06, " +
			"0001-07, 0001-08, 0001-09, 0001-10, 0001-11, 0001-12, 0002-01, … and 119,974 more"},
	} {
		assert.Equal(t, tc.want, months(load(tc.rows)), tc.rows)
	}

	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "%04d-%02d/%04d-%02d,X,WLD,TOTAL,value,1,USD,2025-12-08,s,\n", 1000+i%3000, 1+i%12, 6000+i%3000, 1+i/12%12)
	}
	ds := load(b.String())
	done := make(chan string, 1)
	go func() { done <- months(ds) }()
	select {
	case got := <-done:
		assert.Equal(t, "1000-01 to 8999-12, 96,000 months, each with a figure", got)
	case <-time.After(5 * time.Second):
		t.Fatal("months of 20,000 periods of 5,000 years each: not done in 5s (it is done in milliseconds)")
	}
}
