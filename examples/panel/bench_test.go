package main

import (
	"bytes"
	"flag"
	"io"
	"os"
	"testing"
)

// -panel names a SPEC file for BenchmarkRun, such as one made by the SPEC's
// generator: go test -bench Run -panel /path/panel1m.csv ./examples/panel
var panelFile = flag.String("panel", "", "a SPEC CSV file for BenchmarkRun (default: the 100k test file)")

// benchInput returns the bytes of -panel, or of the 100k test file.
func benchInput(b *testing.B) []byte {
	b.Helper()
	if *panelFile != "" {
		data, err := os.ReadFile(*panelFile)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	return testInput(b)
}

// BenchmarkRun is the whole program, from bytes in memory to the report.
func BenchmarkRun(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := run(io.Discard, bytes.NewReader(data), 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRead is the parsing and filing of the rows into the panel,
// parallel as the program runs it.
func BenchmarkRead(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readPanel(bytes.NewReader(data), 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseBlock is the row parser alone, on one core.
func BenchmarkParseBlock(b *testing.B) {
	data := benchInput(b)
	data = data[bytes.IndexByte(data, '\n')+1:]
	if len(data) > blockSize {
		data = data[:bytes.LastIndexByte(data[:blockSize], '\n')+1]
	}
	rows := bytes.Count(data, []byte("\n"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var recs []record
	for b.Loop() {
		var pc periodCache
		var err *parseError
		if recs, err = parseBlock(data, recs[:0], &pc); err != nil {
			b.Fatal(err.msg)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

// BenchmarkCompute is everything after parsing: the per-series pass (yoy,
// ytd, aggregation) on every core, then contributions and streaks.
func BenchmarkCompute(b *testing.B) {
	p, err := readPanel(bytes.NewReader(benchInput(b)), 0)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compute(p, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p.rows), "ns/row")
}

// The phases of compute, each on its own, over the 100k test file or
// -panel.

func benchPanel(b *testing.B) *panel {
	b.Helper()
	p, err := readPanel(bytes.NewReader(benchInput(b)), 0)
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkPerSeries is the per-series pass on every core: each series
// built twice (as observed, and zero-filled), its yoy rounded and summed,
// its ytd summed, and the aggregates added up.
func BenchmarkPerSeries(b *testing.B) {
	p := benchPanel(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := perSeries(p, 0); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(p.rows), "ns/row")
}

// BenchmarkContributions is the contributions phase: the totals of both
// flows, and partner.Contributions for every month with a base.
func BenchmarkContributions(b *testing.B) {
	p := benchPanel(b)
	fps, _, err := perSeries(p, 0)
	if err != nil {
		b.Fatal(err)
	}
	first, last := epoch.AddMonths(int(p.first)), epoch.AddMonths(int(p.last))
	x, m := partsOf(fps, 'X'), partsOf(fps, 'M')
	b.ReportAllocs()
	for b.Loop() {
		var rep report
		if err := contributions(&rep, 'X', x, first, last); err != nil {
			b.Fatal(err)
		}
		if err := contributions(&rep, 'M', m, first, last); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreaks is the streaks phase: YoY and Streak of every aggregate.
func BenchmarkStreaks(b *testing.B) {
	p := benchPanel(b)
	fps, _, err := perSeries(p, 0)
	if err != nil {
		b.Fatal(err)
	}
	last := epoch.AddMonths(int(p.last))
	b.ReportAllocs()
	for b.Loop() {
		streaks(fps, last)
	}
}
