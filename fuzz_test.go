package tradeflow_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/exact"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// position matches how every read error names where it is: the file, then
// the line and, for a bad field, its column.
var position = regexp.MustCompile(`^fuzz\.csv:\d+(:\d+)?: `)

// checkLoadError fails unless every error names the file and a line.
func checkLoadError(t *testing.T, err error) {
	var le *tradeflow.ErrorList
	if errors.As(err, &le) {
		for _, e := range le.Errors {
			if !position.MatchString(e.Error()) {
				t.Fatalf("error %q does not name file and line", e)
			}
		}
		return
	}
	if !position.MatchString(err.Error()) {
		t.Fatalf("error %q does not name file and line", err)
	}
}

// roundTrip fails unless writing ds and loading it again gives the same figures.
func roundTrip(t *testing.T, ds *tradeflow.Dataset) {
	var buf bytes.Buffer
	if err := tradeflow.Write(&buf, ds); err != nil {
		t.Fatal(err)
	}
	back, err := tradeflow.Load(bytes.NewReader(buf.Bytes()), "fuzz.csv", tradeflow.Unlisted())
	if err != nil {
		t.Fatalf("reloading what Write wrote: %v\n%s", err, buf.String())
	}
	var again bytes.Buffer
	if err := tradeflow.Write(&again, back); err != nil {
		t.Fatal(err)
	}
	if buf.String() != again.String() || back.Len() != ds.Len() {
		t.Fatalf("round trip changed the data:\n%s\n---\n%s", buf.String(), again.String())
	}
}

// fuzzParams are the parameters the load targets operate with: lags and
// windows from 1 to beyond the calendar, and the first month of a fiscal
// year.
func fuzzParams(lag, window uint32, fiscal uint8) exact.Params {
	return exact.Params{
		Lag:    1 + int(lag%(1<<31)),
		Window: 1 + int(window%(1<<31)),
		Fiscal: time.Month(1 + fiscal%12),
		Places: 1,
	}
}

// operate runs the library's operations on everything ds holds, each
// checked against exact arithmetic (package internal/exact):
//
//   - every series, monthly (Get) and year-to-date (Cumulative), in the
//     base unit of its dimension: each value is the latest vintage of its
//     figure, converted exactly, and every operation of package series
//     over it agrees with the reference;
//   - for each world total of a value, in each of its dimensions: Shares
//     and Contributions of the partners in the total's periods, CheckRate
//     against the rounding of its exact change, and MonthlyReport for its
//     months.
func operate(t *testing.T, ds *tradeflow.Dataset, p exact.Params) {
	for _, k := range ds.Keys() {
		for _, dim := range ds.Dimensions(k) {
			anyDim = dim
			operateAs[anyUnit](t, ds, k, p)
			if k.Partner == partner.World() && k.Commodity.IsTotal() && k.Measure == tradeflow.Value {
				operateOnTotal(t, ds, k, p)
			}
		}
	}
}

// anyUnit is the base unit of the dimension anyDim names: a unit is a
// type, and a file may hold any of the dimensions the reader knows (every
// currency of ISO 4217, mass, litres of pure alcohol, …). The fuzz targets
// run one input at a time in each process, so one variable serves.
type anyUnit struct{}

var anyDim string

func (anyUnit) Symbol() string    { return anyDim }
func (anyUnit) Dimension() string { return anyDim }
func (anyUnit) Exponent() int     { return 0 }

