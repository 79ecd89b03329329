package chart

import (
	"fmt"
	"io"
	"math"

	"github.com/shopspring/decimal"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/tradeflow-go/tradeflow/internal/number"
)

// A BarChart draws values side by side as horizontal bars, one row each,
// from a common zero: contributions to growth, shares of a total. Bars of
// positive values are blue, of negative values red, and each bar carries
// its value. The total is not a bar: it is a quantity of its own, often in
// another unit (a total growth in percent is the sum of contributions in
// percentage points), so it is written apart, below the bars, with its
// unit.
//
// [Contributions] and [Shares] make a BarChart from package partner's
// decompositions.
type BarChart struct {
	Title    string // the headline, wrapped to the chart's width
	Subtitle string // what is shown: "Contributions to the growth of exports, November 2025"
	Note     string // printed at the foot, above the source
	Source   string // printed at the foot after "Source: "
	// Symbol is the bars' unit as printed (the Symbol of a series.Unit),
	// written at the head of the value axis: "pp", "%".
	Symbol string
	Bars   []Bar // from top to bottom
	// Total is written below the bars; the zero Total (no Name) is not.
	Total Total
	// Places is the number of decimal places of the values written,
	// rounded half away from zero.
	Places int32
	// Signed writes a "+" before positive values, as for changes and
	// contributions; negative values always have a minus sign.
	Signed bool
}

// A Bar is one named value of a [BarChart], in the chart's unit: a
// partner, a product group, the rest of the world.
type Bar struct {
	Name  string
	Value decimal.Decimal
}

// A Total is the whole that a [BarChart]'s bars make up or explain, in a
// unit of its own.
type Total struct {
	Name   string          // "Total growth"
	Value  decimal.Decimal // in the unit Symbol
	Symbol string          // written with the value: "%" gives "+5.8%", "USD mn" "USD 3,303.5 mn"
}

// WritePNG writes the chart as a PNG image of size s to w. It returns
// [ErrEmpty] if the chart has no bar, [ErrTooSmall] if the text leaves too
// little room, [ErrGlyph] for a character its font cannot draw, or w's
// error. It panics if s has no area or no resolution.
func (c BarChart) WritePNG(w io.Writer, s Size) error {
	if err := drawable(c.texts()...); err != nil {
		return err
	}
	return write(w, pngFormat, s, c.draw)
}

// texts returns the chart's own text, for drawable.
func (c BarChart) texts() []string {
	t := []string{c.Title, c.Subtitle, c.Note, c.Source, c.Symbol, c.Total.Name, c.Total.Symbol}
	for _, b := range c.Bars {
		t = append(t, b.Name)
	}
	return t
}

// WriteSVG writes the chart as an SVG document of size s to w, with its
// text as text elements. Errors and panics are those of [BarChart.WritePNG].
func (c BarChart) WriteSVG(w io.Writer, s Size) error {
	if err := drawable(c.texts()...); err != nil {
		return err
	}
	return write(w, svgFormat, s, c.draw)
}

func (c BarChart) value(v decimal.Decimal) string {
	if c.Signed {
		return number.Signed(v, c.Places)
	}
	return number.Fixed(v, c.Places)
}

