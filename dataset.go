package tradeflow

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow/series"
)

// A Key names one series of a dataset.
type Key struct {
	Reporter  string  // ISO 3166-1 alpha-2 code of the reporting country, such as "CN"
	Partner   string  // alpha-2 code, "WLD" for all partners, or a group or region such as "EU", "ASEAN"
	Commodity string  // "TOTAL", an HS code such as "1201", or a product group such as "RARE_EARTHS"
	Flow      Flow    // exports, imports, …
	Measure   Measure // a level, a quantity or a published rate
}

// String returns the key as "CN X WLD TOTAL value".
func (k Key) String() string {
	return fmt.Sprintf("%s %s %s %s %s", k.Reporter, k.Flow.Code(), k.Partner, k.Commodity, k.Measure)
}

func (k Key) compare(o Key) int {
	return cmp.Or(cmp.Compare(k.Reporter, o.Reporter), cmp.Compare(k.Flow, o.Flow), cmp.Compare(k.Partner, o.Partner),
		cmp.Compare(k.Commodity, o.Commodity), cmp.Compare(k.Measure, o.Measure))
}

// A Figure is one published number: a series' value for a period, as
// printed by a source on a release date.
type Figure struct {
	Key     Key
	Period  series.Period   // a month, a combined release or a year to date
	Value   decimal.Decimal // as printed, in Unit
	Unit    Unit            // as printed
	Vintage Vintage         // the release it was printed in
	Source  string
	Note    string
	File    string // the dataset's name (the file it was loaded from)
	Line    int    // the line of that file; 0 if added by code
}

// Printed returns the value as it was printed, trailing zeros kept: a
// rate printed "1.0" has one decimal place, which matters when it is
// reconciled with levels.
func (f Figure) Printed() string { return printed(f.Value) }

func printed(v decimal.Decimal) string {
	if e := v.Exponent(); e < 0 {
		return v.StringFixed(-e)
	}
	return v.String()
}

// Normalized returns the figure's value in its dimension's base unit (USD,
// CNY, kg, percent, index), exactly: USD_100M 3303.5 is USD 330,350,000,000.
func (f Figure) Normalized() decimal.Decimal { return f.Value.Shift(int32(f.Unit.exp)) }

// row is a figure as the dataset stores it: a fixed-size record in one
// slice, so a dataset of millions of figures is not millions of objects.
type row struct {
	key     int32
	period  series.Period
	coef    int64 // value = coef × 10^exp in the printed unit, unless big
	exp     int32
	unit    uint8 // index into unitList
	vintage Vintage
	source  int32 // index into Dataset.strs
	note    int32
	line    int32
}

var unitList = func() []Unit {
	l := make([]Unit, 0, len(units))
	for _, u := range units {
		l = append(l, u)
	}
	slices.SortFunc(l, func(a, b Unit) int { return cmp.Compare(a.code, b.code) })
	return l
}()

func unitIndex(u Unit) uint8 {
	i, _ := slices.BinarySearchFunc(unitList, u.code, func(a Unit, c string) int { return cmp.Compare(a.code, c) })
	return uint8(i)
}

// A Dataset holds many series of figures, keyed by reporter, partner,
// commodity, flow and measure, each figure with its unit, source and
// vintage; a figure may exist in several vintages.
//
// A Dataset is built by the loaders ([Load], [LoadComtrade]) or by [Dataset.Add];
// once built it is safe for concurrent reads. Add must not run
// concurrently with anything else.
type Dataset struct {
	name   string
	keys   []Key    // one entry a series: a key can have series in two currencies
	dims   []string // the dimension of each series' unit
	keyIdx map[skey]int32
	rows   []row
	bigs   map[int]decimal.Decimal // values whose coefficient does not fit int64, by row
	strs   []string
	strIdx map[string]int32

	once  sync.Once
	order []int32 // rows sorted by key, period and vintage
	spans [][2]int32
}

