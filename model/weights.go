package model

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
	"unsafe"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/core/tensors"
	"go.uber.org/zap"

	"github.com/computepool/computepool/safetensors"
)

// Layer mirrors the weights of one decoder layer in the checkpoint. T is
// *tensors.Tensor for loaded weights and *graph.Node inside a graph; optional
// weights (biases, q/k norms) are nil when the architecture has none.
type Layer[T any] struct {
	InputNorm    T         // input_layernorm
	Q, K, V, O   Matrix[T] // self_attn.{q,k,v,o}_proj, [out, in]
	QBias, KBias T         // self_attn.{q,k}_proj.bias (Qwen2)
	VBias        T
	QNorm, KNorm T         // self_attn.{q,k}_norm (Qwen3)
	PostNorm     T         // post_attention_layernorm
	Gate, Up     Matrix[T] // mlp.{gate,up}_proj, [ffn, hidden]
	Down         Matrix[T] // mlp.down_proj, [hidden, ffn]
}

// Matrix is a weight matrix in [out, in] layout. In an int8 checkpoint W
// holds int8 values and Scale ("<name>_scale", [out, 1]) the float scale of
// each row: the weights are W[i, j]·Scale[i]. Scale is the zero T (nil)
// for float checkpoints.
type Matrix[T any] struct {
	W, Scale T
}

// Stage mirrors the weights one shard owns: layers [Start, End), plus the
// embedding on the first stage and the final norm and LM head on the last.
type Stage[T any] struct {
	Embed  Matrix[T] // model.embed_tokens (first stage)
	Layers []*Layer[T]
	Norm   T         // model.norm (last stage)
	LMHead Matrix[T] // lm_head, or embed_tokens when tied (last stage)
}

// weightRef names one checkpoint tensor and where it goes in a Stage.
type weightRef[T any] struct {
	name  string
	shape []int
	slot  func(s *Stage[T]) *T
}

// Range is a contiguous layer slice [Start, End) of a model.
type Range struct{ Start, End int }

func (r Range) String() string { return fmt.Sprintf("%d:%d", r.Start, r.End) }

// IsFirst and IsLast tell whether the slice holds the embedding or the head.
func (r Range) IsFirst() bool         { return r.Start == 0 }
func (r Range) IsLast(c *Config) bool { return r.End == c.NumHiddenLayers }
func (r Range) NumLayers() int        { return r.End - r.Start }
func (r Range) Validate(c *Config) error {
	if r.Start < 0 || r.End > c.NumHiddenLayers || r.Start >= r.End {
		return fmt.Errorf("layer range %d:%d is out of bounds for a %d-layer model (want 0 <= start < end <= %d)", r.Start, r.End, c.NumHiddenLayers, c.NumHiddenLayers)
	}
	return nil
}

