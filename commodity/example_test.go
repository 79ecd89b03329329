package commodity_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

func ExampleParseCode() {
	for _, s := range []string{"2846.90", "284690", "28 46 90", "28469019", "2846909910"} {
		c, err := commodity.ParseCode(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-11q → %-14v %d digits, national: %t\n", s, c, c.Len(), c.IsNational())
	}
	// Output:
	// "2846.90"   → 2846.90        6 digits, national: false
	// "284690"    → 2846.90        6 digits, national: false
	// "28 46 90"  → 2846.90        6 digits, national: false
	// "28469019"  → 2846.90.19     8 digits, national: true
	// "2846909910" → 2846.90.99.10  10 digits, national: true
}

func ExampleParseCode_errors() {
	for _, s := range []string{"7701.10", "2800", "2846.9", "284.690", "HS 1201"} {
		_, err := commodity.ParseCode(s)
		fmt.Println(err)
	}
	// Output:
	// commodity: invalid HS code "7701.10": chapter 77 is reserved and has no goods
	// commodity: invalid HS code "2800": heading 2800 does not exist; headings are numbered from 01 within their chapter
	// commodity: invalid HS code "2846.9": has 5 digits; want 2, 4, 6, 8 or 10
	// commodity: invalid HS code "284.690": '.' at column 4: a separator must follow the 2nd, 4th, 6th or 8th digit
	// commodity: invalid HS code "HS 1201": unexpected 'H' at column 1; want digits, dots or spaces
}

func ExampleMustParseCode() {
	soy := commodity.MustParseCode("1201.90")
	fmt.Println(soy, soy.Digits())
	// Output: 1201.90 120190
}

func ExampleCode_Chapter() {
	c := commodity.MustParseCode("2846.90.99.10") // a Chinese 10-digit line for rare-earth compounds
	fmt.Println("chapter:   ", c.Chapter())
	fmt.Println("heading:   ", c.Heading())
	fmt.Println("subheading:", c.Subheading())
	fmt.Printf("heading of a chapter: %q\n", c.Chapter().Heading())
	// Output:
	// chapter:    28
	// heading:    2846
	// subheading: 2846.90
	// heading of a chapter: ""
}

func ExampleCode_Heading() {
	fmt.Println(commodity.MustParseCode("120190").Heading())
	// Output: 1201
}

func ExampleCode_Subheading() {
	fmt.Println(commodity.MustParseCode("2805 30 11 00").Subheading())
	// Output: 2805.30
}

func ExampleCode_Contains() {
	heading := commodity.MustParseCode("2846")
	for _, s := range []string{"2846", "2846.10", "2846.90.99.10", "28", "2847"} {
		fmt.Printf("2846 contains %s: %t\n", s, heading.Contains(commodity.MustParseCode(s)))
	}
	// Output:
	// 2846 contains 2846: true
	// 2846 contains 2846.10: true
	// 2846 contains 2846.90.99.10: true
	// 2846 contains 28: false
	// 2846 contains 2847: false
}

func ExampleCode_Compare() {
	var cs []commodity.Code
	for _, s := range []string{"2847", "2846.90", "28", "2846", "1201", "2846.10"} {
		cs = append(cs, commodity.MustParseCode(s))
	}
	slices.SortFunc(cs, commodity.Code.Compare)
	fmt.Println(cs)
	// Output: [1201 28 2846 2846.10 2846.90 2847]
}

func ExampleCode_Digits() {
	c := commodity.MustParseCode("2846.90.19")
	fmt.Println(c.String(), c.Digits())
	// Output: 2846.90.19 28469019
}

func ExampleCode_MarshalText() {
	row := struct {
		Code  commodity.Code `json:"code"`
		Tonne string         `json:"tonnes"`
	}{commodity.MustParseCode("120190"), "8110000"}
	b, _ := json.Marshal(row)
	fmt.Println(string(b))
	// Output: {"code":"1201.90","tonnes":"8110000"}
}

func ExampleSections() {
	for s := range commodity.Sections() {
		first, last := s.Chapters()
		switch s.Number() {
		case 1, 2, 5, 6, 15, 21:
			fmt.Printf("%-4s %v–%v  %s\n", s.Roman(), first, last, s.Title())
		}
	}
	// Output:
	// I    01–05  Live animals; animal products
	// II   06–14  Vegetable products
	// V    25–27  Mineral products
	// VI   28–38  Products of the chemical or allied industries
	// XV   72–83  Base metals and articles of base metal
	// XXI  97–97  Works of art, collectors' pieces and antiques
}

func ExampleSectionOf() {
	s, _ := commodity.SectionOf(commodity.MustParseCode("8505.11")) // permanent magnets of metal
	fmt.Println(s.Roman(), s.Number())
	fmt.Println(s.Contains(commodity.MustParseCode("84")))
	// Output:
	// XVI 16
	// true
}

func ExampleSection_String() {
	s, _ := commodity.SectionOf(commodity.MustParseCode("2846"))
	fmt.Println(s)
	// Output: Section VI: Products of the chemical or allied industries
}

func ExampleDescription() {
	for _, s := range []string{"28", "2846", "2846.90", "2846.90.19", "8517.70"} {
		d, ok := commodity.Description(commodity.MustParseCode(s))
		if !ok {
			fmt.Printf("%s: not in HS 2022\n", s)
			continue
		}
		fmt.Printf("%s: %s\n", s, d)
	}
	// Output:
	// 28: Inorganic chemicals; organic or inorganic compounds of precious metals, of rare-earth metals, of radioactive elements or of isotopes
	// 2846: Compounds, inorganic or organic, of rare-earth metals; of yttrium or of scandium or of mixtures of these metals
	// 2846.90: Compounds, inorganic or organic (excluding cerium), of rare-earth metals, of yttrium, scandium or of mixtures of these metals
	// 2846.90.19: not in HS 2022
	// 8517.70: not in HS 2022
}

func ExampleNewGroup() {
	// Soybean products: the beans, their oil and the oil-cake left from it.
	g, err := commodity.NewGroup("soybean complex",
		commodity.MustParseCode("1507"),    // soya-bean oil
		commodity.MustParseCode("2304"),    // oil-cake from soya-bean oil
		commodity.MustParseCode("1201"),    // soya beans
		commodity.MustParseCode("1201.90"), // adds nothing: under 1201
	)
	fmt.Println(g, err)
	fmt.Println(g.Contains(commodity.MustParseCode("1507.10")))
	_, err = commodity.NewGroup("", commodity.MustParseCode("1201"))
	fmt.Println(err)
	// Output:
	// soybean complex (HS 1201, 1507, 2304) <nil>
	// true
	// commodity: group "": a group needs a name
}

func ExampleMustGroup() {
	oilseeds := commodity.MustGroup("oil seeds", commodity.MustParseCode("12"))
	fmt.Println(oilseeds.Contains(commodity.MustParseCode("1201.90")))
	// Output: true
}

func ExampleParseGroup() {
	g, err := commodity.ParseGroup("rare-earth magnets and metals", "8505.11", "280530")
	fmt.Println(g, err)
	_, err = commodity.ParseGroup("typo", "8505.1")
	fmt.Println(err)
	// Output:
	// rare-earth magnets and metals (HS 2805.30, 8505.11) <nil>
	// commodity: invalid HS code "8505.1": has 5 digits; want 2, 4, 6, 8 or 10
}

func ExampleGroup_Codes() {
	for c := range commodity.RareEarths().Codes() {
		title, _ := commodity.Description(c.Chapter())
		fmt.Printf("%v (chapter %v: %.19s…)\n", c, c.Chapter(), title)
	}
	// Output:
	// 2805.30 (chapter 28: Inorganic chemicals…)
	// 2846 (chapter 28: Inorganic chemicals…)
}

func ExampleGroup_Contains() {
	soy := commodity.Soybeans()
	for _, s := range []string{"1201.90.11", "1201", "12", "1507.10"} {
		c := commodity.MustParseCode(s)
		fmt.Printf("%-10s contains: %-5t overlaps: %t\n", s, soy.Contains(c), soy.Overlaps(c))
	}
	// Output:
	// 1201.90.11 contains: true  overlaps: true
	// 1201       contains: true  overlaps: true
	// 12         contains: false overlaps: true
	// 1507.10    contains: false overlaps: false
}

func ExampleGroup_Overlaps() {
	re := commodity.RareEarths()
	// A chapter-level figure includes rare earths but is not all rare earths.
	chapter28 := commodity.MustParseCode("28")
	fmt.Println(re.Contains(chapter28), re.Overlaps(chapter28))
	// Output: false true
}

func ExampleSoybeans() {
	fmt.Println(commodity.Soybeans())
	// Output: soybeans (HS 1201)
}

func ExampleRareEarths() {
	re := commodity.RareEarths()
	fmt.Println(re)
	for _, s := range []string{"2805.30.11.00", "2846.10", "8505.11", "2530.90.20"} {
		fmt.Printf("%s: %t\n", s, re.Contains(commodity.MustParseCode(s)))
	}
	// Output:
	// rare earths (HS 2805.30, 2846)
	// 2805.30.11.00: true
	// 2846.10: true
	// 8505.11: false
	// 2530.90.20: false
}

func ExampleUnitValue() {
	// China's rare-earth exports in January–February 2026, as TASS printed
	// them from customs data (tass.com/economy/2099305, 2026-03-10):
	// 10,460 t worth USD 68.6 million, released as one combined period.
	janFeb := series.Period{First: series.MustMonth(2026, time.January), Last: series.MustMonth(2026, time.February)}
	var value series.Builder[series.USDMillion]
	value.SetCombined(janFeb, decimal.RequireFromString("68.6"))
	var qty series.Builder[series.Tonnes]
	qty.SetCombined(janFeb, decimal.NewFromInt(10460))
	v, _ := value.Series()
	q, _ := qty.Series()

	// USD per tonne: rescale USD million to USD first, exactly.
	uv, gaps := commodity.UnitValue(series.Rescale[series.USD](v), q)
	for p, x := range uv.All() {
		fmt.Printf("%v: %v %s\n", p, x.Round(2), series.Per[series.USD, series.Tonnes]{}.Symbol())
	}
	fmt.Println("gaps:", len(gaps))
	// Output:
	// 2026-01/2026-02: 6558.32 USD/t
	// gaps: 0
}

func ExampleUnitValue_zeroQuantity() {
	// A month with no shipments has no unit value. Illustrative figures.
	sep := series.MustMonth(2025, time.September)
	value := series.MustFromStrings[series.USD](sep, "1300000", "0")
	qty := series.MustFromStrings[series.Tonnes](sep, "2600", "0")
	uv, gaps := commodity.UnitValue(value, qty)
	fmt.Println(uv)
	fmt.Println(gaps)
	// Output:
	// [2025-09: 500] USD/t
	// 2025-10: base 2025-10 is zero
}

func ExampleSplitPriceVolume() {
	// Illustrative figures: a value up 32% year on year, as the quantity
	// rose 10% and the unit value 20%.
	nov24, nov25 := series.MustMonth(2024, time.November), series.MustMonth(2025, time.November)
	var v series.Builder[series.USD]
	v.Set(nov24, decimal.NewFromInt(1_000_000))
	v.Set(nov25, decimal.NewFromInt(1_320_000))
	var q series.Builder[series.Tonnes]
	q.Set(nov24, decimal.NewFromInt(100))
	q.Set(nov25, decimal.NewFromInt(110))
	value, _ := v.Series()
	qty, _ := q.Series()

	d, _ := commodity.SplitPriceVolume(value, qty, 12) // the gap: November 2024 has no base
	get := func(s series.Series[series.Percent]) decimal.Decimal { x, _ := s.At(nov25); return x }
	fmt.Println("value:      ", get(d.ValueChange))
	fmt.Println("price:      ", get(d.PriceChange))
	fmt.Println("volume:     ", get(d.VolumeChange))
	fmt.Println("interaction:", get(d.Interaction))
	fmt.Println("sum:        ", get(d.PriceChange).Add(get(d.VolumeChange)).Add(get(d.Interaction)))
	// Output:
	// value:       32
	// price:       20
	// volume:      10
	// interaction: 2
	// sum:         32
}

func ExampleSplitPriceVolume_inexact() {
	// Illustrative figures that do not divide evenly: the parts still add up
	// exactly, because the interaction is what the rounded effects leave.
	jan := series.MustMonth(2025, time.January)
	value := series.MustFromStrings[series.USD](jan, "1000", "1100")
	qty := series.MustFromStrings[series.Tonnes](jan, "3", "7")
	d, _ := commodity.SplitPriceVolume(value, qty, 1)
	feb := jan.AddMonths(1)
	val, _ := d.ValueChange.At(feb)
	p, _ := d.PriceChange.At(feb)
	vol, _ := d.VolumeChange.At(feb)
	x, _ := d.Interaction.At(feb)
	fmt.Println(val, "=", p, "+", vol, "+", x)
	fmt.Println(val.Equal(p.Add(vol).Add(x)))
	// Output:
	// 10 = -52.8571428571429 + 133.3333333333333 + -70.4761904761904
	// true
}

// Example_rareEarths computes the November 2025 changes in China's
// rare-earth exports from the customs figures.
func Example_rareEarths() {
	// Tonnes (commodities.csv): November 2024, Reuters via rareearthexchanges;
	// October and November 2025, Reuters via thecryptagon and ima-api.org.
	nov24 := series.MustMonth(2024, time.November)
	re := series.MustFromStrings[series.Tonnes](nov24,
		"4416", "", "", "", "", "", "", "", "", "", "", "4343.5", "5493.9")

	nov25 := nov24.AddMonths(12)
	yoy, _ := series.YoY(re)
	mom, _ := series.MoM(re)
	y, _ := yoy.At(nov25)
	m, _ := mom.At(nov25)
	fmt.Printf("%s exports, %v: %v t\n", commodity.RareEarths().Name(), nov25, mustAt(re, nov25))
	fmt.Printf("year on year:   %v%%\n", y.Round(1))
	fmt.Printf("month on month: %v%%\n", m.Round(1))
	// Output:
	// rare earths exports, 2025-11: 5493.9 t
	// year on year:   24.4%
	// month on month: 26.5%
}

// Example_soybeans computes the November 2025 changes in China's soybean
// imports.
func Example_soybeans() {
	// Million tonnes (commodities.csv): November 2024, Reuters via
	// thedairysite; October and November 2025, Reuters via srnnews and
	// thedairysite.
	nov24 := series.MustMonth(2024, time.November)
	soy := series.MustFromStrings[series.MillionTonnes](nov24,
		"7.15", "", "", "", "", "", "", "", "", "", "", "9.48", "8.11")

	nov25 := nov24.AddMonths(12)
	yoy, _ := series.YoY(soy)
	mom, _ := series.MoM(soy)
	y, _ := yoy.At(nov25)
	m, _ := mom.At(nov25)
	fmt.Printf("%v imports, %v: %v Mt\n", commodity.Soybeans(), nov25, mustAt(soy, nov25))
	fmt.Printf("year on year:   %v%%\n", y.Round(1))
	fmt.Printf("month on month: %v%%\n", m.Round(1))
	// Output:
	// soybeans (HS 1201) imports, 2025-11: 8.11 Mt
	// year on year:   13.4%
	// month on month: -14.5%
}

// Example_quantities converts physical quantities exactly within their
// dimension.
func Example_quantities() {
	// China's soybean imports from Brazil in November 2025: 5,852,857 t
	// (commodities.csv, Reuters via tradingkey).
	nov := series.MustMonth(2025, time.November)
	br := series.MustFromStrings[series.Tonnes](nov, "5852857")
	fmt.Println(series.Rescale[series.MillionTonnes](br))
	fmt.Println(series.Rescale[series.Kilograms](br))
	fmt.Println(series.Rescale[series.Tonnes](series.Rescale[series.MillionTonnes](br)).Equal(br))
	// Output:
	// [2025-11: 5.852857] Mt
	// [2025-11: 5852857000] kg
	// true
}

func mustAt[U series.Unit](s series.Series[U], m series.Month) decimal.Decimal {
	v, ok := s.At(m)
	if !ok {
		panic("no value for " + m.String())
	}
	return v
}
