package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/backends"
	_ "github.com/gomlx/gomlx/backends/simplego"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive // graph code reads best unqualified
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Every op is checked against GoMLX's own `go` backend on random inputs,
// including sizes that are not multiples of the SIMD width.

var (
	ours   = must(New(""))
	theirs = must(backends.NewWithConfig("go:ops_sequential"))
)

func must(b backends.Backend, err error) backends.Backend {
	if err != nil {
		panic(err)
	}
	return b
}

func randF32(r *rand.Rand, dims ...int) *tensors.Tensor {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]float32, n)
	for i := range v {
		v[i] = float32(r.NormFloat64())
	}
	return tensors.FromFlatDataAndDimensions(v, dims...)
}

// randI8 draws int8 weights over the whole range a quantized row uses.
func randI8(r *rand.Rand, dims ...int) *tensors.Tensor {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]int8, n)
	for i := range v {
		v[i] = int8(r.IntN(255) - 127)
	}
	return tensors.FromFlatDataAndDimensions(v, dims...)
}

func randI32(r *rand.Rand, hi int, dims ...int) *tensors.Tensor {
	n := 1
	for _, d := range dims {
		n *= d
	}
	v := make([]int32, n)
	for i := range v {
		v[i] = int32(r.IntN(hi))
	}
	return tensors.FromFlatDataAndDimensions(v, dims...)
}

// checkOp runs fn on both backends and checks every output.
func checkOp(t *testing.T, name string, fn func([]*Node) []*Node, inputs ...*tensors.Tensor) {
	t.Helper()
	run := func(b backends.Backend) []*tensors.Tensor {
		e, err := NewExec(b, fn)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		args := make([]any, len(inputs))
		for i, in := range inputs {
			c, err := in.LocalClone() // a tensor may live on one backend only
			if err != nil {
				t.Fatal(err)
			}
			args[i] = c
		}
		out, err := e.Exec(args...)
		if err != nil {
			t.Fatalf("%s on %s: %v", name, b.Name(), err)
		}
		return out
	}
	got, want := run(ours), run(theirs)
	for i := range want {
		if !got[i].Shape().Equal(want[i].Shape()) {
			t.Fatalf("%s output %d: shape %s, want %s", name, i, got[i].Shape(), want[i].Shape())
		}
		g, w := flatFloat(got[i]), flatFloat(want[i])
		for j := range w {
			if d := math.Abs(g[j] - w[j]); d > 1e-5*math.Max(1, math.Abs(w[j])) && !(math.IsNaN(g[j]) && math.IsNaN(w[j])) {
				t.Fatalf("%s output %d [%d]: %v, want %v", name, i, j, g[j], w[j])
			}
		}
	}
}

func flatFloat(t *tensors.Tensor) []float64 {
	var out []float64
	switch t.Shape().DType {
	case dtypes.Float32:
		for _, v := range tensors.MustCopyFlatData[float32](t) {
			out = append(out, float64(v))
		}
	case dtypes.Int32:
		for _, v := range tensors.MustCopyFlatData[int32](t) {
			out = append(out, float64(v))
		}
	case dtypes.Bool:
		for _, v := range tensors.MustCopyFlatData[bool](t) {
			out = append(out, map[bool]float64{false: 0, true: 1}[v])
		}
	case dtypes.BFloat16:
		for _, v := range tensors.MustCopyFlatData[bfloat16T](t) {
			out = append(out, float64(v.Float32()))
		}
	case dtypes.Int8:
		for _, v := range tensors.MustCopyFlatData[int8](t) {
			out = append(out, float64(v))
		}
	}
	return out
}

