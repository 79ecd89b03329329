package tradeflow_test

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tradeflow-go/tradeflow"
)

// position matches how every read error names where it is: the file, then
// the line and, for a bad field, its column.
var position = regexp.MustCompile(`^fuzz\.csv:\d+(:\d+)?: `)

// checkLoadError fails unless every error names the file and a line.
func checkLoadError(t *testing.T, err error) {
	var le *tradeflow.ErrorList
	if errors.As(err, &le) {
		for _, e := range le.Errors {
			if !position.MatchString(e.Error()) {
				t.Fatalf("error %q does not name file and line", e)
			}
		}
		return
	}
	if !position.MatchString(err.Error()) {
		t.Fatalf("error %q does not name file and line", err)
	}
}

// roundTrip fails unless writing ds and loading it again gives the same figures.
func roundTrip(t *testing.T, ds *tradeflow.Dataset) {
	var buf bytes.Buffer
	if err := tradeflow.Write(&buf, ds); err != nil {
		t.Fatal(err)
	}
	back, err := tradeflow.Load(bytes.NewReader(buf.Bytes()), "fuzz.csv")
	if err != nil {
		t.Fatalf("reloading what Write wrote: %v\n%s", err, buf.String())
	}
	var again bytes.Buffer
	if err := tradeflow.Write(&again, back); err != nil {
		t.Fatal(err)
	}
	if buf.String() != again.String() || back.Len() != ds.Len() {
		t.Fatalf("round trip changed the data:\n%s\n---\n%s", buf.String(), again.String())
	}
}

// FuzzLoad feeds whole files to the library's CSV loader: no panic; errors
// name file and line; a file that loads writes out and loads back the same.
func FuzzLoad(f *testing.F) {
	f.Add(header + good1 + good2)
	f.Add("\ufeff" + strings.ReplaceAll(header+good1, "\n", "\r\n"))
	f.Add(header + "2025-01/2025-02,X,WLD,TOTAL,value,5399.4,USD_100M,2025-03-07,GACC,combined\n2025-02,X,WLD,TOTAL,value,1,USD,2025-03-07,x,\n")
	f.Add(header + "2025-11,X,WLD,TOTAL,yoy_pct,5.9,PCT,2025-12-08,\"CNBC, Reuters\",\"a \"\"quoted\"\" note\"\n")
	f.Add(header + "2025-11,M,US,1201,quantity,0,T,2025-12-20,Reuters,\n")
	f.Add(header + "2025-11,X,WLD,TOTAL,value,1e400,USD,2025-12-08,x,\n")
	f.Add(header + "2025-11,X,WLD,TOTAL,value,-0,USD,2025-12,x,\n")
	f.Add(header + "2025-11,X,WLD,TOTAL,value,12345678901234567890123456789.5,USD,2025-12,x,\n")
	f.Add("period,flow\n2025-11,X\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, file string) {
		ds, err := tradeflow.Load(strings.NewReader(file), "fuzz.csv", tradeflow.Reporter("CN"), tradeflow.CollectErrors())
		if err != nil {
			checkLoadError(t, err)
		}
		if ds != nil && err == nil {
			roundTrip(t, ds)
		}
	})
}

// FuzzParseValue puts one fuzzed value in an otherwise valid row: no panic;
// a value that loads is kept exactly as printed; one that does not is an
// error naming line 2, the value column and the value.
func FuzzParseValue(f *testing.F) {
	for _, v := range []string{"3303.5", "1,234.5", "1e3", "1E-3", "NaN", "-0", "", "+5", "--1", ".5", "5.",
		"1_000", " 1", "0x10", "Infinity", strings.Repeat("9", 400), "1e-2147483649", "1e2147483647"} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v string) {
		if strings.ContainsAny(v, "\"\r\n,") {
			return // those change the row's shape, which FuzzLoad covers
		}
		row := "2025-11,X,WLD,TOTAL,value," + v + ",USD,2025-12-08,x,\n"
		ds, err := tradeflow.Load(strings.NewReader(header+row), "fuzz.csv", tradeflow.Reporter("CN"))
		if err != nil {
			want := "fuzz.csv:2:6: column value: value " + strconv.Quote(strings.Trim(v, " \t"))
			if len(v) > 100 {
				want = want[:len(want)-1-(len(v)-100)] // the value is cut in the message
			}
			if !strings.HasPrefix(err.Error(), want) {
				t.Fatalf("error %q, want it to start %q", err, want)
			}
			return
		}
		// What loads is the number the text says, exactly, with the places
		// it was written with.
		want, derr := decimal.NewFromString(strings.Trim(v, " \t"))
		if derr != nil {
			t.Fatalf("%q loaded, but is not a decimal number: %v", v, derr)
		}
		n := 0
		for fig := range ds.Figures() {
			n++
			if !fig.Value.Equal(want) || fig.Value.Exponent() != want.Exponent() && !want.IsZero() {
				t.Fatalf("%q loaded as %v (exponent %d), want %v (exponent %d)", v, fig.Value, fig.Value.Exponent(), want, want.Exponent())
			}
		}
		if n != 1 {
			t.Fatalf("%q gave %d figures, want 1", v, n)
		}
		roundTrip(t, ds)
	})
}

// FuzzLoadComtrade feeds whole files to the UN Comtrade loader.
func FuzzLoadComtrade(f *testing.F) {
	head := "period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue,netWgt,qty,qtyUnitAbbr,partner2Code,freqCode\n"
	f.Add(head + "202511,156,842,X,TOTAL,33789100000,,,,0,M\n")
	f.Add(head + "202511,156,0,M,1201,0,8110000000,,,0,M\n")
	f.Add(head + "2024,156,251,X,TOTAL,1.5e9,,5,u,0,A\n")
	f.Add(head + "202511,156,842,M,TOTAL,5,,,,1,M\n")
	f.Add(head + "202513,156,9999,DX,TOTAL,x,,,,0,M\n")
	f.Add("period\n202511\n")
	f.Fuzz(func(t *testing.T, file string) {
		v, _ := tradeflow.ParseVintage("2026-01-20")
		ds, err := tradeflow.LoadComtrade(strings.NewReader(file), "fuzz.csv", v, tradeflow.CollectErrors())
		if err != nil {
			checkLoadError(t, err)
		}
		if ds != nil && err == nil {
			roundTrip(t, ds)
		}
	})
}
