package tradeflow

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"testing"
)

// panelSample returns the 100k-row file of examples/panel, decompressed.
func panelSample(tb testing.TB) []byte {
	f, err := os.Open("examples/panel/testdata/panel100k.csv.gz")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// BenchmarkParseBlock is one worker parsing one block of the panel file
// whose keys it has met before: the reader's inner loop, on one core.
func BenchmarkParseBlock(b *testing.B) {
	data := panelSample(b)
	s := Schema{Name: "panel", Period: Column("period"), Reporter: Column("reporter"), Partner: Column("partner"), Flow: Column("flow"),
		Commodity: Column("hs"), Classification: Const("PANEL"), Value: Column("value_usd"), Unit: Const("USD"), Unlisted: true}
	nl := bytes.IndexByte(data, '\n')
	p, err := newPlan("p", s, data[:nl], readConfig{maxLine: DefaultMaxLine})
	if err != nil {
		b.Fatal(err)
	}
	ds := NewDataset("p")
	w := newWorker(p, ds)
	body := data[nl+1:]
	res := w.parse(&block{buf: bytes.Clone(body)}, &result{})
	rows := res.rows
	buf := make([]byte, len(body))
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		copy(buf, body)
		res = w.parse(&block{buf: buf}, res)
		if len(res.errs) > 0 {
			b.Fatal(res.errs[0])
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
}

// BenchmarkLearn reads a file whose every row is of a series not met
// before: the cost of learning a key, 100,000 of them.
func BenchmarkLearn(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("period,reporter,partner,flow,hs,value_usd\n")
	for i := range 100_000 {
		fmt.Fprintf(&buf, "2025-11,CN,%c%c,X,%02d%02d%02d,%d.%02d\n", 'A'+i%26, 'A'+i/26%26, 1+i/676%90, 1+i/(676*90)%90, i%97, i%1000, i%100)
	}
	data := buf.Bytes()
	s := Schema{Name: "panel", Period: Column("period"), Reporter: Column("reporter"), Partner: Column("partner"), Flow: Column("flow"),
		Commodity: Column("hs"), Classification: Const("PANEL"), Value: Column("value_usd"), Unit: Const("USD"), Unlisted: true}
	for b.Loop() {
		ds, err := Read(context.Background(), bytes.NewReader(data), "f", s)
		if err != nil {
			b.Fatal(err)
		}
		if ds.series.len() != 100_000 {
			b.Fatalf("%d series", ds.series.len())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/key")
}

// A record followed through chunks ends where the splitter's rule for a
// whole buffer says it does, wherever the chunks are cut: the long record
// a splitter reads through must end where a worker's would.
func TestRecordScanChunks(t *testing.T) {
	alphabet := []byte("a,;\"\n\t")
	rng := uint64(1)
	next := func(n int) int {
		rng = rng*6364136223846793005 + 1442695040888963407
		return int(rng>>33) % n
	}
	for trial := range 20000 {
		b := make([]byte, 1+next(24))
		for i := range b {
			b[i] = alphabet[next(len(alphabet))]
		}
		delim := []byte(",;\t")[trial%3]
		// The first record end by lastRecordEnd: the shortest prefix
		// that ends a record.
		want := -1
		for k := 1; k <= len(b); k++ {
			if lastRecordEnd(b[:k], delim) > 0 {
				want = k
				break
			}
		}
		sc := recordScan{prev: '\n'}
		got := -1
		for i := 0; i < len(b); {
			j := min(len(b), i+1+next(4))
			if end := sc.scan(b[i:j], delim); end >= 0 {
				got = i + end
				break
			}
			i = j
		}
		if got != want {
			t.Fatalf("%q (delimiter %q): the record ends at %d, lastRecordEnd says %d", b, delim, got, want)
		}
	}
}
