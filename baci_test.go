package tradeflow_test

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow"
	"github.com/tradeflow-go/tradeflow/series"
)

// Every code of BACI's country table reads as the area it names: its
// alpha-3 code for a country of today, an area of its own otherwise.
func TestBACICountryCodes(t *testing.T) {
	f, err := os.Open("testdata/baci/country_codes_V202501.csv")
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"country_code", "country_name", "country_iso2", "country_iso3"}, recs[0])
	require.Len(t, recs, 239)
	// The areas of BACI's table that are no country of today read as
	// UN Comtrade's areas of those numbers; 490 is Taiwan.
	own := map[string]string{"490": "TWN"}
	for _, c := range []string{"58", "200", "278", "280", "530", "697", "711", "736", "810", "849", "891"} {
		own[c] = c
	}
	var file strings.Builder
	file.WriteString("t,i,j,k,v,q\n")
	for _, r := range recs[1:] {
		file.WriteString("2023," + r[0] + ",842,010121,1,\n")
	}
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(file.String()), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports),
		tradeflow.CollectErrors(), tradeflow.SumDuplicates())
	require.NoError(t, err)
	got := map[string]bool{}
	for _, k := range ds.Keys() {
		got[k.Reporter.String()] = true
	}
	for _, r := range recs[1:] {
		want := r[3]
		if w, ok := own[r[0]]; ok {
			want = w
		}
		assert.True(t, got[want], "BACI %s %s: want %s", r[0], r[1], want)
	}
	assert.Len(t, got, 238, "no two BACI codes read as one area")
}

// BACI's importers' view is the exporters' turned around, at the same
// value.
func TestBACIViews(t *testing.T) {
	file := "t,i,j,k,v,q\n2023,156,842,854231,4123456.789,1234.567\n2023,380,842,220421,1.5,NA\n"
	x, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports))
	require.NoError(t, err)
	m, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Imports))
	require.NoError(t, err)
	year := series.Period{First: mp("2023-01"), Last: mp("2023-12")}
	fx, ok := x.Lookup(tradeflow.MustParseKey("CHN X USA 8542.31 value"), year)
	require.True(t, ok)
	fm, ok := m.Lookup(tradeflow.MustParseKey("USA M CHN 8542.31 value"), year)
	require.True(t, ok)
	assert.Equal(t, "4123456.789 USD_1000", fx.Printed()+" "+fx.Unit.String())
	assert.True(t, fx.Normalized().Equal(fm.Normalized()))
	assert.Equal(t, "4123456789", fm.Normalized().String())
	assert.Equal(t, tradeflow.H6, fm.Edition)
	assert.Equal(t, "2025-01", fm.Vintage.String())
	_, ok = x.Lookup(tradeflow.MustParseKey("ITA X USA 2204.21 value"), year)
	assert.True(t, ok, "BACI's 380 is Italy")
	assert.Equal(t, []tradeflow.SkipCount{{Reason: "q: empty or NA (no quantity)", Rows: 1, First: 3}}, x.Summary().LeftOut)

	// A renamed file needs its release; a code without its leading zero is
	// refused, not padded.
	_, err = tradeflow.Read(t.Context(), strings.NewReader(file), "baci.csv", tradeflow.BACI(tradeflow.Exports))
	assert.ErrorContains(t, err, "vintage: the file's name does not say; pass tradeflow.WithVintage")
	_, err = tradeflow.Read(t.Context(), strings.NewReader("t,i,j,k,v,q\n2023,4,699,10121,1,\n"), "BACI_HS92_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports))
	assert.ErrorContains(t, err, `column k: value "10121"`)
	assert.Panics(t, func() { tradeflow.BACI(tradeflow.ReExports) })
}

// The release a BACI file's name gives is its vintage: a WithVintage that
// says otherwise is an error, not an option silently ignored; one that
// agrees, or a name that gives none, is read.
func TestBACIVintage(t *testing.T) {
	file := "t,i,j,k,v,q\n2023,156,842,854231,1.5,2\n"
	read := func(name string, opts ...tradeflow.ReadOption) (*tradeflow.Dataset, error) {
		return tradeflow.Read(t.Context(), strings.NewReader(file), name, tradeflow.BACI(tradeflow.Exports), opts...)
	}
	_, err := read("BACI_HS22_Y2023_V202501.csv", tradeflow.WithVintage("2099-01-01"))
	assert.EqualError(t, err, "BACI_HS22_Y2023_V202501.csv:1: CEPII BACI header: given twice: vintage: the file's name says 2025-01, the read's option 2099-01-01")
	assert.ErrorIs(t, err, tradeflow.ErrColumn)
	for _, tc := range []struct {
		name string
		opts []tradeflow.ReadOption
		want string
	}{
		{"BACI_HS22_Y2023_V202501.csv", nil, "2025-01"},
		{"BACI_HS22_Y2023_V202501.csv", []tradeflow.ReadOption{tradeflow.WithVintage("2025-01")}, "2025-01"},
		{"baci.csv", []tradeflow.ReadOption{tradeflow.WithVintage("2025-06-30")}, "2025-06-30"},
	} {
		ds, err := read(tc.name, tc.opts...)
		require.NoError(t, err, tc.name)
		f, ok := ds.Lookup(tradeflow.MustParseKey("CHN X USA 8542.31 value"), series.Period{First: mp("2023-01"), Last: mp("2023-12")})
		require.True(t, ok, tc.name)
		assert.Equal(t, tc.want, f.Vintage.String(), tc.name)
	}
}

