package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A streakFlags says what a streak is: observations below or above a
// value, or, with neither, of the latest observation's sign.
type streakFlags struct {
	below, above string
}

// register defines -below and -above, with what the command does with a
// streak.
func (sf *streakFlags) register(fs *flag.FlagSet, below, above string) {
	fs.StringVar(&sf.below, "below", "", below)
	fs.StringVar(&sf.above, "above", "", above)
}

// A condition is what a streak's observations satisfy.
type condition struct {
	name  string // "below −10%"
	value *decimal.Decimal
	holds func(decimal.Decimal) bool
}

// condition returns the condition the flags give, or nil if they give
// none. Streaks are of percentages: a change or a published rate.
func (sf *streakFlags) condition() (*condition, error) {
	if sf.below != "" && sf.above != "" {
		return nil, usagef("-below and -above cannot both be given")
	}
	s, word := sf.below, "below"
	if sf.above != "" {
		s, word = sf.above, "above"
	}
	if s == "" {
		return nil, nil
	}
	v, err := decimal.NewFromString(s)
	if err != nil {
		return nil, usagef("-%s %q is not a number", word, s)
	}
	c := &condition{name: word + " " + number.Printed(v) + "%", value: &v}
	if word == "below" {
		c.holds = func(x decimal.Decimal) bool { return x.LessThan(v) }
	} else {
		c.holds = func(x decimal.Decimal) bool { return x.GreaterThan(v) }
	}
	return c, nil
}

// A seriesWriter prints a series as the series command asks.
type seriesWriter struct {
	w        io.Writer
	csv      bool
	from, to series.Month // the months to print; zero: every one
	places   int32        // decimal places of levels
	unit     string       // the levels' unit, as a file prints it (USD_100M)
	streak   streakFlags
}

func runSeries(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var rf readFlags
	rf.register(fs)
	sw := &seriesWriter{w: e.stdout}
	sw.streak.register(fs,
		"find the streak of changes on a year earlier (of a rate, of values) below `percent`, such as -10",
		"find the streak of changes on a year earlier (of a rate, of values) above `percent`")
	unit := fs.String("unit", "", "the unit to show the series in, as a file prints it (USD_BN); default: the latest figure's")
	from := fs.String("from", "", "the first `month` to print (2024-01); the figures before it still count")
	to := fs.String("to", "", "the last `month` to print, and the streak's")
	format := fs.String("format", "text", "text, or csv for exact values")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	key, path, err := keyAndFile(args)
	if err != nil {
		return err
	}
	if sw.from, sw.to, err = monthRange(*from, *to); err != nil {
		return err
	}
	switch *format {
	case "text":
	case "csv":
		sw.csv = true
	default:
		return usagef("-format %q: want text or csv", *format)
	}
	if _, err := sw.streak.condition(); err != nil {
		return err
	}
	ds, err := load(ctx, e, path, &rf)
	if err != nil {
		return err
	}
	u, places, err := unitOf(ds, key, *unit)
	if err != nil {
		return err
	}
	k, err := kitFor(u)
	if err != nil {
		return err
	}
	sw.places, sw.unit = places, u.String()
	return k.series(sw, ds, key)
}

// monthRange parses the -from and -to flags.
func monthRange(from, to string) (series.Month, series.Month, error) {
	var f, t series.Month
	var err error
	if from != "" {
		if f, err = series.ParseMonth(from); err != nil {
			return f, t, usagef("-from: %v", err)
		}
	}
	if to != "" {
		if t, err = series.ParseMonth(to); err != nil {
			return f, t, usagef("-to: %v", err)
		}
	}
	if !f.IsZero() && !t.IsZero() && t.Before(f) {
		return f, t, usagef("-to %v is before -from %v", t, f)
	}
	return f, t, nil
}

// shows reports whether the rows ending in month m are printed.
func (sw *seriesWriter) shows(m series.Month) bool {
	return (sw.from.IsZero() || !m.Before(sw.from)) && (sw.to.IsZero() || !m.After(sw.to))
}

