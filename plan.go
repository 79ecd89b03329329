package tradeflow

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"
	"strings"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// A plan is a schema bound to a file's header: for each attribute of a
// figure, the column that holds it or its constant.
type plan struct {
	name   string
	schema string
	delim  byte
	ncols  int
	header []string

	period, reporter, partner, flow, commodity, class, measure, value, unit, vintage, source, note ref
	month                                                                                          ref // see Schema.Month
	services                                                                                       ref
	quantities                                                                                     []qref
	flags                                                                                          []flagRef
	parts                                                                                          []partRule
	wide                                                                                           []wideCol
	skips                                                                                          []skipRule
	// leftOut names the reasons a row's figure may be left out, for the
	// summary's counts.
	leftOut []string
	// noValue is the index in leftOut of an optional value's empty cell,
	// or -1.
	noValue int

	point, thousands byte
	unlisted         bool
	unlistedOnly     []string // see Schema.unlistedOnly
	hsLen            int      // see Schema.hsLen
	periodChecks     []periodRule
	countries        []partner.Code // see Schema.countries
	others           []otherRule
	hsOnly           bool
	keepBreakdowns   bool
	keepOther        bool
	maxLine          int
	arrays           bool // a record is a line (a JSON table's array), whatever newlines its fields hold
	check            func(*Figure) (string, error)
	// edition is the edition a constant classification gives.
	edition Edition
	// summed reports a breakdown whose parts are added up into totals.
	summed bool

	// Sources and notes given as constants, interned once.
	srcID, noteID int32

	// Key texts the workers have learnt; added to under the dataset's lock.
	keys *keyTable
	// The key columns, when they are side by side in the file: their
	// text can then be compared without being copied. -1 otherwise.
	spanFirst, spanLast int
}

// A ref is where one attribute comes from.
type ref struct {
	role     string
	col      int // the column, or -1 for a constant (or no value)
	name     string
	konst    string // the value when col < 0
	kb       []byte // konst
	has      bool   // whether there is a value at all
	optional bool
	required bool
	missing  [][]byte // texts that mean no value
	field    Field
}

// A qref is a quantity's columns, and the indices in plan.leftOut of the
// reasons it may be left out: empty, no unit, an estimated zero.
type qref struct {
	value, unit, est           ref
	measure                    Measure
	noValue, noUnit, zeroEstim int
	// unitless: the file has no unit for the quantity (no unit column,
	// with Field.Or("")), so each value is left out, counted at noUnitCol.
	unitless  bool
	noUnitCol int
}

type flagRef struct {
	ref
	flag Flags
}

// A partRule is a breakdown column whose parts a read keeps in the key:
// with KeepBreakdowns, or to add them up into totals (sum).
type partRule struct {
	ref
	bname  string
	total  [][]byte
	sum    bool
	parts  bool // the file has no total rows: an empty cell is an error
	reason string
}

type wideCol struct {
	col     int
	name    string
	period  series.Period
	partner partner.Code
}

type skipRule struct {
	col    int
	keep   [][]byte
	match  func(string) bool
	reason string
	// part, for a breakdown's column, is that column: its cell is a
	// breakdown code, an empty cell or one of keep is the total (see
	// isTotal), and a row is skipped only once it is known to be good
	// but for being a part (worker.part).
	part  *ref
	whole bool // the column holds whole breakdowns (BreakdownField.Name "")
}

