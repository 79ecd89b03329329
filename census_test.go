package tradeflow_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func TestCensusJSON(t *testing.T) {
	read := func(body string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.ReadAny(t.Context(), strings.NewReader(body), "census.json", append(opts, tradeflow.WithVintage("2025-06-30"))...)
	}
	head := `[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","time","E_COMMODITY"],` + "\n"
	ds, err := read(head + `["-","TOTAL FOR ALL COUNTRIES","100","1201","2024-03","1201"],` + "\n" +
		`["0003","EUROPEAN UNION","40","1201","2024-03","1201"],` + "\n" +
		`["0014","PACIFIC RIM COUNTRIES","30","1201","2024-03","1201"],` + "\n" +
		`["4803","KOSOVO","1","1201","2024-03","1201"],` + "\n" +
		`["5830","TAIWAN","7","1201","2024-03","1201"]]`)
	require.NoError(t, err)
	var keys []string
	for _, k := range ds.Keys() {
		keys = append(keys, k.String())
	}
	assert.Equal(t, []string{"USA X TWN 1201 value", "USA X WLD 1201 value", "USA X XKX 1201 value", "USA X EU 1201 value"}, keys)
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "a grouping of countries other than the EU (CTY_CODE below 1000, or with an X)", Rows: 1, First: 4}},
		ds.Summary().Skipped)
	f, ok := ds.Lookup(tradeflow.MustParseKey("USA X EU 1201 value"), series.MonthPeriod(mp("2024-03")))
	require.True(t, ok)
	assert.Equal(t, 3, f.Line, "line n is the nth array")

	_, err = read(head + `["1220","CANADA","5","1201","2024-03","1202"]]`)
	assert.ErrorContains(t, err, `census.json:2:6: column E_COMMODITY: value "1202": column 4, also named E_COMMODITY, holds "1201"`)
	_, err = read(head + `["1220","CANADA","5","1201","2024-03","1201"]`)
	assert.ErrorIs(t, err, tradeflow.ErrMalformed, "a table that does not end")
	_, err = read(head + `["9999","NOWHERE","5","1201","2024-03","1201"]]`)
	assert.ErrorContains(t, err, `census.json:2:1: column CTY_CODE: value "9999": want one of the`)
	_, err = read(`[["CTY_CODE","ALL_VAL_MO","QTY_1_MO","UNIT_QY1","E_COMMODITY","time"],["1220","5","3","GAL","1201","2024-03"]]`)
	assert.ErrorContains(t, err, `column UNIT_QY1: value "GAL": want one of DOZ, KG, NO, X`)
}

func TestComextSumsProcedures(t *testing.T) {
	head := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n"
	row := func(proc, value, kg string) string {
		return "DE,CN,E,85423190,77641,2611,2611,220,321220,16,1," + proc + ",NO_SU,202402," + value + "," + value + "," + kg + ",0\n"
	}
	read := func(rows string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.Read(t.Context(), strings.NewReader(head+rows), "full_202402.dat", tradeflow.Comext(),
			append(opts, tradeflow.WithVintage("2024-04-15"))...)
	}
	ds, err := read(row("1", "100", "10") + row("2", "50", "") + row("9", "7", "1"))
	require.NoError(t, err)
	m := series.MonthPeriod(mp("2024-02"))
	v, ok := ds.Lookup(tradeflow.MustParseKey("DEU M CHN 8542.31.90 value"), m)
	require.True(t, ok)
	assert.Equal(t, "157", v.Printed())
	_, ok = ds.Lookup(tradeflow.MustParseKey("DEU M CHN 8542.31.90 quantity"), m)
	assert.False(t, ok, "a part without a weight: the total has none")
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total", Rows: 3, First: 2}},
		ds.Summary().Summed)
	var reasons []string
	for _, c := range ds.Summary().LeftOut {
		reasons = append(reasons, c.Reason)
	}
	assert.Contains(t, reasons, "a total's quantity (a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total): its parts are not all those of its value (a part has no quantity, or its value conflicts)")

	// One procedure twice is a duplicate, not a part.
	_, err = read(row("1", "100", "10") + row("1", "90", "10"))
	assert.ErrorIs(t, err, tradeflow.ErrDuplicate)

	// Collected, a conflicting part makes a total no series is built
	// from, and its quantity is left out, saying why.
	ds, err = read(row("1", "100", "10")+row("1", "300", "10")+row("2", "50", "5"), tradeflow.CollectErrors())
	assert.ErrorContains(t, err, "full_202402.dat:3: duplicate observation: DEU M CHN 8542.31.90 value procedure=1 2024-02 vintage 2024-04-15 is 300 here and 100 on line 2; neither is used")
	_, err = tradeflow.Get[series.Money[euro, series.One]](ds, tradeflow.MustParseKey("DEU M CHN 8542.31.90 value"))
	assert.ErrorIs(t, err, tradeflow.ErrDuplicate)
	_, ok = ds.Lookup(tradeflow.MustParseKey("DEU M CHN 8542.31.90 quantity"), m)
	assert.False(t, ok)
	assert.Equal(t, "a total's quantity (a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total): its parts are not all those of its value (a part has no quantity, or its value conflicts)",
		ds.Summary().LeftOut[0].Reason)
}

