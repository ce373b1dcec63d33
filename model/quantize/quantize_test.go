package quantize_test

import (
	"context"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/model/quantize"
	"github.com/computepool/computepool/safetensors"
)

// Each weight is within half a step of its int8 value times the row's
// scale, the largest magnitude maps to ±127, and a zero row stays zero.
func TestRow(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 7, 64, 2049} {
		w := make([]float32, n)
		for i := range w {
			w[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(5)-2)))
		}
		q := make([]int8, n)
		scale := quantize.Row(w, q)
		top := 0
		for i := range w {
			if d := math.Abs(float64(w[i]) - float64(q[i])*float64(scale)); d > float64(scale)/2*(1+1e-6) {
				t.Fatalf("n=%d: w[%d] = %v, int8 %d × scale %v is %.3g away (half a step is %.3g)", n, i, w[i], q[i], scale, d, scale/2)
			}
			if math.Abs(float64(w[i])) > math.Abs(float64(w[top])) {
				top = i
			}
		}
		if q[top] != 127 && q[top] != -127 {
			t.Errorf("n=%d: the largest weight %v became %d, want ±127", n, w[top], q[top])
		}
	}
	q := []int8{5, 5}
	if s := quantize.Row([]float32{0, 0}, q); s != 0 || q[0] != 0 || q[1] != 0 {
		t.Errorf("zero row: scale %v, values %v", s, q)
	}
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(-1))} {
		if s := quantize.Row([]float32{1, bad}, q); !math.IsNaN(float64(s)) && !math.IsInf(float64(s), 0) {
			t.Errorf("row with %v: scale %v, want one that is not finite (the caller refuses it)", bad, s)
		}
	}
}

// The copy keeps the files and tensors a loader needs, every matrix int8
// with [out, 1] scales, norms as they were; weights in other formats are
// not copied; quantizing twice, or in place, is refused.
func TestInt8Checkpoint(t *testing.T) {
	c, err := genmodel.Preset("qwen2", "tiny")
	if err != nil {
		t.Fatal(err)
	}
	src, dst := t.TempDir(), t.TempDir()
	log := zaptest.NewLogger(t)
	if err := genmodel.Write(src, c, genmodel.Options{Seed: 3, MaxShardBytes: 64 << 10}, log); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(src, "model.gguf"), []byte("GGUF"), 0o644)
	if err := quantize.Int8(context.Background(), src, dst, log); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"config.json", "generation_config.json", "tokenizer.json", safetensors.IndexFile} {
		if _, err := os.Stat(filepath.Join(dst, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dst, "model.gguf")); err == nil {
		t.Error("copied the float GGUF next to the int8 weights")
	}
	cfg, _ := os.ReadFile(filepath.Join(dst, "config.json"))
	if !strings.Contains(string(cfg), `"quantization_config"`) {
		t.Error("config.json has no quantization_config")
	}
	ckpt, err := safetensors.OpenCheckpoint(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer ckpt.Close()
	for name, want := range map[string]safetensors.DType{
		"model.embed_tokens.weight":                      safetensors.I8,
		"model.embed_tokens.weight_scale":                safetensors.F32,
		"model.layers.1.self_attn.q_proj.weight":         safetensors.I8,
		"model.layers.1.self_attn.q_proj.bias":           safetensors.BF16,
		"model.layers.1.mlp.down_proj.weight_scale":      safetensors.F32,
		"model.layers.1.post_attention_layernorm.weight": safetensors.BF16,
	} {
		info, err := ckpt.Info(name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if info.DType != want {
			t.Errorf("%s: dtype %s, want %s", name, info.DType, want)
		}
	}
	if info, _ := ckpt.Info("model.layers.1.mlp.down_proj.weight_scale"); len(info.Shape) != 2 || info.Shape[0] != c.HiddenSize || info.Shape[1] != 1 {
		t.Errorf("down_proj scales have shape %v, want [%d 1]", info.Shape, c.HiddenSize)
	}

	if err := quantize.Int8(context.Background(), dst, t.TempDir(), log); err == nil || !strings.Contains(err.Error(), "already") {
		t.Errorf("quantizing an int8 model: %v, want an error saying it already is", err)
	}
	if err := quantize.Int8(context.Background(), src, src, log); err == nil {
		t.Error("quantized a model in place")
	}
}

// A matrix stored as int8 without its scales is refused with the name of
// what is missing.
func TestLoadInt8WithoutScales(t *testing.T) {
	c, _ := genmodel.Preset("llama", "tiny")
	src, dst := t.TempDir(), t.TempDir()
	log := zaptest.NewLogger(t)
	if err := genmodel.Write(src, c, genmodel.Options{Seed: 4}, log); err != nil {
		t.Fatal(err)
	}
	if err := quantize.Int8(context.Background(), src, dst, log); err != nil {
		t.Fatal(err)
	}
	// Rename the scales in the header (same length, so the file stays valid).
	path := filepath.Join(dst, safetensors.SingleFile)
	b, _ := os.ReadFile(path)
	b = []byte(strings.Replace(string(b), `"model.layers.2.mlp.up_proj.weight_scale"`, `"model.layers.2.mlp.up_proj.weight_scaIe"`, 1))
	os.WriteFile(path, b, 0o644)
	_, err := model.Load(context.Background(), dst, model.Range{End: c.NumHiddenLayers}, nil, log)
	if err == nil || !strings.Contains(err.Error(), `"model.layers.2.mlp.up_proj.weight_scale"`) {
		t.Errorf("loading without scales: %v, want an error naming the missing scales", err)
	}
}
