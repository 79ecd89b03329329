package series

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
)

// The encodings of a Series carry its unit and its exact values. A value
// travels as its coefficient at the series' scale, so nothing is rounded;
// the unit is written as its dimension and exponent, and decoding checks it,
// so that data in tonnes cannot be read into a Series[USD].
//
// Both encodings bound what they carry, so that a hostile input cannot make
// a decoder, or the arithmetic after it, build numbers of millions of
// digits: at most maxScale decimal places, and coefficients below
// 2^maxCoefBits (about 2,000 digits). No operation of the library comes
// near either bound from values within MaxDigits unless chained dozens of
// times; a series beyond them does not encode (an *EncodingError).
const (
	maxScale    = 1000
	maxCoefBits = 6643 // 2^6643 < 10^2000
	maxDimLen   = 256  // bytes of a unit's dimension in the binary form
)

// binaryVersion is the first byte of the binary form. A change of layout
// gets a new version; a decoder refuses versions it does not know.
const binaryVersion = 1

// ErrEncoding is wrapped by errors about encoded data that cannot be read,
// or a series that cannot be written.
var ErrEncoding = errors.New("malformed encoding")

// An EncodingError reports a series' JSON or binary form that is
// malformed, or a series beyond what the encodings carry.
type EncodingError struct {
	Format string // "JSON" or "binary"
	Reason string // what is wrong, and for binary input at which byte
}

func (e *EncodingError) Error() string {
	return fmt.Sprintf("series: %s form: %s", e.Format, e.Reason)
}

// Unwrap returns [ErrEncoding].
func (e *EncodingError) Unwrap() error { return ErrEncoding }

// ErrUnit is wrapped by errors about data in one unit read into a series of
// another.
var ErrUnit = errors.New("unit mismatch")

// A UnitError reports encoded data whose unit is not the series' unit. Two
// units are the same when they have the same dimension and exponent.
type UnitError struct {
	Have string // the data's unit: symbol (if known), dimension and exponent
	Want string // the series' unit, likewise
}

func (e *UnitError) Error() string {
	return fmt.Sprintf("series: unit mismatch: the data are in %s, the series in %s", e.Have, e.Want)
}

// Unwrap returns [ErrUnit].
func (e *UnitError) Unwrap() error { return ErrUnit }

func describeUnit(symbol, dim string, exp int) string {
	if symbol == "" {
		return fmt.Sprintf("%q (10^%d)", dim, exp)
	}
	return fmt.Sprintf("%s (%q, 10^%d)", symbol, dim, exp)
}

// checkUnit returns a *UnitError unless dim and exp are U's.
func checkUnit[U Unit](symbol, dim string, exp int) error {
	var u U
	if dim == u.Dimension() && exp == u.Exponent() {
		return nil
	}
	return &UnitError{Have: describeUnit(symbol, dim, exp), Want: describeUnit(u.Symbol(), u.Dimension(), u.Exponent())}
}

// encodable returns an *EncodingError if d is beyond the encodings' bounds.
func (d *store) encodable(format string) error {
	if d == nil {
		return nil
	}
	if d.scale > maxScale {
		return &EncodingError{format, fmt.Sprintf("%d decimal places; at most %d are encoded", d.scale, maxScale)}
	}
	for i, w := range d.wide {
		if w.BitLen() > maxCoefBits {
			return &EncodingError{format, fmt.Sprintf("%v: a value of about %d digits; at most about 2000 are encoded", d.period(int(i)), w.BitLen()*3/10)}
		}
	}
	return nil
}

// unitJSON is a unit as the JSON form writes it.
type unitJSON struct {
	Symbol    string `json:"symbol"`
	Dimension string `json:"dimension"`
	Exponent  int    `json:"exponent"`
}

// MarshalJSON writes s with its unit and its observations in month order:
//
//	{"unit": {"symbol": "USD 100 mn", "dimension": "USD", "exponent": 8},
//	 "observations": [{"period": "2025-01/2025-02", "value": "5399.4"},
//	                  {"period": "2025-03", "value": "3139.0"}]}
//
// Values are JSON strings, exact, with as many decimal places as the
// series' scale, so that decoding restores the scale too. A series beyond
// the bounds the encodings carry (see [Series.MarshalBinary]) is an
// [*EncodingError].
func (s Series[U]) MarshalJSON() ([]byte, error) {
	if err := s.d.encodable("JSON"); err != nil {
		return nil, err
	}
	var u U
	head, err := json.Marshal(unitJSON{u.Symbol(), u.Dimension(), u.Exponent()})
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(head)+40+24*s.Len())
	b = append(b, `{"unit":`...)
	b = append(b, head...)
	b = append(b, `,"observations":[`...)
	first := true
	for p, v := range s.All() {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `{"period":"`...)
		b = p.appendText(b)
		b = append(b, `","value":"`...)
		b = append(b, v.StringFixed(s.d.scale)...)
		b = append(b, `"}`...)
	}
	return append(b, "]}"...), nil
}