// operateAs checks the series of key k in unit U.
func operateAs[U series.Unit](t *testing.T, ds *tradeflow.Dataset, k tradeflow.Key, p exact.Params) {
	var u U
	for _, cumulative := range []bool{false, true} {
		get := tradeflow.Get[U]
		if cumulative {
			get = tradeflow.Cumulative[U]
		}
		s, err := get(ds, k)
		if err != nil {
			if !errors.Is(err, tradeflow.ErrDuplicate) && !beyondLimit(ds, k, u.Dimension(), err) {
				t.Fatalf("%v in %s: %v", k, u.Symbol(), err)
			}
			continue
		}
		for per, v := range s.All() {
			if cumulative { // the figure for January to per
				per.First = series.MustMonth(per.Last.Year(), time.January)
			}
			f, ok := latest(ds, k, u.Dimension(), per)
			if !ok || !f.Normalized().Equal(v) {
				t.Fatalf("%v %v: %v in %s, but its figure is %v %v (found %v)", k, per, v, u.Symbol(), f.Value, f.Unit, ok)
			}
		}
		for _, msg := range exact.Operate(s, p) {
			t.Errorf("%v in %s: %s", k, u.Symbol(), msg)
		}
	}
}

// beyondLimit reports whether err is Get's refusal of a value that the
// reader accepted but that has more than series.MaxDigits digits once
// converted to the base unit. That is a known limit of the data layer
// (TestGetConvertsValuesAtTheLimit), accepted here only when a figure of
// the key really is beyond the bound in the base unit.
func beyondLimit(ds *tradeflow.Dataset, k tradeflow.Key, dim string, err error) bool {
	if !errors.Is(err, series.ErrLimit) {
		return false
	}
	limit := decimal.New(1, series.MaxDigits)
	for f := range ds.Figures() {
		if f.Key == k && f.Unit.Dimension() == dim {
			if v := f.Normalized(); v.Abs().GreaterThanOrEqual(limit) || v.Exponent() < -series.MaxDigits {
				return true
			}
		}
	}
	return false
}

// latest returns the latest vintage of the figure of k for period per in
// dimension dim.
func latest(ds *tradeflow.Dataset, k tradeflow.Key, dim string, per series.Period) (tradeflow.Figure, bool) {
	var out tradeflow.Figure
	found := false
	for _, f := range ds.Vintages(k, per) {
		if f.Unit.Dimension() == dim {
			out, found = f, true
		}
	}
	return out, found
}

// operateOnTotal checks the operations that take a world total: shares
// and contributions of the partners, CheckRate and MonthlyReport.
func operateOnTotal(t *testing.T, ds *tradeflow.Dataset, k tradeflow.Key, p exact.Params) {
	total, err := tradeflow.Get[anyUnit](ds, k)
	if err != nil {
		return // checked by operateAs
	}
	var parts []partner.Part[anyUnit]
	for _, pk := range ds.Keys() {
		if pk.Reporter != k.Reporter || pk.Flow != k.Flow || pk.Measure != k.Measure || pk.Commodity != k.Commodity ||
			pk.Partner == partner.World() || pk.Partner.IsAggregate() || !slices.Contains(ds.Dimensions(pk), anyDim) {
			continue
		}
		if s, err := tradeflow.Get[anyUnit](ds, pk); err == nil {
			parts = append(parts, partner.Part[anyUnit]{Name: pk.Partner.String(), Series: s})
		}
	}
	n := 0
	for per, v := range total.All() {
		if n++; n > 4 {
			break
		}
		if msg := exact.CheckShares(per, total, parts); msg != "" {
			t.Errorf("%v: %s", k, msg)
		}
		if msg := exact.CheckContributions(per, total, parts, p.Lag); msg != "" {
			t.Errorf("%v: %s", k, msg)
		}
		if msg := exact.CheckContributions(per, total, parts, 12); msg != "" {
			t.Errorf("%v: %s", k, msg)
		}
		checkRate(t, total, per, v, p.Lag)
		if _, err := tradeflow.MonthlyReport[anyUnit](ds, k.Reporter, per.Last); err != nil && !errors.Is(err, tradeflow.ErrNoSeries) {
			t.Errorf("MonthlyReport %v %v: %v", k.Reporter, per.Last, err)
		}
	}
}

