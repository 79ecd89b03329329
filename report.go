package tradeflow

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A Cell is one figure of a report, as computed from levels by the library
// and as published, whichever exist. Neither is ever copied into the other.
type Cell struct {
	Computed  *decimal.Decimal `json:"computed,omitempty"`
	Published *decimal.Decimal `json:"published,omitempty"`
	Note      string           `json:"note,omitempty"`  // why a figure is missing, or what it means
	Error     string           `json:"error,omitempty"` // why the data for the figure cannot be used
	// exact is the computed figure before [Report.Round], which Differs
	// compares: rounding for display invents no disagreement.
	exact *decimal.Decimal
	// period is the period a level covers: the month, or a combined
	// release that ends in it (January–February).
	period series.Period
}

// Shown returns the figure a table prints, published first, and a marker:
// "p" for published, "c" for computed from levels, "" if there is none.
func (c Cell) Shown() (decimal.Decimal, string) {
	switch {
	case c.Published != nil:
		return *c.Published, "p"
	case c.Computed != nil:
		return *c.Computed, "c"
	}
	return decimal.Decimal{}, ""
}

// Differs reports whether the computed and published figures both exist and
// do not agree at the published figure's precision. In a report rounded
// for display ([Report.Round]) it compares the exact computed figure.
func (c Cell) Differs() bool {
	if c.Computed == nil || c.Published == nil {
		return false
	}
	places := -c.Published.Exponent()
	return !c.computed().Round(max(places, 0)).Equal(*c.Published)
}

// computed returns the computed figure, exact.
func (c Cell) computed() decimal.Decimal {
	if c.exact != nil {
		return *c.exact
	}
	return *c.Computed
}

// A Row is one line of a report: a flow of one partner or product.
type Row struct {
	Label  string `json:"label"`
	Unit   string `json:"unit"`
	Value  Cell   `json:"value"`       // the month's level
	YoY    Cell   `json:"yoy_pct"`     // year-on-year change, percent
	MoM    Cell   `json:"mom_pct"`     // month-on-month change, percent
	YTD    Cell   `json:"ytd"`         // year-to-date level
	YTDYoY Cell   `json:"ytd_yoy_pct"` // year-to-date change on the year before, percent
}

// A Report is the monthly table of a reporter's trade: the headline
// (exports, imports, balance), then partners and products where the data
// allow.
//
// Its figures are exact: a computed rate keeps every decimal place of its
// quotient (see series.DivisionPlaces). [Report.Round] gives a copy
// rounded for display.
type Report struct {
	Reporter partner.Code `json:"reporter"`
	Month    series.Month `json:"month"`
	// Rounded is the number of decimal places the computed figures were
	// rounded to by [Report.Round]; nil if they are exact.
	Rounded  *int32 `json:"rounded,omitempty"`
	Headline []Row  `json:"headline"`
	Partners []Row  `json:"partners,omitempty"`
	Products []Row  `json:"products,omitempty"`
}

// Round returns a copy of r for display, with every computed figure
// rounded half away from zero to places decimal places (none if places is
// negative), as customs tables print; published figures stay as printed.
// The copy's Rounded says so, and its JSON and CSV carry the rounded
// figures; r is unchanged, and stays the exact form. Differs on the copy
// still compares the exact figures, which its text's notes give.
func (r *Report) Round(places int32) *Report {
	places = max(places, 0)
	c := *r
	c.Rounded = &places
	round := func(rows []Row) []Row {
		out := make([]Row, len(rows))
		for i, row := range rows {
			for _, cell := range []*Cell{&row.Value, &row.YoY, &row.MoM, &row.YTD, &row.YTDYoY} {
				if cell.Computed != nil {
					exact := cell.computed()
					cell.exact = &exact
					cell.Computed = ptr(series.DisplayRounding.Round(exact, places))
				}
			}
			out[i] = row
		}
		return out
	}
	c.Headline, c.Partners, c.Products = round(r.Headline), round(r.Partners), round(r.Products)
	return &c
}

