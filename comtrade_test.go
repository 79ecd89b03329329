package tradeflow_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// apiHead is the header of UN Comtrade's data API CSV, all 47 columns.
const apiHead = "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,legacyEstimationFlag,isReported,isAggregate\n"

// apiRow writes a row of apiHead: a goods import of China's, annual 2023,
// HS 2022, totals throughout, with the given changes (column=value).
func apiRow(changes ...string) string {
	cols := strings.Split(strings.TrimSuffix(apiHead, "\n"), ",")
	row := map[string]string{"typeCode": "C", "freqCode": "A", "refPeriodId": "20230101", "refYear": "2023", "refMonth": "52",
		"period": "2023", "reporterCode": "156", "flowCode": "M", "partnerCode": "842", "partner2Code": "0",
		"classificationCode": "H6", "classificationSearchCode": "HS", "isOriginalClassification": "True", "cmdCode": "TOTAL",
		"aggrLevel": "0", "isLeaf": "False", "customsCode": "C00", "mosCode": "0", "motCode": "0", "qtyUnitCode": "-1",
		"isQtyEstimated": "False", "altQtyUnitCode": "-1", "isAltQtyEstimated": "False", "isNetWgtEstimated": "False",
		"isGrossWgtEstimated": "False", "primaryValue": "1000.0", "legacyEstimationFlag": "0", "isReported": "True", "isAggregate": "False"}
	for _, c := range changes {
		k, v, _ := strings.Cut(c, "=")
		row[k] = v
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = row[c]
	}
	return strings.Join(out, ",") + "\n"
}

func readComtrade(t *testing.T, rows string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
	t.Helper()
	return loadComtrade(strings.NewReader(apiHead+rows), "c.csv", mustVintage(t, "2025-06-30"), opts...)
}

// Partners and reporters that are not countries, and every flow Comtrade
// has, load under their own codes.
func TestComtradeAreasAndFlows(t *testing.T) {
	ds, err := readComtrade(t, apiRow("partnerCode=837", "flowCode=X")+apiRow("partnerCode=838", "flowCode=X")+
		apiRow("partnerCode=839", "flowCode=X")+apiRow("partnerCode=899")+apiRow("partnerCode=0")+
		apiRow("reporterCode=97", "partnerCode=156")+apiRow("reporterCode=842", "partnerCode=156", "flowCode=DX")+
		apiRow("reporterCode=842", "partnerCode=156", "flowCode=FM")+apiRow("reporterCode=276", "partnerCode=156", "flowCode=MIP")+
		apiRow("reporterCode=276", "partnerCode=156", "flowCode=XOP")+apiRow("reporterCode=380", "partnerCode=156"))
	require.NoError(t, err)
	var keys []string
	for _, k := range ds.Keys() {
		keys = append(keys, k.String())
	}
	assert.Equal(t, []string{
		"CHN X 837 TOTAL value", "CHN X 838 TOTAL value", "CHN X 839 TOTAL value",
		"CHN M WLD TOTAL value", "CHN M 899 TOTAL value",
		"DEU MIP CHN TOTAL value", "DEU XOP CHN TOTAL value", "ITA M CHN TOTAL value",
		"USA DX CHN TOTAL value", "USA FM CHN TOTAL value", "EU M CHN TOTAL value",
	}, keys)
	assert.Equal(t, tradeflow.ImportsForInward, tradeflow.MustParseKey("DEU MIP CHN TOTAL value").Flow)
}

