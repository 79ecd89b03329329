package tradeflow_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A read refuses the World as a reporter ("the World is not a reporter");
// Add must too, or Write writes a file that Load refuses.
func TestAddRefusesWorldReporter(t *testing.T) {
	ds := tradeflow.NewDataset("code")
	f := tradeflow.Figure{Key: tradeflow.MustParseKey("WLD X US TOTAL value"), Period: series.MonthPeriod(mp("2025-11")), Value: dec("1"),
		Unit: tradeflow.MustParseUnitCode("USD"), Vintage: vintage(t, "2025-12-08"), Source: "s"}
	err := ds.Add(f)
	if !errors.Is(err, partner.ErrCode) {
		var buf bytes.Buffer
		_ = tradeflow.Write(&buf, ds)
		_, rerr := tradeflow.Load(bytes.NewReader(buf.Bytes()), "back.csv")
		t.Fatalf("Add = %v, want partner.ErrCode; reading back what Write wrote: %v", err, rerr)
	}
}
