package model_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/safetensors"
)

func writeTiny(t *testing.T, arch string, opts genmodel.Options) string {
	t.Helper()
	c, err := genmodel.Preset(arch, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, opts, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func load(t *testing.T, dir string, r model.Range) (*model.Model, error) {
	t.Helper()
	be, err := backend.New(backend.Default)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(context.Background(), dir, r, be, zaptest.NewLogger(t))
	if err == nil {
		t.Cleanup(m.Close)
	}
	return m, err
}

// Each stage reads only the tensors it owns: the embedding only on the
// first, norm and head only on the last, and only its own layers' weights.
func TestStageReadsOnlyItsTensors(t *testing.T) {
	dir := writeTiny(t, "qwen2", genmodel.Options{Seed: 1, MaxShardBytes: 64 << 10}) // several files
	if _, err := os.Stat(filepath.Join(dir, safetensors.IndexFile)); err != nil {
		t.Fatalf("expected a sharded checkpoint: %v", err)
	}
	cases := []struct {
		r             model.Range
		want, wantNot []string
	}{
		{model.Range{Start: 0, End: 2}, []string{"model.embed_tokens.weight", "model.layers.1.self_attn.q_proj.bias"}, []string{"model.norm.weight", "model.layers.2.mlp.up_proj.weight"}},
		{model.Range{Start: 2, End: 4}, []string{"model.layers.2.mlp.up_proj.weight", "model.layers.3.input_layernorm.weight"}, []string{"model.embed_tokens.weight", "model.norm.weight", "model.layers.1.mlp.up_proj.weight", "model.layers.4.mlp.up_proj.weight"}},
		{model.Range{Start: 4, End: 6}, []string{"model.norm.weight", "model.embed_tokens.weight" /* tied head */}, []string{"model.layers.3.mlp.up_proj.weight"}},
	}
	for _, c := range cases {
		m, err := load(t, dir, c.r)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(m.TensorNames, " ")
		for _, w := range c.want {
			if !strings.Contains(got+" ", w+" ") {
				t.Errorf("layers %s: did not read %s", c.r, w)
			}
		}
		for _, w := range c.wantNot {
			if strings.Contains(got+" ", w+" ") {
				t.Errorf("layers %s: read %s, which it does not own", c.r, w)
			}
		}
	}
	half, _ := load(t, dir, model.Range{Start: 2, End: 4})
	whole, _ := load(t, dir, model.Range{Start: 0, End: 6})
	if half.WeightBytes*2 >= whole.WeightBytes {
		t.Errorf("middle third holds %d bytes, whole model %d", half.WeightBytes, whole.WeightBytes)
	}
}

// Bad checkpoints and requests fail with an error naming the file and tensor.
func TestLoadErrors(t *testing.T) {
	editConfig := func(t *testing.T, dir string, edit func(map[string]any)) {
		path := filepath.Join(dir, "config.json")
		var c map[string]any
		b, _ := os.ReadFile(path)
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatal(err)
		}
		edit(c)
		b, _ = json.Marshal(c)
		os.WriteFile(path, b, 0o644)
	}
	rewriteHeader := func(t *testing.T, dir string, edit func(h map[string]map[string]any)) {
		path := filepath.Join(dir, safetensors.SingleFile)
		b, _ := os.ReadFile(path)
		n := binary.LittleEndian.Uint64(b)
		var h map[string]map[string]any
		json.Unmarshal(b[8:8+n], &h)
		edit(h)
		js, _ := json.Marshal(h)
		for len(js) < int(n) {
			js = append(js, ' ')
		}
		if len(js) != int(n) {
			t.Fatalf("edited header grew from %d to %d bytes", n, len(js))
		}
		copy(b[8:], js)
		os.WriteFile(path, b, 0o644)
	}
	cases := []struct {
		name   string
		r      model.Range
		break_ func(t *testing.T, dir string)
		want   []string
	}{
		{"unknown architecture", model.Range{End: 6}, func(t *testing.T, dir string) {
			editConfig(t, dir, func(c map[string]any) { c["architectures"] = []string{"MambaForCausalLM"} })
		}, []string{"config.json", `unknown architecture "MambaForCausalLM"`}},
		{"heads not divisible", model.Range{End: 6}, func(t *testing.T, dir string) {
			editConfig(t, dir, func(c map[string]any) { c["num_key_value_heads"] = 3 })
		}, []string{"num_attention_heads (4) must be divisible by num_key_value_heads (3)"}},
		{"range out of bounds", model.Range{Start: 4, End: 7}, func(*testing.T, string) {}, []string{"layer range 4:7 is out of bounds for a 6-layer model"}},
		{"empty range", model.Range{Start: 3, End: 3}, func(*testing.T, string) {}, []string{"layer range 3:3"}},
		{"missing tensor", model.Range{End: 6}, func(t *testing.T, dir string) {
			rewriteHeader(t, dir, func(h map[string]map[string]any) {
				h["model.layers.3.mlp.gate_proj.weightX"] = h["model.layers.3.mlp.gate_proj.weight"]
				delete(h, "model.layers.3.mlp.gate_proj.weight")
			})
		}, []string{`"model.layers.3.mlp.gate_proj.weight"`}},
		{"shape mismatch", model.Range{End: 6}, func(t *testing.T, dir string) {
			editConfig(t, dir, func(c map[string]any) { c["intermediate_size"] = 96 })
		}, []string{"model.layers.0.mlp.gate_proj.weight", "has shape [128 64], config.json implies [96 64]"}},
		{"dtype mismatch", model.Range{End: 6}, func(t *testing.T, dir string) {
			rewriteHeader(t, dir, func(h map[string]map[string]any) { h["model.norm.weight"]["dtype"] = "I16" })
		}, []string{`"model.norm.weight" has dtype I16`}},
		{"truncated file", model.Range{End: 6}, func(t *testing.T, dir string) {
			path := filepath.Join(dir, safetensors.SingleFile)
			st, _ := os.Stat(path)
			os.Truncate(path, st.Size()-100)
		}, []string{safetensors.SingleFile, "outside the"}},
		{"no weights", model.Range{End: 6}, func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, safetensors.SingleFile))
		}, []string{"holds neither model.safetensors nor model.safetensors.index.json"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := writeTiny(t, "llama", genmodel.Options{DType: safetensors.F16, Seed: 2})
			c.break_(t, dir)
			_, err := load(t, dir, c.r)
			if err == nil {
				t.Fatal("loaded a broken model")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestLlama3RopeScaling(t *testing.T) {
	c, err := genmodel.Preset("llama", "1b")
	if err != nil {
		t.Fatal(err)
	}
	inv := model.InvFrequencies(c)
	c.RopeScaling = nil
	plain := model.InvFrequencies(c)
	// High frequencies (wavelength < 8192/4) unchanged, low ones divided by 32.
	if inv[0] != plain[0] {
		t.Errorf("highest frequency changed: %g vs %g", inv[0], plain[0])
	}
	if last := len(inv) - 1; inv[last] != plain[last]/32 {
		t.Errorf("lowest frequency %g, want %g/32", inv[last], plain[last])
	}
}
