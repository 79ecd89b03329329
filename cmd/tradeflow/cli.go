package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/internal/number"
)

// An env is what a run of the command sees of the world: main passes the
// process's, tests their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// progress is set when standard error is a terminal: a long read then
	// shows there how far it has got.
	progress bool
	// stdoutTerminal is set when standard output is a terminal, where an
	// image is not written.
	stdoutTerminal bool
	// progressAfter is how long a read runs before it shows progress; 0
	// means a second.
	progressAfter time.Duration
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1 // bad data, or a file that cannot be read or written
	exitUsage = 2 // bad flags or arguments
)

// A command is a subcommand of tradeflow.
type command struct {
	name    string
	args    string // the arguments after the flags, for the usage line
	summary string
	// run parses the flags and arguments and does the work. An error it
	// returns is printed to standard error; a *usageError exits with
	// exitUsage, errReported with exitError and nothing more to print.
	run func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error
}

func commands() []command {
	return []command{
		{"check", "[file ...]", "check files: rows, keys, months, skipped rows, and every error", runCheck},
		{"series", "key [file]", "print a series with its change on a year earlier, year to date and streaks", runSeries},
		{"report", "[file]", "print the monthly report as text, CSV or JSON", runReport},
		{"chart", "key [file]", "draw a series, or a month's contributions to its growth, as PNG or SVG", runChart},
		{"convert", "[file]", "write a file of any format the library reads in the library's CSV format", runConvert},
	}
}

// A usageError is a mistake in the command line, not in the data.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// errReported is returned by a command that has written what went wrong
// itself, as check writes the errors it finds.
var errReported = errors.New("reported")

// run runs the command line args (without the program's name) and returns
// the exit status.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help":
		// Help asked for goes to standard output, to be read with a
		// pager, as "tradeflow help" does; usage after a mistake, to
		// standard error.
		usage(e.stdout)
		return exitOK
	case "help":
		// "tradeflow help" and "tradeflow help check" print to standard
		// output, to be read with a pager.
		if len(args) == 1 {
			usage(e.stdout)
			return exitOK
		}
		if c, ok := lookup(args[1]); ok {
			return runCommand(ctx, e, c, []string{"-h"}, e.stdout)
		}
		args = args[1:]
	}
	if c, ok := lookup(args[0]); ok {
		help := e.stderr
		if asksHelp(args[1:]) {
			help = e.stdout
		}
		return runCommand(ctx, e, c, args[1:], help)
	}
	fmt.Fprintf(e.stderr, "tradeflow: unknown command %q\n", args[0])
	fmt.Fprintf(e.stderr, "run 'tradeflow -h' for usage\n")
	return exitUsage
}

// asksHelp reports whether a command's arguments ask for its help.
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// runCommand runs c with args, writing its usage, when asked for or when
// the flags are wrong, to help.
func runCommand(ctx context.Context, e *env, c command, args []string, help io.Writer) int {
	fs := flag.NewFlagSet("tradeflow "+c.name, flag.ContinueOnError)
	fs.SetOutput(help)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: tradeflow %s [flags] %s\n\n%s.\n", c.name, c.args, capitalise(c.summary))
		if hasFlags(fs) {
			fmt.Fprintf(fs.Output(), "\nFlags:\n")
			fs.PrintDefaults()
		}
		fmt.Fprintf(fs.Output(), "\n%s\n", filesHelp)
	}
	err := c.run(ctx, e, fs, args)
	var ue *usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errFlags):
		return exitUsage // the flag package has said what is wrong
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "tradeflow %s: %v\n", c.name, err)
		fmt.Fprintf(e.stderr, "run 'tradeflow %s -h' for usage\n", c.name)
		return exitUsage
	case errors.Is(err, errReported):
		return exitError
	}
	fmt.Fprintf(e.stderr, "tradeflow %s: %v\n", c.name, err)
	return exitError
}

// filesHelp is the end of every usage message.
const filesHelp = `A file is in any format the library reads, recognised by its header
(` + "`tradeflow -h`" + ` lists them), gzip-compressed or not; "-" or no file
reads standard input.`

func usage(w io.Writer) {
	fmt.Fprintf(w, "tradeflow does trade-flow arithmetic on files of customs figures.\n\n")
	fmt.Fprintf(w, "usage: tradeflow <command> [flags] [arguments]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	var names []string
	for _, f := range tradeflow.Formats() {
		names = append(names, f.Name)
	}
	fmt.Fprintf(w, "\nFormats read: %s; gzip-compressed or not.\n", strings.Join(names, ", "))
	fmt.Fprintf(w, "A series is named by its key: reporter, flow, partner, commodity and measure,\n")
	fmt.Fprintf(w, "such as \"CN X WLD TOTAL value\" (China's exports to the world, all goods).\n")
	fmt.Fprintf(w, "\nRun 'tradeflow <command> -h' for a command's flags.\n")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// errFlags is returned when the flag package has rejected the flags.
var errFlags = errors.New("bad flags")

// parse parses the flags of fs from args and returns the arguments after
// them, or flag.ErrHelp or errFlags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	// Flags may come after the arguments too (tradeflow check FILE
	// -vintage D), as people type them; "--" ends the flags.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errFlags
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}

// readFlags are the flags of every command that reads a file: what a file
// may leave out.
type readFlags struct {
	reporter, vintage, source        string
	unlisted, breakdowns, otherCodes bool
}

func (r *readFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&r.reporter, "reporter", "", "the reporter (a partner `code` such as CN) of a file that has no reporter column (an error for a format that names its own)")
	fs.StringVar(&r.vintage, "vintage", "", "the release `date` (2025-12-08) of every figure of a file that has no vintage column")
	fs.StringVar(&r.source, "source", "", "the source, as `text`, of every figure of a file that has no source column (an error for a format that names its own)")
	fs.BoolVar(&r.unlisted, "unlisted", false, "accept partner letter codes the tables do not list (QY, synthetic data)")
	fs.BoolVar(&r.breakdowns, "breakdowns", false, "keep the rows that break a total down (by second partner, mode of transport, customs procedure) under keys of their own, instead of skipping them")
	fs.BoolVar(&r.otherCodes, "other-codes", false, "keep rows of services and of classifications other than HS under their own classification, instead of refusing them")
}

