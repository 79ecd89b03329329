package partner

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"
)

// A Code is a trading partner: a country or area, [World] (the total of all
// partners), an aggregate that trade tables print as one partner (the EU,
// ASEAN, a region such as Africa), or an unlisted letter code (see
// [ParseUnlisted]). It is a small comparable value; see [Code.Compare] for
// the order.
//
// The zero Code is not a partner: it means "no partner", prints as "" and
// has no names or numbers.
//
// The codes come from a table embedded in the package (data/countries.csv):
// ISO 3166-1 alpha-2 and alpha-3, the UN M49 numeric code, the numeric code
// UN Comtrade uses, and an English short name. It covers every UN member
// state and observer, every other ISO 3166-1 area (Hong Kong, Macao,
// Taiwan, …), Kosovo and World; a second table (data/aggregates.csv) has
// the aggregates.
type Code struct {
	i uint16 // 1 + index into table; 0 is the zero Code
}

// ErrCode is wrapped by every error about text that is not a partner code.
var ErrCode = errors.New("unknown partner code")

// A CodeError reports text that is not a partner code.
type CodeError struct {
	Input string // the text as given
	Hint  string // what the text might have meant, or ""
}

func (e *CodeError) Error() string {
	if e.Hint != "" {
		return fmt.Sprintf("partner: unknown code %q: %s", e.Input, e.Hint)
	}
	return fmt.Sprintf("partner: unknown code %q: want ISO 3166-1 alpha-2 (\"US\"), alpha-3 (\"USA\") or a UN Comtrade number (\"842\")", e.Input)
}

// Unwrap returns [ErrCode].
func (e *CodeError) Unwrap() error { return ErrCode }

// World returns the total of all partners: alpha-3 "WLD", UN Comtrade
// partner 0, UN M49 001. It has no alpha-2 code. It is a function, not a
// variable, so that no program can change what World means.
func World() Code { return world }

var world = MustParseCode("WLD")

// ParseCode returns the partner a code names. It accepts
//
//   - an ISO 3166-1 alpha-2 code: "US", "HK", "TW";
//   - an ISO 3166-1 alpha-3 code: "USA", "HKG", "TWN", or "WLD" for [World];
//   - a UN Comtrade partner number: "842", "490", "0"; leading zeros are
//     allowed ("036");
//   - the code of an aggregate: "EU", "ASEAN", "AFRICA", "LATAM" (see
//     [Aggregates]).
//
// Letters may be of either case. Numbers are read as UN Comtrade codes, not
// as UN M49 codes: the two differ for a few customs areas (the United
// States is 842 in Comtrade and 840 in M49; France 251 and 250; India 699
// and 356; Switzerland 757 and 756; Norway 579 and 578; Italy 381 and 380),
// and Comtrade reports Taiwan as 490, "Other Asia, nes". Anything else is
// an error (a [*CodeError], wrapping [ErrCode]) that quotes the input and,
// for an M49 number that Comtrade writes differently, says which to use.
func ParseCode(s string) (Code, error) {
	if n := len(s); n >= 1 && n <= 3 && isDigits(s) {
		v, _ := strconv.Atoi(s)
		if i, ok := tab.byComtrade[v]; ok {
			return Code{i}, nil
		}
		if i, ok := tab.byNumeric[v]; ok {
			r := &tab.rows[i-1]
			if r.hasComtrade {
				return Code{}, &CodeError{s, fmt.Sprintf("%d is the UN M49 code of %s; UN Comtrade, whose numbers this reads, uses %d", v, r.name, r.comtrade)}
			}
			return Code{}, &CodeError{s, fmt.Sprintf("%d is the UN M49 code of %s, which UN Comtrade does not code separately (%s); use %q", v, r.name, r.note, r.alpha3)}
		}
		return Code{}, &CodeError{Input: s}
	}
	if n := len(s); n >= 2 && n <= maxCodeLen {
		if i, ok := tab.byAlpha[strings.ToUpper(s)]; ok {
			return Code{i}, nil
		}
	}
	return Code{}, &CodeError{Input: s}
}

