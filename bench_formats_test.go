package tradeflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/cputime"
	"github.com/tradeflow-go/tradeflow/partner"
)

// panelRow is one row of the shared benchmark's trade panel: the data its
// generator (shared/bench/gen) makes, by the same model and the same
// random numbers, so that a file written from these rows in another layout
// holds that panel.
type panelRow struct {
	year, month int
	partner     int // 0 to partners-1
	flow        byte
	hs          string
	cents, kg   int64
}

// panel calls fn with the rows of the generator's panel of about rows
// rows over months months from 2023-01 (its defaults otherwise: 200
// partners, 1% missing, seed 1; the generator's 36 months give its file),
// in the generator's order: month by month. The
// generator's HS codes are random digits; the rows whose code has heading
// 00, which no edition of the HS has, are left out (about 1% of them), so
// that every code is one a customs file could hold.
func panel(rows, months int, fn func(r *panelRow)) {
	const partners, first, gap = 200, 2023, 0.01
	rng := rand.New(rand.NewPCG(1, 0x7261646532))
	nSeries := max(1, int(math.Round(float64(rows)/(float64(months)*(1-gap)))))
	perFlowPartner := max(1, nSeries/(2*partners))
	type series struct {
		partner                int
		hs                     string
		flow                   byte
		base, trend, unitVal   float64
		seasonPhase, seasonAmp float64
	}
	all := make([]series, 0, 2*partners*perFlowPartner)
	for p := 0; p < partners; p++ {
		weight := math.Exp(rng.NormFloat64() * 1.5)
		for _, flow := range []byte{'X', 'M'} {
			drift := rng.NormFloat64() * 0.02
			seen := make(map[string]bool, perFlowPartner)
			for len(seen) < perFlowPartner {
				chapter := 1 + rng.IntN(97)
				if chapter == 77 {
					chapter = 78
				}
				hs := fmt.Sprintf("%02d%04d", chapter, rng.IntN(10000))
				if seen[hs] {
					continue
				}
				seen[hs] = true
				all = append(all, series{partner: p, hs: hs, flow: flow,
					base:        weight * math.Exp(rng.NormFloat64()) * 1e5,
					trend:       drift + rng.NormFloat64()*0.01,
					unitVal:     0.5 + rng.Float64()*20,
					seasonPhase: rng.Float64() * 2 * math.Pi,
					seasonAmp:   rng.Float64() * 0.3,
				})
			}
		}
	}
	var r panelRow
	for m := 0; m < months; m++ {
		year, month := first+m/12, m%12+1
		for _, s := range all {
			if rng.Float64() < gap {
				continue
			}
			level := s.base * math.Exp(s.trend*float64(m)) *
				(1 + s.seasonAmp*math.Sin(2*math.Pi*float64(month)/12+s.seasonPhase)) *
				math.Exp(rng.NormFloat64()*0.15)
			cents := int64(math.Round(level * 100))
			if rng.Float64() < 0.002 {
				cents = 0
			}
			r = panelRow{year: year, month: month, partner: s.partner, flow: s.flow, hs: s.hs,
				cents: cents, kg: int64(math.Round(float64(cents) / 100 / s.unitVal))}
			if s.hs[2:4] != "00" {
				fn(&r)
			}
		}
	}
}

// comtradePartners are the Comtrade numbers the panel's partners take: the
// first 200 countries that have one.
var comtradePartners = sync.OnceValue(func() []string {
	var out []string
	for c := range partner.Codes() {
		if n, ok := c.Comtrade(); ok && n != 0 && n != 156 {
			out = append(out, strconv.Itoa(n))
		}
	}
	return out[:200]
})

