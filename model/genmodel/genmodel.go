// Package genmodel writes random-weight models in the exact Hugging Face
// layout (config.json, generation_config.json, safetensors, sharded with an
// index when large), for tests, the demo and benchmarks on machines that
// cannot reach a model hub.
//
// Weights are scaled so activations stay in a realistic range: projections
// have standard deviation 1/sqrt(fan_in), norms are near 1, and embeddings
// are scaled so logits have a spread of a few units (no NaN or overflow over
// long generations, and sampling is not degenerate).
package genmodel

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/safetensors"
)

// Presets names the model sizes genmodel knows.
var Presets = []string{"tiny", "small", "1b"}

// Preset returns the config of a named size for an architecture ("llama",
// "qwen2", "qwen3" or a Hugging Face class name).
//
//	tiny   6 layers, hidden 64: unit tests, seconds
//	small  ~100M parameters: a snappy demo
//	1b     Llama-3.2-1B's dimensions: benchmarks
func Preset(arch, preset string) (*model.Config, error) {
	a, ok := model.LookupArchitecture(arch)
	if !ok {
		return nil, fmt.Errorf("unknown architecture %q (want llama, qwen2 or qwen3)", arch)
	}
	c := &model.Config{
		Architectures: []string{a.Name}, ModelType: a.ModelType, HiddenAct: "silu",
		RMSNormEps: 1e-5, RopeTheta: 500000, TieWordEmbeddings: true, MaxPositionEmbeddings: 131072,
	}
	switch preset {
	case "tiny":
		c.HiddenSize, c.IntermediateSize, c.NumHiddenLayers = 64, 128, 6
		c.NumAttentionHeads, c.NumKeyValueHeads, c.HeadDim = 4, 2, 16
	case "small":
		c.HiddenSize, c.IntermediateSize, c.NumHiddenLayers = 768, 2048, 12
		c.NumAttentionHeads, c.NumKeyValueHeads, c.HeadDim = 12, 4, 64
	case "1b":
		c.HiddenSize, c.IntermediateSize, c.NumHiddenLayers = 2048, 8192, 16
		c.NumAttentionHeads, c.NumKeyValueHeads, c.HeadDim = 32, 8, 64
	default:
		return nil, fmt.Errorf("unknown preset %q (want one of %v)", preset, Presets)
	}
	// Vocabulary, special ids and rope as the real models have them, so the
	// real tokenizer files (assets/) fit every preset.
	var bos int
	switch a.ModelType {
	case "llama":
		c.RopeScaling = &model.RopeScaling{RopeType: "llama3", Factor: 32, LowFreqFactor: 1, HighFreqFactor: 4, OriginalMaxPositionEmbeddings: 8192}
		c.VocabSize, bos, c.EOSTokenID = 128256, 128000, model.TokenIDs{128001, 128008, 128009}
	case "qwen2":
		c.RopeTheta, c.RMSNormEps, c.MaxPositionEmbeddings = 1e6, 1e-6, 32768
		c.VocabSize, bos, c.EOSTokenID = 151936, 151643, model.TokenIDs{151645, 151643}
	case "qwen3":
		c.RopeTheta, c.RMSNormEps, c.MaxPositionEmbeddings = 5e6, 1e-6, 262144
		c.VocabSize, bos, c.EOSTokenID = 151936, 151643, model.TokenIDs{151645, 151643}
	}
	c.BOSTokenID = &bos
	return c, c.Validate()
}

// ShrinkVocab gives c a vocabulary of n ids, BOS n-2 and EOS n-1, for tests
// that feed token ids and need no tokenizer (a real vocabulary's embedding
// would dominate a tiny model's time).
func ShrinkVocab(c *model.Config, n int) {
	bos := n - 2
	c.VocabSize, c.BOSTokenID, c.EOSTokenID = n, &bos, model.TokenIDs{n - 1}
}

// Options control how a model is written.
type Options struct {
	DType safetensors.DType // BF16 (default, as published checkpoints), F16 or F32
	Seed  uint64
	// MaxShardBytes splits the weights into model-0000N-of-0000M.safetensors
	// files with an index once they exceed it; 0 means 2 GiB.
	MaxShardBytes int64
}

// Write generates a model with config c into dir.
func Write(dir string, c *model.Config, opts Options, log *zap.Logger) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if opts.DType == "" {
		opts.DType = safetensors.BF16
	}
	if opts.MaxShardBytes == 0 {
		opts.MaxShardBytes = 2 << 30
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	c.TorchDType = map[safetensors.DType]string{safetensors.BF16: "bfloat16", safetensors.F16: "float16", safetensors.F32: "float32"}[opts.DType]
	if c.TorchDType == "" {
		return fmt.Errorf("dtype %s is not a checkpoint dtype (want BF16, F16 or F32)", opts.DType)
	}
	if err := writeJSON(filepath.Join(dir, "config.json"), c); err != nil {
		return err
	}
	gen := model.GenerationConfig{BOSTokenID: c.BOSTokenID, EOSTokenID: c.EOSTokenID}
	if err := writeJSON(filepath.Join(dir, "generation_config.json"), gen); err != nil {
		return err
	}
	if err := writeTokenizer(dir, c, log); err != nil {
		return err
	}
	return writeWeights(dir, c, opts, log)
}

// tensor is one weight to generate: its spec and how to draw its values.
type tensor struct {
	spec safetensors.TensorSpec
	init func(r *rand.Rand, dst []float32)
}

