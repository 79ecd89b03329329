package partner_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

func ExampleParseCode() {
	for _, s := range []string{"US", "usa", "842", "TW", "490", "0"} {
		c, err := partner.ParseCode(s)
		if err != nil {
			panic(err)
		}
		fmt.Printf("%-4s → %s %s\n", s, c, c.Name())
	}
	// Output:
	// US   → USA United States
	// usa  → USA United States
	// 842  → USA United States
	// TW   → TWN Taiwan
	// 490  → TWN Taiwan
	// 0    → WLD World
}

func ExampleParseCode_error() {
	// Numbers are UN Comtrade codes; the UN M49 number of the United States
	// is not one, and the error says which to use.
	_, err := partner.ParseCode("840")
	fmt.Println(err)
	fmt.Println(errors.Is(err, partner.ErrCode))

	_, err = partner.ParseCode("XYZ")
	fmt.Println(err)
	// Output:
	// partner: unknown code "840": 840 is the UN M49 code of United States; UN Comtrade, whose numbers this reads, uses 842
	// true
	// partner: unknown code "XYZ": want ISO 3166-1 alpha-2 ("US"), alpha-3 ("USA") or a UN Comtrade number ("842")
}

func ExampleMustParseCode() {
	fr := partner.MustParseCode("FR")
	ct, _ := fr.Comtrade()
	fmt.Println(fr.Alpha2(), fr.Alpha3(), fr.Numeric(), ct, fr.Name())
	// Output: FR FRA 250 251 France
}

func ExampleCode_Comtrade() {
	for _, s := range []string{"IN", "CH", "TW", "MC", "WLD"} {
		c := partner.MustParseCode(s)
		if n, ok := c.Comtrade(); ok {
			fmt.Printf("%s: M49 %d, Comtrade %d\n", c.Name(), c.Numeric(), n)
		} else {
			fmt.Printf("%s: M49 %d, no Comtrade code of its own\n", c.Name(), c.Numeric())
		}
	}
	// Output:
	// India: M49 356, Comtrade 699
	// Switzerland: M49 756, Comtrade 757
	// Taiwan: M49 158, Comtrade 490
	// Monaco: M49 492, no Comtrade code of its own
	// World: M49 1, Comtrade 0
}

func ExampleCodes() {
	n := 0
	for c := range partner.Codes() {
		if c != partner.World() {
			n++
		}
	}
	fmt.Println(n, "countries and areas, and World")
	// Output: 250 countries and areas, and World
}

func ExampleEU() {
	eu := partner.EU()
	for _, s := range []string{"1958-01", "1973-01", "2004-05", "2013-07", "2020-01", "2020-02"} {
		m := series.MustParseMonth(s)
		fmt.Println(s, len(eu.Members(m)), eu.Contains(partner.MustParseCode("GB"), m))
	}
	// Output:
	// 1958-01 6 false
	// 1973-01 9 true
	// 2004-05 25 true
	// 2013-07 28 true
	// 2020-01 28 true
	// 2020-02 27 false
}

func ExampleASEAN() {
	asean := partner.ASEAN()
	for _, s := range []string{"2025-09", "2025-10", "2025-11"} {
		fmt.Println(s, len(asean.Members(series.MustParseMonth(s))))
	}
	// Output:
	// 2025-09 10
	// 2025-10 10
	// 2025-11 11
}

func ExampleGroup_Members() {
	for _, c := range partner.ASEAN().Members(series.MustParseMonth("2025-11")) {
		fmt.Print(c.Alpha2(), " ")
	}
	fmt.Println()
	// Output: BN ID KH LA MM MY PH SG TH TL VN
}

func ExampleGroup_Fixed() {
	// The EU-27 throughout: the members of February 2020, in every month.
	eu27 := partner.EU().Fixed("EU-27", series.MustParseMonth("2020-02"))
	m := series.MustParseMonth("2010-01")
	fmt.Println(len(partner.EU().Members(m)), len(eu27.Members(m)))
	fmt.Println(eu27.Contains(partner.MustParseCode("HR"), m)) // Croatia joined in 2013
	// Output:
	// 27 27
	// true
}

