package cpu

import (
	"fmt"
	"time"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// executable runs a compiled graph: its nodes in creation order (which is a
// topological order), dropping each intermediate after its last use.
type executable struct {
	backend *Backend
	nodes   []*node
	params  []*node
	outputs []*node
	lastUse []int // per node: index of the last node reading it (len(nodes) for outputs)
	// Storage: Reshape, Identity, same-dtype ConvertDType, contiguous
	// slices and transposes of unit axes share their input's array. root is
	// the node owning a node's array, offset where the node's data starts in
	// it; rootLastUse is the last use of that array through any alias.
	alias       []bool // per node: aliases(n), decided once
	root        []int
	offset      []int
	rootLastUse []int
}

var _ backends.Executable = (*executable)(nil)

func newExecutable(b *builder, outputs []*node) *executable {
	e := &executable{backend: b.backend, params: b.params, outputs: outputs, lastUse: make([]int, len(b.nodes))}
	fuseMaskedSoftmax(b.nodes)
	fuseAttention(b.nodes)
	fuseRope(b.nodes)
	fuseRMSNorm(b.nodes)
	fuseElementwise(b.nodes, outputs)
	needed := reachable(b.nodes, outputs) // fusions leave some nodes unused
	for _, n := range b.nodes {
		if needed[n.index] || n.op == backends.OpTypeParameter {
			e.nodes = append(e.nodes, n)
		}
	}
	fuseSiblings(e.nodes)
	for _, n := range e.nodes {
		for _, in := range n.inputs {
			e.lastUse[in.index] = n.index
		}
	}
	for _, o := range outputs {
		e.lastUse[o.index] = len(b.nodes)
	}
	e.alias = make([]bool, len(b.nodes))
	e.root = make([]int, len(b.nodes))
	e.offset = make([]int, len(b.nodes))
	e.rootLastUse = make([]int, len(b.nodes))
	for _, n := range e.nodes {
		e.root[n.index] = n.index
		if aliases(n) {
			e.alias[n.index] = true
			in := n.inputs[0].index
			sliced, _ := contiguousSlice(n)
			e.root[n.index], e.offset[n.index] = e.root[in], e.offset[in]+sliced
		}
		r := e.root[n.index]
		e.rootLastUse[r] = max(e.rootLastUse[r], e.lastUse[n.index], n.index)
	}
	return e
}

// reachable marks the nodes the outputs depend on.
func reachable(nodes []*node, outputs []*node) []bool {
	seen := make([]bool, len(nodes))
	var mark func(n *node)
	mark = func(n *node) {
		if seen[n.index] {
			return
		}
		seen[n.index] = true
		for _, in := range n.inputs {
			mark(in)
		}
	}
	for _, o := range outputs {
		mark(o)
	}
	return seen
}

// aliases reports whether n's result shares its input's array (all of it,
// or a contiguous part): reshapes, contiguous slices, transposes of unit
// axes.
func aliases(n *node) bool {
	if n.attention != nil || n.rope || n.rmsNorm != nil {
		return false
	}
	switch n.op {
	case backends.OpTypeReshape, backends.OpTypeIdentity:
		return true
	case backends.OpTypeConvertDType:
		return n.inputs[0].shape.DType == n.shape.DType
	case backends.OpTypeSlice:
		_, ok := contiguousSlice(n)
		return ok
	case backends.OpTypeTranspose:
		return keepsOrder(n)
	}
	return false
}

func (e *executable) Finalize() {}

func (e *executable) Inputs() ([]string, []shapes.Shape) {
	names := make([]string, len(e.params))
	ss := make([]shapes.Shape, len(e.params))
	for i, p := range e.params {
		names[i] = fmt.Sprintf("p%d", i)
		ss[i] = p.shape
	}
	return names, ss
}

func (e *executable) Outputs() []shapes.Shape {
	ss := make([]shapes.Shape, len(e.outputs))
	for i, o := range e.outputs {
		ss[i] = o.shape
	}
	return ss
}

// Execute runs the graph. Intermediate arrays, and donated inputs, go back to
// the pool after their last use; results are arrays the caller then owns.
func (e *executable) Execute(inputs []backends.Buffer, donate []bool, _ backends.DeviceNum) (outs []backends.Buffer, err error) {
	if len(inputs) != len(e.params) {
		return nil, fmt.Errorf("backend %q: graph takes %d inputs, got %d", Name, len(e.params), len(inputs))
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("backend %q: executing graph: %v", Name, p)
		}
	}()
	values := make([]*Buffer, len(e.lastUse))
	profile := e.backend.profile.Load()
	for i, p := range e.params {
		buf, err := asBuffer(inputs[i])
		if err != nil {
			return nil, err
		}
		if !buf.shape.Equal(p.shape) {
			return nil, fmt.Errorf("backend %q: input %d is %s, graph expects %s", Name, i, buf.shape, p.shape)
		}
		values[p.index] = buf
	}
	for _, n := range e.nodes {
		var start time.Time
		if profile != nil {
			start = time.Now()
		}
		if n.op == backends.OpTypeDynamicUpdateSlice && e.canOverwrite(n.inputs[0], n, values, donate) {
			// Paste into the operand's own array: it is dead after this node.
			r := e.root[n.inputs[0].index]
			values[n.index] = &Buffer{shape: n.shape, flat: values[r].flat}
			values[r] = nil // now owned by the result: not recycled below
			if err := pasteInto(values[n.index], values[n.inputs[1].index], values, n.inputs[2:]); err != nil {
				return nil, fmt.Errorf("backend %q: %s: %w", Name, n.op, err)
			}
		} else if n.op != backends.OpTypeParameter && n.ledBy == nil { // a led product's result is in place already
			if values[n.index], err = e.run(n, values); err != nil {
				return nil, fmt.Errorf("backend %q: %s → %s: %w", Name, n.op, n.shape, err)
			}
		}
		if profile != nil && n.op != backends.OpTypeParameter && n.ledBy == nil {
			profile.add(n, time.Since(start))
		}
		for _, in := range n.inputs {
			r := e.root[in.index]
			if e.rootLastUse[r] != n.index || values[r] == nil {
				continue
			}
			// The array is dead: recycle it, unless the caller still owns it
			// (a parameter it did not donate) or it is a constant.
			if rn := e.byIndex(r); rn.op == backends.OpTypeParameter && (len(donate) <= rn.param || !donate[rn.param]) {
				continue
			}
			if !values[r].external {
				pool.put(values[r].shape.DType, values[r].flat)
			}
			values[r] = nil
		}
	}
	outs = make([]backends.Buffer, len(e.outputs))
	taken := map[int]bool{} // roots whose arrays an output already owns
	for i, o := range e.outputs {
		v := values[o.index]
		// Outputs must not share memory with inputs, constants or each
		// other: the caller owns them. An output sharing such an array
		// (itself or through aliases) is copied.
		r := e.root[o.index]
		if op := e.byIndex(r).op; op == backends.OpTypeParameter || op == backends.OpTypeConstant || taken[r] {
			v = v.clone()
		} else {
			taken[r] = true
		}
		outs[i] = v
	}
	return outs, nil
}

func (e *executable) byIndex(i int) *node {
	// e.nodes is sorted by index; parameters are always kept.
	lo, hi := 0, len(e.nodes)
	for lo < hi {
		mid := (lo + hi) / 2
		if e.nodes[mid].index < i {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return e.nodes[lo]
}

// canOverwrite reports whether node x's array may become n's result: no
// later node reads it, the backend owns it (an intermediate, or an input the
// caller donated), and it is not a constant.
func (e *executable) canOverwrite(x, n *node, values []*Buffer, donate []bool) bool {
	r := e.root[x.index]
	if e.offset[x.index] != 0 || e.rootLastUse[r] != n.index || values[r] == nil || values[r].external {
		return false
	}
	if rn := e.byIndex(r); rn.op == backends.OpTypeParameter {
		return rn.param < len(donate) && donate[rn.param]
	}
	return true
}
