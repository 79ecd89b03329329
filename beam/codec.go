package tfbeam

import (
	"encoding"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// The binary forms below are what the coders of coders.go write. Each is
// exact (decimals keep their coefficient and exponent, series use the
// library's own binary form) and deterministic (equal keys give equal
// bytes, as a GroupByKey needs).

// errEncoding is wrapped by every decoding error of this package.
var errEncoding = errors.New("tfbeam: malformed encoding")

// An encoder appends values to a byte slice.
type encoder struct {
	b   []byte
	err error
}

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) bytes(v []byte) {
	e.uvarint(uint64(len(v)))
	e.b = append(e.b, v...)
}

func (e *encoder) string(v string) {
	e.uvarint(uint64(len(v)))
	e.b = append(e.b, v...)
}

func (e *encoder) text(v interface{ MarshalText() ([]byte, error) }) {
	t, err := v.MarshalText()
	e.fail(err)
	e.bytes(t)
}

func (e *encoder) decimal(d decimal.Decimal) {
	t, err := d.MarshalBinary()
	e.fail(err)
	e.bytes(t)
}

// key writes a key as its six parts, each in its canonical form: two
// equal keys give the same bytes, and keys that differ in any part
// (their Breakdown included) give different bytes.
func (e *encoder) key(k tradeflow.Key) {
	e.text(k.Reporter)
	e.text(k.Partner)
	e.text(k.Commodity)
	e.b = append(e.b, byte(k.Flow), byte(k.Measure))
	e.text(k.Breakdown)
}

func (e *encoder) fail(err error) {
	if err != nil && e.err == nil {
		e.err = err
	}
}

// A decoder reads what an encoder wrote.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", errEncoding, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) bool() bool {
	if d.err != nil {
		return false
	}
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail("bad bool")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}

func (d *decoder) bytes() []byte {
	n := d.uvarint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail("length %d beyond the %d bytes left", n, len(d.b))
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) text(v interface{ UnmarshalText([]byte) error }) {
	t := d.bytes()
	if d.err != nil {
		return
	}
	if err := v.UnmarshalText(t); err != nil {
		d.err = fmt.Errorf("%w: %w", errEncoding, err)
	}
}

func (d *decoder) decimal() decimal.Decimal {
	var v decimal.Decimal
	t := d.bytes()
	if d.err != nil {
		return v
	}
	if err := v.UnmarshalBinary(t); err != nil {
		d.err = fmt.Errorf("%w: decimal: %w", errEncoding, err)
	}
	return v
}

func (d *decoder) key() tradeflow.Key {
	var k tradeflow.Key
	d.text(&k.Reporter)
	d.text(&k.Partner)
	d.text(&k.Commodity)
	if d.err != nil {
		return k
	}
	if len(d.b) < 2 {
		d.fail("key: truncated")
		return k
	}
	k.Flow, k.Measure = tradeflow.Flow(d.b[0]), tradeflow.Measure(d.b[1])
	d.b = d.b[2:]
	d.text(&k.Breakdown)
	return k
}

// done reports the decoder's error, or one for bytes left over.
func (d *decoder) done() error {
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes left over", len(d.b))
	}
	return d.err
}

// Coders of the library's values, for beam.RegisterCoder.

func encodeKey(k tradeflow.Key) ([]byte, error) {
	var e encoder
	e.key(k)
	return e.b, e.err
}

func decodeKey(b []byte) (tradeflow.Key, error) {
	d := decoder{b: b}
	k := d.key()
	return k, d.done()
}

func encodeCode(c partner.Code) ([]byte, error) { return c.MarshalText() }

func decodeCode(b []byte) (partner.Code, error) {
	var c partner.Code
	err := c.UnmarshalText(b)
	return c, err
}

func encodeMonth(m series.Month) ([]byte, error) { return m.MarshalText() }

func decodeMonth(b []byte) (series.Month, error) {
	var m series.Month
	err := m.UnmarshalText(b)
	return m, err
}

func encodePeriod(p series.Period) ([]byte, error) {
	if p == (series.Period{}) {
		return nil, nil // the zero Period, which has no text form
	}
	return p.MarshalText()
}

func decodePeriod(b []byte) (series.Period, error) {
	var p series.Period
	if len(b) == 0 {
		return p, nil
	}
	err := p.UnmarshalText(b)
	return p, err
}

