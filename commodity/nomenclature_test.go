package commodity_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tradeflow-go/tradeflow/commodity"
)

// roman writes n (1–39) in Roman numerals, independently of the embedded
// table's own column.
func roman(n int) string {
	var s string
	for ; n >= 10; n -= 10 {
		s += "X"
	}
	return s + []string{"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"}[n]
}

func TestSections(t *testing.T) {
	var secs []commodity.Section
	for s := range commodity.Sections() {
		secs = append(secs, s)
	}
	require.Len(t, secs, 21)
	next := 1 // the next chapter number expected
	for i, s := range secs {
		assert.Equal(t, i+1, s.Number())
		assert.Equal(t, roman(i+1), s.Roman())
		assert.NotEmpty(t, s.Title())
		assert.Equal(t, "Section "+s.Roman()+": "+s.Title(), s.String())
		first, last := s.Chapters()
		assert.Equal(t, fmt.Sprintf("%02d", next), first.String(), "section %s starts where the previous ended", s.Roman())
		assert.True(t, first.Compare(last) <= 0)
		fmt.Sscan(last.String(), &next)
		next++
	}
	assert.Equal(t, 98, next, "the sections cover chapters 01–97")

	// Stopping early stops the iteration.
	n := 0
	for range commodity.Sections() {
		n++
		break
	}
	assert.Equal(t, 1, n)
}

func TestChapters(t *testing.T) {
	titled := 0
	for ch := 1; ch <= 97; ch++ {
		c, err := commodity.ParseCode(fmt.Sprintf("%02d", ch))
		if ch == 77 {
			require.ErrorIs(t, err, commodity.ErrCode, "chapter 77 is reserved")
			continue
		}
		require.NoError(t, err)
		title, ok := commodity.Description(c)
		require.True(t, ok, "chapter %v has a title", c)
		assert.NotEmpty(t, title)
		titled++
		sec, ok := commodity.SectionOf(c)
		require.True(t, ok, "chapter %v has a section", c)
		assert.True(t, sec.Contains(c), "section %s contains chapter %v", sec.Roman(), c)
		assert.True(t, sec.Contains(commodity.MustParseCode(c.String()+"01.10.00")), "and the codes under it")
		for other := range commodity.Sections() {
			if other != sec {
				assert.False(t, other.Contains(c), "only one section contains chapter %v", c)
			}
		}
	}
	assert.Equal(t, 96, titled, "97 chapters less the reserved one")

	var zero commodity.Code
	_, ok := commodity.Description(zero)
	assert.False(t, ok)
	_, ok = commodity.SectionOf(zero)
	assert.False(t, ok)
	var zs commodity.Section
	assert.False(t, zs.Contains(commodity.MustParseCode("01")))
	for s := range commodity.Sections() {
		assert.False(t, s.Contains(zero))
	}
}

func TestChapterTitles(t *testing.T) {
	// Spot checks against the WCO's HS 2022 text.
	tests := []struct {
		code, section, title string
	}{
		{"1201.90", "II", "Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial or medicinal plants; straw and fodder"},
		{"2846", "VI", "Inorganic chemicals; organic or inorganic compounds of precious metals, of rare-earth metals, of radioactive elements or of isotopes"},
		{"15", "III", "Animal, vegetable or microbial fats and oils and their cleavage products; prepared edible fats; animal or vegetable waxes"},
		{"8505.11", "XVI", "Electrical machinery and equipment and parts thereof; sound recorders and reproducers, television image and sound recorders and reproducers, and parts and accessories of such articles"},
		{"34", "VI", `Soap, organic surface-active agents, washing preparations, lubricating preparations, artificial waxes, prepared waxes, polishing or scouring preparations, candles and similar articles, modelling pastes, "dental waxes" and dental preparations with a basis of plaster`},
		{"76", "XV", "Aluminium and articles thereof"},
		{"78", "XV", "Lead and articles thereof"},
		{"97", "XXI", "Works of art, collectors' pieces and antiques"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			c := commodity.MustParseCode(tt.code)
			title, ok := commodity.Description(c.Chapter())
			require.True(t, ok)
			assert.Equal(t, tt.title, title)
			sec, ok := commodity.SectionOf(c)
			require.True(t, ok)
			assert.Equal(t, tt.section, sec.Roman())
		})
	}
}

func TestDescription(t *testing.T) {
	tests := []struct {
		code string
		want string // "" when HS 2022 has no such code
	}{
		{"12", "Oil seeds and oleaginous fruits; miscellaneous grains, seeds and fruit; industrial or medicinal plants; straw and fodder"},
		{"1201", "Soya beans, whether or not broken"},
		{"1201.10", "Soya beans; seed, whether or not broken"},
		{"2846.90", "Compounds, inorganic or organic (excluding cerium), of rare-earth metals, of yttrium, scandium or of mixtures of these metals"},
		{"8505.11", "Magnets; permanent magnets and articles intended to become permanent magnets after magnetisation, of metal"},
		{"8517.71", "Communication apparatus; parts, aerials and aerial reflectors of all kinds, part suitable for use therewith"},
		{"8517.70", ""},       // HS 2017's parts of telephone sets, split in HS 2022
		{"2846.95", ""},       // well formed, never defined
		{"2846.90.19", ""},    // a national line
		{"2805.30.11.00", ""}, // a national line
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, ok := commodity.Description(commodity.MustParseCode(tt.code))
			assert.Equal(t, tt.want != "", ok)
			assert.Equal(t, tt.want, got)
		})
	}

	// Cut at 255 characters in the source, without the trailing space.
	cut, ok := commodity.Description(commodity.MustParseCode("3827.69"))
	require.True(t, ok)
	assert.Len(t, cut, 254)
	assert.NotEqual(t, " ", cut[len(cut)-1:])
}

// TestDescriptionsCoverHS2022 checks the embedded table as a whole: every
// heading and subheading of HS 2022 (1,228 and 5,612) has a description,
// under a chapter that exists, in the section the WCO's tables put it.
func TestDescriptionsCoverHS2022(t *testing.T) {
	var headings, subheadings int
	for ch := 1; ch <= 97; ch++ {
		if ch == 77 {
			continue
		}
		for h := 1; h <= 99; h++ {
			heading := commodity.MustParseCode(fmt.Sprintf("%02d%02d", ch, h))
			if _, ok := commodity.Description(heading); ok {
				headings++
			}
			for sub := 0; sub <= 99; sub++ {
				c := commodity.MustParseCode(fmt.Sprintf("%02d%02d%02d", ch, h, sub))
				d, ok := commodity.Description(c)
				if !ok {
					continue
				}
				subheadings++
				assert.NotEmpty(t, d)
				assert.NotContains(t, d, "\n", "%v", c)
				_, hasHeading := commodity.Description(c.Heading())
				assert.True(t, hasHeading, "%v lies under a heading of HS 2022", c)
			}
		}
	}
	assert.Equal(t, 1228, headings)
	assert.Equal(t, 5612, subheadings)
}
