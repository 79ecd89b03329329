package tradeflow_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

var (
	mp  = series.MustParseMonth
	dec = decimal.RequireFromString
)

func key(p string, f tradeflow.Flow, m tradeflow.Measure) tradeflow.Key {
	return tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode(p), Flow: f, Measure: m}
}

func loadShipped(t *testing.T, name string) *tradeflow.Dataset {
	t.Helper()
	ds, err := tradeflow.LoadFile("examples/data/"+name, tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	return ds
}

func TestLoadShippedDataAndRoundTrip(t *testing.T) {
	for _, name := range []string{"china-customs.csv", "commodities.csv"} {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile("examples/data/" + name)
			require.NoError(t, err)
			ds := loadShipped(t, name)
			assert.Equal(t, strings.Count(string(raw), "\n")-1, ds.Len(), "every data row is loaded")

			var buf bytes.Buffer
			require.NoError(t, tradeflow.Write(&buf, ds))
			back, err := tradeflow.Load(bytes.NewReader(buf.Bytes()), "written.csv")
			require.NoError(t, err)
			var a, b []tradeflow.Figure
			for f := range ds.Figures() {
				a = append(a, f)
			}
			for f := range back.Figures() {
				b = append(b, f)
			}
			require.Equal(t, len(a), len(b))
			for i := range a {
				assert.Equal(t, a[i].Key, b[i].Key)
				assert.Equal(t, a[i].Period, b[i].Period)
				assert.True(t, a[i].Value.Equal(b[i].Value), "%v %v: %v vs %v", a[i].Key, a[i].Period, a[i].Value, b[i].Value)
				assert.Equal(t, a[i].Unit, b[i].Unit)
				assert.Equal(t, a[i].Vintage, b[i].Vintage)
				assert.Equal(t, a[i].Source, b[i].Source)
				assert.Equal(t, a[i].Note, b[i].Note)
			}
			// Writing again gives the same bytes: the format is stable.
			var again bytes.Buffer
			require.NoError(t, tradeflow.Write(&again, back))
			assert.Equal(t, buf.String(), again.String())
		})
	}
}

