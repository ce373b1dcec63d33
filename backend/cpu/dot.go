package cpu

import (
	"math"
	"slices"
	"sync"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// dotGeneral computes out[b, m, n] = Σ_k lhs[b, m, k] · rhs[b, n, k] after
// arranging each operand as [batch, free, contracting] (a copy only when its
// axes are not already in that order: weights in [out, in] layout never are
// copied). Each output element is one dot product with a fixed summation
// order, so a row's result does not depend on how many rows share the call:
// batched decode is bit-identical to decoding alone.
func (e *executable) dotGeneral(lhs, rhs *Buffer, shape shapes.Shape, p *dotParams) (*Buffer, error) {
	L, B, M, K, err := normalizeForDot(lhs, p.lhsBatch, p.lhsContract)
	if err != nil {
		return nil, err
	}
	var R []float32
	var R16 []bfloat16.BFloat16
	N := 1
	if p.rhsBF16 { // [out, in] layout, checked at build time
		R16 = rhs.flat.([]bfloat16.BFloat16)
		N = len(R16) / K
	} else if R, _, N, _, err = normalizeForDot(rhs, p.rhsBatch, p.rhsContract); err != nil {
		return nil, err
	}
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	o := out.flat.([]float32)
	// Work items are (batch, block of rhs rows); each reads its rhs rows once
	// and reuses them, hot in cache, for all M lhs rows.
	const minWork = 1 << 15 // multiply-adds below which threads cost more than they save
	threads := e.backend.threads
	if B*M*N*K < minWork {
		threads = 1
	}
	rowsPer := max(1, (B*N+threads*4-1)/(threads*4))
	var wg sync.WaitGroup
	work := make(chan [2]int, (B*N)/rowsPer+1)
	for start := 0; start < B*N; start += rowsPer {
		work <- [2]int{start, min(start+rowsPer, B*N)}
	}
	close(work)
	for t := 0; t < threads; t++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var wide []float32 // one bf16 row widened, reused by every lhs row
			if R16 != nil && M > 1 {
				wide = make([]float32, K)
			}
			for w := range work {
				for bn := w[0]; bn < w[1]; bn++ {
					b, n := bn/N, bn%N
					if R16 != nil {
						row := R16[n*K : (n+1)*K]
						if M == 1 {
							o[n] = dotBF16(L[:K], row)
							continue
						}
						// Widening is exact and dot sums in the same order as
						// dotBF16, so batched rows equal the M == 1 result bit for bit.
						widen(wide, row)
						for m := 0; m < M; m++ {
							o[m*N+n] = dot(L[m*K:(m+1)*K], wide)
						}
						continue
					}
					row := R[(b*N+n)*K : (b*N+n+1)*K]
					for m := 0; m < M; m++ {
						o[(b*M+m)*N+n] = dot(L[(b*M+m)*K:(b*M+m+1)*K], row)
					}
				}
			}
		}()
	}
	wg.Wait()
	return out, nil
}

// normalizeForDot returns x's data as [batch, free, contracting] and those sizes.
func normalizeForDot(x *Buffer, batch, contract []int) (data []float32, B, F, K int, err error) {
	perm := slices.Clone(batch)
	B, F, K = 1, 1, 1
	for _, a := range batch {
		B *= x.shape.Dimensions[a]
	}
	for a := range x.shape.Rank() {
		if !slices.Contains(batch, a) && !slices.Contains(contract, a) {
			perm = append(perm, a)
			F *= x.shape.Dimensions[a]
		}
	}
	for _, a := range contract {
		perm = append(perm, a)
		K *= x.shape.Dimensions[a]
	}
	if isIdentity(perm) {
		return x.flat.([]float32), B, F, K, nil
	}
	dims := make([]int, len(perm))
	for i, a := range perm {
		dims[i] = x.shape.Dimensions[a]
	}
	t, err := transpose(x, shapes.Make(dtypes.Float32, dims...), perm)
	if err != nil {
		return nil, 0, 0, 0, err
	}
	return t.flat.([]float32), B, F, K, nil
}

func isIdentity(perm []int) bool {
	for i, p := range perm {
		if i != p {
			return false
		}
	}
	return true
}

// dotGeneric is the portable dot product (and the tail of the SIMD one):
// eight interleaved partial sums, combined in a fixed order.
func dotGeneric(a, b []float32) float32 {
	var s [8]float32
	n := len(a) &^ 7
	for i := 0; i < n; i += 8 {
		s[0] += a[i] * b[i]
		s[1] += a[i+1] * b[i+1]
		s[2] += a[i+2] * b[i+2]
		s[3] += a[i+3] * b[i+3]
		s[4] += a[i+4] * b[i+4]
		s[5] += a[i+5] * b[i+5]
		s[6] += a[i+6] * b[i+6]
		s[7] += a[i+7] * b[i+7]
	}
	for i := n; i < len(a); i++ {
		s[0] += a[i] * b[i]
	}
	return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
}

// dotBF16Generic is Σ a[i]·widen(b[i]) in the same order as dotGeneric.
func dotBF16Generic(a []float32, b []bfloat16.BFloat16) float32 {
	var s [8]float32
	w := func(v bfloat16.BFloat16) float32 { return math.Float32frombits(uint32(v) << 16) }
	n := len(a) &^ 7
	for i := 0; i < n; i += 8 {
		s[0] += a[i] * w(b[i])
		s[1] += a[i+1] * w(b[i+1])
		s[2] += a[i+2] * w(b[i+2])
		s[3] += a[i+3] * w(b[i+3])
		s[4] += a[i+4] * w(b[i+4])
		s[5] += a[i+5] * w(b[i+5])
		s[6] += a[i+6] * w(b[i+6])
		s[7] += a[i+7] * w(b[i+7])
	}
	for i := n; i < len(a); i++ {
		s[0] += a[i] * w(b[i])
	}
	return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]))
}
