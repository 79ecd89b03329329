package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"sync"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/cputime"
)

// -panel names a SPEC file for the benchmarks, such as one made by the
// SPEC's generator: go test -bench . -panel /path/panel1m.csv ./examples/panel
var panelFile = flag.String("panel", "", "a SPEC CSV file for the benchmarks (default: the 100k test file)")

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

func rowsPerOp(b *testing.B, rows int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

// BenchmarkRun is the whole program, from bytes in memory to the report.
func BenchmarkRun(b *testing.B) {
	data := benchInput(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := cputime.Meter(b)
	for b.Loop() {
		if err := run(context.Background(), io.Discard, bytes.NewReader(data), "panel.csv", 0); err != nil {
			b.Fatal(err)
		}
	}
	rowsPerOp(b, bytes.Count(data, []byte("\n"))-1)
	cpu(bytes.Count(data, []byte("\n")) - 1)
}

// BenchmarkRead is the library's reader alone: tradeflow.Read of the file
// through the program's schema, on every core.
func BenchmarkRead(b *testing.B) {
	data := benchInput(b)
	rows := bytes.Count(data, []byte("\n")) - 1
	// What a read dataset keeps (its rows, keys and index), in bytes a row
	// after a collection: measured first, with nothing else live.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	ds, err := tradeflow.Read(context.Background(), bytes.NewReader(data), "panel.csv", schema())
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(ds)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := cputime.Meter(b)
	for b.Loop() {
		if _, err := tradeflow.Read(context.Background(), bytes.NewReader(data), "panel.csv", schema()); err != nil {
			b.Fatal(err)
		}
	}
	rowsPerOp(b, rows)
	cpu(rows)
	b.ReportMetric((float64(after.HeapAlloc)-float64(before.HeapAlloc))/float64(rows), "live-B/row")
}

// BenchmarkParseSum is the scale of the machine, not of the library: a
// minimal parse of the same bytes on every core (split the lines, read the
// value column's digits, add them up), with none of what Read does beyond
// that — no key, period or check, nothing kept. BenchmarkRead's MB/s
// against this one's is how far the reader is from the hardware.
func BenchmarkParseSum(b *testing.B) {
	data := benchInput(b)
	data = data[bytes.IndexByte(data, '\n')+1:] // the header
	workers := runtime.GOMAXPROCS(0)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		sums := make([]int64, workers)
		var wg sync.WaitGroup
		for g := range workers {
			lo, hi := lineStart(data, len(data)*g/workers), lineStart(data, len(data)*(g+1)/workers)
			wg.Add(1)
			go func() {
				defer wg.Done()
				sums[g] = parseSum(data[lo:hi])
			}()
		}
		wg.Wait()
		var total int64
		for _, s := range sums {
			total += s
		}
		if total == 0 {
			b.Fatal("no value read")
		}
	}
}

// lineStart returns the start of the line that i is in, or len(data).
func lineStart(data []byte, i int) int {
	if i == 0 || i >= len(data) {
		return min(i, len(data))
	}
	k := bytes.IndexByte(data[i-1:], '\n')
	if k < 0 {
		return len(data) // in the last line, which has no newline
	}
	return i + k
}

// parseSum returns the sum of the SPEC's value_usd column (the sixth) of
// the lines of data, in cents.
func parseSum(data []byte) int64 {
	var sum int64
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		col := 0
		var v int64
		for _, c := range data[:end] {
			switch {
			case c == ',':
				col++
			case col == 5 && c != '.':
				v = v*10 + int64(c-'0')
			}
		}
		sum += v
		data = data[min(end+1, len(data)):]
	}
	return sum
}

func benchDataset(b *testing.B) *tradeflow.Dataset {
	b.Helper()
	ds, err := tradeflow.Read(context.Background(), bytes.NewReader(benchInput(b)), "panel.csv", schema())
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

// BenchmarkCompute is everything after reading: the per-series pass (yoy,
// ytd, aggregation) on every core, then contributions and streaks.
func BenchmarkCompute(b *testing.B) {
	ds := benchDataset(b)
	b.ReportAllocs()
	cpu := cputime.Meter(b)
	for b.Loop() {
		if _, err := compute(ds, 2); err != nil {
			b.Fatal(err)
		}
	}
	rowsPerOp(b, ds.Len())
	cpu(ds.Len())
}

// BenchmarkPerSeries is the per-series pass on every core: each series
// built from the dataset, its yoy rounded and summed, its ytd summed, and
// the zero-filled series added up into the aggregates.
func BenchmarkPerSeries(b *testing.B) {
	ds := benchDataset(b)
	b.ReportAllocs()
	cpu := cputime.Meter(b)
	for b.Loop() {
		if _, _, err := perSeries(ds, ds.Months(), 2); err != nil {
			b.Fatal(err)
		}
	}
	rowsPerOp(b, ds.Len())
	cpu(ds.Len())
}

// BenchmarkContributions is the contributions phase: the totals of both
// flows, and partner.Contributions for every month with a base.
func BenchmarkContributions(b *testing.B) {
	ds := benchDataset(b)
	fps, _, err := perSeries(ds, ds.Months(), 2)
	if err != nil {
		b.Fatal(err)
	}
	x, m := partsOf(fps, tradeflow.Exports), partsOf(fps, tradeflow.Imports)
	b.ReportAllocs()
	for b.Loop() {
		var rep report
		if err := contributions(&rep, tradeflow.Exports, x, ds.Months()); err != nil {
			b.Fatal(err)
		}
		if err := contributions(&rep, tradeflow.Imports, m, ds.Months()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreaks is the streaks phase: YoY and Streak of every aggregate.
func BenchmarkStreaks(b *testing.B) {
	ds := benchDataset(b)
	fps, _, err := perSeries(ds, ds.Months(), 2)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		streaks(fps, ds.Months().Last)
	}
}
