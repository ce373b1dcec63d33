package cpu

import (
	"math"
	"math/rand/v2"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// The model's elementwise trees — built here exactly as model/decoder.go
// builds them — are fused, and the fused nodes give every value the bits of
// the unfused ops; the results also match GoMLX's own backend within
// float32 rounding. Shapes include rows shorter and longer than a fused
// chunk, scalars, and per-row and per-column broadcasts.
func TestFusedElementwise(t *testing.T) {
	r := rand.New(rand.NewPCG(51, 52))
	swiglu := func(in []*Node) []*Node {
		g, up := in[0], in[1]
		return []*Node{Mul(Mul(g, Sigmoid(g)), up)}
	}
	rmsScale := func(in []*Node) []*Node { // rmsNorm's tail: x · rsqrt(mean + eps) · w
		x, w := in[0], in[1]
		meanSq := ReduceAndKeep(Square(x), ReduceMean, -1)
		return []*Node{Mul(Mul(x, Rsqrt(AddScalar(meanSq, 1e-5))), Reshape(w, 1, w.Shape().Dimensions[0]))}
	}
	rope := func(in []*Node) []*Node { // applyRope with cos, sin [B, C, 1, D/2]
		x, cos, sin := in[0], in[1], in[2]
		d := x.Shape().Dimensions[3]
		x1 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(0, d/2))
		x2 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(d/2, d))
		return []*Node{Concatenate([]*Node{Sub(Mul(x1, cos), Mul(x2, sin)), Add(Mul(x2, cos), Mul(x1, sin))}, 3)}
	}
	scalars := func(in []*Node) []*Node { // scalar leaves and a unary over a broadcast leaf
		x, s := in[0], in[1]
		return []*Node{Div(Sub(Exp(Neg(x)), s), Add(Abs(s), OnePlus(Abs(x))))}
	}
	cases := []struct {
		name  string
		f     func([]*Node) []*Node
		in    []*tensors.Tensor
		trees int // fused trees the graph must get
	}{
		{"swiglu", swiglu, []*tensors.Tensor{randF32(r, 3, 1000), randF32(r, 3, 1000)}, 1},
		{"swiglu-short", swiglu, []*tensors.Tensor{randF32(r, 1, 7), randF32(r, 1, 7)}, 1},
		{"rmsnorm", rmsScale, []*tensors.Tensor{randF32(r, 5, 600), randF32(r, 600)}, 1},
		{"rope", rope, []*tensors.Tensor{randF32(r, 2, 3, 4, 16), randF32(r, 2, 3, 1, 8), randF32(r, 2, 3, 1, 8)}, 2},
		{"scalars", scalars, []*tensors.Tensor{randF32(r, 4, 9), randF32(r)}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := make([]any, len(c.in))
			for i, x := range c.in {
				args[i] = x
			}
			before := fusedTrees.Load()
			fusedOut := MustNewExec(ours, c.f).MustExec(args...)[0]
			if got := fusedTrees.Load() - before; got < int64(c.trees) {
				t.Fatalf("%d trees fused, want %d: GoMLX's op chain changed (see fuse.go)", got, c.trees)
			}
			fuseTrees = false
			plain := MustNewExec(ours, c.f).MustExec(args...)[0]
			fuseTrees = true
			a, b := tensors.MustCopyFlatData[float32](fusedOut), tensors.MustCopyFlatData[float32](plain)
			for i := range a {
				if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
					t.Fatalf("value %d fused %v, unfused %v", i, a[i], b[i])
				}
			}
			checkOp(t, c.name, c.f, c.in...)
		})
	}
}
