package cpu

import (
	"fmt"
	"math"
	"slices"

	"github.com/gomlx/gomlx/backends"

	"github.com/computepool/computepool/internal/vecmath"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// run computes one node from its inputs' values.
func (e *executable) run(n *node, values []*Buffer) (*Buffer, error) {
	if e.alias[n.index] { // values are immutable: share the input's array
		x := n.inputs[0].index
		return &Buffer{shape: n.shape, flat: window(values[x].flat, e.offset[n.index]-e.offset[x], n.shape.Size())}, nil
	}
	in := make([]*Buffer, len(n.inputs))
	for i, x := range n.inputs {
		in[i] = values[x.index]
	}
	if n.fused != nil {
		return e.runFused(n, in)
	}
	if n.attention != nil {
		return e.attention(n, in)
	}
	if n.rope {
		return e.rope(n, in)
	}
	if n.rmsNorm != nil {
		return e.rmsNorm(n, in)
	}
	switch n.op {
	case backends.OpTypeConstant:
		return &Buffer{shape: n.shape, flat: n.constant, external: true}, nil
	case backends.OpTypeIota:
		return iota(n.shape, n.axes[0])
	case backends.OpTypeConvertDType:
		return convert(in[0], n.shape)
	case backends.OpTypeTranspose:
		return transpose(in[0], n.shape, n.axes)
	case backends.OpTypeSlice:
		return slice(in[0], n)
	case backends.OpTypeBroadcastInDim:
		return broadcastInDim(in[0], n.shape, n.axes)
	case backends.OpTypeConcatenate:
		return concatenate(in, n.shape, n.axes[0])
	case backends.OpTypeWhere:
		if n.softmax {
			return e.maskedSoftmax(in[0], in[1], n)
		}
		return where(in[0], in[1], in[2], n.shape)
	case backends.OpTypeReduceSum, backends.OpTypeReduceMax:
		return e.reduce(n.op, in[0], n.shape, n.axes)
	case backends.OpTypeGather:
		return gather(in[0], in[1], n.shape, n.gather)
	case backends.OpTypeDotGeneral:
		if n.siblings != nil {
			return e.dotSiblings(n, values)
		}
		return e.dotGeneral(in[0], in[1], n.shape, n.dot)
	case backends.OpTypeDynamicUpdateSlice:
		out := in[0].clone()
		return out, pasteInto(out, in[1], values, n.inputs[2:])
	case backends.OpTypeCos, backends.OpTypeSin, backends.OpTypeExp, backends.OpTypeLogistic,
		backends.OpTypeRsqrt, backends.OpTypeSqrt, backends.OpTypeTanh, backends.OpTypeNeg, backends.OpTypeAbs:
		return e.unary(n.op, in[0], n.shape)
	default:
		return binary(n.op, in[0], in[1], n.shape)
	}
}

func (b *Buffer) clone() *Buffer {
	out, _ := newBuffer(b.shape)
	switch f := out.flat.(type) {
	case []float32:
		copy(f, b.flat.([]float32))
	case []bfloat16.BFloat16:
		copy(f, b.flat.([]bfloat16.BFloat16))
	case []int8:
		copy(f, b.flat.([]int8))
	case []int32:
		copy(f, b.flat.([]int32))
	case []bool:
		copy(f, b.flat.([]bool))
	}
	return out
}

// rowMajorStrides of dims.
func rowMajorStrides(dims []int) []int {
	s := make([]int, len(dims))
	acc := 1
	for i := len(dims) - 1; i >= 0; i-- {
		s[i] = acc
		acc *= dims[i]
	}
	return s
}

// stridedCopy fills dst (row-major over dims) from src at offset + Σ idx·strides.
func stridedCopy[T any](dst, src []T, dims, strides []int, offset int) {
	if len(dst) == 0 {
		return
	}
	rank := len(dims)
	if rank == 0 {
		dst[0] = src[offset]
		return
	}
	idx := make([]int, rank)
	inner, innerStride := dims[rank-1], strides[rank-1]
	pos := offset
	for o := 0; o < len(dst); o += inner {
		row := dst[o : o+inner]
		if innerStride == 1 {
			copy(row, src[pos:pos+inner])
		} else {
			p := pos
			for i := range row {
				row[i] = src[p]
				p += innerStride
			}
		}
		// Advance the odometer over the outer axes.
		for a := rank - 2; a >= 0; a-- {
			idx[a]++
			pos += strides[a]
			if idx[a] < dims[a] {
				break
			}
			pos -= strides[a] * dims[a]
			idx[a] = 0
		}
	}
}

// copyStrided dispatches stridedCopy on the buffer's element type.
func copyStrided(src *Buffer, shape shapes.Shape, strides []int, offset int) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	switch d := out.flat.(type) {
	case []float32:
		stridedCopy(d, src.flat.([]float32), shape.Dimensions, strides, offset)
	case []bfloat16.BFloat16:
		stridedCopy(d, src.flat.([]bfloat16.BFloat16), shape.Dimensions, strides, offset)
	case []int8:
		stridedCopy(d, src.flat.([]int8), shape.Dimensions, strides, offset)
	case []int32:
		stridedCopy(d, src.flat.([]int32), shape.Dimensions, strides, offset)
	case []bool:
		stridedCopy(d, src.flat.([]bool), shape.Dimensions, strides, offset)
	}
	return out, nil
}

