package cpu

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/backends/notimplemented"
	"github.com/gomlx/gomlx/backends/shapeinference"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// supportedOps are the ops this backend implements: those the stage graphs
// use. Every other op returns GoMLX's "not implemented" error at build time.
var supportedOps = []backends.OpType{
	backends.OpTypeParameter, backends.OpTypeConstant, backends.OpTypeIdentity,
	backends.OpTypeAdd, backends.OpTypeSub, backends.OpTypeMul, backends.OpTypeDiv, backends.OpTypeMax, backends.OpTypeMin,
	backends.OpTypeGreaterOrEqual, backends.OpTypeLessOrEqual, backends.OpTypeLessThan, backends.OpTypeGreaterThan,
	backends.OpTypeEqual, backends.OpTypeLogicalAnd,
	backends.OpTypeCos, backends.OpTypeSin, backends.OpTypeExp, backends.OpTypeLogistic, backends.OpTypeRsqrt,
	backends.OpTypeSqrt, backends.OpTypeNeg, backends.OpTypeTanh, backends.OpTypeAbs,
	backends.OpTypeBroadcastInDim, backends.OpTypeConcatenate, backends.OpTypeConvertDType, backends.OpTypeDotGeneral,
	backends.OpTypeGather, backends.OpTypeIota, backends.OpTypeReduceMax, backends.OpTypeReduceSum, backends.OpTypeReshape,
	backends.OpTypeSlice, backends.OpTypeTranspose, backends.OpTypeWhere, backends.OpTypeDynamicUpdateSlice,
}

// node is one operation of a graph under construction.
type node struct {
	index  int
	op     backends.OpType
	shape  shapes.Shape
	inputs []*node

	param      int   // Parameter: its position
	constant   any   // Constant: flat data
	axes       []int // reductions, BroadcastInDim axes, Transpose permutation, Concatenate axis in axes[0], Iota axis
	starts     []int // Slice
	limits     []int
	strides    []int
	dot        *dotParams
	gather     *gatherParams
	targetType dtypes.DType   // ConvertDType
	softmax    bool           // Where: a fused masked softmax over inputs (X, M), see softmax.go
	fused      *fusedTree     // an elementwise tree over inputs (its leaves), see fuse.go
	attention  []attentionSeq // fused attention of these sequences, inputs q, K, V, M each: see attention.go
	rope       bool           // Concatenate: a fused rotary embedding over inputs (x, cos, sin), see rope.go
	rmsNorm    *rmsNormParams // Mul: a fused RMSNorm over inputs (x, w), see rmsnorm.go
	siblings   []*node        // DotGeneral: products of the same lhs this one computes too, see siblings.go
	ledBy      *node          // DotGeneral: the product that computes this one
}

type builder struct {
	notimplemented.Builder
	backend *Backend
	name    string
	nodes   []*node
	params  []*node
}

var _ backends.Builder = (*builder)(nil)

func newBuilder(b *Backend, name string) *builder {
	bl := &builder{backend: b, name: name}
	bl.Builder.ErrFn = func(op backends.OpType) error {
		return fmt.Errorf("backend %q does not implement op %s (it implements what ComputePool's stage graphs use)", Name, op)
	}
	return bl
}

func (b *builder) Name() string { return b.name }

func (b *builder) add(op backends.OpType, shape shapes.Shape, inputs ...*node) *node {
	n := &node{index: len(b.nodes), op: op, shape: shape, inputs: inputs}
	b.nodes = append(b.nodes, n)
	return n
}

func (b *builder) node(op backends.Op) (*node, error) {
	n, ok := op.(*node)
	if !ok || n == nil {
		return nil, fmt.Errorf("backend %q: op %v was not built by this backend", Name, op)
	}
	return n, nil
}

func (b *builder) nodes2(x, y backends.Op) (*node, *node, error) {
	a, err := b.node(x)
	if err != nil {
		return nil, nil, err
	}
	c, err := b.node(y)
	return a, c, err
}

func checkDType(s shapes.Shape) error {
	switch s.DType {
	case dtypes.Float32, dtypes.BFloat16, dtypes.Int8, dtypes.Int32, dtypes.Bool:
		return nil
	}
	return fmt.Errorf("backend %q: dtype %s is not supported (float32, bfloat16, int8, int32, bool)", Name, s.DType)
}

func (b *builder) OpShape(op backends.Op) (shapes.Shape, error) {
	n, err := b.node(op)
	if err != nil {
		return shapes.Invalid(), err
	}
	return n.shape, nil
}

func (b *builder) Parameter(name string, shape shapes.Shape, _ *backends.ShardingSpec) (backends.Op, error) {
	if err := checkDType(shape); err != nil {
		return nil, err
	}
	n := b.add(backends.OpTypeParameter, shape)
	n.param = len(b.params)
	b.params = append(b.params, n)
	return n, nil
}

