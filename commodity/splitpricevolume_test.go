package commodity_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

// The value reports January–February combined and the quantity reports the
// two months separately. January is not missing from the value: it is in
// its combined observation, as series.Divide (and so UnitValue) says.
func TestSplitPriceVolumeCombinedNotMissing(t *testing.T) {
	jan, feb := series.MustParseMonth("2025-01"), series.MustParseMonth("2025-02")
	jf := series.Period{First: jan, Last: feb}
	var vb series.Builder[series.USD]
	vb.SetCombined(jf, decimal.NewFromInt(10))
	v, err := vb.Series()
	if err != nil {
		t.Fatal(err)
	}
	q := series.FromInts[series.Tonnes](jan, 3, 4)
	_, gaps := commodity.SplitPriceVolume(v, q, 12)
	g, ok := gaps.Find(jan)
	if !ok || g.Reason != series.Combined || g.Cause != jf {
		t.Errorf("SplitPriceVolume gap for 2025-01 = %+v, %v; want reason Combined, cause %v\nall gaps:\n%v", g, ok, jf, gaps)
	}
	_, ugaps := commodity.UnitValue(v, q)
	if ug, _ := ugaps.Find(jan); ug.Reason != series.Combined {
		t.Errorf("UnitValue gap for 2025-01 = %+v", ug)
	}
}
