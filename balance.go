package tradeflow

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// TradeBalance returns exports less imports, month by month, exactly:
// b(t) = x(t) − m(t). A month missing from either has no balance (see
// [series.Sub]).
func TradeBalance[U series.Unit](x, m series.Series[U]) (series.Series[U], series.Gaps) {
	return series.Sub(x, m)
}

// TradeTotal returns exports plus imports, month by month, exactly.
func TradeTotal[U series.Unit](x, m series.Series[U]) (series.Series[U], series.Gaps) {
	return series.Add(x, m)
}

// CoverageRatio returns exports as a percentage of imports, 100 × x(t) ÷ m(t)
// (see [series.Share]); months with no imports have no ratio.
func CoverageRatio[U series.Unit](x, m series.Series[U]) (series.Series[series.Percent], series.Gaps) {
	return series.Share(x, m)
}

// A BalanceMove describes how a trade balance moved. A balance can change
// sign, so its percent change can be meaningless (a surplus that "rose
// 300%" from a deficit); a BalanceMove says what happened instead.
type BalanceMove struct {
	From, To decimal.Decimal
}

// Diff returns To − From, exactly.
func (c BalanceMove) Diff() decimal.Decimal { return c.To.Sub(c.From) }

// SizeChange returns the percent change in the size of the surplus (or
// deficit), 100 × (|To| − |From|) ÷ |From|, and true when it means
// something: both balances on the same side of zero and From not zero. A
// surplus that grew from 884.7 to 1,075.8 is up 21.6%; a deficit that
// doubled is up 100%.
func (c BalanceMove) SizeChange() (decimal.Decimal, bool) {
	if c.From.IsZero() || c.From.Sign() != c.To.Sign() {
		return decimal.Decimal{}, false
	}
	q, _ := series.Quo(c.To.Abs().Sub(c.From.Abs()).Shift(2), c.From.Abs())
	return q, true
}

// Kind names the move: "surplus widened", "surplus narrowed", "deficit
// widened", "deficit narrowed", "swung into deficit", "swung into surplus",
// "moved into balance", "unchanged".
func (c BalanceMove) Kind() string {
	f, t := c.From.Sign(), c.To.Sign()
	switch {
	case c.From.Equal(c.To):
		return "unchanged"
	case t == 0:
		return "moved into balance"
	case f >= 0 && t < 0:
		return "swung into deficit"
	case f <= 0 && t > 0:
		return "swung into surplus"
	case t > 0 && c.To.GreaterThan(c.From):
		return "surplus widened"
	case t > 0:
		return "surplus narrowed"
	case c.To.LessThan(c.From):
		return "deficit widened"
	}
	return "deficit narrowed"
}

// String says "surplus widened from 884.7 to 1075.8".
func (c BalanceMove) String() string {
	return fmt.Sprintf("%s from %v to %v", c.Kind(), c.From, c.To)
}
