package cputime

import "testing"

// Meter starts counting the process's CPU time for b; the function it
// returns reports it as cpu-ns/row, the CPU time of all of the benchmark's
// goroutines a row (on an idle machine of n cores, the wall time a row is
// about it ÷ n). It reports nothing where CPU time cannot be read.
func Meter(b *testing.B) func(rows int) {
	c0, ok := Process()
	return func(rows int) {
		if c1, ok1 := Process(); ok && ok1 && b.N > 0 && rows > 0 {
			b.ReportMetric(float64((c1-c0).Nanoseconds())/float64(b.N)/float64(rows), "cpu-ns/row")
		}
	}
}