// With CollectErrors, a total one of whose parts is a bad row is left out
// and counted, not summed from its other parts: a sum of some parts would
// look like the whole. Totals of other periods are summed as ever.
func TestComextBadPartLeavesTotalOut(t *testing.T) {
	head := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n"
	row := func(period, proc, value string) string {
		return "DE,CN,E,85423190,77641,2611,2611,220,321220,16,1," + proc + ",NO_SU," + period + "," + value + "," + value + ",10,0\n"
	}
	for _, bad := range []string{"abc", "-50", "NA", "1e400"} {
		rows := row("202402", "1", "100") + row("202402", "2", bad) + row("202402", "9", "7") +
			row("202403", "1", "30") + row("202403", "2", "4")
		ds, err := tradeflow.Read(t.Context(), strings.NewReader(head+rows), "full_2024.dat", tradeflow.Comext(),
			tradeflow.WithVintage("2024-04-15"), tradeflow.CollectErrors())
		var el *tradeflow.ErrorList
		require.ErrorAs(t, err, &el, bad)
		require.Equal(t, 1, el.Total, bad)
		assert.Equal(t, 3, el.Errors[0].Line, bad)
		require.NotNil(t, ds, bad)
		for _, k := range []string{"DEU M CHN 8542.31.90 value", "DEU M CHN 8542.31.90 quantity"} {
			_, ok := ds.Lookup(tradeflow.MustParseKey(k), series.MonthPeriod(mp("2024-02")))
			assert.False(t, ok, "%s: 100 + 7 is not the total: %s", bad, k)
		}
		v, ok := ds.Lookup(tradeflow.MustParseKey("DEU M CHN 8542.31.90 value"), series.MonthPeriod(mp("2024-03")))
		require.True(t, ok, bad)
		assert.Equal(t, "34", v.Printed(), bad)
		assert.Contains(t, ds.Summary().LeftOut, tradeflow.SkipCount{Rows: 2, First: 3,
			Reason: "a total (a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total) one of whose parts is a bad row: the sum of the others is not the total"}, bad)
		x, err := tradeflow.Get[series.Money[euro, series.One]](ds, tradeflow.MustParseKey("DEU M CHN 8542.31.90 value"))
		require.NoError(t, err, bad)
		assert.Equal(t, "[2024-03: 34] EUR", x.String(), "a missing month, not a smaller one: "+bad)
	}
}