func transpose(x *Buffer, shape shapes.Shape, perm []int) (*Buffer, error) {
	in := rowMajorStrides(x.shape.Dimensions)
	strides := make([]int, len(perm))
	for i, p := range perm {
		strides[i] = in[p]
	}
	return copyStrided(x, shape, strides, 0)
}

// contiguousSlice reports whether slice n is one contiguous run of its
// input's row-major array — unit strides, every axis after the first
// partial one whole, every axis before it a single index (a sequence's rows
// of a batch, a prefix of the KV cache) — and where that run starts. Such a
// slice shares its input's array instead of copying it.
func contiguousSlice(n *node) (offset int, ok bool) {
	if n.op != backends.OpTypeSlice {
		return 0, false
	}
	in := n.inputs[0].shape.Dimensions
	strides := rowMajorStrides(in)
	several := false // an earlier axis keeps more than one index
	for a := range in {
		keep := n.limits[a] - n.starts[a]
		if n.strides[a] != 1 || (several && keep != in[a]) {
			return 0, false
		}
		several = several || keep > 1
		offset += n.starts[a] * strides[a]
	}
	return offset, true
}

// keepsOrder reports whether transpose n moves only axes of size 1, so its
// result has its input's memory layout (attention's [kv, 1, G, D] →
// [1, kv, G, D] in decode).
func keepsOrder(n *node) bool {
	if n.op != backends.OpTypeTranspose {
		return false
	}
	dims, last := n.inputs[0].shape.Dimensions, -1
	for _, a := range n.axes {
		if dims[a] == 1 {
			continue
		}
		if a < last {
			return false
		}
		last = a
	}
	return true
}

// window is flat[offset:offset+size] for any of the backend's element types.
func window(flat any, offset, size int) any {
	switch f := flat.(type) {
	case []float32:
		return f[offset : offset+size]
	case []bfloat16.BFloat16:
		return f[offset : offset+size]
	case []int8:
		return f[offset : offset+size]
	case []int32:
		return f[offset : offset+size]
	case []bool:
		return f[offset : offset+size]
	}
	panic(fmt.Sprintf("cpu: no window of %T", flat))
}

func slice(x *Buffer, n *node) (*Buffer, error) {
	in := rowMajorStrides(x.shape.Dimensions)
	strides := make([]int, len(in))
	offset := 0
	for a := range in {
		strides[a] = in[a] * n.strides[a]
		offset += in[a] * n.starts[a]
	}
	return copyStrided(x, n.shape, strides, offset)
}

