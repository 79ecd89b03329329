package chart

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/color"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// A Size is the size of a chart and of its text.
type Size struct {
	// Width and Height are in points, 1/72 inch: the size of an SVG, and
	// of a PNG at DPI.
	Width, Height float64
	// DPI is the resolution of a PNG in pixels per inch: a PNG is
	// Width/72 × DPI pixels wide. It does not change an SVG.
	DPI int
	// FontSize is the size of labels in points; the title is half as
	// large again, notes and the source line a little smaller.
	FontSize float64
}

// Web is the size of a chart for a web page: 800 × 500 pixels, labels at
// 10 pt (13 CSS pixels).
func Web() Size { return Size{Width: 600, Height: 375, DPI: 96, FontSize: 10} }

// Print is the size of a chart across a printed text column of 6.5
// inches, 4 inches high, at 300 dots per inch, labels at 8 pt.
func Print() Size { return Size{Width: 468, Height: 288, DPI: 300, FontSize: 8} }

// Pixels returns the width and height of a PNG of size s.
func (s Size) Pixels() (width, height int) {
	px := func(pt float64) int { return int(pt/72*float64(s.DPI) + 0.5) }
	return px(s.Width), px(s.Height)
}

// check panics if s cannot be drawn: a caller's bug, not a property of the data.
func (s Size) check(png bool) {
	if !(s.Width > 0 && s.Height > 0 && s.FontSize > 0) || math.IsInf(s.Width+s.Height+s.FontSize, 0) {
		panic(fmt.Sprintf("chart: invalid size %v × %v pt, font %v pt", s.Width, s.Height, s.FontSize))
	}
	if png && s.DPI <= 0 {
		panic(fmt.Sprintf("chart: invalid resolution %d dpi", s.DPI))
	}
}

// ErrEmpty is returned for a chart with nothing to draw: no observation in
// its months, or no bar.
var ErrEmpty = errors.New("chart: nothing to draw")

// ErrTooSmall is returned when a chart's text leaves too little room for
// the chart itself at the size asked for.
var ErrTooSmall = errors.New("chart: size too small for the text")

// ErrGlyph is returned for text with a character the chart's font,
// Liberation Sans, cannot draw (it has Latin, Greek and Cyrillic letters,
// not Chinese, Japanese or Korean): a PNG would leave it out without a
// word, and an SVG is laid out for widths the font does not have.
var ErrGlyph = errors.New("chart: a character the chart's font has no glyph for")

// drawable returns an ErrGlyph naming the first character of texts that
// the font has no glyph for, and the text it is in.
func drawable(texts ...string) error {
	f := newFace(10, false, ink).f.Face
	var buf sfnt.Buffer
	for _, t := range texts {
		for _, r := range t {
			if r == '\n' || r == '\t' {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				return fmt.Errorf("%w: %q (U+%04X) in %q", ErrGlyph, r, r, clipText(t))
			}
		}
	}
	return nil
}

// clipText cuts a text quoted in an error to 60 characters.
func clipText(t string) string {
	if utf8.RuneCountInString(t) <= 60 {
		return t
	}
	return string([]rune(t)[:60]) + "…"
}

// Colours. Gains and losses are blue and red, told apart by lightness as
// well as hue.
var (
	white   = color.White
	ink     = rgb(0x1a, 0x1a, 0x1a) // title, labels
	subtle  = rgb(0x4d, 0x4d, 0x4d) // subtitle, tick labels
	faint   = rgb(0x6e, 0x6e, 0x6e) // note, source, units
	gridCol = rgb(0xdc, 0xdc, 0xdc)
	axisCol = rgb(0x33, 0x33, 0x33)
	gain    = rgb(0x1f, 0x5f, 0xa8)
	loss    = rgb(0xd0, 0x3b, 0x2e)
	refCol  = rgb(0xb0, 0x28, 0x1e)
	band    = rgb(0xfb, 0xe7, 0xc6)
	bandInk = rgb(0x8a, 0x4b, 0x00)
	// palette colours the lines of a line chart in order.
	palette = []color.Color{
		rgb(0x1f, 0x5f, 0xa8), rgb(0xe0, 0x7b, 0x00), rgb(0x2a, 0x8c, 0x6a),
		rgb(0x7b, 0x4f, 0xa3), rgb(0x7f, 0x7f, 0x7f), rgb(0x9c, 0x5a, 0x2c),
	}
)

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{R: r, G: g, B: b, A: 255} }

// fonts is the cache of the Liberation fonts, which ship with gonum/plot;
// Liberation Sans has the widths of Arial, so an SVG shown with Arial
// keeps its layout.
var fonts = sync.OnceValue(func() *font.Cache { return font.NewCache(liberation.Collection()) })

// A face is a font at a size, with a colour.
type face struct {
	f   font.Face
	col color.Color
}