// Comext's special codes of the CN (chapters 98 and 99) are not HS goods:
// skipped and counted, or kept as codes of the CN; its partners are
// ISO's and Eurostat's own, and no other letters.
func TestComextCodes(t *testing.T) {
	head := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n"
	row := func(partner, product string) string {
		return "DE," + partner + ",E," + product + ",77641,2611,2611,220,321220,16,1,1,NO_SU,202402,100,100,10,0\n"
	}
	read := func(rows string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.Read(t.Context(), strings.NewReader(head+rows), "full_202402.dat", tradeflow.Comext(),
			append(opts, tradeflow.WithVintage("2024-04-15"))...)
	}
	rows := row("CN", "85423190") + row("QS", "99302400") + row("CN", "98800000") + row("CN", "99500000")
	ds, err := read(rows)
	require.NoError(t, err)
	assert.Equal(t, 2, ds.Len(), "one key: its value and its weight")
	assert.Contains(t, ds.Summary().Skipped, tradeflow.SkipCount{Rows: 3, First: 3,
		Reason: "a special code of the CN (PRODUCT_NC in chapter 98 or 99, such as 99302400, stores and provisions): not goods in the HS"})
	ds, err = read(rows, tradeflow.KeepOtherCodes())
	require.NoError(t, err)
	var keys []string
	for _, k := range ds.Keys() {
		if k.Measure == tradeflow.Value {
			keys = append(keys, k.String())
		}
	}
	assert.ElementsMatch(t, []string{"DEU M CHN 8542.31.90 value", "DEU M QS CN:99302400 value", "DEU M CHN CN:98800000 value", "DEU M CHN CN:99500000 value"}, keys)
	assert.Empty(t, ds.Summary().Skipped)

	for _, code := range []string{"QQ", "ZZ", "EL"} {
		_, err := read(row(code, "85423190"))
		assert.ErrorContains(t, err, `full_202402.dat:2:2: column PARTNER: value "`+code+`": partner: unknown code`, code)
		_, err = read(row(code, "85423190"), tradeflow.Unlisted())
		assert.NoError(t, err, "Unlisted takes any letters: "+code)
	}
	for _, code := range []string{"QY", "qz", "XS", "XI"} {
		ds, err := read(row(code, "85423190"))
		require.NoError(t, err, code)
		assert.True(t, ds.Keys()[0].Partner.IsUnlisted(), code)
	}
	// Northern Ireland reports its trade within the EU since 2021, as XI.
	ds, err = read(strings.Replace(row("DE", "85423190"), "DE,", "XI,", 1))
	require.NoError(t, err)
	assert.Equal(t, "XI M DEU 8542.31.90 value", ds.Keys()[0].String())
}

// Comext's files have no total rows: an empty STAT_PROCEDURE is neither a
// procedure nor a total, and taking it as the total the procedures are
// also added into would count them twice.
func TestComextEmptyProcedure(t *testing.T) {
	head := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n"
	row := func(proc, value string) string {
		return "DE,CN,E,85423190,77641,2611,2611,220,321220,16,1," + proc + ",NO_SU,202402," + value + "," + value + ",1,0\n"
	}
	for _, keep := range []bool{false, true} {
		opts := []tradeflow.ReadOption{tradeflow.WithVintage("2024-04-15"), tradeflow.CollectErrors()}
		if keep {
			opts = append(opts, tradeflow.KeepBreakdowns())
		}
		ds, err := tradeflow.Read(t.Context(), strings.NewReader(head+row("1", "100")+row("2", "50")+row(" ", "150")), "full_202402.dat", tradeflow.Comext(), opts...)
		var el *tradeflow.ErrorList
		require.ErrorAs(t, err, &el, "keep breakdowns: %v", keep)
		require.Equal(t, 1, el.Total)
		assert.ErrorIs(t, el.Errors[0], tradeflow.ErrMissing)
		assert.Equal(t, `full_202402.dat:4:12: column STAT_PROCEDURE: value "": empty: the file has no total rows, so every row needs its part (a breakdown by statistical procedure (STAT_PROCEDURE), added up into the total): missing value`, el.Errors[0].Error())
		if !keep {
			v, ok := ds.Lookup(tradeflow.MustParseKey("DEU M CHN 8542.31.90 value"), series.MonthPeriod(mp("2024-02")))
			require.True(t, ok)
			assert.Equal(t, "150", v.Printed(), "the procedures' sum, once")
		}
	}
}

