package series_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

func ExampleParseMonth() {
	for _, s := range []string{"2025-11", "202511", "2025M11", "2025-13"} {
		m, err := series.ParseMonth(s)
		fmt.Println(m, err)
	}
	// Output:
	// 2025-11 <nil>
	// 2025-11 <nil>
	// 2025-11 <nil>
	// 0000-00 series: invalid month "2025-13": month 13 is out of range
}

func ExampleNewMonth() {
	m, err := series.NewMonth(2025, time.November)
	fmt.Println(m, err)
	_, err = series.NewMonth(2025, 13)
	fmt.Println(err)
	// Output:
	// 2025-11 <nil>
	// series: invalid month "2025-13": want a year from 1 to 9999 and a month from 1 to 12
}

func ExampleMonthOf() {
	released := time.Date(2025, time.December, 8, 11, 0, 0, 0, time.FixedZone("CST", 8*3600))
	fmt.Println(series.MonthOf(released), series.MonthOf(released).AddMonths(-1))
	// Output: 2025-12 2025-11
}

func ExampleMonth_Scan() {
	// A database column may hold a month as text, as UN Comtrade's integer
	// YYYYMM, or as a date; NULL is the zero Month.
	var m series.Month
	for _, col := range []any{"2025-11", int64(202511), time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC), nil} {
		err := m.Scan(col)
		fmt.Println(m, err)
	}
	v, _ := series.MustParseMonth("2025-11").Value()
	fmt.Printf("%q\n", v)
	// Output:
	// 2025-11 <nil>
	// 2025-11 <nil>
	// 2025-11 <nil>
	// 0000-00 <nil>
	// "2025-11"
}

func ExampleMonth_AddMonths() {
	nov := series.MustMonth(2025, time.November)
	fmt.Println(nov.AddMonths(-12), nov.AddMonths(2))
	fmt.Println(nov.MonthsSince(series.MustParseMonth("2024-03")))
	// Output:
	// 2024-11 2026-01
	// 20
}

func ExampleMonth_MarshalText() {
	b, _ := json.Marshal(map[string]series.Month{"period": series.MustParseMonth("2025M11")})
	fmt.Println(string(b))
	var back map[string]series.Month
	_ = json.Unmarshal(b, &back)
	fmt.Println(back["period"].Year(), back["period"].Month())
	// Output:
	// {"period":"2025-11"}
	// 2025 November
}

func ExampleParsePeriod() {
	p, _ := series.ParsePeriod("2025-01/2025-11")
	fmt.Println(p, p.Len(), p.Contains(series.MustParseMonth("2025-06")))
	_, err := series.ParsePeriod("2025-11/2025-01")
	fmt.Println(err)
	// Output:
	// 2025-01/2025-11 11 true
	// series: invalid period "2025-11/2025-01": it runs backwards
}

func ExamplePeriod_Months() {
	// The year's last quarter, to the last month there is.
	p, _ := series.ParsePeriod("9999-10/9999-12")
	for m := range p.Months() {
		fmt.Println(m)
	}
	// Output:
	// 9999-10
	// 9999-11
	// 9999-12
}

func ExampleFromStrings() {
	// An empty string is a missing month; "0" is a month reported as zero.
	s, err := series.FromStrings[series.Tonnes](series.MustParseMonth("2025-09"), "0", "", "5493.9")
	fmt.Println(s, err)
	_, err = series.FromStrings[series.Tonnes](series.MustParseMonth("2025-09"), "1,234.5")
	fmt.Println(err)
	// Output:
	// [2025-09: 0, 2025-11: 5493.9] t <nil>
	// series: 2025-09: invalid value "1,234.5": want a decimal number such as -12.5
}

func ExampleBuilder() {
	// China's customs release January and February as one figure.
	var b series.Builder[series.USD100M]
	b.SetCombined(series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")},
		decimal.RequireFromString("5399.4"))
	b.SetInt(series.MustParseMonth("2025-03"), 3139, 0)
	s, err := b.Series()
	fmt.Println(s, err)
	_, ok := s.At(series.MustParseMonth("2025-01"))
	p, v, _ := s.Covering(series.MustParseMonth("2025-01"))
	fmt.Println(ok, p, v)
	// Output:
	// [2025-01/2025-02: 5399.4, 2025-03: 3139] USD 100 mn <nil>
	// false 2025-01/2025-02 5399.4
}

