package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Every shipped row names its source, and every row of the customs files
// the release it was printed in, as examples/data/README.md says (pmi.csv
// has no vintage column, and the README says why).
func TestShippedRowsHaveSourceAndRelease(t *testing.T) {
	for _, c := range []struct {
		name    string
		vintage bool
	}{{"china-customs.csv", true}, {"commodities.csv", true}, {"pmi.csv", false}} {
		f, err := os.Open(filepath.Join("..", "data", c.name))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		src, vin := slices.Index(rows[0], "source"), slices.Index(rows[0], "vintage")
		if src < 0 || (vin >= 0) != c.vintage {
			t.Errorf("%s: header %v: source column %d, vintage column %d (want one: %v)", c.name, rows[0], src, vin, c.vintage)
			continue
		}
		for i, r := range rows[1:] {
			if r[src] == "" || (c.vintage && r[vin] == "") {
				t.Errorf("%s:%d: no source or no release date", c.name, i+2)
			}
		}
	}
}
