package tradeflow_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func TestReconciliationAcceptance(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	for _, tt := range []struct {
		flow             tradeflow.Flow
		published        string
		computed, lo, hi string
	}{
		{tradeflow.Exports, "5.9", "5.78", "3118.0", "3120.9"},
		{tradeflow.Imports, "1.9", "1.77", "2144.9", "2146.9"},
	} {
		levels, err := tradeflow.Get[series.USD100M](ds, key("WLD", tt.flow, tradeflow.Value))
		require.NoError(t, err)
		c, err := tradeflow.CheckRate(levels, series.MonthPeriod(mp("2025-11")), 12, dec(tt.published), tradeflow.Precision{Rate: 1, Level: 1})
		require.NoError(t, err)
		assert.Equal(t, tt.computed, c.Computed.StringFixed(2), "%v computed from first prints", tt.flow)
		assert.False(t, c.Agrees())
		assert.Equal(t, tt.lo, c.Interval.LowPrinted.StringFixed(1))
		assert.Equal(t, tt.hi, c.Interval.HighPrinted.StringFixed(1))
		assert.False(t, c.Interval.Contains(c.BaseValue), "the first print is outside: the base was revised")
		// Every base in the exact interval gives back the published rate.
		// (The bounds themselves are quotients rounded to 13 places; test just inside.)
		for _, b := range []decimal.Decimal{c.Interval.Low.Add(decimal.New(1, -9)), c.Interval.High.Sub(decimal.New(1, -9))} {
			rate, _ := series.Quo(c.Interval.Current.Sub(b).Shift(2), b)
			assert.Equal(t, tt.published, rate.Round(1).StringFixed(1), "base %v", b)
		}
		for _, just := range []decimal.Decimal{c.Interval.Low.Sub(decimal.New(1, -9)), c.Interval.High.Add(decimal.New(1, -9))} {
			rate, _ := series.Quo(c.Interval.Current.Sub(just).Shift(2), just)
			assert.NotEqual(t, tt.published, rate.Round(1).StringFixed(1), "just outside the interval: %v", just)
		}
	}
	_, err := tradeflow.ImpliedBase(decimal.Zero, dec("5"), tradeflow.Precision{Rate: 1, Level: 1})
	assert.ErrorIs(t, err, tradeflow.ErrNoBase)
	iv, err := tradeflow.ImpliedBase(dec("10"), dec("-100"), tradeflow.Precision{Rate: 1, Level: 1})
	require.NoError(t, err, "a fall printed as 100% comes from any base large enough")
	assert.True(t, iv.Unbounded)
	assert.Equal(t, "20000.0 or more", iv.String())
	_, err = tradeflow.ImpliedBase(dec("10"), dec("-100.1"), tradeflow.Precision{Rate: 1, Level: 1})
	assert.ErrorIs(t, err, tradeflow.ErrNoBase, "a fall of more than 100% leaves no positive base")
}

func TestBalanceMoveKinds(t *testing.T) {
	for _, tt := range []struct{ from, to, kind string }{
		{"10", "12", "surplus widened"},
		{"12", "10", "surplus narrowed"},
		{"-10", "-12", "deficit widened"},
		{"-12", "-10", "deficit narrowed"},
		{"5", "-1", "swung into deficit"},
		{"-5", "1", "swung into surplus"},
		{"0", "3", "swung into surplus"},
		{"3", "0", "moved into balance"},
		{"3", "3.0", "unchanged"},
	} {
		c := tradeflow.BalanceMove{From: dec(tt.from), To: dec(tt.to)}
		assert.Equal(t, tt.kind, c.Kind(), "%s → %s", tt.from, tt.to)
	}
	_, ok := tradeflow.BalanceMove{From: dec("-5"), To: dec("-10")}.SizeChange()
	assert.True(t, ok, "a deficit that doubled has a meaningful percent change")
	pc, _ := tradeflow.BalanceMove{From: dec("-5"), To: dec("-10")}.SizeChange()
	assert.Equal(t, "100", pc.String(), "measured on the size of the deficit")
}

func TestReportFormats(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), mp("2025-11"))
	require.NoError(t, err)
	require.Len(t, r.Headline, 3)
	x := r.Headline[0]
	assert.Equal(t, "3303.5", x.Value.Published.String())
	assert.Nil(t, x.Value.Computed, "a printed level is not dressed up as computed")
	assert.Equal(t, "5.9", x.YoY.Published.String())
	assert.Equal(t, "5.7763119976945", x.YoY.Computed.String())
	b := r.Headline[2]
	assert.Equal(t, "1116.8", b.Value.Computed.String(), "balance from the levels")
	assert.Equal(t, "1116.8", b.Value.Published.String())
	assert.Equal(t, "21.6", b.YTDYoY.Computed.Round(1).String())

	var js bytes.Buffer
	require.NoError(t, r.WriteJSON(&js))
	var back tradeflow.Report
	require.NoError(t, json.Unmarshal(js.Bytes(), &back))
	assert.Equal(t, r.Month, back.Month)
	assert.True(t, back.Headline[0].YoY.Computed.Equal(*x.YoY.Computed), "decimals survive JSON exactly")

	var cs bytes.Buffer
	require.NoError(t, r.WriteCSV(&cs))
	rows, err := csv.NewReader(&cs).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"section", "label", "unit", "column", "computed", "published", "note", "error"}, rows[0])
	assert.Contains(t, rows, []string{"headline", "exports", "USD 100 mn", "yoy_pct", "5.7763119976945", "5.9", "", ""})

	_, err = tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), mp("2019-01"))
	assert.Error(t, err)
}