// skey names one series: a key in one dimension. China's customs print
// exports in dollars and in yuan under the same key.
type skey struct {
	Key
	dim string
}

// NewDataset returns an empty dataset; name is used in error messages.
func NewDataset(name string) *Dataset {
	return &Dataset{name: name, keyIdx: map[skey]int32{}, strIdx: map[string]int32{"": 0}, strs: []string{""}}
}

// Name returns the name given to NewDataset or the loader (a file name).
func (ds *Dataset) Name() string { return ds.name }

// ErrDuplicate is wrapped by errors about two figures for the same key,
// period and vintage.
var ErrDuplicate = errors.New("duplicate figure")

// ErrUnit is wrapped by errors about units that do not match.
var ErrUnit = errors.New("unit mismatch")

func (ds *Dataset) intern(s string) int32 {
	if i, ok := ds.strIdx[s]; ok {
		return i
	}
	i := int32(len(ds.strs))
	ds.strs = append(ds.strs, s)
	ds.strIdx[s] = i
	return i
}

// Add adds a figure. Figures of one key in units of different dimensions
// (exports in USD_100M and in CNY_TN) form separate series; units of one
// dimension (USD_100M and USD_M) mix freely, since values convert exactly.
func (ds *Dataset) Add(f Figure) error {
	if !f.Period.Valid() {
		return fmt.Errorf("invalid period %v", f.Period)
	}
	if f.Unit.base == nil {
		return fmt.Errorf("figure for %v has no unit", f.Key)
	}
	sk := skey{f.Key, f.Unit.Dimension()}
	k, ok := ds.keyIdx[sk]
	if !ok {
		k = int32(len(ds.keys))
		ds.keys = append(ds.keys, f.Key)
		ds.dims = append(ds.dims, sk.dim)
		ds.keyIdx[sk] = k
	}
	r := row{key: k, period: f.Period, unit: unitIndex(f.Unit), vintage: f.Vintage,
		source: ds.intern(f.Source), note: ds.intern(f.Note), line: int32(f.Line), exp: f.Value.Exponent()}
	c := f.Value.Coefficient()
	if c.IsInt64() {
		r.coef = c.Int64()
	} else {
		if ds.bigs == nil {
			ds.bigs = map[int]decimal.Decimal{}
		}
		ds.bigs[len(ds.rows)] = f.Value
	}
	ds.rows = append(ds.rows, r)
	ds.once = sync.Once{}
	return nil
}

func (ds *Dataset) figure(i int32) Figure {
	r := ds.rows[i]
	v, ok := ds.bigs[int(i)]
	if !ok {
		v = decimal.New(r.coef, r.exp)
	}
	return Figure{Key: ds.keys[r.key], Period: r.period, Value: v, Unit: unitList[r.unit],
		Vintage: r.vintage, Source: ds.strs[r.source], Note: ds.strs[r.note], File: ds.name, Line: int(r.line)}
}

// index sorts the rows by key, period (by last month, then first) and vintage.
func (ds *Dataset) index() {
	ds.once.Do(func() {
		ds.order = make([]int32, len(ds.rows))
		for i := range ds.order {
			ds.order[i] = int32(i)
		}
		slices.SortStableFunc(ds.order, func(a, b int32) int {
			ra, rb := &ds.rows[a], &ds.rows[b]
			return cmp.Or(ds.keys[ra.key].compare(ds.keys[rb.key]), cmp.Compare(ds.dims[ra.key], ds.dims[rb.key]), ra.period.Last.Compare(rb.period.Last),
				rb.period.First.Compare(ra.period.First), ra.vintage.Compare(rb.vintage))
		})
		ds.spans = make([][2]int32, len(ds.keys))
		for i := 0; i < len(ds.order); {
			k := ds.rows[ds.order[i]].key
			j := i
			for j < len(ds.order) && ds.rows[ds.order[j]].key == k {
				j++
			}
			ds.spans[k] = [2]int32{int32(i), int32(j)}
			i = j
		}
	})
}

