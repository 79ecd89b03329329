package tradeflow

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// Comtrade returns the schema of UN Comtrade's CSV layout, as its data API
// writes it: a header naming at least period, reporterCode, partnerCode,
// flowCode, cmdCode and primaryValue; netWgt is read when present.
//
//   - period is a month (202511) or a year (2025: January–December).
//   - reporterCode and partnerCode are Comtrade's numbers (842 is the
//     United States, 0 the World), read through package partner.
//   - flowCode X, M, RX or RM; cmdCode TOTAL or an HS code.
//   - primaryValue is a value in USD; netWgt a net weight in kg.
//   - Rows that break a figure down further than a partner (partner2Code
//     other than 0, motCode other than 0, customsCode other than C00) are
//     skipped and counted in the [Summary]: the total row already counts
//     them.
//
// Comtrade files carry no release date; give it with [WithVintage]. The
// source of every figure is "UN Comtrade".
func Comtrade() Schema {
	return Schema{
		Name:      "UN Comtrade",
		Period:    Column("period"),
		Reporter:  Column("reporterCode"),
		Partner:   Column("partnerCode"),
		Flow:      Column("flowCode").Map(map[string]string{"X": "X", "M": "M", "RX": "RX", "RM": "RM"}),
		Commodity: Column("cmdCode"),
		Value:     Column("primaryValue"),
		Unit:      Const("USD"),
		Vintage:   Column("vintage").Required(),
		Source:    Const("UN Comtrade"),
		Quantities: []QuantityField{
			{Value: Column("netWgt"), Unit: Const("KG")},
		},
		Skip: []Skip{
			{Column: Column("partner2Code"), Keep: []string{"0"}, Reason: "a breakdown by second partner (partner2Code not 0)"},
			{Column: Column("motCode"), Keep: []string{"0"}, Reason: "a breakdown by mode of transport (motCode not 0)"},
			{Column: Column("customsCode"), Keep: []string{"C00"}, Reason: "a breakdown by customs procedure (customsCode not C00)"},
		},
	}
}

// LoadComtrade reads UN Comtrade's CSV layout ([Comtrade]) with the
// vintage of the download.
func LoadComtrade(r io.Reader, name string, vintage Vintage, opts ...ReadOption) (*Dataset, error) {
	if vintage.IsZero() {
		return nil, errors.New("tradeflow: LoadComtrade needs the vintage of the data")
	}
	return Read(context.Background(), r, name, Comtrade(), append([]ReadOption{WithVintage(vintage.String())}, opts...)...)
}

// LoadComtradeFile is [LoadComtrade] on the named file.
func LoadComtradeFile(path string, vintage Vintage, opts ...ReadOption) (*Dataset, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return LoadComtrade(f, filepath.Base(path), vintage, opts...)
}
