package exampledata

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tradeflow-go/tradeflow/series"
)

func TestPMI(t *testing.T) {
	s, err := PMI("../../examples/data/pmi.csv")
	if err != nil {
		t.Fatal(err)
	}
	v, ok := s.At(series.MustParseMonth("2025-11"))
	if !ok || v.String() != "49.2" {
		t.Errorf("2025-11: got %v %v, want 49.2", v, ok)
	}
	bad := filepath.Join(t.TempDir(), "pmi.csv")
	os.WriteFile(bad, []byte("period,series,value,unit,source,note\n2025-13,NBS_MANUFACTURING_PMI,49,INDEX,x,\n"), 0o644)
	if _, err := PMI(bad); err == nil || err.Error() != `pmi.csv:2: column period: series: invalid month "2025-13": month 13 is out of range` {
		t.Errorf("got %v", err)
	}
}
