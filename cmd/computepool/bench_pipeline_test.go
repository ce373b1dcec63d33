package main

import "testing"

// A run's tokens/s is the median of its rounds: the middle one, or the mean
// of the middle two, never the faster of two.
func TestMedian(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{{[]float64{5}, 5}, {[]float64{24, 9}, 16.5}, {[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}} {
		if got := median(c.v); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}
