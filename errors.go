package tradeflow

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/tradeflow-go/tradeflow/series"
)

// Sentinel errors, for errors.Is. Every error the package returns about
// data wraps one of them (or one of package series or partner: a month is
// [series.ErrMonth], a partner code [partner.ErrCode]).
var (
	ErrKey       = errors.New("invalid key")
	ErrFlow      = errors.New("unknown flow")
	ErrMeasure   = errors.New("unknown measure")
	ErrUnitCode  = errors.New("unknown unit")
	ErrVintage   = errors.New("invalid vintage")
	ErrNoSeries  = errors.New("no such series")
	ErrColumn    = errors.New("bad header")
	ErrMissing   = errors.New("missing value")
	ErrLevel     = errors.New("negative level")
	ErrMalformed = errors.New("malformed row")
	// ErrDuplicate is package series' own: two figures (or observations)
	// for the same period are one mistake, whichever package finds it.
	ErrDuplicate = series.ErrDuplicate
	// ErrValue is package series' own, for text that is not a number.
	ErrValue = series.ErrValue
	// ErrUnit is package series' own, for units that do not match.
	ErrUnit = series.ErrUnit
	// ErrLimit is package series' own, for a value, a line or a
	// parameter beyond what the library takes.
	ErrLimit = series.ErrLimit
)

// A ParseError reports text that is not what it should be: a flow, a
// measure, a unit, a vintage, a commodity, a key.
type ParseError struct {
	What  string // "flow", "unit", …
	Input string // the text as given
	Want  string // what would have been accepted
	Err   error  // the sentinel: ErrFlow, ErrUnitCode, …
	Cause error  // the error of a lower package, if any
}

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tradeflow: %v %q", e.Err, e.Input)
	if e.Cause != nil {
		fmt.Fprintf(&b, ": %v", e.Cause)
	}
	if e.Want != "" {
		fmt.Fprintf(&b, ": want %s", e.Want)
	}
	return b.String()
}

// Unwrap returns the sentinel and the cause.
func (e *ParseError) Unwrap() []error {
	if e.Cause != nil {
		return []error{e.Err, e.Cause}
	}
	return []error{e.Err}
}

// A RowError reports a bad row of a file: the file, line and column, the
// value as written, and what is wrong with it.
type RowError struct {
	File    string
	Line    int    // 1 is the first line of the file
	EndLine int    // the last line of a record that runs over several, or 0
	Column  int    // 1 is the first column; 0 for the whole row
	Name    string // the column's name in the header, or ""
	Value   string // the field as written (cut to 100 bytes)
	Err     error
}

func (e *RowError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
	if e.Column > 0 {
		fmt.Fprintf(&b, ":%d", e.Column)
	}
	if e.Name != "" {
		fmt.Fprintf(&b, ": column %s", e.Name)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, ": value %q", e.Value)
	}
	fmt.Fprintf(&b, ": %v", e.Err)
	if e.EndLine > e.Line {
		// A quote left open joins lines into one record: say which.
		fmt.Fprintf(&b, " (the record runs over lines %d–%d)", e.Line, e.EndLine)
	}
	return b.String()
}

// Unwrap returns the error about the value, such as a *series.MonthError.
func (e *RowError) Unwrap() error { return e.Err }

// An ErrorList is what a read with [CollectErrors] returns beside the
// dataset of the good rows: every bad row's error, in line order. Past
// [MaxErrors] errors only the count grows, so that a file of ten million
// bad rows costs no more than one of a thousand; an error that ends the
// read early (a file cut short) is listed last all the same.
type ErrorList struct {
	Errors []*RowError // the first MaxErrors errors
	Total  int         // every error, listed or not
}

// MaxErrors is the number of errors an [ErrorList] lists.
const MaxErrors = 1000

func (l *ErrorList) add(e *RowError) {
	if len(l.Errors) < MaxErrors {
		l.Errors = append(l.Errors, e)
	}
	l.Total++
}

// stop lists e, the error that ended the read before the file did, last,
// taking the last place of a full list: the list must say why the read
// stopped.
func (l *ErrorList) stop(e *RowError) {
	if len(l.Errors) == MaxErrors {
		l.Errors = l.Errors[:MaxErrors-1]
	}
	l.Errors = append(l.Errors, e)
	l.Total++
}

