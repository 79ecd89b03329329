package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

func runCheck(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var rf readFlags
	rf.register(fs)
	keys := fs.Bool("keys", false, "list every key, with its units, months and number of figures")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(args) == 0 {
		args = []string{"-"}
	}
	failed := false
	for i, path := range args {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		ok, err := check(ctx, e, path, &rf, *keys)
		if err != nil {
			return err
		}
		failed = failed || !ok
	}
	if failed {
		return errReported
	}
	return nil
}

// check reads one file with every error collected and writes what it
// found: the summary to standard output, the errors to standard error,
// each as file:line:column: message. It reports whether the file is
// free of errors; err is an error writing the summary.
func check(ctx context.Context, e *env, path string, rf *readFlags, keys bool) (ok bool, err error) {
	ds, rerr := load(ctx, e, path, rf, tradeflow.CollectErrors())
	var list *tradeflow.ErrorList
	var ue *usageError
	if errors.As(rerr, &ue) {
		return false, rerr // a flag's, not the file's
	}
	if rerr != nil && !errors.As(rerr, &list) {
		// The file cannot be read at all: a header no format matches, a
		// file that is not there.
		name := stdinName
		if path != "-" {
			name = filepath.Base(path)
		}
		fmt.Fprintf(e.stdout, "%s  cannot be read, as standard error says\n", name)
		fmt.Fprintf(e.stderr, "%v\n", rerr)
		return false, nil
	}
	sum := ds.Summary()
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s, %s bytes\n", sum.File, sum.Schema, count(sum.Bytes))
	skipped := rowsIn(sum.Skipped)
	fmt.Fprintf(tw, "  rows\t%s: %s with figures, %s bad, %s skipped\n", count(sum.Rows), count(sum.Rows-sum.Bad-skipped), count(sum.Bad), count(skipped))
	if sum.Blank > 0 {
		fmt.Fprintf(tw, "  blank lines\t%s\n", count(sum.Blank))
	}
	if sum.NoFinalNewline {
		fmt.Fprintf(tw, "  last line\tno line end: a file cut short ends so (check its last value)\n")
	}
	if sum.Marked > 0 {
		fmt.Fprintf(tw, "  figures\t%s, of which %s kept marked, used by no series (errors say why)\n", count(ds.Len()), count(sum.Marked))
	} else {
		fmt.Fprintf(tw, "  figures\t%s\n", count(ds.Len()))
	}
	fmt.Fprintf(tw, "  keys\t%s\n", count(len(ds.Keys())))
	fmt.Fprintf(tw, "  months\t%s\n", months(ds))
	if len(sum.Skipped) == 0 {
		fmt.Fprintf(tw, "  skipped\tnone\n")
	}
	for i, s := range sum.Skipped {
		label := ""
		if i == 0 {
			label = "  skipped"
		}
		fmt.Fprintf(tw, "%s\t%s %s: %s, %s\n", label, count(s.Rows), plural(s.Rows, "row", "rows"), s.Reason, firstOn(s))
	}
	for _, part := range []struct {
		label, unit, units string
		counts             []tradeflow.SkipCount
	}{{"  left out", "figure", "figures", sum.LeftOut}, {"  summed", "row", "rows", sum.Summed}} {
		for i, s := range part.counts {
			if s.Rows == 0 {
				continue
			}
			label := ""
			if i == 0 {
				label = part.label
			}
			fmt.Fprintf(tw, "%s\t%s %s: %s, %s\n", label, count(s.Rows), plural(s.Rows, part.unit, part.units), s.Reason, firstOn(s))
		}
	}
	switch {
	case list == nil:
		fmt.Fprintf(tw, "  errors\tnone\n")
	case list.Total > len(list.Errors):
		fmt.Fprintf(tw, "  errors\t%s, the first %s on standard error\n", count(list.Total), count(len(list.Errors)))
	default:
		fmt.Fprintf(tw, "  errors\t%s, on standard error\n", count(list.Total))
	}
	if err := tw.Flush(); err != nil {
		return false, err
	}
	if keys {
		if err := writeKeys(e.stdout, ds); err != nil {
			return false, err
		}
	}
	if list == nil {
		return true, nil
	}
	other := false
	for _, re := range list.Errors {
		fmt.Fprintln(e.stderr, re)
		// The library's hint names its Go option; here it is a flag.
		other = other || strings.Contains(re.Error(), "tradeflow.KeepOtherCodes")
	}
	if n := list.Total - len(list.Errors); n > 0 {
		fmt.Fprintf(e.stderr, "%s: %s more %s not listed\n", sum.File, count(n), plural(n, "error", "errors"))
	}
	if other {
		fmt.Fprintf(e.stderr, "(keep services and other classifications apart from HS with -other-codes)\n")
	}
	return false, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// months says which months the figures cover, first to last, and which
// months between have no figure: a figure covers every month of its
// period, so a year to date covers its year's months so far. It costs a
// sort of the distinct periods, however many months each covers.
func months(ds *tradeflow.Dataset) string {
	periods := map[series.Period]bool{}
	for f := range ds.Figures() {
		periods[f.Period] = true
	}
	if len(periods) == 0 {
		return "none"
	}
	ps := make([]series.Period, 0, len(periods))
	for p := range periods {
		ps = append(ps, p)
	}
	slices.SortFunc(ps, func(a, b series.Period) int { return a.First.Compare(b.First) })
	first, last := ps[0].First, ps[0].Last
	var missing []string // the first 12 months with no figure
	gaps := 0            // and how many there are
	for _, p := range ps[1:] {
		if n := p.First.MonthsSince(last) - 1; n > 0 {
			for m := last.AddMonths(1); len(missing) < 12 && m.Before(p.First); m = m.AddMonths(1) {
				missing = append(missing, m.String())
			}
			gaps += n
		}
		if p.Last.After(last) {
			last = p.Last
		}
	}
	n := last.MonthsSince(first) + 1
	if n == 1 {
		return fmt.Sprintf("%v only", first)
	}
	s := fmt.Sprintf("%v to %v, %s months", first, last, count(n))
	switch {
	case gaps == 0:
		return s + ", each with a figure"
	case gaps > 12:
		return fmt.Sprintf("%s; no figure for %s, … and %s more", s, strings.Join(missing, ", "), count(gaps-12))
	}
	return s + "; no figure for " + strings.Join(missing, ", ")
}

// writeKeys lists the keys with what their figures are: units as printed,
// the months they cover, and how many there are.
func writeKeys(w io.Writer, ds *tradeflow.Dataset) error {
	type info struct {
		units       []string
		first, last series.Month
		n           int
	}
	var keys []tradeflow.Key
	infos := map[tradeflow.Key]*info{}
	for f := range ds.Figures() {
		in := infos[f.Key]
		if in == nil {
			in = &info{first: f.Period.First, last: f.Period.Last}
			infos[f.Key] = in
			keys = append(keys, f.Key)
		}
		if u := f.Unit.String(); !slices.Contains(in.units, u) {
			in.units = append(in.units, u)
		}
		if f.Period.First.Before(in.first) {
			in.first = f.Period.First
		}
		if f.Period.Last.After(in.last) {
			in.last = f.Period.Last
		}
		in.n++
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n  key\tunits\tmonths\tfigures\n")
	for _, k := range keys {
		in := infos[k]
		slices.Sort(in.units)
		fmt.Fprintf(tw, "  %v\t%s\t%v to %v\t%s\n", k, strings.Join(in.units, " "), in.first, in.last, count(in.n))
	}
	return tw.Flush()
}

// firstOn says where the first of a count's rows is.
func firstOn(s tradeflow.SkipCount) string {
	if s.Rows == 1 {
		return fmt.Sprintf("on line %d", s.First)
	}
	return fmt.Sprintf("the first on line %d", s.First)
}

// rowsIn returns the rows (or figures) a summary's counts add up to.
func rowsIn(counts []tradeflow.SkipCount) (n int) {
	for _, c := range counts {
		n += c.Rows
	}
	return n
}