// A breakdown row neither fails the file nor adds to the total: it is
// skipped and counted, or kept under a key of its own.
func TestComtradeBreakdowns(t *testing.T) {
	rows := apiRow("primaryValue=100") + apiRow("partner2Code=410", "primaryValue=30") +
		apiRow("motCode=2100", "primaryValue=60") + apiRow("customsCode=C05", "primaryValue=5") + apiRow("mosCode=0 ")
	_, err := readComtrade(t, rows)
	require.Error(t, err, "the last row repeats the first: a duplicate")
	ds, err := readComtrade(t, rows[:len(rows)-len(apiRow("mosCode=0 "))])
	require.NoError(t, err)
	assert.Equal(t, 1, ds.Len())
	f, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA TOTAL value"), series.Period{First: mp("2023-01"), Last: mp("2023-12")})
	require.True(t, ok)
	assert.Equal(t, "100", f.Printed())
	assert.Equal(t, []tradeflow.SkipCount{
		{Reason: "a breakdown by second partner (partner2Code not 0)", Rows: 1, First: 3},
		{Reason: "a breakdown by mode of transport (motCode not 0)", Rows: 1, First: 4},
		{Reason: "a breakdown by customs procedure (customsCode not C00)", Rows: 1, First: 5},
	}, ds.Summary().Skipped)

	ds, err = readComtrade(t, rows[:len(rows)-len(apiRow("mosCode=0 "))], tradeflow.KeepBreakdowns())
	require.NoError(t, err)
	assert.Equal(t, 4, ds.Len())
	assert.Empty(t, ds.Summary().Skipped)
	for key, want := range map[string]string{
		"CHN M USA TOTAL value": "100", "CHN M USA TOTAL value partner2=410": "30",
		"CHN M USA TOTAL value mot=2100": "60", "CHN M USA TOTAL value customs=C05": "5",
	} {
		k := tradeflow.MustParseKey(key)
		f, ok := ds.Lookup(k, series.Period{First: mp("2023-01"), Last: mp("2023-12")})
		require.True(t, ok, key)
		assert.Equal(t, want, f.Printed(), key)
	}
	// The totals of a dataset that keeps parts are still the file's totals.
	s, err := tradeflow.Cumulative[series.USD](ds, tradeflow.MustParseKey("CHN M USA TOTAL value"))
	require.NoError(t, err)
	assert.Equal(t, "[2023-12: 100] USD", s.String())
}

// A breakdown row is skipped only if it is good but for being a part:
// one of bad codes, or the header again, is an error; and totals written
// with leading zeros or in lower case are totals, not parts.
func TestComtradeBreakdownRowsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name, row, want string
		err             error
	}{
		{"the header again", apiHead, `c.csv:3: the header again`, tradeflow.ErrMalformed},
		{"the header again with a byte-order mark", "\ufeff" + apiHead, `c.csv:3: the header again`, tradeflow.ErrMalformed},
		{"a bad part code", apiRow("motCode=???"), `c.csv:3:28: column motCode: value "???": a breakdown code`, tradeflow.ErrBreakdown},
		{"a part with a bad period", apiRow("motCode=2100", "period=2024xx"), `c.csv:3:6: column period: value "2024xx"`, nil},
		{"a part with a bad flow", apiRow("partner2Code=410", "flowCode=Q"), `c.csv:3:10: column flowCode: value "Q"`, nil},
		{"a part with a bad partner", apiRow("customsCode=C05", "partnerCode=ZZZ"), `c.csv:3:12: column partnerCode: value "ZZZ"`, nil},
		{"a part with a bad commodity", apiRow("motCode=2100", "cmdCode=FOO"), `c.csv:3:21: column cmdCode: value "FOO"`, tradeflow.ErrCommodity},
		{"a part with a bad value", apiRow("motCode=2100", "primaryValue=abc"), `c.csv:3:44: column primaryValue: value "abc"`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := readComtrade(t, apiRow()+tc.row+apiRow("partnerCode=0"), tradeflow.CollectErrors())
			require.Error(t, err)
			assert.ErrorContains(t, err, tc.want)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
			}
			require.NotNil(t, ds)
			assert.Equal(t, 2, ds.Len(), "the good rows are read")
			assert.Equal(t, 1, ds.Summary().Bad)
			assert.Empty(t, ds.Summary().Skipped, "a bad row is not a skipped part")
		})
	}

	// Totals however written: one figure a row, none skipped.
	ds, err := readComtrade(t, apiRow("partner2Code=000", "motCode=00", "customsCode=c00", "mosCode=0000")+
		apiRow("partnerCode=0", "partner2Code=00"))
	require.NoError(t, err)
	assert.Equal(t, 2, ds.Len())
	assert.Empty(t, ds.Summary().Skipped)
	ds, err = readComtrade(t, apiRow("motCode=00", "customsCode=c00"), tradeflow.KeepBreakdowns())
	require.NoError(t, err)
	assert.Equal(t, []tradeflow.Key{tradeflow.MustParseKey("CHN M USA TOTAL value")}, ds.Keys())

	// A good part is still skipped, and counted.
	ds, err = readComtrade(t, apiRow()+apiRow("motCode=2100")+apiRow("motCode=02100"))
	require.NoError(t, err)
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "a breakdown by mode of transport (motCode not 0)", Rows: 2, First: 3}}, ds.Summary().Skipped)
}

