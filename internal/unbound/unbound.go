// Package unbound lets the module's own operations build the series of
// their results with a [series.Builder].
//
// A Builder refuses a value beyond [series.MaxDigits], the bound on values
// that enter the library from text or from a caller. The results of
// operations are not bounded by it: a sum of many large values, a ratio of
// a large value to a small one, an exact unit conversion. An operation in
// another package of the module (partner.Aggregate, say) that collects its
// results in a Builder calls Allow on it first.
//
// [series.Builder]: https://pkg.go.dev/github.com/tradeflow-go/tradeflow/series#Builder
// [series.MaxDigits]: https://pkg.go.dev/github.com/tradeflow-go/tradeflow/series#MaxDigits
package unbound

// Allow makes the *series.Builder b accept values beyond series.MaxDigits.
// Package series sets it when it is initialised, which is before any
// package that imports series runs; b of any other type panics.
var Allow func(b any)