// maxCodeLen is the length of the longest code in the tables.
const maxCodeLen = 8

// MustParseCode is like [ParseCode] but panics on error. It is meant for literals
// in programs and tests.
func MustParseCode(s string) Code {
	c, err := ParseCode(s)
	if err != nil {
		panic(err)
	}
	return c
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Codes returns every country and area in the table, and [World], in
// alpha-3 order.
func Codes() iter.Seq[Code] { return tab.span(0, tab.countries) }

// Aggregates returns the aggregate partners (the EU, ASEAN, Africa, Latin
// America), in the order of their codes.
func Aggregates() iter.Seq[Code] { return tab.span(tab.countries, len(tab.rows)) }

func (t *table) span(from, to int) iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for i := from; i < to; i++ {
			if !yield(Code{uint16(i + 1)}) {
				return
			}
		}
	}
}

var noRow row

func (c Code) row() *row {
	if c.i == 0 || int(c.i) > len(tab.rows) {
		return &noRow
	}
	return &tab.rows[c.i-1]
}

// IsAggregate reports whether c is an aggregate of countries printed as one
// partner, such as the EU or ASEAN. [World] is not one: it is the total.
func (c Code) IsAggregate() bool { return c.row().aggregate }

// IsZero reports whether c is the zero Code, which means "no partner".
func (c Code) IsZero() bool { return c.i == 0 }

// Alpha2 returns the ISO 3166-1 alpha-2 code, such as "US", or the two
// letters of an unlisted code; it is "" for [World], an aggregate and the
// zero Code.
func (c Code) Alpha2() string {
	if l, ok := c.letters(); ok {
		if len(l) == 2 {
			return l
		}
		return ""
	}
	return c.row().alpha2
}

// Alpha3 returns the ISO 3166-1 alpha-3 code, such as "USA", "WLD" for
// [World], or the three letters of an unlisted code; it is "" for an
// aggregate and the zero Code.
func (c Code) Alpha3() string {
	if l, ok := c.letters(); ok {
		if len(l) == 3 {
			return l
		}
		return ""
	}
	return c.row().alpha3
}

// Numeric returns the UN M49 numeric code, which for a country or area is
// also its ISO 3166-1 numeric code: 840 for the United States, 1 for
// [World]. It returns 0 when there is none: Kosovo, and the zero Code.
// Taiwan, which M49 does not list, has its ISO 3166-1 number, 158.
func (c Code) Numeric() int { return c.row().numeric }

// Comtrade returns the number UN Comtrade uses for c as a partner: 842 for
// the United States, 251 for France, 699 for India, 490 ("Other Asia,
// nes") for Taiwan, 0 for [World]. It reports false when Comtrade has no
// code of its own for c, such as Monaco, which Comtrade includes in France,
// or Puerto Rico, which it includes in the United States.
func (c Code) Comtrade() (int, bool) {
	r := c.row()
	return r.comtrade, r.hasComtrade
}

// Name returns the English short name, such as "United States" or "Hong
// Kong"; "" for the zero Code.
func (c Code) Name() string { return c.row().name }

// String returns the code in one canonical form: the alpha-3 code of a
// country or area ("USA") or of [World] ("WLD"), the code of an aggregate
// ("EU"), the letters of an unlisted code ("AA"); "" for the zero Code.
func (c Code) String() string {
	if l, ok := c.letters(); ok {
		return l
	}
	return c.row().code
}

// GoString returns c as Go source, such as partner.MustParseCode("USA"), so
// that %#v (and test failure messages) show which partner c is.
func (c Code) GoString() string {
	if c.IsZero() {
		return "partner.Code{}"
	}
	return fmt.Sprintf("partner.MustParseCode(%q)", c.String())
}

