package cpu

import (
	"sync"
	"sync/atomic"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// Elementwise fusion. The model's RMSNorm scaling, RoPE rotation and SwiGLU
// gate are short trees of float32 elementwise ops — SwiGLU is
// Mul(Mul(g, Logistic(g)), up) — and run unfused each op writes a whole
// intermediate tensor that the next op reads back. fuseElementwise finds,
// at compile time, every tree of such ops whose inner nodes have the root's
// shape and no reader outside the tree, and rewrites the root into one node
// that evaluates the tree a row chunk at a time in L1-sized scratch. Each
// element goes through the same float32 operations, in the same order, as
// unfused (the same kernels: sameShapeArith, rowScalar, unaryF32), so the
// results are bit-identical (TestFusedElementwise). The model graph stays
// plain GoMLX.

// fuseTrees can be turned off by tests to compare both paths; fusedTrees
// counts the trees rewritten.
var (
	fuseTrees  = true
	fusedTrees atomic.Int64
)

// fusedTree is a rewritten root's program: the tree's ops in postorder.
// The fused node's inputs are the tree's leaves.
type fusedTree struct {
	steps []fusedStep
}

// fusedStep is one op of the tree; an operand ≥ 0 is an earlier step's
// result, < 0 is leaf -(operand+1).
type fusedStep struct {
	op   backends.OpType
	args []int
}

// fusible reports whether n is an elementwise float32 op fusion handles.
func fusible(n *node) bool {
	if n.shape.DType != dtypes.Float32 || n.fused != nil || n.softmax || n.rmsNorm != nil {
		return false
	}
	switch n.op {
	case backends.OpTypeAdd, backends.OpTypeSub, backends.OpTypeMul, backends.OpTypeDiv:
		return n.inputs[0].shape.DType == dtypes.Float32
	case backends.OpTypeExp, backends.OpTypeLogistic, backends.OpTypeCos, backends.OpTypeSin,
		backends.OpTypeTanh, backends.OpTypeSqrt, backends.OpTypeRsqrt, backends.OpTypeNeg, backends.OpTypeAbs:
		return true
	}
	return false
}

// fuseElementwise rewrites every fusible root over at least one fusible
// child into a fused node. Nodes that only the outputs need are considered.
func fuseElementwise(nodes []*node, outputs []*node) {
	if !fuseTrees {
		return
	}
	readers := make([]int, len(nodes)) // reads by needed nodes and outputs
	needed := reachable(nodes, outputs)
	for _, n := range nodes {
		if needed[n.index] {
			for _, in := range n.inputs {
				readers[in.index]++
			}
		}
	}
	for _, o := range outputs {
		readers[o.index] += 2 // an output is never absorbed
	}
	absorbed := make([]bool, len(nodes))
	for i := len(nodes) - 1; i >= 0; i-- { // roots first: the largest trees
		root := nodes[i]
		if !needed[i] || absorbed[i] || !fusible(root) {
			continue
		}
		inner := func(x *node) bool {
			return fusible(x) && readers[x.index] == 1 && !absorbed[x.index] && x.shape.Equal(root.shape)
		}
		t, leaves := &fusedTree{}, []*node{}
		var build func(n *node) int
		build = func(n *node) int {
			step := fusedStep{op: n.op}
			for _, in := range n.inputs {
				if inner(in) {
					absorbed[in.index] = true
					step.args = append(step.args, build(in))
					continue
				}
				leaf := len(leaves)
				for j, l := range leaves {
					if l == in {
						leaf = j
					}
				}
				if leaf == len(leaves) {
					leaves = append(leaves, in)
				}
				step.args = append(step.args, -(leaf + 1))
			}
			t.steps = append(t.steps, step)
			return len(t.steps) - 1
		}
		build(root)
		if len(t.steps) < 2 {
			continue
		}
		root.inputs, root.fused = leaves, t
		fusedTrees.Add(1)
	}
}

// fusedChunk is how many elements of a row the tree evaluates at a time:
// a step's scratch stays in L1.
const fusedChunk = 512

var fusedScratch = sync.Pool{New: func() any { return new([]float32) }}

// runFused evaluates n's tree over its leaves, rows split over the threads.
func (e *executable) runFused(n *node, leaves []*Buffer) (*Buffer, error) {
	out, err := newBuffer(n.shape)
	if err != nil {
		return nil, err
	}
	t := n.fused
	unaries := make([]func(o, a []float32), len(t.steps))
	for i, s := range t.steps {
		if len(s.args) == 1 {
			if unaries[i], err = unaryF32(s.op); err != nil {
				return nil, err
			}
		}
	}
	dims := n.shape.Dimensions
	rank := len(dims)
	inner := 1
	if rank > 0 {
		inner = dims[rank-1]
	}
	rows := n.shape.Size() / max(1, inner)
	data := make([][]float32, len(leaves))
	strides := make([][]int, len(leaves))
	for i, l := range leaves {
		data[i] = l.flat.([]float32)
		strides[i] = broadcastStrides(l.shape, n.shape)
	}
	o := out.flat.([]float32)
	e.parallelRows(rows, n.shape.Size()*len(t.steps), func(lo, hi int) {
		buf := fusedScratch.Get().(*[]float32)
		defer fusedScratch.Put(buf)
		if need := len(t.steps) * fusedChunk; cap(*buf) < need {
			*buf = make([]float32, need)
		}
		ev := treeEval{t: t, unaries: unaries, scratch: *buf, leaves: make([]operand, len(leaves)), vals: make([]operand, len(t.steps))}
		offs := make([]int, len(leaves))
		for r := lo; r < hi; r++ {
			rowOffsets(r, dims, strides, offs)
			for c := 0; c < inner; c += fusedChunk {
				w := min(fusedChunk, inner-c)
				for i := range leaves {
					if rank == 0 || strides[i][rank-1] == 0 {
						ev.leaves[i] = operand{scalar: data[i][offs[i]], isScalar: true}
					} else {
						ev.leaves[i] = operand{vec: data[i][offs[i]+c : offs[i]+c+w]}
					}
				}
				ev.run(o[r*inner+c : r*inner+c+w])
			}
		}
	})
	return out, nil
}

// rowOffsets sets offs[i] to leaf i's offset of output row r (every axis
// but the last).
func rowOffsets(r int, dims []int, strides [][]int, offs []int) {
	clear(offs)
	for ax := len(dims) - 2; ax >= 0; ax-- {
		idx := r % dims[ax]
		r /= dims[ax]
		for i := range offs {
			offs[i] += idx * strides[i][ax]
		}
	}
}

// operand is a value of the tree over one row chunk: a vector, or one
// value for the whole chunk (a leaf broadcast along the row).
type operand struct {
	vec      []float32
	scalar   float32
	isScalar bool
}

type treeEval struct {
	t       *fusedTree
	unaries []func(o, a []float32)
	scratch []float32
	leaves  []operand
	vals    []operand
}

// run evaluates the tree over one chunk into out; the root writes out.
func (ev *treeEval) run(out []float32) {
	w := len(out)
	last := len(ev.t.steps) - 1
	for i, s := range ev.t.steps {
		dst := out
		if i != last {
			dst = ev.scratch[i*fusedChunk : i*fusedChunk+w]
		}
		arg := func(a int) operand {
			if a < 0 {
				return ev.leaves[-a-1]
			}
			return ev.vals[a]
		}
		if len(s.args) == 1 {
			x := arg(s.args[0])
			if x.isScalar {
				var one [1]float32
				ev.unaries[i](one[:], []float32{x.scalar})
				fill(dst, one[0])
			} else {
				ev.unaries[i](dst, x.vec)
			}
		} else {
			a, b := arg(s.args[0]), arg(s.args[1])
			switch {
			case !a.isScalar && !b.isScalar:
				sameShapeArith(s.op, dst, a.vec, b.vec)
			case !a.isScalar:
				rowScalar(s.op, dst, a.vec, b.scalar)
			case !b.isScalar:
				scalarRow(s.op, dst, a.scalar, b.vec)
			default:
				var one [1]float32
				scalarRow(s.op, one[:], a.scalar, []float32{b.scalar})
				fill(dst, one[0])
			}
		}
		ev.vals[i] = operand{vec: dst}
	}
}

func fill(o []float32, v float32) {
	for i := range o {
		o[i] = v
	}
}