func broadcastInDim(x *Buffer, shape shapes.Shape, axes []int) (*Buffer, error) {
	in := rowMajorStrides(x.shape.Dimensions)
	strides := make([]int, shape.Rank())
	for i, a := range axes {
		if x.shape.Dimensions[i] != 1 {
			strides[a] = in[i]
		}
	}
	return copyStrided(x, shape, strides, 0)
}

func concatenate(ins []*Buffer, shape shapes.Shape, axis int) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	outer := 1
	for _, d := range shape.Dimensions[:axis] {
		outer *= d
	}
	innerOut := shape.Size() / max(outer, 1)
	at := 0
	for _, x := range ins {
		innerX := x.shape.Size() / max(outer, 1)
		for o := 0; o < outer; o++ {
			copyRange(out, o*innerOut+at, x, o*innerX, innerX)
		}
		at += innerX
	}
	return out, nil
}

func copyRange(dst *Buffer, dstAt int, src *Buffer, srcAt, n int) {
	switch d := dst.flat.(type) {
	case []float32:
		copy(d[dstAt:dstAt+n], src.flat.([]float32)[srcAt:srcAt+n])
	case []bfloat16.BFloat16:
		copy(d[dstAt:dstAt+n], src.flat.([]bfloat16.BFloat16)[srcAt:srcAt+n])
	case []int8:
		copy(d[dstAt:dstAt+n], src.flat.([]int8)[srcAt:srcAt+n])
	case []int32:
		copy(d[dstAt:dstAt+n], src.flat.([]int32)[srcAt:srcAt+n])
	case []bool:
		copy(d[dstAt:dstAt+n], src.flat.([]bool)[srcAt:srcAt+n])
	}
}

func iota(shape shapes.Shape, axis int) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	inner := 1
	for _, d := range shape.Dimensions[axis+1:] {
		inner *= d
	}
	dim := shape.Dimensions[axis]
	for i := 0; i < shape.Size(); i++ {
		v := (i / inner) % dim
		switch f := out.flat.(type) {
		case []float32:
			f[i] = float32(v)
		case []int32:
			f[i] = int32(v)
		case []bfloat16.BFloat16:
			f[i] = bfloat16.FromFloat32(float32(v))
		default:
			return nil, fmt.Errorf("Iota of %s", shape.DType)
		}
	}
	return out, nil
}

func convert(x *Buffer, shape shapes.Shape) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	get := func(i int) float64 {
		switch f := x.flat.(type) {
		case []float32:
			return float64(f[i])
		case []bfloat16.BFloat16:
			return float64(f[i].Float32())
		case []int8:
			return float64(f[i])
		case []int32:
			return float64(f[i])
		case []bool:
			if f[i] {
				return 1
			}
		}
		return 0
	}
	switch d := out.flat.(type) {
	case []float32:
		if src, ok := x.flat.([]bfloat16.BFloat16); ok {
			widenBF16(d, src)
			break
		}
		for i := range d {
			d[i] = float32(get(i))
		}
	case []bfloat16.BFloat16:
		for i := range d {
			d[i] = bfloat16.FromFloat64(get(i))
		}
	case []int8:
		for i := range d {
			d[i] = int8(get(i)) // truncates toward zero, as XLA does
		}
	case []int32:
		for i := range d {
			d[i] = int32(get(i)) // truncates toward zero, as XLA does
		}
	case []bool:
		for i := range d {
			d[i] = get(i) != 0
		}
	}
	return out, nil
}

// widenBF16 converts bf16 to f32 exactly (a shift of the bits).
func widenBF16(dst []float32, src []bfloat16.BFloat16) {
	for i, v := range src {
		dst[i] = math.Float32frombits(uint32(v) << 16)
	}
}

