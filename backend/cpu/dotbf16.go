package cpu

import (
	"math"
	"sync"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// The dot=bf16 option: products with bf16 weights round the activations to
// bf16 (round to nearest even) and multiply pairs with VDPBF16PS, as
// llama.cpp does for bf16 weights. Twice the multiply-adds per instruction
// and no widening make compute-bound work faster (prefill 1.3–1.4×, see
// docs/BENCHMARKS.md); the price is bf16 precision on the activations entering each
// product (8 significant bits, relative error ≤ 2⁻⁹ per element).
//
// Every output is summed the same way — pairs into 16 lanes over blocks of
// 32 in order, lanes folded, then the elements past the last whole block in
// order — whichever kernel (tile shape) computes it, so results stay batch
// invariant.

// roundBF16 rounds x to the nearest bf16, ties to even (NaN stays NaN).
func roundBF16(x float32) bfloat16.BFloat16 {
	b := math.Float32bits(x)
	if b&0x7fffffff > 0x7f800000 { // NaN: keep it quiet and NaN
		return bfloat16.BFloat16(b>>16 | 0x40)
	}
	return bfloat16.BFloat16((b + 0x7fff + (b>>16)&1) >> 16)
}

// bf16Scratch holds rounded activation rows between steps, so a decode step
// allocates nothing in steady state.
var bf16Scratch = sync.Pool{New: func() any { return new([]bfloat16.BFloat16) }}

// roundRows returns x rounded to bf16 in a pooled buffer; give it back with
// bf16Scratch.Put(buf) when the product is done.
func roundRows(x []float32) (*[]bfloat16.BFloat16, []bfloat16.BFloat16) {
	buf := bf16Scratch.Get().(*[]bfloat16.BFloat16)
	if cap(*buf) < len(x) {
		*buf = make([]bfloat16.BFloat16, len(x))
	}
	out := (*buf)[:len(x)]
	for i, v := range x {
		out[i] = roundBF16(v)
	}
	return buf, out
}

// dpLen is the part of a length the pair kernels take (blocks of 32).
func dpLen(n int) int { return n &^ 31 }

// dpTail sums the elements past the pair kernels' blocks, in order.
func dpTail(a, b []bfloat16.BFloat16) float32 {
	var s float32
	for i := range a {
		s += a[i].Float32() * b[i].Float32()
	}
	return s
}

// dpRow is one output of the dot=bf16 product: a · b.
func dpRow(a, b []bfloat16.BFloat16) float32 {
	n := dpLen(len(a))
	var s float32
	if n > 0 {
		s = dpbf16Row(&a[0], &b[0], n)
	}
	return s + dpTail(a[n:], b[n:len(a)])
}

// tilesDP: rounded activation rows L16 against weight rows [lo, hi) in
// tiles of 4×4, the rest in 4×1 and single rows. Long batches (prefill) go
// in passes of rows that fit in L2, as tilesBF16.
func (k *dotKernel) tilesDP(lo, hi int) {
	K, M, N := k.K, k.M, k.N
	simd := dpLen(K)
	if M == 1 && simd > 0 {
		k.decodeDP(lo, hi)
		return
	}
	pass := max(4, tileActBytes/(2*K)&^3)
	for m0 := 0; m0 < M; m0 += pass {
		m1 := min(M, m0+pass)
		n := lo
		for ; simd > 0 && n+4 <= hi; n += 4 {
			w := &k.R16[n*K]
			m := m0
			for ; m+4 <= m1; m += 4 {
				dpbf16Tile4x4(&k.L16[m*K], K, w, K, simd, &k.o[m*N+n], N)
			}
			for ; m < m1; m++ {
				dpbf16Tile4x1(&k.L16[m*K], w, K, simd, &k.o[m*N+n])
			}
			if simd < K {
				for m := m0; m < m1; m++ {
					for r := n; r < n+4; r++ {
						k.o[m*N+r] += dpTail(k.L16[m*K+simd:(m+1)*K], k.R16[r*K+simd:(r+1)*K])
					}
				}
			}
		}
		for ; n < hi; n++ {
			row := k.R16[n*K : (n+1)*K]
			for m := m0; m < m1; m++ {
				k.o[m*N+n] = dpRow(k.L16[m*K:(m+1)*K], row)
			}
		}
	}
}

// decodeDP: one activation row against weight rows [lo, hi), the block's
// two halves walked together (two memory streams per core, as decodeBF16).
func (k *dotKernel) decodeDP(lo, hi int) {
	x, K := k.L16[:k.K], k.K
	simd := dpLen(K)
	var two [2]float32
	half := (hi - lo) / 2
	for i := 0; i < half; i++ {
		n0, n1 := lo+i, lo+half+i
		r0, r1 := k.R16[n0*K:(n0+1)*K], k.R16[n1*K:(n1+1)*K]
		dpbf16Pair(&x[0], &r0[0], &r1[0], simd, &two[0])
		k.o[n0] = two[0] + dpTail(x[simd:], r0[simd:])
		k.o[n1] = two[1] + dpTail(x[simd:], r1[simd:])
	}
	if (hi-lo)%2 == 1 {
		k.o[hi-1] = dpRow(x, k.R16[(hi-1)*K:hi*K])
	}
}
