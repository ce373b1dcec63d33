package cpu

import (
	"math"
	"math/rand/v2"
	"sync/atomic"
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
	rmsScale := func(in []*Node) []*Node { // an RMSNorm-like tail that rmsnorm.go does not take (squares of -x)
		x, w := in[0], in[1]
		meanSq := ReduceAndKeep(Square(Neg(x)), ReduceMean, -1)
		return []*Node{Mul(Mul(x, Rsqrt(AddScalar(meanSq, 1e-5))), Reshape(w, 1, w.Shape().Dimensions[0]))}
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

// applyRope as model/decoder.go builds it, with cos and sin broadcast to
// the halves of x's last axis.
func applyRope(in []*Node) []*Node {
	x, cos, sin := in[0], in[1], in[2]
	d := x.Shape().Dimensions[3]
	x1 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(0, d/2))
	x2 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(d/2, d))
	return []*Node{Concatenate([]*Node{Sub(Mul(x1, cos), Mul(x2, sin)), Add(Mul(x2, cos), Mul(x1, sin))}, 3)}
}

// The rotary embedding is fused into one node whose bits equal both the
// elementwise-fused path and the fully unfused ops, on shapes with odd
// halves and tables broadcast over heads, or over batch and heads, or not
// at all; operands in the other order of the commuting products and sum
// still fuse, a chain that is not RoPE does not. All match GoMLX's backend.
func TestFusedRope(t *testing.T) {
	r := rand.New(rand.NewPCG(53, 54))
	swapped := func(in []*Node) []*Node { // products and sum written the other way round
		x, cos, sin := in[0], in[1], in[2]
		d := x.Shape().Dimensions[3]
		x1 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(0, d/2))
		x2 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(d/2, d))
		return []*Node{Concatenate([]*Node{Sub(Mul(cos, x1), Mul(sin, x2)), Add(Mul(sin, x1), Mul(cos, x2))}, 3)}
	}
	notRope := func(in []*Node) []*Node { // the halves crossed: must stay unfused
		x, cos, sin := in[0], in[1], in[2]
		d := x.Shape().Dimensions[3]
		x1 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(0, d/2))
		x2 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(d/2, d))
		return []*Node{Concatenate([]*Node{Sub(Mul(x2, cos), Mul(x1, sin)), Add(Mul(x2, cos), Mul(x1, sin))}, 3)}
	}
	testFusion(t, "rope", &fuseRopes, &fusedRopes, []fusionCase{
		{"decode", applyRope, []*tensors.Tensor{randF32(r, 8, 1, 32, 64), randF32(r, 8, 1, 1, 32), randF32(r, 8, 1, 1, 32)}, true},
		{"odd-half", applyRope, []*tensors.Tensor{randF32(r, 2, 3, 4, 14), randF32(r, 2, 3, 1, 7), randF32(r, 2, 3, 1, 7)}, true},
		{"table-per-position", applyRope, []*tensors.Tensor{randF32(r, 2, 5, 3, 8), randF32(r, 1, 5, 1, 4), randF32(r, 1, 5, 1, 4)}, true},
		{"table-per-head", applyRope, []*tensors.Tensor{randF32(r, 1, 2, 3, 6), randF32(r, 1, 2, 3, 3), randF32(r, 1, 2, 3, 3)}, true},
		{"swapped-operands", swapped, []*tensors.Tensor{randF32(r, 2, 3, 4, 16), randF32(r, 2, 3, 1, 8), randF32(r, 2, 3, 1, 8)}, true},
		{"not-rope", notRope, []*tensors.Tensor{randF32(r, 2, 3, 4, 16), randF32(r, 2, 3, 1, 8), randF32(r, 2, 3, 1, 8)}, false},
	})
}

// BenchmarkRope: the rotation of a batch-8 decode step's queries, fused
// and as elementwise trees.
func BenchmarkRope(b *testing.B) {
	r := rand.New(rand.NewPCG(55, 56))
	x, cos, sin := randF32(r, 8, 1, 32, 64), randF32(r, 8, 1, 1, 32), randF32(r, 8, 1, 1, 32)
	for _, fused := range []bool{true, false} {
		b.Run(map[bool]string{true: "fused", false: "trees"}[fused], func(b *testing.B) {
			fuseRopes = fused
			defer func() { fuseRopes = true }()
			exec := MustNewExec(ours, applyRope)
			for i := 0; i < b.N; i++ {
				exec.MustExec(x, cos, sin)[0].FinalizeAll()
			}
		})
	}
}