func (c BarChart) draw(cv draw.Canvas, lk *look) error {
	n := len(c.Bars)
	if n == 0 {
		return ErrEmpty
	}
	body, err := lk.drawFrame(cv, frame{title: c.Title, subtitle: c.Subtitle, note: c.Note, source: c.Source})
	if err != nil {
		return err
	}
	gap := lk.fs * 0.5
	catGap := lk.fs * 1.2 // between the category labels and the bars' area
	// The rounded values are what is written; the bars have their lengths.
	vals := make([]float64, n)
	labels := make([]string, n)
	lo, hi := 0.0, 0.0 // a bar starts at 0, so the axis holds it
	for i, b := range c.Bars {
		labels[i] = c.value(b.Value)
		vals[i] = rounded(b.Value, c.Places)
		lo, hi = math.Min(lo, vals[i]), math.Max(hi, vals[i])
	}

	// Rows of category labels, wrapped to at most 40% of the width.
	cats := make([][]string, n)
	catW := vg.Length(0)
	for i, b := range c.Bars {
		cats[i] = wrap(lk.label, b.Name, body.Size().X*0.4)
		for _, ln := range cats[i] {
			catW = max(catW, lk.label.width(ln))
		}
	}
	total := c.Total.Name != ""
	if total {
		catW = max(catW, lk.bold.width(c.Total.Name))
	}

	top := body.Max.Y - lk.small.lineHeight() - lk.fs*0.2
	bottom := body.Min.Y
	if total {
		bottom += lk.bold.lineHeight() + lk.fs*1.6
	}
	tickLen := lk.fs * 0.35
	axisH := tickLen + lk.fs*0.3 + lk.tick.lineHeight()
	// The rows share the height; the bars' thickness is capped, so that
	// two bars do not become slabs.
	rowH := (top - bottom - axisH) / vg.Length(n)
	maxLines := 1
	for _, l := range cats {
		maxLines = max(maxLines, len(l))
	}
	if rowH < lk.label.lineHeight()*vg.Length(maxLines) {
		return fmt.Errorf("%w: %d bars do not fit in %.0f pt of height", ErrTooSmall, n, float64(top-bottom-axisH))
	}
	barsBottom := top - rowH*vg.Length(n)

	left := body.Min.X + catW + catGap
	// The ticks are spaced for labels as wide as the widest one: at first
	// a guess, then the widest label of the ticks that guess gave, until
	// the labels fit (values in dollars run to "3,000,000,000,000").
	maxTickW := lk.tick.width(number.Minus + "00.0")
	var (
		sc    scale
		right vg.Length
	)
	for range 4 {
		right = body.Max.X - maxTickW/2
		sc = niceScale(lo, hi, int((right-left)/(maxTickW+lk.fs*4))+1)
		w := vg.Length(0)
		for _, t := range sc.ticks {
			w = max(w, lk.tick.width(sc.label(t)))
		}
		if w <= maxTickW {
			break
		}
		maxTickW = w
	}
	lo, hi = sc.lo(), sc.hi()
	labelW := make([]vg.Length, n)
	for i := range labels {
		labelW[i] = lk.label.width(labels[i]) + gap*0.6
		if vals[i] < 0 {
			// Room between a value written left of its bar and the
			// category labels, so that the two do not read as one.
			labelW[i] += lk.fs * 1.2
		}
	}
	x0, k := fit(left, right, lo, hi, vals, labelW)
	xAt := func(v float64) vg.Length { return x0 + vg.Length(v)*k }

	// The unit heads the value axis.
	text(cv, lk.small, xAt(lo), body.Max.Y-lk.small.ascent(), 0, c.Symbol)
	// Grid lines behind the bars; the text in reading order: each row's
	// label and value, then the axis.
	grid := draw.LineStyle{Color: gridCol, Width: vg.Length(0.6)}
	axis := draw.LineStyle{Color: axisCol, Width: vg.Length(0.8)}
	for _, t := range sc.ticks {
		if x := xAt(t.InexactFloat64()); !t.IsZero() {
			cv.StrokeLine2(grid, x, barsBottom, x, top)
		}
	}
	for i, v := range vals {
		mid := top - rowH*(vg.Length(i)+0.5)
		base := mid - lk.label.capHeight()/2
		lh := lk.label.lineHeight()
		for j, ln := range cats[i] {
			// Centred on the bar, line by line.
			text(cv, lk.label, left-catGap, base+lh*(vg.Length(len(cats[i])-1)/2-vg.Length(j)), 1, ln)
		}
		half := min(rowH*0.32, lk.fs*1.5)
		xa, xb := xAt(0), xAt(v)
		switch {
		case v < 0:
			cv.FillPolygon(loss, []vg.Point{{X: xb, Y: mid - half}, {X: xa, Y: mid - half}, {X: xa, Y: mid + half}, {X: xb, Y: mid + half}})
			text(cv, lk.label, xb-gap*0.6, base, 1, labels[i])
		case v > 0:
			cv.FillPolygon(gain, []vg.Point{{X: xa, Y: mid - half}, {X: xb, Y: mid - half}, {X: xb, Y: mid + half}, {X: xa, Y: mid + half}})
			fallthrough
		default:
			text(cv, lk.label, xb+gap*0.6, base, 0, labels[i])
		}
	}
	// The zero line over the bars' ends.
	cv.StrokeLine2(axis, xAt(0), barsBottom, xAt(0), top)
	cv.StrokeLine2(axis, xAt(lo), barsBottom, xAt(hi), barsBottom)
	for _, t := range sc.ticks {
		x := xAt(t.InexactFloat64())
		cv.StrokeLine2(axis, x, barsBottom, x, barsBottom-tickLen)
		text(cv, lk.tick, x, barsBottom-tickLen-lk.fs*0.3-lk.tick.ascent(), 0.5, sc.label(t))
	}

	if total {
		ruleY := body.Min.Y + lk.bold.lineHeight() + lk.fs*0.5
		cv.StrokeLine2(draw.LineStyle{Color: gridCol, Width: vg.Length(0.8)}, body.Min.X, ruleY, body.Max.X, ruleY)
		base := body.Min.Y + lk.bold.descent() + lk.fs*0.1
		text(cv, lk.bold, left-catGap, base, 1, c.Total.Name)
		text(cv, lk.bold, left-catGap+gap, base, 0, number.WithUnit(c.value(c.Total.Value), c.Total.Symbol))
	}
	return nil
}

// rounded is v rounded as it is written, as a float64 for drawing.
func rounded(v decimal.Decimal, places int32) float64 {
	return v.Round(max(places, 0)).InexactFloat64()
}

// fit returns the position x0 of 0 and the length k of one unit on a value
// axis from lo to hi (lo ≤ 0 ≤ hi) within left–right, as long as can be
// while every bar's label (widths w, written beyond the bar's end) stays
// within left–right.
func fit(left, right vg.Length, lo, hi float64, vals []float64, w []vg.Length) (x0, k vg.Length) {
	// For a unit length k, x0 must lie in [lower(k), upper(k)]; both
	// bounds fall as k grows, lower more slowly, so bisect for the largest
	// k at which the interval is not empty.
	bounds := func(k vg.Length) (lower, upper vg.Length) {
		lower, upper = left-vg.Length(lo)*k, right-vg.Length(hi)*k
		for i, v := range vals {
			if v < 0 {
				lower = max(lower, left+w[i]-vg.Length(v)*k)
			} else {
				upper = min(upper, right-w[i]-vg.Length(v)*k)
			}
		}
		return lower, upper
	}
	a, b := vg.Length(0), (right-left)/vg.Length(hi-lo)
	for range 60 {
		m := (a + b) / 2
		if lower, upper := bounds(m); lower <= upper {
			a = m
		} else {
			b = m
		}
	}
	lower, upper := bounds(a)
	return (lower + upper) / 2, a
}
