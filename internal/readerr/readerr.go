// Package readerr holds the marks the library's reader wraps some of its
// row errors in, so that the module's other packages (the Beam module's
// Read) can tell those errors apart with errors.Is rather than by their
// text. They are not part of the library's API.
package readerr

import "errors"

// ErrOverlap marks the error of a combined figure (January–February) beside
// a separate month it covers. Its text is the end of that error's.
var ErrOverlap = errors.New("a combined figure and separate months for one series")