func newFace(size float64, bold bool, col color.Color) face {
	fn := font.Font{Typeface: "Liberation", Variant: "Sans", Size: vg.Length(size)}
	if bold {
		fn.Weight = xfont.WeightBold
	}
	return face{fonts().Lookup(fn, fn.Size), col}
}

func (f face) width(s string) vg.Length { return f.f.Width(s) }

// lineHeight is the distance between the baselines of two lines.
func (f face) lineHeight() vg.Length { return f.f.Extents().Height * 1.08 }
func (f face) ascent() vg.Length     { return f.f.Extents().Ascent }
func (f face) descent() vg.Length    { return f.f.Extents().Descent }

// capHeight approximates the height of capitals and digits, for centring
// a label on a point.
func (f face) capHeight() vg.Length { return f.f.Font.Size * 0.716 }

// A look holds the faces and lengths of a chart at one size.
type look struct {
	size                   Size
	fs                     vg.Length // label font size
	margin                 vg.Length
	title, subtitle, label face
	bold, small, tick      face
}

func newLook(s Size) *look {
	fs := s.FontSize
	return &look{
		size:     s,
		fs:       vg.Length(fs),
		margin:   vg.Length(fs * 1.2),
		title:    newFace(fs*1.5, true, ink),
		subtitle: newFace(fs*1.1, false, subtle),
		label:    newFace(fs, false, ink),
		bold:     newFace(fs, true, ink),
		tick:     newFace(fs*0.95, false, subtle),
		small:    newFace(fs*0.85, false, faint),
	}
}

// text draws s with its baseline at y; align is 0 for left, 0.5 for
// centred, 1 for right-aligned at x.
func text(c draw.Canvas, f face, x, y vg.Length, align float64, s string) {
	if s == "" {
		return
	}
	c.SetColor(f.col)
	c.FillString(f.f, vg.Point{X: x - vg.Length(align)*f.width(s), Y: y}, s)
}

