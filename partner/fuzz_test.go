package partner_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/tradeflow-go/tradeflow/partner"
)

// FuzzParseCode: no panic; an error wraps ErrCode and quotes the input; a code
// that parses reads back from each of its printed forms.
func FuzzParseCode(f *testing.F) {
	for _, s := range []string{"US", "USA", "842", "840", "WLD", "0", "000", "us", "EU", "ASEAN", "TW", "490",
		"XK", "", " US", "U", "USAA", "-1", "0842", "99999999999999999999", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := partner.ParseCode(s)
		if err != nil {
			if !errors.Is(err, partner.ErrCode) || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ParseCode(%q): error %q must wrap ErrCode and quote the input", s, err)
			}
			return
		}
		forms := []string{c.String()}
		if a3 := c.Alpha3(); a3 != "" {
			forms = append(forms, a3)
		}
		if a2 := c.Alpha2(); a2 != "" {
			forms = append(forms, a2)
		}
		if n, ok := c.Comtrade(); ok {
			forms = append(forms, strconv.Itoa(n))
		}
		for _, form := range forms {
			back, err := partner.ParseCode(form)
			if err != nil || back != c {
				t.Fatalf("ParseCode(%q) = %v; its form %q parses as %v, %v", s, c, form, back, err)
			}
		}
		if c.Name() == "" {
			t.Fatalf("ParseCode(%q) = %v with no name", s, c)
		}
	})
}

// FuzzParseUnlisted: no panic; a code that parses prints a form that
// parses back to it, through ParseUnlisted and through UnmarshalText.
func FuzzParseUnlisted(f *testing.F) {
	for _, s := range []string{"AA", "zz", "ZZZ", "US", "usa", "EU", "A1", "", "ABCD", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := partner.ParseUnlisted(s)
		if err != nil {
			if !errors.Is(err, partner.ErrCode) {
				t.Fatalf("ParseUnlisted(%q): error %q must wrap ErrCode", s, err)
			}
			return
		}
		back, err := partner.ParseUnlisted(c.String())
		if err != nil || back != c {
			t.Fatalf("ParseUnlisted(%q) = %v; %q parses as %v, %v", s, c, c.String(), back, err)
		}
		var u partner.Code
		if err := u.UnmarshalText([]byte(c.String())); err != nil || u != c {
			t.Fatalf("UnmarshalText(%q) = %v, %v; want %v", c.String(), u, err, c)
		}
		if _, listed := partner.ParseCode(s); listed == nil && c.IsUnlisted() {
			t.Fatalf("ParseUnlisted(%q) is unlisted, but Parse accepts it", s)
		}
	})
}
