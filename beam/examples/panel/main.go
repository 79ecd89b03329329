// Command panel runs the trade-panel job of the shared benchmark
// (shared/bench/SPEC.md) as an Apache Beam pipeline, over many files at
// once — one a reporter — and prints the SPEC's lines for each reporter:
// for every reporter, the lines examples/panel prints for its file.
//
//	go run ./examples/panel -in 'data/panel_*.csv'
//
// It runs on Prism, Beam's runner in this process, unless -runner says
// otherwise; every runner of the Beam Go SDK is linked in (beamx). On a
// portable runner — a Flink or Spark job server — and on Dataflow, the
// inputs and -out must be paths every worker can read and write (gs://…):
//
//	panel -in 'gs://b/panel_*.csv.gz' -out gs://b/out \
//		-runner universal -endpoint localhost:8099 -environment_type DOCKER
//	panel -in 'gs://b/panel_*.csv.gz' -out gs://b/out -runner dataflow \
//		-project P -region R -staging_location gs://b/staging -temp_location gs://b/tmp
//
// (-runner flink and -runner spark are the same as universal.) See the
// module's README for what each needs.
//
// The pipeline is the library's transforms (package tfbeam) composed as the
// SPEC's job needs them, with the SPEC's definitions of internal/panel —
// the ones examples/panel uses — inside the DoFns:
//
//	Read → GroupSeries ─┬─ per series: panel.SeriesTally ──────────────┐
//	                    ├─ Months (side input) ───────────────────────┤
//	                    └─ ZeroFill → AggregateCommodities ─┬─ per V_fp: panel.Streak ──┤
//	                                                        └─ Contributions ─ per decomposition:
//	                                                           panel.MaxDiff, panel.Top3 ─┤
//	                                                                 per reporter: the report
//
// Bad rows are dead letters, each with its file, line and reason: listed
// in -out/dead.csv and counted on standard error (all of them listed there
// when there is no -out), never failing the run unless -max-bad says so. A
// reporter's figures then come from its good rows (examples/panel would
// stop at the first bad row instead).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	tfbeam "github.com/tradeflow-go/tradeflow/beam"
)

func main() {
	in := flag.String("in", "", "glob of the SPEC's files, one a reporter (plain or gzip)")
	out := flag.String("out", "", "folder for the results: reports.jsonl, dead.csv, summaries.csv (default: a temporary folder, removed, and every dead letter listed on standard error)")
	block := flag.Int64("block", 0, "block size in bytes (0: 64 MiB; negative: whole files)")
	maxBad := flag.Int("max-bad", -1, "fail the run if there are more bad rows than this (-1: never)")
	verbose := flag.Bool("v", false, "Beam's and Prism's log at info level (default: warnings only)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: panel -in glob [-out dir] [-block n] [-max-bad n] [-runner r and Beam's flags]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if !*verbose {
		beamlog.LogLevel = "warn" // read by beam.Init
	}
	// On a worker, Init runs the worker and never returns: nothing may be
	// printed or read before it.
	beam.Init()
	if *in == "" {
		flag.Usage()
		os.Exit(2)
	}
	dir := *out
	if dir == "" {
		listDead = -1 // the folder is removed: every dead letter goes to standard error
		tmp, err := os.MkdirTemp("", "panel")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	start := time.Now()
	if err := run(context.Background(), os.Stdout, os.Stderr, *in, dir, tfbeam.ReadOptions{Schema: schemaName, BlockSize: *block}, *maxBad, beamx.Run); err != nil {
		os.RemoveAll(dir) // the deferred call does not run after os.Exit
		fail(err)
	}
	fmt.Fprintf(os.Stderr, "panel: the pipeline ran in %v\n", time.Since(start).Round(time.Millisecond))
}

// run builds the pipeline, runs it with exec, writes the reports to w and
// what went wrong to errw.
func run(ctx context.Context, w, errw io.Writer, glob, dir string, opts tfbeam.ReadOptions, maxBad int, exec func(context.Context, *beam.Pipeline) error) error {
	p, s := beam.NewPipelineWithRoot()
	res := pipeline(s, glob, opts)
	reports, dead, sums := path.Join(dir, "reports.jsonl"), path.Join(dir, "dead.csv"), path.Join(dir, "summaries.csv")
	tfbeam.WriteJSONL(s, reports, res.reports)
	tfbeam.WriteCSV(s, dead, res.dead)
	tfbeam.WriteCSV(s, sums, res.summaries)
	if maxBad >= 0 {
		tfbeam.FailOnDead(s, res.dead, maxBad)
	}
	if err := exec(ctx, p); err != nil {
		return err
	}
	n, err := printReports(ctx, w, reports)
	if err != nil {
		return err
	}
	if err := reportDead(ctx, errw, dead); err != nil {
		return err
	}
	if n == 0 {
		// As the one-file program says of a file of a header alone.
		return fmt.Errorf("no data rows: no reporter to report on (each file's rows are counted in %s)", sums)
	}
	return nil
}

// printReports prints the reports of the file at path, a reporter's lines
// after a line reporter=CODE, the reporters in order, and returns how
// many there were.
func printReports(ctx context.Context, w io.Writer, path string) (int, error) {
	data, err := readFile(ctx, path)
	if err != nil {
		return 0, err
	}
	var reps []report
	for line := range strings.Lines(string(data)) {
		var r report
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			return 0, fmt.Errorf("%s: %w", path, err)
		}
		reps = append(reps, r)
	}
	slices.SortFunc(reps, func(a, b report) int { return strings.Compare(a.Reporter, b.Reporter) })
	bw := bufio.NewWriter(w)
	for i, r := range reps {
		if i > 0 {
			bw.WriteString("\n")
		}
		fmt.Fprintf(bw, "reporter=%s\n%s", r.Reporter, r.Lines)
	}
	return len(reps), bw.Flush()
}

// listDead is how many dead letters reportDead lists (-1: all).
var listDead = 5

// reportDead says how many bad rows there were, and lists the first
// listDead.
func reportDead(ctx context.Context, w io.Writer, path string) error {
	data, err := readFile(ctx, path)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")[1:] // the header first
	if len(lines) == 0 {
		return nil
	}
	if listDead < 0 {
		fmt.Fprintf(w, "panel: %d bad rows (-out keeps them in a file):\n", len(lines))
	} else {
		fmt.Fprintf(w, "panel: %d bad rows, in %s:\n", len(lines), path)
	}
	n := len(lines)
	if listDead >= 0 {
		n = min(listDead, n)
	}
	for _, l := range lines[:n] {
		fmt.Fprintf(w, "\t%s\n", l)
	}
	return nil
}

// readFile reads a file of any of Beam's file systems.
func readFile(ctx context.Context, path string) ([]byte, error) {
	fs, err := filesystem.New(ctx, path)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	rc, err := fs.OpenRead(ctx, path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// fail reports err and exits. It writes to standard error itself: Beam's
// Init sends the log package's output to its own logger, which hides
// what is below its level (warnings, without -v).
func fail(err error) {
	fmt.Fprintln(os.Stderr, "panel:", err)
	os.Exit(1)
}