// broadcastStrides gives an operand's strides over the output's axes: 0 on
// axes it broadcasts along (dimension 1, or a scalar).
func broadcastStrides(x, out shapes.Shape) []int {
	strides := make([]int, out.Rank())
	if x.IsScalar() {
		return strides
	}
	in := rowMajorStrides(x.Dimensions)
	for a := range strides {
		if x.Dimensions[a] != 1 || out.Dimensions[a] == 1 {
			strides[a] = in[a]
		}
	}
	return strides
}

// zip2 computes out[i] = f(a[ia], b[ib]) with broadcasting.
func zip2[A, B, O any](out []O, a []A, b []B, dims, sa, sb []int, f func(A, B) O) {
	if len(out) == 0 {
		return
	}
	rank := len(dims)
	if rank == 0 {
		out[0] = f(a[0], b[0])
		return
	}
	idx := make([]int, rank)
	inner, ia, ib := dims[rank-1], sa[rank-1], sb[rank-1]
	pa, pb := 0, 0
	for o := 0; o < len(out); o += inner {
		row := out[o : o+inner]
		if ia == 1 && ib == 1 {
			ra, rb := a[pa:pa+inner], b[pb:pb+inner]
			for i := range row {
				row[i] = f(ra[i], rb[i])
			}
		} else {
			qa, qb := pa, pb
			for i := range row {
				row[i] = f(a[qa], b[qb])
				qa += ia
				qb += ib
			}
		}
		pa, pb = nextRow(idx, dims, sa, sb, pa, pb)
	}
}

// nextRow advances the row index idx (all axes but the last) and the
// operands' offsets pa, pb by their strides sa, sb.
func nextRow(idx, dims, sa, sb []int, pa, pb int) (int, int) {
	for ax := len(dims) - 2; ax >= 0; ax-- {
		idx[ax]++
		pa += sa[ax]
		pb += sb[ax]
		if idx[ax] < dims[ax] {
			break
		}
		pa -= sa[ax] * dims[ax]
		pb -= sb[ax] * dims[ax]
		idx[ax] = 0
	}
	return pa, pb
}

func binary(op backends.OpType, x, y *Buffer, shape shapes.Shape) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	dims, sa, sb := shape.Dimensions, broadcastStrides(x.shape, shape), broadcastStrides(y.shape, shape)
	switch a := x.flat.(type) {
	case []float32:
		b := y.flat.([]float32)
		if o, ok := out.flat.([]float32); ok && len(a) == len(o) && len(b) == len(o) && sameShapeArith(op, o, a, b) {
			return out, nil
		}
		if o, ok := out.flat.([]float32); ok && arithRows(op, o, a, b, dims, sa, sb) {
			return out, nil
		}
		if o, ok := out.flat.([]float32); ok {
			f, err := arith[float32](op)
			if err != nil {
				return nil, err
			}
			zip2(o, a, b, dims, sa, sb, f)
		} else {
			f, err := compare[float32](op)
			if err != nil {
				return nil, err
			}
			zip2(out.flat.([]bool), a, b, dims, sa, sb, f)
		}
	case []int32:
		b := y.flat.([]int32)
		if o, ok := out.flat.([]int32); ok {
			f, err := arith[int32](op)
			if err != nil {
				return nil, err
			}
			zip2(o, a, b, dims, sa, sb, f)
		} else {
			f, err := compare[int32](op)
			if err != nil {
				return nil, err
			}
			zip2(out.flat.([]bool), a, b, dims, sa, sb, f)
		}
	case []bool:
		if op != backends.OpTypeLogicalAnd {
			return nil, fmt.Errorf("%s on booleans is not implemented", op)
		}
		zip2(out.flat.([]bool), a, y.flat.([]bool), dims, sa, sb, func(p, q bool) bool { return p && q })
	default:
		return nil, fmt.Errorf("%s on %s is not implemented", op, x.shape.DType)
	}
	return out, nil
}

