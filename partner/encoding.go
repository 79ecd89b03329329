package partner

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"strconv"
)

// Value returns the alpha-3 code ("USA") for a database column, or NULL for
// the zero Code, which means "no partner". It implements [driver.Valuer].
func (c Code) Value() (driver.Value, error) {
	if c.IsZero() {
		return nil, nil
	}
	return c.String(), nil
}

// Scan reads a partner from a database column, implementing
// [database/sql.Scanner]: text in any form [ParseCode] accepts, or an
// integer, read as a UN Comtrade partner number (842). NULL and empty text
// are the zero Code.
func (c *Code) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		*c = Code{}
		return nil
	case string:
		return c.UnmarshalText([]byte(x))
	case []byte:
		return c.UnmarshalText(x)
	case int64:
		if x < 0 || x > 999 {
			return &CodeError{Input: strconv.FormatInt(x, 10)}
		}
		v, err := ParseCode(strconv.FormatInt(x, 10))
		if err != nil {
			return err
		}
		*c = v
		return nil
	}
	return &CodeError{fmt.Sprintf("%v", src), fmt.Sprintf("cannot scan a %T into a partner code", src)}
}

// groupJSON is a Group as JSON: {"name": "EU", "members": [{"code": "BEL",
// "from": "1958-01"}, …]}.
type groupJSON struct {
	Name    string       `json:"name"`
	Members []Membership `json:"members"`
}

// MarshalJSON writes g as its name and memberships, in the order of
// [Group.Memberships]. A group with members and no name (a [Group.Fixed]
// of an empty name) is an error: [NewGroup] would not read it back.
func (g Group) MarshalJSON() ([]byte, error) {
	if g.name == "" && len(g.ms) > 0 {
		return nil, &GroupError{Reason: "a group needs a name"}
	}
	ms := g.ms
	if ms == nil {
		ms = []Membership{} // [], not null
	}
	return json.Marshal(groupJSON{g.name, ms})
}

// UnmarshalJSON reads what MarshalJSON writes, checking the group as
// [NewGroup] does. A group with no name and no members is the zero Group.
func (g *Group) UnmarshalJSON(b []byte) error {
	var j groupJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	if j.Name == "" && len(j.Members) == 0 {
		*g = Group{}
		return nil
	}
	v, err := NewGroup(j.Name, j.Members...)
	if err != nil {
		return err
	}
	*g = v
	return nil
}
