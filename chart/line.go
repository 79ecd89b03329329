package chart

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradeflow-go/tradeflow/series"

	"github.com/tradeflow-go/tradeflow/internal/number"
)

// A LineChart draws monthly series of one unit U against a month axis.
// Its value axis is labelled with U's symbol, so a chart cannot put
// percent and percentage points on one axis.
//
// Each observation is a point at its month; points of consecutive months
// are joined, and a month without an observation breaks the line, so a
// gap in the data is a gap in the chart. Each point is marked with a dot
// on an axis of up to four years; on a longer one, only a point with no
// neighbour is, as it would not show otherwise. A combined observation (China's January–February) is a
// point midway between its months when U is a rate (its dimension is
// percent, percentage points, an index or a ratio such as USD/t), since a
// rate over two months speaks for both; an amount over two months is not
// a monthly value, and is left out, as [series.ToFloats] leaves it.
type LineChart[U series.Unit] struct {
	Title    string // the headline, wrapped to the chart's width
	Subtitle string // what is shown: "China's exports to the U.S., change on a year earlier"
	Note     string // printed at the foot, above the source
	Source   string // printed at the foot after "Source: "
	Lines    []Line[U]
	// Period is the months on the axis. The zero Period spans the lines'
	// observations, from the first month of the first to the last month
	// of the last; observations outside an explicit Period are left out.
	Period     series.Period
	References []Reference
	Highlights []Highlight
}

// A Line is one series of a [LineChart], drawn in the next of six
// colours.
type Line[U series.Unit] struct {
	// Name labels the line in the legend, which a chart of two or more
	// lines has.
	Name   string
	Series series.Series[U]
}

// A Reference is a horizontal line at a value in the chart's unit, such as
// a threshold (−10%) or a PMI's 50.
type Reference struct {
	Value decimal.Decimal
	// Label is written at the line's right end; empty, it is the value
	// with the unit: "−10%".
	Label string
}

// A Highlight shades a run of months, such as a streak found by
// [series.Streak]: Highlight{Period: run.Period, Label: "8 months below
// −10%"}. A Highlight whose Period is not valid (the zero Period of an
// empty Run) draws nothing.
type Highlight struct {
	Period series.Period
	Label  string
}

// WritePNG writes the chart as a PNG image of size s to w. It returns
// [ErrEmpty] if no line has an observation to draw, [ErrTooSmall] if the
// text leaves too little room, [ErrGlyph] for a character its font cannot
// draw, or w's error. It panics if s has no area
// or no resolution, or if c.Period is neither zero nor valid.
func (c LineChart[U]) WritePNG(w io.Writer, s Size) error {
	if err := drawable(c.texts()...); err != nil {
		return err
	}
	return write(w, pngFormat, s, c.draw)
}

// texts returns the chart's own text, for drawable.
func (c LineChart[U]) texts() []string {
	t := []string{c.Title, c.Subtitle, c.Note, c.Source}
	for _, l := range c.Lines {
		t = append(t, l.Name)
	}
	for _, r := range c.References {
		t = append(t, r.Label)
	}
	for _, h := range c.Highlights {
		t = append(t, h.Label)
	}
	return t
}

// WriteSVG writes the chart as an SVG document of size s to w, with its
// text as text elements. Errors and panics are those of [LineChart.WritePNG].
func (c LineChart[U]) WriteSVG(w io.Writer, s Size) error {
	if err := drawable(c.texts()...); err != nil {
		return err
	}
	return write(w, svgFormat, s, c.draw)
}

// A point is an observation placed on the month axis.
type point struct {
	x, y float64 // months since the axis' first month; value
	// join is whether the point is joined to the one before: the months
	// between them have no gap.
	join bool
}

// points returns the observations of s that lie within p and can be
// drawn on a month axis (see LineChart), in month order.
func points[U series.Unit](s series.Series[U], p series.Period) []point {
	rate := isRate[U]()
	var pts []point
	var last series.Month // the last month of the last point's period
	for per, v := range s.All() {
		if per.First.Before(p.First) || per.Last.After(p.Last) {
			continue
		}
		if !per.IsMonth() && !rate {
			continue
		}
		x := float64(per.First.MonthsSince(p.First)) + float64(per.Len()-1)/2
		// A point joins the one before only if no month lies between
		// them (counted, not stepped: 9999-12 has no month after it).
		join := len(pts) > 0 && per.First.MonthsSince(last) == 1
		pts = append(pts, point{x: x, y: v.InexactFloat64(), join: join})
		last = per.Last
	}
	return pts
}

// isRate reports whether a value of unit U over two months is a value for
// each of them: a percentage, an index, a ratio.
func isRate[U series.Unit]() bool {
	var u U
	switch d := u.Dimension(); d {
	case "percent", "percentage points", "index":
		return true
	default:
		return strings.Contains(d, "/")
	}
}

