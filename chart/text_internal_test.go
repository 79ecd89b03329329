package chart

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"gonum.org/v1/plot/vg"
)

func TestWrap(t *testing.T) {
	f := newFace(10, false, ink)
	w := f.width("two words")
	tests := []struct {
		name, s string
		want    []string
	}{
		{"fits", "two words", []string{"two words"}},
		{"at spaces", "two words and two more", []string{"two words", "and two", "more"}},
		{"line breaks kept", "two\nwords", []string{"two", "words"}},
		{"spaces collapse", "  two   words ", []string{"two words"}},
		{"a long word is broken", "Kowloon-Canton", []string{"Kowloon-", "Canton"}},
		{"empty", "", []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrap(f, tt.s, w)
			assert.Equal(t, tt.want, got)
			for _, ln := range got {
				assert.LessOrEqual(t, f.width(ln), w, ln)
			}
		})
	}
	// Even a letter wider than the width is written, one a line.
	assert.Equal(t, []string{"W", "W"}, wrap(f, "WW", vg.Length(1)))
}

func TestBalance(t *testing.T) {
	f := newFace(15, true, ink)
	title := "China's exports to the U.S. have fallen by more than 10% for eight months in a row"
	w := f.width(title) * 0.98
	assert.Equal(t, []string{
		"China's exports to the U.S. have fallen by more than 10% for eight months in a",
		"row",
	}, wrap(f, title, w), "greedy wrapping leaves a widow")
	lines := balance(f, title, w)
	assert.Len(t, lines, 2)
	assert.Equal(t, title, strings.Join(lines, " "))
	assert.InDelta(t, float64(f.width(lines[0])), float64(f.width(lines[1])), float64(f.width("months")),
		"%q and %q", lines[0], lines[1])
}
