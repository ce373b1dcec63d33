package cpu

import (
	"bytes"
	"math"
	"slices"
	"sync/atomic"
	"unsafe"

	"github.com/gomlx/gomlx/backends"

	"github.com/computepool/computepool/internal/vecmath"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// Attention's masked softmax arrives as the dozen ops GoMLX's
// graph.MaskedSoftmax emits (v0.26):
//
//	W6  = Where(M, X, -inf)          R  = Reshape(ReduceMax(W6, last))
//	S   = Sub(X, Identity(R))        W13 = Where(M, S, 0)
//	E   = Exp(W13)                   W15 = Where(M, E, 0)
//	D   = Div(W15, Reshape(ReduceSum(W15, last)))
//	out = Where(M, D, 0)
//
// each materializing a [kv, C, G, T] tensor — 33 MB per op per layer for a
// 512-token prefill. fuseMaskedSoftmax recognizes the chain at compile time
// and rewrites out into one node that does a row at a time on every thread,
// computing each value with the same float32 operations in the same order,
// so the result is bit-identical to the unfused chain (TestFusedSoftmax).
// The model graph stays plain GoMLX: other backends run the ops as they are.

// fuseSoftmax can be turned off by tests to compare both paths; fused
// counts the chains rewritten (tests check GoMLX's chain is still matched).
var (
	fuseSoftmax = true
	fused       atomic.Int64
)

// fuseMaskedSoftmax rewrites every matched chain's last Where into a fused
// node (inputs X, M; softmax set); the chain's other nodes become unused.
func fuseMaskedSoftmax(nodes []*node) {
	if !fuseSoftmax {
		return
	}
	for _, n := range nodes {
		if x, m, ok := matchMaskedSoftmax(n); ok {
			n.inputs, n.softmax = []*node{x, m}, true
			fused.Add(1)
		}
	}
}

// matchMaskedSoftmax: n is the chain's last Where over the last axis.
func matchMaskedSoftmax(out *node) (x, m *node, ok bool) {
	m, div, ok := maskedWhere(out, 0)
	if !ok || div.op != backends.OpTypeDiv {
		return nil, nil, false
	}
	w15, sum := div.inputs[0], reducedRow(div.inputs[1], backends.OpTypeReduceSum)
	if sum == nil || sum != w15 {
		return nil, nil, false
	}
	m15, exp, ok := maskedWhere(w15, 0)
	if !ok || m15 != m || exp.op != backends.OpTypeExp {
		return nil, nil, false
	}
	m13, sub, ok := maskedWhere(exp.inputs[0], 0)
	if !ok || m13 != m || sub.op != backends.OpTypeSub {
		return nil, nil, false
	}
	x, stop := sub.inputs[0], sub.inputs[1]
	if stop.op == backends.OpTypeIdentity {
		stop = stop.inputs[0]
	}
	w6 := reducedRow(stop, backends.OpTypeReduceMax)
	if w6 == nil {
		return nil, nil, false
	}
	m6, x6, ok := maskedWhere(w6, math.Inf(-1))
	if !ok || m6 != m || x6 != x || !x.shape.Equal(out.shape) || !slices.Equal(m.shape.Dimensions, out.shape.Dimensions) {
		return nil, nil, false
	}
	return x, m, true
}

// maskedWhere matches Where(m, t, broadcast constant fill) with the full
// output shape: it returns m and t.
func maskedWhere(n *node, fill float64) (m, t *node, ok bool) {
	if n.op != backends.OpTypeWhere || n.softmax || len(n.inputs) != 3 || n.shape.DType != dtypes.Float32 {
		return nil, nil, false
	}
	m, t, f := n.inputs[0], n.inputs[1], n.inputs[2]
	if m.shape.Size() != n.shape.Size() || t.shape.Size() != n.shape.Size() {
		return nil, nil, false
	}
	if f.op == backends.OpTypeBroadcastInDim {
		f = f.inputs[0]
	}
	c, isConst := f.constant.([]float32)
	if f.op != backends.OpTypeConstant || !isConst || len(c) != 1 || float64(c[0]) != fill {
		return nil, nil, false
	}
	return m, t, true
}

// reducedRow matches Reshape(Reduce(x, last axis)) keeping the axis as 1,
// and returns x.
func reducedRow(n *node, op backends.OpType) *node {
	if n.op != backends.OpTypeReshape {
		return nil
	}
	r := n.inputs[0]
	if r.op != op || len(r.axes) != 1 {
		return nil
	}
	x := r.inputs[0]
	if r.axes[0] != x.shape.Rank()-1 {
		return nil
	}
	return x
}

// maskedSoftmax runs a fused chain: per row of the last axis, the max over
// the visible entries, exp of each visible entry minus it, their sum, and
// each divided by the sum; hidden entries (and rows with none visible) are 0.
func (e *executable) maskedSoftmax(x, m *Buffer, n *node) (*Buffer, error) {
	out, err := newBuffer(n.shape)
	if err != nil {
		return nil, err
	}
	xs, ms, o := x.flat.([]float32), m.flat.([]bool), out.flat.([]float32)
	T := n.shape.Dimensions[n.shape.Rank()-1]
	rows := len(o) / max(T, 1)
	e.parallelRows(rows, 8*len(o), func(lo, hi int) {
		for r := lo; r < hi; r++ {
			softmaxRow(o[r*T:(r+1)*T], xs[r*T:(r+1)*T], ms[r*T:(r+1)*T])
		}
	})
	return out, nil
}

// softmaxRow is one row of the unfused chain, operation for operation.
func softmaxRow(o, x []float32, m []bool) {
	if n := visiblePrefix(m); n >= 0 {
		softmaxPrefix(o, x, n)
		return
	}
	mx := float32(math.Inf(-1))
	for i, v := range x {
		if m[i] {
			mx = max(mx, v)
		}
	}
	for i, v := range x {
		o[i] = 0
		if m[i] {
			o[i] = v - mx
		}
	}
	vecmath.ExpSlice(o, o)
	var sum float32
	for i := range o {
		if m[i] {
			sum += o[i]
		} else {
			o[i] = 0 // the unfused sum adds these zeros: no change to it
		}
	}
	for i := range o {
		if m[i] {
			o[i] /= sum
		}
	}
}

// visiblePrefix returns n when m is n trues followed only by falses — a
// causal row, the usual case — and -1 otherwise.
func visiblePrefix(m []bool) int {
	if len(m) == 0 {
		return 0
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&m[0])), len(m)) // a Go bool is one byte, 0 or 1
	n := bytes.IndexByte(b, 0)
	if n < 0 {
		return len(m)
	}
	if bytes.IndexByte(b[n:], 1) >= 0 {
		return -1
	}
	return n
}