func normal(std float64) func(*rand.Rand, []float32) {
	return func(r *rand.Rand, dst []float32) {
		for i := range dst {
			dst[i] = float32(r.NormFloat64() * std)
		}
	}
}

func nearOne(r *rand.Rand, dst []float32) {
	for i := range dst {
		dst[i] = float32(1 + 0.1*r.NormFloat64())
	}
}

func tensorsOf(c *model.Config, dtype safetensors.DType) []tensor {
	h, q, kv, ffn := c.HiddenSize, c.NumAttentionHeads*c.HeadDim, c.NumKeyValueHeads*c.HeadDim, c.IntermediateSize
	var ts []tensor
	add := func(name string, init func(*rand.Rand, []float32), shape ...int) {
		ts = append(ts, tensor{safetensors.TensorSpec{Name: name, DType: dtype, Shape: shape}, init})
	}
	embedStd := 2 / math.Sqrt(float64(h)) // logits = normed·E: spread ≈ 2
	add("model.embed_tokens.weight", normal(embedStd), c.VocabSize, h)
	for i := 0; i < c.NumHiddenLayers; i++ {
		p := fmt.Sprintf("model.layers.%d.", i)
		add(p+"input_layernorm.weight", nearOne, h)
		add(p+"self_attn.q_proj.weight", normal(1/math.Sqrt(float64(h))), q, h)
		add(p+"self_attn.k_proj.weight", normal(1/math.Sqrt(float64(h))), kv, h)
		add(p+"self_attn.v_proj.weight", normal(1/math.Sqrt(float64(h))), kv, h)
		if c.Arch.QKVBias || c.AttentionBias {
			add(p+"self_attn.q_proj.bias", normal(0.5), q)
			add(p+"self_attn.k_proj.bias", normal(0.5), kv)
			add(p+"self_attn.v_proj.bias", normal(0.5), kv)
		}
		if c.Arch.QKNorm {
			add(p+"self_attn.q_norm.weight", nearOne, c.HeadDim)
			add(p+"self_attn.k_norm.weight", nearOne, c.HeadDim)
		}
		add(p+"self_attn.o_proj.weight", normal(1/math.Sqrt(float64(q))), h, q)
		add(p+"post_attention_layernorm.weight", nearOne, h)
		add(p+"mlp.gate_proj.weight", normal(1/math.Sqrt(float64(h))), ffn, h)
		add(p+"mlp.up_proj.weight", normal(1/math.Sqrt(float64(h))), ffn, h)
		add(p+"mlp.down_proj.weight", normal(1/math.Sqrt(float64(ffn))), h, ffn)
	}
	add("model.norm.weight", nearOne, h)
	if !c.TieWordEmbeddings {
		add("lm_head.weight", normal(embedStd), c.VocabSize, h)
	}
	return ts
}

func writeWeights(dir string, c *model.Config, opts Options, log *zap.Logger) error {
	ts := tensorsOf(c, opts.DType)
	// Group tensors into files of at most MaxShardBytes (a single oversized tensor gets its own file).
	var groups [][]tensor
	var size, total int64
	for _, t := range ts {
		n := t.spec.Bytes()
		total += n
		if len(groups) == 0 || (size+n > opts.MaxShardBytes && size > 0) {
			groups = append(groups, nil)
			size = 0
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], t)
		size += n
	}
	// Each tensor gets its own random stream, so the values do not depend on sharding.
	start, last := time.Now(), time.Now()
	var written int64
	weightMap := map[string]string{}
	for gi, group := range groups {
		file := safetensors.SingleFile
		if len(groups) > 1 {
			file = fmt.Sprintf("model-%05d-of-%05d.safetensors", gi+1, len(groups))
		}
		specs := make([]safetensors.TensorSpec, len(group))
		for i, t := range group {
			specs[i] = t.spec
			weightMap[t.spec.Name] = file
		}
		err := safetensors.Write(filepath.Join(dir, file), specs, map[string]string{"format": "pt"}, func(i int, w io.Writer) error {
			t := group[i]
			vals := make([]float32, t.spec.Bytes()/int64(opts.DType.Size()))
			t.init(rand.New(rand.NewPCG(opts.Seed, hashName(t.spec.Name))), vals)
			b, err := safetensors.EncodeFloat32(opts.DType, vals)
			if err != nil {
				return err
			}
			written += int64(len(b))
			if time.Since(last) > 2*time.Second {
				log.Info("generating weights", zap.String("dir", dir), zap.Int64("written_mb", written>>20),
					zap.Int64("total_mb", total>>20), zap.Duration("elapsed", time.Since(start)))
				last = time.Now()
			}
			_, err = w.Write(b)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", filepath.Join(dir, file), err)
		}
	}
	if len(groups) > 1 {
		index := map[string]any{"metadata": map[string]any{"total_size": total}, "weight_map": weightMap}
		if err := writeJSON(filepath.Join(dir, safetensors.IndexFile), index); err != nil {
			return err
		}
	}
	log.Info("model written", zap.String("dir", dir), zap.String("arch", c.Architectures[0]),
		zap.Int64("bytes", total), zap.Int("files", len(groups)), zap.Duration("took", time.Since(start)))
	return nil
}

func hashName(s string) uint64 {
	h := uint64(14695981039346656037) // FNV-1a
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
