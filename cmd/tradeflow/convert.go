package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tradeflow-go/tradeflow"
)

func runConvert(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
	var rf readFlags
	rf.register(fs)
	out := fs.String("o", "-", "the file to write; - is standard output")
	args, err := parse(fs, args)
	if err != nil {
		return err
	}
	path, err := oneFile(args)
	if err != nil {
		return err
	}
	ds, err := load(ctx, e, path, &rf)
	if err != nil {
		return err
	}
	if err := writeTo(e, *out, func(w io.Writer) error { return tradeflow.Write(w, ds) }); err != nil {
		return err
	}
	// What the written file does not hold, said, so that nothing is
	// dropped unseen: rows skipped on purpose, figures left out.
	sum := ds.Summary()
	var parts []string
	if n := rowsIn(sum.Skipped); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s skipped", n, plural(n, "row", "rows")))
	}
	if n := rowsIn(sum.LeftOut); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s left out", n, plural(n, "figure", "figures")))
	}
	if n := rowsIn(sum.Summed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s added into totals", n, plural(n, "row", "rows")))
	}
	if sum.NoFinalNewline {
		parts = append(parts, "its last line has no line end (a file cut short ends so)")
	}
	if len(parts) > 0 {
		fmt.Fprintf(e.stderr, "tradeflow convert: %s: %s; tradeflow check lists why\n", sum.File, strings.Join(parts, ", "))
	}
	return nil
}

// writeTo writes with write to the file at path, or to standard output
// for "-". A file is written beside path and renamed to it only once
// everything was written: a failed command leaves a file that was there
// as it was, and no half-written one. A path that is no regular file (a
// terminal, a pipe, /dev/stdout) is written to directly.
func writeTo(e *env, path string, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return writeFile(path, write)
		}
		mode = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = f.Chmod(mode)
	if err == nil {
		err = writeClose(f, write)
	} else {
		f.Close()
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// writeFile writes with write to the file at path, which is no regular
// file.
func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	return writeClose(f, write)
}

// writeClose writes with write to f, buffered, and closes it: the first
// error of the three.
func writeClose(f *os.File, write func(io.Writer) error) error {
	bw := bufio.NewWriter(f)
	err := write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