// A JSON table's arrays are its lines: a bad array is a bad row like any
// other, an array's string holding a newline is still one line, and a
// byte-order mark is no part of the table.
func TestCensusJSONRows(t *testing.T) {
	read := func(body string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.ReadAny(t.Context(), strings.NewReader(body), "census.json", append(opts, tradeflow.WithVintage("2025-06-30"))...)
	}
	head := `[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","time","E_COMMODITY"],` + "\n"
	eu := func(value string) string { return `["0003","EUROPEAN UNION","` + value + `","1201","2024-03","1201"]` }

	t.Run("repeated column differs", func(t *testing.T) {
		ds, err := read(head+`["1220","CANADA","5","1201","2024-03","1202"],`+"\n"+eu("40")+"]", tradeflow.CollectErrors())
		var el *tradeflow.ErrorList
		require.ErrorAs(t, err, &el, "one bad row, not the end of the read")
		require.Equal(t, 1, el.Total)
		assert.ErrorIs(t, el.Errors[0], tradeflow.ErrMalformed)
		assert.Equal(t, `census.json:2:6: column E_COMMODITY: value "1202": column 4, also named E_COMMODITY, holds "1201": malformed row`, el.Errors[0].Error())
		require.NotNil(t, ds)
		assert.Equal(t, 1, ds.Len())
		sum := ds.Summary()
		assert.Equal(t, [3]int{2, 0, 1}, [3]int{sum.Rows, sum.Blank, sum.Bad}, "rows, blank lines, bad rows")
		_, err = read(head + `["1220","CANADA","5","1201","2024-03","1202"],` + "\n" + eu("40") + "]")
		assert.EqualError(t, err, `census.json:2:6: column E_COMMODITY: value "1202": column 4, also named E_COMMODITY, holds "1201": malformed row`,
			"without CollectErrors the read stops there")
	})

	t.Run("newlines in strings", func(t *testing.T) {
		ds, err := read(head+`["1220","CANADA\nAND\nMORE","5","1201","2024-03","1201"],`+"\n"+eu("40")+",\n"+eu(`4\n0`)+"]", tradeflow.CollectErrors())
		var el *tradeflow.ErrorList
		require.ErrorAs(t, err, &el)
		require.Equal(t, 1, el.Total)
		assert.Contains(t, el.Errors[0].Error(), `census.json:4:3: column ALL_VAL_MO: value "4\n0": `, "the value as written, on its array's line")
		assert.Zero(t, el.Errors[0].EndLine)
		f, ok := ds.Lookup(tradeflow.MustParseKey("USA X EU 1201 value"), series.MonthPeriod(mp("2024-03")))
		require.True(t, ok)
		assert.Equal(t, 3, f.Line, "line n is the nth array")
	})

	t.Run("YEAR and MONTH", func(t *testing.T) {
		// An answer to a query by YEAR and MONTH has no time.
		ym := `[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","YEAR","MONTH"],` + "\n" +
			`["0003","EUROPEAN UNION","40","1201","2024","03"],` + "\n" + `["1220","CANADA","5","1201","2024","04"]]`
		ds, err := read(ym)
		require.NoError(t, err)
		s, err := tradeflow.Get[series.USD](ds, tradeflow.MustParseKey("USA X CAN 1201 value"))
		require.NoError(t, err)
		assert.Equal(t, "[2024-04: 5] USD", s.String())
		// With time as well, time is the period and MONTH must agree.
		both := `[["CTY_CODE","CTY_NAME","ALL_VAL_MO","E_COMMODITY","time","YEAR","MONTH"],` + "\n" +
			`["0003","EUROPEAN UNION","40","1201","2024-03","2024","03"],` + "\n" + `["1220","CANADA","5","1201","2024-03","2024","04"]]`
		_, err = read(both)
		require.ErrorIs(t, err, series.ErrPeriod)
		assert.Contains(t, err.Error(), `census.json:3:7: column MONTH: value "04": month 4, but time is 2024-03`)
		_, err = read(strings.Replace(both, `"2024","04"`, `"2023","03"`, 1))
		require.ErrorIs(t, err, tradeflow.ErrMalformed)
		assert.Contains(t, err.Error(), `census.json:3:6: column YEAR: value "2023": not the YEAR of period 2024-03: want 2024`)
		// Neither: the header names what is missing.
		_, err = tradeflow.Read(t.Context(), strings.NewReader(`[["CTY_CODE","ALL_VAL_MO","E_COMMODITY"],["0003","40","1201"]]`), "census.json",
			tradeflow.CensusExports(), tradeflow.WithVintage("2025-06-30"))
		require.ErrorIs(t, err, tradeflow.ErrColumn)
		assert.Contains(t, err.Error(), "missing columns: time")
		_, err = read(`[["CTY_CODE","ALL_VAL_MO","E_COMMODITY","YEAR"],["0003","40","1201","2024"]]`)
		require.ErrorIs(t, err, tradeflow.ErrColumn)
		assert.Contains(t, err.Error(), "missing columns: MONTH")
	})

	t.Run("a value more or fewer than the header", func(t *testing.T) {
		// The header repeats E_COMMODITY, which is left out: a row that
		// lacks a value has as many as the columns kept, and must not be
		// read as if it had them (ALL_VAL_MO would be 1201).
		ds, err := read(head+`["1220","CANADA","1201","2024-03","1201"],`+"\n"+`[],`+"\n"+
			`["1220","CANADA","5","1201","2024-03","1201","x"],`+"\n"+eu("40")+"]", tradeflow.CollectErrors())
		var el *tradeflow.ErrorList
		require.ErrorAs(t, err, &el)
		require.Equal(t, 3, el.Total)
		assert.EqualError(t, el.Errors[0], `census.json:2: 5 fields, the header has 6 (the line: "1220,CANADA,1201,2024-03,1201"): malformed row`)
		assert.EqualError(t, el.Errors[1], `census.json:3: 0 fields, the header has 6 (the line: ""): malformed row`, "an empty array is no blank line")
		assert.EqualError(t, el.Errors[2], `census.json:4: 7 fields, the header has 6 (the line: "1220,CANADA,5,1201,2024-03,1201,x"): malformed row`)
		for _, e := range el.Errors {
			assert.ErrorIs(t, e, tradeflow.ErrMalformed)
		}
		sum := ds.Summary()
		assert.Equal(t, [4]int{4, 0, 3, 1}, [4]int{sum.Rows, sum.Blank, sum.Bad, ds.Len()}, "rows, blank lines, bad rows, figures")
		_, err = read(head + `["1220","CANADA","1201","2024-03","1201"]]`)
		assert.EqualError(t, err, `census.json:2: 5 fields, the header has 6 (the line: "1220,CANADA,1201,2024-03,1201"): malformed row`)
	})

	t.Run("byte-order mark", func(t *testing.T) {
		ds, err := read("\ufeff" + head + eu("40") + "]")
		require.NoError(t, err)
		assert.Equal(t, 1, ds.Len())
		ds, err = tradeflow.Read(t.Context(), strings.NewReader("\ufeff"+head+eu("40")+"]"), "census.json", tradeflow.CensusExports(), tradeflow.WithVintage("2025-06-30"))
		require.NoError(t, err)
		assert.Equal(t, 1, ds.Len())
	})
}