func ExampleSeries_All() {
	s := series.FromInts[series.USDMillion](series.MustParseMonth("2025-10"), 31, 33)
	for p, v := range s.All() {
		fmt.Println(p, v)
	}
	fmt.Println(s.First(), s.Last(), s.Len())
	// Output:
	// 2025-10 31
	// 2025-11 33
	// 2025-10 2025-11 2
}

func ExampleSeries_Slice() {
	s := series.FromInts[series.Tonnes](series.MustParseMonth("2025-01"), 1, 2, 3, 4, 5)
	fmt.Println(s.Slice(series.MustParseMonth("2025-02"), series.MustParseMonth("2025-04")))
	// Output:
	// [2025-02: 2, 2025-03: 3, 2025-04: 4] t
}

func ExampleYoY() {
	// China's total exports, USD 100 million, first prints.
	s := series.MustFromStrings[series.USD100M](series.MustParseMonth("2024-11"),
		"3123.1", "", "", "", "", "", "", "", "", "", "", "", "3303.5")
	yoy, gaps := series.YoY(s)
	v, _ := yoy.At(series.MustParseMonth("2025-11"))
	fmt.Println(v.Round(2), gaps)
	// Output:
	// 5.78 2024-11: base 2023-11 is missing
}

func ExampleChange() {
	// A zero or missing base gives no value, and the gap says why.
	s := series.FromInts[series.Tonnes](series.MustParseMonth("2025-01"), 0, 10, 15)
	ch, gaps := series.Change(s, 1)
	fmt.Println(ch.Round(1))
	fmt.Println(gaps)
	// Output:
	// [2025-03: 50] %
	// 2025-01: base 2024-12 is missing
	// 2025-02: base 2025-01 is zero
}

func ExampleMoM() {
	rareEarths := series.MustFromStrings[series.Tonnes](series.MustParseMonth("2025-10"), "4343.5", "5493.9")
	mom, _ := series.MoM(rareEarths)
	v, _ := mom.At(series.MustParseMonth("2025-11"))
	fmt.Println(series.DisplayRounding.Round(v, 1))
	// Output:
	// 26.5
}

func ExampleDiff() {
	s := series.MustFromStrings[series.USDBillion](series.MustParseMonth("2025-10"), "90.07", "111.68")
	d, _ := series.Diff(s, 1)
	fmt.Println(d.Slice(series.MustParseMonth("2025-11"), series.MustParseMonth("2025-11")))
	// Output:
	// [2025-11: 21.61] USD bn
}

func ExampleDiffPP() {
	share := series.MustFromStrings[series.Percent](series.MustParseMonth("2024-11"),
		"14.1", "", "", "", "", "", "", "", "", "", "", "", "15.3")
	pp, _ := series.DiffPP(share, 12)
	fmt.Println(pp)
	// Output:
	// [2025-11: 1.2] pp
}

func ExampleStreak() {
	// China's exports to the U.S., published year-on-year change, 2025.
	yoy := series.MustFromStrings[series.Percent](series.MustParseMonth("2025-03"),
		"4.5", "-21.0", "-34.5", "-16.1", "-21.7", "-33.1", "-27.0", "-25.2", "-28.6")
	minus10 := decimal.NewFromInt(-10)
	run := series.Streak(yoy, series.MustParseMonth("2025-11"), func(v decimal.Decimal) bool {
		return v.LessThan(minus10)
	})
	fmt.Printf("%d straight months, since %v\n", run.Len, run.Period.First)
	// Output:
	// 8 straight months, since 2025-04
}

func ExampleLastBefore() {
	// China's total exports, published year-on-year change; January and
	// February 2025 were released as one figure.
	var b series.Builder[series.Percent]
	for i, v := range []string{"-7.5", "1.5", "7.6", "8.6", "7.0", "8.7", "2.4", "12.7", "6.7", "10.7"} {
		_ = b.SetString(series.MustParseMonth("2024-03").AddMonths(i), v)
	}
	jf, _ := series.ParsePeriod("2025-01/2025-02")
	_ = b.SetCombinedString(jf, "2.3")
	for i, v := range []string{"12.4", "8.1", "4.8", "5.8", "7.2", "4.4", "8.3", "-1.1"} {
		_ = b.SetString(series.MustParseMonth("2025-03").AddMonths(i), v)
	}
	yoy, _ := b.Series()

	m, ok := series.LastBefore(yoy, series.MustParseMonth("2025-10"), func(v decimal.Decimal) bool {
		return v.IsNegative()
	})
	fmt.Printf("first contraction since %v (%v%%), months without a figure in between: %d, %v\n",
		m.Period, m.Value, m.Missing, ok)
	// Output:
	// first contraction since 2024-03 (-7.5%), months without a figure in between: 0, true
}