// newPlan binds schema s to header head.
func newPlan(name string, s Schema, head []byte, cfg readConfig) (*plan, error) {
	p := &plan{name: name, schema: s.Name, point: s.Point, thousands: s.Thousands, unlisted: s.Unlisted || cfg.unlisted, unlistedOnly: s.unlistedOnly, hsLen: s.hsLen, countries: s.countries, check: s.Check, keys: newKeyTable(), maxLine: cfg.maxLine, arrays: cfg.arrays,
		hsOnly: s.HSOnly, keepBreakdowns: cfg.keepBreakdowns, keepOther: cfg.keepOther}
	if p.point == 0 {
		p.point = '.'
	}
	p.delim = s.Delimiter
	if p.delim == 0 {
		p.delim = detectDelimiter(head)
	}
	var rec record
	splitRecord(bytes.Clone(head), 0, p.delim, &rec)
	for i := range rec.n() {
		p.header = append(p.header, strings.TrimSpace(string(rec.field(i))))
	}
	p.ncols = len(p.header)

	switch {
	case s.Wide != Long && !s.Value.IsZero():
		return nil, fmt.Errorf("tradeflow: schema %s: a wide layout takes its values from the columns its header names; Value must be zero", s.Name)
	case s.Wide == WideMonths && !s.Month.IsZero():
		return nil, fmt.Errorf("tradeflow: schema %s: a wide layout of months has its months in the header; Month must be zero", s.Name)
	case s.Wide == WideMonths && !s.Period.IsZero(), s.Wide == WidePartners && !s.Partner.IsZero():
		return nil, fmt.Errorf("tradeflow: schema %s: a wide layout's header gives the period or the partner; that Field must be zero", s.Name)
	case !s.Month.IsZero() && s.Period.IsZero():
		return nil, fmt.Errorf("tradeflow: schema %s: a Month column is the month of Period's year; Period must be given", s.Name)
	}
	herr := &HeaderError{File: name, Schema: s.Name}
	if herr.Schema == "" {
		herr.Schema = "the schema's"
	}
	byName := map[string][]int{}
	for i, h := range p.header {
		byName[strings.ToLower(h)] = append(byName[strings.ToLower(h)], i)
	}
	used := make([]bool, p.ncols)
	bind := func(role string, f Field, need bool, dflt string) ref {
		r := ref{role: role, col: -1, field: f, optional: f.optional, required: f.required}
		for _, m := range f.missing {
			r.missing = append(r.missing, []byte(m))
		}
		if f.isConst {
			r.konst, r.kb, r.has = f.konst, []byte(f.konst), true
			return r
		}
		if f.fromName != nil {
			if v := f.fromName(name); v != "" {
				if f.hasOr && !sameConst(role, v, f.or) {
					// An option the file's name contradicts is not
					// ignored without a word.
					herr.Conflicts = append(herr.Conflicts, fmt.Sprintf("%s: the file's name says %s, the read's option %s", role, v, f.or))
				}
				r.konst, r.kb, r.has = v, []byte(v), true
				r.name = "the file's name"
				return r
			}
			switch {
			case f.hasOr:
				r.konst, r.kb, r.has = f.or, []byte(f.or), true
			case f.required:
				hint := role + ": the file's name does not say"
				switch role {
				case "vintage":
					hint += "; pass tradeflow.WithVintage"
				case "source":
					hint += "; pass tradeflow.WithSource"
				}
				herr.Missing = append(herr.Missing, hint)
			}
			return r
		}
		var cols []int
		for _, n := range f.names {
			for _, c := range byName[strings.ToLower(n)] {
				if !contains(cols, c) {
					cols = append(cols, c)
				}
			}
		}
		switch {
		case len(cols) > 1:
			names := make([]string, len(cols))
			for i, c := range cols {
				names[i] = fmt.Sprintf("%d", c+1)
			}
			if len(f.names) == 1 || allSameName(p.header, cols) {
				herr.Twice = append(herr.Twice, fmt.Sprintf("%s (columns %s)", p.header[cols[0]], strings.Join(names, " and ")))
			} else {
				herr.Ambiguous = append(herr.Ambiguous, fmt.Sprintf("%s (columns %s)", role, strings.Join(names, " and ")))
			}
		case len(cols) == 1:
			r.col, r.name, r.has = cols[0], p.header[cols[0]], true
			used[cols[0]] = true
			return r
		}
		switch {
		case f.hasOr:
			r.konst, r.kb, r.has = f.or, []byte(f.or), true
		case dflt != "":
			r.konst, r.kb, r.has = dflt, []byte(dflt), true
		case f.optional || len(f.names) == 0:
		case need || len(f.names) > 0:
			if len(cols) == 0 {
				herr.Missing = append(herr.Missing, missingHint(role, f))
			}
		}
		return r
	}
	orOption := func(role string, f Field, v string) Field {
		if v != "" && f.isConst && !sameConst(role, f.konst, v) {
			// The schema fixes it (Census's reporter, Comtrade's
			// source): an option that says otherwise would be
			// ignored without a word.
			herr.Conflicts = append(herr.Conflicts, fmt.Sprintf("%s: the schema says %s, the read's option %s", role, f.konst, v))
		}
		if v != "" && !f.isConst && !f.hasOr {
			return f.Or(v)
		}
		return f
	}
	periodField, monthField := s.Period, s.Month
	inHeader := func(f Field) bool {
		return slices.ContainsFunc(f.names, func(n string) bool { return len(byName[strings.ToLower(n)]) > 0 })
	}
	if s.yearMonth != nil && !inHeader(s.Period) && inHeader(s.yearMonth[0]) {
		periodField, monthField = s.yearMonth[0], s.yearMonth[1]
	}
	p.period = bind("period", periodField, s.Wide != WideMonths, "")
	p.month = bind("month", monthField, false, "")
	p.reporter = bind("reporter", orOption("reporter", s.Reporter, cfg.reporter), true, "")
	p.partner = bind("partner", s.Partner, s.Wide != WidePartners, "")
	p.flow = bind("flow", s.Flow, true, "")
	p.commodity = bind("commodity", s.Commodity, true, "")
	p.class = bind("classification", s.Classification, false, "")
	p.measure = bind("measure", s.Measure, false, Value.String())
	p.value = bind("value", s.Value, s.Wide == Long, "")
	p.noValue = -1
	if s.Wide == Long && p.value.optional {
		// An empty value is no figure, and counted as such.
		name := p.value.name
		if name == "" && len(s.Value.names) > 0 {
			name = s.Value.names[0]
		} else if name == "" {
			name = "value"
		}
		p.noValue = len(p.leftOut)
		p.leftOut = append(p.leftOut, fmt.Sprintf("%s: empty (no value)", name))
	}
	p.unit = bind("unit", s.Unit, true, "")
	p.vintage = bind("vintage", orOption("vintage", s.Vintage, cfg.vintage), false, "")
	p.source = bind("source", orOption("source", s.Source, cfg.source), false, "")
	p.note = bind("note", s.Note, false, "")
	p.services = bind("services", s.Services.Optional(), false, "")
	for _, q := range s.Quantities {
		qv := bind("quantity", q.Value.Optional(), false, "")
		qunit := q.Unit
		if !qv.has {
			qunit = qunit.Optional() // no quantity, no unit needed
		}
		qu := bind("quantity unit", qunit, qv.has, "")
		qe := bind("estimated", q.Estimated.Optional(), false, "")
		m := q.Measure
		if m == 0 {
			m = Quantity
		}
		if m != Quantity && m != SupplementaryQuantity && m != GrossWeight {
			return nil, fmt.Errorf("tradeflow: schema %s: a quantity's measure is quantity, supplementary_quantity or gross_weight, not %v", s.Name, m)
		}
		qr := qref{value: qv, unit: qu, est: qe, measure: m}
		col := qv.name
		qr.noValue = len(p.leftOut)
		empty := "empty"
		if len(q.Value.missing) > 0 {
			empty = "empty or " + strings.Join(q.Value.missing, " or ")
		}
		p.leftOut = append(p.leftOut, fmt.Sprintf("%s: %s (no %s)", col, empty, m))
		qr.noUnit = len(p.leftOut)
		p.leftOut = append(p.leftOut, fmt.Sprintf("%s: a zero whose unit (%s) says there is none, taken as no %s", col, qu.name, m))
		qr.zeroEstim = len(p.leftOut)
		p.leftOut = append(p.leftOut, fmt.Sprintf("%s: an estimated zero (%s true), taken as no %s", col, qe.name, m))
		if qv.has && qu.has && qu.col < 0 && qu.konst == "" {
			why := "the schema gives no quantity unit"
			if len(q.Unit.names) > 0 {
				why = fmt.Sprintf("no quantity unit column (%s)", q.Unit.names[0])
			}
			qr.unitless, qr.noUnitCol = true, len(p.leftOut)
			p.leftOut = append(p.leftOut, fmt.Sprintf("%s: %s, so no %s", col, why, m))
		}
		p.quantities = append(p.quantities, qr)
	}
	for _, fl := range s.Flags {
		r := bind("flag", fl.Column.Optional(), false, "")
		if r.has {
			p.flags = append(p.flags, flagRef{r, fl.Flag})
		}
	}
	for _, bd := range s.Breakdowns {
		if bd.Name != "" && !validBreakdownName(bd.Name) {
			return nil, fmt.Errorf("tradeflow: schema %s: breakdown name %q: want lower-case letters and digits, starting with a letter", s.Name, bd.Name)
		}
		r := bind("breakdown", bd.Column.Optional(), false, "")
		if r.col < 0 {
			continue
		}
		if bd.Name == "" && bd.Total != nil {
			return nil, fmt.Errorf("tradeflow: schema %s: a breakdown column of whole breakdowns has no total codes", s.Name)
		}
		sum := bd.Total == nil && bd.Name != "" // no total rows: the parts add up
		if cfg.keepBreakdowns || sum {
			pr := partRule{ref: r, bname: bd.Name, sum: sum && !cfg.keepBreakdowns, parts: sum, reason: bd.Reason}
			for _, t := range bd.Total {
				pr.total = append(pr.total, []byte(t))
			}
			p.summed = p.summed || pr.sum
			p.parts = append(p.parts, pr)
			continue
		}
		rule := skipRule{col: r.col, reason: bd.Reason, part: &r, whole: bd.Name == ""}
		for _, t := range bd.Total {
			rule.keep = append(rule.keep, []byte(t))
		}
		p.skips = append(p.skips, rule)
	}
	for _, sk := range s.Skip {
		r := bind("skip", sk.Column.Optional(), false, "")
		if r.col < 0 {
			continue
		}
		if sk.other != "" && cfg.keepOther && r.col == p.commodity.col {
			p.others = append(p.others, otherRule{match: sk.Match, class: sk.other})
			continue
		}
		rule := skipRule{col: r.col, reason: sk.Reason, match: sk.Match}
		for _, k := range sk.Keep {
			rule.keep = append(rule.keep, []byte(k))
		}
		p.skips = append(p.skips, rule)
	}
	for _, pc := range s.periodChecks {
		if r := bind("period check", pc.column.Optional(), false, ""); r.has {
			p.periodChecks = append(p.periodChecks, periodRule{ref: r, check: pc.check})
		}
	}
	if s.Wide != Long {
		for c, h := range p.header {
			if used[c] {
				continue
			}
			switch s.Wide {
			case WideMonths:
				if first, last, err := parsePeriod([]byte(h)); err == nil {
					p.wide = append(p.wide, wideCol{col: c, name: h, period: series.Period{First: monthAt(first), Last: monthAt(last)}})
					used[c] = true
				}
			case WidePartners:
				if pc, err := p.parsePartner(h); err == nil {
					p.wide = append(p.wide, wideCol{col: c, name: h, partner: pc})
					used[c] = true
				}
			}
		}
		if len(p.wide) == 0 {
			herr.Missing = append(herr.Missing, "value columns (a wide file needs columns headed by months or partners)")
		}
	}
	if s.Strict {
		for c, h := range p.header {
			if !used[c] && h == "" {
				// As a delimiter at the end of the header, or the index
				// pandas writes first, makes one: named by its place.
				herr.Unknown = append(herr.Unknown, fmt.Sprintf("column %d, which has no name", c+1))
			} else if !used[c] {
				herr.Unknown = append(herr.Unknown, h)
			}
		}
	}
	if len(herr.Missing)+len(herr.Twice)+len(herr.Unknown)+len(herr.Ambiguous)+len(herr.Conflicts) > 0 {
		if d, n := otherDelimiter(head, s.Delimiter, p.ncols); d != 0 {
			// Split at the wrong delimiter, every column would be listed
			// as missing (with hints that do not apply): say why instead.
			return nil, &HeaderError{File: name, Schema: herr.Schema, Delimiter: d, want: s.Delimiter, count: n}
		}
		return nil, herr
	}
	p.spanFirst, p.spanLast = -1, -1
	var keyCols []int
	for _, r := range p.keyRefs() {
		keyCols = append(keyCols, r.col)
	}
	slices.Sort(keyCols)
	if len(keyCols) > 0 && keyCols[len(keyCols)-1]-keyCols[0] == len(keyCols)-1 {
		p.spanFirst, p.spanLast = keyCols[0], keyCols[len(keyCols)-1]
	}
	// Constants are parsed once, here: a bad one is the program's mistake,
	// reported before any row.
	for _, r := range []*ref{&p.period, &p.month, &p.reporter, &p.partner, &p.flow, &p.commodity, &p.class, &p.measure, &p.unit, &p.vintage} {
		if r.col >= 0 || !r.has {
			continue
		}
		if err := p.parseConst(r); err != nil {
			return nil, fmt.Errorf("%s: %s: %s %q: %w", name, s.Name, r.role, r.konst, err)
		}
	}
	if p.class.col < 0 && p.class.has {
		if e, ok := parseEdition(p.class.kb); ok {
			p.edition = e
		} else if p.hsOnly && !p.keepOther {
			return nil, fmt.Errorf("%s: %s: classification %q is not the Harmonized System: pass tradeflow.KeepOtherCodes to keep its codes apart from HS codes: %w", name, s.Name, p.class.konst, ErrCommodity)
		}
	}
	return p, nil
}