func (c LineChart[U]) period() series.Period {
	if c.Period != (series.Period{}) {
		if !c.Period.Valid() {
			panic(fmt.Sprintf("chart: invalid period %v", c.Period))
		}
		return c.Period
	}
	var p series.Period
	for _, l := range c.Lines {
		if l.Series.IsEmpty() {
			continue
		}
		if p.First.IsZero() || l.Series.First().Before(p.First) {
			p.First = l.Series.First()
		}
		if l.Series.Last().After(p.Last) {
			p.Last = l.Series.Last()
		}
	}
	return p
}

func (c LineChart[U]) draw(cv draw.Canvas, lk *look) error {
	p := c.period()
	lines := make([][]point, len(c.Lines))
	lo, hi, found := math.Inf(1), math.Inf(-1), false
	for i, l := range c.Lines {
		if p.Valid() {
			lines[i] = points(l.Series, p)
		}
		for _, pt := range lines[i] {
			lo, hi, found = math.Min(lo, pt.y), math.Max(hi, pt.y), true
		}
	}
	if !found {
		return ErrEmpty
	}
	for _, r := range c.References {
		v := r.Value.InexactFloat64()
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	// A little room beyond the data, so that no point sits on the axis's
	// edge, but not across 0.
	pad := (hi - lo) * 0.02
	if lo >= 0 {
		lo = math.Max(lo-pad, 0)
	} else {
		lo -= pad
	}
	if hi <= 0 {
		hi = math.Min(hi+pad, 0)
	} else {
		hi += pad
	}
	var u U
	f := frame{title: c.Title, subtitle: c.Subtitle, note: c.Note, source: c.Source}
	if len(c.Lines) > 1 {
		for i, l := range c.Lines {
			if l.Name != "" {
				f.legend = append(f.legend, legendItem{l.Name, palette[i%len(palette)]})
			}
		}
	}
	body, err := lk.drawFrame(cv, f)
	if err != nil {
		return err
	}

	// The unit heads the value axis, on a line of its own.
	text(cv, lk.small, body.Min.X, body.Max.Y-lk.small.ascent(), 0, u.Symbol())
	n := p.Len()
	tickLen := lk.fs * 0.35
	gap := lk.fs * 0.5
	top := body.Max.Y - lk.small.lineHeight() - lk.tick.capHeight()
	refLabels := make([]string, len(c.References))
	refW := vg.Length(0)
	for i, r := range c.References {
		refLabels[i] = r.Label
		if refLabels[i] == "" {
			refLabels[i] = number.WithUnit(number.Printed(r.Value), u.Symbol())
		}
		refW = max(refW, lk.small.width(refLabels[i])+gap*0.6)
	}
	// A reference's label is one line beside the plot: one that takes
	// more than a third of the width leaves too little for the months.
	if bw := body.Max.X - body.Min.X; refW > bw/3 {
		return fmt.Errorf("%w: a reference's label is %.0f pt wide, more than a third of the chart's %.0f pt", ErrTooSmall, float64(refW), float64(bw))
	}
	monthW := vg.Length(0)
	for m := time.January; m <= time.December; m++ {
		monthW = max(monthW, lk.tick.width(m.String()[:3]))
	}
	yearW := lk.tick.width("2000")

	// Lay out twice: the height of the month labels (one line or two)
	// depends on the spacing of the labels, which depends on the width
	// left by the value labels, which depends on the height.
	var (
		sc                  scale
		left, right, bottom vg.Length
		perMonth            vg.Length
		step                int
		labelLines          = 2
	)
	for range 2 {
		bottom = body.Min.Y + tickLen + lk.fs*0.3 + vg.Length(labelLines)*lk.tick.lineHeight()
		sc = niceScale(lo, hi, int((top-bottom)/(lk.fs*3))+1)
		labelsW := vg.Length(0)
		for _, t := range sc.ticks {
			labelsW = max(labelsW, lk.tick.width(sc.label(t)))
		}
		left = body.Min.X + labelsW + gap
		right = body.Max.X - max(refW, monthW/2)
		perMonth = (right - left) / vg.Length(n)
		step = monthStep(n, float64(perMonth), float64(monthW), float64(yearW), float64(lk.fs))
		if step >= 12 {
			labelLines = 1
		} else {
			labelLines = 2
		}
	}
	xAt := func(x float64) vg.Length { return left + vg.Length(x+0.5)*perMonth }
	yAt := func(y float64) vg.Length {
		return bottom + vg.Length((y-sc.lo())/(sc.hi()-sc.lo()))*(top-bottom)
	}

	// Highlights lie behind everything; their labels go on top, last.
	type label struct {
		x, y  vg.Length
		align float64
		s     string
	}
	var bandLabels []label
	for _, h := range c.Highlights {
		if !h.Period.Valid() || h.Period.Last.Before(p.First) || h.Period.First.After(p.Last) {
			continue
		}
		a := max(h.Period.First.MonthsSince(p.First), 0)
		b := min(h.Period.Last.MonthsSince(p.First), n-1)
		x0, x1 := xAt(float64(a)-0.5), xAt(float64(b)+0.5)
		cv.FillPolygon(band, []vg.Point{{X: x0, Y: bottom}, {X: x1, Y: bottom}, {X: x1, Y: top}, {X: x0, Y: top}})
		if h.Label == "" {
			continue
		}
		// The label goes to the end of the band away from the data in it.
		mid := (sc.lo() + sc.hi()) / 2
		above := 0
		for _, pts := range lines {
			for _, pt := range pts {
				if pt.x >= float64(a)-0.5 && pt.x <= float64(b)+0.5 {
					if pt.y > mid {
						above++
					} else {
						above--
					}
				}
			}
		}
		y := top - lk.small.ascent() - lk.fs*0.3
		if above > 0 {
			y = bottom + lk.small.descent() + lk.fs*0.3
		}
		lw := lk.small.width(h.Label)
		if lw > right-left {
			return fmt.Errorf("%w: the highlight's label %q is %.0f pt wide, the plot %.0f pt", ErrTooSmall, clipText(h.Label), float64(lw), float64(right-left))
		}
		x, align := x0+lk.fs*0.3, 0.0
		if x+lw > right {
			x, align = max(x1-lk.fs*0.3, left+lw), 1
		}
		bandLabels = append(bandLabels, label{x, y, align, h.Label})
	}

	// Value axis: a grid line and a label at each tick, a darker line at 0.
	grid := draw.LineStyle{Color: gridCol, Width: vg.Length(0.6)}
	for _, t := range sc.ticks {
		y := yAt(t.InexactFloat64())
		if !t.IsZero() {
			cv.StrokeLine2(grid, left, y, right, y)
		}
		text(cv, lk.tick, left-gap, y-lk.tick.capHeight()/2, 1, sc.label(t))
	}

	for i, r := range c.References {
		y := yAt(r.Value.InexactFloat64())
		cv.StrokeLine2(draw.LineStyle{Color: refCol, Width: vg.Length(1), Dashes: []vg.Length{lk.fs * 0.45, lk.fs * 0.3}}, left, y, right, y)
		text(cv, face{lk.small.f, refCol}, right+gap*0.6, y-lk.small.capHeight()/2, 0, refLabels[i])
	}

	// Month axis: a line at the foot (at 0 it is the zero line), a tick at
	// each month, longer at each new year, a label every step months.
	axis := draw.LineStyle{Color: axisCol, Width: vg.Length(0.8)}
	if sc.lo() < 0 && sc.hi() > 0 {
		cv.StrokeLine2(axis, left, yAt(0), right, yAt(0))
	}
	cv.StrokeLine2(axis, left, bottom, right, bottom)
	minor := perMonth >= lk.fs*0.8 // else a comb
	for _, t := range monthTicks(p.First, n, step, minor) {
		x := xAt(float64(t.x))
		l := tickLen * 0.55
		if t.year || t.label != "" {
			l = tickLen
		}
		cv.StrokeLine2(axis, x, bottom, x, bottom-l)
		for j, ln := range strings.Split(t.label, "\n") {
			text(cv, lk.tick, x, bottom-tickLen-lk.fs*0.3-lk.tick.ascent()-vg.Length(j)*lk.tick.lineHeight(), 0.5, ln)
		}
	}

	// The lines, joined only across months that have observations; dots
	// for every observation on a short axis, and where a point stands
	// alone.
	dots := n <= 48
	for i, pts := range lines {
		col := palette[i%len(palette)]
		style := draw.LineStyle{Color: col, Width: lk.lineWidth()}
		dot := draw.GlyphStyle{Color: col, Radius: lk.fs * 0.22, Shape: draw.CircleGlyph{}}
		var run []vg.Point
		flush := func() {
			if len(run) > 1 {
				cv.StrokeLines(style, run)
			}
			if len(run) == 1 || dots {
				for _, q := range run {
					cv.DrawGlyphNoClip(dot, q)
				}
			}
			run = run[:0]
		}
		for _, pt := range pts {
			if !pt.join {
				flush()
			}
			run = append(run, vg.Point{X: xAt(pt.x), Y: yAt(pt.y)})
		}
		flush()
	}
	for _, l := range bandLabels {
		text(cv, face{lk.small.f, bandInk}, l.x, l.y, l.align, l.s)
	}
	return nil
}