func appendCents(b []byte, cents int64) []byte {
	b = strconv.AppendInt(b, cents/100, 10)
	c := cents % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// comtradeBulkFile writes the panel as UN Comtrade's monthly bulk files
// would hold it (China's, HS 2022): tab-separated, CRLF, 0/1 booleans,
// the net weight and the quantity in kg.
func comtradeBulkFile(rows, months int) []byte {
	var b bytes.Buffer
	b.WriteString("datasetCode\ttypeCode\tfreqCode\trefPeriodId\trefYear\trefMonth\tperiod\treporterCode\tflowCode\tpartnerCode\tpartner2Code\tclassificationSearchCode\tclassificationCode\tisOriginalClassification\tcmdCode\tcustomsCode\tmosCode\tmotCode\tqtyUnitCode\tqty\tisQtyEstimated\taltQtyUnitCode\taltQty\tisAltQtyEstimated\tnetWgt\tisNetWgtEstimated\tgrossWgt\tisGrossWgtEstimated\tCIFValue\tFOBValue\tprimaryValue\tlegacyEstimationFlag\tisReported\tisAggregate\r\n")
	ps := comtradePartners()
	line := make([]byte, 0, 256)
	panel(rows, months, func(r *panelRow) {
		l := fmt.Appendf(line[:0], "2015620%02d%02d06000\tC\tM\t%04d%02d01\t%d\t%d\t%04d%02d\t156\t%c\t%s\t0\tH6\tH6\t1\t%s\tC00\t0\t0\t8\t",
			r.year%100, r.month, r.year, r.month, r.year, r.month, r.year, r.month, r.flow, ps[r.partner], r.hs)
		l = strconv.AppendInt(l, r.kg, 10)
		l = append(l, "\t0\t-1\t\t0\t"...)
		l = strconv.AppendInt(l, r.kg, 10)
		l = append(l, "\t0\t\t0\t"...)
		if r.flow == 'M' {
			l = appendCents(l, r.cents)
			l = append(l, "\t\t"...)
		} else {
			l = append(l, '\t')
			l = appendCents(l, r.cents)
			l = append(l, '\t')
		}
		l = appendCents(l, r.cents)
		l = append(l, "\t0\t1\t0\r\n"...)
		b.Write(l)
		line = l
	})
	return b.Bytes()
}

// comtradeAPIFile writes the panel of about rows rows over months months
// in UN Comtrade's 47-column data API CSV, with the codes' descriptions
// (desc) or without them.
func comtradeAPIFile(rows, months int, desc bool) []byte {
	var b bytes.Buffer
	b.WriteString(apiHead)
	ps := comtradePartners()
	names := map[string][2]string{}
	for _, p := range ps {
		c := partner.MustParseCode(p)
		name := c.Name()
		if strings.ContainsAny(name, ",\"") {
			name = `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
		}
		names[p] = [2]string{c.Alpha3(), name}
	}
	line := make([]byte, 0, 512)
	panel(rows, months, func(r *panelRow) {
		flowDesc, pISO, pDesc, rISO, rDesc, cmdDesc := "", "", "", "", "", ""
		if desc {
			flowDesc = map[byte]string{'X': "Export", 'M': "Import"}[r.flow]
			pISO, pDesc, rISO, rDesc = names[ps[r.partner]][0], names[ps[r.partner]][1], "CHN", "China"
			cmdDesc = "Goods of subheading " + r.hs
		}
		l := fmt.Appendf(line[:0], "C,M,%04d%02d01,%d,%d,%04d%02d,156,%s,%s,%c,%s,%s,%s,%s,0,W00,World,H6,HS,True,%s,%s,6,True,C00,TOTAL CPC,0,0,TOTAL MOT,8,kg,",
			r.year, r.month, r.year, r.month, r.year, r.month, rISO, rDesc, r.flow, flowDesc, ps[r.partner], pISO, pDesc, r.hs, cmdDesc)
		l = strconv.AppendInt(l, r.kg, 10)
		l = append(l, ".0,False,-1,N/A,,False,"...)
		l = strconv.AppendInt(l, r.kg, 10)
		l = append(l, ".0,False,,False,"...)
		if r.flow == 'M' {
			l = appendCents(l, r.cents)
			l = append(l, ",,"...)
		} else {
			l = append(l, ',')
			l = appendCents(l, r.cents)
			l = append(l, ',')
		}
		l = appendCents(l, r.cents)
		l = append(l, ",0,True,False\n"...)
		b.Write(l)
		line = l
	})
	return b.Bytes()
}

// benchRows asks the panel for enough rows that a million remain.
const benchRows = 1_024_000

func gzipped(data []byte, level int) []byte {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, level)
	zw.Write(data)
	zw.Close()
	return z.Bytes()
}

// BenchmarkLoadComtrade reads the shared benchmark's panel of 1M rows
// written as UN Comtrade's 47-column data API CSV, every figure of every
// row (the value, the net weight and the quantity), on every core; and,
// as "one month", a month of 280,000 rows, what a query for one reporter
// and month gives, where every row is a key of its own.
func BenchmarkLoadComtrade(b *testing.B) {
	for _, c := range []struct {
		name         string
		rows, months int
		desc         bool
	}{{"descriptions", benchRows, 36, true}, {"codes", benchRows, 36, false}, {"one month", 280_000, 1, false}} {
		b.Run(c.name, func(b *testing.B) {
			data := comtradeAPIFile(c.rows, c.months, c.desc)
			benchComtrade(b, data, data, "TradeData.csv", tradeflow.Comtrade())
		})
	}
}

// BenchmarkLoadComtradeBulk reads the shared benchmark's panel of 1M rows
// written as a UN Comtrade bulk file and gzip-compressed, gunzip
// included; bytes are the uncompressed file's.
func BenchmarkLoadComtradeBulk(b *testing.B) {
	for _, c := range []struct {
		name         string
		rows, months int
	}{{"36 months", benchRows, 36}, {"one month", 280_000, 1}} {
		b.Run(c.name, func(b *testing.B) {
			data := comtradeBulkFile(c.rows, c.months)
			gz := gzipped(data, gzip.DefaultCompression)
			rows := benchComtrade(b, data, gz, "C_M_156_202301_H6_O.txt.gz", tradeflow.ComtradeBulk())
			b.ReportMetric(float64(len(gz))/float64(len(data)), "gz/raw")
			b.ReportMetric(float64(rows), "rows")
		})
	}
}

// benchComtrade reads file, the bytes of data as written to disk
// (compressed or not), named name, with schema s, as many times as b
// asks, and checks that each of data's rows gave its three figures. It
// reports MB/s of data, ns/row and cpu-ns/row, and returns the rows.
func benchComtrade(b *testing.B, data, file []byte, name string, s tradeflow.Schema) int {
	rows := bytes.Count(data, []byte("\n")) - 1
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu := cputime.Meter(b)
	for b.Loop() {
		ds, err := tradeflow.Read(context.Background(), bytes.NewReader(file), name, s, tradeflow.WithVintage("2026-01-20"))
		if err != nil {
			b.Fatal(err)
		}
		if ds.Len() != 3*rows {
			b.Fatalf("%d figures from %d rows", ds.Len(), rows)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(rows), "ns/row")
	cpu(rows)
	return rows
}
