package membw

import "testing"

func TestSumMatchesGeneric(t *testing.T) {
	for _, n := range []int{16, 32, 1024, 4096 + 16} {
		p := make([]uint64, n)
		for i := range p {
			p[i] = uint64(i*i) ^ 0xdeadbeef
		}
		if got, want := sum(p), sumGeneric(p); got != want {
			t.Errorf("n=%d: sum = %d, generic = %d", n, got, want)
		}
	}
}

func TestMeasure(t *testing.T) {
	r := Measure(8<<20, 2, 2)
	if r.BytesPerSecond <= 0 || r.BufferBytes <= 0 {
		t.Fatalf("implausible result %+v", r)
	}
}
