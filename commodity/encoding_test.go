package commodity_test

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
	"github.com/tradeflow-go/tradeflow/series"
)

// The encodings of the package's values, each checked to round-trip.

var (
	_ encoding.TextAppender = commodity.Code{}
	_ encoding.TextAppender = commodity.Section{}
	_ driver.Valuer         = commodity.Code{}
	_ sql.Scanner           = (*commodity.Code)(nil)
	_ json.Marshaler        = commodity.Group{}
)

func TestCodeRoundTrips(t *testing.T) {
	for _, s := range []string{"28", "2846", "2846.90", "2846.90.19", "2846.90.99.10", "0101"} {
		c := commodity.MustParseCode(s)
		t.Run("text "+s, func(t *testing.T) {
			b, err := c.MarshalText()
			require.NoError(t, err)
			var back commodity.Code
			require.NoError(t, back.UnmarshalText(b))
			assert.Equal(t, c, back)
			a, err := c.AppendText([]byte("HS "))
			require.NoError(t, err)
			assert.Equal(t, "HS "+c.String(), string(a))
		})
		t.Run("JSON "+s, func(t *testing.T) {
			b, err := json.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, `"`+c.String()+`"`, string(b))
			var back commodity.Code
			require.NoError(t, json.Unmarshal(b, &back))
			assert.Equal(t, c, back)
		})
		t.Run("SQL "+s, func(t *testing.T) {
			v, err := c.Value()
			require.NoError(t, err)
			assert.Equal(t, c.String(), v)
			var back commodity.Code
			require.NoError(t, back.Scan(v))
			assert.Equal(t, c, back)
			require.NoError(t, back.Scan([]byte(c.Digits())), "a []byte column in digits")
			assert.Equal(t, c, back)
		})
	}
	t.Run("zero", func(t *testing.T) {
		var zero commodity.Code
		b, err := json.Marshal(zero)
		require.NoError(t, err)
		var back commodity.Code
		require.NoError(t, json.Unmarshal(b, &back))
		assert.True(t, back.IsZero())
		v, err := zero.Value()
		require.NoError(t, err)
		assert.Nil(t, v, "the zero Code is NULL")
		back = commodity.MustParseCode("12")
		require.NoError(t, back.Scan(nil))
		assert.True(t, back.IsZero())
	})
	t.Run("bad input", func(t *testing.T) {
		var c commodity.Code
		for _, src := range []any{"2846.9", []byte("77"), int64(101), 1.5, time.Now()} {
			err := c.Scan(src)
			assert.ErrorIs(t, err, commodity.ErrCode, "Scan(%#v)", src)
		}
	})
}

func TestSectionRoundTrips(t *testing.T) {
	for s := range commodity.Sections() {
		b, err := json.Marshal(s)
		require.NoError(t, err)
		assert.Equal(t, `"`+s.Roman()+`"`, string(b))
		var back commodity.Section
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, s, back)
	}
	var zero commodity.Section
	b, err := json.Marshal(zero)
	require.NoError(t, err)
	assert.Equal(t, `""`, string(b))
	back, _ := commodity.SectionOf(commodity.MustParseCode("28"))
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, zero, back)
	for _, bad := range []string{`"XXII"`, `"vi"`, `"6"`} {
		assert.ErrorIs(t, json.Unmarshal([]byte(bad), &back), commodity.ErrCode, bad)
	}
}

func TestGroupJSONRoundTrip(t *testing.T) {
	for _, g := range []commodity.Group{commodity.Soybeans(), commodity.RareEarths(), commodity.MustGroup("empty"), {}} {
		b, err := json.Marshal(g)
		require.NoError(t, err)
		var back commodity.Group
		require.NoError(t, json.Unmarshal(b, &back))
		assert.Equal(t, g.String(), back.String())
		assert.Equal(t, g.Name(), back.Name())
		assert.Equal(t, g, back)
	}
	b, err := json.Marshal(commodity.RareEarths())
	require.NoError(t, err)
	assert.JSONEq(t, `{"name":"rare earths","codes":["2805.30","2846"]}`, string(b))

	var g commodity.Group
	require.NoError(t, json.Unmarshal([]byte(`{"name":"soy","codes":["120190","12 01"]}`), &g))
	assert.Equal(t, "soy (HS 1201)", g.String(), "codes in any form; a code under another adds nothing")
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":"","codes":["1201"]}`), &g), commodity.ErrGroup)
	assert.ErrorIs(t, json.Unmarshal([]byte(`{"name":"x","codes":["1201.9"]}`), &g), commodity.ErrCode)
	assert.Error(t, json.Unmarshal([]byte(`{"name":"x","codes":"1201"}`), &g))
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
	value := series.MustFromStrings[series.USD](start, "100", "", "", "", "", "", "", "", "", "", "", "", "132")
	qty := series.MustFromStrings[series.Tonnes](start, "10", "", "", "", "", "", "", "", "", "", "", "", "11")
	d, _ := commodity.SplitPriceVolume(value, qty, 12)
	require.Equal(t, 1, d.ValueChange.Len())
	checkJSONFields(t, d)
}