// UnmarshalJSON reads what [Series.MarshalJSON] writes into s, replacing
// it; JSON null leaves s as it is. The unit must be U's (same dimension and
// exponent; the symbol is for readers), or the error is a [*UnitError].
// Observations may come in any order; values may be JSON strings or
// numbers, in any form [Builder.SetString] accepts. A malformed period is
// a [*PeriodError], a malformed value a [*ValueError], two observations
// of one month a [*DuplicateError], and a missing unit or a value beyond
// the encodings' bounds an [*EncodingError].
func (s *Series[U]) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var j struct {
		Unit         *unitJSON
		Observations []struct {
			Period Period
			Value  json.RawMessage
		}
	}
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Unit == nil {
		return &EncodingError{"JSON", `no "unit"`}
	}
	if err := checkUnit[U](j.Unit.Symbol, j.Unit.Dimension, j.Unit.Exponent); err != nil {
		return err
	}
	var bd Builder[U]
	for _, o := range j.Observations {
		if !o.Period.Valid() {
			return &PeriodError{o.Period.String(), "not a valid period"}
		}
		text := string(o.Value)
		if len(o.Value) > 0 && o.Value[0] == '"' {
			if err := json.Unmarshal(o.Value, &text); err != nil {
				return err
			}
		}
		// A value within the bounds has at most 2000 digits and 1000
		// places; longer text is refused before it is parsed, which for
		// millions of digits would take long.
		if len(text) > 3*maxScale+16 {
			return &EncodingError{"JSON", fmt.Sprintf("%v: a value of %d characters is beyond the %d places and 2000 digits the encodings carry", o.Period, len(text), maxScale)}
		}
		v, err := parseDecimal(text)
		if err != nil {
			return &ValueError{Period: o.Period, Input: text}
		}
		// Bound each value before the Builder scales it: "1e999999999"
		// is a few bytes of JSON.
		if places, digits := -int64(v.Exponent()), int64(v.NumDigits())+int64(v.Exponent()); places > maxScale || digits > 2*maxScale {
			return &EncodingError{"JSON", fmt.Sprintf("%v: value %q is beyond the %d places and 2000 digits the encodings carry", o.Period, text, maxScale)}
		}
		bd.add(o.Period, v)
	}
	r, err := bd.Series()
	if err != nil {
		return err
	}
	if err := r.d.encodable("JSON"); err != nil {
		return err
	}
	*s = r
	return nil
}

// MarshalBinary returns the binary form of s, as [Series.AppendBinary]
// does.
func (s Series[U]) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil) }

