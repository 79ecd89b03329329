package commodity

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The section and chapter titles of the Harmonized System, 2022 edition,
// as published by the World Customs Organization (WCO), each file naming
// its source in its header comments; and the heading and subheading
// descriptions of HS 2022 from UN Comtrade, compressed, whose source,
// licence and checksum data/README.md gives.
var (
	//go:embed data/hs2022_sections.csv
	sectionsCSV []byte
	//go:embed data/hs2022_chapters.csv
	chaptersCSV []byte
	//go:embed data/hs2022_harmonized-system.csv.gz
	descriptionsGz []byte
)

// A Section is one of the 21 sections of the Harmonized System, 2022
// edition: a run of consecutive chapters under one title, such as section
// VI, "Products of the chemical or allied industries", chapters 28–38.
// The zero Section is not a section.
type Section struct {
	number      uint8
	roman       string
	first, last Code
	title       string
}

// Number returns the section's number, 1–21.
func (s Section) Number() int { return int(s.number) }

// Roman returns the section's number as the nomenclature prints it: "VI".
func (s Section) Roman() string { return s.roman }

// Title returns the section's title in the WCO's English text.
func (s Section) Title() string { return s.title }

// Chapters returns the first and last chapter of the section.
func (s Section) Chapters() (first, last Code) { return s.first, s.last }

// Contains reports whether code c lies in the section: whether c's chapter
// is one of the section's chapters.
func (s Section) Contains(c Code) bool {
	ch := c.Chapter()
	return !ch.IsZero() && s.number != 0 && s.first.Compare(ch) <= 0 && ch.Compare(s.last) <= 0
}

// String returns "Section VI: " followed by the title.
func (s Section) String() string { return "Section " + s.roman + ": " + s.title }

// AppendText appends the section's Roman numeral ("VI") to b, nothing for
// the zero Section, as [encoding.TextAppender] asks; the error is always
// nil.
func (s Section) AppendText(b []byte) ([]byte, error) { return append(b, s.roman...), nil }

// MarshalText returns the section's Roman numeral, as [Section.AppendText]
// does. JSON uses it, so a Section is a JSON string.
func (s Section) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText reads a section's Roman numeral, "I" to "XXI"; empty text
// is the zero Section. Anything else is a [*CodeError].
func (s *Section) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = Section{}
		return nil
	}
	for _, sec := range hs2022().sections {
		if sec.roman == string(b) {
			*s = sec
			return nil
		}
	}
	return &CodeError{string(b), "not a section of HS 2022; want a Roman numeral from I to XXI"}
}

type chapterInfo struct {
	section  uint8 // index into sections + 1; 0 when the chapter does not exist
	reserved bool
	title    string
}

type nomenclature struct {
	sections []Section
	chapters [98]chapterInfo // by chapter number
}

var hs2022 = sync.OnceValue(func() *nomenclature {
	n, err := parseNomenclature(sectionsCSV, chaptersCSV)
	if err != nil {
		panic(err) // the embedded files are part of the program
	}
	return n
})

// parseNomenclature reads the embedded section and chapter tables.
func parseNomenclature(sections, chapters []byte) (*nomenclature, error) {
	var n nomenclature
	srows, err := readTable(sections, "hs2022_sections.csv", 5)
	if err != nil {
		return nil, err
	}
	for i, r := range srows {
		num, err := strconv.Atoi(r[0])
		if err != nil || num != i+1 {
			return nil, fmt.Errorf("commodity: hs2022_sections.csv: row %d: section %q out of order", i+1, r[0])
		}
		first, err1 := ParseCode(r[2])
		last, err2 := ParseCode(r[3])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("commodity: hs2022_sections.csv: row %d: %w", i+1, err)
		}
		if first.Len() != 2 || last.Len() != 2 || last.Compare(first) < 0 {
			return nil, fmt.Errorf("commodity: hs2022_sections.csv: row %d: chapters %q–%q", i+1, r[2], r[3])
		}
		n.sections = append(n.sections, Section{uint8(num), r[1], first, last, r[4]})
	}
	crows, err := readTable(chapters, "hs2022_chapters.csv", 4)
	if err != nil {
		return nil, err
	}
	for i, r := range crows {
		ch, err1 := strconv.Atoi(r[0])
		sec, err2 := strconv.Atoi(r[1])
		if err := errors.Join(err1, err2); err != nil || len(r[0]) != 2 || ch != i+1 || sec < 1 || sec > len(n.sections) {
			return nil, fmt.Errorf("commodity: hs2022_chapters.csv: row %d: chapter %q, section %q", i+1, r[0], r[1])
		}
		n.chapters[ch] = chapterInfo{uint8(sec), r[2] == "1", r[3]}
	}
	return &n, nil
}

