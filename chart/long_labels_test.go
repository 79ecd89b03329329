package chart_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/chart"
	"github.com/tradeflow-go/tradeflow/series"
)

// Text is never clipped: a legend name, a highlight's label or a
// reference's label too long for the chart is ErrTooSmall, naming it;
// one that fits stays on the chart.
func TestLongLabelsStayOnTheChart(t *testing.T) {
	s := series.MustFromStrings[series.Percent](month("2025-01"), "-3", "2", "5", "-1")
	long := strings.Repeat("Exports of mechanical and electrical products ", 5)
	fits := long[:110]
	build := func(legend, highlight, reference string) chart.LineChart[series.Percent] {
		c := chart.LineChart[series.Percent]{
			Title: "Long labels",
			Lines: []chart.Line[series.Percent]{{Name: legend, Series: s}, {Name: "Imports", Series: s}},
		}
		if highlight != "" {
			c.Highlights = []chart.Highlight{{Period: series.MonthPeriod(month("2025-02")), Label: highlight}}
		}
		if reference != "" {
			c.References = []chart.Reference{{Value: decimal.NewFromInt(-10), Label: reference}}
		}
		return c
	}
	for _, sz := range sizes {
		for name, c := range map[string]chart.LineChart[series.Percent]{
			"legend":    build(long, "", ""),
			"highlight": build("Exports", long, ""),
			"reference": build("Exports", "", long[:170]),
		} {
			var buf bytes.Buffer
			err := c.WriteSVG(&buf, sz.s)
			if !errors.Is(err, chart.ErrTooSmall) {
				t.Errorf("%s, a long %s label: %v, want ErrTooSmall", sz.name, name, err)
			}
		}
		var buf bytes.Buffer
		require.NoError(t, build(fits, "8 months below −10%", "−10%").WriteSVG(&buf, sz.s), sz.name)
		for _, tx := range parseSVG(t, buf.Bytes(), sz.s.Width, sz.s.Height) {
			x0, y0, x1, y1 := tx.box()
			assert.True(t, x0 >= 0 && y0 >= 0 && x1 <= sz.s.Width && y1 <= sz.s.Height,
				"%s: %q runs off the chart: x %.0f to %.0f of %.0f", sz.name, tx.s, x0, x1, sz.s.Width)
		}
	}
}
