//go:build !amd64

package cpu

import (
	"unsafe"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

func dot(a, b []float32) float32 { return dotTail(a, b) }

func dotBF16(a []float32, b []bfloat16.BFloat16) float32 { return dotBF16Tail(a, b) }

func dotBF16Rows4(a []float32, lda int, b []bfloat16.BFloat16, out *[4]float32) {
	for r := 0; r < 4; r++ {
		out[r] = dotBF16Tail(a[r*lda:r*lda+len(b)], b)
	}
}

func dotBF16Pair(a []float32, b0, b1 []bfloat16.BFloat16, out *[2]float32) {
	out[0], out[1] = dotBF16Tail(a, b0), dotBF16Tail(a, b1)
}

func axpy(y []float32, a float32, x []float32) {
	for i := range y {
		y[i] += a * x[i]
	}
}

// hasTiles, hasFMA: the kernels are AVX-512 and AVX2 assembly, amd64 only.
var hasTiles, hasFMA = false, false

func dotBF16Tile4x4(a *float32, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int) {
	panic("cpu: tile kernels are amd64 only")
}

func dotBF16Tile4x1(a *float32, b *bfloat16.BFloat16, ldb int, n int, out *float32) {
	panic("cpu: tile kernels are amd64 only")
}

func dotF32Keys4(a *float32, lda int, b *float32, ldb int, n int, out *float32, ldo int) {
	panic("cpu: tile kernels are amd64 only")
}

func dotF32Rows4(a *float32, lda int, b *float32, n int, out *float32, ldo int) {
	panic("cpu: tile kernels are amd64 only")
}

func axpyRows4x64(y *float32, ldy int, p *float32, ldp int, v *float32, ldv int, n int) {
	panic("cpu: tile kernels are amd64 only")
}

// hasDPBF16: VDPBF16PS is amd64 assembly; dot=bf16 is refused elsewhere.
var hasDPBF16 = false

func dpbf16Tile4x4(a *bfloat16.BFloat16, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Tile4x1(a *bfloat16.BFloat16, b *bfloat16.BFloat16, ldb int, n int, out *float32) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Row(a *bfloat16.BFloat16, b *bfloat16.BFloat16, n int) float32 {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Pair(a *bfloat16.BFloat16, b0, b1 *bfloat16.BFloat16, n int, out *float32) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Triple8(a *bfloat16.BFloat16, lda int, b0, b1, b2 *bfloat16.BFloat16, n int, out0, out1, out2 *float32, ldo int) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Pair8Acc(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, acc *float32, pf0, pf1 unsafe.Pointer) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func dpbf16Pair4(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, out0, out1 *float32, ldo int) {
	panic("cpu: bf16 pair kernels are amd64 only")
}

func prefetchFloats(p *float32, n int) {}

func roundBF16Blocks(dst *bfloat16.BFloat16, src *float32, n int) int { return 0 }

// simdLen is 0: there are no assembly kernels here.
func simdLen(n int) int { return 0 }

func arithF32(op int, o, a, b *float32, n int) int { return 0 }

func arithScalarF32(op int, o, a *float32, s float32, n int, flip bool) int { return 0 }

func dotI8Tile4x4(a *float32, lda int, b *int8, ldb int, n int, out *float32, ldo int, pf int) {
	panic("cpu: int8 tile kernels are amd64 only")
}

func dotI8Tile4x1(a *float32, b *int8, ldb int, n int, out *float32, pf int) {
	panic("cpu: int8 tile kernels are amd64 only")
}

func dotI8x1(a *float32, b *int8, n int) float32 { panic("cpu: int8 tile kernels are amd64 only") }

func dotI8x1AVX2(a *float32, b *int8, n int) float32 { panic("cpu: int8 kernels are amd64 only") }
