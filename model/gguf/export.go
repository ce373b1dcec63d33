package gguf

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/x448/float16"
	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/tokenizer"
)

// Export writes the Llama model in dir as a GGUF file at out. Matrices keep
// their checkpoint dtype (bf16 or f16; f32 stays f32; int8 with row scales
// becomes Q8_0); norms are f32.
func Export(dir, out string, log *zap.Logger) error {
	cfg, err := model.LoadConfig(dir)
	if err != nil {
		return err
	}
	if cfg.Arch.ModelType != "llama" {
		return fmt.Errorf("GGUF export supports llama models, not %s", cfg.Arch.Name)
	}
	tok, err := tokenizer.LoadDir(dir)
	if err != nil {
		return fmt.Errorf("GGUF needs the vocabulary: %w", err)
	}
	ckpt, err := safetensors.OpenCheckpoint(dir)
	if err != nil {
		return err
	}
	defer ckpt.Close()
	kvs := metadata(cfg, tok)
	tensors, err := tensorList(cfg, ckpt)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f, kvs, tensors); err != nil {
		f.Close()
		return err
	}
	log.Info("GGUF written", zap.String("file", out), zap.Int("tensors", len(tensors)))
	return f.Close()
}

func metadata(c *model.Config, tok *tokenizer.Tokenizer) []kv {
	kvs := []kv{
		{"general.architecture", "llama"},
		{"general.name", "computepool-export"},
		{"llama.block_count", uint32(c.NumHiddenLayers)},
		{"llama.context_length", uint32(max(c.MaxPositionEmbeddings, 2048))},
		{"llama.embedding_length", uint32(c.HiddenSize)},
		{"llama.feed_forward_length", uint32(c.IntermediateSize)},
		{"llama.attention.head_count", uint32(c.NumAttentionHeads)},
		{"llama.attention.head_count_kv", uint32(c.NumKeyValueHeads)},
		{"llama.attention.key_length", uint32(c.HeadDim)},
		{"llama.attention.value_length", uint32(c.HeadDim)},
		{"llama.rope.dimension_count", uint32(c.HeadDim)},
		{"llama.rope.freq_base", float32(c.RopeTheta)},
		{"llama.attention.layer_norm_rms_epsilon", float32(c.RMSNormEps)},
		{"llama.vocab_size", uint32(c.VocabSize)},
	}
	tokens, types := vocabulary(c, tok)
	kvs = append(kvs,
		kv{"tokenizer.ggml.model", "gpt2"},
		kv{"tokenizer.ggml.pre", "llama-bpe"},
		kv{"tokenizer.ggml.tokens", tokens},
		kv{"tokenizer.ggml.token_type", types},
		kv{"tokenizer.ggml.merges", tok.Merges()},
	)
	if c.BOSTokenID != nil {
		kvs = append(kvs, kv{"tokenizer.ggml.bos_token_id", uint32(*c.BOSTokenID)})
	}
	if len(c.EOSTokenID) > 0 {
		kvs = append(kvs, kv{"tokenizer.ggml.eos_token_id", uint32(c.EOSTokenID[0])})
	}
	return kvs
}

// vocabulary lists every id's token text and type (1 normal, 3 control,
// 4 user-defined), padding unused ids as llama.cpp's converter does.
func vocabulary(c *model.Config, tok *tokenizer.Tokenizer) ([]string, []int32) {
	tokens := make([]string, c.VocabSize)
	types := make([]int32, c.VocabSize)
	for id := range tokens {
		tokens[id], types[id] = fmt.Sprintf("[PAD%d]", id), 1
		if s, ok := tok.TokenText(int32(id)); ok {
			tokens[id] = s
		}
	}
	for _, a := range tok.AddedTokens() {
		if a.ID < len(tokens) {
			types[a.ID] = 4
			if a.Special {
				types[a.ID] = 3
			}
		}
	}
	return tokens, types
}

