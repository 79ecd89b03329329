package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A drawing is a chart that writes itself as PNG or SVG.
type drawing interface {
	WritePNG(w io.Writer, s chart.Size) error
	WriteSVG(w io.Writer, s chart.Size) error
}

// A chartCmd is what the chart command was asked to draw.
type chartCmd struct {
	title, subtitle, note, credit string
	yoy                           bool
	contributions                 series.Month // zero: a line chart
	from, to                      series.Month
	streak                        streakFlags
	file                          string // the dataset's name, the default source line
}

func runChart(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var rf readFlags
	rf.register(fs)
	c := &chartCmd{}
	fs.StringVar(&c.title, "title", "", "the title; default: what the key is")
	fs.StringVar(&c.subtitle, "subtitle", "", "the subtitle; default: what is shown, and in what unit")
	fs.StringVar(&c.note, "note", "", "a note at the foot")
	fs.StringVar(&c.credit, "credit", "", "the source line at the foot; default: the file's name")
	fs.BoolVar(&c.yoy, "yoy", false, "draw the change on a year earlier, from the levels, rather than the levels")
	contrib := fs.String("contributions", "", "draw the partners' contributions to the growth of the key's total from a year earlier to `month` (2025-11)")
	from := fs.String("from", "", "the first `month` of the axis (2024-01)")
	to := fs.String("to", "", "the last `month` of the axis")
	c.streak.register(fs,
		"shade the latest streak of values below `percent` (such as -10), with a line at it",
		"shade the latest streak of values above `percent`, with a line at it")
	out := fs.String("o", "-", "the file to write (chart.png, chart.svg); - is standard output")
	format := fs.String("format", "", "png or svg; default: the -o file's extension, or png")
	sizeName := fs.String("size", "web", "web (800 × 500 pixels) or print (6.5 × 4 inches at 300 dpi)")
	unit := fs.String("unit", "", "the unit to draw levels in, as a file prints it (USD_BN); default: the latest figure's")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	key, path, err := keyAndFile(args)
	if err != nil {
		return err
	}
	if c.from, c.to, err = monthRange(*from, *to); err != nil {
		return err
	}
	if *contrib != "" {
		if c.contributions, err = series.ParseMonth(*contrib); err != nil {
			return usagef("-contributions: %v", err)
		}
		if c.yoy || c.streak.below != "" || c.streak.above != "" {
			return usagef("-contributions draws bars: -yoy, -below and -above are for a line")
		}
	}
	if _, err := c.streak.condition(); err != nil {
		return err
	}
	var size chart.Size
	switch *sizeName {
	case "web":
		size = chart.Web()
	case "print":
		size = chart.Print()
	default:
		return usagef("-size %q: want web or print", *sizeName)
	}
	f := *format
	if f == "" {
		f = "png"
		if strings.EqualFold(filepath.Ext(*out), ".svg") {
			f = "svg"
		}
	}
	if f != "png" && f != "svg" {
		return usagef("-format %q: want png or svg", f)
	}
	if *out == "-" && e.stdoutTerminal {
		return usagef("an image is not written to a terminal: give -o FILE")
	}
	ds, err := load(ctx, e, path, &rf)
	if err != nil {
		return err
	}
	c.file = ds.Name()
	u, _, err := unitOf(ds, key, *unit)
	if err != nil {
		return err
	}
	k, err := kitFor(u)
	if err != nil {
		return err
	}
	var d drawing
	if c.contributions.IsZero() {
		d, err = k.line(c, ds, key)
	} else {
		d, err = k.bars(c, ds, key)
	}
	if err != nil {
		return err
	}
	err = writeTo(e, *out, func(w io.Writer) error {
		if f == "svg" {
			return d.WriteSVG(w, size)
		}
		return d.WritePNG(w, size)
	})
	if errors.Is(err, chart.ErrEmpty) && (!c.from.IsZero() || !c.to.IsZero()) {
		return fmt.Errorf("%v: no figure between -from and -to to draw: %w", key, err)
	}
	return err
}

// period returns the months of the axis for a series whose observations
// run from first to last: -from and -to, or else the series' own. Months
// that leave none of its observations on the axis are a usage error that
// gives the series' months.
func (c *chartCmd) period(first, last series.Month) (series.Period, error) {
	p := series.Period{First: first, Last: last}
	if !c.from.IsZero() {
		p.First = c.from
	}
	if !c.to.IsZero() {
		p.Last = c.to
	}
	if !p.Valid() || p.Last.Before(first) || p.First.After(last) {
		var flags []string
		if !c.from.IsZero() {
			flags = append(flags, "-from "+c.from.String())
		}
		if !c.to.IsZero() {
			flags = append(flags, "-to "+c.to.String())
		}
		return p, usagef("%s: no month of the series (%v to %v) to draw", strings.Join(flags, " "), first, last)
	}
	return p, nil
}

