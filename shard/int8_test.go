package shard

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/quantize"
	"github.com/computepool/computepool/safetensors"
)

// int8Model writes a bf16 tiny model of arch and its int8 copy; it returns
// both directories.
func int8Model(t *testing.T, arch string) (bf16, int8 string) {
	t.Helper()
	bf16, int8 = tinyModel(t, arch, safetensors.BF16, nil), t.TempDir()
	if err := quantize.Int8(context.Background(), bf16, int8, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	return bf16, int8
}

// An int8 checkpoint (model/quantize) follows the independent NumPy
// reference, which dequantizes it in float64, as closely as float
// checkpoints do, for all three architectures: the int8 products and the
// row scales are exact arithmetic on the stored values. Its logits stay near
// those of the bf16 model it was quantized from — but not equal, or the
// int8 weights were not what ran — and it reads half the bytes per token.
func TestInt8AgainstReference(t *testing.T) {
	const tolerance = 2e-5 // as TestAgainstNumPyReference
	for _, arch := range archs {
		t.Run(arch, func(t *testing.T) {
			src, dir := int8Model(t, arch)
			prompt, cont := randomIDs(40, 512, 5), randomIDs(12, 512, 6)
			opts := Options{Slots: 1, Capacity: 64, ChunkSize: 16}
			got, _ := againstReference(t, dir, prompt, cont, opts, tolerance)
			float := teacherForced(t, loadChain(t, src, opts), prompt, cont[:len(cont)-1])
			var worst float64
			for i := range got {
				worst = max(worst, maxRelDiff(got[i], float[i]))
			}
			t.Logf("int8 against the bf16 model it came from: %.2g (relative to max |logit|)", worst)
			if worst == 0 || worst > 0.1 {
				t.Errorf("int8 logits differ from the bf16 model's by %.3g: want a quantization error, above 0 and below 0.1", worst)
			}

			i8, b16 := loadWhole(t, dir), loadWhole(t, src)
			if ratio := float64(i8.FileBytes) / float64(b16.FileBytes); ratio > 0.55 {
				t.Errorf("the int8 checkpoint holds %d bytes, %.2f× the bf16 one's %d", i8.FileBytes, ratio, b16.FileBytes)
			}
		})
	}
}

// Batching stays bit-identical with int8 weights.
func TestInt8BatchInvariantBits(t *testing.T) {
	_, dir := int8Model(t, "llama")
	checkBatchInvariantBits(t, dir)
}

func loadWhole(t *testing.T, dir string) *model.Model {
	t.Helper()
	c, err := model.LoadConfig(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Load(context.Background(), dir, model.Range{End: c.NumHiddenLayers}, testBackend, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(m.Close)
	return m
}

// Row scales stored as [out] (some int8 checkpoints do) load as [out, 1]
// ones do: the same logits, bit for bit.
func TestInt8FlatScales(t *testing.T) {
	_, dir := int8Model(t, "qwen3")
	flat := t.TempDir()
	if err := os.CopyFS(flat, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(flat, safetensors.SingleFile)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := binary.LittleEndian.Uint64(b)
	var header map[string]json.RawMessage
	if err := json.Unmarshal(b[8:8+n], &header); err != nil {
		t.Fatal(err)
	}
	flattened := 0
	for name, raw := range header {
		if !strings.HasSuffix(name, model.ScaleSuffix) {
			continue
		}
		var info map[string]any
		json.Unmarshal(raw, &info)
		info["shape"] = info["shape"].([]any)[:1]
		header[name], _ = json.Marshal(info)
		flattened++
	}
	js, _ := json.Marshal(header)
	if flattened == 0 || len(js) > int(n) {
		t.Fatalf("flattened %d scales; header %d bytes, was %d", flattened, len(js), n)
	}
	copy(b[8:], append(js, []byte(strings.Repeat(" ", int(n)-len(js)))...))
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := Options{Slots: 1, Capacity: 32, ChunkSize: 8}
	prompt, cont := randomIDs(9, 512, 7), randomIDs(4, 512, 8)
	want := teacherForced(t, loadChain(t, dir, opts), prompt, cont)
	got := teacherForced(t, loadChain(t, flat, opts), prompt, cont)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Fatalf("step %d: logits differ with [out] scales", i)
		}
	}
}