// The Census Bureau reports the Gaza Strip (5082) and the West Bank (5083)
// apart, under codes of its own that ISO 3166-1 does not have: they are
// read as unlisted codes, kept apart, so that an answer for every
// country reads.
func TestCensusGazaAndWestBank(t *testing.T) {
	answer := `[["CTY_CODE","ALL_VAL_MO","QTY_1_MO","UNIT_QY1","E_COMMODITY","time"],` +
		`["5082","5","3","NO","1201","2024-03"],["5083","7","2","NO","1201","2024-03"],["1220","9","1","NO","1201","2024-03"]]`
	ds, err := tradeflow.ReadAny(t.Context(), strings.NewReader(answer), "census.json", tradeflow.WithVintage("2025-06-30"))
	require.NoError(t, err)
	assert.Equal(t, int64(len(answer)), ds.Summary().Bytes, "the answer's bytes, not those of the CSV it is read as")
	var keys []string
	for _, k := range ds.Keys() {
		if k.Measure == tradeflow.Value {
			keys = append(keys, k.String())
			assert.Equal(t, k.Partner.String() != "CAN", k.Partner.IsUnlisted(), k.String())
		}
	}
	assert.ElementsMatch(t, []string{"USA X GZ 1201 value", "USA X WE 1201 value", "USA X CAN 1201 value"}, keys)

	// Written in the library's format, they read back.
	var b strings.Builder
	require.NoError(t, tradeflow.Write(&b, ds))
	back, err := tradeflow.Load(strings.NewReader(b.String()), "written.csv")
	require.NoError(t, err)
	assert.Equal(t, ds.Len(), back.Len())
}

