package cpu

import (
	"slices"
	"sync/atomic"

	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// Sibling products. A layer multiplies one normalized input by several
// weight matrices: queries, keys and values, then the MLP's gate and up.
// Run one by one, each is its own parallel op — the activations rounded to
// bf16 again, the threads handed work again — and the small ones (the
// keys' and values' 512 × 2048 for the 1b preset) stream their weights at
// ~45 GB/s against ~72 for the large ones: too short a stream per thread
// to get going. fuseSiblings makes the first product of such a group its
// leader, which computes every member's output in one parallel op over the
// union of their weight rows; the other members then only pick up their
// results. Every output row is the same kernel's, summed in the same order,
// so nothing changes in the bits (TestSiblingProducts).

// fuseSiblingDots can be turned off by tests; fusedSiblings counts the
// products that joined a leader.
var (
	fuseSiblingDots = true
	fusedSiblings   atomic.Int64
)

// fuseSiblings groups bf16-weight products of one lhs: the first in node
// order leads (its siblings field lists the others), the others point at it.
func fuseSiblings(nodes []*node) {
	if !fuseSiblingDots {
		return
	}
	leaders := map[*node]*node{} // lhs → leading product
	for _, n := range nodes {
		if n.dot == nil || !n.dot.weights || n.fused != nil {
			continue
		}
		lead, ok := leaders[n.inputs[0]]
		// The leader runs first: a sibling's weights must exist by then.
		if !ok || !sameContraction(lead.dot, n.dot) || n.inputs[1].index > lead.index {
			if !ok {
				leaders[n.inputs[0]] = n
			}
			continue
		}
		lead.siblings = append(lead.siblings, n)
		n.ledBy = lead
		fusedSiblings.Add(1)
	}
}

func sameContraction(a, b *dotParams) bool {
	return slices.Equal(a.lhsContract, b.lhsContract) && slices.Equal(a.lhsBatch, b.lhsBatch) &&
		slices.Equal(a.rhsContract, b.rhsContract) && slices.Equal(a.rhsBatch, b.rhsBatch)
}

// dotSiblings runs a leading product and its siblings as one parallel op
// over all their weight rows, storing the siblings' results in values.
func (e *executable) dotSiblings(lead *node, values []*Buffer) (*Buffer, error) {
	members := append([]*node{lead}, lead.siblings...)
	ws := make([]*Buffer, len(members))
	outShapes := make([]shapes.Shape, len(members))
	for i, m := range members {
		ws[i], outShapes[i] = values[m.inputs[1].index], m.shape
	}
	outs, err := e.weightProducts(values[lead.inputs[0].index], lead.dot, ws, outShapes)
	if err != nil {
		return nil, err
	}
	for i, m := range members[1:] {
		values[m.index] = outs[i+1]
	}
	return outs[0], nil
}
