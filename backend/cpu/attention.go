package cpu

import (
	"slices"
	"sync/atomic"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// Attention (model/decoder.go's attend) arrives per sequence as
//
//	S = DotGeneral(q [C, kv, G, D], K [kv, T, D])   → [kv, C, G, T]
//	X = Mul(S, scale)                               (optional)
//	P = masked softmax(X, M)                        (fused: softmax.go)
//	O = DotGeneral(P, V [kv, T, D])                 → [kv, C, G, D]
//	Y = Reshape(Transpose(O, 1, 0, 2, 3), C, kv·G·D)
//
// where K and V may be the first T rows of each head of a longer cache (a
// Slice, which the fused node reads through instead of copying),
// and a step concatenates its B sequences' Y. At decode each of those ops
// is a few µs of work behind a dispatch and a thread handoff of its own:
// four ops per sequence and layer, ~60 µs a sequence in a batch-8 step
// (~40 fused; most of the rest is reading its caches from memory).
// fuseAttention rewrites each Y into one node that
// runs a KV head at a time — scores, scale, softmax and values while the
// head's rows are in L1 — and a Concatenate of such nodes into one node
// over all their heads, so a layer's attention is a single parallel op.
// Every value goes through the same kernels in the same order as unfused,
// so the bits do not change (TestFusedAttention).

// fuseAttentions can be turned off by tests to compare both paths;
// fusedAttentions counts the sequences' chains rewritten.
var (
	fuseAttentions  = true
	fusedAttentions atomic.Int64
)

// attentionSeq is one sequence of a fused attention node, whose inputs are
// q, K, V, M for each sequence in turn; K and V [kv, ≥ keys, D].
type attentionSeq struct {
	keys   int // rows of each head that attention reads
	scaled bool
	scale  float32 // the scores' multiplier, when scaled
}

// fuseAttention rewrites every matched chain's Reshape into an attention
// node, then every Concatenate (axis 0) of attention nodes read nowhere
// else into one attention node over all their sequences.
func fuseAttention(nodes []*node) {
	if !fuseAttentions {
		return
	}
	for _, n := range nodes {
		if q, k, v, m, seq, ok := matchAttention(n); ok {
			n.inputs, n.attention = []*node{q, k, v, m}, []attentionSeq{seq}
			fusedAttentions.Add(1)
		}
	}
	readers := make([]int, len(nodes))
	for _, n := range nodes {
		for _, in := range n.inputs {
			readers[in.index]++
		}
	}
	for _, n := range nodes {
		if n.op != backends.OpTypeConcatenate || n.axes[0] != 0 {
			continue
		}
		if !slices.ContainsFunc(n.inputs, func(in *node) bool { return in.attention == nil || readers[in.index] != 1 }) {
			var inputs []*node
			var seqs []attentionSeq
			for _, in := range n.inputs {
				inputs, seqs = append(inputs, in.inputs...), append(seqs, in.attention...)
			}
			n.inputs, n.attention = inputs, seqs
		}
	}
}

// matchAttention: y is the chain's final Reshape (see above).
func matchAttention(y *node) (q, k, v, m *node, seq attentionSeq, ok bool) {
	if y.op != backends.OpTypeReshape || y.attention != nil || y.shape.DType != dtypes.Float32 {
		return
	}
	tr := y.inputs[0]
	if tr.op != backends.OpTypeTranspose || !slices.Equal(tr.axes, []int{1, 0, 2, 3}) {
		return
	}
	o := tr.inputs[0]
	if o.op != backends.OpTypeDotGeneral || !o.dot.is([]int{0}, []int{3}, []int{0}, []int{1}) {
		return
	}
	p, v := o.inputs[0], o.inputs[1]
	if p.op != backends.OpTypeWhere || !p.softmax {
		return
	}
	s, m := p.inputs[0], p.inputs[1]
	if s.op == backends.OpTypeMul {
		for i, c := range s.inputs {
			if f, isScalar := scalarConstant(c); isScalar {
				s, seq = s.inputs[1-i], attentionSeq{scaled: true, scale: f}
				break
			}
		}
	}
	if s.op != backends.OpTypeDotGeneral || !s.dot.is([]int{1}, []int{3}, []int{0}, []int{2}) {
		return
	}
	q, k = s.inputs[0], s.inputs[1]
	if !attentionShapes(q, k, v, m, y) {
		return
	}
	seq.keys = k.shape.Dimensions[1]
	return q, headRows(k), headRows(v), m, seq, true
}

// headRows returns the cache x is the first rows of (per head), or x.
func headRows(x *node) *node {
	if x.op != backends.OpTypeSlice {
		return x
	}
	c := x.inputs[0]
	for a, d := range x.shape.Dimensions {
		if x.starts[a] != 0 || x.strides[a] != 1 || (a != 1 && d != c.shape.Dimensions[a]) {
			return x
		}
	}
	return c
}

// is reports a float32 DotGeneral's batch and contracting axes.
func (p *dotParams) is(lhsBatch, lhsContract, rhsBatch, rhsContract []int) bool {
	return !p.weights && slices.Equal(p.lhsBatch, lhsBatch) && slices.Equal(p.lhsContract, lhsContract) &&
		slices.Equal(p.rhsBatch, rhsBatch) && slices.Equal(p.rhsContract, rhsContract)
}

// scalarConstant returns the value of a one-element float32 constant,
// possibly broadcast.
func scalarConstant(n *node) (float32, bool) {
	if n.op == backends.OpTypeBroadcastInDim {
		n = n.inputs[0]
	}
	c, ok := n.constant.([]float32)
	if n.op != backends.OpTypeConstant || !ok || len(c) != 1 {
		return 0, false
	}
	return c[0], true
}

// attentionShapes: q [C, kv, G, D], K and V [kv, T, D], M [kv, C, G, T],
// y [C, kv·G·D], all float32 but M.
func attentionShapes(q, k, v, m, y *node) bool {
	for _, x := range []*node{q, k, v} {
		if x.shape.DType != dtypes.Float32 {
			return false
		}
	}
	if q.shape.Rank() != 4 || !k.shape.Equal(v.shape) || k.shape.Rank() != 3 || m.shape.DType != dtypes.Bool {
		return false
	}
	C, kv, G, D := q.shape.Dimensions[0], q.shape.Dimensions[1], q.shape.Dimensions[2], q.shape.Dimensions[3]
	T := k.shape.Dimensions[1]
	return slices.Equal(k.shape.Dimensions, []int{kv, T, D}) &&
		slices.Equal(m.shape.Dimensions, []int{kv, C, G, T}) &&
		slices.Equal(y.shape.Dimensions, []int{C, kv * G * D})
}

// attentionRun is one sequence's operands while its node runs.
type attentionRun struct {
	scores       *dotKernel // q·K into probs [kv, C, G, T]
	mask         []bool
	v            []float32
	vHead        int       // distance between V's heads
	vRows        []int     // offset of V's row t in its head: t·D
	out          []float32 // [C, kv, G, D]
	C, kv, G, D  int
	T            int // keys
	attentionSeq     // the scale
}

// attention runs a fused node: every (sequence, KV head) pair is one block
// of work on the backend's threads.
func (e *executable) attention(n *node, in []*Buffer) (*Buffer, error) {
	out, err := newBuffer(n.shape)
	if err != nil {
		return nil, err
	}
	o := out.flat.([]float32)
	runs := make([]*attentionRun, len(n.attention))
	type block struct{ seq, head int }
	var blocks []block
	work, at := 0, 0
	for i, seq := range n.attention {
		r, err := newAttentionRun(in[4*i:4*i+4], seq, o[at:])
		if err != nil {
			return nil, err
		}
		defer pool.put(dtypes.Float32, r.scores.o)
		runs[i] = r
		at += r.C * r.kv * r.G * r.D
		for h := range r.kv {
			blocks = append(blocks, block{i, h})
		}
		work += 2 * r.C * r.kv * r.G * r.T * r.D
	}
	e.parallelRows(len(blocks), work, func(lo, hi int) {
		for i, b := range blocks[lo:hi] {
			var next kvRows // the keys and values this thread reads next
			if lo+i+1 < hi {
				n := blocks[lo+i+1]
				next = runs[n.seq].rowsOf(n.head)
			}
			runs[b.seq].head(b.head, next)
		}
	})
	return out, nil
}

func newAttentionRun(in []*Buffer, seq attentionSeq, out []float32) (*attentionRun, error) {
	q, k, v, m := in[0], in[1], in[2], in[3]
	dims := q.shape.Dimensions
	r := &attentionRun{mask: m.flat.([]bool), v: v.flat.([]float32), C: dims[0], kv: dims[1], G: dims[2], D: dims[3],
		T: seq.keys, attentionSeq: seq}
	r.out = out[:r.C*r.kv*r.G*r.D]
	r.vHead = v.shape.Dimensions[1] * r.D
	r.vRows = stepOffsets(r.T, r.D)
	// The scores kernel as dotGeneral sets it up for S, reading the first
	// T rows of each head of K in place (K's rows lie as V's).
	s := &dotKernel{R: k.flat.([]float32), rb: stepOffsets(r.kv, k.shape.Dimensions[1]*r.D), rf: r.vRows, N: r.T}
	var err error
	if s.L, s.lb, s.lf, _, s.M, s.K, err = rowLayout(q, []int{1}, []int{3}); err != nil {
		return nil, err
	}
	s.o = pool.get(dtypes.Float32, r.kv*s.M*s.N).([]float32)
	r.scores = s
	return r, nil
}

// kvRows is one KV head's first keys and values, as the next block reads
// them.
type kvRows struct{ k, v []float32 }

// rowsOf returns head h's keys and values that attention reads.
func (r *attentionRun) rowsOf(h int) kvRows {
	n := r.T * r.D
	k := r.scores.rb[h]
	return kvRows{r.scores.R[k : k+n], r.v[h*r.vHead : h*r.vHead+n]}
}

// scoreChunk is how many keys the scores take between two prefetches.
const scoreChunk = 16

// head computes KV head h: its query rows' scores, softmax and values, each
// with the kernel (and order) its unfused op uses. While the scores
// compute, next's keys and values are fetched from memory a chunk at a
// time, spread over the pass: a step's KV caches do not stay in the CPU's
// caches (batch 8, 256 keys: 8 MiB a layer), one head's rows are too short
// a stream for the hardware prefetcher to ramp up, and asking for a whole
// head at once stalls on the core's few outstanding misses.
func (r *attentionRun) head(h int, next kvRows) {
	M, T, D := r.C*r.G, r.T, r.D
	per := 0 // floats of next's K and of its V to ask for per chunk
	if T > 0 {
		per = (len(next.k)*scoreChunk + T - 1) / T
	}
	for j := 0; j < T; j += scoreChunk {
		if at := j / scoreChunk * per; per > 0 && at < len(next.k) {
			n := min(per, len(next.k)-at)
			prefetchFloats(&next.k[at], n)
			prefetchFloats(&next.v[at], n)
		}
		r.scores.rows(h*T+j, h*T+min(T, j+scoreChunk))
	}
	probs := r.scores.o[h*M*T : (h+1)*M*T]
	if r.scaled {
		for i := range probs {
			probs[i] *= r.scale
		}
	}
	mask := r.mask[h*M*T : (h+1)*M*T]
	for i := 0; i < M*T; i += T {
		softmaxRow(probs[i:i+T], probs[i:i+T], mask[i:i+T])
	}
	// Values: row (c, g) of the head lands at [c, h, g] of the output, which
	// is the Transpose the chain ends with.
	first := []int{0}
	for c := 0; c < r.C; c++ {
		g := 0
		for ; hasTiles && D%64 == 0 && T > 1 && g+4 <= r.G; g += 4 {
			o, p := ((c*r.kv+h)*r.G+g)*D, (c*r.G+g)*T
			for col := 0; col < D; col += 64 {
				axpyRows4x64(&r.out[o+col], D, &probs[p], T, &r.v[h*r.vHead+col], D, T)
			}
		}
		for ; g < r.G; g++ {
			o, p := ((c*r.kv+h)*r.G+g)*D, (c*r.G+g)*T
			axpyRows(r.out[o:o+D], probs, p, first, T, D, r.v, h*r.vHead, r.vRows)
		}
	}
}