// keyRefs returns the columns whose text names a row's series: a row's
// key text (see worker.keyText) is theirs.
func (p *plan) keyRefs() []*ref {
	var out []*ref
	for _, r := range []*ref{&p.reporter, &p.partner, &p.flow, &p.commodity, &p.class, &p.measure, &p.unit} {
		if r.col >= 0 {
			out = append(out, r)
		}
	}
	for i := range p.parts {
		out = append(out, &p.parts[i].ref)
	}
	return out
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func allSameName(header []string, cols []int) bool {
	for _, c := range cols[1:] {
		if !strings.EqualFold(header[c], header[cols[0]]) {
			return false
		}
	}
	return true
}

func missingHint(role string, f Field) string {
	s := f.names[0]
	if len(f.names) > 1 {
		s += " (or " + strings.Join(f.names[1:], ", ") + ")"
	}
	switch role {
	case "reporter":
		s += ": the file has no reporter; pass tradeflow.WithReporter"
	case "vintage":
		s += ": pass tradeflow.WithVintage for a file of one release"
	case "source":
		s += ": pass tradeflow.WithSource for a file of one source"
	}
	return s
}

// sameConst reports whether a and b, two constants given for role, are
// the same: as vintages for the vintage ("2025-01" is not 2025-01-15),
// as partner codes for the reporter (USA is US), else as texts.
func sameConst(role, a, b string) bool {
	switch role {
	case "reporter":
		ca, ea := partner.ParseCode(a)
		cb, eb := partner.ParseCode(b)
		return a == b || ea == nil && eb == nil && ca == cb
	case "vintage":
		va, ea := ParseVintage(a)
		vb, eb := ParseVintage(b)
		return ea == nil && eb == nil && va == vb
	}
	return a == b
}

// detectDelimiter returns the most frequent of comma, tab and semicolon
// outside quotes in the header, comma if none.
func detectDelimiter(head []byte) byte {
	counts := countDelimiters(head)
	best := byte(',')
	for _, c := range []byte{'\t', ';'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// countDelimiters counts the commas, tabs and semicolons outside quotes
// in the header.
func countDelimiters(head []byte) map[byte]int {
	counts := map[byte]int{}
	inQ := false
	for _, c := range head {
		switch {
		case c == '"':
			inQ = !inQ
		case !inQ && (c == ',' || c == '\t' || c == ';'):
			counts[c]++
		}
	}
	return counts
}

// otherDelimiter returns the delimiter a header seems to use instead of
// delim, a schema's own, and how many times the header holds it: when
// split at delim the header is one column (ncols), the most frequent
// other delimiter it holds at least twice (once may be a comma in a
// column's name); else 0. A detected delimiter (delim 0) is the header's
// own.
func otherDelimiter(head []byte, delim byte, ncols int) (byte, int) {
	if delim == 0 || ncols != 1 {
		return 0, 0
	}
	counts := countDelimiters(head)
	var best byte
	for _, c := range []byte{',', '\t', ';'} {
		if c != delim && counts[c] >= 2 && counts[c] > counts[best] {
			best = c
		}
	}
	return best, counts[best]
}

// prepare interns what the plan's constants need.
// simple reports whether every row has one figure, whose attributes other
// than the key's, the period's and the value's are the file's constants:
// a read that is deferred, and whose known rows may take worker.fastRow.
func (p *plan) simple() bool {
	return p.deferred() && len(p.quantities) == 0 && p.value.col >= 0 &&
		len(p.flags) == 0 && p.services.col < 0 && len(p.value.missing) == 0 && p.class.col < 0
}

// deferred reports whether a read can give its rows their series once the
// file is read (Dataset.entrySeries): each figure's series is then named
// by a key entry, its key text's or one of its own (worker.anon), so that
// no worker takes the dataset's lock to find or make a series. A wide
// file's columns and a schema's check need the series, or the key, of
// each figure as the row is read.
func (p *plan) deferred() bool { return len(p.wide) == 0 && p.check == nil }

func (p *plan) prepare(ds *Dataset) {
	if p.source.col < 0 && p.source.has {
		p.srcID = ds.intern(p.source.konst)
	}
	if p.note.col < 0 && p.note.has {
		p.noteID = ds.intern(p.note.konst)
	}
}

// parseConst checks a constant by parsing it as its role says.
func (p *plan) parseConst(r *ref) error {
	var err error
	switch r.role {
	case "period":
		_, _, err = parsePeriod([]byte(r.konst))
	case "month":
		_, err = parseMonthOfYear(r.konst)
	case "reporter":
		_, err = p.parseReporter(r.konst)
	case "partner":
		_, err = p.parsePartner(r.konst)
	case "flow":
		_, err = ParseFlow(r.konst)
	case "commodity":
		err = p.parseCommodityConst(r.konst)
	case "classification":
		if _, ok := parseEdition([]byte(r.konst)); !ok {
			_, err = OtherCode(r.konst, "0")
		}
	case "measure":
		_, err = ParseMeasure(r.konst)
	case "unit":
		_, err = ParseUnitCode(r.konst)
	case "vintage":
		_, err = ParseVintage(r.konst)
	}
	return err
}

// parseCommodityConst checks a constant commodity as worker.commodity
// reads it: under a classification other than HS it is that
// classification's code, so a classification column lets through a code
// valid as either.
func (p *plan) parseCommodityConst(s string) error {
	_, err := ParseCommodity(s)
	if err == nil || !p.class.has {
		return err
	}
	if p.class.col < 0 {
		if _, hs := parseEdition(p.class.kb); hs {
			return err
		}
		_, err = OtherCode(p.class.konst, s)
		return err
	}
	// The rows say which classification: "X" stands for any but HS.
	if _, e := OtherCode("X", s); e == nil {
		return nil
	}
	return err
}

// A periodRule is a Schema's periodCheck bound to the file: its column,
// or the value the file's name gives.
type periodRule struct {
	ref
	check func(v, text []byte, per series.Period) error
}

// An otherRule reads the commodity codes match accepts as codes of class:
// a Skip's (see Skip.other) in a read with KeepOtherCodes.
type otherRule struct {
	match func(string) bool
	class string
}

// parseCommodity is ParseCommodity, but for the codes of the plan's
// otherRules.
func (p *plan) parseCommodity(s string) (Commodity, error) {
	for _, o := range p.others {
		if o.match(s) {
			return OtherCode(o.class, s)
		}
	}
	return ParseCommodity(s)
}

// parsePartner reads a partner code; World and other aggregates are
// refused in a plan of countries only (Schema.countries).
func (p *plan) parsePartner(s string) (partner.Code, error) {
	c, err := p.parseCode(s)
	if err == nil && p.countries != nil && (c == partner.World() || c.IsAggregate() && !slices.Contains(p.countries, c)) {
		what := "an area"
		if c == partner.World() {
			what = "the World"
		}
		return partner.Code{}, fmt.Errorf("%s, not a country: every flow of this file is between two countries: %w", what, ErrKey)
	}
	return c, err
}

// parseCode reads a partner code, or an unlisted one as the plan allows.
func (p *plan) parseCode(s string) (partner.Code, error) {
	if p.unlisted {
		return partner.ParseUnlisted(s)
	}
	c, err := partner.ParseCode(s)
	if err == nil {
		return c, nil
	}
	if slices.Contains(p.unlistedOnly, strings.ToUpper(s)) {
		return partner.ParseUnlisted(s)
	}
	return c, err
}

func (p *plan) parseReporter(s string) (partner.Code, error) {
	c, err := p.parsePartner(s)
	if err == nil && c == partner.World() {
		return partner.Code{}, fmt.Errorf("the World is not a reporter: %w", partner.ErrCode)
	}
	return c, err
}

// A record is a row's fields, as offsets into its block: field i is
// b[start[i]:end[i]]. Offsets, not slices, so that filling them writes no
// pointers.
type record struct {
	b          []byte
	start, end []int32
	plain      bool // no field was quoted
}

func (r *record) n() int             { return len(r.end) }
func (r *record) field(i int) []byte { return r.b[r.start[i]:r.end[i]] }

// splitRecord reads the record at b[i:] into r and returns the index after
// it and the number of newlines inside its quoted fields. A quoted field
// has its doubled quotes undone in place. A quote that opens a field and
// is not closed before b ends is errQuote.
func splitRecord(b []byte, i int, delim byte, r *record) (next, nl int, err error) {
	r.b, r.start, r.end = b, r.start[:0], r.end[:0]
	// Most records have no quote: one pass finds the delimiters and the
	// line end.
	if next, ok := splitPlain(b, i, delim, r); ok {
		r.plain = true
		return next, 0, nil
	}
	r.plain = false
	r.start, r.end = r.start[:0], r.end[:0]
	n := len(b)
	for {
		if i < n && b[i] == '"' {
			// A quoted field.
			j := i + 1
			w := j // where unquoted text is written
			for {
				k := bytes.IndexByte(b[j:], '"')
				if k < 0 {
					return n, nl + bytes.Count(b[j:], newline), errQuote
				}
				nl += bytes.Count(b[j:j+k], newline)
				if w != j {
					copy(b[w:], b[j:j+k])
				}
				w += k
				j += k
				if j+1 < n && b[j+1] == '"' {
					b[w] = '"'
					w++
					j += 2
					continue
				}
				break
			}
			r.start, r.end = append(r.start, int32(i+1)), append(r.end, int32(w))
			j++ // past the closing quote
			switch {
			case j >= n:
				return n, nl, nil
			case b[j] == delim:
				i = j + 1
				continue
			case b[j] == '\n':
				return j + 1, nl, nil
			case b[j] == '\r' && (j+1 == n || b[j+1] == '\n'):
				return min(j+2, n), nl, nil
			}
			end := j
			for end < n && b[end] != '\n' {
				end++
			}
			return min(end+1, n), nl, errAfterQuote
		}
		// An unquoted field: up to the delimiter or the end of the line.
		j := i
		for j < n && b[j] != delim && b[j] != '\n' {
			j++
		}
		if j < n && b[j] == delim {
			r.start, r.end = append(r.start, int32(i)), append(r.end, int32(j))
			i = j + 1
			continue
		}
		end := j
		if end > i && b[end-1] == '\r' {
			end--
		}
		r.start, r.end = append(r.start, int32(i)), append(r.end, int32(end))
		if j < n {
			j++
		}
		return j, nl, nil
	}
}

var newline = []byte{'\n'}

// splitPlain reads the record at b[i:] into r if it holds no quote. ok is
// false if it has one. The line end and any quote are found with the
// library's vectorised byte search, the delimiters eight bytes at a time.
func splitPlain(b []byte, i int, delim byte, r *record) (next int, ok bool) {
	end := bytes.IndexByte(b[i:], '\n')
	if end < 0 {
		end, next = len(b), len(b)
	} else {
		end += i
		next = end + 1
	}
	line := b[:end]
	if bytes.IndexByte(line[i:], '"') >= 0 {
		return 0, false
	}
	const (
		ones = 0x0101010101010101
		high = 0x8080808080808080
	)
	d := ones * uint64(delim)
	start, k := i, i
	for ; k+8 <= len(line); k += 8 {
		x := binary.LittleEndian.Uint64(line[k:]) ^ d
		// Every byte of line equal to delim has its high bit set in m
		// (and maybe a few others, which the test below drops).
		for m := (x - ones) &^ x & high; m != 0; m &= m - 1 {
			if j := k + bits.TrailingZeros64(m)>>3; line[j] == delim {
				r.start, r.end = append(r.start, int32(start)), append(r.end, int32(j))
				start = j + 1
			}
		}
	}
	for ; k < len(line); k++ {
		if line[k] == delim {
			r.start, r.end = append(r.start, int32(start)), append(r.end, int32(k))
			start = k + 1
		}
	}
	r.endField(start, end)
	return next, true
}

// endField adds the last field of a record, without a CR before the line
// end.
func (r *record) endField(start, end int) {
	if end > start && r.b[end-1] == '\r' {
		end--
	}
	r.start, r.end = append(r.start, int32(start)), append(r.end, int32(end))
}

var errAfterQuote = fmt.Errorf("text after a closing quote: %w", ErrMalformed)
