package cpu

import (
	"math"
	"sync"
	"unsafe"

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
// allocates no arrays for them in steady state.
var bf16Scratch = sync.Pool{New: func() any { return new([]bfloat16.BFloat16) }}

// roundRows returns x rounded to bf16 in a pooled buffer; give it back with
// bf16Scratch.Put(buf) when the product is done.
func roundRows(x []float32) (*[]bfloat16.BFloat16, []bfloat16.BFloat16) {
	buf := bf16Scratch.Get().(*[]bfloat16.BFloat16)
	if cap(*buf) < len(x) {
		*buf = make([]bfloat16.BFloat16, len(x))
	}
	out := (*buf)[:len(x)]
	i := 0
	if hasTiles && len(x) >= 16 {
		i = roundBF16Blocks(&out[0], &x[0], len(x)) // the same bits, 16 at a time
	}
	for ; i < len(x); i++ {
		out[i] = roundBF16(x[i])
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

// tilesDP: rounded activation rows L16 against weight rows [lo, hi).
// Batches up to pairRows go to decodeDP; longer ones (prefill) in tiles of
// 4×4, the rest in 4×1 and single rows, in passes of activation rows that
// fit in L2, as tilesBF16.
func (k *dotKernel) tilesDP(lo, hi int) {
	K, M, N := k.K, k.M, k.N
	simd := dpLen(K)
	if M <= pairRows && simd > 0 {
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

// pairRows is the largest batch decodeDP takes: up to it, a step's weights
// are streamed once, two rows at a time, with every activation row (at most
// 32 KiB of them for K = 2048) held in L1. Longer batches (prefill) are
// compute-bound and go in 4×4 tiles.
const pairRows = 16

// decodeDP: the activation rows against weight rows [lo, hi). Whole groups
// of 8 activation rows go to triples8, the block's thirds walked together as
// three memory streams, or for long rows to pairs8Blocked; the rest (batches
// under 8, or the last M mod 8 rows) to pairs, the halves walked together.
// Several streams per core keep more weight lines in flight than one.
func (k *dotKernel) decodeDP(lo, hi int) {
	m8 := k.M &^ 7
	switch {
	case m8 == 0:
	case dpLen(k.K) > dpBlock:
		k.pairs8Blocked(lo, hi, m8)
	default:
		k.triples8(lo, hi, m8)
	}
	if m8 < k.M {
		k.pairs(lo, hi, m8)
	}
}

// pairs computes activation rows [m0, M) against weight rows [lo, hi), the
// row pairs (lo+i, lo+half+i), in groups of 4 activation rows and single
// rows; a weight row left over whole.
func (k *dotKernel) pairs(lo, hi, m0 int) {
	K, M, N := k.K, k.M, k.N
	simd := dpLen(K)
	half := (hi - lo) / 2
	var two [2]float32
	for i := 0; i < half; i++ {
		n0, n1 := lo+i, lo+half+i
		r0, r1 := k.R16[n0*K:(n0+1)*K], k.R16[n1*K:(n1+1)*K]
		m := m0
		if m+4 <= M {
			dpbf16Pair4(&k.L16[m*K], K, &r0[0], &r1[0], simd, &k.o[m*N+n0], &k.o[m*N+n1], N)
			m += 4
		}
		for ; m < M; m++ {
			dpbf16Pair(&k.L16[m*K], &r0[0], &r1[0], simd, &two[0])
			k.o[m*N+n0], k.o[m*N+n1] = two[0], two[1]
		}
		k.addDPTails(m0, M, n0, n1)
	}
	k.wholeRows(m0, M, lo+2*half, hi)
}

// triples8 computes activation rows [0, m8), m8 a multiple of 8, against
// weight rows [lo, hi): the row triples (lo+i, lo+t+i, lo+2t+i), i < t =
// (hi-lo)/3, eight activation rows at a time; one or two rows left over
// whole. Three streams instead of two: the 8-row pass over an [8192, 2048]
// matrix streamed 13–24 % more bytes per second (BENCHMARKS.md).
func (k *dotKernel) triples8(lo, hi, m8 int) {
	K, N := k.K, k.N
	simd := dpLen(K)
	third := (hi - lo) / 3
	for i := 0; i < third; i++ {
		n0, n1, n2 := lo+i, lo+third+i, lo+2*third+i
		for m := 0; m < m8; m += 8 {
			dpbf16Triple8(&k.L16[m*K], K, &k.R16[n0*K], &k.R16[n1*K], &k.R16[n2*K], simd,
				&k.o[m*N+n0], &k.o[m*N+n1], &k.o[m*N+n2], N)
		}
		k.addDPTails(0, m8, n0, n1, n2)
	}
	k.wholeRows(0, m8, lo+3*third, hi)
}

// addDPTails adds the last K mod 32 products of activation rows [m0, m1)
// and weight rows ns to outputs the kernels summed up to dpLen(K). Small
// enough to inline: the kernels' loops call it once per row pair, and most
// widths have no tail.
func (k *dotKernel) addDPTails(m0, m1 int, ns ...int) {
	if dpLen(k.K) < k.K {
		k.sumDPTails(m0, m1, ns)
	}
}

func (k *dotKernel) sumDPTails(m0, m1 int, ns []int) {
	K, N := k.K, k.N
	simd := dpLen(K)
	for m := m0; m < m1; m++ {
		x := k.L16[m*K+simd : (m+1)*K]
		for _, n := range ns {
			k.o[m*N+n] += dpTail(x, k.R16[n*K+simd:(n+1)*K])
		}
	}
}

// wholeRows computes activation rows [m0, m1) against weight rows [n0, n1)
// one weight row at a time: a block's rows left over from its pairs or
// triples.
func (k *dotKernel) wholeRows(m0, m1, n0, n1 int) {
	K, N := k.K, k.N
	for n := n0; n < n1; n++ {
		row := k.R16[n*K : (n+1)*K]
		for m := m0; m < m1; m++ {
			k.o[m*N+n] = dpRow(k.L16[m*K:(m+1)*K], row)
		}
	}
}

// Blocked 8-row pairs. Eight activation rows of a long product (the MLP's
// down projection, K = 8192: 128 KiB in bf16) do not fit in L1, and the
// 8-row kernels load each of them once per weight line, so unblocked they
// run from L2 at ~70 % of their speed with K = 2048. pairs8Blocked walks K
// in blocks of dpBlock elements (8 rows × 4 KiB in L1), a group of row
// pairs at a time, keeping the accumulators unfolded in between: every lane
// sums its products in the same order as one pass, and the fold is the
// kernels', so the bits do not change (TestDPKernels). Pairs here, not
// triples: blocked triples (24 KiB of accumulators per group of 16, or
// groups of 8 or 4) and unblocked triples both ran 6–15 % slower.
const (
	dpBlock = 2048 // elements of K per pass
	dpGroup = 16   // row pairs per pass: 16 KiB of accumulators
)

// pairs8Blocked computes activation rows [0, m8), m8 a multiple of 8, for K
// past dpBlock, against the row pairs (lo+i, lo+half+i) of weight rows
// [lo, hi); a weight row left over whole.
func (k *dotKernel) pairs8Blocked(lo, hi, m8 int) {
	K, N := k.K, k.N
	simd := dpLen(K)
	half := (hi - lo) / 2
	var acc [dpGroup * 256]float32
	for g0 := 0; g0 < half; g0 += dpGroup {
		g1 := min(half, g0+dpGroup)
		for m := 0; m < m8; m += 8 {
			clear(acc[:(g1-g0)*256])
			for c := 0; c < simd; c += dpBlock {
				w := min(dpBlock, simd-c)
				for i := g0; i < g1; i++ {
					b0, b1 := &k.R16[(lo+i)*K+c], &k.R16[(lo+half+i)*K+c]
					next := min(i+1, g1-1) // the next call's rows (the last call re-reads its own)
					pf0 := unsafe.Pointer(&k.R16[(lo+next)*K+c])
					pf1 := unsafe.Pointer(&k.R16[(lo+half+next)*K+c])
					dpbf16Pair8Acc(&k.L16[m*K+c], K, b0, b1, w, &acc[(i-g0)*256], pf0, pf1)
				}
			}
			for i := g0; i < g1; i++ {
				a := acc[(i-g0)*256:]
				for r := 0; r < 8; r++ {
					k.o[(m+r)*N+lo+i] = fold16(a[32*r : 32*r+16])
					k.o[(m+r)*N+lo+half+i] = fold16(a[32*r+16 : 32*r+32])
				}
			}
		}
	}
	for i := 0; i < half; i++ {
		k.addDPTails(0, m8, lo+i, lo+half+i)
	}
	k.wholeRows(0, m8, lo+2*half, hi)
}

// fold16 sums a 16-lane accumulator as the kernels' FOLD does: the two
// halves, then 4 lanes of 8, then two horizontal adds.
func fold16(l []float32) float32 {
	var x [4]float32
	for i := range x {
		x[i] = (l[i] + l[i+8]) + (l[i+4] + l[i+12])
	}
	return (x[0] + x[1]) + (x[2] + x[3])
}