func TestElementwise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	binaries := map[string]func(a, b *Node) *Node{"Add": Add, "Sub": Sub, "Mul": Mul, "Div": Div, "Max": Max, "Min": Min}
	shapes := [][2][]int{{{3, 5}, {3, 5}}, {{1, 33}, {4, 33}}, {{4, 1, 7}, {4, 6, 7}}, {{}, {9}}, {{1}, {1}}, {{4, 7}, {4, 1}}, {{4, 1}, {4, 7}}, {{2, 3, 9}, {}}}
	for name, f := range binaries {
		for _, s := range shapes {
			checkOp(t, fmt.Sprint(name, s), func(in []*Node) []*Node { return []*Node{f(in[0], in[1])} }, randF32(r, s[0]...), randF32(r, s[1]...))
			if name != "Div" {
				checkOp(t, fmt.Sprint(name, "int32", s), func(in []*Node) []*Node { return []*Node{f(in[0], in[1])} }, randI32(r, 50, s[0]...), randI32(r, 50, s[1]...))
			}
		}
	}
	comparisons := map[string]func(a, b *Node) *Node{"LessThan": LessThan, "LessOrEqual": LessOrEqual, "GreaterOrEqual": GreaterOrEqual, "GreaterThan": GreaterThan, "Equal": Equal}
	for name, f := range comparisons {
		checkOp(t, name, func(in []*Node) []*Node { return []*Node{f(in[0], in[1])} }, randI32(r, 3, 5, 9), randI32(r, 3, 5, 9))
		checkOp(t, name+"f32", func(in []*Node) []*Node { return []*Node{f(in[0], in[1])} }, randF32(r, 17), randF32(r, 17))
	}
	checkOp(t, "LogicalAnd", func(in []*Node) []*Node {
		return []*Node{And(LessThan(in[0], in[1]), GreaterOrEqual(in[0], ScalarZero(in[0].Graph(), dtypes.Int32)))}
	}, randI32(r, 5, 4, 6), randI32(r, 5, 4, 6))
	unaries := map[string]func(*Node) *Node{"Cos": Cos, "Sin": Sin, "Exp": Exp, "Sigmoid": Sigmoid, "Tanh": Tanh, "Neg": Neg,
		"Rsqrt": func(x *Node) *Node { return Rsqrt(Abs(x)) }, "Sqrt": func(x *Node) *Node { return Sqrt(Abs(x)) }}
	for name, f := range unaries {
		checkOp(t, name, func(in []*Node) []*Node { return []*Node{f(in[0])} }, randF32(r, 3, 37))
	}
}

