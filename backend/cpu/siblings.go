package cpu

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
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
		if n.dot == nil || !n.dot.rhsBF16 || n.fused != nil {
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
	lhs := values[lead.inputs[0].index]
	L, lb, lf, _, M, K, err := rowLayout(lhs, lead.dot.lhsBatch, lead.dot.lhsContract)
	if err != nil {
		return nil, err
	}
	if !isContiguous(lb, lf, M, K) {
		return nil, fmt.Errorf("DotGeneral: bf16 weights with a strided lhs %s are not implemented", lhs.shape)
	}
	var L16 []bfloat16.BFloat16
	if e.backend.bf16Dot {
		buf, rounded := roundRows(L[:M*K])
		defer bf16Scratch.Put(buf)
		L16 = rounded
	}
	kernels := make([]*dotKernel, len(members))
	outs := make([]*Buffer, len(members))
	starts := make([]int, len(members)+1) // member i owns rows [starts[i], starts[i+1]) of the union
	for i, m := range members {
		w := values[m.inputs[1].index].flat.([]bfloat16.BFloat16)
		if outs[i], err = newBuffer(m.shape); err != nil {
			return nil, err
		}
		kernels[i] = &dotKernel{L: L, L16: L16, lb: lb, lf: lf, M: M, K: K, R16: w, N: len(w) / K, o: outs[i].flat.([]float32)}
		starts[i+1] = starts[i] + kernels[i].N
	}
	total := starts[len(members)]
	e.parallelRows(total, M*total*K, func(lo, hi int) {
		for i, k := range kernels {
			if a, b := max(lo, starts[i]), min(hi, starts[i+1]); a < b {
				k.rows(a-starts[i], b-starts[i])
			}
		}
	})
	for i, m := range members[1:] {
		values[m.index] = outs[i+1]
	}
	return outs[0], nil
}