func (b *builder) Constant(flat any, dims ...int) (backends.Op, error) {
	v := reflect.ValueOf(flat)
	if v.Kind() != reflect.Slice {
		return nil, fmt.Errorf("backend %q: Constant wants a flat slice, got %T", Name, flat)
	}
	shape := shapes.Make(dtypes.FromGoType(v.Type().Elem()), dims...)
	if err := checkDType(shape); err != nil {
		return nil, err
	}
	if shape.Size() != v.Len() {
		return nil, fmt.Errorf("backend %q: Constant of %d values for shape %s", Name, v.Len(), shape)
	}
	n := b.add(backends.OpTypeConstant, shape)
	cp := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	reflect.Copy(cp, v)
	n.constant = cp.Interface()
	return n, nil
}

func (b *builder) Identity(x backends.Op) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	return b.add(backends.OpTypeIdentity, n.shape, n), nil
}

func (b *builder) binary(op backends.OpType, x, y backends.Op) (backends.Op, error) {
	l, r, err := b.nodes2(x, y)
	if err != nil {
		return nil, err
	}
	var shape shapes.Shape
	if shapeinference.StandardBinaryOperations.Has(op) {
		shape, err = shapeinference.BinaryOp(op, l.shape, r.shape)
	} else {
		shape, err = shapeinference.ComparisonOp(op, l.shape, r.shape)
	}
	if err != nil {
		return nil, err
	}
	return b.add(op, shape, l, r), nil
}

func (b *builder) Add(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeAdd, x, y)
}
func (b *builder) Sub(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeSub, x, y)
}
func (b *builder) Mul(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeMul, x, y)
}
func (b *builder) Div(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeDiv, x, y)
}
func (b *builder) Max(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeMax, x, y)
}
func (b *builder) Min(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeMin, x, y)
}
func (b *builder) LogicalAnd(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeLogicalAnd, x, y)
}
func (b *builder) Equal(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeEqual, x, y)
}
func (b *builder) GreaterOrEqual(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeGreaterOrEqual, x, y)
}
func (b *builder) GreaterThan(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeGreaterThan, x, y)
}
func (b *builder) LessOrEqual(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeLessOrEqual, x, y)
}
func (b *builder) LessThan(x, y backends.Op) (backends.Op, error) {
	return b.binary(backends.OpTypeLessThan, x, y)
}

func (b *builder) unary(op backends.OpType, x backends.Op) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	shape, err := shapeinference.UnaryOp(op, n.shape)
	if err != nil {
		return nil, err
	}
	if op != backends.OpTypeNeg && shape.DType != dtypes.Float32 {
		return nil, fmt.Errorf("backend %q: %s is implemented for float32, got %s", Name, op, shape)
	}
	return b.add(op, shape, n), nil
}

func (b *builder) Cos(x backends.Op) (backends.Op, error) { return b.unary(backends.OpTypeCos, x) }
func (b *builder) Sin(x backends.Op) (backends.Op, error) { return b.unary(backends.OpTypeSin, x) }
func (b *builder) Exp(x backends.Op) (backends.Op, error) { return b.unary(backends.OpTypeExp, x) }
func (b *builder) Logistic(x backends.Op) (backends.Op, error) {
	return b.unary(backends.OpTypeLogistic, x)
}
func (b *builder) Rsqrt(x backends.Op) (backends.Op, error) { return b.unary(backends.OpTypeRsqrt, x) }
func (b *builder) Sqrt(x backends.Op) (backends.Op, error)  { return b.unary(backends.OpTypeSqrt, x) }
func (b *builder) Tanh(x backends.Op) (backends.Op, error)  { return b.unary(backends.OpTypeTanh, x) }
func (b *builder) Neg(x backends.Op) (backends.Op, error)   { return b.unary(backends.OpTypeNeg, x) }
func (b *builder) Abs(x backends.Op) (backends.Op, error)   { return b.unary(backends.OpTypeAbs, x) }

func (b *builder) Where(cond, onTrue, onFalse backends.Op) (backends.Op, error) {
	c, err := b.node(cond)
	if err != nil {
		return nil, err
	}
	t, f, err := b.nodes2(onTrue, onFalse)
	if err != nil {
		return nil, err
	}
	shape, err := shapeinference.WhereOp(c.shape, t.shape, f.shape)
	if err != nil {
		return nil, err
	}
	return b.add(backends.OpTypeWhere, shape, c, t, f), nil
}

func (b *builder) Reshape(x backends.Op, dims ...int) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	shape, err := shapeinference.ReshapeOp(n.shape, dims)
	if err != nil {
		return nil, err
	}
	return b.add(backends.OpTypeReshape, shape, n), nil
}