type number interface{ ~float32 | ~int32 }

func arith[T number](op backends.OpType) (func(T, T) T, error) {
	switch op {
	case backends.OpTypeAdd:
		return func(a, b T) T { return a + b }, nil
	case backends.OpTypeSub:
		return func(a, b T) T { return a - b }, nil
	case backends.OpTypeMul:
		return func(a, b T) T { return a * b }, nil
	case backends.OpTypeDiv:
		return func(a, b T) T {
			var zero T
			if b == zero {
				if _, isInt := any(zero).(int32); isInt {
					return zero // XLA leaves integer division by zero undefined; do not panic
				}
			}
			return a / b
		}, nil
	case backends.OpTypeMax:
		return func(a, b T) T { return max(a, b) }, nil
	case backends.OpTypeMin:
		return func(a, b T) T { return min(a, b) }, nil
	}
	return nil, fmt.Errorf("binary op %s is not implemented", op)
}

func compare[T number](op backends.OpType) (func(T, T) bool, error) {
	switch op {
	case backends.OpTypeEqual:
		return func(a, b T) bool { return a == b }, nil
	case backends.OpTypeLessThan:
		return func(a, b T) bool { return a < b }, nil
	case backends.OpTypeLessOrEqual:
		return func(a, b T) bool { return a <= b }, nil
	case backends.OpTypeGreaterThan:
		return func(a, b T) bool { return a > b }, nil
	case backends.OpTypeGreaterOrEqual:
		return func(a, b T) bool { return a >= b }, nil
	}
	return nil, fmt.Errorf("comparison %s is not implemented", op)
}

// unary applies a function elementwise, split over the threads (exp and
// sigmoid over a prefill's scores and MLP activations are millions of
// calls).
func (e *executable) unary(op backends.OpType, x *Buffer, shape shapes.Shape) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	if op == backends.OpTypeNeg {
		switch a := x.flat.(type) {
		case []int32:
			for i, v := range a {
				out.flat.([]int32)[i] = -v
			}
			return out, nil
		}
	}
	a, ok := x.flat.([]float32)
	if !ok {
		return nil, fmt.Errorf("%s on %s is not implemented", op, x.shape.DType)
	}
	f, err := unaryF32(op)
	if err != nil {
		return nil, err
	}
	o := out.flat.([]float32)
	const cost = 16 // a transcendental costs about as much as this many multiply-adds
	e.parallelRows(len(a), cost*len(a), func(lo, hi int) { f(o[lo:hi], a[lo:hi]) })
	return out, nil
}

// unaryF32 returns op over float32 slices (o[i] = op(a[i])): exp and sigmoid
// in float32 (internal/vecmath), the rest in float64 rounded once. Fused elementwise
// trees (fuse.go) call the same functions, so fusing changes no bits.
func unaryF32(op backends.OpType) (func(o, a []float32), error) {
	var f func(float64) float64
	switch op {
	case backends.OpTypeExp:
		return vecmath.ExpSlice, nil
	case backends.OpTypeLogistic:
		return vecmath.SigmoidSlice, nil
	case backends.OpTypeCos:
		f = math.Cos
	case backends.OpTypeSin:
		f = math.Sin
	case backends.OpTypeTanh:
		f = math.Tanh
	case backends.OpTypeSqrt:
		f = math.Sqrt
	case backends.OpTypeRsqrt:
		return func(o, a []float32) {
			for i, v := range a[:len(o)] {
				o[i] = rsqrtF32(v)
			}
		}, nil
	case backends.OpTypeNeg:
		f = func(v float64) float64 { return -v }
	case backends.OpTypeAbs:
		f = math.Abs
	default:
		return nil, fmt.Errorf("unary op %s is not implemented", op)
	}
	return func(o, a []float32) {
		a = a[:len(o)]
		for i, v := range a {
			o[i] = float32(f(float64(v)))
		}
	}, nil
}