func TestStructural(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := randF32(r, 4, 5, 6)
	checkOp(t, "Reshape", func(in []*Node) []*Node { return []*Node{Reshape(in[0], 20, 6)} }, x)
	checkOp(t, "Transpose", func(in []*Node) []*Node { return []*Node{TransposeAllDims(in[0], 2, 0, 1)} }, x)
	// Moving only unit axes keeps the memory order: the result shares the
	// array, as an output and read after its input is dead.
	checkOp(t, "Transpose unit axes", func(in []*Node) []*Node {
		u := Reshape(in[0], 4, 1, 5, 6)
		v := TransposeAllDims(Add(u, u), 1, 0, 2, 3)
		return []*Node{TransposeAllDims(u, 1, 0, 2, 3), Mul(v, v), TransposeAllDims(Reshape(in[0], 4, 5, 1, 6), 0, 2, 1, 3)}
	}, x)
	checkOp(t, "Slice", func(in []*Node) []*Node {
		return []*Node{Slice(in[0], AxisRange(1, 3), AxisRange(), AxisRange(0, 6).Stride(2))}
	}, x)
	// A prefix of the leading axis shares its input's array: as an output
	// (which must not alias the caller's input), and read after its input
	// is dead and recycled.
	checkOp(t, "Slice prefix", func(in []*Node) []*Node {
		p := Slice(in[0], AxisRange(0, 2))
		q := Slice(Add(in[0], in[0]), AxisRange(0, 3))
		return []*Node{p, Mul(q, q), Slice(in[1], AxisRange(0, 4))}
	}, x, randI32(r, 100, 7))
	// Contiguous runs that do not start at 0 (a sequence's rows of a batch)
	// share too: as outputs, read after their input is dead, two windows of
	// one array as two outputs, windows of a constant. (A window pasted
	// into: TestDynamicUpdateSlice.)
	checkOp(t, "Slice window", func(in []*Node) []*Node {
		s := Add(in[0], in[0])
		w1 := Slice(s, AxisRange(1, 3))
		w2 := Slice(s, AxisRange(2, 3), AxisRange(1, 4))
		c := Const(in[0].Graph(), [][]float32{{1, 2}, {3, 4}, {5, 6}})
		return []*Node{Slice(in[0], AxisRange(1, 2)), Mul(w1, w1), w2, Slice(s, AxisRange(3, 4)), Slice(c, AxisRange(1, 3)), Slice(in[1], AxisRange(3, 9))}
	}, x, randI32(r, 100, 10))
	checkOp(t, "Concatenate", func(in []*Node) []*Node {
		return []*Node{Concatenate([]*Node{in[0], in[0]}, 1), Concatenate([]*Node{in[0], in[0]}, 0)}
	}, x)
	checkOp(t, "Broadcast", func(in []*Node) []*Node { return []*Node{BroadcastToDims(Reshape(in[0], 1, 4, 1, 30), 3, 4, 2, 30)} }, x)
	checkOp(t, "Iota", func(in []*Node) []*Node {
		return []*Node{Iota(in[0].Graph(), in[0].Shape(), 1), Iota(in[0].Graph(), in[0].Shape(), 2)}
	}, x)
	checkOp(t, "Convert", func(in []*Node) []*Node {
		return []*Node{ConvertDType(in[1], dtypes.Float32), ConvertDType(ConvertDType(in[0], dtypes.BFloat16), dtypes.Float32), ConvertDType(in[0], dtypes.Int32)}
	}, x, randI32(r, 100, 7))
	checkOp(t, "Where", func(in []*Node) []*Node {
		c := GreaterThan(in[0], ScalarZero(in[0].Graph(), dtypes.Float32))
		return []*Node{Where(c, in[0], Neg(in[0])), Where(Reshape(c, 4, 5, 6), in[0], ScalarOne(in[0].Graph(), dtypes.Float32))}
	}, x)
	checkOp(t, "Reduce", func(in []*Node) []*Node {
		return []*Node{ReduceSum(in[0], 1), ReduceMax(in[0], 0, 2), ReduceSum(in[0]), ReduceMax(in[1], 0)}
	}, x, randI32(r, 1000, 9, 2))
	checkOp(t, "Softmax", func(in []*Node) []*Node { return []*Node{Softmax(in[0], -1)} }, x)
}

// DynamicUpdateSlice is checked against XLA's semantics written out here (the
// go backend lacks the op): rows pasted at a clamped start.
func TestDynamicUpdateSlice(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	cache, fresh := randF32(r, 10, 2, 3), randF32(r, 3, 2, 3)
	// Pasting into a window of an intermediate (rows 2–7 of 2·cache) must
	// not paste in place: the window does not start its array.
	window := MustNewExec(ours, func(c, f *Node) *Node {
		z := ScalarZero(c.Graph(), dtypes.Int32)
		return DynamicUpdateSlice(Slice(Add(c, c), AxisRange(2, 8)), f, []*Node{OnePlus(z), z, z})
	})
	got := tensors.MustCopyFlatData[float32](window.MustExec1(cache, fresh))
	c, f := tensors.MustCopyFlatData[float32](cache), tensors.MustCopyFlatData[float32](fresh)
	for i := range got {
		want := 2 * c[12+i]
		if i >= 6 && i < 24 {
			want = f[i-6]
		}
		if got[i] != want {
			t.Fatalf("paste into a window: element %d = %v, want %v", i, got[i], want)
		}
	}
	for _, pos := range []int32{0, 4, 7, 9, -2} {
		e := MustNewExec(ours, func(c, f, p *Node) *Node {
			z := ScalarZero(c.Graph(), dtypes.Int32)
			return DynamicUpdateSlice(c, f, []*Node{p, z, z})
		})
		got := tensors.MustCopyFlatData[float32](e.MustExec1(cache, fresh, pos))
		want := tensors.MustCopyFlatData[float32](cache)
		start := max(0, min(int(pos), 10-3))
		copy(want[start*6:], tensors.MustCopyFlatData[float32](fresh))
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("pos %d: element %d = %v, want %v", pos, i, got[i], want[i])
			}
		}
	}
}

