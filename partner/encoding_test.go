package partner_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/partner"
	"github.com/tradeflow-go/tradeflow/series"
)

var (
	_ encoding.TextAppender = partner.Code{}
	_ driver.Valuer         = partner.Code{}
	_ sql.Scanner           = (*partner.Code)(nil)
	_ json.Marshaler        = partner.Group{}
	_ json.Unmarshaler      = (*partner.Group)(nil)
)

// TestCodeRoundTrips sends every code of the table through its text, JSON
// and SQL forms and back.
func TestCodeRoundTrips(t *testing.T) {
	n := 0
	for c := range partner.Codes() {
		n++
		b, err := c.MarshalText()
		require.NoError(t, err)
		var back partner.Code
		require.NoError(t, back.UnmarshalText(b), "%v", c)
		require.Equal(t, c, back)

		j, err := json.Marshal(c)
		require.NoError(t, err)
		back = partner.Code{}
		require.NoError(t, json.Unmarshal(j, &back))
		require.Equal(t, c, back)

		v, err := c.Value()
		require.NoError(t, err)
		back = partner.Code{}
		require.NoError(t, back.Scan(v))
		require.Equal(t, c, back)
		if num, ok := c.Comtrade(); ok {
			back = partner.Code{}
			require.NoError(t, back.Scan(int64(num)), "%v as Comtrade number %d", c, num)
			require.Equal(t, c, back)
		}
	}
	assert.Greater(t, n, 240)

	var zero partner.Code
	v, err := zero.Value()
	require.NoError(t, err)
	assert.Nil(t, v, "the zero Code is NULL")
	back := partner.MustParseCode("US")
	require.NoError(t, back.Scan(nil))
	assert.True(t, back.IsZero())
	require.NoError(t, back.Scan([]byte("usa")))
	assert.Equal(t, "USA", back.String())
	for _, bad := range []any{"840", int64(840), int64(-1), int64(1000), 842.0, true} {
		assert.ErrorIs(t, back.Scan(bad), partner.ErrCode, "Scan(%#v)", bad)
	}
}

func groupsEqual(t *testing.T, want, got partner.Group) {
	t.Helper()
	assert.Equal(t, want.Name(), got.Name())
	assert.Equal(t, slices.Collect(want.Memberships()), slices.Collect(got.Memberships()))
}

func TestGroupJSONRoundTrip(t *testing.T) {
	eu := partner.EU()
	for _, g := range []partner.Group{
		eu, partner.ASEAN(), eu.Fixed("EU-27", series.MustParseMonth("2020-02")),
		partner.MustGroup("pair", partner.Membership{Code: partner.MustParseCode("US")},
			partner.Membership{Code: partner.MustParseCode("CA"), Last: series.MustParseMonth("2019-12")}),
		{},
	} {
		b, err := json.Marshal(g)
		require.NoError(t, err)
		var back partner.Group
		require.NoError(t, json.Unmarshal(b, &back), "%s", b)
		groupsEqual(t, g, back)
	}

	b, err := json.Marshal(partner.MustGroup("G", partner.Membership{Code: partner.MustParseCode("GB"),
		From: series.MustParseMonth("1973-01"), Last: series.MustParseMonth("2020-01")}, partner.Membership{Code: partner.MustParseCode("FR")}))
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"G","members":[{"code":"FRA"},{"code":"GBR","from":"1973-01","last":"2020-01"}]}`, string(b),
		"open bounds are left out")

	var g partner.Group
	for _, bad := range []string{
		`{"name":"","members":[{"code":"FRA"}]}`,
		`{"name":"G","members":[{"code":"WLD"}]}`,
		`{"name":"G","members":[{"code":"FRA","from":"2020-02","last":"2020-01"}]}`,
	} {
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &g), partner.ErrGroup, bad)
	}
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":"G","members":[{"code":"X1"}]}`), &g), partner.ErrCode)
	_, err = json.Marshal(eu.Fixed("", series.MustParseMonth("2020-02")))
	assert.ErrorIs(t, err, partner.ErrGroup, "a group without a name would not read back")
}

// checkJSONFields marshals v, unmarshals it into a new value of its type
// and marshals that: the two forms must be the same, and must hold a key
// for every exported field, so that nothing is dropped without a word.
func checkJSONFields[T any](t *testing.T, v T) {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	var back T
	require.NoError(t, json.Unmarshal(b, &back), "%s", b)
	again, err := json.Marshal(back)
	require.NoError(t, err)
	assert.Equal(t, string(b), string(again))
	var keys map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &keys))
	rt := reflect.TypeOf(v)
	for i := range rt.NumField() {
		f := rt.Field(i)
		if !f.IsExported() {
			continue
		}
		name := f.Name
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "" {
			name = tag
		}
		_, ok := keys[name]
		assert.True(t, ok, "%T: field %s missing from %s", v, f.Name, b)
	}
}

func TestValueStructsJSON(t *testing.T) {
	start := series.MustParseMonth("2024-11")
	vals := func(b, v string) []string {
		out := make([]string, 13)
		out[0], out[12] = b, v
		return out
	}
	total := series.MustFromStrings[series.USDBillion](start, vals("100", "106")...)
	us := series.MustFromStrings[series.USDBillion](start, vals("40", "35")...)
	parts := []partner.Part[series.USDBillion]{{Name: "U.S.", Series: us}}
	nov := series.MonthPeriod(start.AddMonths(12))
	b, err := partner.Shares(nov, total, parts)
	require.NoError(t, err)
	checkJSONFields(t, b)
	checkJSONFields(t, b.Parts[0])
	d, err := partner.Contributions(nov, total, parts)
	require.NoError(t, err)
	checkJSONFields(t, d)
	checkJSONFields(t, d.Parts[0])
	checkJSONFields(t, d.Offset())
	checkJSONFields(t, parts[0])
	checkJSONFields(t, partner.Membership{Code: partner.MustParseCode("GB"), From: start, Last: start.AddMonths(2)})
	_, gaps := partner.Aggregate(partner.EU(), map[partner.Code]series.Series[series.USDBillion]{partner.MustParseCode("FR"): total})
	require.NotEmpty(t, gaps)
	checkJSONFields(t, gaps[0])
}
