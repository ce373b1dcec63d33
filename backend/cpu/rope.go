package cpu

import (
	"slices"
	"sync/atomic"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// RoPE fusion. The model rotates queries and keys by Hugging Face's
// rotate_half (model/decoder.go, applyRope):
//
//	x1, x2 = x[..., :h], x[..., h:]
//	Concatenate(x1·cos − x2·sin, x2·cos + x1·sin) on the last axis
//
// Unfused that is two slice copies, two fused trees and a concatenation per
// projection and layer: per-sequence work that a batch-8 step paid ~1.5 ms
// for (`bench decode --op-profile`). fuseRope rewrites the Concatenate into
// one node over (x, cos, sin) that reads each element pair once and writes
// both halves. Each output goes through the same float32 multiplies and the
// same add or subtract as unfused, so the bits do not change (TestFusedRope).

// fuseRopes can be turned off by tests to compare both paths; fusedRopes
// counts the rewrites.
var (
	fuseRopes  = true
	fusedRopes atomic.Int64
)

// fuseRope rewrites every matched Concatenate into a rope node (inputs x,
// cos, sin; rope set). The slices and products it read become unused.
func fuseRope(nodes []*node) {
	if !fuseRopes {
		return
	}
	for _, n := range nodes {
		if x, cos, sin, ok := matchRope(n); ok {
			n.inputs, n.rope = []*node{x, cos, sin}, true
			fusedRopes.Add(1)
		}
	}
}

// matchRope: n is Concatenate(Sub(x1·c, x2·s), Add(x2·c, x1·s)) on the last
// axis, x1 and x2 the two halves of x's last axis, c and s broadcast to
// their shape (products and the sum in either operand order: they commute
// exactly).
func matchRope(n *node) (x, cos, sin *node, ok bool) {
	rank := n.shape.Rank()
	if n.op != backends.OpTypeConcatenate || len(n.inputs) != 2 || n.axes[0] != rank-1 || n.shape.DType != dtypes.Float32 {
		return nil, nil, nil, false
	}
	first, second := n.inputs[0], n.inputs[1]
	if first.op != backends.OpTypeSub || second.op != backends.OpTypeAdd || first.fused != nil || second.fused != nil {
		return nil, nil, nil, false
	}
	x1, c, ok1 := product(first.inputs[0])
	x2, s, ok2 := product(first.inputs[1])
	if !ok1 || !ok2 || !ropeHalves(x1, x2, n) || !ropeTable(c, x1) || !ropeTable(s, x1) {
		return nil, nil, nil, false
	}
	// The second half, x2·c + x1·s, in either order.
	a, b := second.inputs[0], second.inputs[1]
	if !isProduct(a, x2, c) {
		a, b = b, a
	}
	if !isProduct(a, x2, c) || !isProduct(b, x1, s) {
		return nil, nil, nil, false
	}
	return x1.inputs[0], c, s, true
}

// product splits Mul(half, table) (either order) where half is a Slice.
func product(m *node) (half, table *node, ok bool) {
	if m.op != backends.OpTypeMul || m.fused != nil {
		return nil, nil, false
	}
	a, b := m.inputs[0], m.inputs[1]
	if a.op != backends.OpTypeSlice {
		a, b = b, a
	}
	return a, b, a.op == backends.OpTypeSlice
}

// isProduct reports whether m is Mul(half, table) in either order.
func isProduct(m *node, half, table *node) bool {
	h, t, ok := product(m)
	return ok && h == half && t == table
}

// ropeHalves reports whether x1 and x2 are the first and second halves of
// one tensor's last axis, every other axis whole, and n has its shape.
func ropeHalves(x1, x2, n *node) bool {
	if x1.inputs[0] != x2.inputs[0] {
		return false
	}
	x := x1.inputs[0]
	dims, rank := x.shape.Dimensions, x.shape.Rank()
	d := dims[rank-1]
	if d%2 != 0 || !x.shape.Equal(n.shape) {
		return false
	}
	for _, sl := range []struct {
		n      *node
		lo, hi int
	}{{x1, 0, d / 2}, {x2, d / 2, d}} {
		for a := range rank {
			lo, hi := 0, dims[a]
			if a == rank-1 {
				lo, hi = sl.lo, sl.hi
			}
			if sl.n.starts[a] != lo || sl.n.limits[a] != hi || sl.n.strides[a] != 1 {
				return false
			}
		}
	}
	return true
}

// ropeTable reports whether t (cos or sin) broadcasts to half's shape.
func ropeTable(t, half *node) bool {
	if t.shape.DType != dtypes.Float32 || t.shape.Rank() != half.shape.Rank() {
		return false
	}
	return broadcastsTo(t.shape.Dimensions, half.shape.Dimensions)
}

// broadcastsTo reports whether every dim of from is to's or 1.
func broadcastsTo(from, to []int) bool {
	for a := range from {
		if from[a] != to[a] && from[a] != 1 {
			return false
		}
	}
	return true
}

// rope computes a rope node: for each row of x's last axis (length 2h) and
// i < h, out[i] = x1·c − x2·s and out[h+i] = x2·c + x1·s, rows split over
// the threads.
func (e *executable) rope(n *node, in []*Buffer) (*Buffer, error) {
	out, err := newBuffer(n.shape)
	if err != nil {
		return nil, err
	}
	x, c, s := in[0].flat.([]float32), in[1].flat.([]float32), in[2].flat.([]float32)
	o := out.flat.([]float32)
	dims := n.shape.Dimensions
	rank := len(dims)
	half := dims[rank-1] / 2
	halfDims := slices.Clone(dims)
	halfDims[rank-1] = half
	halfShape := shapes.Make(dtypes.Float32, halfDims...)
	cs, ss := broadcastStrides(in[1].shape, halfShape), broadcastStrides(in[2].shape, halfShape)
	cLast, sLast := cs[rank-1], ss[rank-1]
	rows := n.shape.Size() / max(1, 2*half)
	e.parallelRows(rows, 8*n.shape.Size(), func(lo, hi int) {
		offs := make([]int, 2)
		strides := [][]int{cs, ss}
		for r := lo; r < hi; r++ {
			rowOffsets(r, halfDims, strides, offs)
			x1, x2 := x[r*2*half:r*2*half+half], x[r*2*half+half:(r+1)*2*half]
			o1, o2 := o[r*2*half:r*2*half+half], o[r*2*half+half:(r+1)*2*half]
			ci, si := offs[0], offs[1]
			for i := range half {
				cv, sv := c[ci], s[si]
				// The explicit conversions keep each product rounded on its
				// own, as the unfused Mul nodes round it (Go may otherwise
				// fuse a multiply and an add where the CPU has FMA).
				o1[i] = float32(x1[i]*cv) - float32(x2[i]*sv)
				o2[i] = float32(x2[i]*cv) + float32(x1[i]*sv)
				ci += cLast
				si += sLast
			}
		}
	})
	return out, nil
}