// freqCode, refYear and refMonth restate the period: a row they
// contradict, a part of a total included, is an error naming the column
// and the value; a file without them, or an empty cell, checks nothing.
func TestComtradePeriodColumns(t *testing.T) {
	month := []string{"freqCode=M", "refPeriodId=20231101", "refMonth=11", "period=202311"}
	for _, tc := range []struct{ name, row, want string }{
		{"an annual freqCode of a month", apiRow("period=202311", "refMonth=11"),
			`c.csv:3:2: column freqCode: value "A": annual, but period 202311 is a month: want M: malformed row`},
		{"a monthly freqCode of a year", apiRow("freqCode=M"),
			`c.csv:3:2: column freqCode: value "M": monthly, but period 2023 is a year: want A: malformed row`},
		{"a freqCode neither A nor M", apiRow("freqCode=Q"),
			`c.csv:3:2: column freqCode: value "Q": want A (annual) or M (monthly): malformed row`},
		{"another refYear", apiRow("refYear=2022"),
			`c.csv:3:4: column refYear: value "2022": not the refYear of period 2023: want 2023: malformed row`},
		{"a year's refMonth other than 52", apiRow("refMonth=12"),
			`c.csv:3:5: column refMonth: value "12": not the refMonth of period 2023, a year: want 52: malformed row`},
		{"another month's refMonth", apiRow(append(month, "refMonth=10")...),
			`c.csv:3:5: column refMonth: value "10": not the refMonth of period 202311: want 11: malformed row`},
		{"a year's refMonth on a month", apiRow(append(month, "refMonth=52")...),
			`c.csv:3:5: column refMonth: value "52": not the refMonth of period 202311: want 11: malformed row`},
		{"a monthly freqCode of a span", apiRow("freqCode=M", "refMonth=03", "period=202301/202303"),
			`c.csv:3:2: column freqCode: value "M": monthly, but period 202301/202303 is neither a month nor a year: malformed row`},
		{"another refPeriodId", apiRow("refPeriodId=20220101"),
			`c.csv:3:3: column refPeriodId: value "20220101": not the refPeriodId of period 2023: want 20230101: malformed row`},
		{"a part that contradicts its period", apiRow("motCode=2100", "freqCode=M"),
			`c.csv:3:2: column freqCode: value "M": monthly, but period 2023 is a year: want A: malformed row`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := readComtrade(t, apiRow()+tc.row+apiRow("partnerCode=0"), tradeflow.CollectErrors())
			require.Error(t, err)
			assert.EqualError(t, err, tc.want)
			assert.ErrorIs(t, err, tradeflow.ErrMalformed)
			require.NotNil(t, ds)
			assert.Equal(t, 2, ds.Len(), "the good rows are read")
			assert.Empty(t, ds.Summary().Skipped)
		})
	}

	// Rows that agree read, a month's refMonth with or without its zero,
	// and so does an empty cell.
	ds, err := readComtrade(t, apiRow()+apiRow(month...)+apiRow("freqCode=M", "refPeriodId=20230301", "refMonth=03", "period=202303")+
		apiRow("freqCode=", "refPeriodId=", "refYear=", "refMonth=", "period=202305"))
	require.NoError(t, err)
	assert.Equal(t, 4, ds.Len())

	// A trimmed file without the columns reads as before; one with some of
	// them checks those.
	_, err = tradeflow.Read(t.Context(), strings.NewReader("period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n202311,156,842,M,TOTAL,5\n"),
		"c.csv", tradeflow.Comtrade(), tradeflow.WithVintage("2025-06-30"))
	require.NoError(t, err)
	_, err = tradeflow.Read(t.Context(), strings.NewReader("period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,refYear\n202311,156,842,M,TOTAL,5,2024\n"),
		"c.csv", tradeflow.Comtrade(), tradeflow.WithVintage("2025-06-30"))
	assert.EqualError(t, err, `c.csv:2:7: column refYear: value "2024": not the refYear of period 202311: want 2023: malformed row`)

	// The bulk files are checked alike.
	head := "freqCode\trefYear\trefMonth\tperiod\treporterCode\tflowCode\tpartnerCode\tcmdCode\tprimaryValue\r\n"
	_, err = tradeflow.Read(t.Context(), strings.NewReader(head+"M\t2023\t4\t202303\t156\tM\t842\t8542\t5.0\r\n"),
		"C_M_156_202303_H6_O.txt", tradeflow.ComtradeBulk(), tradeflow.WithVintage("2025-06-30"))
	assert.EqualError(t, err, `C_M_156_202303_H6_O.txt:2:3: column refMonth: value "4": not the refMonth of period 202303: want 3: malformed row`)
}

