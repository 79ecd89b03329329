package tradeflow_test

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"testing"

	"github.com/tradeflow-go/tradeflow"
)

// ownFile writes a file of the library's CSV format shaped like a customs
// detail file: 36 months, each listing the same series (partner × HS line)
// in the same order, one vintage and source.
func ownFile(rows int) []byte { return ownFileMonths(rows, 36) }

// ownFileMonths is ownFile over a number of months.
func ownFileMonths(rows, months int) []byte {
	var b bytes.Buffer
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n")
	perMonth := (rows + months - 1) / months
	partners := []string{"US", "JP", "KR", "DE", "VN", "BR", "AU", "IN", "FR", "GB", "IT", "NL", "MX", "CA", "TH", "MY", "ID", "PH", "SG", "RU"}
	n := 0
	for m := 0; m < months && n < rows; m++ {
		for s := 0; s < perMonth && n < rows; s++ {
			line := s / len(partners)
			fmt.Fprintf(&b, "CN,%04d-%02d,X,%s,%02d%02d%02d,value,%d.%02d,USD_1000,2026-01-20,GACC detail file,\n",
				2023+m/12, 1+m%12, partners[s%len(partners)], 1+line%76, 1+line/76%90, 10+line/6840%90, 1000+(s*7+m)%99991, (s+m)%100)
			n++
		}
	}
	return b.Bytes()
}

// BenchmarkLoad reads a million rows of the library's own CSV format.
func BenchmarkLoad(b *testing.B) {
	data := ownFile(1_000_000)
	// Measured before the timed loop, with nothing else live.
	live := liveBytes(func() any {
		ds, _ := tradeflow.Load(bytes.NewReader(data), "detail.csv")
		return ds
	})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		ds, err := tradeflow.Load(bytes.NewReader(data), "detail.csv")
		if err != nil {
			b.Fatal(err)
		}
		if ds.Len() != 1_000_000 {
			b.Fatalf("%d figures", ds.Len())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/row")
	b.ReportMetric(live/1e6, "live-B/row")
}

// liveBytes returns the bytes of heap that what load returns keeps live
// (its index included: it is built by the load), after a collection.
func liveBytes(load func() any) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return float64(after.HeapAlloc) - float64(before.HeapAlloc)
}

// BenchmarkWrite writes datasets of 10,000 and 100,000 keys, three months
// each: the time a key takes should not grow with the number of keys.
func BenchmarkWrite(b *testing.B) {
	for _, keys := range []int{10_000, 100_000} {
		b.Run(fmt.Sprintf("keys=%d", keys), func(b *testing.B) {
			ds, err := tradeflow.Load(bytes.NewReader(ownFileMonths(keys*3, 3)), "detail.csv")
			if err != nil {
				b.Fatal(err)
			}
			n := len(ds.Keys())
			if n != keys {
				b.Fatalf("%d keys", n)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := tradeflow.Write(io.Discard, ds); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/key")
		})
	}
}