// AppendBinary appends the binary form of s to b, implementing
// [encoding.BinaryAppender]. The form is compact and exact, for pipelines
// that move series between processes (such as a Beam coder): a version
// byte, the unit (dimension and exponent), the months covered, the scale,
// one presence bit a month, the combined observations, and each value's
// integer coefficient as a varint (values beyond an int64, as big-endian
// bytes). A three-year monthly series of values such as 3303.5 takes about
// 130 bytes.
//
// The form carries at most 1,000 decimal places and coefficients of about
// 2,000 digits; a series beyond that, which no operation of the library
// makes from values within [MaxDigits] unless chained dozens of times, is
// an [*EncodingError].
func (s Series[U]) AppendBinary(b []byte) ([]byte, error) {
	d := s.d
	if err := d.encodable("binary"); err != nil {
		return b, err
	}
	var u U
	b = append(b, binaryVersion)
	b = binary.AppendUvarint(b, uint64(len(u.Dimension())))
	b = append(b, u.Dimension()...)
	b = binary.AppendVarint(b, int64(u.Exponent()))
	if d == nil {
		return binary.AppendUvarint(b, 0), nil
	}
	lo, hi := d.firstIndex(), d.lastIndex()
	n := hi - lo + 1
	b = binary.AppendUvarint(b, uint64(n))
	b = binary.AppendUvarint(b, uint64(d.start.n)+uint64(lo))
	b = binary.AppendUvarint(b, uint64(d.scale))
	// Presence bits, least significant first.
	for k := 0; k < n; k += 8 {
		var x byte
		for j := 0; j < 8 && k+j < n; j++ {
			if d.has(lo + k + j) {
				x |= 1 << j
			}
		}
		b = append(b, x)
	}
	// Combined observations: the gap since the previous one's end, and the
	// number of months less two.
	b = binary.AppendUvarint(b, uint64(len(d.spans)))
	next := 0
	for _, sp := range d.spans {
		first := int(sp.first) - lo
		b = binary.AppendUvarint(b, uint64(first-next))
		b = binary.AppendUvarint(b, uint64(sp.last-sp.first-1))
		next = int(sp.last) - lo + 1
	}
	// Values beyond an int64: the gap since the previous one, then sign and
	// length in one varint, then the magnitude.
	wide := d.wideIndices()
	b = binary.AppendUvarint(b, uint64(len(wide)))
	next = 0
	for _, i := range wide {
		w := d.wide[int32(i)]
		mag := w.Bytes()
		neg := uint64(0)
		if w.Sign() < 0 {
			neg = 1
		}
		b = binary.AppendUvarint(b, uint64(i-lo-next))
		b = binary.AppendUvarint(b, uint64(len(mag))<<1|neg)
		b = append(b, mag...)
		next = i - lo + 1
	}
	// The other values, in month order.
	for i := lo; i <= hi; i++ {
		if d.has(i) && (d.wide == nil || !d.isWide(i)) {
			b = binary.AppendVarint(b, d.coef[i])
		}
	}
	return b, nil
}

// wideIndices returns the indices of the values beyond an int64, in order.
func (d *store) wideIndices() []int {
	if len(d.wide) == 0 {
		return nil
	}
	out := make([]int, 0, len(d.wide))
	for i := range d.coef {
		if d.isWide(i) {
			out = append(out, i)
		}
	}
	return out
}

// binReader reads the binary form, remembering where it is for errors.
type binReader struct {
	b   []byte
	off int
	err error
}

func (r *binReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = &EncodingError{"binary", fmt.Sprintf("at byte %d: ", r.off) + fmt.Sprintf(format, args...)}
	}
}

func (r *binReader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("%s: malformed or truncated varint", what)
		return 0
	}
	r.off += n
	return v
}

func (r *binReader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("%s: malformed or truncated varint", what)
		return 0
	}
	r.off += n
	return v
}

// bytes returns the next n bytes, or fails if fewer are left: lengths are
// checked against the input before anything is allocated.
// delta reads an offset from a previous position, which must stay within
// the n months of the series.
func (r *binReader) delta(from, n uint64, what string) uint64 {
	v := r.uvarint(what)
	if r.err == nil && v >= n-from {
		r.fail("%s beyond the months", what)
		return 0
	}
	return from + v
}

func (r *binReader) bytes(n uint64, what string) []byte {
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)-r.off) {
		r.fail("%s: %d bytes needed, %d left", what, n, len(r.b)-r.off)
		return nil
	}
	v := r.b[r.off : r.off+int(n)]
	r.off += int(n)
	return v
}

// UnmarshalBinary reads the form [Series.AppendBinary] writes into s,
// replacing it. It checks everything it reads and allocates in proportion
// to the input: a form of another version, a truncated or overlong one,
// presence bits, combined observations or values that do not agree, or
// bounds exceeded, are an [*EncodingError]; a unit other than U's a
// [*UnitError]. It never panics.
func (s *Series[U]) UnmarshalBinary(data []byte) error {
	d, err := decodeBinary[U](data)
	if err != nil {
		return err
	}
	*s = wrap[U](d)
	return nil
}