// cmdCode is TOTAL or an HS code: a product group's name is an error, and
// Comtrade's codes for goods not specified according to kind are skipped
// and counted, or with KeepOtherCodes kept under a classification of
// their own.
func TestComtradeCommodityCodes(t *testing.T) {
	for _, code := range []string{"FOO", "AG6", "ALL", "RARE_EARTHS"} {
		_, err := readComtrade(t, apiRow("cmdCode="+code))
		assert.ErrorContains(t, err, `c.csv:2:21: column cmdCode: value "`+code+`": not an HS code`, code)
		assert.ErrorIs(t, err, tradeflow.ErrCommodity, code)
		_, err = readComtrade(t, apiRow("cmdCode="+code), tradeflow.KeepOtherCodes())
		assert.ErrorIs(t, err, tradeflow.ErrCommodity, "a group's name stays an error: "+code)
	}
	ds, err := readComtrade(t, apiRow("cmdCode=99")+apiRow("cmdCode=9999")+apiRow("cmdCode=999999")+apiRow("cmdCode=1201"))
	require.NoError(t, err)
	assert.Equal(t, []tradeflow.Key{tradeflow.MustParseKey("CHN M USA 1201 value")}, ds.Keys())
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "UN Comtrade's commodities not specified according to kind (99, 9999, 999999): not goods in the HS",
		Rows: 3, First: 2}}, ds.Summary().Skipped)
	_, err = readComtrade(t, apiRow("cmdCode=S4:776"))
	assert.ErrorContains(t, err, `column cmdCode: value "S4:776": not an HS code but S4:776; pass tradeflow.KeepOtherCodes`)

	ds, err = readComtrade(t, apiRow("cmdCode=9999")+apiRow("cmdCode=999999")+apiRow("cmdCode=1201")+apiRow("cmdCode=TOTAL"), tradeflow.KeepOtherCodes())
	require.NoError(t, err)
	var keys []string
	for _, k := range ds.Keys() {
		keys = append(keys, k.String())
	}
	assert.Equal(t, []string{"CHN M USA TOTAL value", "CHN M USA 1201 value", "CHN M USA COMTRADE:9999 value", "CHN M USA COMTRADE:999999 value"}, keys)
	k := tradeflow.MustParseKey("CHN M USA COMTRADE:9999 value")
	_, isHS := k.Commodity.Code()
	assert.False(t, isHS)
}

