package chart_test

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func month(s string) series.Month { return series.MustParseMonth(s) }

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// usRates are the published year-on-year rates of China's exports to the
// United States, 2024–2025, in percent: January–February combined each
// year, and no figure for 2024-03, 2024-05, 2024-07 and 2024-11.
func usRates() series.Series[series.Percent] {
	var b series.Builder[series.Percent]
	b.SetCombined(series.Period{First: month("2024-01"), Last: month("2024-02")}, dec("5.0"))
	b.SetCombined(series.Period{First: month("2025-01"), Last: month("2025-02")}, dec("2.3"))
	for _, o := range []struct{ m, v string }{
		{"2024-04", "-2.8"}, {"2024-06", "4.1"}, {"2024-08", "4.9"}, {"2024-09", "2.2"},
		{"2024-10", "8.1"}, {"2024-12", "15.6"}, {"2025-03", "4.5"}, {"2025-04", "-21.0"},
		{"2025-05", "-34.5"}, {"2025-06", "-16.1"}, {"2025-07", "-21.7"}, {"2025-08", "-33.1"},
		{"2025-09", "-27.0"}, {"2025-10", "-25.2"}, {"2025-11", "-28.6"},
	} {
		b.Set(month(o.m), dec(o.v))
	}
	s, err := b.Series()
	if err != nil {
		panic(err)
	}
	return s
}

// novContributions decomposes the growth of China's exports in November
// 2025 over November 2024 into the United States and the rest of the
// world, from the levels published (USD mn).
func novContributions() partner.Decomposition {
	total := series.MustFromStrings[series.USDMillion](month("2024-11"), "312310")
	total = mustAdd(total, series.MustFromStrings[series.USDMillion](month("2025-11"), "330350"))
	us := series.MustFromStrings[series.USDMillion](month("2024-11"), "47300")
	us = mustAdd(us, series.MustFromStrings[series.USDMillion](month("2025-11"), "33789.1"))
	d, err := partner.Contributions(series.MonthPeriod(month("2025-11")), total,
		[]partner.Part[series.USDMillion]{{Name: "United States", Series: us}})
	if err != nil {
		panic(err)
	}
	return d
}

// janNovShares splits China's exports in January–November 2025 by
// market, from the levels published (USD mn).
func janNovShares() partner.Breakdown {
	p := series.Period{First: month("2025-01"), Last: month("2025-11")}
	level := func(v string) series.Series[series.USDMillion] {
		var b series.Builder[series.USDMillion]
		b.SetCombined(p, dec(v))
		s, err := b.Series()
		if err != nil {
			panic(err)
		}
		return s
	}
	var parts []partner.Part[series.USDMillion]
	for _, pt := range []struct{ name, v string }{
		{"ASEAN", "599033.5"}, {"European Union", "508047.9"}, {"United States", "385907.0"},
		{"Hong Kong", "300461.8"}, {"Japan", "144176.3"}, {"South Korea", "130696.9"},
		{"Russia", "91606.8"}, {"Taiwan", "76004.8"}, {"Brazil", "65415.0"},
	} {
		parts = append(parts, partner.Part[series.USDMillion]{Name: pt.name, Series: level(pt.v)})
	}
	b, err := partner.Shares(p, level("3414732.8"), parts)
	if err != nil {
		panic(err)
	}
	return b
}

// mustAdd joins two series that have no month in common.
func mustAdd[U series.Unit](a, b series.Series[U]) series.Series[U] {
	var bl series.Builder[U]
	for _, s := range []series.Series[U]{a, b} {
		for p, v := range s.All() {
			bl.SetCombined(p, v)
		}
	}
	s, err := bl.Series()
	if err != nil {
		panic(err)
	}
	return s
}