// checkRate runs CheckRate at period per over lag, against the published
// rates that round from the exact change and one either side: it agrees
// exactly when the published rate is the exact change rounded half away
// from zero, and its computed rate is the exact change rounded to odd.
func checkRate(t *testing.T, level series.Series[anyUnit], per series.Period, cur decimal.Decimal, lag int) {
	pr := tradeflow.Precision{Rate: 1, Level: 1}
	base, ok := series.Period{}, false
	if lag <= per.First.MonthsSince(series.MustMonth(1, time.January)) {
		base = per.Shift(-lag)
		_, ok = level.AtPeriod(base)
	}
	bv, _ := level.AtPeriod(base)
	if !ok || !bv.IsPositive() || cur.IsNegative() {
		_, err := tradeflow.CheckRate(level, per, lag, decimal.NewFromInt(5), pr)
		if err == nil && ok && !bv.IsPositive() {
			t.Errorf("CheckRate %v lag %d from a base of %v: no error", per, lag, bv)
		}
		return
	}
	change := new(big.Rat).Quo(new(big.Rat).Mul(new(big.Rat).Sub(cur.Rat(), bv.Rat()), big.NewRat(100, 1)), bv.Rat())
	rounded := exact.HalfAway(change, pr.Rate)
	for _, d := range []int64{-1, 0, 1} {
		published := rounded.Add(decimal.New(d, -pr.Rate))
		c, err := tradeflow.CheckRate(level, per, lag, published, pr)
		if err != nil {
			if !errors.Is(err, tradeflow.ErrNoBase) {
				t.Errorf("CheckRate %v lag %d, %v%%: %v", per, lag, published, err)
			}
			continue
		}
		if c.Agrees() != (d == 0) {
			t.Errorf("CheckRate %v lag %d: %v from %v is %v%%, published %v%%: Agrees %v", per, lag, cur, bv, change.FloatString(15), published, c.Agrees())
		}
		if w := exact.ToOdd(change, series.DivisionPlaces); !c.Computed.Equal(w) {
			t.Errorf("CheckRate %v lag %d: computed %v, want %v", per, lag, c.Computed, w)
		}
	}
}

// FuzzLoad feeds whole files to the library's CSV loader, then operates on
// what loaded: no panic; errors name file and line; a file that loads
// writes out and loads back the same; every operation over its series
// agrees with exact arithmetic (see operate).
func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		header + good1 + good2,
		"\ufeff" + strings.ReplaceAll(header+good1, "\n", "\r\n"),
		header + "2025-01/2025-02,X,WLD,TOTAL,value,5399.4,USD_100M,2025-03-07,GACC,combined\n2025-02,X,WLD,TOTAL,value,1,USD,2025-03-07,x,\n",
		header + "2025-11,X,WLD,TOTAL,yoy_pct,5.9,PCT,2025-12-08,\"CNBC, Reuters\",\"a \"\"quoted\"\" note\"\n",
		header + "2025-11,M,US,1201,quantity,0,T,2025-12-20,Reuters,\n",
		header + "2025-11,X,WLD,TOTAL,value,1e400,USD,2025-12-08,x,\n",
		header + "2025-11,X,WLD,TOTAL,value,-0,USD,2025-12,x,\n",
		header + "2025-11,X,WLD,TOTAL,value,12345678901234567890123456789.5,USD,2025-12,x,\n",
		header + "0001-01,X,WLD,TOTAL,value,1e39,USD,2025-12,x,\n0001-02,X,WLD,TOTAL,value,1e-40,USD,2025-12,x,\n0002-01,X,WLD,TOTAL,value,3,USD,2025-12,x,\n",
		header + "9999-11/9999-12,X,WLD,TOTAL,value,7,USD,2025-12,x,\n9999-11/9999-12,X,US,TOTAL,value,3,USD,2025-12,x,\n9998-11/9998-12,X,WLD,TOTAL,value,5,USD,2025-12,x,\n9998-11/9998-12,X,US,TOTAL,value,1,USD,2025-12,x,\n",
		header + "2024-11,X,WLD,TOTAL,value,3123.1,USD_100M,2024-12-10,x,\n2024-11,X,US,TOTAL,value,400,USD_100M,2024-12-10,x,\n2025-11,X,WLD,TOTAL,value,3303.5,USD_100M,2025-12-08,x,\n2025-11,X,US,TOTAL,value,300,USD_100M,2025-12-08,x,\n2025-01/2025-11,X,WLD,TOTAL,value,34000,USD_100M,2025-12-08,x,\n",
		"period,flow\n2025-11,X\n",
		"",
	} {
		f.Add(s, uint32(12), uint32(3), uint8(4))
	}
	f.Fuzz(func(t *testing.T, file string, lag, window uint32, fiscal uint8) {
		ds, err := tradeflow.Load(strings.NewReader(file), "fuzz.csv", tradeflow.WithReporter("CN"), tradeflow.CollectErrors())
		if err != nil {
			checkLoadError(t, err)
		}
		if ds == nil {
			return
		}
		if err == nil {
			roundTrip(t, ds)
		}
		operate(t, ds, fuzzParams(lag, window, fiscal))
	})
}