func where(cond, t, f *Buffer, shape shapes.Shape) (*Buffer, error) {
	// Select in two passes with broadcasting: first the value, then the choice.
	picked, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	dims := shape.Dimensions
	if cond.shape.Size() == shape.Size() && t.shape.Size() == shape.Size() && f.shape.Size() == shape.Size() {
		selectRuns(picked, cond.flat.([]bool), t, f)
		return picked, nil
	}
	st, sf := broadcastStrides(t.shape, shape), broadcastStrides(f.shape, shape)
	sc := broadcastStrides(cond.shape, shape)
	c := cond.flat.([]bool)
	// Expand the condition to the output shape once.
	full := make([]bool, shape.Size())
	stridedCopy(full, c, dims, sc, 0)
	switch o := picked.flat.(type) {
	case []float32:
		whereTyped(o, full, t.flat.([]float32), f.flat.([]float32), dims, st, sf)
	case []int32:
		whereTyped(o, full, t.flat.([]int32), f.flat.([]int32), dims, st, sf)
	case []bfloat16.BFloat16:
		whereTyped(o, full, t.flat.([]bfloat16.BFloat16), f.flat.([]bfloat16.BFloat16), dims, st, sf)
	case []bool:
		whereTyped(o, full, t.flat.([]bool), f.flat.([]bool), dims, st, sf)
	}
	return picked, nil
}

// selectRuns is Where without broadcasting: it copies whole runs of equal
// conditions at memmove speed (a KV-cache write selects a few rows out of
// thousands).
func selectRuns(out *Buffer, c []bool, t, f *Buffer) {
	for i := 0; i < len(c); {
		j := i + 1
		for j < len(c) && c[j] == c[i] {
			j++
		}
		src := f
		if c[i] {
			src = t
		}
		copyRange(out, i, src, i, j-i)
		i = j
	}
}

func whereTyped[T any](out []T, cond []bool, t, f []T, dims, st, sf []int) {
	i := 0
	zip2(out, t, f, dims, st, sf, func(a, b T) T {
		c := cond[i]
		i++
		if c {
			return a
		}
		return b
	})
}

// trailingRun reports whether axes are exactly x's last axes (a softmax's
// reduction), and the length of the contiguous run each output reduces.
func trailingRun(x shapes.Shape, axes []int) (int, bool) {
	r := x.Rank()
	if len(axes) == 0 || len(axes) > r {
		return 0, false
	}
	inner := 1
	for a := r - len(axes); a < r; a++ {
		if !slices.Contains(axes, a) {
			return 0, false
		}
		inner *= x.Dimensions[a]
	}
	return inner, inner > 0
}

// reduceRuns reduces each run of inner consecutive elements of a into one
// of o, in element order — the order the general walk adds them in, so
// results are the same bits —, runs split over the threads (RMSNorm's sums
// of squares of a batch: one chain of dependent adds per row, ~4 cycles an
// element, so the work counts four times the elements).
func (e *executable) reduceRuns(op backends.OpType, a, o []float32, inner int) {
	e.parallelRows(len(o), 4*len(a), func(lo, hi int) { reduceRunsOf(op, a, o[lo:hi], lo, inner) })
}

// reduceRunsOf reduces runs [first, first+len(o)) into o.
func reduceRunsOf(op backends.OpType, a, o []float32, first, inner int) {
	a = a[first*inner:]
	for i := range o {
		run := a[i*inner : (i+1)*inner]
		if op == backends.OpTypeReduceMax {
			m := float32(math.Inf(-1))
			for _, v := range run {
				m = max(m, v)
			}
			o[i] = m
			continue
		}
		var sum float32
		for _, v := range run {
			sum += v
		}
		o[i] = sum
	}
}