func TestGetConvertsUnitsExactly(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	x, err := tradeflow.Get[series.USD100M](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, ok := x.At(mp("2025-11"))
	require.True(t, ok)
	assert.Equal(t, "3303.5", v.String())
	// 2024-04 was printed in USD million (292450): the same series, converted exactly.
	v, _ = x.At(mp("2024-04"))
	assert.Equal(t, "2924.5", v.String())
	// January–February is one combined observation.
	p, v, ok := x.Covering(mp("2025-01"))
	require.True(t, ok)
	assert.Equal(t, "2025-01/2025-02", p.String())
	assert.Equal(t, "5399.4", v.String())

	// The same key printed in yuan is another series.
	cny, err := tradeflow.Get[series.CNYTrillion](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, _ = cny.At(mp("2025-11"))
	assert.Equal(t, "2.35", v.String())
	assert.Equal(t, []string{"CNY", "USD"}, ds.Dimensions(key("WLD", tradeflow.Exports, tradeflow.Value)))

	_, err = tradeflow.Get[series.Tonnes](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	var ue *tradeflow.UnitError
	require.ErrorAs(t, err, &ue)
	assert.ErrorIs(t, err, tradeflow.ErrUnit)
	assert.Equal(t, "tradeflow: CHN X WLD TOTAL value: unit mismatch: the data are in CNY and USD, asked for t", err.Error())

	_, err = tradeflow.Get[series.USD](ds, key("FR", tradeflow.Exports, tradeflow.Value))
	assert.ErrorIs(t, err, tradeflow.ErrNoSeries)

	f, ok := ds.Lookup(key("WLD", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(mp("2025-11")))
	require.True(t, ok)
	assert.Equal(t, "USD_100M", f.Unit.String())
	assert.Equal(t, "USD", f.Unit.Base().String())
	assert.Equal(t, "330350000000", f.Normalized().String(), "in the base unit, exactly")
	assert.Equal(t, "3303.5", f.Printed())

	ytd, err := tradeflow.Cumulative[series.USDMillion](ds, key("US", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, _ = ytd.At(mp("2025-11"))
	assert.Equal(t, "385907", v.String())
}

const header = "period,flow,partner,commodity,measure,value,unit,vintage,source,note\n"
const good1 = "2025-10,X,WLD,TOTAL,value,3053.5,USD_100M,2025-11-07,test,\n"
const good2 = "2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,test,\n"

func TestLoadMalformed(t *testing.T) {
	tests := []struct {
		name string
		row  string // placed between two valid rows, on line 3
		want string // the error text must contain this
	}{
		{"month 13", "2025-13,X,WLD,TOTAL,value,1,USD,2025-12-08,test,\n", `:3:1: column period: value "2025-13": series: invalid month "2025-13": month 13 does not exist`},
		{"span runs backwards", "2025-11/2025-01,X,WLD,TOTAL,value,1,USD,2025-12-08,test,\n", `:3:1: column period: value "2025-11/2025-01": series: invalid period "2025-11/2025-01": the span runs backwards`},
		{"unknown flow", "2025-09,Q,WLD,TOTAL,value,1,USD,2025-12-08,test,\n", `:3:2: column flow: value "Q": tradeflow: unknown flow "Q": want X, M, RX, RM, B, T, DX, FM, MIP, MOP, XIP or XOP`},
		{"unknown partner", "2025-09,X,ZZ,TOTAL,value,1,USD,2025-12-08,test,\n", `:3:3: column partner: value "ZZ": partner: unknown code "ZZ"`},
		{"unknown commodity", "2025-09,X,WLD,soy beans,value,1,USD,2025-12-08,test,\n", `:3:4: column commodity: value "soy beans": tradeflow: unknown commodity "soy beans"`},
		{"not an HS code", "2025-09,X,WLD,7700,value,1,USD,2025-12-08,test,\n", `:3:4: column commodity: value "7700": tradeflow: unknown commodity "7700": commodity: invalid HS code "7700": chapter 77 is reserved`},
		{"unknown measure", "2025-09,X,WLD,TOTAL,level,1,USD,2025-12-08,test,\n", `:3:5: column measure: value "level": tradeflow: unknown measure "level"`},
		{"digit grouping", "2025-09,X,WLD,TOTAL,value,\"1,234.5\",USD,2025-12-08,test,\n", `:3:6: column value: value "1,234.5": not a plain decimal number (',' at byte 2)`},
		{"NaN", "2025-09,X,WLD,TOTAL,value,NaN,USD,2025-12-08,test,\n", `:3:6: column value: value "NaN": not a plain decimal number ('N' at byte 1)`},
		{"a hundred-thousand-digit value", "2025-09,X,WLD,TOTAL,value," + strings.Repeat("7", 100_000) + ",USD,2025-12-08,test,\n", `:3:6: column value: value "7777`},
		{"a tiny exponent", "2025-09,X,WLD,TOTAL,value,1e-10000,USD,2025-12-08,test,\n", `:3:6: column value: value "1e-10000": more than 40 digits after the point`},
		{"empty value", "2025-09,X,WLD,TOTAL,value,,USD,2025-12-08,test,\n", `:3:6: column value: value "": empty`},
		{"unknown unit", "2025-09,X,WLD,TOTAL,value,1,USD_X,2025-12-08,test,\n", `:3:7: column unit: value "USD_X": tradeflow: unknown unit "USD_X"`},
		{"rate in a currency", "2025-09,X,WLD,TOTAL,yoy_pct,1,USD,2025-12-08,test,\n", `:3:7: column unit: value "USD": measure yoy_pct cannot be in USD`},
		{"bad vintage", "2025-09,X,WLD,TOTAL,value,1,USD,2025-13-08,test,\n", `:3:8: column vintage: value "2025-13-08": tradeflow: invalid vintage "2025-13-08"`},
		{"no source", "2025-09,X,WLD,TOTAL,value,1,USD,2025-12-08,,\n", `:3:9: column source: value "": empty: every figure needs its source`},
		{"wrong column count", "2025-09,X,WLD,TOTAL,value,1,USD\n", `:3: 7 fields, the header has 10 (the line: "2025-09,X,WLD,TOTAL,value,1,USD")`},
		{"text after a closing quote", "2025-09,X,WLD,TOTAL,value,\"1\"x,USD,2025-12-08,test,\n", `:3: text after a closing quote`},
		{"duplicate", good2, `:4: duplicate observation: CHN X WLD TOTAL value 2025-11 vintage 2025-12-08 is also on line 3`},
		{"conflicting duplicate", "2025-11,X,WLD,TOTAL,value,9999.9,USD_100M,2025-12-08,test,\n", `:4: duplicate observation: CHN X WLD TOTAL value 2025-11 vintage 2025-12-08 is 3303.5 here and 9999.9 on line 3; neither is used`},
		{"combined next to separate months", "2025-10/2025-11,X,WLD,TOTAL,value,1,USD,2025-12-08,test,\n", `overlaps`},
		{"negative export level", "2025-09,X,WLD,TOTAL,value,-5,USD,2025-12-08,test,\n", `:3:6: column value: value "-5": a level of exports cannot be negative`},
		{"combined January–February next to separate months", "2025-01/2025-02,X,WLD,TOTAL,value,9,USD,2025-03-07,test,\n2025-01,X,WLD,TOTAL,value,4,USD,2025-03-07,test,\n2025-02,X,WLD,TOTAL,value,5,USD,2025-03-07,test,\n", `2025-01/2025-02 overlaps`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := header + good1 + tt.row + good2
			_, err := tradeflow.Load(strings.NewReader(in), "bad.csv", tradeflow.WithReporter("CN"))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "bad.csv:")
			assert.Contains(t, err.Error(), tt.want)

			// Collecting errors keeps the valid rows around the bad one.
			ds, err := tradeflow.Load(strings.NewReader(in), "bad.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
			require.Error(t, err)
			var le *tradeflow.ErrorList
			require.True(t, errors.As(err, &le))
			require.NotNil(t, ds)
			if strings.HasPrefix(tt.name, "duplicate") || strings.HasPrefix(tt.name, "conflicting") || strings.HasPrefix(tt.name, "combined") {
				// The rows are each valid; the conflict between them is reported.
				assert.Contains(t, err.Error(), tt.want)
				return
			}
			require.Len(t, le.Errors, 1)
			x, err := tradeflow.Get[series.USD100M](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
			require.NoError(t, err)
			assert.Equal(t, 2, x.Len(), "the valid rows before and after are kept")
		})
	}
}

func TestLoadAcceptsBOMAndCRLF(t *testing.T) {
	in := "\ufeff" + strings.ReplaceAll(header+good1+good2, "\n", "\r\n")
	ds, err := tradeflow.Load(strings.NewReader(in), "crlf.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	assert.Equal(t, 2, ds.Len())
	f, ok := ds.Lookup(key("WLD", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(mp("2025-11")))
	require.True(t, ok)
	assert.Equal(t, "test", f.Source, "no carriage return left in the last column")
	assert.Equal(t, "", f.Note)
}

func TestLoadNeedsReporter(t *testing.T) {
	_, err := tradeflow.Load(strings.NewReader(header+good1), "x.csv")
	require.Error(t, err)
	assert.Equal(t, "x.csv:1: tradeflow CSV header: missing columns: reporter: the file has no reporter; pass tradeflow.WithReporter", err.Error())
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
}

func TestSumDuplicates(t *testing.T) {
	in := header + good1 + "2025-10,X,WLD,TOTAL,value,100,USD_M,2025-11-07,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "dup.csv", tradeflow.WithReporter("CN"), tradeflow.SumDuplicates())
	require.NoError(t, err)
	x, err := tradeflow.Get[series.USDMillion](ds, key("WLD", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, _ := x.At(mp("2025-10"))
	assert.Equal(t, "305450", v.String())
	sum := ds.Summary()
	require.Len(t, sum.Summed, 1)
	assert.Equal(t, 1, sum.Summed[0].Rows, "one row added into another")
	assert.Equal(t, 2, sum.Summed[0].First)
	assert.Equal(t, sum.Rows, sum.Figures+sum.Summed[0].Rows, "every row is accounted for")
}

func TestVintagesAndAsOf(t *testing.T) {
	in := header +
		"2024-11,X,WLD,TOTAL,value,3123.1,USD_100M,2024-12-10,first print,\n" +
		"2024-11,X,WLD,TOTAL,value,3119.9,USD_100M,2025-12-08,revised,\n" +
		"2024-12,X,WLD,TOTAL,value,3357.0,USD_100M,2025-01,month only,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "v.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	k := key("WLD", tradeflow.Exports, tradeflow.Value)
	nov := series.MonthPeriod(mp("2024-11"))

	f, ok := ds.Lookup(k, nov)
	require.True(t, ok)
	assert.Equal(t, "revised", f.Source)
	assert.Len(t, ds.Vintages(k, nov), 2)

	old := ds.AsOf(time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC))
	f, _ = old.Lookup(k, nov)
	assert.Equal(t, "first print", f.Source)
	// A month-only vintage counts from the end of its month.
	_, ok = ds.AsOf(time.Date(2025, 1, 30, 0, 0, 0, 0, time.UTC)).Lookup(k, series.MonthPeriod(mp("2024-12")))
	assert.False(t, ok)
	_, ok = ds.AsOf(time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)).Lookup(k, series.MonthPeriod(mp("2024-12")))
	assert.True(t, ok)

	revs := ds.Revisions()
	require.Len(t, revs, 1)
	assert.Equal(t, "-320000000", revs[0].Diff.String(), "USD -320 million")

	x, err := tradeflow.Get[series.USD100M](old, k)
	require.NoError(t, err)
	v, _ := x.At(mp("2024-11"))
	assert.Equal(t, "3123.1", v.String())
}

func TestComtradeMatchesOwnFormat(t *testing.T) {
	ct, err := tradeflow.ReadFile(context.Background(), "testdata/comtrade-cn-2025-11.csv", tradeflow.Comtrade(), tradeflow.WithVintage("2025-12-08"))
	require.NoError(t, err)
	own := loadShipped(t, "china-customs.csv")
	for _, p := range []string{"WLD", "US"} {
		for _, f := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
			k := key(p, f, tradeflow.Value)
			a, err := tradeflow.Get[series.USD](ct, k)
			require.NoError(t, err)
			b, err := tradeflow.Get[series.USD](own, k)
			require.NoError(t, err)
			va, ok := a.At(mp("2025-11"))
			require.True(t, ok, "%v", k)
			vb, ok := b.At(mp("2025-11"))
			require.True(t, ok, "%v", k)
			assert.True(t, va.Equal(vb), "%v: comtrade %v, own %v", k, va, vb)
		}
	}
	f, ok := ct.Lookup(key("US", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(mp("2025-11")))
	require.True(t, ok)
	assert.Equal(t, "UN Comtrade", f.Source)
	assert.Equal(t, "comtrade-cn-2025-11.csv", f.File)
}

func TestComtradeRows(t *testing.T) {
	head := "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt,qty,qtyUnitAbbr,partner2Code,freqCode\n"
	ds, err := loadComtrade(strings.NewReader(head+
		"202511,156,842,M,1201,0,0,,,0,M\n"+
		"2024,156,251,X,TOTAL,1.5e9,,,,0,A\n"), "c.csv", mustVintage(t, "2026-01-20"))
	require.NoError(t, err)
	soy, err := tradeflow.Get[series.Tonnes](ds, tradeflow.Key{Reporter: partner.MustParseCode("CN"), Partner: partner.MustParseCode("US"), Commodity: tradeflow.MustParseCommodity("1201"), Flow: tradeflow.Imports, Measure: tradeflow.Quantity})
	require.NoError(t, err)
	v, ok := soy.At(mp("2025-11"))
	require.True(t, ok, "a reported zero is a value")
	assert.True(t, v.IsZero())
	fr, err := tradeflow.Cumulative[series.USDBillion](ds, key("FR", tradeflow.Exports, tradeflow.Value))
	require.NoError(t, err)
	v, _ = fr.At(mp("2024-12"))
	assert.Equal(t, "1.5", v.String())

	// A breakdown row is counted, not added to the total.
	ds, err = loadComtrade(strings.NewReader(head+
		"202511,156,842,M,TOTAL,5,,,,0,M\n"+
		"202511,156,842,M,TOTAL,3,,,,124,M\n"), "c.csv", mustVintage(t, "2026-01-20"))
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "a breakdown by second partner (partner2Code not 0)", Rows: 1, First: 3}}, ds.Summary().Skipped)

	for _, bad := range []struct{ row, want string }{
		{"202513,156,842,M,TOTAL,5,,,,0,M\n", `c.csv:2:1: column period: value "202513"`},
		{"202511,156,9999,M,TOTAL,5,,,,0,M\n", `c.csv:2:3: column partnerCode: value "9999"`},
		{"202511,156,842,B,TOTAL,5,,,,0,M\n", `c.csv:2:4: column flowCode: value "B": want one of DX, FM, M, MIP, MOP, RM, RX, X, XIP, XOP`},
	} {
		_, err := loadComtrade(strings.NewReader(head+bad.row), "c.csv", mustVintage(t, "2026-01-20"))
		require.Error(t, err)
		assert.Contains(t, err.Error(), bad.want)
	}
}

func mustVintage(t *testing.T, s string) tradeflow.Vintage {
	v, err := tradeflow.ParseVintage(s)
	require.NoError(t, err)
	return v
}

// Reading a dataset is safe from many goroutines at once (run with -race,
// as CI does): a read one, whose index exists, and one built by Add, whose
// index the first reader builds, and whose key order the first All works
// out.
func TestConcurrentReads(t *testing.T) {
	read := loadShipped(t, "china-customs.csv")
	added := tradeflow.NewDataset("added")
	for f := range read.Figures() {
		require.NoError(t, added.Add(f))
	}
	for name, ds := range map[string]*tradeflow.Dataset{"read": read, "added": added} {
		t.Run(name, func(t *testing.T) {
			k := key("WLD", tradeflow.Exports, tradeflow.Value)
			nov := series.MonthPeriod(mp("2025-11"))
			var wg sync.WaitGroup
			for g := 0; g < 8; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for _, k := range ds.Keys() {
						for _, d := range ds.Dimensions(k) {
							if d == "USD" {
								_, err := tradeflow.Get[series.USD](ds, k)
								assert.NoError(t, err)
							}
						}
					}
					n := 0
					for range ds.Figures() {
						n++
					}
					assert.Equal(t, ds.Len(), n)
					all, err := tradeflow.All[series.USD](ds, nil)
					if assert.NoError(t, err) {
						for range all {
						}
					}
					assert.NotEmpty(t, ds.Vintages(k, nov))
					_, ok := ds.AsOf(time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)).Lookup(k, nov)
					assert.True(t, ok)
				}()
			}
			wg.Wait()
		})
	}
}

// A read dataset keeps its keys in its index; adding to it afterwards
// gives every figure it had, the new ones, and no row it had dropped.
func TestAddAfterRead(t *testing.T) {
	// The duplicates are of the second series, so a dropped row's key is
	// not the zero one.
	in := header + "2025-10,X,KR,TOTAL,value,1,USD_M,2025-11-07,test,\n" + good1 + "2025-10,X,WLD,TOTAL,value,100,USD_M,2025-11-07,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "dup.csv", tradeflow.WithReporter("CN"), tradeflow.SumDuplicates())
	require.NoError(t, err)
	before := slices.Collect(ds.Figures())

	k := key("WLD", tradeflow.Exports, tradeflow.Value)
	added := []tradeflow.Figure{
		{Key: k, Period: series.MonthPeriod(mp("2025-12")), Value: decimal.NewFromInt(7), Unit: tradeflow.MustParseUnitCode("USD_M"),
			Vintage: vintage(t, "2026-01-14"), Source: "added"},
		{Key: key("JP", tradeflow.Exports, tradeflow.Value), Period: series.MonthPeriod(mp("2025-10")), Value: decimal.NewFromInt(3),
			Unit: tradeflow.MustParseUnitCode("USD_M"), Vintage: vintage(t, "2025-11-07"), Source: "added"},
	}
	for _, f := range added {
		require.NoError(t, ds.Add(f))
	}
	after := slices.Collect(ds.Figures())
	require.Len(t, after, len(before)+len(added))
	for _, f := range append(before, added...) {
		assert.True(t, slices.ContainsFunc(after, func(g tradeflow.Figure) bool {
			return g.Key == f.Key && g.Period == f.Period && g.Value.Equal(f.Value) && g.Source == f.Source
		}), "%v %v %v missing after Add", f.Key, f.Period, f.Value)
	}
	x, err := tradeflow.Get[series.USDMillion](ds, k)
	require.NoError(t, err)
	v, _ := x.At(mp("2025-10"))
	assert.Equal(t, "305450", v.String(), "the duplicates' sum, once")
	v, _ = x.At(mp("2025-12"))
	assert.Equal(t, "7", v.String())
}

func vintage(t *testing.T, s string) tradeflow.Vintage {
	t.Helper()
	v, err := tradeflow.ParseVintage(s)
	require.NoError(t, err)
	return v
}

// The library's CSV skips a part of a total (a breakdown) only if the row
// is good but for that: a breakdown that is not one, or the header
// repeated, is an error.
func TestLoadChecksSkippedParts(t *testing.T) {
	head := "period,flow,partner,commodity,measure,value,unit,vintage,source,note,breakdown\n"
	total := "2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,test,,\n"
	part := "2025-11,X,WLD,TOTAL,value,1.5,USD_100M,2025-12-08,test,,mot=2100\n"
	ds, err := tradeflow.Load(strings.NewReader(head+total+part), "b.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "a part of a total (breakdown not empty)", Rows: 1, First: 3}}, ds.Summary().Skipped)

	for _, bad := range []struct{ row, want string }{
		{"2025-11,X,WLD,TOTAL,value,1.5,USD_100M,2025-12-08,test,,mot 2100\n", `b.csv:3:11: column breakdown: value "mot 2100"`},
		{"2025-13,X,WLD,TOTAL,value,1.5,USD_100M,2025-12-08,test,,mot=2100\n", `b.csv:3:1: column period: value "2025-13"`},
		{"2025-11,X,WLD,TOTAL,value,1.5x,USD_100M,2025-12-08,test,,mot=2100\n", `b.csv:3:6: column value: value "1.5x"`},
		{head, `b.csv:3: the header again`},
	} {
		ds, err := tradeflow.Load(strings.NewReader(head+total+bad.row), "b.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
		assert.ErrorContains(t, err, bad.want)
		require.NotNil(t, ds, bad.want)
		assert.Equal(t, 1, ds.Summary().Bad, bad.want)
		assert.Empty(t, ds.Summary().Skipped, bad.want)
	}
}

// What Write writes of a Comext dataset, Eurostat's partner codes and the
// CN's special codes included, Load reads back as it was.
func TestWriteComextReadsBack(t *testing.T) {
	head := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n"
	row := func(partner, product, proc string) string {
		return "DE," + partner + ",E," + product + ",77641,2611,2611,220,321220,16,1," + proc + ",NO_SU,202402,100,100,10,0\n"
	}
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(head+row("QS", "99302400", "1")+row("QY", "85423190", "1")+row("CN", "85423190", "2")),
		"full_202402.dat", tradeflow.Comext(), tradeflow.WithVintage("2024-04-15"), tradeflow.KeepOtherCodes())
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, tradeflow.Write(&b, ds))
	back, err := tradeflow.Load(bytes.NewReader(b.Bytes()), "back.csv")
	require.NoError(t, err)
	assert.Equal(t, ds.Keys(), back.Keys())
	var again bytes.Buffer
	require.NoError(t, tradeflow.Write(&again, back))
	assert.Equal(t, b.String(), again.String())
	_, err = tradeflow.Load(strings.NewReader("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\nDE,2024-02,M,QQ,TOTAL,value,1,EUR,2024-04-15,s,\n"), "qq.csv")
	assert.ErrorContains(t, err, `qq.csv:2:4: column partner: value "QQ": partner: unknown code`)
}
