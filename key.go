package tradeflow

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/partner"
)

// A Key names one series of a dataset: whose trade (Reporter), with whom
// (Partner), in what (Commodity), which way (Flow) and what is measured;
// for a figure that is a part of such a total, which part (Breakdown).
// Keys are comparable values; [Key.Compare] orders them.
type Key struct {
	Reporter  partner.Code // the reporting country (or an aggregate such as the EU)
	Partner   partner.Code // a country, [partner.World()] for all partners, or an aggregate
	Commodity Commodity    // the zero Commodity is all goods
	Flow      Flow
	Measure   Measure
	Breakdown Breakdown // the zero Breakdown is the total (see [KeepBreakdowns])
}

// String returns the key as "CHN X USA 1201.90 value": reporter, flow,
// partner, commodity and measure in their canonical forms, then the
// breakdown if the key has one ("CHN M USA TOTAL value mot=2100"), which
// [ParseKey] reads back.
func (k Key) String() string {
	s := k.Reporter.String() + " " + k.Flow.Code() + " " + k.Partner.String() + " " + k.Commodity.String() + " " + k.Measure.String()
	if !k.Breakdown.IsTotal() {
		s += " " + k.Breakdown.String()
	}
	return s
}

// ParseKey parses the form [Key.String] prints. Each part may be written
// in any form its own parser accepts ("CN X US 120190 value"); the
// reporter and the partner may be unlisted letter codes (see
// [partner.ParseUnlisted]), so that the text of every Key reads back.
func ParseKey(s string) (Key, error) {
	f := strings.Fields(s)
	if len(f) != 5 && len(f) != 6 {
		return Key{}, &ParseError{What: "key", Input: s, Err: ErrKey, Want: `"REPORTER FLOW PARTNER COMMODITY MEASURE [BREAKDOWN]", such as "CHN X USA TOTAL value"`}
	}
	var k Key
	var err error
	if k.Reporter, err = partner.ParseUnlisted(f[0]); err != nil {
		return Key{}, fmt.Errorf("tradeflow: key %q: reporter: %w", s, err)
	}
	if k.Flow, err = ParseFlow(f[1]); err != nil {
		return Key{}, fmt.Errorf("tradeflow: key %q: %w", s, err)
	}
	if k.Partner, err = partner.ParseUnlisted(f[2]); err != nil {
		return Key{}, fmt.Errorf("tradeflow: key %q: partner: %w", s, err)
	}
	if k.Commodity, err = ParseCommodity(f[3]); err != nil {
		return Key{}, fmt.Errorf("tradeflow: key %q: %w", s, err)
	}
	if k.Measure, err = ParseMeasure(f[4]); err != nil {
		return Key{}, fmt.Errorf("tradeflow: key %q: %w", s, err)
	}
	if len(f) == 6 {
		if k.Breakdown, err = ParseBreakdown(f[5]); err != nil {
			return Key{}, fmt.Errorf("tradeflow: key %q: %w", s, err)
		}
	}
	return k, nil
}

// MustParseKey is like [ParseKey] but panics on error. It is meant for
// literals in programs and tests.
func MustParseKey(s string) Key {
	k, err := ParseKey(s)
	if err != nil {
		panic(err)
	}
	return k
}

// Compare orders keys by reporter, flow, partner, commodity, measure and
// breakdown, each in its own order (a total before its parts), so that
// slices.SortFunc(keys, Key.Compare) sorts them.
func (k Key) Compare(o Key) int {
	// One field at a time (cmp.Or would compare them all): sorting the
	// keys of a large dataset is a sort of keys that mostly differ early.
	if c := k.Reporter.Compare(o.Reporter); c != 0 {
		return c
	}
	if c := cmp.Compare(k.Flow, o.Flow); c != 0 {
		return c
	}
	if c := k.Partner.Compare(o.Partner); c != 0 {
		return c
	}
	if c := k.Commodity.Compare(o.Commodity); c != 0 {
		return c
	}
	if c := cmp.Compare(k.Measure, o.Measure); c != 0 {
		return c
	}
	return strings.Compare(k.Breakdown.s, o.Breakdown.s)
}

