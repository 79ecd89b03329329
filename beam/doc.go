// Package tfbeam runs the tradeflow library inside Apache Beam pipelines.
package tfbeam
