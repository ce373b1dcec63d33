package cpu

import (
	"math"
	"math/rand/v2"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// GoMLX's MaskedSoftmax chain is fused into one node, and the fused node
// gives every value the bits of the unfused chain — on attention-shaped
// inputs with causal masks, rows with nothing visible, -inf scores and a
// last axis of 1 — and matches GoMLX's own backend within float32 rounding.
func TestFusedSoftmax(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	for _, dims := range [][4]int{{2, 5, 4, 7}, {1, 1, 1, 1}, {8, 33, 4, 70}, {3, 2, 1, 1}} {
		kv, C, G, T := dims[0], dims[1], dims[2], dims[3]
		scores := randF32(r, kv, C, G, T)
		flat := tensors.MustCopyFlatData[float32](scores)
		flat[0] = float32(math.Inf(-1))
		scores = tensors.FromFlatDataAndDimensions(flat, kv, C, G, T)
		visible := make([]bool, C*T)
		for c := 0; c < C; c++ {
			for k := 0; k < T; k++ {
				visible[c*T+k] = k <= c+T/2-1 // causal with an offset: row 0 can see nothing when T < 2
			}
		}
		mask := tensors.FromFlatDataAndDimensions(visible, C, T)
		softmax := func(in []*Node) []*Node {
			m := BroadcastToDims(Reshape(in[1], 1, C, 1, T), kv, C, G, T)
			return []*Node{MaskedSoftmax(in[0], m, -1)}
		}
		before := fused.Load()
		fusedOut := MustNewExec(ours, func(x, m *Node) *Node { return softmax([]*Node{x, m})[0] }).MustExec1(scores, mask)
		if fused.Load() == before {
			t.Fatalf("%v: GoMLX's MaskedSoftmax was not fused: its op chain changed (see softmax.go)", dims)
		}
		fuseSoftmax = false
		plain := MustNewExec(ours, func(x, m *Node) *Node { return softmax([]*Node{x, m})[0] }).MustExec1(scores, mask)
		fuseSoftmax = true
		a, b := tensors.MustCopyFlatData[float32](fusedOut), tensors.MustCopyFlatData[float32](plain)
		for i := range a {
			if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
				t.Fatalf("%v: value %d fused %v, unfused %v", dims, i, a[i], b[i])
			}
		}
		checkOp(t, "masked softmax", softmax, scores, mask)
	}
}