// MonthlyReport builds the report of reporter's trade in month m, with
// money in unit U (such as series.USD100M) and quantities in tonnes. Each
// figure is computed from levels where the levels exist and taken as
// published where a published figure exists; a Cell keeps both. A level
// released for several months together (January–February) says so in its
// Note, and a balance is only of exports and imports of the same period;
// its change on a year is against the same months a year before.
//
// The balance's change on a year is described ("surplus widened"), not
// given as a percent, since a balance can change sign; its year-to-date
// change is a percent only when both years have a surplus (or both a
// deficit).
//
// A cell that cannot be computed, or whose data cannot be used (figures in
// another unit, two different figures for one period), has no figure and
// a note that says why.
//
// Published rates (yoy_pct, mom_pct) are rates of the figures in the
// currency they are printed in. A report in yuan of a key that also has
// levels in another currency, or of a partner of a reporter whose world
// total has (China's customs print both), takes its published change on
// a year from the rates in yuan terms (yoy_pct_cny) and has no published
// change on a month, rather than setting the dollar-terms rates beside
// the yuan levels.
func MonthlyReport[U series.Unit](ds *Dataset, reporter partner.Code, m series.Month) (*Report, error) {
	r := &Report{Reporter: reporter, Month: m}
	var u U
	k := func(p partner.Code, f Flow, ms Measure) Key {
		return Key{Reporter: reporter, Partner: p, Flow: f, Measure: ms}
	}
	x := flowRow[U](ds, k(partner.World(), Exports, Value), m, "exports")
	im := flowRow[U](ds, k(partner.World(), Imports, Value), m, "imports")
	if !x.Value.Has() && !im.Value.Has() && x.Value.Error == "" && im.Value.Error == "" {
		return nil, fmt.Errorf("tradeflow: %s has no trade of %v for %v: %w", ds.name, reporter, m, ErrNoSeries)
	}
	r.Headline = []Row{x, im, balanceRow[U](ds, k(partner.World(), Balance, Value), x, im, m)}
	for _, key := range ds.Keys() {
		if key.Reporter != reporter || !key.Commodity.IsTotal() || key.Partner == partner.World() || key.Measure != Value ||
			(key.Flow != Exports && key.Flow != Imports) || !key.Breakdown.IsTotal() || !hasDim(ds, key, u.Dimension()) {
			continue
		}
		row := flowRow[U](ds, key, m, fmt.Sprintf("%s %s", key.Partner, key.Flow))
		if row.Value.Has() || row.YTD.Has() || row.YoY.Has() {
			r.Partners = append(r.Partners, row)
		}
	}
	for _, key := range ds.Keys() {
		if key.Reporter != reporter || key.Commodity.IsTotal() || key.Measure != Quantity || !key.Breakdown.IsTotal() || !hasDim(ds, key, "mass") {
			continue
		}
		row := flowRow[series.Tonnes](ds, key, m, fmt.Sprintf("%s %s %s", key.Commodity, key.Flow, key.Partner))
		if row.Value.Has() || row.YTD.Has() {
			r.Products = append(r.Products, row)
		}
	}
	// Partners' published rates without levels (ASEAN, the EU) still belong in the table.
	for _, key := range ds.Keys() {
		value := key
		value.Measure = Value
		if key.Reporter != reporter || !key.Commodity.IsTotal() || key.Partner == partner.World() || key.Measure != rateMeasures(ds, value, u.Dimension()).yoy ||
			(key.Flow != Exports && key.Flow != Imports) || !key.Breakdown.IsTotal() || hasDim(ds, value, u.Dimension()) {
			continue
		}
		row := flowRow[U](ds, value, m, fmt.Sprintf("%s %s", key.Partner, key.Flow))
		if row.YoY.Has() || row.YTDYoY.Has() {
			r.Partners = append(r.Partners, row)
		}
	}
	return r, nil
}

// Has reports whether the cell has a figure, computed or published.
func (c Cell) Has() bool { return c.Computed != nil || c.Published != nil }

