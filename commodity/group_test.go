package commodity_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
)

func codes(ss ...string) []commodity.Code {
	out := make([]commodity.Code, len(ss))
	for i, s := range ss {
		out[i] = commodity.MustParseCode(s)
	}
	return out
}

func strs(g commodity.Group) []string {
	var out []string
	for c := range g.Codes() {
		out = append(out, c.String())
	}
	return out
}

func TestNewGroup(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"one code", []string{"1201"}, []string{"1201"}},
		{"sorted", []string{"2846", "2805.30"}, []string{"2805.30", "2846"}},
		{"duplicates dropped", []string{"2846", "28 46", "2846"}, []string{"2846"}},
		{"codes under another dropped", []string{"2846.90.19", "2846.90", "2846", "2846.10"}, []string{"2846"}},
		{"chapter absorbs everything under it", []string{"2846", "28", "2805.30.11"}, []string{"28"}},
		{"siblings kept", []string{"2846.90", "2846.10"}, []string{"2846.10", "2846.90"}},
		{"drop after a dropped code", []string{"2846", "2846.10", "2846.90", "2847"}, []string{"2846", "2847"}},
		{"no codes", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := codes(tt.in...)
			g, err := commodity.NewGroup("g", in...)
			require.NoError(t, err)
			assert.Equal(t, tt.want, strs(g))
			assert.Equal(t, "g", g.Name())
			assert.Equal(t, codes(tt.in...), in, "the caller's slice is left as it was")
		})
	}
}

func TestNewGroupErrors(t *testing.T) {
	var zero commodity.Code
	_, err := commodity.NewGroup("bad", commodity.MustParseCode("1201"), zero)
	require.ErrorIs(t, err, commodity.ErrGroup)
	var ge *commodity.GroupError
	require.ErrorAs(t, err, &ge)
	assert.Equal(t, "bad", ge.Group)
	_, err = commodity.NewGroup("")
	require.ErrorIs(t, err, commodity.ErrGroup, "a group needs a name")
	_, err = commodity.ParseGroup("", "1201")
	require.ErrorIs(t, err, commodity.ErrGroup)
	assert.Panics(t, func() { commodity.MustGroup("bad", zero) })
}

func TestParseGroup(t *testing.T) {
	g, err := commodity.ParseGroup("rare earths", "2846", "280530")
	require.NoError(t, err)
	assert.Equal(t, commodity.RareEarths().String(), g.String())

	_, err = commodity.ParseGroup("bad", "1201", "1201.9", "77")
	require.ErrorIs(t, err, commodity.ErrCode)
	var ce *commodity.CodeError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "1201.9", ce.Input, "the first bad code is reported")
	// A valid heading written in the WCO's "12.01" style is a chapter pair, not a
	// heading with a dot: "12.01" is 1201.
	g, err = commodity.ParseGroup("soy", "12.01")
	require.NoError(t, err)
	assert.Equal(t, []string{"1201"}, strs(g))
}

func TestGroupString(t *testing.T) {
	assert.Equal(t, "soybeans (HS 1201)", commodity.Soybeans().String())
	assert.Equal(t, "rare earths (HS 2805.30, 2846)", commodity.RareEarths().String())
	assert.Equal(t, "nothing (HS none)", commodity.MustGroup("nothing").String())
	var zero commodity.Group
	assert.Equal(t, " (HS none)", zero.String())
}

func TestGroupMembership(t *testing.T) {
	var zero commodity.Code
	soy, re := commodity.Soybeans(), commodity.RareEarths()
	tests := []struct {
		name               string
		g                  commodity.Group
		code               string // "" for the zero Code
		contains, overlaps bool
	}{
		{"soybean heading", soy, "1201", true, true},
		{"soybean seed", soy, "1201.10", true, true},
		{"other soybeans, China's 8-digit line", soy, "1201.90.11", true, true},
		{"soybean national 10-digit line", soy, "1201.90.11.00", true, true},
		{"all oil seeds overlap soybeans", soy, "12", false, true},
		{"groundnuts", soy, "1202", false, false},
		{"soybean oil is not soybeans", soy, "1507.10", false, false},
		{"soybean meal is not soybeans", soy, "2304", false, false},
		{"neodymium metal", re, "2805.30.11.00", true, true},
		{"rare-earth metals", re, "2805.30", true, true},
		{"alkali metals, other subheading of 2805", re, "2805.11", false, false},
		{"heading 2805 overlaps through 2805.30", re, "2805", false, true},
		{"cerium compounds", re, "2846.10", true, true},
		{"other rare-earth compounds, 10-digit", re, "2846.90.99.10", true, true},
		{"chapter 28 overlaps", re, "28", false, true},
		{"chapter 85 does not", re, "85", false, false},
		{"magnets are not rare earths here", re, "8505.11", false, false},
		{"rare-earth ores are not in the group", re, "2530.90.20", false, false},
		{"zero Code", soy, "", false, false},
		{"empty group", commodity.MustGroup("none"), "1201", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := zero
			if tt.code != "" {
				c = commodity.MustParseCode(tt.code)
			}
			assert.Equal(t, tt.contains, tt.g.Contains(c), "Contains(%v)", c)
			assert.Equal(t, tt.overlaps, tt.g.Overlaps(c), "Overlaps(%v)", c)
		})
	}
}

// TestGroupMembershipMatchesDefinition compares the binary searches of
// Contains and Overlaps with their definitions, a scan over the codes the
// group was made of, for random groups and codes.
func TestGroupMembershipMatchesDefinition(t *testing.T) {
	pool := codes("12", "1201", "1201.10", "1201.90", "1201.90.11", "1202", "28", "2805", "2805.11", "2805.30",
		"2805.30.11", "2805.30.11.00", "2846", "2846.10", "2846.90", "2846.90.19", "2846.90.99", "2846.90.99.10",
		"2847", "29", "8505.11")
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var in []commodity.Code
		for range rng.IntN(6) {
			in = append(in, pool[rng.IntN(len(pool))])
		}
		g := commodity.MustGroup("random", in...)
		for _, c := range pool {
			contains := slices.ContainsFunc(in, func(x commodity.Code) bool { return x.Contains(c) })
			overlaps := slices.ContainsFunc(in, func(x commodity.Code) bool { return x.Contains(c) || c.Contains(x) })
			require.Equal(t, contains, g.Contains(c), "group %v, code %v", g, c)
			require.Equal(t, overlaps, g.Overlaps(c), "group %v, code %v", g, c)
		}
	}
}

func TestGroupMembershipDoesNotAllocate(t *testing.T) {
	g := commodity.MustGroup("many", codes("0101", "1201", "2805.30", "2846", "2709", "8505.11", "8703.80", "9701")...)
	c := commodity.MustParseCode("2846.90.99.10")
	allocs := testing.AllocsPerRun(100, func() {
		if !g.Contains(c) || !g.Overlaps(c) {
			t.Fatal("not a member")
		}
	})
	assert.Zero(t, allocs)
}