// Services and other classifications are never stored as HS goods.
func TestComtradeGoodsAndHSOnly(t *testing.T) {
	services := apiRow("typeCode=S", "classificationCode=EB", "cmdCode=200", "partnerCode=0", "partner2Code=", "customsCode=", "motCode=")
	sitc := apiRow("classificationCode=S4", "classificationSearchCode=S4", "cmdCode=776")
	_, err := readComtrade(t, services)
	assert.ErrorContains(t, err, `c.csv:2:1: column typeCode: value "S": a row of trade in services`)
	assert.ErrorIs(t, err, tradeflow.ErrCommodity)
	_, err = readComtrade(t, sitc)
	assert.ErrorContains(t, err, `c.csv:2:18: column classificationCode: value "S4": not the Harmonized System`)

	ds, err := readComtrade(t, services+sitc, tradeflow.KeepOtherCodes())
	require.NoError(t, err)
	var keys []string
	for _, k := range ds.Keys() {
		keys = append(keys, k.String())
		_, isHS := k.Commodity.Code()
		assert.False(t, isHS, k)
	}
	assert.Equal(t, []string{"CHN M USA S4:776 value", "CHN M WLD EB:200 value"}, keys)

	_, err = readComtrade(t, apiRow("typeCode=S", "classificationCode=H6", "cmdCode=8542"), tradeflow.KeepOtherCodes())
	assert.ErrorContains(t, err, "a row of trade in services coded as HS goods")
}

// A weight Comtrade does not have is missing, not zero; the flags and the
// unit of quantity are on the figures; the edition is kept; annual rows
// are annual.
func TestComtradeQuantitiesAndFlags(t *testing.T) {
	ds, err := readComtrade(t,
		apiRow("cmdCode=8542", "classificationCode=H5", "period=2019", "refYear=2019", "refPeriodId=20190101", "netWgt=0.0", "isNetWgtEstimated=True", "qty=0.0")+
			apiRow("cmdCode=030617", "netWgt=0.0", "isReported=False", "isAggregate=True")+
			apiRow("cmdCode=854231", "netWgt=412345.678", "qtyUnitCode=5", "qty=1876543210.0", "isQtyEstimated=True",
				"grossWgt=498765.0"))
	require.NoError(t, err)
	year := func(y string) series.Period { return series.Period{First: mp(y + "-01"), Last: mp(y + "-12")} }

	_, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542 quantity"), year("2019"))
	assert.False(t, ok, "an estimated zero weight is no weight")
	v, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542 value"), year("2019"))
	require.True(t, ok)
	assert.Equal(t, tradeflow.H5, v.Edition)
	assert.Equal(t, 2017, v.Edition.Year())
	assert.Equal(t, tradeflow.Reported, v.Flags)

	w, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 0306.17 quantity"), year("2023"))
	require.True(t, ok, "a zero weight not flagged as estimated is a weight of zero")
	assert.True(t, w.Value.IsZero())
	assert.Equal(t, tradeflow.Aggregated, w.Flags)

	q, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542.31 supplementary_quantity"), year("2023"))
	require.True(t, ok)
	assert.Equal(t, "1876543210.0 ITEMS", q.Printed()+" "+q.Unit.String())
	assert.True(t, q.Flags.Has(tradeflow.Estimated|tradeflow.Reported))
	g, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542.31 gross_weight"), year("2023"))
	require.True(t, ok)
	assert.Equal(t, "498765.0", g.Printed())
	n, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542.31 quantity"), year("2023"))
	require.True(t, ok)
	assert.False(t, n.Flags.Has(tradeflow.Estimated), "the net weight has its own flag")

	var left []string
	for _, c := range ds.Summary().LeftOut {
		if strings.Contains(c.Reason, "zero") {
			left = append(left, c.Reason)
		}
	}
	assert.Equal(t, []string{
		"netWgt: an estimated zero (isNetWgtEstimated true), taken as no quantity",
		"qty: a zero whose unit (qtyUnitCode) says there is none, taken as no supplementary_quantity",
	}, left)

	// Annual figures are years: Cumulative has them at December, Get
	// (months) does not.
	m, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("CHN M USA 8542 value"))
	require.NoError(t, err)
	assert.Zero(t, m.Len())
	c, err := tradeflow.Cumulative[series.USD](ds, tradeflow.MustParseKey("CHN M USA 8542 value"))
	require.NoError(t, err)
	assert.Equal(t, "[2019-12: 1000] USD", c.String())

	_, err = readComtrade(t, apiRow("qty=5.0"))
	assert.ErrorContains(t, err, `column qtyUnitCode: value "-1": the unit says there is no quantity, and qty is 5.0`)
}