func ExampleNewGroup() {
	// A user-defined group: a free-trade area whose membership changed.
	g, err := partner.NewGroup("Pact",
		partner.Membership{Code: partner.MustParseCode("CL")},
		partner.Membership{Code: partner.MustParseCode("PE"), From: series.MustParseMonth("2021-07")},
		partner.Membership{Code: partner.MustParseCode("EC"), Last: series.MustParseMonth("2022-12")},
	)
	if err != nil {
		panic(err)
	}
	for _, s := range []string{"2021-01", "2022-01", "2023-01"} {
		fmt.Println(s, g.Members(series.MustParseMonth(s)))
	}

	_, err = partner.NewGroup("Bad", partner.Membership{
		Code: partner.MustParseCode("CL"),
		From: series.MustParseMonth("2024-01"),
		Last: series.MustParseMonth("2023-01"),
	})
	fmt.Println(err)
	// Output:
	// 2021-01 [CHL ECU]
	// 2022-01 [CHL ECU PER]
	// 2023-01 [CHL PER]
	// partner: group "Bad": CHL 2024-01…2023-01: membership ends before it starts
}

func ExampleMustGroup() {
	g := partner.MustGroup("Greater China",
		partner.Membership{Code: partner.MustParseCode("HK")},
		partner.Membership{Code: partner.MustParseCode("MO")},
		partner.Membership{Code: partner.MustParseCode("TW")},
	)
	fmt.Println(g, g.Members(series.MustParseMonth("2025-11")))
	// Output: Greater China [HKG MAC TWN]
}

func ExampleDated() {
	day := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	fmt.Println(partner.Dated(partner.MustParseCode("HR"), day("2013-07-01"), time.Time{}))
	fmt.Println(partner.Dated(partner.MustParseCode("GB"), day("1973-01-01"), day("2020-02-01")))
	fmt.Println(partner.Dated(partner.MustParseCode("TL"), day("2025-10-26"), time.Time{}))
	// Output:
	// HRV 2013-07…
	// GBR 1973-01…2020-01
	// TLS 2025-11…
}

func ExampleGroup_Memberships() {
	for ms := range partner.EU().Memberships() {
		if !ms.Last.IsZero() {
			fmt.Println(ms.Code.Name(), "left after", ms.Last)
		}
	}
	// Output: United Kingdom left after 2020-01
}

func ExampleAggregate() {
	// Made-up monthly exports to two ASEAN members and to Timor-Leste, in
	// USD million. ASEAN's total takes Timor-Leste in from November 2025.
	start := series.MustParseMonth("2025-09")
	data := map[partner.Code]series.Series[series.USDMillion]{
		partner.MustParseCode("VN"): series.MustFromStrings[series.USDMillion](start, "100", "110", "120"),
		partner.MustParseCode("TH"): series.MustFromStrings[series.USDMillion](start, "50", "55", "60"),
		partner.MustParseCode("TL"): series.MustFromStrings[series.USDMillion](start, "1", "2", "3"),
	}
	// A two-member stand-in for the ASEAN of 2025-09, held fixed, and the
	// same two members plus Timor-Leste with its real accession date.
	small := partner.MustGroup("VN+TH",
		partner.Membership{Code: partner.MustParseCode("VN")},
		partner.Membership{Code: partner.MustParseCode("TH")},
	)
	joined := partner.MustGroup("VN+TH+TL",
		partner.Membership{Code: partner.MustParseCode("VN")},
		partner.Membership{Code: partner.MustParseCode("TH")},
		partner.Membership{Code: partner.MustParseCode("TL"), From: series.MustParseMonth("2025-11")},
	)
	fixed, _ := partner.Aggregate(small, data)
	dated, _ := partner.Aggregate(joined, data)
	fmt.Println(fixed)
	fmt.Println(dated)

	// A member without data for a month leaves that month without a value.
	delete(data, partner.MustParseCode("TH"))
	_, gaps := partner.Aggregate(small, data)
	fmt.Println(gaps)
	// Output:
	// [2025-09: 150, 2025-10: 165, 2025-11: 180] USD mn
	// [2025-09: 150, 2025-10: 165, 2025-11: 183] USD mn
	// 2025-09: THA has no observation
	// 2025-10: THA has no observation
	// 2025-11: THA has no observation
}

