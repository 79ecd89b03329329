package tfbeam

import (
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/graph/coder"
	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// Beam encodes a struct of exported fields by its schema coder, which sees
// nothing of a struct whose fields are unexported: decimal.Decimal,
// series.Month, series.Series, partner.Code, tradeflow.Key and the library's
// other values would arrive zero after a shuffle, without an error. Every
// such type that this package puts in a PCollection has a coder of its own,
// registered here, which writes its exact binary or text form.

func init() {
	// Keys of a GroupByKey or a combiner: equal values give equal bytes.
	registerKey(reflect.TypeFor[tradeflow.Key](), encodeKey, decodeKey)
	registerKey(reflect.TypeFor[partner.Code](), encodeCode, decodeCode)
	registerKey(reflect.TypeFor[series.Month](), encodeMonth, decodeMonth)
	registerKey(reflect.TypeFor[series.Period](), encodePeriod, decodePeriod)
	registerKey(reflect.TypeFor[keyPeriod](), encodeKeyPeriod, decodeKeyPeriod)
	beam.RegisterCoder(reflect.TypeFor[decimal.Decimal](), encodeDecimal, decodeDecimal)
	beam.RegisterCoder(reflect.TypeFor[tradeflow.Vintage](), encodeVintage, decodeVintage)
	beam.RegisterCoder(reflect.TypeFor[partner.Decomposition](), encodeDecomposition, decodeDecomposition)
	beam.RegisterCoder(reflect.TypeFor[partner.Breakdown](), encodeBreakdown, decodeBreakdown)
	beam.RegisterCoder(reflect.TypeFor[series.Run](), encodeRun, decodeRun)
	beam.RegisterCoder(reflect.TypeFor[Gap](), encodeGap, decodeGap)
	beam.RegisterCoder(reflect.TypeFor[rawDead](), encodeRawDead, decodeRawDead)
	beam.RegisterCoder(reflect.TypeFor[part](), encodePart, decodePart)
	beam.RegisterCoder(reflect.TypeFor[parts](), encodeParts, decodeParts)
	// The DoFns are registered as types and called by reflection (see
	// Register).
	for _, t := range []reflect.Type{reflect.TypeFor[block](), reflect.TypeFor[DeadLetter](), reflect.TypeFor[Summary](),
		reflect.TypeFor[SkipCount](), reflect.TypeFor[ReadOptions](), reflect.TypeFor[CumOptions](), reflect.TypeFor[Condition](),
		reflect.TypeFor[splitFn](), reflect.TypeFor[summaryFn](), reflect.TypeFor[blockSummary](), reflect.TypeFor[blockCount](), reflect.TypeFor[firstLinesFn](), reflect.TypeFor[numberFn](), reflect.TypeFor[failFn](),
		reflect.TypeFor[monthsFn](), reflect.TypeFor[partsFn](),
		reflect.TypeFor[csvKVFn](), reflect.TypeFor[csvFn](), reflect.TypeFor[writeFn]()} {
		beam.RegisterType(t)
	}
	beam.RegisterFunction(keyByFile)
	beam.RegisterFunction(jsonKV)
	beam.RegisterFunction(jsonLine)

	Register[series.USD]()
	Register[series.USD100M]()
	Register[series.USDMillion]()
	Register[series.USDBillion]()
	Register[series.USDThousand]()
	Register[series.CNY]()
	Register[series.CNY100M]()
	Register[series.CNYBillion]()
	Register[series.CNYTrillion]()
	Register[series.Kilograms]()
	Register[series.Tonnes]()
	Register[series.MillionTonnes]()
	Register[series.Items]()
	Register[series.Litres]()
	Register[series.Index]()
	Register[series.Percent]()
	Register[series.PercentagePoints]()
}

// registerKey registers the coder of a type whose encoding is
// deterministic, as a key's must be.
func registerKey(t reflect.Type, enc, dec any) {
	beam.RegisterCoder(t, enc, dec)
	coder.RegisterDeterministicCoder(t, enc, dec)
}

// Register makes the transforms of this package work with series in unit
// U: it registers U's coders and DoFns with Beam. Every unit of package
// series is registered already (a Per of two units excepted); call
// Register in an init function for a unit of your own, so that it runs in
// every process of the pipeline.
//
// The DoFns are registered as types, and Beam calls them by reflection.
// Beam's generic register package would spare that, but its
// instantiations are costly to compile: about 2 GB of the compiler's
// memory for this package's two dozen DoFns, before any unit's.
func Register[U series.Unit]() {
	beam.RegisterCoder(reflect.TypeFor[series.Series[U]](), encodeBinary, decodeBinary)
	beam.RegisterCoder(reflect.TypeFor[Figures[U]](), encodeBinary, decodeBinary)
	beam.RegisterCoder(reflect.TypeFor[sum[U]](), encodeBinary, decodeBinary)
	for _, t := range []reflect.Type{
		reflect.TypeFor[readFn[U]](), reflect.TypeFor[tagFn[U]](), reflect.TypeFor[mergeFn[U]](),
		reflect.TypeFor[yoyFn[U]](), reflect.TypeFor[ytdFn[U]](), reflect.TypeFor[rollingFn[U]](),
		reflect.TypeFor[streakFn[U]](), reflect.TypeFor[spanFn[U]](), reflect.TypeFor[zeroFillFn[U]](),
		reflect.TypeFor[allGoodsFn[U]](), reflect.TypeFor[addFn[U]](), reflect.TypeFor[spreadFn[U]](),
		reflect.TypeFor[contribFn[U]](), reflect.TypeFor[sharesFn[U]](), reflect.TypeFor[memberFn[U]](),
	} {
		beam.RegisterType(t)
	}
}

// MarshalBinary returns the binary form of f, its series in the library's
// binary form, for Beam's coder. It implements encoding.BinaryMarshaler.
func (f Figures[U]) MarshalBinary() ([]byte, error) {
	var e encoder
	e.block(f.at)
	e.varint(int64(f.opts))
	t, err := f.Series.MarshalBinary()
	e.fail(err)
	e.bytes(t)
	e.bool(f.Vintages != nil)
	if f.Vintages != nil {
		e.uvarint(uint64(len(f.Vintages)))
		for _, v := range f.Vintages {
			e.text(v)
		}
	}
	e.string(f.Err)
	e.uvarint(uint64(len(f.older)))
	for _, x := range f.older {
		e.period(x.p)
		e.decimal(x.v)
		e.text(x.vintage)
	}
	return e.b, e.err
}

// UnmarshalBinary reads the form MarshalBinary writes into f, replacing
// it. It implements encoding.BinaryUnmarshaler; a series of another unit
// than U is a *series.UnitError.
func (f *Figures[U]) UnmarshalBinary(b []byte) error {
	d := decoder{b: b}
	*f = Figures[U]{}
	f.at = d.block()
	f.File, f.Start, f.End = f.at.Path, f.at.Start, f.at.End
	f.opts = int(d.varint())
	t := d.bytes()
	if d.err == nil {
		if err := f.Series.UnmarshalBinary(t); err != nil {
			return err
		}
	}
	if d.bool() {
		n := d.uvarint()
		if n > uint64(len(d.b)) {
			d.fail("%d vintages in %d bytes", n, len(d.b))
		}
		f.Vintages = make([]tradeflow.Vintage, 0, n)
		for i := uint64(0); i < n && d.err == nil; i++ {
			var v tradeflow.Vintage
			d.text(&v)
			f.Vintages = append(f.Vintages, v)
		}
	}
	f.Err = d.string()
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail("%d earlier figures in %d bytes", n, len(d.b))
	}
	for i := uint64(0); i < n && d.err == nil; i++ {
		var x figure
		x.p = d.period()
		x.v = d.decimal()
		d.text(&x.vintage)
		f.older = append(f.older, x)
	}
	return d.done()
}

