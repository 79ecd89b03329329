package tradeflow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tradeflow-go/tradeflow/internal/readerr"
)

// The error of a combined figure beside a month it covers is marked with
// readerr.ErrOverlap, by which the Beam module's Read tells it apart, and
// keeps its text.
func TestOverlapErrorIsMarked(t *testing.T) {
	file := "reporter,period,flow,partner,commodity,measure,value,unit,vintage,source,note\n" +
		"CN,2025-01/2025-02,X,WLD,TOTAL,value,5,USD,2025-03-05,GACC,\n" +
		"CN,2025-02,X,WLD,TOTAL,value,2,USD,2025-03-05,GACC,\n"
	_, err := Read(context.Background(), strings.NewReader(file), "a.csv", CSV(), CollectErrors())
	var el *ErrorList
	if !errors.As(err, &el) || len(el.Errors) != 1 {
		t.Fatalf("got %v, want one row error", err)
	}
	e := el.Errors[0]
	if !errors.Is(e, readerr.ErrOverlap) || !errors.Is(e, ErrDuplicate) {
		t.Errorf("%v: not marked as an overlap and a duplicate", e)
	}
	if want := "a.csv:3: duplicate observation: CHN X WLD TOTAL value: 2025-02 overlaps 2025-01/2025-02 on line 2: a combined figure and separate months for one series"; e.Error() != want {
		t.Errorf("got %q\nwant %q", e.Error(), want)
	}
}
