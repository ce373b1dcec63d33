package cpu

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// dotGeneral computes out[b, m, n] = Σ_k lhs[b, m, k] · rhs[b, n, k]. Rows
// are addressed in place where the contracting axes are trailing (weights in
// [out, in] layout, KV caches per head) and copied into [batch, free,
// contracting] order otherwise. Each output element is one dot product with a
// fixed summation order, so a row's result does not depend on how many rows
// share the call: batched decode is bit-identical to decoding alone.
func (e *executable) dotGeneral(lhs, rhs *Buffer, shape shapes.Shape, p *dotParams) (*Buffer, error) {
	if p.weights { // [out, in] layout, checked at build time
		outs, err := e.weightProducts(lhs, p, []*Buffer{rhs}, []shapes.Shape{shape})
		if err != nil {
			return nil, err
		}
		return outs[0], nil
	}
	L, lb, lf, B, M, K, err := rowLayout(lhs, p.lhsBatch, p.lhsContract)
	if err != nil {
		return nil, err
	}
	if freeTrailing(rhs, p.rhsBatch, p.rhsContract) {
		return e.dotByRows(L, lb, lf, B, M, K, rhs, shape, p)
	}
	k := &dotKernel{L: L, lb: lb, lf: lf, M: M, K: K}
	if k.R, k.rb, k.rf, _, k.N, _, err = rowLayout(rhs, p.rhsBatch, p.rhsContract); err != nil {
		return nil, err
	}
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	k.o = out.flat.([]float32)
	e.parallelRows(B*k.N, B*M*k.N*K, k.rows)
	return out, nil
}

// weightProducts computes lhs · wᵢᵀ for bf16 or int8 weight matrices ws in
// [out, in] layout (outputs of the given shapes) as one parallel op over the
// union of their rows, the activations rounded to bf16 once where dot=bf16
// and a matrix is bf16: one product, or a group of sibling products
// (siblings.go).
func (e *executable) weightProducts(lhs *Buffer, p *dotParams, ws []*Buffer, outShapes []shapes.Shape) ([]*Buffer, error) {
	L, lb, lf, _, M, K, err := rowLayout(lhs, p.lhsBatch, p.lhsContract)
	if err != nil {
		return nil, err
	}
	if !isContiguous(lb, lf, M, K) {
		return nil, fmt.Errorf("DotGeneral: bf16 or int8 weights with a strided lhs %s are not implemented", lhs.shape)
	}
	var L16 []bfloat16.BFloat16
	if e.backend.bf16Dot && slices.ContainsFunc(ws, isBF16) {
		buf, rounded := roundRows(L[:M*K])
		defer bf16Scratch.Put(buf)
		L16 = rounded
	}
	kernels := make([]*dotKernel, len(ws))
	outs := make([]*Buffer, len(ws))
	starts := make([]int, len(ws)+1) // matrix i owns rows [starts[i], starts[i+1]) of the union
	for i, w := range ws {
		if outs[i], err = newBuffer(outShapes[i]); err != nil {
			return nil, err
		}
		k := &dotKernel{L: L, lb: lb, lf: lf, M: M, K: K, N: w.shape.Size() / K, o: outs[i].flat.([]float32)}
		switch r := w.flat.(type) {
		case []bfloat16.BFloat16:
			k.R16, k.L16 = r, L16
		case []int8:
			k.R8 = r
		default:
			return nil, fmt.Errorf("DotGeneral: weights of dtype %s are not implemented", w.shape.DType)
		}
		kernels[i] = k
		starts[i+1] = starts[i] + k.N
	}
	total := starts[len(ws)]
	e.parallelRows(total, M*total*K, func(lo, hi int) {
		for i, k := range kernels {
			if a, b := max(lo, starts[i]), min(hi, starts[i+1]); a < b {
				k.rows(a-starts[i], b-starts[i])
			}
		}
	})
	return outs, nil
}

func isBF16(b *Buffer) bool { return b.shape.DType == dtypes.BFloat16 }

// parallelRows splits [0, n) into blocks run by the backend's threads
// (the caller alone when the work is too small to share).
func (e *executable) parallelRows(n, work int, run func(lo, hi int)) {
	const minWork = 1 << 15 // multiply-adds below which threads cost more than they save
	threads := e.backend.threads
	if work < minWork || threads == 1 || n == 1 {
		run(0, n)
		return
	}
	e.backend.crew.do(n, max(1, (n+threads*4-1)/(threads*4)), run)
}

