package api

import "testing"

func TestStopHoldBack(t *testing.T) {
	for _, tc := range []struct {
		text  string
		stops []string
		keep  int
	}{
		{"hello wor", []string{"world"}, 3},
		{"hello", []string{"xyz"}, 0},
		{"ab", []string{"abc"}, 2},
		{"a\n", []string{"\n\n", "END"}, 1},
		{"the EN", []string{"\n\n", "END"}, 2},
		{"héllo wé", []string{"wéird"}, 3}, // bytes, and never splits before a complete prefix
		{"", []string{"x"}, 0},
	} {
		if got := stopPrefixLen(tc.text, tc.stops); got != tc.keep {
			t.Errorf("stopPrefixLen(%q, %q) = %d, want %d", tc.text, tc.stops, got, tc.keep)
		}
	}
	if i, s := firstStop("one two three", []string{"three", "two"}); i != 4 || s != "two" {
		t.Errorf("firstStop = %d %q, want the earliest (4, two)", i, s)
	}
	if i, _ := firstStop("one", []string{"four"}); i != -1 {
		t.Errorf("firstStop without a match = %d", i)
	}
}