func (r *readFlags) options() []tradeflow.ReadOption {
	var opts []tradeflow.ReadOption
	if r.reporter != "" {
		opts = append(opts, tradeflow.WithReporter(r.reporter))
	}
	if r.vintage != "" {
		opts = append(opts, tradeflow.WithVintage(r.vintage))
	}
	if r.source != "" {
		opts = append(opts, tradeflow.WithSource(r.source))
	}
	if r.unlisted {
		opts = append(opts, tradeflow.Unlisted())
	}
	if r.breakdowns {
		opts = append(opts, tradeflow.KeepBreakdowns())
	}
	if r.otherCodes {
		opts = append(opts, tradeflow.KeepOtherCodes())
	}
	return opts
}

// stdinName names standard input in messages, as Go's tools do.
const stdinName = "<stdin>"

// load reads the file at path ("-" for standard input) in whatever format
// it is, with the options, showing progress on a terminal.
func load(ctx context.Context, e *env, path string, rf *readFlags, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
	var r io.Reader
	name := stdinName
	var size int64
	if path == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			size = st.Size()
		}
		r, name = f, filepath.Base(path)
	}
	if rf.vintage != "" {
		// Checked here, whatever the file: a file with a vintage column
		// of its own would never read it.
		if _, err := tradeflow.ParseVintage(rf.vintage); err != nil {
			return nil, usagef("-vintage: %v", err)
		}
	}
	opts = append(rf.options(), opts...)
	if e.progress {
		p := newProgress(e, name, size)
		defer p.done()
		opts = append(opts, tradeflow.OnProgress(p.update))
	}
	ds, err := tradeflow.ReadAny(ctx, r, name, opts...)
	return ds, withHints(err)
}

// oneFile returns the one file argument of a command that reads one, or
// "-" for standard input.
func oneFile(args []string) (string, error) {
	switch len(args) {
	case 0:
		return "-", nil
	case 1:
		return args[0], nil
	}
	return "", usagef("one file at most, not %d", len(args))
}

// withHints adds to an error about a header the flag that gives what the
// file lacks: the library's own hints name its Go options.
func withHints(err error) error {
	var he *tradeflow.HeaderError
	if !errors.As(err, &he) {
		return err
	}
	flags := map[string]string{"reporter": "-reporter CODE", "vintage": "-vintage DATE", "source": "-source TEXT"}
	var give []string
	for _, m := range he.Missing {
		col, _, _ := strings.Cut(m, ":")
		if f, ok := flags[strings.TrimSpace(col)]; ok {
			give = append(give, f)
		}
	}
	if len(give) == 0 {
		return err
	}
	return fmt.Errorf("%w\n(give what the file lacks with %s)", err, strings.Join(give, " and "))
}

// A progress shows how far a read has got, on one line of standard error
// that it rewrites, once the read has taken long enough to be worth it.
type progress struct {
	w     io.Writer
	name  string
	size  int64 // the file's size, or 0 if unknown
	start time.Time
	after time.Duration
	shown bool
}

func newProgress(e *env, name string, size int64) *progress {
	after := e.progressAfter
	if after == 0 {
		after = time.Second
	}
	return &progress{w: e.stderr, name: name, size: size, start: time.Now(), after: after}
}

func (p *progress) update(pr tradeflow.Progress) {
	if !p.shown && time.Since(p.start) < p.after {
		return
	}
	p.shown = true
	done := ""
	if p.size > 0 {
		done = fmt.Sprintf(" %d%%,", min(100, pr.Bytes*100/p.size))
	}
	fmt.Fprintf(p.w, "\r%s:%s %s rows read\x1b[K", p.name, done, count(pr.Rows))
}

// done clears the line, if anything was shown.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// count writes a count in the one number format: "1,234,567".
func count[I int | int64](n I) string { return number.Fixed(decimal.NewFromInt(int64(n)), 0) }

// parseKey parses a key argument, as tradeflow.ParseKey reads it.
func parseKey(s string) (tradeflow.Key, error) {
	k, err := tradeflow.ParseKey(s)
	if err != nil {
		return k, usagef("%v\n(a key is reporter, flow, partner, commodity and measure, such as \"CN X WLD TOTAL value\")", err)
	}
	return k, nil
}

// keyAndFile returns the key and the file of a command's arguments.
func keyAndFile(args []string) (tradeflow.Key, string, error) {
	if len(args) == 0 {
		return tradeflow.Key{}, "", usagef("no key given")
	}
	k, err := parseKey(args[0])
	if err != nil {
		return k, "", err
	}
	path, err := oneFile(args[1:])
	return k, path, err
}
