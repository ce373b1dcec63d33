package cpu

import (
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"golang.org/x/sys/cpu"
)

var hasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAVX2(a, b *float32, n int) float32

// dot is Σ a[i]·b[i] (len(a) == len(b)): AVX2 FMA over blocks of 32, the
// rest in Go; the order of additions is fixed by the length alone.
func dot(a, b []float32) float32 {
	n := len(a) &^ 31
	if !hasFMA || n == 0 {
		return dotGeneric(a, b)
	}
	s := dotAVX2(&a[0], &b[0], n)
	if n < len(a) {
		s += dotGeneric(a[n:], b[n:len(a)])
	}
	return s
}

//go:noescape
func dotBF16AVX2(a *float32, b *bfloat16.BFloat16, n int) float32

// dotBF16 is dot with b in bfloat16, widened inside the kernel.
func dotBF16(a []float32, b []bfloat16.BFloat16) float32 {
	n := len(a) &^ 31
	if !hasFMA || n == 0 {
		return dotBF16Generic(a, b)
	}
	s := dotBF16AVX2(&a[0], &b[0], n)
	if n < len(a) {
		s += dotBF16Generic(a[n:], b[n:len(a)])
	}
	return s
}

//go:noescape
func widenBF16AVX2(dst *float32, src *bfloat16.BFloat16, n int)

// widen converts bf16 to float32 exactly.
func widen(dst []float32, src []bfloat16.BFloat16) {
	n := len(src) &^ 15
	if hasFMA && n > 0 {
		widenBF16AVX2(&dst[0], &src[0], n)
	}
	widenBF16(dst[n:len(src)], src[n:])
}
