package tradeflow_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// A read drops the spaces and tabs around a source or a note, and refuses
// a source that is only spaces. Add must keep the same figure a read of
// what Write writes would: a blank source is no source, and spaces around
// one do not survive the round trip.
func TestAddSourceSpacesRoundTrip(t *testing.T) {
	fig := func(src, note string) tradeflow.Figure {
		return tradeflow.Figure{Key: tradeflow.MustParseKey("CN X WLD TOTAL value"), Period: series.MonthPeriod(mp("2025-11")), Value: dec("1"),
			Unit: tradeflow.MustParseUnitCode("USD"), Vintage: vintage(t, "2025-12-08"), Source: src, Note: note}
	}
	if err := tradeflow.NewDataset("code").Add(fig(" \t ", "")); !errors.Is(err, tradeflow.ErrMissing) {
		t.Errorf("Add of a blank source = %v, want ErrMissing", err)
	}
	ds := tradeflow.NewDataset("code")
	if err := ds.Add(fig(" GACC\t", " combined ")); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tradeflow.Write(&buf, ds); err != nil {
		t.Fatal(err)
	}
	back, err := tradeflow.Load(bytes.NewReader(buf.Bytes()), "back.csv")
	if err != nil {
		t.Fatal(err)
	}
	for f := range ds.Figures() {
		for g := range back.Figures() {
			if f.Source != g.Source || f.Note != g.Note {
				t.Errorf("source and note %q %q, read back as %q %q", f.Source, f.Note, g.Source, g.Note)
			}
		}
	}
}
