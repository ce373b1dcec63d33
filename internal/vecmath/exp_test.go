package vecmath

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Exp against float64 math.Exp: within 2 ulp of float32 wherever the
// result is a normal float32, exact at the edges (0, ±Inf, NaN, overflow,
// underflow) — on a sweep of the whole useful range and random values.
func TestExpf(t *testing.T) {
	check := func(x float32) {
		got, want := Exp(x), math.Exp(float64(x))
		w32 := float32(want)
		switch {
		case math.IsNaN(float64(x)):
			if !math.IsNaN(float64(got)) {
				t.Fatalf("Exp(NaN) = %v", got)
			}
			return
		case math.IsInf(float64(w32), 0) || w32 < math.SmallestNonzeroFloat32*(1<<23):
			if got != w32 {
				t.Fatalf("Exp(%v) = %v, want %v", x, got, w32)
			}
			return
		}
		ulp := math.Nextafter32(w32, float32(math.Inf(1))) - w32
		if d := math.Abs(float64(got) - want); d > 2*float64(ulp) {
			t.Fatalf("Exp(%v) = %v, exact %v: off by %.2f ulp", x, got, want, d/float64(ulp))
		}
	}
	for _, x := range []float32{0, 1, -1, 88.72, 88.73, 89, -87.3, -87.4, -103, -104, -200,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1e-8, -1e-8} {
		check(x)
	}
	for x := float32(-90); x < 90; x += 0.000713 {
		check(x)
	}
	r := rand.New(rand.NewPCG(41, 42))
	for i := 0; i < 1_000_000; i++ {
		check(r.Float32()*180 - 90)
	}
}

// The vector kernels give every element the scalar function's bits, on
// random values across and past the vector range (with NaN, ±Inf and the
// range edges sprinkled in, so blocks fall back), at every length and offset.
func TestExpKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(43, 44))
	specials := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 88, 88.0001, 88.72, -87.33654, -87.34, -87.3365, 0, -0}
	for _, n := range []int{0, 1, 15, 16, 17, 31, 33, 64, 100, 1000, 4099} {
		a := make([]float32, n)
		for i := range a {
			a[i] = r.Float32()*200 - 100
			if r.IntN(50) == 0 {
				a[i] = specials[r.IntN(len(specials))]
			}
		}
		for _, k := range []struct {
			name  string
			slice func(o, a []float32)
			f     func(float32) float32
		}{{"exp", ExpSlice, Exp}, {"sigmoid", SigmoidSlice, Sigmoid}} {
			for _, off := range []int{0, min(n, 3)} {
				o := make([]float32, n-off)
				k.slice(o, a[off:])
				for i, x := range a[off:] {
					if want := k.f(x); math.Float32bits(o[i]) != math.Float32bits(want) && !(math.IsNaN(float64(want)) && math.IsNaN(float64(o[i]))) {
						t.Fatalf("%s n=%d offset %d: element %d (%v) = %v, scalar %v", k.name, n, off, i, x, o[i], want)
					}
				}
			}
		}
	}
}

func BenchmarkExp(b *testing.B) {
	xs := make([]float32, 4096)
	for i := range xs {
		xs[i] = float32(i%200)/10 - 10
	}
	var sink float32
	b.Run("Exp", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, x := range xs {
				sink += Exp(x)
			}
		}
	})
	b.Run("ExpSlice", func(b *testing.B) {
		o := make([]float32, len(xs))
		for i := 0; i < b.N; i++ {
			ExpSlice(o, xs)
		}
	})
	b.Run("math.Exp", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, x := range xs {
				sink += float32(math.Exp(float64(x)))
			}
		}
	})
	_ = sink
}