// Compare returns -1, 0 or +1 as c sorts before, with or after o, so that
// slices.SortFunc(cs, Code.Compare) sorts codes: the zero Code first, then
// countries, areas and World in alpha-3 order, then aggregates in the order
// of their codes, then unlisted codes (two letters before three, each in
// alphabetical order).
func (c Code) Compare(o Code) int {
	switch {
	case c.i < o.i:
		return -1
	case c.i > o.i:
		return 1
	}
	return 0
}

// AppendText appends the alpha-3 form of c to b.
func (c Code) AppendText(b []byte) ([]byte, error) { return append(b, c.String()...), nil }

// MarshalText returns the alpha-3 form of c, "" for the zero Code. JSON
// uses it, so a Code is a JSON string.
func (c Code) MarshalText() ([]byte, error) { return c.AppendText(nil) }

// UnmarshalText parses any form [ParseUnlisted] accepts, so that every
// Code's text decodes to it; empty text is the zero Code.
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Code{}
		return nil
	}
	v, err := ParseUnlisted(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// The code table, parsed once from the embedded file.

//go:embed data/countries.csv
var countriesCSV []byte

//go:embed data/aggregates.csv
var aggregatesCSV []byte

type row struct {
	code           string // the canonical form: alpha3, or an aggregate's code
	alpha2, alpha3 string
	numeric        int
	comtrade       int
	hasComtrade    bool
	aggregate      bool
	name, note     string
}

type table struct {
	rows       []row // countries and World by alpha3, then aggregates by code
	countries  int   // rows[:countries] are countries, areas and World
	byAlpha    map[string]uint16
	byNumeric  map[int]uint16
	byComtrade map[int]uint16
}

var tab = mustLoadTable(countriesCSV, aggregatesCSV)

// mustLoadTable parses the embedded tables. The files ship with the
// package, so an error in them is a bug in the package, found by its
// tests: it panics.
func mustLoadTable(countries, aggregates []byte) *table {
	t, err := loadTable(countries, aggregates)
	if err != nil {
		panic("partner: embedded data: " + err.Error())
	}
	return t
}

// readRows reads an embedded CSV table whose first row must be header;
// lines starting with # are comments. It returns the rows after the header.
func readRows(data []byte, header ...string) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = len(header)
	recs, err := r.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		return nil, errors.New("missing or unexpected header")
	}
	return recs[1:], nil
}

