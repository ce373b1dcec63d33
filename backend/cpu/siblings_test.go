package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Products of one lhs by several bf16 weight matrices — queries, keys and
// values; gate and up — run as one op, and each output has the bits of its
// product run alone: batches of 1 to 16 rows, weight matrices of different
// heights, a length that is no multiple of the SIMD blocks, float32 and
// bf16 activations. A product on another lhs, and one whose weights are
// computed after the group's first product, stay apart.
func TestSiblingProducts(t *testing.T) {
	configs := []string{""}
	if hasDPBF16 {
		configs = append(configs, "dot=bf16")
	}
	r := rand.New(rand.NewPCG(61, 62))
	graph := func(in []*Node) []*Node {
		x, other := in[0], in[1]
		bf16 := func(w *Node) *Node { return ConvertDType(ConvertDType(w, dtypes.BFloat16), dtypes.Float32) }
		w0, w1, w2 := bf16(in[2]), bf16(in[3]), bf16(in[4])
		dot := func(x, w *Node) *Node { return DotGeneral(x, []int{1}, nil, w, []int{1}, nil) }
		q := dot(x, w0)
		late := dot(x, bf16(Neg(in[5]))) // weights made after q: cannot join q's group
		return []*Node{q, dot(x, w1), dot(x, w2), dot(other, w1), late}
	}
	for _, config := range configs {
		be := must(New(config))
		ws := []*tensors.Tensor{randF32(r, 64, 300), randF32(r, 20, 300), randF32(r, 33, 300), randF32(r, 7, 300)}
		for _, m := range []int{1, 3, 8, 16} {
			t.Run(fmt.Sprintf("config=%s/rows=%d", config, m), func(t *testing.T) {
				args := []any{randF32(r, m, 300), randF32(r, m, 300), ws[0], ws[1], ws[2], ws[3]}
				run := func(fuse bool) [][]float32 {
					fuseSiblingDots = fuse
					defer func() { fuseSiblingDots = true }()
					var outs [][]float32
					for _, o := range MustNewExec(be, graph).MustExec(args...) {
						outs = append(outs, tensors.MustCopyFlatData[float32](o))
					}
					return outs
				}
				before := fusedSiblings.Load()
				fused := run(true)
				if got := fusedSiblings.Load() - before; got != 2 {
					t.Fatalf("%d products joined a leader, want 2 (the second and third of x)", got)
				}
				alone := run(false)
				for i := range alone {
					for j := range alone[i] {
						if math.Float32bits(fused[i][j]) != math.Float32bits(alone[i][j]) {
							t.Fatalf("output %d [%d]: %v with its siblings, %v alone", i, j, fused[i][j], alone[i][j])
						}
					}
				}
			})
		}
	}
}