// merge adds errs, keeping the list the first MaxErrors in line order.
func (l *ErrorList) merge(errs []*RowError) {
	l.Errors = append(l.Errors, errs...)
	slices.SortStableFunc(l.Errors, func(a, b *RowError) int { return cmp.Compare(a.Line, b.Line) })
	l.Errors = l.Errors[:min(len(l.Errors), MaxErrors)]
	l.Total += len(errs)
}

func (l *ErrorList) Error() string {
	var sb strings.Builder
	for i, e := range l.Errors {
		if i == 10 {
			break
		}
		if i > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(e.Error())
	}
	if n := l.Total - min(len(l.Errors), 10); n > 0 {
		fmt.Fprintf(&sb, "\n… and %d more", n)
	}
	return sb.String()
}

// Unwrap returns the listed errors, for errors.Is and errors.As.
func (l *ErrorList) Unwrap() []error {
	out := make([]error, len(l.Errors))
	for i, e := range l.Errors {
		out[i] = e
	}
	return out
}

// A HeaderError reports a header that a schema cannot read: every missing
// column at once, every column named twice, and (for a strict schema)
// every column it does not know.
type HeaderError struct {
	File      string
	Schema    string
	Missing   []string // columns the schema needs and the file lacks (with a hint)
	Twice     []string // names that more than one column matches, as "name (columns 3 and 7)"
	Unknown   []string // columns a strict schema does not know
	Ambiguous []string // fields that more than one column could fill
	Conflicts []string // fields given twice, differently: by an option (WithVintage, WithReporter, WithSource) and by the file's name or the schema
	// Delimiter, when not 0, is the delimiter the file seems to use
	// instead of the schema's: split at the schema's [Schema.Delimiter],
	// the header is one column, and it holds this one at least twice.
	// The lists above are then empty, since the file's columns are not
	// known.
	Delimiter byte

	want  byte // the schema's delimiter, for the message
	count int  // how many times the header holds Delimiter
}

func (e *HeaderError) Error() string {
	if e.Delimiter != 0 {
		var b strings.Builder
		fmt.Fprintf(&b, "%s:1: %s header: ", e.File, e.Schema)
		if e.want != 0 {
			fmt.Fprintf(&b, "split at %s, it is one column, yet it holds %d %s: ", delimName(e.want, "s"), e.count, delimName(e.Delimiter, "s"))
		}
		fmt.Fprintf(&b, "the file looks %s", delimName(e.Delimiter, "-separated"))
		if e.want != 0 {
			fmt.Fprintf(&b, ", and this schema reads %s files", delimName(e.want, "-separated"))
		}
		return b.String()
	}
	var parts []string
	if len(e.Missing) > 0 {
		parts = append(parts, "missing columns: "+strings.Join(e.Missing, ", "))
	}
	if len(e.Twice) > 0 {
		parts = append(parts, "columns named twice: "+strings.Join(e.Twice, ", "))
	}
	if len(e.Ambiguous) > 0 {
		parts = append(parts, "more than one column for "+strings.Join(e.Ambiguous, ", "))
	}
	if len(e.Unknown) > 0 {
		parts = append(parts, "unknown columns: "+strings.Join(e.Unknown, ", "))
	}
	if len(e.Conflicts) > 0 {
		parts = append(parts, "given twice: "+strings.Join(e.Conflicts, ", "))
	}
	return fmt.Sprintf("%s:1: %s header: %s", e.File, e.Schema, strings.Join(parts, "; "))
}

// Unwrap returns [ErrColumn].
func (e *HeaderError) Unwrap() error { return ErrColumn }

// delimName names a delimiter in the plural ("commas") or as a kind of
// file ("comma-separated"), by suffix.
func delimName(d byte, suffix string) string {
	name := map[byte]string{',': "comma", '\t': "tab", ';': "semicolon", '|': "pipe"}[d]
	if name == "" {
		name = fmt.Sprintf("%q", d)
	}
	return name + suffix
}