// weightRefs lists every tensor a stage needs, in a fixed order (the order
// of the graph's weight inputs). int8 names the matrices stored as int8,
// each followed by its scales.
func weightRefs[T any](c *Config, r Range, hasLMHead bool, int8 map[string]bool) []weightRef[T] {
	h, q, kv, ffn := c.HiddenSize, c.NumAttentionHeads*c.HeadDim, c.NumKeyValueHeads*c.HeadDim, c.IntermediateSize
	var refs []weightRef[T]
	add := func(name string, shape []int, slot func(s *Stage[T]) *T) {
		refs = append(refs, weightRef[T]{name, shape, slot})
	}
	matrix := func(name string, shape []int, slot func(s *Stage[T]) *Matrix[T]) {
		add(name, shape, func(s *Stage[T]) *T { return &slot(s).W })
		if int8[name] {
			add(name+ScaleSuffix, []int{shape[0], 1}, func(s *Stage[T]) *T { return &slot(s).Scale })
		}
	}
	if r.IsFirst() {
		matrix("model.embed_tokens.weight", []int{c.VocabSize, h}, func(s *Stage[T]) *Matrix[T] { return &s.Embed })
	}
	for i := r.Start; i < r.End; i++ {
		li := i - r.Start
		p := fmt.Sprintf("model.layers.%d.", i)
		layer := func(f func(l *Layer[T]) *T) func(s *Stage[T]) *T {
			return func(s *Stage[T]) *T { return f(s.Layers[li]) }
		}
		linear := func(name string, shape []int, f func(l *Layer[T]) *Matrix[T]) {
			matrix(p+name, shape, func(s *Stage[T]) *Matrix[T] { return f(s.Layers[li]) })
		}
		add(p+"input_layernorm.weight", []int{h}, layer(func(l *Layer[T]) *T { return &l.InputNorm }))
		linear("self_attn.q_proj.weight", []int{q, h}, func(l *Layer[T]) *Matrix[T] { return &l.Q })
		linear("self_attn.k_proj.weight", []int{kv, h}, func(l *Layer[T]) *Matrix[T] { return &l.K })
		linear("self_attn.v_proj.weight", []int{kv, h}, func(l *Layer[T]) *Matrix[T] { return &l.V })
		linear("self_attn.o_proj.weight", []int{h, q}, func(l *Layer[T]) *Matrix[T] { return &l.O })
		if c.Arch.QKVBias || c.AttentionBias {
			add(p+"self_attn.q_proj.bias", []int{q}, layer(func(l *Layer[T]) *T { return &l.QBias }))
			add(p+"self_attn.k_proj.bias", []int{kv}, layer(func(l *Layer[T]) *T { return &l.KBias }))
			add(p+"self_attn.v_proj.bias", []int{kv}, layer(func(l *Layer[T]) *T { return &l.VBias }))
		}
		if c.Arch.QKNorm {
			add(p+"self_attn.q_norm.weight", []int{c.HeadDim}, layer(func(l *Layer[T]) *T { return &l.QNorm }))
			add(p+"self_attn.k_norm.weight", []int{c.HeadDim}, layer(func(l *Layer[T]) *T { return &l.KNorm }))
		}
		add(p+"post_attention_layernorm.weight", []int{h}, layer(func(l *Layer[T]) *T { return &l.PostNorm }))
		linear("mlp.gate_proj.weight", []int{ffn, h}, func(l *Layer[T]) *Matrix[T] { return &l.Gate })
		linear("mlp.up_proj.weight", []int{ffn, h}, func(l *Layer[T]) *Matrix[T] { return &l.Up })
		linear("mlp.down_proj.weight", []int{h, ffn}, func(l *Layer[T]) *Matrix[T] { return &l.Down })
	}
	if r.IsLast(c) {
		add("model.norm.weight", []int{h}, func(s *Stage[T]) *T { return &s.Norm })
		head := "lm_head.weight"
		if !hasLMHead {
			head = "model.embed_tokens.weight"
		}
		matrix(head, []int{c.VocabSize, h}, func(s *Stage[T]) *Matrix[T] { return &s.LMHead })
	}
	return refs
}

// ScaleSuffix names an int8 matrix's row scales: "<name>_scale", the
// "weight_scale" of per-channel int8 checkpoints (compressed-tensors).
const ScaleSuffix = "_scale"

func newStage[T any](r Range) *Stage[T] {
	s := &Stage[T]{Layers: make([]*Layer[T], r.NumLayers())}
	for i := range s.Layers {
		s.Layers[i] = &Layer[T]{}
	}
	return s
}

// Model is one loaded stage of a checkpoint: its config, layer range and
// weights resident on a GoMLX backend.
type Model struct {
	Dir        string
	Config     *Config
	Generation *GenerationConfig
	Range      Range
	Backend    backends.Backend
	Weights    *Stage[*tensors.Tensor]
	// WeightBytes is the resident size of the weights in the compute dtype.
	WeightBytes int64
	// FileBytes is what the stage's tensors occupy in the checkpoint.
	FileBytes int64
	// TensorNames lists the checkpoint tensors this stage read.
	TensorNames []string

	hasLMHead bool
	int8      map[string]bool // matrices stored as int8 with row scales
}

// ComputeDType is what activations are computed in, and what weights are
// converted to on load unless the backend multiplies bf16 weights natively:
// the `go` backend computes fastest in float32 (DESIGN.md §7).
const ComputeDType = dtypes.Float32

// NativeBF16 is implemented by backends whose matrix kernels read bfloat16
// weights directly (widening inside the kernel): for them a bf16 checkpoint
// stays bf16 in memory, half the bytes per token.
type NativeBF16 interface{ NativeBF16Weights() bool }

func keepsBF16(b backends.Backend) bool {
	n, ok := b.(NativeBF16)
	return ok && n.NativeBF16Weights()
}