func (e *encoder) block(b block) {
	e.string(b.Path)
	e.varint(b.Size)
	e.varint(b.Start)
	e.varint(b.End)
	e.bool(b.Gzip)
}

func (d *decoder) block() block {
	var b block
	b.Path = d.string()
	b.Size = d.varint()
	b.Start = d.varint()
	b.End = d.varint()
	b.Gzip = d.bool()
	return b
}

func encodeRawDead(r rawDead) ([]byte, error) {
	var e encoder
	e.block(r.At)
	e.varint(int64(r.Opts))
	e.varint(int64(r.Line))
	e.varint(int64(r.EndLine))
	e.varint(int64(r.Column))
	e.string(r.Name)
	e.string(r.Value)
	e.string(r.Reason)
	e.bool(r.Relative)
	e.key(r.Key)
	e.period(r.Period)
	e.text(r.Vintage)
	e.decimal(r.Figure)
	e.block(r.Other)
	e.varint(int64(r.OtherOpts))
	e.period(r.OtherPeriod)
	e.text(r.OtherVintage)
	e.decimal(r.OtherFigure)
	e.string(r.Tail)
	e.bool(r.Kept)
	return e.b, e.err
}

func decodeRawDead(b []byte) (rawDead, error) {
	d := decoder{b: b}
	var r rawDead
	r.At = d.block()
	r.Opts = int(d.varint())
	r.Line = int(d.varint())
	r.EndLine = int(d.varint())
	r.Column = int(d.varint())
	r.Name = d.string()
	r.Value = d.string()
	r.Reason = d.string()
	r.Relative = d.bool()
	r.Key = d.key()
	r.Period = d.period()
	d.text(&r.Vintage)
	r.Figure = d.decimal()
	r.Other = d.block()
	r.OtherOpts = int(d.varint())
	r.OtherPeriod = d.period()
	d.text(&r.OtherVintage)
	r.OtherFigure = d.decimal()
	r.Tail = d.string()
	r.Kept = d.bool()
	return r, d.done()
}