func TestGather(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	table := randF32(r, 50, 16)
	checkOp(t, "embedding", func(in []*Node) []*Node { return []*Node{Gather(in[0], in[1])} }, table, randI32(r, 50, 7, 1))
	checkOp(t, "embedding 2d", func(in []*Node) []*Node { return []*Node{Gather(in[0], in[1])} }, table, randI32(r, 50, 3, 4, 1))
	cache := randF32(r, 10, 2, 8)
	checkOp(t, "cache rows", func(in []*Node) []*Node { return []*Node{Gather(in[0], in[1])} }, cache, randI32(r, 10, 10, 1))
	checkOp(t, "two-axis index", func(in []*Node) []*Node { return []*Node{Gather(in[0], in[1])} }, cache, randI32(r, 2, 5, 2))
	checkOp(t, "int8 embedding", func(in []*Node) []*Node {
		return []*Node{ConvertDType(Gather(in[0], in[1]), dtypes.Float32)}
	}, randI8(r, 50, 16), randI32(r, 50, 7, 1))
}

func TestDotGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, mnk := range [][3]int{{1, 1, 1}, {1, 7, 33}, {3, 65, 96}, {16, 40, 257}, {2, 300, 64}} {
		m, n, k := mnk[0], mnk[1], mnk[2]
		checkOp(t, fmt.Sprint("linear", mnk), func(in []*Node) []*Node {
			return []*Node{DotGeneral(in[0], []int{1}, nil, in[1], []int{1}, nil)}
		}, randF32(r, m, k), randF32(r, n, k))
		checkOp(t, fmt.Sprint("matmul layout", mnk), func(in []*Node) []*Node {
			return []*Node{DotGeneral(in[0], []int{1}, nil, in[1], []int{0}, nil)}
		}, randF32(r, m, k), randF32(r, k, n))
	}
	// bf16 weights widened inside the product (the fused path), odd sizes included.
	for _, nk := range [][2]int{{1, 1}, {5, 31}, {40, 96}, {7, 300}} {
		checkOp(t, fmt.Sprint("bf16 weights", nk), func(in []*Node) []*Node {
			w := ConvertDType(ConvertDType(in[1], dtypes.BFloat16), dtypes.Float32)
			return []*Node{DotGeneral(in[0], []int{1}, nil, w, []int{1}, nil)}
		}, randF32(r, 3, nk[1]), randF32(r, nk[0], nk[1]))
	}
	// Attention-shaped: batch axes in the middle.
	checkOp(t, "attention", func(in []*Node) []*Node {
		s := DotGeneral(in[0], []int{3}, []int{1}, in[1], []int{2}, []int{1})
		return []*Node{s, DotGeneral(s, []int{3}, []int{0}, in[2], []int{0}, []int{1})}
	}, randF32(r, 3, 2, 4, 16), randF32(r, 11, 2, 16), randF32(r, 11, 2, 16))
}

// A row's result does not depend on the other rows in the call, with
// float32 activations and with dot=bf16 where the CPU has it.
func TestDotBatchInvariant(t *testing.T) {
	configs := []string{""}
	if hasDPBF16 {
		configs = append(configs, "dot=bf16")
	}
	for _, config := range configs {
		t.Run("config="+config, func(t *testing.T) { testDotBatchInvariant(t, must(New(config))) })
	}
}