// Load reads config.json, generation_config.json and the tensors of layers
// r from a Hugging Face model directory onto backend.
func Load(ctx context.Context, dir string, r Range, backend backends.Backend, log *zap.Logger) (*Model, error) {
	cfg, err := LoadConfig(dir)
	if err != nil {
		return nil, err
	}
	if err := r.Validate(cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	gen, err := LoadGenerationConfig(dir, cfg)
	if err != nil {
		return nil, err
	}
	ckpt, err := safetensors.OpenCheckpoint(dir)
	if err != nil {
		return nil, err
	}
	defer ckpt.Close()
	m := &Model{Dir: dir, Config: cfg, Generation: gen, Range: r, Backend: backend,
		hasLMHead: ckpt.Has("lm_head.weight") && !cfg.TieWordEmbeddings}
	if m.int8, err = int8Matrices(ckpt, cfg, r, m.hasLMHead); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	refs := weightRefs[*tensors.Tensor](cfg, r, m.hasLMHead, m.int8)
	// Check every tensor exists with the right shape and dtype before reading
	// any: a bad checkpoint fails in milliseconds, not after gigabytes.
	counted := map[string]bool{}
	for i, ref := range refs {
		info, err := ckpt.Info(ref.name)
		if err != nil {
			return nil, err
		}
		if !info.DType.IsFloat() && !m.int8[ref.name] {
			return nil, fmt.Errorf("%s: tensor %q has dtype %s, want F32, F16 or BF16", dir, ref.name, info.DType)
		}
		if strings.HasSuffix(ref.name, ScaleSuffix) && len(info.Shape) == 1 && info.Shape[0] == ref.shape[0] {
			ref.shape = info.Shape // row scales stored as [out] rather than [out, 1]
			refs[i].shape = info.Shape
		}
		if fmt.Sprint(info.Shape) != fmt.Sprint(ref.shape) {
			return nil, fmt.Errorf("%s: tensor %q has shape %v, config.json implies %v", dir, ref.name, info.Shape, ref.shape)
		}
		if !counted[ref.name] { // a tied head is the embedding: count its bytes once
			m.FileBytes += info.End - info.Begin
			counted[ref.name] = true
		}
	}
	m.Weights = newStage[*tensors.Tensor](r)
	loaded := map[string]*tensors.Tensor{} // tied weights are read once
	start, last := time.Now(), time.Now()
	for i, ref := range refs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, ok := loaded[ref.name]
		if !ok {
			if m.int8[ref.name] {
				t, err = readInt8(ckpt, ref.name, ref.shape, backend)
			} else {
				t, err = readToBackend(ckpt, ref.name, ref.shape, backend, keepsBF16(backend))
			}
			if err != nil {
				return nil, fmt.Errorf("%s: tensor %q: %w", dir, ref.name, err)
			}
			loaded[ref.name] = t
			m.WeightBytes += int64(t.Shape().Memory())
			m.TensorNames = append(m.TensorNames, ref.name)
		}
		*ref.slot(m.Weights) = t
		if time.Since(last) > 2*time.Second {
			log.Info("loading weights", zap.String("model", dir), zap.Stringer("layers", r),
				zap.Int("tensor", i+1), zap.Int("of", len(refs)), zap.Duration("elapsed", time.Since(start)))
			last = time.Now()
		}
	}
	log.Info("model loaded", zap.String("model", dir), zap.String("arch", cfg.Arch.Name), zap.Stringer("layers", r),
		zap.Int64("weight_bytes", m.WeightBytes), zap.Duration("took", time.Since(start)))
	return m, nil
}

// int8Matrices finds the matrices of layers r stored as int8 and checks that
// each has its scales.
func int8Matrices(ckpt *safetensors.Checkpoint, c *Config, r Range, hasLMHead bool) (map[string]bool, error) {
	int8 := map[string]bool{}
	for _, ref := range weightRefs[*tensors.Tensor](c, r, hasLMHead, nil) {
		info, err := ckpt.Info(ref.name)
		if err != nil || info.DType != safetensors.I8 {
			continue // a missing tensor is reported by the caller
		}
		if len(ref.shape) != 2 {
			return nil, fmt.Errorf("tensor %q is int8, which only weight matrices may be", ref.name)
		}
		scale, err := ckpt.Info(ref.name + ScaleSuffix)
		if err != nil {
			return nil, fmt.Errorf("tensor %q is int8 but its row scales %q are missing: %w", ref.name, ref.name+ScaleSuffix, err)
		}
		if !scale.DType.IsFloat() {
			return nil, fmt.Errorf("tensor %q has dtype %s, want F32, F16 or BF16", ref.name+ScaleSuffix, scale.DType)
		}
		if ckpt.Has(ref.name + "_zero_point") {
			return nil, fmt.Errorf("tensor %q is asymmetric int8 (it has %q); only symmetric int8 (scales alone) is supported", ref.name, ref.name+"_zero_point")
		}
		int8[ref.name] = true
	}
	return int8, nil
}