func (e *executable) reduce(op backends.OpType, x *Buffer, shape shapes.Shape, axes []int) (*Buffer, error) {
	out, err := newBuffer(shape)
	if err != nil {
		return nil, err
	}
	// Output strides over the input's axes: 0 on reduced axes.
	outStrides := make([]int, x.shape.Rank())
	os := rowMajorStrides(shape.Dimensions)
	k := 0
	for a := range outStrides {
		if slices.Contains(axes, a) {
			continue
		}
		outStrides[a] = os[k]
		k++
	}
	if inner, ok := trailingRun(x.shape, axes); ok {
		if a, ok := x.flat.([]float32); ok {
			e.reduceRuns(op, a, out.flat.([]float32), inner)
			return out, nil
		}
	}
	idx := make([]int, x.shape.Rank())
	size := x.shape.Size()
	walk := func(visit func(in, out int)) {
		pos := 0
		for i := 0; i < size; i++ {
			visit(i, pos)
			for a := x.shape.Rank() - 1; a >= 0; a-- {
				idx[a]++
				pos += outStrides[a]
				if idx[a] < x.shape.Dimensions[a] {
					break
				}
				pos -= outStrides[a] * x.shape.Dimensions[a]
				idx[a] = 0
			}
		}
	}
	switch a := x.flat.(type) {
	case []float32:
		o := out.flat.([]float32)
		if op == backends.OpTypeReduceMax {
			for i := range o {
				o[i] = float32(math.Inf(-1))
			}
			walk(func(in, p int) { o[p] = max(o[p], a[in]) })
		} else {
			clear(o) // pooled buffers arrive dirty
			walk(func(in, p int) { o[p] += a[in] })
		}
	case []int32:
		o := out.flat.([]int32)
		if op == backends.OpTypeReduceMax {
			for i := range o {
				o[i] = math.MinInt32
			}
			walk(func(in, p int) { o[p] = max(o[p], a[in]) })
		} else {
			clear(o)
			walk(func(in, p int) { o[p] += a[in] })
		}
	default:
		return nil, fmt.Errorf("%s on %s is not implemented", op, x.shape.DType)
	}
	return out, nil
}

// arithRows is zip2 for float32 Add, Sub, Mul and Div whose operands are
// contiguous or broadcast along the last axis (an RMSNorm scale per row, a
// weight per column): each output row is one tight loop, with no call per
// element. It reports false for other ops and layouts.
func arithRows(op backends.OpType, o, a, b []float32, dims, sa, sb []int) bool {
	rank := len(dims)
	if rank == 0 || len(o) == 0 || sa[rank-1] > 1 || sb[rank-1] > 1 || sa[rank-1]+sb[rank-1] == 0 {
		return false // the last axis strided, or broadcast in both (not an elementwise op's shape)
	}
	switch op {
	case backends.OpTypeAdd, backends.OpTypeSub, backends.OpTypeMul, backends.OpTypeDiv:
	default:
		return false
	}
	inner, ia, ib := dims[rank-1], sa[rank-1], sb[rank-1]
	idx := make([]int, rank)
	pa, pb := 0, 0
	for r := 0; r < len(o); r += inner {
		row := o[r : r+inner]
		switch {
		case ia == 1 && ib == 1:
			sameShapeArith(op, row, a[pa:pa+inner], b[pb:pb+inner])
		case ia == 1:
			rowScalar(op, row, a[pa:pa+inner], b[pb])
		default:
			scalarRow(op, row, a[pa], b[pb:pb+inner])
		}
		pa, pb = nextRow(idx, dims, sa, sb, pa, pb)
	}
	return true
}

// rowScalar: o[i] = a[i] op s.
func rowScalar(op backends.OpType, o, a []float32, s float32) {
	a = a[:len(o)]
	if code, ok := arithCode(op); ok && hasTiles && len(o) >= 16 {
		i := arithScalarF32(code, &o[0], &a[0], s, len(o), false)
		o, a = o[i:], a[i:]
	}
	switch op {
	case backends.OpTypeAdd:
		for i := range o {
			o[i] = a[i] + s
		}
	case backends.OpTypeSub:
		for i := range o {
			o[i] = a[i] - s
		}
	case backends.OpTypeMul:
		for i := range o {
			o[i] = a[i] * s
		}
	case backends.OpTypeDiv:
		for i := range o {
			o[i] = a[i] / s
		}
	}
}