// lineChart draws the series of key in unit U, or with -yoy its change on
// a year earlier; a streak, if asked for, is shaded, with a line at its
// value.
func lineChart[U series.Unit](c *chartCmd, ds *tradeflow.Dataset, key tradeflow.Key) (drawing, error) {
	var u U
	levels, err := tradeflow.Get[U](ds, key)
	if err != nil {
		return nil, err
	}
	if levels.IsEmpty() {
		return nil, fmt.Errorf("%v has no monthly figures to draw", key)
	}
	subtitle := "In " + u.Symbol()
	if key.Measure.IsRate() || c.yoy {
		rates := series.Series[series.Percent]{}
		switch {
		case key.Measure.IsRate() && c.yoy:
			return nil, usagef("%v is a rate already: draw it without -yoy", key)
		case key.Measure.IsRate():
			if u.Dimension() != (series.Percent{}).Dimension() {
				return nil, fmt.Errorf("%v: a rate in %s", key, u.Symbol())
			}
			rates = series.Rescale[series.Percent](levels)
			subtitle = "In percent"
		default:
			rates, _ = series.YoY(levels)
			subtitle = "Change on a year earlier, computed from the levels in " + u.Symbol()
		}
		if rates.IsEmpty() {
			return nil, fmt.Errorf("%v: no month has a level a year earlier to compare with", key)
		}
		lc := chart.LineChart[series.Percent]{Lines: []chart.Line[series.Percent]{{Series: rates}}}
		if lc.Period, err = c.period(rates.First(), rates.Last()); err != nil {
			return nil, err
		}
		cond, err := c.streak.condition()
		if err != nil {
			return nil, err
		}
		if cond != nil {
			lc.References = []chart.Reference{{Value: *cond.value}}
			if run := series.Streak(rates, lc.Period.Last, cond.holds); run.Len > 0 {
				lc.Highlights = []chart.Highlight{{Period: run.Period, Label: fmt.Sprintf("%d %s %s", run.Len, plural(run.Len, "month", "months"), cond.name)}}
			}
		}
		lc.Title, lc.Subtitle, lc.Note, lc.Source = c.text(key, subtitle, gapNote(rates, lc.Period, false))
		return lc, nil
	}
	if c.streak.below != "" || c.streak.above != "" {
		return nil, usagef("-below and -above are for a change or a rate: add -yoy, or chart a rate")
	}
	lc := chart.LineChart[U]{Lines: []chart.Line[U]{{Series: levels}}}
	if lc.Period, err = c.period(levels.First(), levels.Last()); err != nil {
		return nil, err
	}
	lc.Title, lc.Subtitle, lc.Note, lc.Source = c.text(key, subtitle, gapNote(levels, lc.Period, true))
	return lc, nil
}

// text returns the chart's title, subtitle, note and source: the flags',
// or else the defaults.
func (c *chartCmd) text(key tradeflow.Key, subtitle, note string) (string, string, string, string) {
	title := c.title
	if title == "" {
		title = describe(key)
	}
	if c.subtitle != "" {
		subtitle = c.subtitle
	}
	if c.note != "" {
		note = c.note
	}
	source := c.credit
	if source == "" {
		source = c.file
	}
	return title, subtitle, note, source
}

// gapNote names the months of p that s has no value for, which the chart
// draws as gaps, and with amounts says that a combined January–February
// figure, a two months' total, is not drawn.
func gapNote[U series.Unit](s series.Series[U], p series.Period, amounts bool) string {
	var missing []string
	combined := false
	for m := range p.Months() {
		q, _, ok := s.Covering(m)
		if !ok {
			missing = append(missing, m.String())
		}
		combined = combined || (ok && !q.IsMonth())
	}
	var note string
	switch n := len(missing); {
	case n > 8:
		note = fmt.Sprintf("No value for %d months, such as %s.", n, strings.Join(missing[:3], ", "))
	case n > 0:
		note = "No value for " + strings.Join(missing, ", ") + "."
	}
	if combined && amounts {
		note = strings.TrimSpace(note + " Figures for two months together (January and February) are not drawn.")
	}
	return note
}

// contributionChart draws the contribution of each partner to the growth
// of key's total, in percentage points, over the same month a year
// earlier. The partners are the countries the dataset has key's series
// for, with levels in both months; aggregates (the EU, ASEAN) are left
// out, since they overlap the countries, and the rest of the world is the
// total less the partners.
func contributionChart[U series.Unit](c *chartCmd, ds *tradeflow.Dataset, key tradeflow.Key) (drawing, error) {
	if key.Measure.IsRate() {
		return nil, usagef("%v is a rate: contributions are of a level's growth", key)
	}
	t := series.MonthPeriod(c.contributions)
	base := t.Shift(-12)
	total, err := tradeflow.Get[U](ds, key)
	if err != nil {
		return nil, err
	}
	var u U
	var parts []partner.Part[U]
	var without []string
	for _, k := range ds.Keys() {
		if k.Reporter != key.Reporter || k.Commodity != key.Commodity || k.Flow != key.Flow || k.Measure != key.Measure ||
			k.Partner == key.Partner || k.Partner == partner.World() || k.Partner.IsAggregate() {
			continue
		}
		if !hasDimension(ds, k, u.Dimension()) {
			continue
		}
		s, err := tradeflow.Get[U](ds, k)
		if err != nil {
			return nil, err
		}
		if exactly(s, t) == nil || exactly(s, base) == nil {
			without = append(without, k.Partner.Name())
			continue
		}
		parts = append(parts, partner.Part[U]{Name: k.Partner.Name(), Series: s})
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("no partner of %v has levels for both %v and %v", key, base, t)
	}
	d, err := partner.Contributions(t, total, parts)
	if err != nil {
		return nil, err
	}
	bc := chart.Contributions(d, 1)
	note := "The rest of the world is the total less the partners shown"
	if len(without) > 0 {
		note += ", and holds those without levels for both months: " + strings.Join(without, ", ")
	}
	note += "."
	if d.NegativeResidual {
		note += " The partners add up to more than the total."
	}
	bc.Title, bc.Subtitle, bc.Note, bc.Source = c.text(key,
		fmt.Sprintf("Contributions to the growth from %v to %v, in percentage points", base, t), note)
	return bc, nil
}

func hasDimension(ds *tradeflow.Dataset, k tradeflow.Key, dim string) bool {
	for _, d := range ds.Dimensions(k) {
		if d == dim {
			return true
		}
	}
	return false
}