func (b *builder) Transpose(x backends.Op, perm ...int) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	shape, err := shapeinference.TransposeOp(n.shape, perm)
	if err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeTranspose, shape, n)
	out.axes = slices.Clone(perm)
	return out, nil
}

func (b *builder) BroadcastInDim(x backends.Op, shape shapes.Shape, axes []int) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	if err := shapeinference.BroadcastInDimOp(n.shape, shape, axes); err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeBroadcastInDim, shape, n)
	out.axes = slices.Clone(axes)
	return out, nil
}

func (b *builder) reduce(op backends.OpType, x backends.Op, axes []int) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	if len(axes) == 0 { // GoMLX: no axes means all of them
		for i := range n.shape.Rank() {
			axes = append(axes, i)
		}
	}
	shape, err := shapeinference.ReduceOp(n.shape, axes)
	if err != nil {
		return nil, err
	}
	out := b.add(op, shape, n)
	out.axes = slices.Clone(axes)
	return out, nil
}

func (b *builder) ReduceSum(x backends.Op, axes ...int) (backends.Op, error) {
	return b.reduce(backends.OpTypeReduceSum, x, axes)
}
func (b *builder) ReduceMax(x backends.Op, axes ...int) (backends.Op, error) {
	return b.reduce(backends.OpTypeReduceMax, x, axes)
}

func (b *builder) Slice(x backends.Op, starts, limits, strides []int) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	if len(strides) == 0 {
		strides = make([]int, n.shape.Rank())
		for i := range strides {
			strides[i] = 1
		}
	}
	shape, err := shapeinference.SliceOp(n.shape, starts, limits, strides)
	if err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeSlice, shape, n)
	out.starts, out.limits, out.strides = slices.Clone(starts), slices.Clone(limits), slices.Clone(strides)
	return out, nil
}

func (b *builder) Concatenate(axis int, operands ...backends.Op) (backends.Op, error) {
	var ins []*node
	var inShapes []shapes.Shape
	for _, o := range operands {
		n, err := b.node(o)
		if err != nil {
			return nil, err
		}
		ins = append(ins, n)
		inShapes = append(inShapes, n.shape)
	}
	shape, err := shapeinference.ConcatenateOp(inShapes, axis)
	if err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeConcatenate, shape, ins...)
	out.axes = []int{axis}
	return out, nil
}

func (b *builder) Iota(shape shapes.Shape, axis int) (backends.Op, error) {
	if err := checkDType(shape); err != nil {
		return nil, err
	}
	if axis < 0 || axis >= shape.Rank() {
		return nil, fmt.Errorf("backend %q: Iota axis %d out of range for %s", Name, axis, shape)
	}
	out := b.add(backends.OpTypeIota, shape)
	out.axes = []int{axis}
	return out, nil
}

func (b *builder) ConvertDType(x backends.Op, dtype dtypes.DType) (backends.Op, error) {
	n, err := b.node(x)
	if err != nil {
		return nil, err
	}
	shape := n.shape.Clone()
	shape.DType = dtype
	if err := checkDType(shape); err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeConvertDType, shape, n)
	out.targetType = dtype
	return out, nil
}

// DynamicUpdateSlice pastes update into operand at the (clamped) start
// indices; executed in place when the operand's array is donated and dead
// afterwards (a KV cache).
func (b *builder) DynamicUpdateSlice(operandOp, updateOp backends.Op, startOps []backends.Op) (backends.Op, error) {
	operand, update, err := b.nodes2(operandOp, updateOp)
	if err != nil {
		return nil, err
	}
	if operand.shape.DType != update.shape.DType || operand.shape.Rank() != update.shape.Rank() || len(startOps) != operand.shape.Rank() {
		return nil, fmt.Errorf("backend %q: DynamicUpdateSlice of %s into %s with %d start indices", Name, update.shape, operand.shape, len(startOps))
	}
	inputs := []*node{operand, update}
	for a, so := range startOps {
		sn, err := b.node(so)
		if err != nil {
			return nil, err
		}
		if !sn.shape.IsScalar() || sn.shape.DType != dtypes.Int32 {
			return nil, fmt.Errorf("backend %q: DynamicUpdateSlice start index %d must be an int32 scalar, got %s", Name, a, sn.shape)
		}
		if update.shape.Dimensions[a] > operand.shape.Dimensions[a] {
			return nil, fmt.Errorf("backend %q: DynamicUpdateSlice update %s larger than operand %s", Name, update.shape, operand.shape)
		}
		inputs = append(inputs, sn)
	}
	return b.add(backends.OpTypeDynamicUpdateSlice, operand.shape, inputs...), nil
}

