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
		forms := []string{c.Alpha3()}
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