// janNovExports returns China's exports in January–November 2025 to the
// world, ASEAN, the EU and the United States, in USD million.
//
// Source: GACC, 2025 January–November table of major trading partners,
// as kept in shared/data/china-customs.csv (rows 2025-01/2025-11, flow X:
// WLD 3414732.8, ASEAN 599033.5, EU 508047.9, US 385907.0).
func janNovExports() (p series.Period, total series.Series[series.USDMillion], parts []partner.Part[series.USDMillion]) {
	p = series.Period{First: series.MustParseMonth("2025-01"), Last: series.MustParseMonth("2025-11")}
	level := func(v string) series.Series[series.USDMillion] {
		var b series.Builder[series.USDMillion]
		if err := b.SetCombinedString(p, v); err != nil {
			panic(err)
		}
		s, err := b.Series()
		if err != nil {
			panic(err)
		}
		return s
	}
	return p, level("3414732.8"), []partner.Part[series.USDMillion]{
		{Name: "ASEAN", Series: level("599033.5")},
		{Name: "EU", Series: level("508047.9")},
		{Name: "U.S.", Series: level("385907.0")},
	}
}

func ExampleShares() {
	p, total, parts := janNovExports()
	b, err := partner.Shares(p, total, parts)
	if err != nil {
		panic(err)
	}
	sum := decimal.Zero
	for _, s := range b.Parts {
		fmt.Printf("%-13s %9s %16s%%\n", s.Name, s.Value.StringFixed(1), s.Share)
		sum = sum.Add(s.Share)
	}
	fmt.Printf("%-13s %9s %16s%%\n", "sum", b.Total.StringFixed(1), sum)
	// The U.S. share is 11.30123563401505…% exactly: of the four quotients
	// cut to 13 places it lost the most, so it is the one rounded up to
	// make the sum exactly 100.

	// Output:
	// ASEAN          599033.5 17.5426170973026%
	// EU             508047.9 14.8781157928374%
	// U.S.           385907.0 11.3012356340151%
	// Rest of world 1921744.4 56.2780314758449%
	// sum           3414732.8              100%
}

func ExampleBreakdown_Rounded() {
	p, total, parts := janNovExports()
	b, err := partner.Shares(p, total, parts)
	if err != nil {
		panic(err)
	}
	sum := decimal.Zero
	for _, s := range b.Rounded(1).Parts {
		fmt.Printf("%-13s %5s%%\n", s.Name, s.Share.StringFixed(1))
		sum = sum.Add(s.Share)
	}
	fmt.Printf("%-13s %5s%%\n", "sum", sum.StringFixed(1))
	// Output:
	// ASEAN          17.5%
	// EU             14.9%
	// U.S.           11.3%
	// Rest of world  56.3%
	// sum           100.0%
}

// november returns China's total exports and exports to the United States
// in November 2024 and November 2025, in USD million.
//
// Sources (shared/data/china-customs.csv): total exports USD 3,123.1 and
// 3,303.5 (100 million), the first prints of GACC's November 2024 and
// November 2025 releases; U.S. USD 33,789.1 million in November 2025
// (Yonhap, from GACC) and USD 47.3 billion a year earlier (the comparator
// AFP cited with the November 2025 release).
func november() (total, us series.Series[series.USDMillion]) {
	nov24, nov25 := series.MustParseMonth("2024-11"), series.MustParseMonth("2025-11")
	var tb series.Builder[series.USD100M]
	tb.Set(nov24, decimal.RequireFromString("3123.1"))
	tb.Set(nov25, decimal.RequireFromString("3303.5"))
	t, err := tb.Series()
	if err != nil {
		panic(err)
	}
	var ub series.Builder[series.USDMillion]
	ub.Set(nov24, decimal.RequireFromString("47.3").Shift(3)) // USD 47.3 billion
	ub.Set(nov25, decimal.RequireFromString("33789.1"))
	u, err := ub.Series()
	if err != nil {
		panic(err)
	}
	return series.Rescale[series.USDMillion](t), u
}

func ExampleContributions() {
	total, us := november()
	t := series.MonthPeriod(series.MustParseMonth("2025-11"))
	d, err := partner.Contributions(t, total, []partner.Part[series.USDMillion]{
		{Name: "U.S.", Series: us},
	})
	if err != nil {
		panic(err)
	}
	fmt.Printf("exports grew %s%% (%s%%), %v on %v\n", d.Total.Points.StringFixed(1), d.Total.Points, d.Period, d.BasePeriod)
	sum := decimal.Zero
	for _, c := range d.Parts {
		fmt.Printf("%-13s %9s → %5s pp (%s)\n", c.Name, c.Diff.StringFixed(1), c.Points.StringFixed(1), c.Points)
		sum = sum.Add(c.Points)
	}
	fmt.Println("contributions sum to the growth exactly:", sum.Equal(d.Total.Points))
	// Output:
	// exports grew 5.8% (5.7763119976945%), 2025-11 on 2024-11
	// U.S.           -13510.9 →  -4.3 pp (-4.3261182799142)
	// Rest of world   31550.9 →  10.1 pp (10.1024302776087)
	// contributions sum to the growth exactly: true
}

