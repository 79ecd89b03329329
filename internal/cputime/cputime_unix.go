//go:build unix

// Package cputime reads the CPU time of the running process, for
// benchmarks: on a machine shared with other work, CPU time is steadier
// than wall time.
package cputime

import (
	"syscall"
	"time"
)

// Process returns the CPU time the process has used, user and system, and
// false where it cannot be read.
func Process() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