// arithCode numbers the four arithmetic ops for the assembly kernels
// (elem_amd64.s).
func arithCode(op backends.OpType) (int, bool) {
	switch op {
	case backends.OpTypeAdd:
		return 0, true
	case backends.OpTypeSub:
		return 1, true
	case backends.OpTypeMul:
		return 2, true
	case backends.OpTypeDiv:
		return 3, true
	}
	return 0, false
}

// scalarRow: o[i] = s op b[i].
func scalarRow(op backends.OpType, o []float32, s float32, b []float32) {
	b = b[:len(o)]
	if code, ok := arithCode(op); ok && hasTiles && len(o) >= 16 {
		i := arithScalarF32(code, &o[0], &b[0], s, len(o), true)
		o, b = o[i:], b[i:]
	}
	switch op {
	case backends.OpTypeAdd:
		for i := range o {
			o[i] = s + b[i]
		}
	case backends.OpTypeSub:
		for i := range o {
			o[i] = s - b[i]
		}
	case backends.OpTypeMul:
		for i := range o {
			o[i] = s * b[i]
		}
	case backends.OpTypeDiv:
		for i := range o {
			o[i] = s / b[i]
		}
	}
}

// sameShapeArith runs the common float32 ops without broadcasting, 16 lanes
// at a time where the CPU has AVX-512 (the same IEEE operation per element,
// so the same bits), the rest as plain loops; it reports false for other ops.
func sameShapeArith(op backends.OpType, o, a, b []float32) bool {
	a, b = a[:len(o)], b[:len(o)]
	if code, ok := arithCode(op); ok && hasTiles && len(o) >= 16 {
		i := arithF32(code, &o[0], &a[0], &b[0], len(o))
		o, a, b = o[i:], a[i:], b[i:]
	}
	switch op {
	case backends.OpTypeAdd:
		for i := range o {
			o[i] = a[i] + b[i]
		}
	case backends.OpTypeSub:
		for i := range o {
			o[i] = a[i] - b[i]
		}
	case backends.OpTypeMul:
		for i := range o {
			o[i] = a[i] * b[i]
		}
	case backends.OpTypeDiv:
		for i := range o {
			o[i] = a[i] / b[i]
		}
	default:
		return false
	}
	return true
}

// pasteInto writes update into out at the start indices (scalar int32 nodes),
// each clamped so the update fits, as XLA defines DynamicUpdateSlice.
func pasteInto(out, update *Buffer, values []*Buffer, starts []*node) error {
	rank := out.shape.Rank()
	outStrides := rowMajorStrides(out.shape.Dimensions)
	offset := 0
	for a, sn := range starts {
		v := int(values[sn.index].flat.([]int32)[0])
		v = max(0, min(v, out.shape.Dimensions[a]-update.shape.Dimensions[a]))
		offset += v * outStrides[a]
	}
	if update.shape.Size() == 0 {
		return nil
	}
	if rank == 0 {
		copyRange(out, 0, update, 0, 1)
		return nil
	}
	// Copy the update row by row (its last axis is contiguous in both).
	dims := update.shape.Dimensions
	inner := dims[rank-1]
	idx := make([]int, rank)
	pos := offset
	for src := 0; src < update.shape.Size(); src += inner {
		copyRange(out, pos, update, src, inner)
		for a := rank - 2; a >= 0; a-- {
			idx[a]++
			pos += outStrides[a]
			if idx[a] < dims[a] {
				break
			}
			pos -= outStrides[a] * dims[a]
			idx[a] = 0
		}
	}
	return nil
}
