package tradeflow

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

// The columns LoadComtrade needs. Comtrade files carry many more (such as
// reporterDesc); those LoadComtrade does not read are ignored.
var comtradeRequired = []string{"period", "reporterCode", "partnerCode", "flowCode", "cmdCode", "primaryValue"}

// LoadComtradeFile is [LoadComtrade] on the named file.
func LoadComtradeFile(path string, vintage Vintage, opts ...LoadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadComtrade(f, filepath.Base(path), vintage, opts...)
}

// LoadComtrade reads UN Comtrade's CSV layout, as its data API and bulk
// files write it: a header row naming at least period, reporterCode,
// partnerCode, flowCode, cmdCode and primaryValue, and optionally netWgt,
// qty and qtyUnitAbbr, freqCode, partner2Code, motCode and customsCode.
//
//   - period is a month (202511) or, with freqCode A, a year (2025: the
//     figure for January–December, a cumulative one).
//   - reporterCode and partnerCode are Comtrade's numbers (842 is the United
//     States, 0 the world), mapped through package partner to ISO alpha-2
//     codes (WLD for the world).
//   - flowCode X, M, RX or RM; cmdCode TOTAL or an HS code.
//   - primaryValue is a value in USD; netWgt a net weight in kg; qty is read
//     when qtyUnitAbbr is "u" (items) or "l" (litres).
//   - Rows that break a figure down further than a partner (partner2Code
//     other than 0, motCode other than 0, customsCode other than C00) are
//     errors, not silently added to the totals.
//
// Comtrade files carry no release date, so the caller gives the vintage;
// the source of every figure is "UN Comtrade" and the file name. Errors and
// options are as for [Load].
func LoadComtrade(r io.Reader, name string, vintage Vintage, opts ...LoadOption) (*Dataset, error) {
	cfg := newLoadConfig(opts)
	if vintage.IsZero() {
		return nil, errors.New("tradeflow: LoadComtrade needs the vintage of the data")
	}
	checkHeader := func(col map[string]int) *RowError {
		for _, c := range comtradeRequired {
			if _, ok := col[c]; !ok {
				return &RowError{Column: c, Err: errors.New("missing column")}
			}
		}
		return nil
	}
	source := "UN Comtrade " + name
	parse := func(get func(string) string) ([]Figure, *RowError) {
		trimmed := func(c string) string { return strings.TrimSpace(get(c)) }
		return comtradeRow(trimmed, vintage, source, cfg)
	}
	return readFigures(r, name, cfg, checkHeader, parse)
}

func comtradeRow(get func(string) string, vintage Vintage, source string, cfg loadConfig) ([]Figure, *RowError) {
	bad := func(c string, err error) ([]Figure, *RowError) {
		return nil, &RowError{Column: c, Value: get(c), Err: err}
	}
	for c, total := range map[string]string{"partner2Code": "0", "motCode": "0", "customsCode": "C00"} {
		if v := get(c); v != "" && v != total {
			return bad(c, fmt.Errorf("a breakdown below the partner total (want %s)", total))
		}
	}
	var key Key
	var p series.Period
	per := get("period")
	switch {
	case len(per) == 4 && get("freqCode") == "A":
		y, err := series.ParseMonth(per + "01")
		if err != nil {
			return bad("period", err)
		}
		p = series.Period{First: y, Last: y.AddMonths(11)}
	case len(per) == 6:
		m, err := series.ParseMonth(per)
		if err != nil {
			return bad("period", err)
		}
		p = series.MonthPeriod(m)
	default:
		return bad("period", errors.New("want a month YYYYMM, or a year YYYY with freqCode A"))
	}
	rc, err := partner.ParseCode(get("reporterCode"))
	if err != nil || rc == partner.World() {
		return bad("reporterCode", errors.New("unknown reporter"))
	}
	key.Reporter = rc.Alpha2()
	pc, err := partner.ParseCode(get("partnerCode"))
	if err != nil {
		return bad("partnerCode", err)
	}
	key.Partner = "WLD"
	if pc != partner.World() {
		key.Partner = pc.Alpha2()
	}
	switch f := get("flowCode"); f {
	case "X", "M", "RX", "RM":
		key.Flow, _ = ParseFlow(f)
	default:
		return bad("flowCode", errors.New("want X, M, RX or RM"))
	}
	if key.Commodity = get("cmdCode"); !validCommodity(key.Commodity) {
		return bad("cmdCode", errors.New("want TOTAL or an HS code"))
	}
	v, err := parseValue(get("primaryValue"))
	if err != nil {
		return bad("primaryValue", err)
	}
	key.Measure = Value
	if err := checkLevel(key, v); err != nil {
		return bad("primaryValue", err)
	}
	figs := []Figure{{Key: key, Period: p, Value: v, Unit: units["USD"], Vintage: vintage, Source: source}}
	if w := get("netWgt"); w != "" {
		q, err := parseValue(w)
		if err != nil {
			return bad("netWgt", err)
		}
		key.Measure = Quantity
		if err := checkLevel(key, q); err != nil {
			return bad("netWgt", err)
		}
		figs = append(figs, Figure{Key: key, Period: p, Value: q, Unit: units["KG"], Vintage: vintage, Source: source})
	}
	if u, ok := map[string]string{"u": "ITEMS", "l": "L"}[get("qtyUnitAbbr")]; ok && get("qty") != "" {
		q, err := parseValue(get("qty"))
		if err != nil {
			return bad("qty", err)
		}
		key.Measure = Quantity
		if err := checkLevel(key, q); err != nil {
			return bad("qty", err)
		}
		figs = append(figs, Figure{Key: key, Period: p, Value: q, Unit: units[u], Vintage: vintage, Source: source})
	}
	return figs, nil
}