func hasDim(ds *Dataset, k Key, dim string) bool {
	_, ok := ds.findSeries(k, dim)
	return ok
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// at returns the value of s for exactly the month m (or the combined
// observation ending at m).
func at[V series.Unit](s series.Series[V], m series.Month) (*decimal.Decimal, series.Period) {
	p, v, ok := s.Covering(m)
	if !ok || p.Last != m {
		return nil, series.Period{}
	}
	return ptr(v), p
}

func gapNote(g series.Gaps, m series.Month) string {
	if gap, ok := g.Find(m); ok {
		return gap.String()
	}
	return ""
}

// flowRow fills a row for key (a Value or Quantity key) at month m.
func flowRow[V series.Unit](ds *Dataset, key Key, m series.Month, label string) Row {
	var v V
	row := Row{Label: label, Unit: v.Symbol()}
	ms := rateMeasures(ds, key, v.Dimension())
	rate := key
	rate.Measure = ms.yoy
	mom := key
	mom.Measure = ms.mom
	levels, err := Get[V](ds, key)
	if err != nil {
		// Every figure computed from the levels says why it is missing.
		e := cellError(err)
		row.Value.Error, row.YoY.Error, row.MoM.Error, row.YTD.Error = e, e, e, e
	} else {
		row.Value.Published, row.Value.period = at(levels, m)
		if row.Value.Published != nil && row.Value.period.Len() > 1 {
			row.Value.Note = fmt.Sprintf("%v: %d months released together", row.Value.period, row.Value.period.Len())
		}
		yoy, g := series.YoY(levels)
		row.YoY.Computed, _ = at(yoy, m)
		row.YoY.Note = gapNote(g, m)
		mm, g := series.MoM(levels)
		row.MoM.Computed, _ = at(mm, m)
		row.MoM.Note = gapNote(g, m)
		ytd, g := series.YearToDate(levels)
		row.YTD.Computed, _ = at(ytd, m)
		row.YTD.Note = gapNote(g, m)
	}
	if pub, err := Get[series.Percent](ds, rate); err == nil {
		row.YoY.Published, _ = at(pub, m)
	} else {
		row.YoY.Error = joinNote(row.YoY.Error, cellError(err))
	}
	if !ms.hasMoM {
		// No rate on a month is printed in this currency.
	} else if pub, err := Get[series.Percent](ds, mom); err == nil {
		row.MoM.Published, _ = at(pub, m)
	} else {
		row.MoM.Error = joinNote(row.MoM.Error, cellError(err))
	}
	cum, err := Cumulative[V](ds, key)
	if err != nil {
		row.YTD.Error = joinNote(row.YTD.Error, cellError(err))
	} else {
		row.YTD.Published, _ = at(cum, m)
		c, g := series.YoY(cum)
		row.YTDYoY.Computed, _ = at(c, m)
		if row.YTDYoY.Computed == nil {
			row.YTDYoY.Note = gapNote(g, m)
		}
	}
	if row.YTDYoY.Computed == nil && levels.Len() > 0 {
		// No year to date printed a year apart: from the months, as the
		// year to date itself is.
		c, g := series.YTDChange(levels)
		if row.YTDYoY.Computed, _ = at(c, m); row.YTDYoY.Computed != nil {
			row.YTDYoY.Note = ""
		} else if row.YTDYoY.Note == "" {
			row.YTDYoY.Note = gapNote(g, m)
		}
	}
	if pub, err := Cumulative[series.Percent](ds, rate); err == nil {
		row.YTDYoY.Published, _ = at(pub, m)
	} else {
		row.YTDYoY.Error = joinNote(row.YTDYoY.Error, cellError(err))
	}
	return row
}

// publishedRates names the measures of the rates published for a level
// key in a currency: yoy_pct and mom_pct, or, for a report in yuan of a key
// that also has levels in another currency (or whose reporter's world
// total has), yoy_pct_cny and no rate on a month.
type publishedRates struct {
	yoy, mom Measure
	hasMoM   bool
}

func rateMeasures(ds *Dataset, k Key, dim string) publishedRates {
	world := k
	world.Partner = partner.World()
	if dim == (series.CNY{}).Dimension() && (otherCurrency(ds, k, dim) || otherCurrency(ds, world, dim)) {
		return publishedRates{yoy: YoYPctCNY}
	}
	return publishedRates{yoy: YoYPct, mom: MoMPct, hasMoM: true}
}

// otherCurrency reports whether the dataset has levels for k in a currency
// (a dimension of three capital letters, an ISO 4217 code) other than dim.
// It looks k up in each currency of the dataset's units (a handful), not
// through every series, so that a report stays linear in the keys.
func otherCurrency(ds *Dataset, k Key, dim string) bool {
	for _, u := range ds.units {
		if d := u.dim; d != dim && isCurrency(d) && hasDim(ds, k, d) {
			return true
		}
	}
	return false
}

func isCurrency(dim string) bool {
	if len(dim) != 3 {
		return false
	}
	for _, r := range dim {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// cellError is the note of a cell whose data cannot be used; a series the
// dataset does not have is no note (the cell is simply empty).
func cellError(err error) string {
	if errors.Is(err, ErrNoSeries) {
		return ""
	}
	return err.Error()
}

func joinNote(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "; " + b
}

// balanceRow computes the balance from the export and import rows and sets
// the published balance beside it.
func balanceRow[U series.Unit](ds *Dataset, key Key, x, im Row, m series.Month) Row {
	var u U
	row := Row{Label: "balance", Unit: u.Symbol()}
	sub := func(a, b *decimal.Decimal) *decimal.Decimal {
		if a == nil || b == nil {
			return nil
		}
		return ptr(a.Sub(*b))
	}
	level := func(c Cell) *decimal.Decimal {
		if c.Published != nil {
			return c.Published
		}
		return c.Computed
	}
	// A balance is of one period: exports released for January and
	// February together less February's imports is no figure.
	if xp, mp := x.Value.period, im.Value.period; xp != mp && xp.Valid() && mp.Valid() {
		row.Value.Note = fmt.Sprintf("exports cover %v and imports %v: no balance of one period", xp, mp)
	} else {
		row.Value.Computed = sub(level(x.Value), level(im.Value))
		row.Value.period = xp
		if row.Value.Computed != nil && xp.Len() > 1 {
			row.Value.Note = x.Value.Note
		}
	}
	row.YTD.Computed = sub(level(x.YTD), level(im.YTD))
	if pub, err := Get[U](ds, key); err == nil {
		var p series.Period
		if row.Value.Published, p = at(pub, m); row.Value.Published != nil && !row.Value.period.Valid() {
			row.Value.period = p
		}
	}
	if cum, err := Cumulative[U](ds, key); err == nil {
		row.YTD.Published, _ = at(cum, m)
	}
	rate := key
	rate.Measure = rateMeasures(ds, key, u.Dimension()).yoy
	if pub, err := Cumulative[series.Percent](ds, rate); err == nil {
		row.YTDYoY.Published, _ = at(pub, m)
	}
	// Year-earlier balances, from the levels of the same flows, over the
	// same period a year before (a combined release against a combined
	// one, or against the months of it added up).
	prev := func(k Key, cumulative bool, p series.Period) *decimal.Decimal {
		var s series.Series[U]
		var err error
		if cumulative {
			s, err = Cumulative[U](ds, k)
		} else {
			s, err = Get[U](ds, k)
		}
		if err != nil || m.Year() < 2 { // no year before 0001
			return nil
		}
		if cumulative {
			if v, _ := at(s, m.AddMonths(-12)); v != nil {
				return v
			}
			// No year to date printed: the months', as the row's own.
			if s, err = Get[U](ds, k); err != nil {
				return nil
			}
			ytd, _ := series.YearToDate(s)
			v, _ := at(ytd, m.AddMonths(-12))
			return v
		}
		base := series.Period{First: p.First.AddMonths(-12), Last: p.Last.AddMonths(-12)}
		v, err := series.Total(s, base)
		if err != nil {
			return nil
		}
		return &v
	}
	xk, mk := key, key
	xk.Flow, mk.Flow = Exports, Imports
	if b1 := level(row.Value); b1 != nil && row.Value.period.Valid() {
		if b0 := sub(prev(xk, false, row.Value.period), prev(mk, false, row.Value.period)); b0 != nil {
			row.YoY.Note = moveNote(BalanceMove{*b0, *b1})
		}
	}
	if b0, b1 := sub(prev(xk, true, series.Period{}), prev(mk, true, series.Period{})), level(row.YTD); b0 != nil && b1 != nil {
		ch := BalanceMove{*b0, *b1}
		if pc, ok := ch.SizeChange(); ok {
			row.YTDYoY.Computed = &pc
		}
		row.YTDYoY.Note = moveNote(ch)
	}
	return row
}

// moveNote says how a balance moved, with its figures written for people,
// exactly: "surplus widened from 974.4 to 1,116.8".
func moveNote(c BalanceMove) string {
	return fmt.Sprintf("%s from %s to %s", c.Kind(), number.Exact(c.From), number.Exact(c.To))
}

// WriteText writes the report as an aligned table for people to read.
// Each figure carries p (published) or c (computed from levels); a figure
// marked * has a computed counterpart that differs, listed below the
// table, as is why a cell has no figure, where the report knows. Figures
// are written to one decimal place (half away from zero), computed ones
// in a report rounded by [Report.Round] to its places, in the module's
// one number format: a comma between thousands and the minus sign U+2212
// ("34,147.3", "−0.6").
func (r *Report) WriteText(w io.Writer) error {
	// Computed figures are written to one place, or to those the report
	// was rounded to; in the notes, exact, to a place more than the
	// table's at least.
	places, notePlaces := int32(1), int32(2)
	if r.Rounded != nil {
		places, notePlaces = *r.Rounded, max(*r.Rounded, 2)
	}
	fmt.Fprintf(w, "%s trade, %v\n\n", r.Reporter.Name(), r.Month)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	var notes []string
	section := func(title string, rows []Row) {
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(tw, "%s\tunit\tvalue\ty/y %%\tm/m %%\tYTD\tYTD y/y %%\t\n", title)
		for _, row := range rows {
			cells := []struct {
				name string
				c    Cell
			}{{"value", row.Value}, {"y/y", row.YoY}, {"m/m", row.MoM}, {"YTD", row.YTD}, {"YTD y/y", row.YTDYoY}}
			fmt.Fprintf(tw, "%s\t%s\t", row.Label, row.Unit)
			for _, c := range cells {
				v, mark := c.c.Shown()
				if c.c.Error != "" {
					notes = append(notes, fmt.Sprintf("%s %s: cannot be shown: %s", row.Label, c.name, c.c.Error))
				}
				if mark == "" {
					mark = "-"
					if c.c.Error != "" {
						mark = "-!"
					} else if c.c.Note != "" && !(row.Label == "balance" && (c.name == "y/y" || c.name == "YTD y/y")) {
						// Why a figure is missing (a base month without
						// a level, say), as CSV and JSON have it; a
						// balance's notes on its moves come below.
						notes = append(notes, fmt.Sprintf("%s %s: no figure: %s", row.Label, c.name, c.c.Note))
					}
					fmt.Fprint(tw, mark+"\t")
					continue
				}
				if c.c.Differs() {
					mark += "*"
					notes = append(notes, fmt.Sprintf("%s %s: published %s, computed from levels %s",
						row.Label, c.name, number.Fixed(*c.c.Published, 1), number.Fixed(c.c.computed(), notePlaces)))
				}
				p := int32(1)
				if mark == "c" {
					p = places
				}
				fmt.Fprintf(tw, "%s %s\t", number.Fixed(v, p), mark)
			}
			fmt.Fprintln(tw)
			if row.Label == "balance" && row.YoY.Note != "" {
				notes = append(notes, "balance on a year earlier: "+row.YoY.Note)
			}
			if row.Value.Note != "" && (row.Value.Has() || row.Label == "balance") {
				notes = append(notes, row.Label+" value: "+row.Value.Note)
			}
			if row.Label == "balance" && row.YTDYoY.Note != "" {
				notes = append(notes, "year-to-date balance on a year earlier: "+row.YTDYoY.Note)
			}
		}
		fmt.Fprintln(tw)
	}
	section("headline", r.Headline)
	section("partners", r.Partners)
	section("products", r.Products)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "p published, c computed from levels by the library, - no figure, ! data that cannot be used")
	for _, n := range notes {
		fmt.Fprintln(w, "* "+n)
	}
	return nil
}

// WriteCSV writes one line a figure: section, label, unit, column, computed,
// published, note, error. Figures are plain decimals, for programs to read
// ("-0.6", "34147.3"), as exact as the report (see [Report.Round]).
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"section", "label", "unit", "column", "computed", "published", "note", "error"})
	str := func(d *decimal.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	for _, sec := range []struct {
		name string
		rows []Row
	}{{"headline", r.Headline}, {"partners", r.Partners}, {"products", r.Products}} {
		for _, row := range sec.rows {
			for _, c := range []struct {
				name string
				c    Cell
			}{{"value", row.Value}, {"yoy_pct", row.YoY}, {"mom_pct", row.MoM}, {"ytd", row.YTD}, {"ytd_yoy_pct", row.YTDYoY}} {
				if !c.c.Has() && c.c.Note == "" && c.c.Error == "" {
					continue
				}
				cw.Write([]string{sec.name, row.Label, row.Unit, c.name, str(c.c.Computed), str(c.c.Published), c.c.Note, c.c.Error})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteJSON writes the report as indented JSON. Figures are plain decimal
// strings, so nothing is rounded through float64: exact, or rounded for
// display by [Report.Round], as "rounded" says.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