// FuzzParseValue puts one fuzzed value in an otherwise valid row, for a
// fuzzed month anywhere in the calendar, beside a value of 1 a year
// earlier: no panic; a value that loads is kept exactly as printed; one
// that does not is an error naming line 2, the value column and the value;
// the series operations over what loaded agree with exact arithmetic.
func FuzzParseValue(f *testing.F) {
	for _, v := range []string{"3303.5", "1,234.5", "1e3", "1E-3", "NaN", "-0", "", "+5", "--1", ".5", "5.",
		"1_000", " 1", "0x10", "Infinity", strings.Repeat("9", 400), "1e-2147483649", "1e2147483647",
		"1e39", "1e40", "1e-40", "1e-41", strings.Repeat("9", 40) + "." + strings.Repeat("9", 40), "0e-40", "0.10e1"} {
		f.Add(v, uint32(24298)) // 2025-11
	}
	f.Add("2.5", uint32(0))              // 0001-01
	f.Add("2.5", uint32(calendarMonths)) // 9999-12
	f.Fuzz(func(t *testing.T, v string, month uint32) {
		if strings.ContainsAny(v, "\"\r\n,") {
			return // those change the row's shape, which FuzzLoad covers
		}
		m := series.MustMonth(1, time.January).AddMonths(int(month % (calendarMonths + 1)))
		rows := m.String() + ",X,WLD,TOTAL,value," + v + ",USD,2025-12-08,x,\n"
		if m.Year() > 1 {
			rows += m.AddMonths(-12).String() + ",X,WLD,TOTAL,value,1,USD,2025-12-08,x,\n"
		}
		ds, err := tradeflow.Load(strings.NewReader(header+rows), "fuzz.csv", tradeflow.WithReporter("CN"))
		if err != nil {
			// The error quotes the value as read — without the spaces and
			// tabs around it — cut to 100 bytes (RowError.Value).
			field := strings.Trim(v, " \t")
			if len(field) > 100 {
				field = field[:100] + "…"
			}
			want := "fuzz.csv:2:6: column value: value " + strconv.Quote(field)
			if !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("error %q, want it to start %q", err, want)
			}
			return
		}
		// What loads is the number the text says, exactly, with the places
		// it was written with.
		want, derr := decimal.NewFromString(strings.Trim(v, " \t"))
		if derr != nil {
			t.Fatalf("%q loaded, but is not a decimal number: %v", v, derr)
		}
		fig, ok := ds.Lookup(key("WLD", tradeflow.Exports, tradeflow.Value), series.MonthPeriod(m))
		if !ok {
			t.Fatalf("%q loaded, but there is no figure for %v", v, m)
		}
		if !fig.Value.Equal(want) || fig.Value.Exponent() != want.Exponent() && !want.IsZero() {
			t.Fatalf("%q loaded as %v (exponent %d), want %v (exponent %d)", v, fig.Value, fig.Value.Exponent(), want, want.Exponent())
		}
		roundTrip(t, ds)
		operate(t, ds, fuzzParams(12, 12, uint8(m.Month())))
	})
}

