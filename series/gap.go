package series

import (
	"fmt"
	"strings"
)

// A Reason says why an operation has no value for a period.
type Reason uint8

// The reasons an operation gives for a period it could not compute.
const (
	// BaseMissing: the base period (a lag earlier) has no observation.
	BaseMissing Reason = iota + 1
	// BaseZero: the base is zero, so a percent change or ratio is undefined.
	BaseZero
	// Combined: the period needed is part of a combined observation (such
	// as January–February) that cannot be split, or two series combine
	// months differently.
	Combined
	// MonthMissing: a month needed for a sum, a window or the other operand
	// has no observation.
	MonthMissing
	// Partial: the value was computed, but from fewer months than the
	// period has, because the caller allowed missing months.
	Partial
)

// reasonTokens are the text forms of the reasons, indexed by Reason.
var reasonTokens = [...]string{BaseMissing: "base_missing", BaseZero: "base_zero", Combined: "combined",
	MonthMissing: "month_missing", Partial: "partial"}

// String describes r for reading, such as "base is missing". The text
// form, for data, is [Reason.MarshalText]'s.
func (r Reason) String() string {
	switch r {
	case BaseMissing:
		return "base is missing"
	case BaseZero:
		return "base is zero"
	case Combined:
		return "is part of a combined period"
	case MonthMissing:
		return "is missing"
	case Partial:
		return "partial: a month is missing"
	}
	return fmt.Sprintf("Reason(%d)", uint8(r))
}

// AppendText appends r's token to b: "base_missing", "base_zero",
// "combined", "month_missing" or "partial". A Reason that is none of the
// constants above is an error.
func (r Reason) AppendText(b []byte) ([]byte, error) {
	if int(r) >= len(reasonTokens) || reasonTokens[r] == "" {
		return b, fmt.Errorf("series: %v has no text form", r)
	}
	return append(b, reasonTokens[r]...), nil
}

// MarshalText returns r's token, as [Reason.AppendText] does. JSON uses
// it, so a Reason is a JSON string such as "base_zero".
func (r Reason) MarshalText() ([]byte, error) { return r.AppendText(nil) }

// UnmarshalText reads a token that [Reason.MarshalText] writes.
func (r *Reason) UnmarshalText(b []byte) error {
	for i, t := range reasonTokens {
		if t != "" && t == string(b) {
			*r = Reason(i)
			return nil
		}
	}
	return fmt.Errorf("series: unknown gap reason %q: want base_missing, base_zero, combined, month_missing or partial", b)
}

// A Gap records a period for which an operation produced no value (or, with
// Reason Partial, a value from incomplete input) and why. In JSON it is
// {"period": "2025-03", "reason": "base_zero", "cause": "2024-03"}.
type Gap struct {
	Period Period `json:"period"` // the period of the result
	Reason Reason `json:"reason"`
	Cause  Period `json:"cause"` // the input period at fault: the base, or the missing month
}

// String says what went wrong, such as "2025-03: base 2024-03 is zero".
func (g Gap) String() string {
	switch g.Reason {
	case BaseMissing:
		return fmt.Sprintf("%v: base %v is missing", g.Period, g.Cause)
	case BaseZero:
		return fmt.Sprintf("%v: base %v is zero", g.Period, g.Cause)
	case Combined:
		return fmt.Sprintf("%v: %v is combined with other months", g.Period, g.Cause)
	case MonthMissing:
		return fmt.Sprintf("%v: %v is missing", g.Period, g.Cause)
	case Partial:
		return fmt.Sprintf("%v: partial, %v is missing", g.Period, g.Cause)
	}
	return fmt.Sprintf("%v: %v (%v)", g.Period, g.Reason, g.Cause)
}

// Gaps lists the periods an operation could not compute, in month order.
// A nil Gaps means every period with input got a value.
type Gaps []Gap

// String returns one gap a line.
func (gs Gaps) String() string {
	var sb strings.Builder
	for i, g := range gs {
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(g.String())
	}
	return sb.String()
}

// Find returns the gap for the result period ending at month m.
func (gs Gaps) Find(m Month) (Gap, bool) {
	for _, g := range gs {
		if g.Period.Last == m {
			return g, true
		}
	}
	return Gap{}, false
}