func encodeGap(g Gap) ([]byte, error) {
	var e encoder
	e.key(g.Key)
	e.period(g.Period)
	e.string(g.Name)
	e.b = append(e.b, byte(g.Reason))
	e.period(g.Cause)
	e.string(g.Err)
	return e.b, e.err
}

func decodeGap(b []byte) (Gap, error) {
	d := decoder{b: b}
	var g Gap
	g.Key = d.key()
	g.Period = d.period()
	g.Name = d.string()
	if d.err == nil && len(d.b) > 0 {
		g.Reason = series.Reason(d.b[0])
		d.b = d.b[1:]
	} else {
		d.fail("gap: truncated")
	}
	g.Cause = d.period()
	g.Err = d.string()
	return g, d.done()
}

func encodeKeyPeriod(k keyPeriod) ([]byte, error) {
	var e encoder
	e.key(k.Key)
	e.period(k.Period)
	return e.b, e.err
}

func decodeKeyPeriod(b []byte) (keyPeriod, error) {
	d := decoder{b: b}
	var k keyPeriod
	k.Key = d.key()
	k.Period = d.period()
	return k, d.done()
}

func (e *encoder) part(p part) {
	e.text(p.Code)
	e.bool(p.HasValue)
	if p.HasValue {
		e.decimal(p.Value)
	}
	e.bool(p.HasBase)
	if p.HasBase {
		e.decimal(p.Base)
	}
}

func (d *decoder) part() part {
	var p part
	d.text(&p.Code)
	if p.HasValue = d.bool(); p.HasValue {
		p.Value = d.decimal()
	}
	if p.HasBase = d.bool(); p.HasBase {
		p.Base = d.decimal()
	}
	return p
}

func encodePart(p part) ([]byte, error) {
	var e encoder
	e.part(p)
	return e.b, e.err
}

func decodePart(b []byte) (part, error) {
	d := decoder{b: b}
	p := d.part()
	return p, d.done()
}

func encodeParts(ps parts) ([]byte, error) {
	var e encoder
	e.uvarint(uint64(len(ps.Parts)))
	for _, p := range ps.Parts {
		e.part(p)
	}
	e.uvarint(uint64(len(ps.Twice)))
	for _, c := range ps.Twice {
		e.text(c)
	}
	return e.b, e.err
}

func decodeParts(b []byte) (parts, error) {
	d := decoder{b: b}
	var ps parts
	n := d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		ps.Parts = append(ps.Parts, d.part())
	}
	n = d.uvarint()
	for i := uint64(0); i < n && d.err == nil; i++ {
		var c partner.Code
		d.text(&c)
		ps.Twice = append(ps.Twice, c)
	}
	return ps, d.done()
}