// wrap breaks s into lines no wider than w, at spaces and at the line
// breaks s has; a word wider than w is broken between letters.
func wrap(f face, s string, w vg.Length) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			for f.width(word) > w {
				n := 0 // the longest prefix that fits, at least one letter
				for i, r := range word {
					if end := i + utf8.RuneLen(r); n == 0 || f.width(word[:end]) <= w {
						n = end
					} else {
						break
					}
				}
				if n == len(word) {
					break
				}
				if line != "" {
					lines, line = append(lines, line), ""
				}
				lines, word = append(lines, word[:n]), word[n:]
			}
			switch {
			case line == "":
				line = word
			case f.width(line+" "+word) <= w:
				line += " " + word
			default:
				lines, line = append(lines, line), word
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// balance wraps s as wrap does, in as few lines, but as even as they can
// be: a headline of two lines does not leave one word on the second.
func balance(f face, s string, w vg.Length) []string {
	lines := wrap(f, s, w)
	if len(lines) < 2 || strings.Contains(s, "\n") {
		return lines
	}
	lo, hi := vg.Length(0), w
	for range 20 {
		m := (lo + hi) / 2
		if len(wrap(f, s, m)) <= len(lines) && !broken(f, s, m) {
			hi = m
		} else {
			lo = m
		}
	}
	return wrap(f, s, hi)
}

// broken reports whether wrapping s to width w breaks a word.
func broken(f face, s string, w vg.Length) bool {
	for _, word := range strings.Fields(s) {
		if f.width(word) > w {
			return true
		}
	}
	return false
}

// A frame is the text around a chart: title, subtitle and legend above
// it; note and source below.
type frame struct {
	title, subtitle, note, source string
	legend                        []legendItem
}

// A legendItem is a line's colour and name.
type legendItem struct {
	name string
	col  color.Color
}

// drawFrame draws the frame on c and returns the rectangle left for the
// chart's body. It reports ErrTooSmall if the text leaves less than a
// third of the height.
func (lk *look) drawFrame(c draw.Canvas, f frame) (vg.Rectangle, error) {
	c.SetColor(white)
	c.Fill(c.Rectangle.Path())
	m := lk.margin
	left, right := c.Min.X+m, c.Max.X-m
	w := right - left
	y := c.Max.Y - m // top of the next line
	block := func(f face, s string) {
		if s == "" {
			return
		}
		for _, ln := range balance(f, s, w) {
			text(c, f, left, y-f.ascent(), 0, ln)
			y -= f.lineHeight()
		}
	}
	block(lk.title, f.title)
	if f.title != "" && f.subtitle != "" {
		y -= lk.fs * 0.15
	}
	block(lk.subtitle, f.subtitle)
	for _, it := range f.legend {
		// A name is one line of the legend: one wider than the chart
		// would run off its edge.
		if nw := lk.fs*2 + lk.label.width(it.name); nw > w {
			return vg.Rectangle{}, fmt.Errorf("%w: the legend's name %q is %.0f pt wide, the chart's text %.0f pt", ErrTooSmall, clipText(it.name), float64(nw), float64(w))
		}
	}
	if len(f.legend) > 0 {
		y -= lk.fs * 0.5
		y = lk.drawLegend(c, f.legend, left, right, y)
	}
	top := y - lk.fs*0.6

	// The note, then the source, at the foot: laid out from the bottom,
	// drawn in reading order.
	var foot []string
	if f.note != "" {
		foot = wrap(lk.small, f.note, w)
	}
	if f.source != "" {
		foot = append(foot, wrap(lk.small, "Source: "+f.source, w)...)
	}
	bottom := c.Min.Y + m
	for i, ln := range foot {
		base := bottom + lk.small.descent() + vg.Length(len(foot)-1-i)*lk.small.lineHeight()
		text(c, lk.small, left, base, 0, ln)
	}
	if len(foot) > 0 {
		bottom += vg.Length(len(foot))*lk.small.lineHeight() + lk.fs*0.6
	}
	body := vg.Rectangle{Min: vg.Point{X: left, Y: bottom}, Max: vg.Point{X: right, Y: top}}
	if body.Size().Y < c.Size().Y/3 {
		return body, fmt.Errorf("%w: the title, legend, note and source leave %.0f of %.0f pt in height",
			ErrTooSmall, math.Max(float64(body.Size().Y), 0), lk.size.Height)
	}
	return body, nil
}

// drawLegend draws the items in rows from y down, a short line in each
// colour before its name, and returns the y below the last row.
func (lk *look) drawLegend(c draw.Canvas, items []legendItem, left, right, y vg.Length) vg.Length {
	f := lk.label
	swatch, gap := lk.fs*1.6, lk.fs*0.4
	x := left
	base := y - f.ascent()
	for _, it := range items {
		w := swatch + gap + f.width(it.name)
		if x > left && x+w > right {
			x, base = left, base-f.lineHeight()
		}
		mid := base + f.capHeight()/2
		c.StrokeLine2(draw.LineStyle{Color: it.col, Width: lk.lineWidth()}, x, mid, x+swatch, mid)
		text(c, f, x+swatch+gap, base, 0, it.name)
		x += w + lk.fs*1.4
	}
	return base - (f.lineHeight() - f.ascent())
}

func (lk *look) lineWidth() vg.Length { return lk.fs * 0.2 }

// A format is an output format.
type format int

const (
	pngFormat format = iota
	svgFormat
)

// write draws a chart of size s in format f to w: paint draws it on the
// canvas.
func write(w io.Writer, f format, s Size, paint func(draw.Canvas, *look) error) error {
	s.check(f == pngFormat)
	width, height := vg.Length(s.Width), vg.Length(s.Height)
	var cw vg.CanvasWriterTo
	switch f {
	case pngFormat:
		cw = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(s.DPI))}
	default:
		cw = vgsvg.New(width, height)
	}
	if err := paint(draw.New(cw), newLook(s)); err != nil {
		return err
	}
	if f == pngFormat {
		_, err := cw.WriteTo(w)
		return err
	}
	var buf bytes.Buffer
	if _, err := cw.WriteTo(&buf); err != nil {
		return err
	}
	// An SVG names its font; where Liberation Sans is not installed, Arial
	// and Arimo have the same widths, Helvetica and Nimbus Sans nearly, and
	// a generic sans serif font comes close.
	out := bytes.ReplaceAll(buf.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arial,Arimo,Helvetica,'Nimbus Sans',sans-serif;"))
	_, err := w.Write(fitText(out))
	return err
}

// svgTextElem matches a text element as vgsvg writes it: attributes, the
// style with the font's weight and size, and the escaped text.
var svgTextElem = regexp.MustCompile(`<text ([^>]*)style="([^"]*font-weight:(\w+);[^"]*font-size:([0-9.]+)px[^"]*)">([^<]*)</text>`)

// fitText gives every text element of an SVG the width its text has in
// Liberation Sans, the font the chart was laid out with: a viewer with
// neither it nor Arial draws a fallback font, often wider, which would
// otherwise run a title off the edge or a label into a bar.
func fitText(svg []byte) []byte {
	return svgTextElem.ReplaceAllFunc(svg, func(el []byte) []byte {
		m := svgTextElem.FindSubmatch(el)
		size, err := strconv.ParseFloat(string(m[4]), 64)
		if err != nil || len(m[5]) == 0 {
			return el
		}
		w := newFace(size, string(m[3]) == "bold", nil).width(html.UnescapeString(string(m[5])))
		return fmt.Appendf(nil, `<text %stextLength="%.2f" lengthAdjust="spacingAndGlyphs" style="%s">%s</text>`, m[1], w.Points(), m[2], m[5])
	})
}