func ExampleHighestSince() {
	s := series.FromInts[series.Index](series.MustParseMonth("2025-01"), 52, 50, 49, 51, 50, 51)
	m, ok := series.HighestSince(s, series.MustParseMonth("2025-06"))
	fmt.Println(m.Period, ok)
	m, ok = series.LowestSince(s, series.MustParseMonth("2025-03"))
	fmt.Println(m.Period, ok)
	// Output:
	// 2025-04 true
	// 0000-00 false
}

func ExampleYearToDate() {
	var b series.Builder[series.Tonnes]
	b.SetCombined(series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")},
		decimal.NewFromInt(8511))
	b.Set(series.MustParseMonth("2025-03"), decimal.RequireFromString("5666.3"))
	b.Set(series.MustParseMonth("2025-05"), decimal.RequireFromString("5864.6"))
	s, _ := b.Series()
	ytd, gaps := series.YearToDate(s)
	fmt.Println(ytd)
	fmt.Println(gaps)
	ytd, gaps = series.YearToDate(s, series.AllowMissing())
	fmt.Println(ytd)
	fmt.Println(gaps)
	// Output:
	// [2025-02: 8511, 2025-03: 14177.3] t
	// 2025-05: 2025-04 is missing
	// [2025-02: 8511, 2025-03: 14177.3, 2025-05: 20041.9] t
	// 2025-05: partial, 2025-04 is missing
}

func ExampleYTDChange() {
	// January–February 2025 combined, January and February 2024 separate.
	var b series.Builder[series.USDBillion]
	b.Set(series.MustParseMonth("2024-01"), decimal.NewFromInt(100))
	b.Set(series.MustParseMonth("2024-02"), decimal.NewFromInt(100))
	b.Set(series.MustParseMonth("2024-03"), decimal.NewFromInt(100))
	b.SetCombined(series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")},
		decimal.NewFromInt(210))
	b.Set(series.MustParseMonth("2025-03"), decimal.NewFromInt(120))
	s, _ := b.Series()
	ch, _ := series.YTDChange(s)
	fmt.Println(ch.Round(1))
	// Output:
	// [2025-02: 5, 2025-03: 10] %
}

func ExampleRolling() {
	s := series.FromInts[series.Tonnes](series.MustParseMonth("2025-01"), 1, 2, 3, 4)
	r, gaps := series.Rolling(s, 3)
	fmt.Println(r, len(gaps))
	// Output:
	// [2025-03: 6, 2025-04: 9] t 2
}

func ExampleRoundToSum() {
	shares := []decimal.Decimal{
		decimal.RequireFromString("33.35"),
		decimal.RequireFromString("33.35"),
		decimal.RequireFromString("33.3"),
	}
	// Each rounded half away from zero: 33.4 + 33.4 + 33.3 = 100.1.
	fmt.Println(series.RoundToSum(shares, 1))
	// Output: [33.4 33.3 33.3]
}

func ExampleRounding_Round() {
	v := decimal.RequireFromString("2.45")
	fmt.Println(series.DisplayRounding.Round(v, 1), series.DisplayRounding.Round(v.Neg(), 1))
	// To odd keeps the trace of what was cut off: 2.45 and 2.4500001 both
	// round to the odd 2.5 at one place, 2.4 stays 2.4.
	fmt.Println(series.DivisionRounding.Round(v, 1), series.DivisionRounding.Round(decimal.RequireFromString("2.4"), 1))
	// Output:
	// 2.5 -2.5
	// 2.5 2.4
}

func ExampleTotal() {
	s := series.MustFromStrings[series.Tonnes](series.MustParseMonth("2025-09"), "4000.3", "4343.5", "5493.9")
	v, err := series.Total(s, series.Period{First: series.MustParseMonth("2025-09"), Last: series.MustParseMonth("2025-11")})
	fmt.Println(v, err)
	_, err = series.Total(s, series.Period{First: series.MustParseMonth("2025-09"), Last: series.MustParseMonth("2025-12")})
	fmt.Println(err)
	// Output:
	// 13837.7 <nil>
	// series: cannot sum 2025-09/2025-12: 2025-12 is missing
}