// rmsNorm as model/decoder.go builds it: x / sqrt(mean(x²) + eps) · w over
// the last axis.
func rmsNormGraph(eps float64) func(in []*Node) []*Node {
	return func(in []*Node) []*Node {
		x, w := in[0], in[1]
		dims := make([]int, x.Rank())
		for i := range dims {
			dims[i] = 1
		}
		dims[x.Rank()-1] = w.Shape().Dimensions[0]
		meanSq := ReduceAndKeep(Square(x), ReduceMean, -1)
		return []*Node{Mul(Mul(x, Rsqrt(AddScalar(meanSq, eps))), Reshape(w, dims...))}
	}
}

// RMSNorm is fused into one node whose bits equal both the
// elementwise-fused path and the unfused ops: rows longer and shorter than
// the SIMD width, a rank-4 per-head norm (Qwen3's q and k norms), the
// operands of the products the other way round; a chain squaring something
// else is left alone. All match GoMLX's backend.
func TestFusedRMSNorm(t *testing.T) {
	r := rand.New(rand.NewPCG(59, 60))
	swapped := func(in []*Node) []*Node { // w · (r · x)
		x, w := in[0], in[1]
		meanSq := ReduceAndKeep(Square(x), ReduceMean, -1)
		return []*Node{Mul(Reshape(w, 1, w.Shape().Dimensions[0]), Mul(Rsqrt(AddScalar(meanSq, 1e-6)), x))}
	}
	other := func(in []*Node) []*Node { // the mean of another tensor's squares: not an RMSNorm
		x, w := in[0], in[1]
		meanSq := ReduceAndKeep(Square(Neg(x)), ReduceMean, -1)
		return []*Node{Mul(Mul(x, Rsqrt(AddScalar(meanSq, 1e-6))), Reshape(w, 1, w.Shape().Dimensions[0]))}
	}
	testFusion(t, "rmsnorm", &fuseRMSNorms, &fusedRMSNorms, []fusionCase{
		{"decode", rmsNormGraph(1e-5), []*tensors.Tensor{randF32(r, 8, 2048), randF32(r, 2048)}, true},
		{"odd", rmsNormGraph(1e-6), []*tensors.Tensor{randF32(r, 5, 23), randF32(r, 23)}, true},
		{"one", rmsNormGraph(1e-6), []*tensors.Tensor{randF32(r, 3, 1), randF32(r, 1)}, true},
		{"per-head", rmsNormGraph(1e-6), []*tensors.Tensor{randF32(r, 2, 3, 4, 64), randF32(r, 64)}, true},
		{"swapped", swapped, []*tensors.Tensor{randF32(r, 4, 100), randF32(r, 100)}, true},
		{"other", other, []*tensors.Tensor{randF32(r, 4, 100), randF32(r, 100)}, false},
	})
}

// fusionCase is a graph for testFusion and whether the fusion must take it.
type fusionCase struct {
	name  string
	f     func([]*Node) []*Node
	in    []*tensors.Tensor
	fused bool
}

// testFusion runs each case with the fusion (switched by enabled, counted
// by count) and checks it fused as expected, gives the bits of both the
// elementwise-fused and the fully unfused graph, and matches GoMLX's
// backend.
func testFusion(t *testing.T, fusion string, enabled *bool, count *atomic.Int64, cases []fusionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := make([]any, len(c.in))
			for i, x := range c.in {
				args[i] = x
			}
			run := func(on, trees bool) []float32 {
				*enabled, fuseTrees = on, trees
				defer func() { *enabled, fuseTrees = true, true }()
				return tensors.MustCopyFlatData[float32](MustNewExec(ours, c.f).MustExec(args...)[0])
			}
			before := count.Load()
			fused := run(true, true)
			if got := count.Load() - before; (got > 0) != c.fused {
				t.Fatalf("%d %s fusions, want fused = %v", got, fusion, c.fused)
			}
			for _, other := range []struct {
				name    string
				results []float32
			}{{"elementwise-fused", run(false, true)}, {"unfused", run(false, false)}} {
				for i := range fused {
					if math.Float32bits(fused[i]) != math.Float32bits(other.results[i]) {
						t.Fatalf("value %d: %s fused %v, %s %v", i, fusion, fused[i], other.name, other.results[i])
					}
				}
			}
			checkOp(t, c.name, c.f, c.in...)
		})
	}
}
