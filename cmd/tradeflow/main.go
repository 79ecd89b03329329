package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	// An interrupt cancels a long read, which then returns at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, &env{
		stdin:          os.Stdin,
		stdout:         os.Stdout,
		stderr:         os.Stderr,
		progress:       isTerminal(os.Stderr),
		stdoutTerminal: isTerminal(os.Stdout),
	}, os.Args[1:])
	stop()
	os.Exit(code)
}

// isTerminal reports whether f is a terminal (a character device), as far
// as the standard library can tell without a dependency.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
