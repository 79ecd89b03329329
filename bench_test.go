package tradeflow_test

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/tradeflow-go/tradeflow"
)

// detailFile writes n rows of a detail file in the library's format: one
// reporter, many partners and HS lines, every row with the same source.
func detailFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n")
	partners := []string{"US", "JP", "KR", "DE", "VN", "BR", "AU", "IN"}
	for i := 0; i < n; i++ {
		line := i / 96 % 1000 // 1,000 HS lines: chapters 01–76, headings 01–13, subheadings 10–99
		fmt.Fprintf(&b, "CN,%04d-%02d,X,%s,%02d%02d%02d,value,%d.%02d,USD,2026-01-20,customs detail file,\n",
			2023+i/(12*8*1000)%3, 1+i%12, partners[i/12%8], 1+line%76, 1+line/76, 10+line%90, 1000+i%9973, i%100)
	}
	return b.Bytes()
}

// TestLoadKeepsNoObjectPerRow loads a detail file of 10,000 and of 100,000
// rows and counts the heap objects the datasets keep: ten times the rows
// must not mean ten times the objects, since figures live in one slice of
// fixed-size rows and sources are interned. It runs under -short too, as CI
// runs the tests.
func TestLoadKeepsNoObjectPerRow(t *testing.T) {
	kept := func(n int) (uint64, *tradeflow.Dataset) {
		data := detailFile(n)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		ds, err := tradeflow.Load(bytes.NewReader(data), "detail.csv")
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		return after.HeapObjects - before.HeapObjects, ds
	}
	small, ds1 := kept(10_000)
	large, ds2 := kept(100_000)
	runtime.KeepAlive(ds1)
	runtime.KeepAlive(ds2)
	// The keys (partner × HS line) do grow with the file; the rows must not.
	keys := uint64(len(ds2.Keys()))
	if large > 4*keys+small+10_000 {
		t.Errorf("100,000 rows keep %d objects (10,000 rows: %d; %d keys): an object per row?", large, small, keys)
	}
	t.Logf("objects kept: %d for 10,000 rows, %d for 100,000 rows (%d keys)", small, large, keys)
}