// A seriesRow is one line of the series table: an observation of the
// levels, or a month with only a year-to-date figure.
type seriesRow struct {
	period series.Period
	value  *decimal.Decimal
	yoy    *decimal.Decimal
	ytd    *decimal.Decimal
	mark   string // p: the year to date as printed, c: summed from the months
	ytdYoY *decimal.Decimal
}

// writeSeries prints the series of key in unit U: for a level, each
// observation with its change on a year earlier, the year to date (as
// printed where the file has it, else summed from the months) and that
// total's change on a year earlier; for a rate, its values. Then the
// streak that ends with the latest observation.
func writeSeries[U series.Unit](sw *seriesWriter, ds *tradeflow.Dataset, key tradeflow.Key) error {
	var u U
	levels, err := tradeflow.Get[U](ds, key)
	if err != nil {
		return err
	}
	var rows []seriesRow
	var notes []string
	var streakOf series.Series[series.Percent]
	streakName := "y/y"
	if key.Measure.IsRate() {
		for p, v := range levels.All() {
			rows = append(rows, seriesRow{period: p, value: ptr(v)})
		}
		// A rate is in percent (the reader refuses one that is not), and
		// its streak is of its own values.
		if u.Dimension() != (series.Percent{}).Dimension() {
			return fmt.Errorf("%v: a rate in %s", key, u.Symbol())
		}
		streakOf, streakName = series.Rescale[series.Percent](levels), "value"
	} else {
		cum, err := tradeflow.Cumulative[U](ds, key)
		if err != nil {
			return err
		}
		yoy, _ := series.YoY(levels)
		summed, _ := series.YearToDate(levels)
		// The year to date shown: as printed, or else summed.
		var b series.Builder[U]
		marks := map[series.Month]string{}
		for _, s := range []struct {
			s    series.Series[U]
			mark string
		}{{cum, "p"}, {summed, "c"}} {
			for p, v := range s.s.All() {
				if _, ok := marks[p.Last]; ok {
					continue
				}
				marks[p.Last] = s.mark
				b.Set(p.Last, v)
			}
		}
		ytd, err := b.Series()
		if err != nil {
			return err
		}
		ytdYoY, _ := series.YoY(ytd)
		seen := map[series.Month]bool{}
		for p, v := range levels.All() {
			rows = append(rows, seriesRow{period: p, value: ptr(v), yoy: exactly(yoy, p)})
			seen[p.Last] = true
		}
		for p := range ytd.All() {
			if !seen[p.Last] {
				rows = append(rows, seriesRow{period: p})
			}
		}
		slices.SortFunc(rows, func(a, b seriesRow) int { return a.period.Last.Compare(b.period.Last) })
		for i := range rows {
			m := rows[i].period.Last
			rows[i].ytd = exactly(ytd, series.MonthPeriod(m))
			rows[i].mark = marks[m]
			rows[i].ytdYoY = exactly(ytdYoY, series.MonthPeriod(m))
			// A printed total the months do not add up to is shown as
			// printed, and the sum noted.
			if pub, sum := exactly(cum, series.MonthPeriod(m)), exactly(summed, series.MonthPeriod(m)); pub != nil && sum != nil && sw.shows(m) {
				if !sum.Round(number.Places(*pub)).Equal(*pub) {
					rows[i].mark = "p*"
					notes = append(notes, fmt.Sprintf("* %v: the year to date printed is %s, the months sum to %s",
						m, number.Exact(*pub), number.Exact(*sum)))
				}
			}
		}
		streakOf = yoy
	}
	shown := rows[:0:0]
	for _, r := range rows {
		if sw.shows(r.period.Last) {
			shown = append(shown, r)
		}
	}
	if len(shown) == 0 && len(rows) > 0 && (!sw.from.IsZero() || !sw.to.IsZero()) {
		return usagef("-from and -to: no month of the series (%v to %v) to print", rows[0].period.First, rows[len(rows)-1].period.Last)
	}
	rows = shown
	if sw.csv {
		return writeSeriesCSV(sw.w, rows, key.Measure.IsRate(), sw.unit)
	}

	fmt.Fprintf(sw.w, "%v: %s, in %s\n\n", key, describe(key), u.Symbol())
	tw := tabwriter.NewWriter(sw.w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if key.Measure.IsRate() {
		fmt.Fprintf(tw, "period\tvalue\t\n")
	} else {
		fmt.Fprintf(tw, "period\tvalue\ty/y %%\tYTD\tYTD y/y %%\t\n")
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%v\t%s\t", r.period, fixed(r.value, sw.places))
		if !key.Measure.IsRate() {
			ytd := fixed(r.ytd, sw.places)
			if r.ytd != nil {
				ytd += " " + r.mark
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t", fixed(r.yoy, 1), ytd, fixed(r.ytdYoY, 1))
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !key.Measure.IsRate() {
		fmt.Fprintf(sw.w, "\ny/y from the levels; YTD p as printed, c summed from the months; - no figure\n")
	} else {
		fmt.Fprintln(sw.w)
	}
	for _, n := range notes {
		fmt.Fprintln(sw.w, n)
	}
	return sw.writeStreak(streakOf, streakName)
}

// writeStreak says how many observations of s in a row, ending with the
// latest, satisfy the streak's condition, and when it last held before.
func (sw *seriesWriter) writeStreak(s series.Series[series.Percent], name string) error {
	if !sw.to.IsZero() && !s.IsEmpty() && sw.to.Before(s.Last()) {
		// As of -to: the streak that ended there, with what came before.
		s = s.Slice(s.First(), sw.to)
	}
	if s.IsEmpty() {
		_, err := fmt.Fprintf(sw.w, "streak: none; no month has a %s\n", name)
		return err
	}
	c, err := sw.streak.condition()
	if err != nil {
		return err
	}
	last := s.Last()
	_, v, _ := s.Covering(last)
	if c == nil {
		switch v.Sign() {
		case 0:
			_, err := fmt.Fprintf(sw.w, "streak: none; the latest %s (%v) is 0\n", name, last)
			return err
		case -1:
			c = &condition{name: "below 0", holds: decimal.Decimal.IsNegative}
		default:
			c = &condition{name: "above 0", holds: decimal.Decimal.IsPositive}
		}
	}
	run := series.Streak(s, last, c.holds)
	if run.Len == 0 {
		fmt.Fprintf(sw.w, "streak: none; the latest %s (%v, %s) is not %s\n", name, last, number.Fixed(v, 1)+"%", c.name)
	} else {
		if run.Len == 1 {
			fmt.Fprintf(sw.w, "streak: %s %s in the latest observation only, %v\n", name, c.name, run.Period)
		} else {
			fmt.Fprintf(sw.w, "streak: %s %s for %d observations in a row, %v to %v\n", name, c.name, run.Len, run.Period.First, run.Period.Last)
		}
	}
	from := last
	if run.Len > 0 {
		from = run.Period.First
	}
	if m, ok := series.LastBefore(s, from, c.holds); ok {
		fmt.Fprintf(sw.w, "before it: last %s in %v (%s)", c.name, m.Period, number.Fixed(m.Value, 1)+"%")
		if m.Missing > 0 {
			fmt.Fprintf(sw.w, ", with %d %s between without a figure", m.Missing, plural(m.Missing, "month", "months"))
		}
		fmt.Fprintln(sw.w)
	} else if s.First().Before(from) {
		fmt.Fprintf(sw.w, "before it: never %s\n", c.name)
	} else {
		fmt.Fprintf(sw.w, "before it: no %s\n", name)
	}
	return nil
}

// writeSeriesCSV writes the rows as CSV, with the unit of the values and
// year-to-date totals on every line: which unit a series is shown in
// follows its latest figure, unless -unit says, so a program that reads
// the file must not have to guess it.
func writeSeriesCSV(w io.Writer, rows []seriesRow, rate bool, unit string) error {
	cw := csv.NewWriter(w)
	if rate {
		cw.Write([]string{"period", "value", "unit"})
	} else {
		cw.Write([]string{"period", "value", "unit", "yoy_pct", "ytd", "ytd_printed", "ytd_yoy_pct"})
	}
	for _, r := range rows {
		if rate {
			cw.Write([]string{r.period.String(), plain(r.value), unit})
			continue
		}
		printed := ""
		if r.ytd != nil {
			printed = fmt.Sprint(r.mark != "c")
		}
		cw.Write([]string{r.period.String(), plain(r.value), unit, plain(r.yoy), plain(r.ytd), printed, plain(r.ytdYoY)})
	}
	cw.Flush()
	return cw.Error()
}

// describe says in words what a key is: "China's exports to the world",
// "China's imports from the United States, soybeans, quantity".
func describe(k tradeflow.Key) string {
	flow := map[tradeflow.Flow]string{
		tradeflow.Exports: "exports to", tradeflow.Imports: "imports from",
		tradeflow.ReExports: "re-exports to", tradeflow.ReImports: "re-imports from",
		tradeflow.Balance: "trade balance with", tradeflow.TotalTrade: "total trade with",
	}[k.Flow]
	if flow == "" {
		flow = k.Flow.String() + " with"
	}
	who := k.Reporter.Name()
	if strings.HasSuffix(who, "s") {
		who += "'"
	} else {
		who += "'s"
	}
	with := withArticle(k.Partner.Name())
	if k.Partner == partner.World() {
		with = "the world"
	}
	s := fmt.Sprintf("%s %s %s", who, flow, with)
	if g, ok := k.Commodity.Group(); ok {
		s += ", " + strings.ToLower(strings.ReplaceAll(g, "_", " "))
	} else if c, ok := k.Commodity.Code(); ok {
		s += ", HS " + c.String()
	} else if !k.Commodity.IsTotal() {
		s += ", " + k.Commodity.String()
	}
	if m := measurePhrase(k.Measure); m != "" {
		s += ", " + m
	}
	return s
}

// withArticle puts "the" before a name that takes it in a sentence: the
// United States, the European Union, the Philippines.
func withArticle(name string) string {
	for _, p := range []string{"United ", "European ", "Czech ", "Dominican ", "Central African "} {
		if strings.HasPrefix(name, p) {
			return "the " + name
		}
	}
	for _, s := range []string{"Islands", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"} {
		if strings.HasSuffix(name, s) {
			return "the " + name
		}
	}
	return name
}

// measurePhrase says what a measure is, or nothing for a value.
func measurePhrase(m tradeflow.Measure) string {
	switch m {
	case tradeflow.Value:
		return ""
	case tradeflow.YoYPct:
		return "change on a year earlier, as published"
	case tradeflow.MoMPct:
		return "change on the month before, as published"
	case tradeflow.YoYPctCNY:
		return "change on a year earlier in yuan, as published"
	case tradeflow.ConsensusYoYPct:
		return "forecast change on a year earlier"
	}
	return m.String()
}

func ptr(v decimal.Decimal) *decimal.Decimal { return &v }

// exactly returns the value of s for exactly period p, or nil.
func exactly[U series.Unit](s series.Series[U], p series.Period) *decimal.Decimal {
	q, v, ok := s.Covering(p.Last)
	if !ok || q != p {
		return nil
	}
	return &v
}

// fixed writes v for people, or "-" for no figure.
func fixed(v *decimal.Decimal, places int32) string {
	if v == nil {
		return "-"
	}
	return number.Fixed(*v, places)
}

// plain writes v exactly, for programs, or "" for no figure.
func plain(v *decimal.Decimal) string {
	if v == nil {
		return ""
	}
	return v.String()
}