// TestReportRound checks the display copy: computed figures rounded half
// away from zero, published ones as printed, the exact report untouched,
// and the JSON saying which it is.
func TestReportRound(t *testing.T) {
	ds := loadShipped(t, "china-customs.csv")
	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), mp("2025-11"))
	require.NoError(t, err)
	d := r.Round(1)
	x, im := d.Headline[0], d.Headline[1]
	assert.Equal(t, "5.8", x.YoY.Computed.String(), "5.7763… to one place")
	assert.Equal(t, "5.9", x.YoY.Published.String())
	assert.Equal(t, "-0.7", im.YTDYoY.Computed.String(), "−0.73… to one place, away from zero")
	assert.Equal(t, "5.7763119976945", r.Headline[0].YoY.Computed.String(), "the exact report is unchanged")
	assert.Nil(t, r.Rounded)
	require.NotNil(t, d.Rounded)
	assert.Equal(t, int32(1), *d.Rounded)

	decode := func(r *tradeflow.Report) map[string]any {
		var js bytes.Buffer
		require.NoError(t, r.WriteJSON(&js))
		var m map[string]any
		require.NoError(t, json.Unmarshal(js.Bytes(), &m))
		return m
	}
	yoy := func(m map[string]any) map[string]any {
		return m["headline"].([]any)[0].(map[string]any)["yoy_pct"].(map[string]any)
	}
	exact, shown := decode(r), decode(d)
	assert.NotContains(t, exact, "rounded", "an exact report says nothing of rounding")
	assert.Equal(t, "5.7763119976945", yoy(exact)["computed"])
	assert.Equal(t, 1.0, shown["rounded"])
	assert.Equal(t, "5.8", yoy(shown)["computed"])
	assert.Equal(t, "5.9", yoy(shown)["published"])

	z := r.Round(0)
	assert.Equal(t, "6", z.Headline[0].YoY.Computed.String())
	assert.Equal(t, "5.9", z.Headline[0].YoY.Published.String(), "published figures stay as printed")

	// Rounding for display invents no disagreement: the balance computed
	// from levels, 1,116.8 exactly, is 1,117 rounded, and still agrees
	// with the published 1,116.8; a real one (exports y/y) still differs,
	// and the notes give the exact figures, as the exact report's do.
	bal := z.Headline[2].Value
	require.NotNil(t, bal.Computed)
	assert.Equal(t, "1117", bal.Computed.String())
	assert.False(t, bal.Differs())
	assert.True(t, z.Headline[0].YoY.Differs())
	var exactText, zText strings.Builder
	require.NoError(t, r.WriteText(&exactText))
	require.NoError(t, z.WriteText(&zText))
	notes := func(s string) string { _, after, _ := strings.Cut(s, "p published"); return after }
	assert.Equal(t, notes(exactText.String()), notes(zText.String()))
	assert.Contains(t, zText.String(), "2 c", "imports m/m, 1.57…, to the places asked for")
}

// A month whose exports are released for January and February together
// and whose imports are not has no balance of one period: the report says
// so rather than subtract February's imports from two months' exports.
// The year-earlier balances are of the same periods, and a year-to-date
// change no source printed is computed from the months.
func TestReportCombinedPeriods(t *testing.T) {
	in := header +
		"2024-01/2024-02,X,WLD,TOTAL,value,100,USD_100M,2024-03-07,test,\n" +
		"2024-01,M,WLD,TOTAL,value,30,USD_100M,2024-03-07,test,\n" +
		"2024-02,M,WLD,TOTAL,value,30,USD_100M,2024-03-07,test,\n" +
		"2025-01/2025-02,X,WLD,TOTAL,value,110,USD_100M,2025-03-07,test,\n" +
		"2025-01,M,WLD,TOTAL,value,40,USD_100M,2025-03-07,test,\n" +
		"2025-02,M,WLD,TOTAL,value,50,USD_100M,2025-03-07,test,\n"
	ds, err := tradeflow.Load(strings.NewReader(in), "jf.csv", tradeflow.WithReporter("CN"))
	require.NoError(t, err)
	r, err := tradeflow.MonthlyReport[series.USD100M](ds, partner.MustParseCode("CN"), mp("2025-02"))
	require.NoError(t, err)
	x, bal := r.Headline[0], r.Headline[2]
	assert.Equal(t, "2025-01/2025-02: 2 months released together", x.Value.Note)
	assert.Nil(t, bal.Value.Computed, "110 less 50 is no balance")
	assert.Equal(t, "exports cover 2025-01/2025-02 and imports 2025-02: no balance of one period", bal.Value.Note)
	assert.Equal(t, "20", bal.YTD.Computed.String(), "110 less 40 and 50")
	assert.Equal(t, "surplus narrowed from 40 to 20", bal.YTDYoY.Note, "100 less 30 and 30, a year before")
	require.NotNil(t, x.YTDYoY.Computed)
	assert.Equal(t, "10", x.YTDYoY.Computed.String())

	// On the shipped data: April 2025's year to date on a year earlier,
	// which no source printed, from the months.
	shipped := loadShipped(t, "china-customs.csv")
	r, err = tradeflow.MonthlyReport[series.USD100M](shipped, partner.MustParseCode("CN"), mp("2025-04"))
	require.NoError(t, err)
	c := r.Headline[0].YTDYoY
	require.NotNil(t, c.Computed, "%+v", c)
	assert.Nil(t, c.Published)
	levels, err := tradeflow.Get[series.USD100M](shipped, tradeflow.MustParseKey("CN X WLD TOTAL value"))
	require.NoError(t, err)
	want, _ := series.YTDChange(levels)
	w, ok := want.At(mp("2025-04"))
	require.True(t, ok)
	assert.True(t, w.Equal(*c.Computed), "%v against %v", c.Computed, w)
}
