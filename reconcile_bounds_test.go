package tradeflow_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
)

// TestImpliedBasePrintedBoundsAreConsistent: the printed bounds of an
// implied-base interval are levels a reader can check. Each, at the places
// the levels are printed with, must give the published rate; a bound
// rounded outward does not ("the published 1.9% needs 2024-11 revised to
// 2,144.9–2,147.0", but 2,186.7 on 2,147.0 is +1.8%).
func TestImpliedBasePrintedBoundsAreConsistent(t *testing.T) {
	for _, c := range []struct{ current, rate string }{
		{"3303.5", "5.9"},     // exports, November 2025
		{"2186.7", "1.9"},     // imports, November 2025
		{"2338884.7", "-0.6"}, // imports, January–November 2025, USD mn
		{"385907.0", "-18.9"}, // exports to the U.S., January–November 2025
		{"128755.1", "-13.2"}, // imports from the U.S., January–November 2025
	} {
		iv, err := tradeflow.ImpliedBase(decimal.RequireFromString(c.current), decimal.RequireFromString(c.rate), tradeflow.Precision{Rate: 1, Level: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range []decimal.Decimal{iv.LowPrinted, iv.HighPrinted} {
			if !iv.Contains(b) {
				t.Errorf("%s at %s%%: printed interval %v, but the bound %s does not give %s%%", c.current, c.rate, iv, b.StringFixed(1), c.rate)
			}
		}
	}
}

// An interval that holds one printed level is that level; one that holds
// none says so, rather than quoting levels that do not give the rate.
func TestImpliedBasePrintedNarrow(t *testing.T) {
	iv, err := tradeflow.ImpliedBase(decimal.RequireFromString("100"), decimal.RequireFromString("50.0"), tradeflow.Precision{Rate: 1, Level: 0})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := iv.String(), "66.64–66.69, which no level printed to 0 places is"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	iv, err = tradeflow.ImpliedBase(decimal.RequireFromString("94.05"), decimal.RequireFromString("-5.9"), tradeflow.Precision{Rate: 1, Level: 1})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := iv.String(), "99.9"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
