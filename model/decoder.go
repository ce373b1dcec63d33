package model

import (
	"fmt"
	"math"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive // graph code reads best unqualified, as in GoMLX's own examples
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// The step graph runs B independent sequences, C new tokens each, through
// the stage's layers. Its inputs are, in order:
//
//	weights...            Model.Flat() order
//	x                     first stage: token ids int32 [B, C]; else hidden float32 [B, C, H]
//	positions             int32 [B]: the position of each sequence's first new token
//	span                  int32 [S]: only its length matters — attention reads cache rows [0, S),
//	                      which must cover every position in the batch (the runtime buckets S)
//	last                  last stage only: int32 [B], the chunk index whose logits to return
//	caches...             per sequence b, per layer l: K then V, float32 [kv, T, D]
//
// and its outputs are hidden [B, C, H] (or logits [B, V] on the last stage)
// followed by the updated caches in input order.
//
// Each sequence has its own cache of fixed capacity T (no graph rebuild per
// token). New keys/values are written at positions [pos, pos+C) (see
// writeCache). Padding tokens at the end of a chunk write past the
// sequence's real length, where causal masking hides them until real tokens
// overwrite them; the runtime allocates T with room for a whole padded chunk
// past the usable capacity.

// CacheShape is the shape of one layer's K or V cache for one sequence:
// [kv heads, capacity, head dim], so that attention reads each head's rows
// as one contiguous stream.
func (c *Config) CacheShape(capacity int) shapes.Shape {
	return shapes.Make(ComputeDType, c.NumKeyValueHeads, capacity, c.HeadDim)
}

// StepGraph builds the step graph from its flat inputs (see above).
func (m *Model) StepGraph(inputs []*Node) []*Node {
	c := m.Config
	nw := len(weightRefs[*Node](c, m.Range, m.hasLMHead, m.int8))
	w := m.unflatten(inputs[:nw])
	x, positions := inputs[nw], inputs[nw+1]
	span := inputs[nw+2].Shape().Dimensions[0]
	rest := inputs[nw+3:]
	var lastIdx *Node
	if m.Range.IsLast(c) {
		lastIdx, rest = rest[0], rest[1:]
	}
	g := x.Graph()
	B, C := x.Shape().Dimensions[0], x.Shape().Dimensions[1]
	L := m.Range.NumLayers()
	if len(rest) != 2*B*L {
		panic(fmt.Errorf("step graph wants %d cache inputs for %d sequences × %d layers, got %d", 2*B*L, B, L, len(rest)))
	}

	var h *Node
	if m.Range.IsFirst() {
		ids := Reshape(x, B*C, 1)
		h = toCompute(Gather(w.Embed.W, ids)) // [B*C, H]
		if w.Embed.Scale != nil {
			h = Mul(h, toCompute(Gather(Reshape(w.Embed.Scale, -1, 1), ids))) // × [B*C, 1]
		}
	} else {
		h = Reshape(x, B*C, c.HiddenSize)
	}
	// Absolute position of every new token: [B, C].
	tokenPos := Add(ExpandAxes(positions, 1), Iota(g, shapes.Make(dtypes.Int32, 1, C), 1))
	cos, sin := ropeTables(c, tokenPos)

	// What each sequence's attention needs besides its cache is the same in
	// every layer: built once here, not once per layer.
	seqs := make([]seqAttention, B)
	for b := range seqs {
		pos := Reshape(Slice(positions, AxisRange(b, b+1))) // scalar
		seqs[b] = seqAttention{pos: pos, visible: causalMask(c, C, span, pos)}
	}
	newCaches := make([]*Node, len(rest))
	for l, lw := range w.Layers {
		caches := func(b int) (k, v *Node, setK, setV func(*Node)) {
			i := 2 * (b*L + l)
			return rest[i], rest[i+1], func(n *Node) { newCaches[i] = n }, func(n *Node) { newCaches[i+1] = n }
		}
		h = m.decoderLayer(lw, h, B, C, span, seqs, cos, sin, caches)
	}

	var out *Node
	if m.Range.IsLast(c) {
		// Only the requested position of each sequence goes through the head.
		rows := Add(MulScalar(Iota(g, shapes.Make(dtypes.Int32, B), 0), C), lastIdx)
		sel := Gather(h, Reshape(rows, B, 1)) // [B, H]
		out = linear(rmsNorm(sel, w.Norm, c.RMSNormEps), w.LMHead, nil)
	} else {
		out = Reshape(h, B, C, c.HiddenSize)
	}
	return append([]*Node{out}, newCaches...)
}

// decoderLayer: pre-norm attention and SwiGLU MLP, each with a residual.
func (m *Model) decoderLayer(w *Layer[*Node], h *Node, B, C, span int, seqs []seqAttention, cos, sin *Node,
	caches func(b int) (k, v *Node, setK, setV func(*Node))) *Node {
	c := m.Config
	nh, kv, d := c.NumAttentionHeads, c.NumKeyValueHeads, c.HeadDim

	xn := rmsNorm(h, w.InputNorm, c.RMSNormEps)
	q := Reshape(linear(xn, w.Q, w.QBias), B, C, nh, d)
	k := Reshape(linear(xn, w.K, w.KBias), B, C, kv, d)
	v := Reshape(linear(xn, w.V, w.VBias), B, C, kv, d)
	if c.Arch.QKNorm {
		q = rmsNorm(q, w.QNorm, c.RMSNormEps)
		k = rmsNorm(k, w.KNorm, c.RMSNormEps)
	}
	q, k = applyRope(q, cos, sin), applyRope(k, cos, sin)

	// Attention is per sequence: each has its own cache and length. The
	// projections above and below are batched over all B×C tokens, which is
	// where the weight bytes are read.
	attn := make([]*Node, B)
	for b := 0; b < B; b++ {
		kCache, vCache, setK, setV := caches(b)
		pos := seqs[b].pos
		kb := TransposeAllDims(Reshape(Slice(k, AxisRange(b, b+1)), C, kv, d), 1, 0, 2) // [kv, C, d]
		vb := TransposeAllDims(Reshape(Slice(v, AxisRange(b, b+1)), C, kv, d), 1, 0, 2)
		kCache, vCache = writeCache(kCache, kb, pos), writeCache(vCache, vb, pos)
		setK(kCache)
		setV(vCache)
		qb := Reshape(Slice(q, AxisRange(b, b+1)), C, kv, nh/kv, d)
		// Attend over the first span rows only: the filled part of the cache
		// (bucketed), not its whole capacity.
		kSeen := Slice(kCache, AxisRange(), AxisRange(0, span))
		vSeen := Slice(vCache, AxisRange(), AxisRange(0, span))
		attn[b] = attend(qb, kSeen, vSeen, seqs[b].visible)
	}
	h = Add(h, linear(Concatenate(attn, 0), w.O, nil))

	xn = rmsNorm(h, w.PostNorm, c.RMSNormEps)
	gate := linear(xn, w.Gate, nil)
	mlp := linear(Mul(Mul(gate, Sigmoid(gate)), linear(xn, w.Up, nil)), w.Down, nil)
	return Add(h, mlp)
}

// writeCache writes new [kv, C, D] into cache [kv, T, D] at rows [pos, pos+C).
// Backends with DynamicUpdateSlice (XLA, backend/cpu) write just those rows,
// in place when the cache is donated; others (GoMLX's go backend) rebuild the
// cache with gather + Where, which costs the whole cache. The runtime leaves
// room after the capacity for a padded chunk, so the write is never clamped.
func writeCache(cache, fresh, pos *Node) *Node {
	g := cache.Graph()
	if g.Backend().Capabilities().Operations[backends.OpTypeDynamicUpdateSlice] {
		zero := ScalarZero(g, dtypes.Int32)
		return DynamicUpdateSlice(cache, fresh, []*Node{zero, pos, zero})
	}
	T, C := cache.Shape().Dimensions[1], fresh.Shape().Dimensions[1]
	rel := Sub(Iota(g, shapes.Make(dtypes.Int32, T), 0), pos) // row t holds token t-pos of the chunk
	inChunk := And(GreaterOrEqual(rel, ScalarZero(g, dtypes.Int32)), LessThan(rel, Scalar(g, dtypes.Int32, C)))
	idx := Reshape(ClipScalar(rel, 0, float64(C-1)), T, 1)
	rows := TransposeAllDims(Gather(TransposeAllDims(fresh, 1, 0, 2), idx), 1, 0, 2) // [kv, T, D]
	return Where(BroadcastToDims(Reshape(inChunk, 1, T, 1), cache.Shape().Dimensions...), rows, cache)
}

// seqAttention is what one sequence's attention takes in every layer: the
// position of its first new token and which cache rows each query sees.
type seqAttention struct {
	pos     *Node // int32 scalar
	visible *Node // bool [kv, C, G, span]
}

// causalMask: query i of a chunk starting at pos sees cache rows t <= pos+i,
// broadcast to the scores' shape [kv, C, G, span].
func causalMask(c *Config, C, span int, pos *Node) *Node {
	g := pos.Graph()
	kv, G := c.NumKeyValueHeads, c.NumAttentionHeads/c.NumKeyValueHeads
	queryPos := Add(Iota(g, shapes.Make(dtypes.Int32, C, 1), 0), pos)
	keyPos := Iota(g, shapes.Make(dtypes.Int32, 1, span), 1)
	visible := LessOrEqual(keyPos, queryPos) // [C, span]
	return BroadcastToDims(Reshape(visible, 1, C, 1, span), kv, C, G, span)
}

// attend: q [C, kv, G, D] against the cache K, V [kv, T, D], where visible
// [kv, C, G, T] says which rows each query sees. Returns [C, kv*G*D].
func attend(q, kCache, vCache, visible *Node) *Node {
	C, kv, G, d := q.Shape().Dimensions[0], q.Shape().Dimensions[1], q.Shape().Dimensions[2], q.Shape().Dimensions[3]
	scores := DotGeneral(q, []int{3}, []int{1}, kCache, []int{2}, []int{0}) // [kv, C, G, T]
	scores = MulScalar(scores, 1/math.Sqrt(float64(d)))
	probs := MaskedSoftmax(scores, visible, -1)
	out := DotGeneral(probs, []int{3}, []int{0}, vCache, []int{1}, []int{0}) // [kv, C, G, D]
	out = TransposeAllDims(out, 1, 0, 2, 3)                                  // [C, kv, G, D]
	return Reshape(out, C, kv*G*d)
}

// ropeTables returns cos and sin of position × inverse frequency, [B, C, 1, D/2].
func ropeTables(c *Config, tokenPos *Node) (cos, sin *Node) {
	g := tokenPos.Graph()
	inv64 := InvFrequencies(c)
	inv := make([]float32, len(inv64))
	for i, f := range inv64 {
		inv[i] = float32(f)
	}
	B, C := tokenPos.Shape().Dimensions[0], tokenPos.Shape().Dimensions[1]
	angles := Mul(Reshape(ConvertDType(tokenPos, ComputeDType), B, C, 1, 1), Reshape(Const(g, inv), 1, 1, 1, len(inv)))
	return Cos(angles), Sin(angles)
}

// applyRope rotates x [B, C, heads, D] by Hugging Face's rotate_half
// convention: element i pairs with i + D/2.
func applyRope(x, cos, sin *Node) *Node {
	d := x.Shape().Dimensions[3]
	x1 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(0, d/2))
	x2 := Slice(x, AxisRange(), AxisRange(), AxisRange(), AxisRange(d/2, d))
	return Concatenate([]*Node{
		Sub(Mul(x1, cos), Mul(x2, sin)),
		Add(Mul(x2, cos), Mul(x1, sin)),
	}, 3)
}

