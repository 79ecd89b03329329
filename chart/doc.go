// Package chart draws the charts a trade report prints, as PNG or SVG:
// monthly series against a month axis, and bars of contributions or
// shares. It draws with gonum/plot's vector graphics, which only programs
// that import this package depend on.
//
// # Line charts
//
// A [LineChart] draws one or more series of one unit, so that percent and
// percentage points cannot share an axis:
//
//	c := chart.LineChart[series.Percent]{
//		Title:      "Exports to the U.S. have fallen for eight months",
//		Subtitle:   "China's exports to the United States, change on a year earlier",
//		Source:     "General Administration of Customs of China",
//		Lines:      []chart.Line[series.Percent]{{Series: rates}},
//		References: []chart.Reference{{Value: decimal.NewFromInt(-10)}},
//		Highlights: []chart.Highlight{{Period: run.Period, Label: "8 months below −10%"}},
//	}
//	err := c.WritePNG(w, chart.Web())
//
// A month without an observation breaks the line: the chart never draws a
// line across months that have no figure.
//
// # Bar charts
//
// A [BarChart] takes names and exact values, with the total apart.
// [Contributions] and [Shares] make one from the results of
// [partner.Contributions] and [partner.Shares], rounded so that the
// printed parts add up to the printed total.
//
// # What every chart has
//
//   - A title wrapped to fit, a subtitle, and a note and the source at the
//     foot; the text is never clipped: a chart whose text leaves too little
//     room is an error ([ErrTooSmall]).
//   - Text in Liberation Sans, which has Latin, Greek and Cyrillic letters;
//     a character it cannot draw (Chinese, say) is an error ([ErrGlyph])
//     naming it, never a label left out.
//   - The unit at the head of the value axis, and tick steps of 1, 2 or 5
//     times a power of ten, at multiples of the step, so that 0 is labelled
//     whenever the axis spans it.
//   - One number format: a comma between thousands ("33,789.1"), and the
//     minus sign U+2212 ("−3.2"), never a hyphen.
//   - Sizes for a web page ([Web]) and for print ([Print]), or any [Size].
//   - In an SVG, every label is a text element, so the chart can be
//     searched, read aloud and checked; each carries the width it was laid
//     out with (textLength), so a viewer without Liberation Sans or Arial
//     fits a substitute font to it rather than running text off the edge.
package chart
