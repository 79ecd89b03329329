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

// A Code is a trading partner: a country or area, or [World], the total of
// all partners. It is a small comparable value; Codes are ordered by their
// alpha-3 form (see [Code.Compare]).
//
// The zero Code is not a partner: it means "no partner", prints as "" and
// has no names or numbers.
//
// The codes come from a table embedded in the package (data/countries.csv):
// ISO 3166-1 alpha-2 and alpha-3, the UN M49 numeric code, the numeric code
// UN Comtrade uses, and an English short name. It covers every UN member
// state and observer, every other ISO 3166-1 area (Hong Kong, Macao,
// Taiwan, …), Kosovo and World.
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
//     allowed ("036").
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
	if n := len(s); n == 2 || n == 3 {
		if i, ok := tab.byAlpha[strings.ToUpper(s)]; ok {
			return Code{i}, nil
		}
	}
	return Code{}, &CodeError{Input: s}
}

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

// Codes returns every partner in the table, [World] included, in alpha-3
// order.
func Codes() iter.Seq[Code] {
	return func(yield func(Code) bool) {
		for i := range tab.rows {
			if !yield(Code{uint16(i + 1)}) {
				return
			}
		}
	}
}

func (c Code) row() *row {
	if c.i == 0 {
		return &row{}
	}
	return &tab.rows[c.i-1]
}

// IsZero reports whether c is the zero Code, which means "no partner".
func (c Code) IsZero() bool { return c.i == 0 }

// Alpha2 returns the ISO 3166-1 alpha-2 code, such as "US"; it is "" for
// [World] and for the zero Code.
func (c Code) Alpha2() string { return c.row().alpha2 }

// Alpha3 returns the ISO 3166-1 alpha-3 code, such as "USA", or "WLD" for
// [World]; it is "" for the zero Code.
func (c Code) Alpha3() string { return c.row().alpha3 }

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

// String returns the alpha-3 code: "USA", "WLD"; "" for the zero Code.
func (c Code) String() string { return c.row().alpha3 }

// GoString returns c as Go source, such as partner.MustParseCode("USA"), so
// that %#v (and test failure messages) show which partner c is.
func (c Code) GoString() string {
	if c.IsZero() {
		return "partner.Code{}"
	}
	return fmt.Sprintf("partner.MustParseCode(%q)", c.String())
}

// Compare returns -1, 0 or +1 as c sorts before, with or after o in alpha-3
// order, so that slices.SortFunc(cs, Code.Compare) sorts codes. The zero
// Code sorts first.
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

// UnmarshalText parses any form [ParseCode] accepts; empty text is the zero
// Code.
func (c *Code) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*c = Code{}
		return nil
	}
	v, err := ParseCode(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// The code table, parsed once from the embedded file.

//go:embed data/countries.csv
var countriesCSV []byte

type row struct {
	alpha2, alpha3 string
	numeric        int
	comtrade       int
	hasComtrade    bool
	name, note     string
}

type table struct {
	rows       []row // sorted by alpha3
	byAlpha    map[string]uint16
	byNumeric  map[int]uint16
	byComtrade map[int]uint16
}

var tab = mustLoadTable(countriesCSV)

// mustLoadTable parses the embedded table. The file ships with the package,
// so an error in it is a bug in the package, found by its tests: it panics.
func mustLoadTable(data []byte) *table {
	t, err := loadTable(data)
	if err != nil {
		panic("partner: embedded data/countries.csv: " + err.Error())
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

func loadTable(data []byte) (*table, error) {
	recs, err := readRows(data, "alpha2", "alpha3", "numeric", "comtrade", "name", "note")
	if err != nil {
		return nil, err
	}
	t := &table{
		byAlpha:    make(map[string]uint16),
		byNumeric:  make(map[int]uint16),
		byComtrade: make(map[int]uint16),
	}
	for _, rec := range recs {
		rw := row{alpha2: rec[0], alpha3: rec[1], name: rec[4], note: rec[5]}
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
	for k := range t.rows {
		rw, i := &t.rows[k], uint16(k+1)
		for _, a := range []string{rw.alpha2, rw.alpha3} {
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