// readInt8 copies an int8 matrix's bytes unchanged into a backend buffer.
func readInt8(ckpt *safetensors.Checkpoint, name string, dims []int, backend backends.Backend) (*tensors.Tensor, error) {
	f, err := ckpt.File(name)
	if err != nil {
		return nil, err
	}
	shape := shapes.Make(dtypes.Int8, dims...)
	if !backend.HasSharedBuffers() {
		_, raw, err := f.ReadRaw(name)
		if err != nil {
			return nil, err
		}
		flat := unsafe.Slice((*int8)(unsafe.Pointer(unsafe.SliceData(raw))), len(raw))
		buf, err := backend.BufferFromFlatData(0, flat, shape)
		if err != nil {
			return nil, err
		}
		return tensors.FromBuffer(backend, buf)
	}
	buf, flat, err := backend.NewSharedBuffer(0, shape)
	if err != nil {
		return nil, err
	}
	dst := flat.([]int8)
	if err := f.ReadRawInto(name, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), len(dst))); err != nil {
		backend.BufferFinalize(buf) //nolint:errcheck // reporting the read error
		return nil, err
	}
	return tensors.FromBuffer(backend, buf)
}

// readToBackend reads a tensor into backend memory. On CPU backends that
// share memory with Go the file is decoded straight into the backend's buffer:
// no second copy, and half the page faults (which are slow on VMs).
func readToBackend(ckpt *safetensors.Checkpoint, name string, dims []int, backend backends.Backend, keepBF16 bool) (*tensors.Tensor, error) {
	if keepBF16 && len(dims) == 2 { // matrices; small vectors stay float32
		if info, err := ckpt.Info(name); err == nil && info.DType == safetensors.BF16 {
			return readBF16(ckpt, name, dims, backend)
		}
	}
	shape := shapes.Make(ComputeDType, dims...)
	if backend.HasSharedBuffers() {
		buf, flat, err := backend.NewSharedBuffer(0, shape)
		if err != nil {
			return nil, err
		}
		if err := ckpt.ReadFloat32Into(name, dims, flat.([]float32)); err != nil {
			backend.BufferFinalize(buf)
			return nil, err
		}
		return tensors.FromBuffer(backend, buf)
	}
	data, err := ckpt.ReadFloat32(name, dims)
	if err != nil {
		return nil, err
	}
	buf, err := backend.BufferFromFlatData(0, data, shape)
	if err != nil {
		return nil, err
	}
	return tensors.FromBuffer(backend, buf)
}

// readBF16 copies a bf16 tensor's bits unchanged into a backend buffer.
func readBF16(ckpt *safetensors.Checkpoint, name string, dims []int, backend backends.Backend) (*tensors.Tensor, error) {
	f, err := ckpt.File(name)
	if err != nil {
		return nil, err
	}
	buf, flat, err := backend.NewSharedBuffer(0, shapes.Make(dtypes.BFloat16, dims...))
	if err != nil {
		return nil, err
	}
	dst := flat.([]bfloat16.BFloat16)
	if safetensors.HostIsLittleEndian && len(dst) > 0 {
		// The file's bytes are the buffer's bytes: read them in place (a
		// 1b half-model loaded in 6 s through a per-element copy).
		if err := f.ReadRawInto(name, unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), 2*len(dst))); err != nil {
			backend.BufferFinalize(buf) //nolint:errcheck // reporting the read error
			return nil, err
		}
		return tensors.FromBuffer(backend, buf)
	}
	_, raw, err := f.ReadRaw(name)
	if err != nil {
		backend.BufferFinalize(buf) //nolint:errcheck // reporting the read error
		return nil, err
	}
	for i := range dst {
		dst[i] = bfloat16.BFloat16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return tensors.FromBuffer(backend, buf)
}

// Flat lists the stage's weights in graph-input order.
func (m *Model) Flat() []*tensors.Tensor {
	refs := weightRefs[*tensors.Tensor](m.Config, m.Range, m.hasLMHead, m.int8)
	out := make([]*tensors.Tensor, len(refs))
	for i, ref := range refs {
		out[i] = *ref.slot(m.Weights)
	}
	return out
}

// unflatten rebuilds the weight tree from graph inputs in Flat order.
func (m *Model) unflatten(nodes []*graph.Node) *Stage[*graph.Node] {
	s := newStage[*graph.Node](m.Range)
	for i, ref := range weightRefs[*graph.Node](m.Config, m.Range, m.hasLMHead, m.int8) {
		*ref.slot(s) = nodes[i]
	}
	return s
}

// Close releases the weights' backend memory.
func (m *Model) Close() {
	for _, t := range m.Flat() {
		if t != nil {
			t.FinalizeAll()
		}
	}
}

// BytesReadPerToken is the weight bytes one decode step reads: every weight
// once, except that the embedding table contributes one row unless it is also
// the LM head (tied), which reads all of it.
func (m *Model) BytesReadPerToken() int64 {
	n := m.WeightBytes
	if m.Range.IsFirst() && !(m.Range.IsLast(m.Config) && !m.hasLMHead) {
		embed := m.Weights.Embed.W.Shape()
		n -= int64(embed.Memory()) / int64(embed.Dimensions[0]) * int64(embed.Dimensions[0]-1)
	}
	return n
}