func encodeDecimal(v decimal.Decimal) ([]byte, error) { return v.MarshalBinary() }

func decodeDecimal(b []byte) (decimal.Decimal, error) {
	var v decimal.Decimal
	err := v.UnmarshalBinary(b)
	return v, err
}

func encodeVintage(v tradeflow.Vintage) ([]byte, error) { return v.MarshalText() }

func decodeVintage(b []byte) (tradeflow.Vintage, error) {
	var v tradeflow.Vintage
	err := v.UnmarshalText(b)
	return v, err
}

// encodeBinary and decodeBinary are the coder of the library's series and
// this package's generic values, whatever their unit: the value's own
// MarshalBinary and UnmarshalBinary. They are not generic themselves: Beam
// finds a coder's functions by name, and every instantiation of a generic
// function has the same one.
func encodeBinary(v beam.T) ([]byte, error) { return v.(encoding.BinaryMarshaler).MarshalBinary() }

func decodeBinary(t reflect.Type, b []byte) (beam.T, error) {
	p := reflect.New(t)
	if err := p.Interface().(encoding.BinaryUnmarshaler).UnmarshalBinary(b); err != nil {
		return nil, err
	}
	return p.Elem().Interface(), nil
}

// contribution writes a partner.Contribution.
func (e *encoder) contribution(c partner.Contribution) {
	e.string(c.Name)
	e.bool(c.Residual)
	for _, v := range []decimal.Decimal{c.Value, c.BaseValue, c.Diff, c.Points, c.Share, c.BaseShare} {
		e.decimal(v)
	}
}

func (d *decoder) contribution() partner.Contribution {
	var c partner.Contribution
	c.Name = d.string()
	c.Residual = d.bool()
	for _, v := range []*decimal.Decimal{&c.Value, &c.BaseValue, &c.Diff, &c.Points, &c.Share, &c.BaseShare} {
		*v = d.decimal()
	}
	return c
}

func (e *encoder) period(p series.Period) {
	t, err := encodePeriod(p)
	e.fail(err)
	e.bytes(t)
}

func (d *decoder) period() series.Period {
	t := d.bytes()
	if d.err != nil {
		return series.Period{}
	}
	p, err := decodePeriod(t)
	if err != nil {
		d.err = fmt.Errorf("%w: %w", errEncoding, err)
	}
	return p
}

func encodeDecomposition(x partner.Decomposition) ([]byte, error) {
	var e encoder
	e.period(x.Period)
	e.period(x.BasePeriod)
	e.contribution(x.Total)
	e.uvarint(uint64(len(x.Parts)))
	for _, c := range x.Parts {
		e.contribution(c)
	}
	e.bool(x.NegativeResidual)
	return e.b, e.err
}

func decodeDecomposition(b []byte) (partner.Decomposition, error) {
	d := decoder{b: b}
	var x partner.Decomposition
	x.Period = d.period()
	x.BasePeriod = d.period()
	x.Total = d.contribution()
	n := d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		x.Parts = append(x.Parts, d.contribution())
	}
	x.NegativeResidual = d.bool()
	return x, d.done()
}

func encodeBreakdown(x partner.Breakdown) ([]byte, error) {
	var e encoder
	e.period(x.Period)
	e.decimal(x.Total)
	e.uvarint(uint64(len(x.Parts)))
	for _, p := range x.Parts {
		e.string(p.Name)
		e.bool(p.Residual)
		e.decimal(p.Value)
		e.decimal(p.Share)
	}
	e.bool(x.NegativeResidual)
	return e.b, e.err
}

func decodeBreakdown(b []byte) (partner.Breakdown, error) {
	d := decoder{b: b}
	var x partner.Breakdown
	x.Period = d.period()
	x.Total = d.decimal()
	n := d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		var p partner.PartShare
		p.Name = d.string()
		p.Residual = d.bool()
		p.Value = d.decimal()
		p.Share = d.decimal()
		x.Parts = append(x.Parts, p)
	}
	x.NegativeResidual = d.bool()
	return x, d.done()
}

func encodeRun(r series.Run) ([]byte, error) {
	var e encoder
	e.period(r.Period)
	e.varint(int64(r.Len))
	return e.b, e.err
}

func decodeRun(b []byte) (series.Run, error) {
	d := decoder{b: b}
	var r series.Run
	r.Period = d.period()
	r.Len = int(d.varint())
	return r, d.done()
}