// tensorList maps checkpoint tensors to GGUF names (llama.cpp's), in order.
func tensorList(c *model.Config, ckpt *safetensors.Checkpoint) ([]tensorInfo, error) {
	var list []tensorInfo
	add := func(hf, name string, permuteHeads int) error {
		info, err := ckpt.Info(hf)
		if err != nil {
			return err
		}
		t, err := fromCheckpoint(ckpt, info, name, permuteHeads, c.HeadDim)
		if err != nil {
			return err
		}
		list = append(list, t)
		return nil
	}
	if err := add("model.embed_tokens.weight", "token_embd.weight", 0); err != nil {
		return nil, err
	}
	for i := 0; i < c.NumHiddenLayers; i++ {
		p, g := fmt.Sprintf("model.layers.%d.", i), fmt.Sprintf("blk.%d.", i)
		for _, m := range []struct {
			hf, gguf string
			heads    int
		}{
			{"input_layernorm.weight", "attn_norm.weight", 0},
			{"self_attn.q_proj.weight", "attn_q.weight", c.NumAttentionHeads},
			{"self_attn.k_proj.weight", "attn_k.weight", c.NumKeyValueHeads},
			{"self_attn.v_proj.weight", "attn_v.weight", 0},
			{"self_attn.o_proj.weight", "attn_output.weight", 0},
			{"post_attention_layernorm.weight", "ffn_norm.weight", 0},
			{"mlp.gate_proj.weight", "ffn_gate.weight", 0},
			{"mlp.up_proj.weight", "ffn_up.weight", 0},
			{"mlp.down_proj.weight", "ffn_down.weight", 0},
		} {
			if err := add(p+m.hf, g+m.gguf, m.heads); err != nil {
				return nil, err
			}
		}
	}
	if err := add("model.norm.weight", "output_norm.weight", 0); err != nil {
		return nil, err
	}
	if ckpt.Has("lm_head.weight") && !c.TieWordEmbeddings {
		if err := add("lm_head.weight", "output.weight", 0); err != nil {
			return nil, err
		}
	}
	if rs := c.RopeScaling; rs != nil && rs.Kind() == "llama3" {
		list = append(list, ropeFactors(c))
	}
	return list, nil
}

// fromCheckpoint streams one tensor: 1-D tensors as f32, matrices in their
// checkpoint dtype. q and k rows are permuted from Hugging Face's rotate-half
// RoPE layout to llama.cpp's interleaved one, as convert_hf_to_gguf.py does.
func fromCheckpoint(ckpt *safetensors.Checkpoint, info safetensors.TensorInfo, name string, heads, headDim int) (tensorInfo, error) {
	dims := make([]uint64, len(info.Shape))
	for i, d := range info.Shape {
		dims[len(dims)-1-i] = uint64(d)
	}
	if info.DType == safetensors.I8 && len(info.Shape) == 2 {
		return q8Matrix(ckpt, info, name, dims, heads, headDim)
	}
	elem := map[safetensors.DType]uint32{safetensors.F32: ggmlF32, safetensors.F16: ggmlF16, safetensors.BF16: ggmlBF16}
	typ, ok := elem[info.DType]
	if !ok {
		return tensorInfo{}, fmt.Errorf("tensor %s: dtype %s cannot go into GGUF", info.Name, info.DType)
	}
	toF32 := len(info.Shape) == 1 && info.DType != safetensors.F32
	if toF32 {
		typ = ggmlF32
	}
	size := uint64(info.NumElements()) * uint64(map[uint32]int{ggmlF32: 4, ggmlF16: 2, ggmlBF16: 2}[typ])
	return tensorInfo{name: name, dims: dims, typ: typ, size: size, write: func(w io.Writer) error {
		f, err := ckpt.File(info.Name)
		if err != nil {
			return err
		}
		if toF32 {
			v := make([]float32, info.NumElements())
			if err := f.ReadFloat32(info.Name, v); err != nil {
				return err
			}
			b, _ := safetensors.EncodeFloat32(safetensors.F32, v)
			_, err = w.Write(b)
			return err
		}
		_, raw, err := f.ReadRaw(info.Name)
		if err != nil {
			return err
		}
		if heads > 0 {
			raw = permuteRows(raw, heads, headDim, len(raw)/info.Shape[0])
		}
		_, err = w.Write(raw)
		return err
	}}, nil
}

