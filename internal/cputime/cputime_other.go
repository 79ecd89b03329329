//go:build !unix

// Package cputime reads the CPU time of the running process, for
// benchmarks: on a machine shared with other work, CPU time is steadier
// than wall time.
package cputime

import "time"

// Process is not measured here: it returns false.
func Process() (time.Duration, bool) { return 0, false }