// dotKernel holds one DotGeneral's operands: lhs rows at lb[b]+lf[m], rhs
// rows at rb[b]+rf[n] (float32) or n·K (bf16 or int8 weights, no batch axes).
type dotKernel struct {
	L, R   []float32
	R16    []bfloat16.BFloat16
	R8     []int8              // int8 weights (dotint8.go)
	L16    []bfloat16.BFloat16 // L rounded to bf16 (dot=bf16), else nil
	lb, lf []int
	rb, rf []int
	M, N   int
	K      int
	o      []float32
}

// rows computes the outputs of rhs rows [lo, hi) (indices over batch × N).
func (k *dotKernel) rows(lo, hi int) {
	switch {
	case k.R8 != nil:
		k.rowsI8(lo, hi)
	case k.L16 != nil:
		k.tilesDP(lo, hi)
	case k.R16 != nil && hasTiles && k.K >= 16 && k.M > 1:
		k.tilesBF16(lo, hi)
	case k.R16 != nil && k.M == 1:
		k.decodeBF16(lo, hi)
	case k.R16 != nil:
		k.batchBF16(lo, hi)
	default:
		k.rowsF32(lo, hi)
	}
}

// rowsF32: float32 rows (attention's scores against the cached keys). Where
// the CPU has the AVX-512 kernels, a KV group's four query heads go against
// four keys at a time (dotF32Keys4), else against one (dotF32Rows4); each
// output is summed as dot sums it, so the bits do not depend on which.
func (k *dotKernel) rowsF32(lo, hi int) {
	simd := 0
	if hasTiles {
		simd = simdLen(k.K)
	}
	for bn := lo; bn < hi; {
		b, n := bn/k.N, bn%k.N
		if simd > 0 && n+4 <= k.N && bn+4 <= hi {
			if ldb, ok := evenStep(k.rf[n : n+4]); ok {
				k.keys4(b, n, ldb, simd)
				bn += 4
				continue
			}
		}
		k.key1(b, n, simd)
		bn++
	}
}

// key1 computes every query row against key n of batch b.
func (k *dotKernel) key1(b, n, simd int) {
	at := k.rb[b] + k.rf[n]
	row := k.R[at : at+k.K]
	m := 0
	for ; simd > 0 && m+4 <= k.M; m += 4 {
		lda, ok := evenStep(k.lf[m : m+4])
		if !ok {
			break
		}
		l := k.lb[b] + k.lf[m]
		o := (b*k.M+m)*k.N + n
		dotF32Rows4(&k.L[l], lda, &row[0], simd, &k.o[o], k.N)
		if simd < k.K {
			for r := 0; r < 4; r++ {
				lr := l + r*lda
				k.o[o+r*k.N] += dotTail(k.L[lr+simd:lr+k.K], row[simd:])
			}
		}
	}
	for ; m < k.M; m++ {
		l := k.lb[b] + k.lf[m]
		k.o[(b*k.M+m)*k.N+n] = dot(k.L[l:l+k.K], row)
	}
}

// keys4 computes every query row against keys n..n+3 of batch b, which lie
// ldb floats apart.
func (k *dotKernel) keys4(b, n, ldb, simd int) {
	at := k.rb[b] + k.rf[n]
	m := 0
	for ; m+4 <= k.M; m += 4 {
		lda, ok := evenStep(k.lf[m : m+4])
		if !ok {
			break
		}
		l := k.lb[b] + k.lf[m]
		o := (b*k.M+m)*k.N + n
		dotF32Keys4(&k.L[l], lda, &k.R[at], ldb, simd, &k.o[o], k.N)
		if simd < k.K {
			for r := 0; r < 4; r++ {
				lr := l + r*lda
				for j := 0; j < 4; j++ {
					kj := at + j*ldb
					k.o[o+r*k.N+j] += dotTail(k.L[lr+simd:lr+k.K], k.R[kj+simd:kj+k.K])
				}
			}
		}
	}
	for ; m < k.M; m++ {
		l := k.lb[b] + k.lf[m]
		for j := 0; j < 4; j++ {
			kj := at + j*ldb
			k.o[(b*k.M+m)*k.N+n+j] = dot(k.L[l:l+k.K], k.R[kj:kj+k.K])
		}
	}
}

// evenStep reports the common positive distance between consecutive
// offsets (false for fewer than two).
func evenStep(offs []int) (int, bool) {
	if len(offs) < 2 {
		return 0, false
	}
	step := offs[1] - offs[0]
	for i := 2; i < len(offs); i++ {
		if offs[i]-offs[i-1] != step {
			return 0, false
		}
	}
	return step, step > 0
}