func ExampleDecomposition_Offset() {
	total, us := november()
	t := series.MonthPeriod(series.MustParseMonth("2025-11"))
	d, err := partner.Contributions(t, total, []partner.Part[series.USDMillion]{
		{Name: "U.S.", Series: us},
	})
	if err != nil {
		panic(err)
	}
	o := d.Offset()
	fmt.Println("more than offset:", o.MoreThanOffset())
	fmt.Println(o)
	// Output:
	// more than offset: true
	// losses of 4.3 pp (largest: U.S. -4.3) were more than offset by gains of 10.1 pp (largest: Rest of world +10.1); net +5.8 pp
}

func ExampleContribution_ShareDiff() {
	total, us := november()
	t := series.MonthPeriod(series.MustParseMonth("2025-11"))
	d, err := partner.Contributions(t, total, []partner.Part[series.USDMillion]{
		{Name: "U.S.", Series: us},
	})
	if err != nil {
		panic(err)
	}
	c := d.Parts[0]
	fmt.Printf("U.S. share %s%% → %s%%: %s pp\n",
		c.BaseShare.StringFixed(1), c.Share.StringFixed(1), c.ShareDiff().StringFixed(1))
	// Output: U.S. share 15.1% → 10.2%: -4.9 pp
}

func ExampleDecomposition_Residual() {
	total, us := november()
	t := series.MonthPeriod(series.MustParseMonth("2025-11"))
	d, err := partner.Contributions(t, total, []partner.Part[series.USDMillion]{
		{Name: "U.S.", Series: us},
	}, partner.ResidualName("other markets"))
	if err != nil {
		panic(err)
	}
	r := d.Residual()
	fmt.Println(r.Name, r.BaseValue, "→", r.Value, d.NegativeResidual)
	// Output: other markets 265010 → 296560.9 false
}

func ExampleLag() {
	// Month-on-month contributions: lag 1.
	start := series.MustParseMonth("2025-10")
	total := series.MustFromStrings[series.USD100M](start, "3000", "3300")
	a := series.MustFromStrings[series.USD100M](start, "1000", "1200")
	d, err := partner.Contributions(series.MonthPeriod(start.AddMonths(1)), total,
		[]partner.Part[series.USD100M]{{Name: "A", Series: a}}, partner.Lag(1))
	if err != nil {
		panic(err)
	}
	for _, c := range d.Parts {
		fmt.Println(c.Name, c.Points)
	}
	fmt.Println("total", d.Total.Points)
	// Output:
	// A 6.6666666666667
	// Rest of world 3.3333333333333
	// total 10
}

func ExampleResidualName() {
	p, total, parts := janNovExports()
	b, err := partner.Shares(p, total, parts[:1], partner.ResidualName("outside ASEAN"))
	if err != nil {
		panic(err)
	}
	r := b.Rounded(1).Parts
	fmt.Println(r[1].Name, r[1].Share.StringFixed(1))
	// Output: outside ASEAN 82.5
}

func ExampleOffset_MoreThanOffset() {
	start := series.MustParseMonth("2024-11")
	total := series.MustFromStrings[series.USDBillion](start, "100", "", "", "", "", "", "", "", "", "", "", "", "98")
	a := series.MustFromStrings[series.USDBillion](start, "40", "", "", "", "", "", "", "", "", "", "", "", "35")
	d, err := partner.Contributions(series.MonthPeriod(start.AddMonths(12)), total,
		[]partner.Part[series.USDBillion]{{Name: "A", Series: a}})
	if err != nil {
		panic(err)
	}
	o := d.Offset()
	fmt.Println(o.MoreThanOffset())
	fmt.Println(o)
	// Output:
	// false
	// gains of 3.0 pp (largest: Rest of world +3.0) were more than offset by losses of 5.0 pp (largest: A -5.0); net -2.0 pp
}

func ExampleGroup_Stable() {
	eu := partner.EU()
	// The United Kingdom left after January 2020.
	fmt.Println(eu.Stable(series.Period{First: series.MustParseMonth("2020-01"), Last: series.MustParseMonth("2020-03")}))
	fmt.Println(eu.Stable(series.Period{First: series.MustParseMonth("2020-02"), Last: series.MustParseMonth("2020-12")}))
	// Output:
	// false
	// true
}
