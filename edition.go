package tradeflow

import (
	"errors"
	"fmt"
	"strings"
)

// An Edition is an edition of the Harmonized System, named as UN Comtrade
// names them: H0 (HS 1988/1992) to H6 (HS 2022). A figure keeps the
// edition its file gives its commodity code in ([Figure.Edition]): the
// same six digits can mean different goods in two editions, and a
// download of several years mixes them. The zero Edition is unknown: the
// file does not say.
type Edition uint8

// The editions of the Harmonized System.
const (
	H0 Edition = iota + 1 // HS 1988/1992 (CEPII's HS92)
	H1                    // HS 1996
	H2                    // HS 2002
	H3                    // HS 2007
	H4                    // HS 2012
	H5                    // HS 2017
	H6                    // HS 2022
)

var editionYears = [...]int{H0: 1988, H1: 1996, H2: 2002, H3: 2007, H4: 2012, H5: 2017, H6: 2022}

// CEPII names the editions by the last two digits of their year, HS92
// for H0.
var editionNames = [...]string{H0: "HS92", H1: "HS96", H2: "HS02", H3: "HS07", H4: "HS12", H5: "HS17", H6: "HS22"}

// ErrEdition is wrapped by errors about text that is not an HS edition.
var ErrEdition = errors.New("unknown HS edition")

// ParseEdition parses an HS edition as UN Comtrade writes it (H0 to H6,
// in either case) or as CEPII's BACI names it (HS92, HS96, HS02, HS07,
// HS12, HS17, HS22). Errors are a [*ParseError] wrapping [ErrEdition].
func ParseEdition(s string) (Edition, error) {
	if e, ok := parseEdition([]byte(s)); ok && e != 0 {
		return e, nil
	}
	return 0, &ParseError{What: "edition", Input: s, Err: ErrEdition, Want: "H0 to H6, or HS92, HS96, HS02, HS07, HS12, HS17, HS22"}
}

// parseEdition reads an HS classification: ok is true for HS itself
// (edition 0) and for an edition.
func parseEdition(b []byte) (Edition, bool) {
	switch {
	case len(b) == 2 && b[0]|0x20 == 'h' && b[1]|0x20 == 's':
		return 0, true
	case len(b) == 2 && b[0]|0x20 == 'h' && b[1] >= '0' && b[1] <= '6':
		return Edition(b[1]-'0') + H0, true
	case len(b) == 4 && b[0]|0x20 == 'h' && b[1]|0x20 == 's':
		for e, n := range editionNames {
			if n != "" && n[2:] == string(b[2:]) {
				return Edition(e), true
			}
		}
	}
	return 0, false
}

// String returns the edition as UN Comtrade names it, such as "H6"; ""
// for the zero Edition.
func (e Edition) String() string {
	if e == 0 || int(e) >= len(editionYears) {
		return ""
	}
	return fmt.Sprintf("H%d", e-H0)
}

// Year returns the year the edition came into force: 2022 for H6, 1988
// for H0; 0 for the zero Edition.
func (e Edition) Year() int {
	if int(e) >= len(editionYears) {
		return 0
	}
	return editionYears[e]
}

// MarshalText returns the form of [Edition.String].
func (e Edition) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// UnmarshalText parses any form [ParseEdition] accepts; empty text is the
// zero Edition.
func (e *Edition) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*e = 0
		return nil
	}
	v, err := ParseEdition(string(b))
	if err != nil {
		return err
	}
	*e = v
	return nil
}

// Flags say what a figure's source says about it. A figure has the flags
// its row's flag columns set ([Schema.Flags], [QuantityField.Estimated]).
type Flags uint8

// The flags.
const (
	// Estimated: the source estimated the figure (UN Comtrade's
	// isQtyEstimated, isNetWgtEstimated, isGrossWgtEstimated).
	Estimated Flags = 1 << iota
	// Aggregated: the source computed the figure by adding up others it
	// holds (UN Comtrade's isAggregate).
	Aggregated
	// Reported: the figure is as the reporter reported it (UN Comtrade's
	// isReported).
	Reported
)

var flagNames = [...]string{"estimated", "aggregated", "reported"}

// Has reports whether f has every flag of g.
func (f Flags) Has(g Flags) bool { return f&g == g }

// String returns the flags' names joined by "|", such as
// "estimated|reported"; "" for none.
func (f Flags) String() string {
	var names []string
	for i, n := range flagNames {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return strings.Join(names, "|")
}

// ParseFlags parses the form [Flags.String] prints; "" is no flag.
func ParseFlags(s string) (Flags, error) {
	var f Flags
	if s == "" {
		return 0, nil
	}
next:
	for _, n := range strings.Split(s, "|") {
		for i, name := range flagNames {
			if n == name {
				f |= 1 << i
				continue next
			}
		}
		return 0, &ParseError{What: "flags", Input: s, Err: ErrFlags, Want: "estimated, aggregated or reported, joined by |"}
	}
	return f, nil
}

// ErrFlags is wrapped by errors about text that is not a set of flags.
var ErrFlags = errors.New("unknown flag")

// MarshalText returns the form of [Flags.String].
func (f Flags) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText parses the form of [Flags.String].
func (f *Flags) UnmarshalText(b []byte) error {
	v, err := ParseFlags(string(b))
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// parseBool reads a flag column's cell: True/False, true/false, TRUE/FALSE
// or 1/0; empty is false.
func parseBool(b []byte) (bool, error) {
	switch string(b) {
	case "1", "True", "true", "TRUE":
		return true, nil
	case "", "0", "False", "false", "FALSE":
		return false, nil
	}
	return false, &valueError{"want True or False, true or false, 1 or 0"}
}