// decodeBF16: one activation row against weight rows [lo, hi), walking the
// block's two halves together — two memory streams per core (measured +45 %
// single-core).
func (k *dotKernel) decodeBF16(lo, hi int) {
	x, K := k.L[:k.K], k.K
	var two [2]float32
	half := (hi - lo) / 2
	for i := 0; i < half; i++ {
		n0, n1 := lo+i, lo+half+i
		dotBF16Pair(x, k.R16[n0*K:(n0+1)*K], k.R16[n1*K:(n1+1)*K], &two)
		k.o[n0], k.o[n1] = two[0], two[1]
	}
	if (hi-lo)%2 == 1 {
		k.o[hi-1] = dotBF16(x, k.R16[(hi-1)*K:hi*K])
	}
}

// batchBF16: M activation rows against weight rows [lo, hi), four rows per
// read of a weight row; the rest one by one. Either way each output is the
// same dotBF16 sum, so batching does not change any sequence's result.
func (k *dotKernel) batchBF16(lo, hi int) {
	K, M, N := k.K, k.M, k.N
	var four [4]float32
	for n := lo; n < hi; n++ {
		row := k.R16[n*K : (n+1)*K]
		m := 0
		for ; m+4 <= M; m += 4 {
			dotBF16Rows4(k.L[m*K:], K, row, &four)
			for r := 0; r < 4; r++ {
				k.o[(m+r)*N+n] = four[r]
			}
		}
		for ; m < M; m++ {
			k.o[m*N+n] = dotBF16(k.L[m*K:(m+1)*K], row)
		}
	}
}

// tileActBytes bounds the activation rows one pass of tilesBF16 keeps hot
// (in L2) while the thread's weight rows stream past them.
const tileActBytes = 256 << 10

// tilesBF16: M activation rows against weight rows [lo, hi) in tiles of 4×4
// (AVX-512), so each widened weight block and each loaded activation block
// feeds four FMAs. Long batches (prefill) go in passes of rows that fit in
// L2. Each output is summed exactly as dotBF16 sums it.
func (k *dotKernel) tilesBF16(lo, hi int) {
	K, M, N := k.K, k.M, k.N
	simd := simdLen(K)
	pass := max(4, tileActBytes/(4*K)&^3)
	for m0 := 0; m0 < M; m0 += pass {
		m1 := min(M, m0+pass)
		n := lo
		for ; n+4 <= hi; n += 4 {
			w := &k.R16[n*K]
			m := m0
			for ; m+4 <= m1; m += 4 {
				dotBF16Tile4x4(&k.L[m*K], K, w, K, simd, &k.o[m*N+n], N)
			}
			for ; m < m1; m++ {
				dotBF16Tile4x1(&k.L[m*K], w, K, simd, &k.o[m*N+n])
			}
			if simd < K {
				k.addTails(m0, m1, n, n+4, simd)
			}
		}
		for ; n < hi; n++ {
			row := k.R16[n*K : (n+1)*K]
			for m := m0; m < m1; m++ {
				k.o[m*N+n] = dotBF16(k.L[m*K:(m+1)*K], row)
			}
		}
	}
}

// addTails adds the elements past the SIMD blocks (from simd on) to outputs
// of activation rows [m0, m1) and weight rows [n0, n1), as dotBF16 does.
func (k *dotKernel) addTails(m0, m1, n0, n1, simd int) {
	K, N := k.K, k.N
	for m := m0; m < m1; m++ {
		for n := n0; n < n1; n++ {
			k.o[m*N+n] += dotBF16Tail(k.L[m*K+simd:(m+1)*K], k.R16[n*K+simd:(n+1)*K])
		}
	}
}

// freeTrailing: x's free axes are its last axes, in order, and it does not
// contract over them — attention's probabilities · V[T, kv, D] — so each
// (batch, contracting index) selects a contiguous row of outputs.
func freeTrailing(x *Buffer, batch, contract []int) bool {
	rank := x.shape.Rank()
	nLead := len(batch) + len(contract)
	if nLead >= rank {
		return false
	}
	for a := 0; a < nLead; a++ {
		if !slices.Contains(batch, a) && !slices.Contains(contract, a) {
			return false
		}
	}
	// Contracting axes already trailing are the ordinary case.
	for i, a := range contract {
		if a != rank-len(contract)+i {
			return true
		}
	}
	return false
}

