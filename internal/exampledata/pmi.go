// Package exampledata reads the shipped data files that are not trade
// figures, for the example programs.
package exampledata

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tradeflow-go/tradeflow/series"
)

// PMI reads pmi.csv (columns period, series, value, unit, source, note):
// China's official manufacturing PMI, one month a row. Every row must have
// a source; a malformed row is an error naming the file, line and value.
func PMI(path string) (series.Series[series.Index], error) {
	var zero series.Series[series.Index]
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	name := filepath.Base(path)
	want := []string{"period", "series", "value", "unit", "source", "note"}
	if len(rows) == 0 || fmt.Sprint(rows[0]) != fmt.Sprint(want) {
		return zero, fmt.Errorf("%s:1: want the header %v", name, want)
	}
	var b series.Builder[series.Index]
	for i, r := range rows[1:] {
		line := i + 2
		m, err := series.ParseMonth(r[0])
		if err != nil {
			return zero, fmt.Errorf("%s:%d: column period: %w", name, line, err)
		}
		if r[1] != "NBS_MANUFACTURING_PMI" || r[3] != "INDEX" {
			return zero, fmt.Errorf("%s:%d: unexpected series %q in %q", name, line, r[1], r[3])
		}
		if r[4] == "" {
			return zero, fmt.Errorf("%s:%d: column source: missing", name, line)
		}
		if err := b.SetString(m, r[2]); err != nil {
			return zero, fmt.Errorf("%s:%d: column value: %w", name, line, err)
		}
	}
	return b.Series()
}

// Ordinal returns "first", "second", … "twelfth", then "13th", for the
// phrases the examples print ("the eighth straight month").
func Ordinal(n int) string {
	words := []string{"zeroth", "first", "second", "third", "fourth", "fifth", "sixth",
		"seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprintf("%dth", n)
}