func ExampleAnnual() {
	s := series.FromInts[series.Tonnes](series.MustParseMonth("2024-01"), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
	years, gaps := series.Annual(s)
	fmt.Println(years)
	fmt.Println(gaps)
	// Output:
	// [2024-01/2024-12: 78] t
	// 2025-01/2025-12: 2025-02 is missing
}

func ExampleSub() {
	// November 2025 trade balance, USD 100 million.
	x := series.MustFromStrings[series.USD100M](series.MustParseMonth("2025-11"), "3303.5")
	m := series.MustFromStrings[series.USD100M](series.MustParseMonth("2025-11"), "2186.7")
	b, gaps := series.Sub(x, m)
	fmt.Println(b, gaps == nil)
	// Output:
	// [2025-11: 1116.8] USD 100 mn true
}

func ExampleAdd() {
	a := series.FromInts[series.Tonnes](series.MustParseMonth("2025-01"), 1, 2)
	b := series.FromInts[series.Tonnes](series.MustParseMonth("2025-02"), 10, 20)
	sum, gaps := series.Add(a, b)
	fmt.Println(sum)
	fmt.Println(gaps)
	// Output:
	// [2025-02: 12] t
	// 2025-01: 2025-01 is missing
	// 2025-03: 2025-03 is missing
}

func ExampleShare() {
	// Jan–Nov 2025 exports to the U.S. and to the world, USD million.
	us := series.MustFromStrings[series.USDMillion](series.MustParseMonth("2025-11"), "385907.0")
	world := series.MustFromStrings[series.USDMillion](series.MustParseMonth("2025-11"), "3414732.8")
	sh, _ := series.Share(us, world)
	fmt.Println(sh.Round(2))
	// Output:
	// [2025-11: 11.3] %
}

func ExampleDivide() {
	value := series.FromInts[series.USD](series.MustParseMonth("2025-11"), 1_000_000)
	qty := series.MustFromStrings[series.Tonnes](series.MustParseMonth("2025-11"), "3")
	uv, _ := series.Divide(value, qty)
	fmt.Println(uv.Round(2))
	// Output:
	// [2025-11: 333333.33] USD/t
}

func ExampleConvert() {
	usd := series.FromInts[series.USDBillion](series.MustParseMonth("2025-11"), 100)
	rate := series.MustFromStrings[series.Per[series.CNYBillion, series.USDBillion]](series.MustParseMonth("2025-11"), "7.0789")
	cny, _ := series.Convert(usd, rate)
	fmt.Println(cny)
	// Output:
	// [2025-11: 707.89] CNY bn
}

func ExampleRescale() {
	kg := series.FromInts[series.Kilograms](series.MustParseMonth("2025-11"), 5_493_900)
	fmt.Println(series.Rescale[series.Tonnes](kg))
	usd := series.Rescale[series.USD](series.MustFromStrings[series.USD100M](series.MustParseMonth("2025-11"), "3303.5"))
	fmt.Println(usd)
	// Output:
	// [2025-11: 5493.9] t
	// [2025-11: 330350000000] USD
}

func ExampleSeries_Round() {
	s := series.MustFromStrings[series.Percent](series.MustParseMonth("2025-10"), "-1.05", "5.7834")
	fmt.Println(s.Round(1))
	// Output:
	// [2025-10: -1.1, 2025-11: 5.8] %
}

func ExampleTarget_Progress() {
	// China's soybean imports from the United States, tonnes (commodities.csv:
	// Reuters via channelnewsasia, srnnews, tradingkey), against a promise of
	// 12 million tonnes by the end of 2025.
	us := series.MustFromStrings[series.Tonnes](series.MustMonth(2025, time.September), "0", "0", "0")
	target := series.Target[series.MillionTonnes]{
		Amount: decimal.NewFromInt(12),
		Window: series.Period{First: series.MustMonth(2025, time.September), Last: series.MustMonth(2025, time.December)},
	}
	p, err := target.Progress(series.Rescale[series.MillionTonnes](us), series.MustMonth(2025, time.November))
	if err != nil {
		fmt.Println(err)
		return
	}
	pace, _ := p.Pace()
	fmt.Println("counted:  ", p.Counted)
	fmt.Println("so far:   ", p.Done, "Mt")
	fmt.Println("done:     ", p.PercentDone(), "%")
	fmt.Println("remaining:", p.Remaining(), "Mt")
	fmt.Println("pace:     ", pace, "Mt a month for", p.MonthsLeft, "month")
	fmt.Println(p)
	// Output:
	// counted:   2025-09/2025-11
	// so far:    0 Mt
	// done:      0 %
	// remaining: 12 Mt
	// pace:      12 Mt a month for 1 month
	// 0 of 12 Mt (0.0%) in 2025-09/2025-11; 12 Mt to go in 1 month, 12 Mt a month
}

func ExampleTarget_Progress_missingMonth() {
	// A month with no figure is not a month with nothing bought.
	sep := series.MustMonth(2025, time.September)
	us := series.MustFromStrings[series.Tonnes](sep, "0", "", "0") // October not published
	target := series.Target[series.Tonnes]{
		Amount: decimal.NewFromInt(12_000_000),
		Window: series.Period{First: sep, Last: series.MustMonth(2025, time.December)},
	}
	_, err := target.Progress(us, series.MustMonth(2025, time.November))
	fmt.Println(err)
	// Output: series: cannot sum 2025-09/2025-11: 2025-10 is missing
}

func ExampleSeries_AtPeriod() {
	var b series.Builder[series.USD100M]
	b.SetCombined(series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")}, decimal.RequireFromString("5399.4"))
	b.Set(series.MustParseMonth("2025-03"), decimal.RequireFromString("3139"))
	s, _ := b.Series()
	janFeb := series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")}
	fmt.Println(s.AtPeriod(janFeb))
	fmt.Println(s.AtPeriod(series.MonthPeriod(series.MustParseMonth("2025-02"))))
	// Output:
	// 5399.4 true
	// 0 false
}

func ExampleSeries_MarshalJSON() {
	var b series.Builder[series.USD100M]
	b.SetCombined(series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-02")}, decimal.RequireFromString("5399.4"))
	b.Set(series.MustParseMonth("2025-03"), decimal.RequireFromString("3139"))
	s, _ := b.Series()
	js, _ := json.Marshal(s)
	fmt.Println(string(js))

	var back series.Series[series.USD100M]
	fmt.Println(json.Unmarshal(js, &back), back.Equal(s))
	var tonnes series.Series[series.Tonnes]
	fmt.Println(json.Unmarshal(js, &tonnes))
	// Output:
	// {"unit":{"symbol":"USD 100 mn","dimension":"USD","exponent":8},"observations":[{"period":"2025-01/2025-02","value":"5399.4"},{"period":"2025-03","value":"3139.0"}]}
	// <nil> true
	// series: unit mismatch: the data are in USD 100 mn ("USD", 10^8), the series in t ("mass", 10^3)
}

func ExampleSeries_MarshalBinary() {
	exports := series.MustFromStrings[series.USD100M](series.MustParseMonth("2024-11"), "3123.1", "3357.6", "3354.2", "5399.4")
	bin, _ := exports.MarshalBinary()
	var back series.Series[series.USD100M]
	err := back.UnmarshalBinary(bin)
	fmt.Println(len(bin), "bytes:", back, err)
	var usd series.Series[series.USD]
	fmt.Println(usd.UnmarshalBinary(bin))
	// Output:
	// 26 bytes: [2024-11: 3123.1, 2024-12: 3357.6, 2025-01: 3354.2, 2025-02: 5399.4] USD 100 mn <nil>
	// series: unit mismatch: the data are in "USD" (10^8), the series in USD ("USD", 10^0)
}

// ZeroFill is for a sum whose parts are listed only when they traded: a
// partner's total over HS lines, where a line with no row in a month is
// taken, by the caller's decision, as nothing traded.
func ExampleZeroFill() {
	soybeans := series.MustFromStrings[series.USDMillion](series.MustParseMonth("2025-09"), "120", "", "95")
	fmt.Println(soybeans)
	filled := series.ZeroFill(soybeans, series.Period{First: series.MustParseMonth("2025-09"), Last: series.MustParseMonth("2025-12")})
	fmt.Println(filled)
	// Output:
	// [2025-09: 120, 2025-11: 95] USD mn
	// [2025-09: 120, 2025-10: 0, 2025-11: 95, 2025-12: 0] USD mn
}