// worldRates are the published year-on-year rates of China's exports and
// imports, 2023–2025, in percent, monthly and January–February combined
// as released; 2023-02, 2023-05 and 2023-06 have no figure.
func worldRates() (exports, imports series.Series[series.Percent]) {
	var x, m series.Builder[series.Percent]
	for _, o := range []struct{ p, x, m string }{
		{"2023-01", "-10.5", "-21.4"}, {"2023-03", "14.8", "-1.4"}, {"2023-04", "8.5", "-7.9"},
		{"2023-07", "-14.5", "-12.4"}, {"2023-08", "-8.8", "-7.3"}, {"2023-09", "-6.2", "-6.3"},
		{"2023-10", "-6.4", "3.0"}, {"2023-11", "0.5", "-0.6"}, {"2023-12", "2.3", "0.2"},
		{"2024-01/2024-02", "7.1", "3.5"}, {"2024-03", "-7.5", "-1.9"}, {"2024-04", "1.5", "8.4"},
		{"2024-05", "7.6", "1.8"}, {"2024-06", "8.6", "-2.3"}, {"2024-07", "7.0", "7.2"},
		{"2024-08", "8.7", "0.5"}, {"2024-09", "2.4", "0.3"}, {"2024-10", "12.7", "-2.3"},
		{"2024-11", "6.7", "-3.9"}, {"2024-12", "10.7", "1.0"}, {"2025-01/2025-02", "2.3", "-8.4"},
		{"2025-03", "12.4", "-4.3"}, {"2025-04", "8.1", "-0.2"}, {"2025-05", "4.8", "-3.4"},
		{"2025-06", "5.8", "1.1"}, {"2025-07", "7.2", "4.1"}, {"2025-08", "4.4", "1.3"},
		{"2025-09", "8.3", "7.4"}, {"2025-10", "-1.1", "1.0"}, {"2025-11", "5.9", "1.9"},
		{"2025-12", "6.6", "5.7"},
	} {
		p, err := series.ParsePeriod(o.p)
		if err != nil {
			panic(err)
		}
		x.SetCombined(p, dec(o.x))
		m.SetCombined(p, dec(o.m))
	}
	return mustSeries(&x), mustSeries(&m)
}

// pmi is China's official manufacturing PMI as published, 2024-04 to
// 2025-12; 2024-06 and 2024-12 have no figure.
func pmi() series.Series[series.Index] {
	var b series.Builder[series.Index]
	for _, o := range []struct{ m, v string }{
		{"2024-04", "50.4"}, {"2024-05", "49.5"}, {"2024-07", "49.4"}, {"2024-08", "49.1"},
		{"2024-09", "49.8"}, {"2024-10", "50.1"}, {"2024-11", "50.3"}, {"2025-01", "49.1"},
		{"2025-02", "50.2"}, {"2025-03", "50.5"}, {"2025-04", "49.0"}, {"2025-05", "49.5"},
		{"2025-06", "49.7"}, {"2025-07", "49.3"}, {"2025-08", "49.4"}, {"2025-09", "49.8"},
		{"2025-10", "49.0"}, {"2025-11", "49.2"}, {"2025-12", "50.1"},
	} {
		b.Set(month(o.m), dec(o.v))
	}
	return mustSeries(&b)
}

// syntheticLevels is a made-up monthly level over ten years, USD bn, with
// January and February combined every year as China releases them: a
// long axis, and an amount whose two-month totals are not drawn.
func syntheticLevels() series.Series[series.USDBillion] {
	var b series.Builder[series.USDBillion]
	for y := 2016; y <= 2025; y++ {
		b.SetCombined(series.Period{First: series.MustMonth(y, 1), Last: series.MustMonth(y, 2)},
			decimal.NewFromInt(int64(400+20*(y-2016))))
		for m := 3; m <= 12; m++ {
			b.Set(series.MustMonth(y, time.Month(m)), decimal.NewFromInt(int64(200+10*(y-2016)+3*(m%5))))
		}
	}
	return mustSeries(&b)
}

func mustSeries[U series.Unit](b *series.Builder[U]) series.Series[U] {
	s, err := b.Series()
	if err != nil {
		panic(err)
	}
	return s
}
