package cpu

import (
	"math"
	"slices"
	"sync/atomic"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// RMSNorm fusion. model/decoder.go's rmsNorm reaches the backend as
//
//	r = Rsqrt(Reshape(ReduceSum(x·x, last) · (1/H)) + eps)   [..., 1]
//	y = x · r · w                                             [..., H]
//
// five ops and a fused tree, each a pass over the batch with its own
// dispatch: ~1 ms of a batch-8 step for the 33 norms of the 1b preset
// (`bench decode --op-profile`). fuseRMSNorm rewrites the last product into
// one node over (x, w) that does a row's sum, scale and products in one
// pass, with the same float32 operations in the same order as the unfused
// ops — the sum element by element, each square rounded before it is added
// — so the bits do not change (TestFusedRMSNorm).

// fuseRMSNorms can be turned off by tests to compare both paths;
// fusedRMSNorms counts the rewrites.
var (
	fuseRMSNorms  = true
	fusedRMSNorms atomic.Int64
)

// rmsNormParams is a fused RMSNorm's constants: 1/H and eps as the graph
// holds them (float32).
type rmsNormParams struct {
	invH, eps float32
}

// fuseRMSNorm rewrites every matched chain's last Mul into an rmsnorm node
// (inputs x, w).
func fuseRMSNorm(nodes []*node) {
	if !fuseRMSNorms {
		return
	}
	for _, n := range nodes {
		if x, w, p, ok := matchRMSNorm(n); ok {
			n.inputs, n.rmsNorm = []*node{x, w}, &p
			fusedRMSNorms.Add(1)
		}
	}
}

// matchRMSNorm: out is Mul(Mul(x, r), w) (operands in either order), r the
// chain above over the same x, w of shape [1, …, 1, H].
func matchRMSNorm(out *node) (x, w *node, p rmsNormParams, ok bool) {
	rank := out.shape.Rank()
	if out.op != backends.OpTypeMul || out.shape.DType != dtypes.Float32 || rank == 0 {
		return nil, nil, p, false
	}
	H := out.shape.Dimensions[rank-1]
	for _, pick := range [2]int{0, 1} {
		xr, w := out.inputs[pick], out.inputs[1-pick]
		if xr.op != backends.OpTypeMul || !isRowVector(w, rank, H) {
			continue
		}
		for _, pick2 := range [2]int{0, 1} {
			x, r := xr.inputs[pick2], xr.inputs[1-pick2]
			if !x.shape.Equal(out.shape) {
				continue
			}
			if p, ok := matchInvRMS(r, x); ok {
				return x, w, p, true
			}
		}
	}
	return nil, nil, p, false
}

// isRowVector reports whether w is float32 [1, …, 1, H] of the given rank.
func isRowVector(w *node, rank, H int) bool {
	if w.shape.DType != dtypes.Float32 || w.shape.Rank() != rank || w.shape.Dimensions[rank-1] != H {
		return false
	}
	for _, d := range w.shape.Dimensions[:rank-1] {
		if d != 1 {
			return false
		}
	}
	return true
}

// matchInvRMS: r is Rsqrt(Add(Reshape(Mul(ReduceSum(Mul(x, x), last), 1/H)), eps))
// of shape [..., 1], the scalar operands in either order.
func matchInvRMS(r, x *node) (p rmsNormParams, ok bool) {
	rank := x.shape.Rank()
	// r is [..., 1] with x's leading axes: row i's scale is row i's.
	if r.op != backends.OpTypeRsqrt || r.fused != nil || r.shape.Rank() != rank || r.shape.Dimensions[rank-1] != 1 ||
		!slices.Equal(r.shape.Dimensions[:rank-1], x.shape.Dimensions[:rank-1]) {
		return p, false
	}
	add := r.inputs[0]
	if add.op != backends.OpTypeAdd || add.fused != nil {
		return p, false
	}
	keep, eps, ok := scalarOperand(add)
	if !ok || keep.op != backends.OpTypeReshape {
		return p, false
	}
	scaled := keep.inputs[0]
	if scaled.op != backends.OpTypeMul || scaled.fused != nil {
		return p, false
	}
	sum, invH, ok := scalarOperand(scaled)
	if !ok || sum.op != backends.OpTypeReduceSum || len(sum.axes) != 1 || sum.axes[0] != rank-1 {
		return p, false
	}
	sq := sum.inputs[0]
	if sq.op != backends.OpTypeMul || sq.fused != nil || sq.inputs[0] != x || sq.inputs[1] != x {
		return p, false
	}
	return rmsNormParams{invH: invH, eps: eps}, true
}

// scalarOperand splits a binary node into its non-constant operand and the
// value of its scalar-constant one.
func scalarOperand(n *node) (other *node, value float32, ok bool) {
	if len(n.inputs) != 2 {
		return nil, 0, false
	}
	if v, ok := scalarConstant(n.inputs[1]); ok {
		return n.inputs[0], v, true
	}
	if v, ok := scalarConstant(n.inputs[0]); ok {
		return n.inputs[1], v, true
	}
	return nil, 0, false
}

// rsqrtF32 is the backend's Rsqrt of one float32 (computed in float64 and
// rounded once, as unaryF32 computes it).
func rsqrtF32(v float32) float32 { return float32(1 / math.Sqrt(float64(v))) }

// rmsNorm computes an rmsnorm node: rows of x's last axis, split over the
// threads.
func (e *executable) rmsNorm(n *node, in []*Buffer) (*Buffer, error) {
	out, err := newBuffer(n.shape)
	if err != nil {
		return nil, err
	}
	x, w, o := in[0].flat.([]float32), in[1].flat.([]float32), out.flat.([]float32)
	H := len(w)
	p := n.rmsNorm
	// The sum is a chain of dependent adds (~4 cycles an element): count
	// the work as such when deciding to split it.
	e.parallelRows(len(x)/H, 4*len(x), func(lo, hi int) {
		for r := lo; r < hi; r++ {
			row, dst := x[r*H:(r+1)*H], o[r*H:(r+1)*H]
			var sum float32
			for _, v := range row {
				sum += float32(v * v) // the square rounded, as Mul(x, x) stores it
			}
			inv := rsqrtF32(float32(sum*p.invH) + p.eps)
			rowScalar(backends.OpTypeMul, dst, row, inv)
			sameShapeArith(backends.OpTypeMul, dst, dst, w)
		}
	})
	return out, nil
}