// dotParams are DotGeneral's axes; see dot.go.
type dotParams struct {
	lhsContract, lhsBatch, rhsContract, rhsBatch []int
	// weights: rhs is a bf16 or int8 matrix in [out, in] layout, read
	// directly (widened inside the kernel).
	weights bool
}

// isTrailing: no batch axes and the contracting axes are the last ones, in
// order — the [out, in] weight layout the bf16 kernel reads in place.
func isTrailing(contract, batch []int, rank int) bool {
	if len(batch) != 0 {
		return false
	}
	for i, a := range contract {
		if a != rank-len(contract)+i {
			return false
		}
	}
	return true
}

func (b *builder) DotGeneral(lhsOp backends.Op, lhsContract, lhsBatch []int, rhsOp backends.Op, rhsContract, rhsBatch []int) (backends.Op, error) {
	lhs, rhs, err := b.nodes2(lhsOp, rhsOp)
	if err != nil {
		return nil, err
	}
	weights := false
	if rhs.op == backends.OpTypeConvertDType && isTrailing(rhsContract, rhsBatch, rhs.shape.Rank()) && rhs.shape.DType == dtypes.Float32 {
		if dt := rhs.inputs[0].shape.DType; dt == dtypes.BFloat16 || dt == dtypes.Int8 {
			// Fuse the widening into the product: read the weights directly.
			rhs, weights = rhs.inputs[0], true
		}
	}
	if lhs.shape.DType != dtypes.Float32 || (rhs.shape.DType != dtypes.Float32 && !weights) {
		return nil, fmt.Errorf("backend %q: DotGeneral of %s and %s: both must be float32", Name, lhs.shape, rhs.shape)
	}
	if len(lhsContract) != len(rhsContract) || len(lhsBatch) != len(rhsBatch) {
		return nil, fmt.Errorf("backend %q: DotGeneral axes do not pair up", Name)
	}
	dims := []int{}
	for i, a := range lhsBatch {
		if lhs.shape.Dimensions[a] != rhs.shape.Dimensions[rhsBatch[i]] {
			return nil, fmt.Errorf("backend %q: DotGeneral batch axes differ: %s vs %s", Name, lhs.shape, rhs.shape)
		}
		dims = append(dims, lhs.shape.Dimensions[a])
	}
	for i, a := range lhsContract {
		if lhs.shape.Dimensions[a] != rhs.shape.Dimensions[rhsContract[i]] {
			return nil, fmt.Errorf("backend %q: DotGeneral contracting axes differ: %s vs %s", Name, lhs.shape, rhs.shape)
		}
	}
	free := func(s shapes.Shape, contract, batch []int) {
		for a := range s.Rank() {
			if !slices.Contains(contract, a) && !slices.Contains(batch, a) {
				dims = append(dims, s.Dimensions[a])
			}
		}
	}
	free(lhs.shape, lhsContract, lhsBatch)
	free(rhs.shape, rhsContract, rhsBatch)
	out := b.add(backends.OpTypeDotGeneral, shapes.Make(dtypes.Float32, dims...), lhs, rhs)
	out.dot = &dotParams{slices.Clone(lhsContract), slices.Clone(lhsBatch), slices.Clone(rhsContract), slices.Clone(rhsBatch), weights}
	return out, nil
}

// gatherParams are XLA Gather's dimension numbers; see gather.go.
type gatherParams struct {
	indexVectorAxis                                                 int
	offsetOutputAxes, collapsedSliceAxes, startIndexMap, sliceSizes []int
}

func (b *builder) Gather(operandOp, indicesOp backends.Op, indexVectorAxis int, offsetOutputAxes, collapsedSliceAxes, startIndexMap, sliceSizes []int, sorted bool) (backends.Op, error) {
	operand, indices, err := b.nodes2(operandOp, indicesOp)
	if err != nil {
		return nil, err
	}
	if indices.shape.DType != dtypes.Int32 {
		return nil, fmt.Errorf("backend %q: Gather indices must be int32, got %s", Name, indices.shape)
	}
	shape, err := shapeinference.Gather(operand.shape, indices.shape, indexVectorAxis, offsetOutputAxes, collapsedSliceAxes, startIndexMap, sliceSizes, sorted)
	if err != nil {
		return nil, err
	}
	out := b.add(backends.OpTypeGather, shape, operand, indices)
	out.gather = &gatherParams{indexVectorAxis, slices.Clone(offsetOutputAxes), slices.Clone(collapsedSliceAxes), slices.Clone(startIndexMap), slices.Clone(sliceSizes)}
	return out, nil
}

func (b *builder) Compile(outputs []backends.Op, _ []*backends.ShardingSpec) (backends.Executable, error) {
	outs := make([]*node, len(outputs))
	for i, o := range outputs {
		n, err := b.node(o)
		if err != nil {
			return nil, err
		}
		outs[i] = n
	}
	return newExecutable(b, outs), nil
}
