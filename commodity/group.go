package commodity

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// A Group is a named set of products given by HS codes, such as soybeans
// (HS 1201) or a customs agency's "rare earths".
//
// Each code of a group stands for itself and every code under it: a code
// is a prefix. The group soybeans, HS 1201, holds the subheadings 1201.10
// and 1201.90 and every national line under them. There is no form that
// holds a code but not the codes under it, because in the Harmonized
// System a line under a code is part of it.
//
// A Group is immutable; the zero Group has no name and holds nothing.
// Contains and Overlaps take time logarithmic in the number of codes and do
// not allocate.
type Group struct {
	name  string
	codes []Code // sorted by Code.Compare; none contains another
}

// ErrGroup is wrapped by every error about an invalid group definition.
var ErrGroup = errors.New("invalid group")

// A GroupError reports a group definition that cannot be used.
type GroupError struct {
	Group  string // the group's name
	Reason string
}

func (e *GroupError) Error() string {
	return fmt.Sprintf("commodity: group %q: %s", e.Group, e.Reason)
}

// Unwrap returns [ErrGroup].
func (e *GroupError) Unwrap() error { return ErrGroup }

// NewGroup returns the group called name made of the given codes. The
// order of codes does not matter, and a code under another one adds
// nothing: the group of 2846 and 2846.90 is the group of 2846 (see the
// example). It is an error (a [*GroupError], wrapping [ErrGroup]) if name
// is empty or a code is the zero Code.
func NewGroup(name string, codes ...Code) (Group, error) {
	if name == "" {
		return Group{}, &GroupError{Reason: "a group needs a name"}
	}
	if slices.Contains(codes, Code{}) {
		return Group{}, &GroupError{name, "the zero Code is no code"}
	}
	return newGroup(name, codes), nil
}

// MustGroup is like [NewGroup] but panics on error. It is meant for
// literals in programs and tests.
func MustGroup(name string, codes ...Code) Group {
	g, err := NewGroup(name, codes...)
	if err != nil {
		panic(err)
	}
	return g
}

// newGroup is NewGroup for a name and codes known to be valid.
func newGroup(name string, codes []Code) Group {
	cs := slices.Clone(codes)
	slices.SortFunc(cs, Code.Compare)
	kept := cs[:0]
	for _, c := range cs {
		// Sorted, a code comes right after the code that contains it, or
		// after codes that lie under that one and were dropped.
		if len(kept) > 0 && kept[len(kept)-1].Contains(c) {
			continue
		}
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		kept = nil
	}
	return Group{name, kept}
}

// ParseGroup is [NewGroup] for codes given as text in any form [ParseCode]
// accepts. The first code that does not parse is returned as a
// [*CodeError].
func ParseGroup(name string, codes ...string) (Group, error) {
	cs := make([]Code, len(codes))
	for i, s := range codes {
		c, err := ParseCode(s)
		if err != nil {
			return Group{}, err
		}
		cs[i] = c
	}
	return NewGroup(name, cs...)
}

// Name returns the group's name.
func (g Group) Name() string { return g.name }

// Codes returns the group's codes in the nomenclature's order, without
// codes that lie under another of them.
func (g Group) Codes() iter.Seq[Code] { return slices.Values(g.codes) }

// Contains reports whether every product under code c is in the group:
// whether one of the group's codes contains c. A record coded 1201.90.11
// is soybeans; one coded 12 (all oil seeds) is not, though it overlaps
// them (see [Group.Overlaps]). The zero Code is in no group.
func (g Group) Contains(c Code) bool {
	if c.IsZero() {
		return false
	}
	i, found := slices.BinarySearchFunc(g.codes, c, Code.Compare)
	// A code containing c sorts before c, with nothing of the group between.
	return found || i > 0 && g.codes[i-1].Contains(c)
}

