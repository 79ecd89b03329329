// Package fixed is the library's fixed-point arithmetic: a value is an
// int64 coefficient at a decimal scale (value = coefficient × 10^-scale),
// and the operations on coefficients use 128-bit intermediate products so
// that they are exact or report that they do not fit. Each operation that
// can fail to fit says so with a false result; its caller then takes a
// math/big path, for which the big.Int forms here give the same answers.
//
// The packages series, partner and commodity share it, so that a quotient
// is rounded the same way everywhere and an overflow check is written once.
package fixed
