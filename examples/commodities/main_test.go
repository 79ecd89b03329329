package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/tradeflow-go/tradeflow/internal/golden"
)

func TestCommoditiesGolden(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out, filepath.Join("..", "data")); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "commodities", out.Bytes())
}
