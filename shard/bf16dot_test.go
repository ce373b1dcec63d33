package shard

import (
	"testing"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/safetensors"
)

// With the cpu backend's dot=bf16 option (activations rounded to bf16 for
// VDPBF16PS, as llama.cpp runs bf16 weights) the whole model still follows
// the independent NumPy reference, within bf16's precision, for all three
// architectures; and batching stays bit-identical.
func TestBF16DotAgainstReference(t *testing.T) {
	be, err := backend.New("cpu:dot=bf16")
	if err != nil {
		t.Skipf("dot=bf16 not available here: %v", err)
	}
	saved := testBackend
	testBackend = be
	defer func() { testBackend = saved }()

	// Relative to max |logit|. The float32 path measures ≤ 1e-6 against
	// the reference; rounding each product's activations to 8 significant
	// bits measured 0.006–0.014 here (see the log). Below 1e-4 the pair
	// kernels cannot have run.
	const tolerance, atLeast = 3e-2, 1e-4
	for _, arch := range archs {
		t.Run(arch, func(t *testing.T) {
			dir := tinyModel(t, arch, safetensors.BF16, nil)
			_, worst := againstReference(t, dir, randomIDs(40, 512, 5), randomIDs(12, 512, 6), Options{Slots: 1, Capacity: 64, ChunkSize: 16}, tolerance)
			if worst < atLeast {
				t.Errorf("logits within %.2g of the float32 reference: dot=bf16 did not round the activations", worst)
			}
		})
	}
	t.Run("batch invariance", TestBatchInvariantBits)
}
