package commodity

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseNomenclatureEmbedded(t *testing.T) {
	n, err := parseNomenclature(sectionsCSV, chaptersCSV)
	require.NoError(t, err)
	assert.Len(t, n.sections, 21)
	assert.True(t, n.chapters[77].reserved, "chapter 77 is reserved")
	for ch := 1; ch <= 97; ch++ {
		assert.NotZero(t, n.chapters[ch].section, "chapter %02d has a section", ch)
		assert.Equal(t, ch == 77, n.chapters[ch].reserved, "chapter %02d", ch)
		s := n.sections[n.chapters[ch].section-1]
		assert.True(t, int(s.first.v) <= ch && ch <= int(s.last.v),
			"chapter %02d lies in the chapters of its section %s", ch, s.roman)
	}
	assert.Zero(t, n.chapters[0].section)
}

func TestParseNomenclatureErrors(t *testing.T) {
	const hdrS = "section,roman,first,last,title\n"
	const hdrC = "chapter,section,reserved,title\n"
	goodS := hdrS + "1,I,01,05,Live animals; animal products\n"
	tests := []struct {
		name               string
		sections, chapters string
		want               string
	}{
		{"no section rows", hdrS, hdrC + "01,1,0,Live animals\n", "hs2022_sections.csv: no rows"},
		{"wrong field count", hdrS + "1,I,01,05\n", hdrC, "hs2022_sections.csv"},
		{"section out of order", hdrS + "2,II,06,14,Vegetable products\n", hdrC, `section "2" out of order`},
		{"bad chapter code", hdrS + "1,I,1,05,x\n", hdrC, `invalid HS code "1"`},
		{"chapters backwards", hdrS + "1,I,05,01,x\n", hdrC, `chapters "05"–"01"`},
		{"not a chapter", hdrS + "1,I,0101,05,x\n", hdrC, `chapters "0101"–"05"`},
		{"chapter out of order", goodS, hdrC + "02,1,0,Meat\n", `chapter "02", section "1"`},
		{"unknown section", goodS, hdrC + "01,2,0,Live animals\n", `chapter "01", section "2"`},
		{"one-digit chapter", goodS, hdrC + "1,1,0,Live animals\n", `chapter "1", section "1"`},
		{"no chapter rows", goodS, hdrC, "hs2022_chapters.csv: no rows"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseNomenclature([]byte(tt.sections), []byte(tt.chapters))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestDescriptionsFileUnchanged checks that the embedded descriptions are
// the source file as data/README.md names it, byte for byte, and that the
// sections the file gives agree with the WCO's tables.
func TestDescriptionsFileUnchanged(t *testing.T) {
	zr, err := gzip.NewReader(bytes.NewReader(descriptionsGz))
	require.NoError(t, err)
	raw, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, "e77ee9e1cfd15a42d1fadeb2c0618d10f6b9ed9aec0e5d66826dc7ef9d3126a5", fmt.Sprintf("%x", sha256.Sum256(raw)))

	rows, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	require.NoError(t, err)
	n := hs2022()
	checked := 0
	for _, r := range rows[1:] {
		c, err := ParseCode(r[1])
		if err != nil {
			assert.Contains(t, []string{"99", "9999", "999999", "TOTAL"}, r[1], "only Comtrade's own codes fail to parse")
			continue
		}
		sec := n.sections[n.chapters[c.Chapter().v].section-1]
		assert.Equal(t, sec.roman, r[0], "%v: section", c)
		checked++
	}
	assert.Equal(t, 96+1228+5612, checked)
}

func TestParseDescriptionsErrors(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for name, in := range map[string][]byte{
		"not gzip":     []byte("section,hscode"),
		"no header":    gz("I,01,Animals; live,TOTAL,2\n"),
		"short row":    gz("section,hscode,description,parent,level\nI,01\n"),
		"empty":        gz(""),
		"wrong header": gz("a,b,c,d,e\nI,0101,Horses,01,4\n"),
	} {
		_, err := parseDescriptions(in)
		assert.Error(t, err, name)
	}
	m, err := parseDescriptions(gz("section,hscode,description,parent,level\nI,0101,\"Horses; live \",01,4\nTOTAL,9999,x,99,4\n"))
	require.NoError(t, err)
	assert.Equal(t, map[Code]string{{101, 4}: "Horses; live"}, m)
}