func decodeBinary[U Unit](data []byte) (*store, error) {
	r := &binReader{b: data}
	if len(data) == 0 {
		return nil, &EncodingError{"binary", "empty"}
	}
	if v := data[0]; v != binaryVersion {
		return nil, &EncodingError{"binary", fmt.Sprintf("version %d; this library reads version %d", v, binaryVersion)}
	}
	r.off = 1
	dimLen := r.uvarint("unit dimension length")
	if dimLen > maxDimLen {
		r.fail("unit dimension of %d bytes", dimLen)
	}
	dim := string(r.bytes(dimLen, "unit dimension"))
	exp := r.varint("unit exponent")
	if r.err != nil {
		return nil, r.err
	}
	if exp < -1<<31 || exp > 1<<31-1 {
		r.fail("unit exponent %d", exp)
		return nil, r.err
	}
	if err := checkUnit[U]("", dim, int(exp)); err != nil {
		return nil, err
	}
	n := r.uvarint("number of months")
	if r.err == nil && n == 0 {
		if r.off != len(data) {
			r.fail("%d bytes after an empty series", len(data)-r.off)
			return nil, r.err
		}
		return nil, nil
	}
	start := r.uvarint("first month")
	scale := r.uvarint("scale")
	if r.err != nil {
		return nil, r.err
	}
	switch {
	case n > maxMonthN-minMonthN+1 || start < minMonthN || start > maxMonthN || start+n-1 > maxMonthN:
		r.fail("months %d from %d leave 0001-01 to 9999-12", n, start)
	case scale > maxScale:
		r.fail("%d decimal places; at most %d are encoded", scale, maxScale)
	}
	bitmap := r.bytes((n+7)/8, "presence bits")
	if r.err != nil {
		return nil, r.err
	}
	if rem := n % 8; rem != 0 && bitmap[len(bitmap)-1]>>rem != 0 {
		r.fail("presence bits beyond the last month")
		return nil, r.err
	}
	present := 0
	for _, x := range bitmap {
		present += bits.OnesCount8(x)
	}
	if present == 0 {
		r.fail("no month holds a value")
		return nil, r.err
	}
	has := func(k int) bool { return bitmap[k>>3]&(1<<(k&7)) != 0 }

	bd := newBuilder(Month{int32(start)}, int(n), int32(scale))
	d := bd.d
	nspans := r.uvarint("number of combined observations")
	if nspans > uint64(present) {
		r.fail("%d combined observations for %d values", nspans, present)
	}
	next := uint64(0)
	for k := uint64(0); k < nspans && r.err == nil; k++ {
		if next >= n {
			r.fail("combined observation beyond the months")
			break
		}
		first := r.delta(next, n, "combined observation")
		if first+1 >= n {
			r.fail("combined observation beyond the months")
			break
		}
		last := r.delta(first+1, n, "combined observation length")
		if r.err == nil && !has(int(last)) {
			r.fail("combined observation with no value")
		}
		for m := first; r.err == nil && m < last; m++ {
			if has(int(m)) {
				r.fail("a value inside a combined observation")
			}
		}
		if r.err == nil {
			d.spans = append(d.spans, span{int32(first), int32(last)})
			next = last + 1
		}
	}
	if len(d.spans) == 0 {
		d.spans = nil
	}
	nwide := r.uvarint("number of wide values")
	if nwide > uint64(present) {
		r.fail("%d wide values for %d values", nwide, present)
	}
	next = 0
	var isWide map[int]bool
	for k := uint64(0); k < nwide && r.err == nil; k++ {
		if next >= n {
			r.fail("wide value beyond the months")
			break
		}
		i := r.delta(next, n, "wide value")
		head := r.uvarint("wide value length")
		mag := r.bytes(head>>1, "wide value")
		switch {
		case r.err != nil:
			continue
		case !has(int(i)):
			r.fail("wide value for a month with no value")
			continue
		case len(mag) == 0 || len(mag)*8 > maxCoefBits+8:
			r.fail("wide value of %d bytes", len(mag))
			continue
		}
		c := new(big.Int).SetBytes(mag)
		if c.BitLen() > maxCoefBits {
			r.fail("a value of about %d digits; at most about 2000 are encoded", c.BitLen()*3/10)
			continue
		}
		if head&1 == 1 {
			c.Neg(c)
		}
		if isWide == nil {
			isWide = make(map[int]bool)
		}
		isWide[int(i)] = true
		bd.setBig(int(i), c)
		next = i + 1
	}
	for k := 0; k < int(n) && r.err == nil; k++ {
		if has(k) && !isWide[k] {
			bd.set(k, r.varint("value"))
		}
	}
	if r.err == nil && r.off != len(data) {
		r.fail("%d bytes after the last value", len(data)-r.off)
	}
	if r.err != nil {
		return nil, r.err
	}
	return bd.done(), nil
}
