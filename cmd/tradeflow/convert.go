package main

import (
	"bufio"
	"context"
	"flag"
	"io"
	"os"

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
	return writeTo(e, *out, func(w io.Writer) error { return tradeflow.Write(w, ds) })
}

// writeTo writes with write to the file at path, or to standard output
// for "-"; a file is left in place only if everything was written.
func writeTo(e *env, path string, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(e.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
	}
	return err
}