// An option for what a schema fixes (the Census Bureau's reporter, its
// source) is an error when it says otherwise, not ignored; the same one,
// in any form, is no conflict.
func TestOptionAgainstSchemaConstant(t *testing.T) {
	read := func(opts ...tradeflow.ReadOption) error {
		_, err := tradeflow.ReadAny(t.Context(), strings.NewReader(`[["CTY_CODE","ALL_VAL_MO","QTY_1_MO","UNIT_QY1","E_COMMODITY","time"],["1220","5","3","NO","1201","2024-03"]]`), "census.json",
			append(opts, tradeflow.WithVintage("2025-06-30"))...)
		return err
	}
	err := read(tradeflow.WithReporter("DE"))
	var he *tradeflow.HeaderError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, []string{"reporter: the schema says USA, the read's option DE"}, he.Conflicts)
	err = read(tradeflow.WithSource("my desk"))
	require.ErrorAs(t, err, &he)
	assert.Equal(t, []string{"source: the schema says US Census Bureau, the read's option my desk"}, he.Conflicts)
	assert.NoError(t, read(tradeflow.WithReporter("US"), tradeflow.WithSource("US Census Bureau")))
	assert.NoError(t, read(tradeflow.WithReporter("842")))
}

// A value a schema's map does not list is an error wrapping the sentinel
// of its field's role, as the same text parsed without a map would be.
func TestMappedValueSentinels(t *testing.T) {
	comext := "REPORTER,PARTNER,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,PRODUCT_CPA21,PRODUCT_CPA22,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,FLOW,STAT_PROCEDURE,SUPPL_UNIT,PERIOD,VALUE_EUR,VALUE_NAC,QUANTITY_KG,QUANTITY_SUPPL_UNIT\n" +
		"DE,CN,E,85423190,77641,2611,2611,220,321220,16,3,1,NO_SU,202402,100,100,1,0\n"
	_, err := tradeflow.Read(t.Context(), strings.NewReader(comext), "full_202402.dat", tradeflow.Comext(), tradeflow.WithVintage("2024-04-15"))
	require.ErrorIs(t, err, tradeflow.ErrFlow)
	assert.EqualError(t, err, `full_202402.dat:2:11: column FLOW: value "3": want one of 1, 2: unknown flow`)

	census := func(row string) error {
		_, err := tradeflow.ReadAny(t.Context(), strings.NewReader(`[["CTY_CODE","ALL_VAL_MO","QTY_1_MO","UNIT_QY1","E_COMMODITY","time"],`+row+`]`), "census.json",
			tradeflow.WithVintage("2025-06-30"))
		return err
	}
	assert.ErrorIs(t, census(`["9999","5","3","KG","1201","2024-03"]`), partner.ErrCode)
	assert.ErrorIs(t, census(`["1220","5","3","GAL","1201","2024-03"]`), tradeflow.ErrUnitCode)

	_, err = readComtrade(t, apiRow("typeCode=Z"))
	assert.ErrorIs(t, err, tradeflow.ErrValue, "typeCode")
}
