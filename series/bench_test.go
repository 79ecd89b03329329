package series_test

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"testing"

	"github.com/tradeflow-go/tradeflow/series"
)

// One million values, in two shapes: a panel of 10,000 series of 100 months
// (like a customs detail file), and 10 long series of 100,000 months.
var benchShapes = []struct{ series, months int }{{10_000, 100}, {10, 100_000}}

type benchData struct {
	ss  []series.Series[series.USD]
	raw [][]int64 // the same coefficients, for the plain loops
}

func makeBench(nSeries, months int) benchData {
	rng := rand.New(rand.NewPCG(7, 8))
	var bd benchData
	start := series.MustParseMonth("0001-01")
	for s := 0; s < nSeries; s++ {
		vals := make([]int64, months)
		level := 1_000_000 + rng.Int64N(1_000_000_000_000) // cents
		for i := range vals {
			vals[i] = level*7/10 + rng.Int64N(level*6/10) // ±30% around the level
		}
		var b series.Builder[series.USD]
		for i, v := range vals {
			b.SetInt(start.AddMonths(i), v, -2)
		}
		x, err := b.Series()
		if err != nil {
			panic(err)
		}
		bd.ss = append(bd.ss, x)
		bd.raw = append(bd.raw, vals)
	}
	return bd
}

func BenchmarkYoY(b *testing.B) {
	for _, sh := range benchShapes {
		bd := makeBench(sh.series, sh.months)
		b.Run(fmt.Sprintf("%dx%d", sh.series, sh.months), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range bd.ss {
					series.YoY(s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sh.series*sh.months), "ns/value")
		})
	}
}

// BenchmarkYoYPlainInt64 is the floor to compare BenchmarkYoY with: the same
// 128-bit percent arithmetic over bare []int64, no missing months, no
// overflow fallback, no result series.
func BenchmarkYoYPlainInt64(b *testing.B) {
	for _, sh := range benchShapes {
		bd := makeBench(sh.series, sh.months)
		out := make([]int64, sh.months)
		b.Run(fmt.Sprintf("%dx%d", sh.series, sh.months), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, vals := range bd.raw {
					for i := 12; i < len(vals); i++ {
						a, base := vals[i], vals[i-12]
						d := a - base
						neg := d < 0
						if neg {
							d = -d
						}
						hi, lo := bits.Mul64(uint64(d), 1e15)
						q, r := bits.Div64(hi, lo, uint64(base))
						if r != 0 {
							q |= 1
						}
						if neg {
							out[i] = -int64(q)
						} else {
							out[i] = int64(q)
						}
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sh.series*sh.months), "ns/value")
		})
	}
}

func BenchmarkYearToDate(b *testing.B) {
	for _, sh := range benchShapes {
		bd := makeBench(sh.series, sh.months)
		b.Run(fmt.Sprintf("%dx%d", sh.series, sh.months), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range bd.ss {
					series.YearToDate(s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sh.series*sh.months), "ns/value")
		})
	}
}

// BenchmarkYearToDatePlainInt64 is the floor for BenchmarkYearToDate: a
// running sum reset every twelve values.
func BenchmarkYearToDatePlainInt64(b *testing.B) {
	for _, sh := range benchShapes {
		bd := makeBench(sh.series, sh.months)
		out := make([]int64, sh.months)
		b.Run(fmt.Sprintf("%dx%d", sh.series, sh.months), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, vals := range bd.raw {
					var run int64
					for i, v := range vals {
						if i%12 == 0 {
							run = 0
						}
						run += v
						out[i] = run
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sh.series*sh.months), "ns/value")
		})
	}
}

func BenchmarkBuilder(b *testing.B) {
	for _, sh := range benchShapes {
		bd := makeBench(sh.series, sh.months)
		start := series.MustParseMonth("0001-01")
		b.Run(fmt.Sprintf("%dx%d", sh.series, sh.months), func(b *testing.B) {
			b.ReportAllocs()
			var bl series.Builder[series.USD]
			for b.Loop() {
				for _, vals := range bd.raw {
					bl.Reset()
					for i, v := range vals {
						bl.SetInt(start.AddMonths(i), v, -2)
					}
					if _, err := bl.Series(); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(sh.series*sh.months), "ns/value")
		})
	}
}

// benchCoderSeries is three years of monthly values in USD 100 million
// with one decimal, the size of one key of a customs panel.
func benchCoderSeries() series.Series[series.USD100M] {
	var b series.Builder[series.USD100M]
	for i := range 36 {
		b.SetInt(series.MustParseMonth("2023-01").AddMonths(i), int64(30000+137*i), -1)
	}
	s, err := b.Series()
	if err != nil {
		panic(err)
	}
	return s
}

// BenchmarkBinary is the series' binary form as a pipeline coder uses it:
// encode into a reused buffer, and decode.
func BenchmarkBinary(b *testing.B) {
	s := benchCoderSeries()
	b.Run("append", func(b *testing.B) {
		buf := make([]byte, 0, 256)
		b.ReportAllocs()
		for b.Loop() {
			var err error
			if buf, err = s.AppendBinary(buf[:0]); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(buf)), "bytes")
	})
	enc, _ := s.MarshalBinary()
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var back series.Series[series.USD100M]
			if err := back.UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkJSON is the same series through its JSON form.
func BenchmarkJSON(b *testing.B) {
	s := benchCoderSeries()
	b.Run("marshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(s); err != nil {
				b.Fatal(err)
			}
		}
	})
	enc, _ := json.Marshal(s)
	b.Run("unmarshal", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var back series.Series[series.USD100M]
			if err := json.Unmarshal(enc, &back); err != nil {
				b.Fatal(err)
			}
		}
	})
}