// A Breakdown names the part of a total that a figure is, for a file that
// breaks its totals down further than a key does: UN Comtrade's second
// partner, mode of transport and customs procedure, Eurostat's
// statistical procedure. It is written as the names of the breakdowns
// (the schema's, see [BreakdownField]) and their codes, such as
// "mot=2100", several joined by commas in the schema's order:
// "partner2=410,mot=2100". The zero Breakdown is the total. A read keeps
// such parts only when asked ([KeepBreakdowns]); a Breakdown is a small
// comparable value.
type Breakdown struct {
	s string
}

// ErrBreakdown is wrapped by errors about text that is not a breakdown.
var ErrBreakdown = errors.New("invalid breakdown")

// ParseBreakdown parses the form [Breakdown.String] prints: name=code
// pairs joined by commas, names of lower-case letters and digits starting
// with a letter, codes of letters, digits, dots, hyphens and underscores;
// "" is the total.
func ParseBreakdown(s string) (Breakdown, error) {
	if s == "" {
		return Breakdown{}, nil
	}
	for _, part := range strings.Split(s, ",") {
		name, code, ok := strings.Cut(part, "=")
		if !ok || !validBreakdownName(name) || !validBreakdownCode(code) {
			return Breakdown{}, &ParseError{What: "breakdown", Input: s, Err: ErrBreakdown, Want: `name=code pairs joined by commas, such as "mot=2100" or "partner2=410,mot=2100"`}
		}
	}
	return Breakdown{s}, nil
}

