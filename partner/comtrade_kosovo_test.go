package partner

import "testing"

// UN Comtrade numbers Kosovo 412 as a partner (partnerISO "_KS"):
// partnerAreas.json, HTTP Last-Modified 2025-06-05, as recorded in
// github.com/ropensci/comtradr at 3d5b52d (inst/extdata/partner.rds), the
// copy data/aggregates.csv cites. A Comtrade file with partnerCode 412 is
// trade with Kosovo, not an unknown code.
func TestComtradeKosovo412(t *testing.T) {
	c, err := ParseCode("412")
	if err != nil {
		t.Fatalf(`ParseCode("412"): %v; want Kosovo`, err)
	}
	if c.Alpha3() != "XKX" {
		t.Errorf(`ParseCode("412") = %v; want XKX`, c)
	}
	if n, ok := MustParseCode("XKX").Comtrade(); n != 412 || !ok {
		t.Errorf("XKX.Comtrade() = %d, %v; want 412, true", n, ok)
	}
}
