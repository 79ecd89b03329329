package series

import (
	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/internal/fixed"
)

// Quo returns n ÷ d with the library's division rule: [DivisionPlaces]
// places, rounded as [DivisionRounding] says, exactly as the quotients of
// [Change], [Share] and [Divide] are. It reports false, and returns zero,
// when d is zero. For a percentage, pass n.Shift(2).
func Quo(n, d decimal.Decimal) (decimal.Decimal, bool) {
	if d.IsZero() {
		return decimal.Zero, false
	}
	// n ÷ d × 10^places = cn ÷ cd × 10^e
	e := int(n.Exponent()) - int(d.Exponent()) + DivisionPlaces
	q := fixed.QuoToOddBig(n.Coefficient(), d.Coefficient(), e)
	return decimal.NewFromBigInt(q, -DivisionPlaces), true
}