// softmaxPrefix is softmaxRow for a row whose first n entries are visible:
// the same operations on those entries, in the same order, without a test
// per entry (2× faster on a 256-key row).
func softmaxPrefix(o, x []float32, n int) {
	o = o[:len(x)]
	mx := maxOf(x[:n])
	for i, v := range x[:n] {
		o[i] = v - mx
	}
	clear(o[n:])
	vecmath.ExpSlice(o[:n], o[:n])
	var sum float32
	for _, v := range o[:n] {
		sum += v
	}
	for i := range o[:n] {
		o[i] /= sum
	}
}

// maxOf is the max of x as softmaxRow's loop computes it (-Inf when x is
// empty), in four independent chains: Go's max is exact, so the grouping
// does not change the result, and the chains run 3× faster than one.
func maxOf(x []float32) float32 {
	inf := float32(math.Inf(-1))
	m0, m1, m2, m3 := inf, inf, inf, inf
	i := 0
	for ; i+4 <= len(x); i += 4 {
		m0, m1, m2, m3 = max(m0, x[i]), max(m1, x[i+1]), max(m2, x[i+2]), max(m3, x[i+3])
	}
	for ; i < len(x); i++ {
		m0 = max(m0, x[i])
	}
	return max(max(m0, m1), max(m2, m3))
}