func testDotBatchInvariant(t *testing.T, be backends.Backend) {
	r := rand.New(rand.NewPCG(9, 10))
	w := randF32(r, 64, 300)
	w8 := randI8(r, 63, 300)
	rows := randF32(r, 16, 300)
	run := func(m int) []float32 {
		e := MustNewExec(be, func(x, w, w8 *Node) *Node {
			// All weight kinds: float32, and bf16 and int8 read by the fused kernels.
			w16 := ConvertDType(ConvertDType(w, dtypes.BFloat16), dtypes.Float32)
			return Concatenate([]*Node{
				DotGeneral(Slice(x, AxisRange(0, m)), []int{1}, nil, w, []int{1}, nil),
				DotGeneral(Slice(x, AxisRange(0, m)), []int{1}, nil, w16, []int{1}, nil),
				DotGeneral(Slice(x, AxisRange(0, m)), []int{1}, nil, ConvertDType(w8, dtypes.Float32), []int{1}, nil),
			}, 1)
		})
		return tensors.MustCopyFlatData[float32](e.MustExec1(rows, w, w8))
	}
	alone := run(1)
	for _, m := range []int{4, 5, 16} {
		batched := run(m)
		for j := range alone {
			if batched[j] != alone[j] {
				t.Fatalf("batch %d: row 0 output %d is %v alone, %v in the batch", m, j, alone[j], batched[j])
			}
		}
	}
}

func TestUnsupportedOpIsAnError(t *testing.T) {
	e := MustNewExec(ours, func(x *Node) *Node { return Erf(x) })
	if _, err := e.Exec(randF32(rand.New(rand.NewPCG(1, 1)), 3)); err == nil {
		t.Error("unsupported op Erf ran")
	}
}

// The vector arithmetic (arithF32 and arithScalarF32 under sameShapeArith,
// rowScalar and scalarRow) gives every element the bits of Go's scalar
// operation, for all four ops, both operand orders of a scalar, lengths
// around the 16-lane blocks, and special values (signed zeros, subnormals,
// infinities, NaN).
func TestArithBits(t *testing.T) {
	r := rand.New(rand.NewPCG(57, 58))
	special := []float32{0, float32(math.Copysign(0, -1)), 1e-40, -3e-39, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), 1, -2.5}
	value := func() float32 {
		if r.IntN(4) == 0 {
			return special[r.IntN(len(special))]
		}
		return float32(r.NormFloat64() * 100)
	}
	scalar := map[backends.OpType]func(x, y float32) float32{
		backends.OpTypeAdd: func(x, y float32) float32 { return x + y },
		backends.OpTypeSub: func(x, y float32) float32 { return x - y },
		backends.OpTypeMul: func(x, y float32) float32 { return x * y },
		backends.OpTypeDiv: func(x, y float32) float32 { return x / y },
	}
	same := func(got, want float32) bool {
		return math.Float32bits(got) == math.Float32bits(want) || (got != got && want != want)
	}
	for op, f := range scalar {
		for _, n := range []int{1, 15, 16, 17, 47, 100, 515} {
			a, b, o := make([]float32, n), make([]float32, n), make([]float32, n)
			for i := range a {
				a[i], b[i] = value(), value()
			}
			s := value()
			check := func(kind string, want func(i int) float32) {
				t.Helper()
				for i := range o {
					if w := want(i); !same(o[i], w) {
						t.Fatalf("%s %s n=%d [%d]: %v (%#x), want %v (%#x)", op, kind, n, i, o[i], math.Float32bits(o[i]), w, math.Float32bits(w))
					}
				}
			}
			sameShapeArith(op, o, a, b)
			check("a op b", func(i int) float32 { return f(a[i], b[i]) })
			rowScalar(op, o, a, s)
			check("a op s", func(i int) float32 { return f(a[i], s) })
			scalarRow(op, o, s, b)
			check("s op b", func(i int) float32 { return f(s, b[i]) })
		}
	}
}