// Overlaps reports whether some product under code c is in the group:
// whether c contains one of the group's codes or one of them contains c.
// Data given at a coarser level than the group (a chapter total, say)
// overlaps the group without being in it.
func (g Group) Overlaps(c Code) bool {
	if g.Contains(c) {
		return true
	}
	i, _ := slices.BinarySearchFunc(g.codes, c, Code.Compare)
	// The codes under c sort right after c.
	return i < len(g.codes) && c.Contains(g.codes[i])
}

// groupJSON is a Group as JSON: {"name": "soybeans", "codes": ["1201"]}.
type groupJSON struct {
	Name  string `json:"name"`
	Codes []Code `json:"codes"`
}

// MarshalJSON writes g as {"name": …, "codes": […]}, its codes in their
// canonical form and the nomenclature's order.
func (g Group) MarshalJSON() ([]byte, error) {
	codes := g.codes
	if codes == nil {
		codes = []Code{} // [], not null
	}
	return json.Marshal(groupJSON{g.name, codes})
}

// UnmarshalJSON reads what MarshalJSON writes, checking the group as
// [NewGroup] does; codes may be in any form [ParseCode] accepts. A group
// with no name and no codes is the zero Group.
func (g *Group) UnmarshalJSON(b []byte) error {
	var j groupJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Name == "" && len(j.Codes) == 0 {
		*g = Group{}
		return nil
	}
	v, err := NewGroup(j.Name, j.Codes...)
	if err != nil {
		return err
	}
	*g = v
	return nil
}

// String returns the name and the codes, such as "soybeans (HS 1201)".
func (g Group) String() string {
	var b strings.Builder
	b.WriteString(g.name)
	b.WriteString(" (HS ")
	for i, c := range g.codes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.String())
	}
	if len(g.codes) == 0 {
		b.WriteString("none")
	}
	b.WriteByte(')')
	return b.String()
}

// Soybeans returns the group "soybeans": HS heading 1201, "Soya beans,
// whether or not broken" (subheadings 1201.10, seed, and 1201.90, other),
// the product of China's customs figures for soybean imports.
func Soybeans() Group {
	return newGroup("soybeans", []Code{{1201, 4}})
}

// RareEarths returns the group "rare earths" as China's customs (the
// General Administration of Customs, GACC) count them in the export figure
// reported each month (稀土, such as 5,493.9 t for November 2025):
//
//   - 2805.30: rare-earth metals, scandium and yttrium, whether or not
//     intermixed or interalloyed;
//   - 2846: compounds, inorganic or organic, of rare-earth metals, of
//     yttrium or of scandium, or of mixtures of these metals (2846.10
//     cerium compounds, 2846.90 other), which include the oxides, the
//     largest part of the tonnage (repe.com.cn, report on 2022 Q3 exports).
//
// How sure this is: GACC does not publish the tariff lines behind its
// headline figure, and no source was found that lists them. The two codes
// are the rare-earth metals and compounds as the Harmonized System (2022)
// names them, and China's 10-digit lines under them, such as
// 2805.30.11.00 (neodymium) and 2846.90.99.10, are the ones its customs
// tariff subjects to export licensing (supervision code 4Bxy, as listed
// at registry.china-gacc.agency and gzbanghai.com). Two exclusions rest on
// evidence: rare-earth permanent magnets (8505.11) are not in the figure,
// since magnet exports alone, 6,150 t in November 2025 (GACC's detailed
// data as the press reported it), exceed the 5,493.9 t headline (Reuters);
// and
// rare-earth ores (China's national line 2530.90.20) are left out because
// their export has been prohibited since 2005 (imsilkroad.com, 2024), so
// they add nothing to an export tonnage. Whether the figure counts
// rare-earth ferroalloys (under 7202.99) is not known. Reuters reported in
// 2011 that GACC had widened the headline from "rare earths" to "rare
// earths and products" (ajot.com, "China rare earth accounting change
// masks export slump"), so the definition has changed before; a group for
// another definition is made with [NewGroup].
func RareEarths() Group {
	return newGroup("rare earths", []Code{{280530, 6}, {2846, 4}})
}
