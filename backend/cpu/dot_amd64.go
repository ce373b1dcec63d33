package cpu

import (
	"unsafe"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"golang.org/x/sys/cpu"
)

var hasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// hasTiles enables the AVX-512 tile kernels (dot512_amd64.s) for batched
// bf16 products; a variable so tests can compare both paths on one machine.
var hasTiles = cpu.X86.HasAVX512F && cpu.X86.HasAVX512BW

//go:noescape
func dotBF16Tile4x4(a *float32, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int)

//go:noescape
func dotF32Keys4(a *float32, lda int, b *float32, ldb int, n int, out *float32, ldo int)

//go:noescape
func dotF32Rows4(a *float32, lda int, b *float32, n int, out *float32, ldo int)

//go:noescape
func axpyRows4x64(y *float32, ldy int, p *float32, ldp int, v *float32, ldv int, n int)

//go:noescape
func dotBF16Tile4x1(a *float32, b *bfloat16.BFloat16, ldb int, n int, out *float32)

//go:noescape
func dotF32x1(a, b *float32, n int) float32

//go:noescape
func dotBF16x1(a *float32, b *bfloat16.BFloat16, n int) float32

//go:noescape
func dotBF16x4(a *float32, lda int, b *bfloat16.BFloat16, n int, out *float32)

// simdLen is the part of a length the assembly kernels take (blocks of 16).
func simdLen(n int) int {
	if !hasFMA {
		return 0
	}
	return n &^ 15
}

// dot is Σ a[i]·b[i]: AVX2 FMA over blocks of 16, the rest in Go.
func dot(a, b []float32) float32 {
	n := simdLen(len(a))
	var s float32
	if n > 0 {
		s = dotF32x1(&a[0], &b[0], n)
	}
	return s + dotTail(a[n:], b[n:len(a)])
}

// dotBF16 is dot with b in bfloat16, widened inside the kernel.
func dotBF16(a []float32, b []bfloat16.BFloat16) float32 {
	n := simdLen(len(a))
	var s float32
	if n > 0 {
		s = dotBF16x1(&a[0], &b[0], n)
	}
	return s + dotBF16Tail(a[n:], b[n:len(a)])
}

//go:noescape
func dotBF16x1x2(a *float32, b0, b1 *bfloat16.BFloat16, n int, out *float32)

// dotBF16Pair computes dotBF16(a, b0) and dotBF16(a, b1) reading both rows
// at once (two memory streams); results equal two dotBF16 calls bit for bit.
func dotBF16Pair(a []float32, b0, b1 []bfloat16.BFloat16, out *[2]float32) {
	k := len(a)
	n := simdLen(k)
	if n > 0 {
		dotBF16x1x2(&a[0], &b0[0], &b1[0], n, &out[0])
	} else {
		*out = [2]float32{}
	}
	out[0] += dotBF16Tail(a[n:], b0[n:k])
	out[1] += dotBF16Tail(a[n:], b1[n:k])
}

// dotBF16Rows4 computes dotBF16 of four rows of a (each k long, lda apart)
// with b, reading b once; results equal four dotBF16 calls bit for bit.
func dotBF16Rows4(a []float32, lda int, b []bfloat16.BFloat16, out *[4]float32) {
	k := len(b)
	n := simdLen(k)
	if n > 0 {
		dotBF16x4(&a[0], lda, &b[0], n, &out[0])
	} else {
		*out = [4]float32{}
	}
	for r := 0; r < 4; r++ {
		out[r] += dotBF16Tail(a[r*lda+n:r*lda+k], b[n:])
	}
}

//go:noescape
func axpyAVX2(y, x *float32, a float32, n int)

// axpy is y += a·x.
func axpy(y []float32, a float32, x []float32) {
	n := len(y) &^ 7
	if hasFMA && n > 0 {
		axpyAVX2(&y[0], &x[0], a, n)
	}
	for i := n; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

// hasDPBF16: the CPU runs VDPBF16PS (AVX512_BF16), which the dot=bf16
// option needs.
var hasDPBF16 = cpu.X86.HasAVX512F && cpu.X86.HasAVX512BF16

//go:noescape
func dpbf16Tile4x4(a *bfloat16.BFloat16, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int)

//go:noescape
func dpbf16Tile4x1(a *bfloat16.BFloat16, b *bfloat16.BFloat16, ldb int, n int, out *float32)

//go:noescape
func dpbf16Row(a *bfloat16.BFloat16, b *bfloat16.BFloat16, n int) float32

//go:noescape
func dpbf16Pair(a *bfloat16.BFloat16, b0, b1 *bfloat16.BFloat16, n int, out *float32)

//go:noescape
func dpbf16Triple8(a *bfloat16.BFloat16, lda int, b0, b1, b2 *bfloat16.BFloat16, n int, out0, out1, out2 *float32, ldo int)

//go:noescape
func dpbf16Pair8Acc(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, acc *float32, pf0, pf1 unsafe.Pointer)

//go:noescape
func dpbf16Pair4(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, out0, out1 *float32, ldo int)

// prefetchFloats asks for the cache lines of p[0:n] ahead of their use.
//
//go:noescape
func prefetchFloats(p *float32, n int)

//go:noescape
func roundBF16Blocks(dst *bfloat16.BFloat16, src *float32, n int) int

//go:noescape
func arithF32(op int, o, a, b *float32, n int) int

//go:noescape
func arithScalarF32(op int, o, a *float32, s float32, n int, flip bool) int

//go:noescape
func dotI8Tile4x4(a *float32, lda int, b *int8, ldb int, n int, out *float32, ldo int, pf int)

//go:noescape
func dotI8Tile4x1(a *float32, b *int8, ldb int, n int, out *float32, pf int)

//go:noescape
func dotI8x1(a *float32, b *int8, n int) float32

//go:noescape
func dotI8x1AVX2(a *float32, b *int8, n int) float32