// readTable reads a CSV table with '#' comment lines and a header row,
// returning the rows after the header.
func readTable(b []byte, name string, fields int) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(b))
	r.Comment = '#'
	r.FieldsPerRecord = fields
	rows, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("commodity: %s: %w", name, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("commodity: %s: no rows", name)
	}
	return rows[1:], nil
}

// Sections returns the 21 sections of the Harmonized System, 2022 edition,
// in order, I to XXI.
func Sections() iter.Seq[Section] {
	return func(yield func(Section) bool) {
		for _, s := range hs2022().sections {
			if !yield(s) {
				return
			}
		}
	}
}

// SectionOf returns the section that code c's chapter belongs to. It
// reports false for the zero Code.
func SectionOf(c Code) (Section, bool) {
	if c.IsZero() {
		return Section{}, false
	}
	n := hs2022()
	info := n.chapters[c.Chapter().v]
	if info.section == 0 {
		return Section{}, false
	}
	return n.sections[info.section-1], true
}

// Description returns what code c stands for in the Harmonized System,
// 2022 edition: for a chapter its title in the WCO's text ("Oil seeds and
// oleaginous fruits; …" for 12), for a heading or a subheading UN
// Comtrade's description ("Soya beans; seed, whether or not broken" for
// 1201.10). Some of Comtrade's descriptions are cut at 255 characters, as
// the source has them (see data/README.md).
//
// It reports false when HS 2022 has no such code: a national line (8 or 10
// digits), whose meaning is a country's; a code of another edition that HS
// 2022 deleted or split; or a code that was never defined. So false means
// "not in HS 2022", not "invalid": a file coded in HS 2017 can hold codes
// this table lacks. It reports false for the zero Code.
func Description(c Code) (string, bool) {
	switch c.Len() {
	case 2:
		info := hs2022().chapters[c.v]
		if info.section == 0 || info.reserved {
			return "", false
		}
		return info.title, true
	case 4, 6:
		d, ok := descriptions()[c]
		return d, ok
	}
	return "", false
}

// descriptions holds the heading and subheading descriptions, read from
// the embedded file on first use: most programs never ask for one.
var descriptions = sync.OnceValue(func() map[Code]string {
	m, err := parseDescriptions(descriptionsGz)
	if err != nil {
		panic(err) // the embedded file is part of the program
	}
	return m
})

// parseDescriptions reads the compressed section,hscode,description,
// parent,level table, keeping the 4- and 6-digit codes that are HS codes.
func parseDescriptions(gz []byte) (map[Code]string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("commodity: hs2022_harmonized-system.csv.gz: %w", err)
	}
	r := csv.NewReader(zr)
	r.FieldsPerRecord = 5
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil || !slices.Equal(head, []string{"section", "hscode", "description", "parent", "level"}) {
		return nil, errors.New("commodity: hs2022_harmonized-system.csv.gz: missing or unexpected header")
	}
	m := make(map[Code]string, 6840) // 1,228 headings and 5,612 subheadings
	for {
		row, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("commodity: hs2022_harmonized-system.csv.gz: %w", err)
		}
		if row[4] != "4" && row[4] != "6" {
			continue // chapters have the WCO's titles; TOTAL is no code
		}
		c, err := ParseCode(row[1])
		if err != nil || c.Len() != len(row[1]) {
			continue // Comtrade's 9999 and 999999, "not specified according to kind"
		}
		m[c] = strings.TrimRight(row[2], " ")
	}
	return m, nil
}
