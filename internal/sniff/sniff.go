// Package sniff recognises kinds of file by their first bytes, for the
// library's reader and the Beam module's, which must agree on them. It is
// not part of the library's API.
package sniff

import "bytes"

// JSONTable reports whether b, the start of a file, opens a JSON table (an
// array of arrays, as the US Census Bureau's API answers), after a
// byte-order mark and white space.
func JSONTable(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	if len(b) == 0 || b[0] != '[' {
		return false
	}
	b = bytes.TrimLeft(b[1:], " \t\r\n")
	return len(b) == 0 || b[0] == '['
}