// dotByRows computes out[b, m, :] = Σ_k lhs[b, m, k] · rhs_row(b, k), adding
// rhs rows in k order (a fixed order) without transposing rhs.
func (e *executable) dotByRows(L []float32, lb, lf []int, B, M, K int, rhs *Buffer, shape shapes.Shape, p *dotParams) (*Buffer, error) {
	strides := rowMajorStrides(rhs.shape.Dimensions)
	batchOff, _ := axesOffsets(p.rhsBatch, rhs.shape.Dimensions, strides)
	contractOff, _ := axesOffsets(p.rhsContract, rhs.shape.Dimensions, strides)
	N := rhs.shape.Size() / max(1, len(batchOff)*len(contractOff))
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	o := out.flat.([]float32)
	R := rhs.flat.([]float32)
	if ldv, ok := evenStep(contractOff); ok && hasTiles && M%4 == 0 && N%64 == 0 && K > 1 {
		e.parallelRows(B*M/4, B*M*N*K, func(lo, hi int) {
			for grp := lo; grp < hi; grp++ {
				b, m := grp/(M/4), grp%(M/4)*4
				rows := o[(b*M+m)*N : (b*M+m+4)*N]
				ldp, even := evenStep(lf[m : m+4])
				if !even {
					axpyRows(rows, L, lb[b], lf[m:m+4], K, N, R, batchOff[b], contractOff)
					continue
				}
				for c := 0; c < N; c += 64 {
					axpyRows4x64(&rows[c], N, &L[lb[b]+lf[m]], ldp, &R[batchOff[b]+contractOff[0]+c], ldv, K)
				}
			}
		})
		return out, nil
	}
	e.parallelRows(B*M, B*M*N*K, func(lo, hi int) {
		for bm := lo; bm < hi; bm++ {
			b, m := bm/M, bm%M
			axpyRows(o[bm*N:(bm+1)*N], L, lb[b], lf[m:m+1], K, N, R, batchOff[b], contractOff)
		}
	})
	return out, nil
}

// axpyRows computes out rows for lhs rows at lb+lf[i] by one axpy per
// contracting index, in k order (dotByRows' plain path).
func axpyRows(out, L []float32, lb int, lf []int, K, N int, R []float32, batchOff int, contractOff []int) {
	for i, f := range lf {
		row := out[i*N : (i+1)*N]
		clear(row)
		for k, w := range L[lb+f : lb+f+K] {
			at := batchOff + contractOff[k]
			axpy(row, w, R[at:at+N])
		}
	}
}

// rowLayout gives x's data and where each (batch b, free f) row of K
// contracting elements starts: batchOff[b] + freeOff[f]. When the contracting
// axes are x's trailing axes those rows are already contiguous and nothing is
// copied (a KV cache [T, kv, D] read per kv head, say); otherwise x is
// transposed to [batch, free, contracting] first.
func rowLayout(x *Buffer, batch, contract []int) (data []float32, batchOff, freeOff []int, B, F, K int, err error) {
	rank := x.shape.Rank()
	trailing := true
	for i, a := range contract {
		if a != rank-len(contract)+i {
			trailing = false
		}
	}
	if !trailing {
		if data, B, F, K, err = normalizeForDot(x, batch, contract); err != nil {
			return nil, nil, nil, 0, 0, 0, err
		}
		return data, stepOffsets(B, F*K), stepOffsets(F, K), B, F, K, nil
	}
	strides := rowMajorStrides(x.shape.Dimensions)
	var free []int
	for a := 0; a < rank-len(contract); a++ {
		if !slices.Contains(batch, a) {
			free = append(free, a)
		}
	}
	K = 1
	for _, a := range contract {
		K *= x.shape.Dimensions[a]
	}
	batchOff, B = axesOffsets(batch, x.shape.Dimensions, strides)
	freeOff, F = axesOffsets(free, x.shape.Dimensions, strides)
	return x.flat.([]float32), batchOff, freeOff, B, F, K, nil
}

// axesOffsets lists the memory offsets of every index over axes (row-major
// in the order given) and how many there are.
func axesOffsets(axes, dims, strides []int) ([]int, int) {
	offs := []int{0}
	for _, a := range axes {
		next := make([]int, 0, len(offs)*dims[a])
		for _, o := range offs {
			for i := 0; i < dims[a]; i++ {
				next = append(next, o+i*strides[a])
			}
		}
		offs = next
	}
	return offs, len(offs)
}

func stepOffsets(n, step int) []int {
	offs := make([]int, n)
	for i := range offs {
		offs[i] = i * step
	}
	return offs
}

// isContiguous reports whether rows are laid out one after another.
func isContiguous(batchOff, freeOff []int, F, K int) bool {
	for b, o := range batchOff {
		if o != b*F*K {
			return false
		}
	}
	for f, o := range freeOff {
		if o != f*K {
			return false
		}
	}
	return true
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

// dotTail is the portable dot product: the whole product where there is no
// SIMD kernel, else the elements after the last block of 16.
func dotTail(a, b []float32) float32 {
	var s float32
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// dotBF16Tail is dotTail with b in bfloat16.
func dotBF16Tail(a []float32, b []bfloat16.BFloat16) float32 {
	var s float32
	for i := range a {
		s += a[i] * math.Float32frombits(uint32(b[i])<<16)
	}
	return s
}