func validBreakdownName(s string) bool {
	if s == "" || len(s) > 32 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

func validBreakdownCode(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// String returns the breakdown as "mot=2100"; "" for the total.
func (b Breakdown) String() string { return b.s }

// IsTotal reports whether b is the zero Breakdown: a total, not a part.
func (b Breakdown) IsTotal() bool { return b.s == "" }

// Code returns the code b has for the breakdown called name, and false if
// b does not break the total down by name.
func (b Breakdown) Code(name string) (string, bool) {
	for _, part := range strings.Split(b.s, ",") {
		if n, code, ok := strings.Cut(part, "="); ok && n == name {
			return code, true
		}
	}
	return "", false
}

// MarshalText returns the form of [Breakdown.String].
func (b Breakdown) MarshalText() ([]byte, error) { return []byte(b.s), nil }

// UnmarshalText parses the form of [Breakdown.String].
func (b *Breakdown) UnmarshalText(t []byte) error {
	v, err := ParseBreakdown(string(t))
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// MarshalText returns the form of [Key.String].
func (k Key) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText parses the form of [Key.String].
func (k *Key) UnmarshalText(b []byte) error {
	v, err := ParseKey(string(b))
	if err != nil {
		return err
	}
	*k = v
	return nil
}

// A Commodity is what a series is about: all goods (the zero Commodity,
// printed "TOTAL"), an HS code, a named product group such as
// "RARE_EARTHS" (a customs category that no single HS code names), or a
// code of another classification, kept apart from HS codes even where the
// digits look alike (see [OtherCode]). It is a small comparable value.
type Commodity struct {
	hs    commodity.Code
	name  string // a group's name, or another classification's code
	class string // that classification, or "" for a group
}

// ErrCommodity is wrapped by errors about text that is not a commodity.
var ErrCommodity = errors.New("unknown commodity")

// HS returns the commodity of an HS code. The zero Code gives all goods.
func HS(c commodity.Code) Commodity { return Commodity{hs: c} }

// ProductGroup returns the commodity named name: capital letters, digits
// and underscores, beginning with a letter, at most 64 bytes ("RARE_EARTHS",
// "SOYBEANS"); "TOTAL" is all goods.
func ProductGroup(name string) (Commodity, error) {
	if name == "TOTAL" {
		return Commodity{}, nil
	}
	if !validGroupName(name) {
		return Commodity{}, &ParseError{What: "commodity", Input: name, Err: ErrCommodity,
			Want: "a product group name in capitals, digits and underscores, such as RARE_EARTHS"}
	}
	return Commodity{name: name}, nil
}

// OtherCode returns the commodity coded code in a classification other
// than the Harmonized System, such as SITC revision 4 ("S4"), services
// (EBOPS, "EB"), or a file's own coding: codes that must never be taken
// for HS codes. class is capitals and digits; code is letters, digits,
// dots, hyphens and underscores. Both are at most 32 bytes.
func OtherCode(class, code string) (Commodity, error) {
	ok := class != "" && len(class) <= 32 && code != "" && len(code) <= 32 && class != "HS"
	for i := 0; ok && i < len(class); i++ {
		c := class[i]
		ok = c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	for i := 0; ok && i < len(code); i++ {
		c := code[i]
		ok = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
	}
	if !ok {
		return Commodity{}, &ParseError{What: "commodity", Input: class + ":" + code, Err: ErrCommodity,
			Want: "a classification in capitals and digits other than HS, and a code of letters, digits, dots, hyphens and underscores"}
	}
	return Commodity{name: code, class: class}, nil
}

func validGroupName(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// ParseCommodity parses "TOTAL" (in any case) as all goods, an HS code in
// any form [commodity.ParseCode] accepts ("1201", "120190", "1201.90"),
// "CLASS:code" as a code of another classification (see [OtherCode]), and
// otherwise a product group name (see [ProductGroup]).
func ParseCommodity(s string) (Commodity, error) {
	if strings.EqualFold(s, "TOTAL") {
		return Commodity{}, nil
	}
	if class, code, ok := strings.Cut(s, ":"); ok {
		return OtherCode(class, code)
	}
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		c, err := commodity.ParseCode(s)
		if err != nil {
			return Commodity{}, &ParseError{What: "commodity", Input: s, Err: ErrCommodity, Cause: err}
		}
		return Commodity{hs: c}, nil
	}
	if !validGroupName(s) {
		return Commodity{}, &ParseError{What: "commodity", Input: s, Err: ErrCommodity,
			Want: "TOTAL, an HS code such as 1201.90, or a product group name in capitals such as RARE_EARTHS"}
	}
	return Commodity{name: s}, nil
}

// MustParseCommodity is like [ParseCommodity] but panics on error. It is
// meant for literals in programs and tests.
func MustParseCommodity(s string) Commodity {
	c, err := ParseCommodity(s)
	if err != nil {
		panic(err)
	}
	return c
}

// IsTotal reports whether c is all goods: the zero Commodity.
func (c Commodity) IsTotal() bool { return c == Commodity{} }

// Code returns the HS code of c, and false if c is all goods or a group.
func (c Commodity) Code() (commodity.Code, bool) { return c.hs, !c.hs.IsZero() }

// Group returns the name of c's product group, and false if c is not one.
func (c Commodity) Group() (string, bool) { return c.name, c.name != "" && c.class == "" }

// Other returns the classification and code of a commodity of another
// classification than HS, and false if c is not one.
func (c Commodity) Other() (class, code string, ok bool) { return c.class, c.name, c.class != "" }

// String returns "TOTAL", the HS code in its canonical form ("1201.90"),
// the group's name, or "CLASS:code" for another classification.
func (c Commodity) String() string {
	switch {
	case !c.hs.IsZero():
		return c.hs.String()
	case c.class != "":
		return c.class + ":" + c.name
	case c.name != "":
		return c.name
	}
	return "TOTAL"
}

// Compare orders commodities: all goods first, then HS codes in the
// nomenclature's order, then groups by name, then other classifications'
// codes by classification and code.
func (c Commodity) Compare(o Commodity) int {
	if d := cmp.Compare(c.kind(), o.kind()); d != 0 {
		return d
	}
	if d := c.hs.Compare(o.hs); d != 0 {
		return d
	}
	if d := strings.Compare(c.class, o.class); d != 0 {
		return d
	}
	return strings.Compare(c.name, o.name)
}

// kind ranks the kinds of commodity in the order of Compare: all goods,
// HS codes, groups, other classifications' codes.
func (c Commodity) kind() int {
	switch {
	case !c.hs.IsZero():
		return 1
	case c.class != "":
		return 3
	case c.name != "":
		return 2
	}
	return 0
}

// MarshalText returns the form of [Commodity.String].
func (c Commodity) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText parses any form [ParseCommodity] accepts.
func (c *Commodity) UnmarshalText(b []byte) error {
	v, err := ParseCommodity(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}