// calendarMonths is the number of months from 0001-01 to 9999-12, less one.
const calendarMonths = 9999*12 - 1

// FuzzLoadComtrade feeds whole files to the UN Comtrade loader, then
// operates on what loaded, as FuzzLoad does.
func FuzzLoadComtrade(f *testing.F) {
	head := "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt,qty,qtyUnitAbbr,partner2Code,freqCode\n"
	for _, s := range []string{
		head + "202511,156,842,X,TOTAL,33789100000,,,,0,M\n",
		head + "202511,156,0,M,1201,0,8110000000,,,0,M\n",
		head + "2024,156,251,X,TOTAL,1.5e9,,5,u,0,A\n",
		head + "202511,156,842,M,TOTAL,5,,,,1,M\n",
		head + "202513,156,9999,DX,TOTAL,x,,,,0,M\n",
		head + "202411,156,0,X,TOTAL,312310000000,,,,0,M\n202411,156,842,X,TOTAL,40000000000,,,,0,M\n202511,156,0,X,TOTAL,330350000000,,,,0,M\n202511,156,842,X,TOTAL,33789100000,,,,0,M\n",
		head + "000101,156,0,X,TOTAL,1,,,,0,M\n999912,156,0,X,TOTAL,2,,,,0,M\n",
		"period\n202511\n",
	} {
		f.Add(s, uint32(12), uint32(3), uint8(4))
	}
	f.Fuzz(func(t *testing.T, file string, lag, window uint32, fiscal uint8) {
		v, _ := tradeflow.ParseVintage("2026-01-20")
		ds, err := loadComtrade(strings.NewReader(file), "fuzz.csv", v, tradeflow.CollectErrors())
		if err != nil {
			checkLoadError(t, err)
		}
		if ds == nil {
			return
		}
		if err == nil {
			roundTrip(t, ds)
		}
		operate(t, ds, fuzzParams(lag, window, fiscal))
	})
}

// FuzzReadAny feeds whole files, of any format, to the reader through
// ReadAny, which picks the format by the header: every real format's
// fixture is a seed (the gzip ones decompressed, so the fuzzer can change
// their text). No panic; every error names file and line; a file that
// reads writes out in the library's CSV and reads back the same.
func FuzzReadAny(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*")
	for _, path := range seeds {
		if strings.HasSuffix(path, ".golden") || strings.Contains(path, "fuzz") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if strings.HasSuffix(path, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				f.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				f.Fatal(err)
			}
		}
		f.Add(data)
	}
	// A Census answer by YEAR and MONTH, and one with time as well.
	f.Add([]byte(`[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","YEAR","MONTH"],["1220","CANADA","5","1201","2024","04"]]`))
	f.Add([]byte(`[["CTY_CODE","ALL_VAL_MO","E_COMMODITY","time","YEAR","MONTH"],["1220","5","1201","2024-04","2024","04"]]`))
	f.Fuzz(func(t *testing.T, file []byte) {
		ds, err := tradeflow.ReadAny(context.Background(), bytes.NewReader(file), "fuzz.csv",
			tradeflow.CollectErrors(), tradeflow.WithReporter("CN"), tradeflow.WithVintage("2026-01-20"), tradeflow.WithSource("fuzz"))
		if err != nil {
			checkLoadError(t, err)
		}
		if ds != nil && err == nil {
			roundTrip(t, ds)
		}
	})
}