// rmsNorm normalises over the last axis: x / sqrt(mean(x²) + eps) * weight.
func rmsNorm(x, weight *Node, eps float64) *Node {
	meanSq := ReduceAndKeep(Square(x), ReduceMean, -1)
	return Mul(Mul(x, Rsqrt(AddScalar(meanSq, eps))), alignRank(weight, x.Rank()))
}

// linear is x·Wᵀ + b with W in [out, in] layout, contracted on the last axis
// of both (the layout GoMLX's CPU backend multiplies without transposing).
//
// Weights kept in bf16 or int8 are converted here; a backend with native
// kernels for them (backend/cpu) fuses the conversion into the product, so
// the float32 copy is never made. int8 rows are scaled after the product:
// x·(q·s)ᵀ = (x·qᵀ)·s, one multiply per output instead of per weight.
func linear(x *Node, w Matrix[*Node], bias *Node) *Node {
	y := DotGeneral(x, []int{x.Rank() - 1}, nil, toCompute(w.W), []int{1}, nil)
	if w.Scale != nil {
		y = Mul(y, alignRank(Reshape(toCompute(w.Scale), -1), y.Rank()))
	}
	if bias != nil {
		y = Add(y, alignRank(bias, y.Rank()))
	}
	return y
}

// alignRank prepends unit axes to a vector so it broadcasts over x's leading axes.
func alignRank(v *Node, rank int) *Node {
	dims := make([]int, rank)
	for i := range dims {
		dims[i] = 1
	}
	dims[rank-1] = v.Shape().Dimensions[0]
	return Reshape(v, dims...)
}

// toCompute converts x to the compute dtype if it is not already.
func toCompute(x *Node) *Node {
	if x.DType() == ComputeDType {
		return x
	}
	return ConvertDType(x, ComputeDType)
}