// q8Matrix writes an int8 matrix with per-row scales (model/quantize) as
// llama.cpp's Q8_0: blocks of 32 int8 with an f16 scale each. Every block
// of a row takes the row's scale and its int8 values as they are, so the
// weights are the checkpoint's up to the scale's rounding to f16 (relative
// 2⁻¹¹): both engines run the same model.
func q8Matrix(ckpt *safetensors.Checkpoint, info safetensors.TensorInfo, name string, dims []uint64, heads, headDim int) (tensorInfo, error) {
	rows, cols := info.Shape[0], info.Shape[1]
	if cols%q8Block != 0 {
		return tensorInfo{}, fmt.Errorf("tensor %s: rows of %d int8 are not whole Q8_0 blocks of %d", info.Name, cols, q8Block)
	}
	rowBytes := cols / q8Block * (2 + q8Block)
	return tensorInfo{name: name, dims: dims, typ: ggmlQ8_0, size: uint64(rows * rowBytes), write: func(w io.Writer) error {
		f, err := ckpt.File(info.Name)
		if err != nil {
			return err
		}
		_, q, err := f.ReadRaw(info.Name)
		if err != nil {
			return err
		}
		scaleInfo, err := ckpt.Info(info.Name + model.ScaleSuffix)
		if err != nil {
			return err
		}
		if scaleInfo.NumElements() != int64(rows) {
			return fmt.Errorf("tensor %s: %d row scales for %d rows", info.Name, scaleInfo.NumElements(), rows)
		}
		scales, err := ckpt.ReadFloat32(scaleInfo.Name, scaleInfo.Shape) // [rows, 1] or [rows]
		if err != nil {
			return err
		}
		out := make([]byte, 0, rows*rowBytes)
		for r := range rows {
			d := float16.Fromfloat32(scales[r]).Bits()
			for b := 0; b < cols; b += q8Block {
				out = binary.LittleEndian.AppendUint16(out, d)
				out = append(out, q[r*cols+b:r*cols+b+q8Block]...)
			}
		}
		if heads > 0 {
			out = permuteRows(out, heads, headDim, rowBytes)
		}
		_, err = w.Write(out)
		return err
	}}, nil
}

// permuteRows reorders each head's rows (a·half + i) → (2i + a).
func permuteRows(raw []byte, heads, headDim, rowBytes int) []byte {
	out := make([]byte, len(raw))
	half := headDim / 2
	for h := 0; h < heads; h++ {
		for a := 0; a < 2; a++ {
			for i := 0; i < half; i++ {
				src := (h*headDim + a*half + i) * rowBytes
				dst := (h*headDim + 2*i + a) * rowBytes
				copy(out[dst:dst+rowBytes], raw[src:src+rowBytes])
			}
		}
	}
	return out
}

// ropeFactors is llama.cpp's rope_freqs tensor for llama3 scaling: the
// divisor applied to each inverse frequency.
func ropeFactors(c *model.Config) tensorInfo {
	plain := *c
	plain.RopeScaling = nil
	base, scaled := model.InvFrequencies(&plain), model.InvFrequencies(c)
	factors := make([]float32, len(base))
	for i := range base {
		factors[i] = float32(base[i] / scaled[i])
	}
	return tensorInfo{name: "rope_freqs.weight", dims: []uint64{uint64(len(factors))}, typ: ggmlF32, size: uint64(4 * len(factors)),
		write: func(w io.Writer) error {
			b := make([]byte, 0, 4*len(factors))
			for _, f := range factors {
				b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f))
			}
			_, err := w.Write(b)
			return err
		}}
}
