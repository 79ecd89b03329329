package golden

import "testing"

func TestDiff(t *testing.T) {
	got := Diff("a\nb\nc\n", "a\nB\nc\nd\n")
	want := "   2 - b\n   2 + B\n   4 + d\n"
	if got != want {
		t.Errorf("Diff:\n%q\nwant\n%q", got, want)
	}
	if d := Diff("same\n", "same\n"); d != "" {
		t.Errorf("equal inputs give %q, want no lines", d)
	}
}