// FuzzReadFastPath reads one file through a simple schema, whose plain
// rows take the reader's fast path, and through the same schema with a
// check that accepts everything, whose rows all take the general path:
// the figures and the errors must be the same, in blocks of a fuzzed
// size, on one worker or three.
func FuzzReadFastPath(f *testing.F) {
	for _, s := range []string{
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\n2024-01,JP,X,0101,2\n2024-02,US,X,0101,3\n2024-02,JP,X,0101,4.25\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\n2024-01,USA,X,0101,1.5\n2024-02,842,X,0101,3\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\r\n2024-01,\"JP\",X,0101,2\n2024-02,US,X,0101,-3\n2024-02,US,M,0101,99999999999999999999.5\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\n2024-01,US,X,0101,2\n2024-01,DE,X,7700,1\n2024-13,US,X,0101,1\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\n2024-02,US,X,0101\n2024-03,US,X,0101,1,2\n\n2024-04,US,X,0101,.5\n",
	} {
		f.Add(s, uint16(64), false)
		f.Add(s, uint16(1000), true)
	}
	checked := detail()
	checked.Check = func(*tradeflow.Figure) (string, error) { return "", nil }
	f.Fuzz(func(t *testing.T, file string, block uint16, many bool) {
		workers := 1
		if many {
			workers = 3
		}
		opts := []tradeflow.ReadOption{tradeflow.CollectErrors(), tradeflow.BlockSize(int(block)), tradeflow.Workers(workers)}
		fast, ferr := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", detail(), opts...)
		slow, serr := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", checked, opts...)
		if (ferr == nil) != (serr == nil) || ferr != nil && ferr.Error() != serr.Error() {
			t.Fatalf("errors differ:\nfast path: %v\ngeneral:   %v", ferr, serr)
		}
		if (fast == nil) != (slow == nil) {
			t.Fatalf("one read gave a dataset, the other none: %v", ferr)
		}
		if fast != nil && figures(fast) != figures(slow) {
			t.Fatalf("figures differ:\nfast path:\n%s\ngeneral:\n%s", figures(fast), figures(slow))
		}
	})
}

// FuzzReadBlocks reads a file in small blocks and in one, with a small
// record limit: where the blocks fall changes nothing, not the figures
// and not the errors (a long record is one bad record either way).
func FuzzReadBlocks(f *testing.F) {
	long := strings.Repeat("7", 150)
	for _, s := range []string{
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1.5\n2024-02,US,X,0101," + long + "\n2024-03,US,X,0101,3\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,\"1\n" + long + "\n\"\n2024-03,US,X,0101,3\n",
		"period,partner,flow,hs,value\r\n2024-01,US,X,0101,\"" + long + "\r\n2024-03,US,X,0101,3\r\n",
		"period,partner,flow,hs,value\n2024-01,US,X,0101,1\n2024-02,US,X,0101,\"\"\"" + long + "\"\"\"\n",
	} {
		f.Add(s, uint16(64))
	}
	f.Fuzz(func(t *testing.T, file string, block uint16) {
		opts := []tradeflow.ReadOption{tradeflow.CollectErrors(), tradeflow.MaxLine(100), tradeflow.Workers(2)}
		small, serr := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", detail(), append(opts, tradeflow.BlockSize(int(block)))...)
		whole, werr := tradeflow.Read(context.Background(), strings.NewReader(file), "f.csv", detail(), append(opts, tradeflow.BlockSize(1<<20))...)
		if (serr == nil) != (werr == nil) || serr != nil && serr.Error() != werr.Error() {
			t.Fatalf("errors differ:\nblocks of %d: %v\none block:    %v", block, serr, werr)
		}
		if (small == nil) != (whole == nil) {
			t.Fatalf("one read gave a dataset, the other none: %v", serr)
		}
		if small != nil && (figures(small) != figures(whole) || small.Summary().Rows != whole.Summary().Rows) {
			t.Fatalf("figures differ:\nblocks of %d:\n%s\none block:\n%s", block, figures(small), figures(whole))
		}
	})
}