func loadTable(countries, aggregates []byte) (*table, error) {
	recs, err := readRows(countries, "alpha2", "alpha3", "numeric", "comtrade", "name", "note")
	if err != nil {
		return nil, fmt.Errorf("countries.csv: %w", err)
	}
	aggs, err := readRows(aggregates, "code", "comtrade", "name", "note")
	if err != nil {
		return nil, fmt.Errorf("aggregates.csv: %w", err)
	}
	t := &table{
		byAlpha:    make(map[string]uint16),
		byNumeric:  make(map[int]uint16),
		byComtrade: make(map[int]uint16),
	}
	for _, rec := range recs {
		rw := row{code: rec[1], alpha2: rec[0], alpha3: rec[1], name: rec[4], note: rec[5]}
		if rec[2] != "" {
			if rw.numeric, err = strconv.Atoi(rec[2]); err != nil {
				return nil, fmt.Errorf("%s: numeric %q: %w", rw.alpha3, rec[2], err)
			}
		}
		if rec[3] != "" {
			if rw.comtrade, err = strconv.Atoi(rec[3]); err != nil {
				return nil, fmt.Errorf("%s: comtrade %q: %w", rw.alpha3, rec[3], err)
			}
			rw.hasComtrade = true
		}
		if len(rw.alpha3) != 3 || (rw.alpha2 != "" && len(rw.alpha2) != 2) || rw.name == "" {
			return nil, fmt.Errorf("malformed row %q", rec)
		}
		t.rows = append(t.rows, rw)
	}
	// Sorting makes a Code's index order alpha-3 order.
	slices.SortFunc(t.rows, func(a, b row) int { return strings.Compare(a.alpha3, b.alpha3) })
	t.countries = len(t.rows)
	var agg []row
	for _, rec := range aggs {
		rw := row{code: rec[0], name: rec[2], note: rec[3], aggregate: true}
		if rec[1] != "" {
			if rw.comtrade, err = strconv.Atoi(rec[1]); err != nil {
				return nil, fmt.Errorf("%s: comtrade %q: %w", rw.code, rec[1], err)
			}
			rw.hasComtrade = true
		}
		if len(rw.code) < 2 || len(rw.code) > maxCodeLen || strings.ToUpper(rw.code) != rw.code || rw.name == "" {
			return nil, fmt.Errorf("malformed aggregate row %q", rec)
		}
		agg = append(agg, rw)
	}
	slices.SortFunc(agg, func(a, b row) int { return strings.Compare(a.code, b.code) })
	t.rows = append(t.rows, agg...)
	for k := range t.rows {
		rw, i := &t.rows[k], uint16(k+1)
		names := []string{rw.alpha2, rw.alpha3}
		if rw.aggregate {
			names = []string{rw.code}
		}
		for _, a := range names {
			if a == "" {
				continue
			}
			if _, dup := t.byAlpha[a]; dup {
				return nil, fmt.Errorf("duplicate code %q", a)
			}
			t.byAlpha[a] = i
		}
		if rw.numeric != 0 {
			if _, dup := t.byNumeric[rw.numeric]; dup {
				return nil, fmt.Errorf("duplicate numeric code %d", rw.numeric)
			}
			t.byNumeric[rw.numeric] = i
		}
		if rw.hasComtrade {
			if _, dup := t.byComtrade[rw.comtrade]; dup {
				return nil, fmt.Errorf("duplicate Comtrade code %d", rw.comtrade)
			}
			t.byComtrade[rw.comtrade] = i
		}
	}
	return t, nil
}

// Unlisted codes: letters the tables do not list, kept as they are. Their
// indices follow the tables': two letters first, then three.
const unlisted2 = 26 * 26

// ParseUnlisted is like [ParseCode], but also accepts two or three letters that
// the tables do not list, as an unlisted Code that keeps them (in upper
// case) and has no name and no numbers. ISO 3166-1 leaves AA, QM–QZ, XA–XZ
// and ZZ to its users, statistical offices assign such codes (Eurostat's
// QY and QZ, say), and synthetic test data use letters freely. [ParseCode]
// refuses such codes, so that a typing error is not taken for a partner;
// ParseUnlisted is for files whose codes the caller has vouched for.
func ParseUnlisted(s string) (Code, error) {
	c, err := ParseCode(s)
	if err == nil {
		return c, nil
	}
	if n := len(s); n != 2 && n != 3 {
		return Code{}, err
	}
	v := 0
	for i := 0; i < len(s); i++ {
		b := s[i] &^ 0x20 // upper case for letters
		if b < 'A' || b > 'Z' {
			return Code{}, err
		}
		v = v*26 + int(b-'A')
	}
	if len(s) == 3 {
		v += unlisted2
	}
	return Code{uint16(len(tab.rows) + 1 + v)}, nil
}

// IsUnlisted reports whether c is an unlisted letter code (see
// [ParseUnlisted]).
func (c Code) IsUnlisted() bool { return int(c.i) > len(tab.rows) }

// letters returns the letters of an unlisted code.
func (c Code) letters() (string, bool) {
	if !c.IsUnlisted() {
		return "", false
	}
	v := int(c.i) - len(tab.rows) - 1
	n := 2
	if v >= unlisted2 {
		v -= unlisted2
		n = 3
	}
	b := make([]byte, n)
	for k := n - 1; k >= 0; k-- {
		b[k] = byte('A' + v%26)
		v /= 26
	}
	return string(b), true
}
