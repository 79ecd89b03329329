package chart

import (
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/internal/number"
	"github.com/tradeflow-go/tradeflow/series"
)

// A scale maps values onto the ticks of a value axis.
type scale struct {
	ticks []decimal.Decimal // ascending, k × step for consecutive integers k
	step  decimal.Decimal
}

// lo and hi are the first and last tick, the ends of the axis.
func (s scale) lo() float64 { return s.ticks[0].InexactFloat64() }
func (s scale) hi() float64 { return s.ticks[len(s.ticks)-1].InexactFloat64() }

// label is a tick's text: as many decimal places as the step has.
func (s scale) label(v decimal.Decimal) string { return number.Fixed(v, number.Places(s.step)) }

// niceSteps are the mantissas of tick steps: 1, 2 and 5 times a power of
// ten, so that tick labels have no more decimal places than the step.
var niceSteps = [...]int64{1, 2, 5}

// niceScale returns ticks that cover [lo, hi], at most maxTicks of them
// (at least 3, as a range across 0 needs), with the smallest step that is
// 1, 2 or 5 times a power of ten. Every tick is a multiple of the step, so 0 is a tick
// whenever the range spans it — never skipped, as steps counted from the
// first value would (10, −10, −30). A range of one value is widened.
func niceScale(lo, hi float64, maxTicks int) scale {
	maxTicks = max(maxTicks, 3)
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		d := math.Max(math.Abs(lo)/10, 1)
		if lo >= 0 && lo-d < 0 {
			lo, hi = 0, hi+d // a positive value keeps a baseline at 0
		} else {
			lo, hi = lo-d, hi+d
		}
	}
	e := int32(math.Floor(math.Log10((hi-lo)/float64(maxTicks-1)))) - 1
	for ; ; e++ {
		for _, m := range niceSteps {
			step := decimal.New(m, e)
			f := step.InexactFloat64()
			// The slack keeps a value that lies on a tick from adding a
			// tick beyond it through rounding in the division.
			k0 := int64(math.Floor(lo/f + 1e-9))
			k1 := int64(math.Ceil(hi/f - 1e-9))
			if k1-k0+1 > int64(maxTicks) {
				continue
			}
			if k1 == k0 {
				k1++
			}
			s := scale{step: step}
			for k := k0; k <= k1; k++ {
				s.ticks = append(s.ticks, step.Mul(decimal.NewFromInt(k)))
			}
			return s
		}
	}
}

// A monthTick is a tick on a month axis.
type monthTick struct {
	x     int    // months since the axis' first month
	label string // empty for a minor tick; a year on a second line at January
	year  bool   // a January: the boundary of a year
}

// monthSteps are the spacings of labelled months: January, April, July and
// October for 3; January and July for 6; every January, or every second,
// fifth, tenth, … thousandth one, so that even the whole calendar (0001 to
// 9999) has no more than maxMonthLabels labels.
var monthSteps = [...]int{1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200, 2400, 6000, 12000}

// maxMonthLabels is the most labels a month axis has: more are hard to
// read even when they fit.
const maxMonthLabels = 10

// monthStep returns the smallest spacing of month labels on an axis of n
// months that keeps labels as wide as monthW (the widest month name, or
// yearW, a year, for spacings of a year or more) apart by at least gap,
// with perMonth the width of a month, and that gives at most
// maxMonthLabels labels.
func monthStep(n int, perMonth, monthW, yearW, gap float64) int {
	for _, s := range monthSteps {
		w := monthW
		if s >= 12 {
			w = yearW
		}
		if float64(s)*perMonth >= w+gap && (n+s-1)/s <= maxMonthLabels {
			return s
		}
	}
	return monthSteps[len(monthSteps)-1]
}

// monthTicks returns the ticks of an axis of n months from first, labelled
// every step months (see monthSteps). Below a year, labels are month names
// ("Apr"), and January and the first label carry the year on a second line,
// so every label can be read against a year. From a year up, labels are
// years. With minor, every month gets an unlabelled tick; every January
// does while labels are at most ten years apart (beyond, the year ticks
// would be a comb).
func monthTicks(first series.Month, n, step int, minor bool) []monthTick {
	var ts []monthTick
	labelled := false
	for x := range n {
		m := first.AddMonths(x)
		t := monthTick{x: x, year: m.Month() == time.January}
		switch {
		case step < 12 && (int(m.Month())-1)%step == 0:
			t.label = m.Month().String()[:3]
			if t.year || !labelled {
				t.label += "\n" + yearText(m.Year())
			}
		case step >= 12 && t.year && m.Year()%(step/12) == 0:
			t.label = yearText(m.Year())
		case !minor && !t.year, t.year && step > 120:
			continue
		}
		labelled = labelled || t.label != ""
		ts = append(ts, t)
	}
	return ts
}

func yearText(y int) string { return decimal.NewFromInt(int64(y)).String() }