// The bulk files read with the same conventions: tabs, CRLF, 0/1.
func TestComtradeBulkConventions(t *testing.T) {
	head := "datasetCode\ttypeCode\tfreqCode\trefPeriodId\trefYear\trefMonth\tperiod\treporterCode\tflowCode\tpartnerCode\tpartner2Code\tclassificationSearchCode\tclassificationCode\tisOriginalClassification\tcmdCode\tcustomsCode\tmosCode\tmotCode\tqtyUnitCode\tqty\tisQtyEstimated\taltQtyUnitCode\taltQty\tisAltQtyEstimated\tnetWgt\tisnetWgtEstimated\tgrossWgt\tisgrossWgtEstimated\tCIFValue\tFOBValue\tprimaryValue\tlegacyEstimationFlag\tisReported\tisAggregate\r\n"
	row := "1\tC\tM\t20230301\t2023\t3\t202303\t156\tM\t842\t0\tH6\tH6\t1\t8542\tC00\t0\t0\t8\t10.5\t1\t-1\t\t0\t0\t1\t\t0\t5.0\t\t5.0\t0\t0\t1\r\n"
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(head+row), "C_M_156_202303_H6_O.txt", tradeflow.ComtradeBulk(),
		tradeflow.WithVintage("2025-06-30"))
	require.NoError(t, err)
	q, ok := ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542 supplementary_quantity"), series.MonthPeriod(mp("2023-03")))
	require.True(t, ok)
	assert.Equal(t, "10.5 KG estimated|aggregated", q.Printed()+" "+q.Unit.String()+" "+q.Flags.String())
	_, ok = ds.Lookup(tradeflow.MustParseKey("CHN M USA 8542 quantity"), series.MonthPeriod(mp("2023-03")))
	assert.False(t, ok, "isnetWgtEstimated 1 with netWgt 0: no weight")
	f, ok := tradeflow.Detect([]byte(strings.TrimSuffix(head, "\r\n")))
	require.True(t, ok)
	assert.Equal(t, "UN Comtrade bulk", f.Name)
}

// loadComtrade reads UN Comtrade's API layout with the vintage of the
// download, as a program with a Comtrade file does.
func loadComtrade(r io.Reader, name string, v tradeflow.Vintage, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
	return tradeflow.Read(context.Background(), r, name, tradeflow.Comtrade(), append([]tradeflow.ReadOption{tradeflow.WithVintage(v.String())}, opts...)...)
}

// TestComtradeAllocations checks that a read of UN Comtrade's API CSV,
// whose commodity codes a skip rule reads (Match, which takes a string),
// makes no heap object a row: 20,000 rows of a few hundred codes.
func TestComtradeAllocations(t *testing.T) {
	data := comtradeAPIFile(20_000, 36, false)
	rows := bytes.Count(data, []byte("\n")) - 1
	allocs := testing.AllocsPerRun(3, func() {
		if _, err := tradeflow.Read(context.Background(), bytes.NewReader(data), "TradeData.csv", tradeflow.Comtrade(), tradeflow.WithVintage("2026-01-20")); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > float64(rows)/10 {
		t.Errorf("%.0f allocations for %d rows, want at most one a ten rows", allocs, rows)
	}
}

// A legacy file's Year is its period's year, as refYear is in the Plus
// API's: a row whose Year says otherwise is an error naming it.
func TestComtradeLegacyYear(t *testing.T) {
	data, err := os.ReadFile("testdata/comtrade/comtrade_legacy_api.csv")
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	_, err = tradeflow.Read(t.Context(), strings.NewReader(lines[0]+lines[1]), "legacy.csv", tradeflow.ComtradeLegacy(), tradeflow.WithVintage("2017-06-01"))
	require.NoError(t, err, lines[1])
	bad := strings.Replace(lines[1], ",2016,2016,", ",2015,2016,", 1)
	require.NotEqual(t, lines[1], bad)
	_, err = tradeflow.Read(t.Context(), strings.NewReader(lines[0]+bad), "legacy.csv", tradeflow.ComtradeLegacy(), tradeflow.WithVintage("2017-06-01"))
	assert.EqualError(t, err, `legacy.csv:2:2: column Year: value "2015": not the Year of period 2016: want 2016: malformed row`)
}