// rowsOf returns the rows of key k in index order.
func (ds *Dataset) rowsOf(k int32) []int32 {
	ds.index()
	s := ds.spans[k]
	return ds.order[s[0]:s[1]]
}

// Len returns the number of figures, counting every vintage.
func (ds *Dataset) Len() int { return len(ds.rows) }

// Keys returns the keys of the dataset, sorted by reporter, flow, partner,
// commodity and measure.
func (ds *Dataset) Keys() []Key {
	ks := slices.Clone(ds.keys)
	slices.SortFunc(ks, Key.compare)
	return slices.Compact(ks)
}

// Dimensions returns the dimensions a key has series in, such as
// ["CNY" "USD"] for exports printed in both currencies.
func (ds *Dataset) Dimensions(key Key) []string {
	var out []string
	for k, d := range ds.dims {
		if ds.keys[k] == key {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

// series returns the indices of key's series, in the order of their dimensions.
func (ds *Dataset) seriesOf(key Key) []int32 {
	var out []int32
	for _, d := range ds.Dimensions(key) {
		out = append(out, ds.keyIdx[skey{key, d}])
	}
	return out
}

// Figures returns every figure, every vintage, sorted by key, then
// dimension, then period (by last month, a longer period first), then
// vintage.
func (ds *Dataset) Figures() iter.Seq[Figure] {
	return func(yield func(Figure) bool) {
		ds.index()
		for _, k := range ds.Keys() {
			for _, sk := range ds.seriesOf(k) {
				for _, i := range ds.rowsOf(sk) {
					if !yield(ds.figure(i)) {
						return
					}
				}
			}
		}
	}
}

// Vintages returns the figures for key and period, oldest vintage first;
// a key printed in two currencies gives the figures of each.
func (ds *Dataset) Vintages(key Key, p series.Period) []Figure {
	var out []Figure
	for _, k := range ds.seriesOf(key) {
		for _, i := range ds.rowsOf(k) {
			if ds.rows[i].period == p {
				out = append(out, ds.figure(i))
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Figure) int { return a.Vintage.Compare(b.Vintage) })
	return out
}

// Lookup returns the latest vintage of the figure for key and period.
func (ds *Dataset) Lookup(key Key, p series.Period) (Figure, bool) {
	v := ds.Vintages(key, p)
	if len(v) == 0 {
		return Figure{}, false
	}
	return v[len(v)-1], true
}

// AsOf returns the dataset as it stood at the end of day t: only figures
// whose vintage is on or before t (a month-only vintage counts from the end
// of its month; a figure with no vintage is left out). Lookups and series
// then take the latest of those vintages.
func (ds *Dataset) AsOf(t time.Time) *Dataset {
	out := NewDataset(ds.name)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	for i := range ds.rows {
		if r := ds.rows[i]; !r.vintage.IsZero() && !r.vintage.Date().After(day) {
			// Rows from ds are valid, so Add cannot fail.
			_ = out.Add(ds.figure(int32(i)))
		}
	}
	return out
}

// A Revision is a figure printed again in a later vintage.
type Revision struct {
	Key      Key
	Period   series.Period
	From, To Figure
	Change   decimal.Decimal // To − From, in the base unit
}

// Revisions returns, for every key and period printed in more than one
// vintage, the change from each vintage to the next.
func (ds *Dataset) Revisions() []Revision {
	var out []Revision
	var prev Figure
	have := false
	for f := range ds.Figures() {
		if have && f.Key == prev.Key && f.Period == prev.Period && f.Unit.Dimension() == prev.Unit.Dimension() {
			out = append(out, Revision{f.Key, f.Period, prev, f, f.Normalized().Sub(prev.Normalized())})
		}
		prev, have = f, true
	}
	return out
}