// BACI's k is an HS6 subheading: a code of other digits, or TOTAL, is an
// error naming it, never a key at another level.
func TestBACIHS6Only(t *testing.T) {
	for _, k := range []string{"85", "8542", "85423100", "8542310000", "TOTAL"} {
		_, err := tradeflow.Read(t.Context(), strings.NewReader("t,i,j,k,v,q\n2023,156,842,"+k+",1.5,2\n"), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports))
		assert.ErrorContains(t, err, `BACI_HS22_Y2023_V202501.csv:2:4: column k: value "`+k+`": not an HS code of 6 digits`, k)
		assert.ErrorIs(t, err, tradeflow.ErrCommodity, k)
	}
}

// A BACI file holds one year, the one its name gives: a t of another is an
// error naming it; a name that gives none checks nothing.
func TestBACIYear(t *testing.T) {
	file := "t,i,j,k,v,q\n2023,156,842,854231,1.5,2\n2022,156,842,854232,1.5,2\n202301,156,842,854233,1.5,2\n2023,156,842,854234,1.5,2\n"
	ds, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(tradeflow.Exports), tradeflow.CollectErrors())
	assert.EqualError(t, err, `BACI_HS22_Y2023_V202501.csv:3:1: column t: value "2022": not the year the file's name gives: want 2023: malformed row`+"\n"+
		`BACI_HS22_Y2023_V202501.csv:4:1: column t: value "202301": not the year the file's name gives: want 2023: malformed row`)
	assert.ErrorIs(t, err, tradeflow.ErrMalformed)
	require.NotNil(t, ds)
	assert.Equal(t, 4, ds.Len(), "the good rows are read, a value and a quantity each")

	ds, err = tradeflow.Read(t.Context(), strings.NewReader(file), "baci.csv", tradeflow.BACI(tradeflow.Imports), tradeflow.WithVintage("2025-01"))
	require.NoError(t, err, "a renamed file gives no year to check")
	assert.Equal(t, 8, ds.Len())
}

// BACI's i and j are countries: World (0) is an error naming its column,
// whichever reporter the read takes, not a flow to or from every partner;
// so are the other areas BACI's table does not list.
func TestBACINoWorld(t *testing.T) {
	for _, tc := range []struct {
		row, want string
		opts      []tradeflow.ReadOption
	}{
		{"2023,0,842,854231,1.5,2", `:2:2: column i: value "0": `, nil},
		{"2023,156,0,854231,1.5,2", `:2:3: column j: value "0": `, nil},
		{"2023,156,000,854231,1.5,2", `:2:3: column j: value "000": `, nil},
		{"2023,156,0,854231,1.5,2", `:2:3: column j: value "0": `, []tradeflow.ReadOption{tradeflow.Unlisted()}},
	} {
		for _, flow := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
			file := "t,i,j,k,v,q\n" + tc.row + "\n2023,156,842,854232,1.5,2\n"
			ds, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(flow),
				append([]tradeflow.ReadOption{tradeflow.CollectErrors()}, tc.opts...)...)
			assert.EqualError(t, err, "BACI_HS22_Y2023_V202501.csv"+tc.want+"the World, not a country: every flow of this file is between two countries: invalid key", tc.row)
			assert.ErrorIs(t, err, tradeflow.ErrKey, tc.row)
			require.NotNil(t, ds, tc.row)
			assert.Equal(t, 2, ds.Len(), "%s: the good row is read", tc.row)
		}
	}
}

func TestBACIAreas(t *testing.T) {
	for _, code := range []string{"97", "837", "838", "839", "899"} {
		for _, flow := range []tradeflow.Flow{tradeflow.Exports, tradeflow.Imports} {
			file := "t,i,j,k,v,q\n2023,156," + code + ",854231,1.5,2\n2023,156,842,854232,1.5,2\n"
			ds, err := tradeflow.Read(t.Context(), strings.NewReader(file), "BACI_HS22_Y2023_V202501.csv", tradeflow.BACI(flow), tradeflow.CollectErrors())
			assert.EqualError(t, err, `BACI_HS22_Y2023_V202501.csv:2:3: column j: value "`+code+`": an area, not a country: every flow of this file is between two countries: invalid key`, code)
			require.NotNil(t, ds, code)
			assert.Equal(t, 2, ds.Len(), "%s: the good row is read", code)
		}
	}
	// A name saved in lower case is the same name: its year is checked.
	_, err := tradeflow.Read(t.Context(), strings.NewReader("t,i,j,k,v,q\n2022,156,842,854231,1.5,2\n"), "baci_hs22_y2023_v202501.csv", tradeflow.BACI(tradeflow.Exports))
	assert.ErrorContains(t, err, `column t: value "2022": not the year the file's name gives: want 2023`)
}

// A BACI file saved again with a column of no name (the index pandas
// writes first, a delimiter at the end of the header) is refused, naming
// the column by its place, not by its empty name.
func TestBACIUnnamedColumn(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{",t,i,j,k,v,q\n0,2023,156,842,854231,1,1\n", "BACI_HS22_Y2023_V202501.csv:1: CEPII BACI header: unknown columns: column 1, which has no name"},
		{"t,i,j,k,v,q,\n2023,156,842,854231,1,1,\n", "BACI_HS22_Y2023_V202501.csv:1: CEPII BACI header: unknown columns: column 7, which has no name"},
		{"t,i,j,k,v,q,index\n2023,156,842,854231,1,1,0\n", "BACI_HS22_Y2023_V202501.csv:1: CEPII BACI header: unknown columns: index"},
	} {
		_, err := tradeflow.ReadAny(t.Context(), strings.NewReader(tc.file), "BACI_HS22_Y2023_V202501.csv")
		require.ErrorIs(t, err, tradeflow.ErrColumn, tc.file)
		assert.EqualError(t, err, tc.want)
	}
}
