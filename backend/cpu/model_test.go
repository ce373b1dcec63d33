package cpu_test

import (
	"context"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/backend/cpu"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/shard"
)

// The model's step graph keeps the shapes attention.go, rope.go,
// rmsnorm.go and siblings.go fuse: a decode step of two sequences fuses
// both sequences' attention, the rotation of queries and keys, every
// RMSNorm, and runs the q/k/v and gate/up products together, for all three
// architectures. (TestFusedAttention, TestFusedRope, TestFusedRMSNorm and
// TestSiblingProducts check the bits.)
func TestModelAttentionIsFused(t *testing.T) {
	be, err := cpu.New("")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, arch := range []string{"llama", "qwen2", "qwen3"} {
		c, err := genmodel.Preset(arch, "tiny")
		if err != nil {
			t.Fatal(err)
		}
		genmodel.ShrinkVocab(c, 512)
		dir := t.TempDir()
		if err := genmodel.Write(dir, c, genmodel.Options{DType: safetensors.BF16, Seed: 1}, zaptest.NewLogger(t)); err != nil {
			t.Fatal(err)
		}
		m, err := model.Load(ctx, dir, model.Range{Start: 0, End: c.NumHiddenLayers}, be, zaptest.NewLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		rt, err := shard.New(m, shard.Options{Slots: 2, Capacity: 32}, zaptest.NewLogger(t))
		if err != nil {
			t.Fatal(err)
		}
		inputs := make([]shard.Input, 2)
		for i := range inputs {
			slot, err := rt.Acquire()
			if err != nil {
				t.Fatal(err)
			}
			inputs[i] = shard.Input{Slot: slot, Tokens: []int32{int32(3 + i), 7, 9}}
		}
		if _, err := rt.Forward(ctx, inputs); err != nil { // prefill
			t.Fatal(err)
		}
		for i := range inputs {
			inputs[i].Tokens = []int32{11}
		}
		before, ropesBefore, normsBefore, siblingsBefore := cpu.FusedAttentions(), cpu.FusedRopes(), cpu.FusedRMSNorms(), cpu.FusedSiblings()
		if _, err := rt.Forward(ctx, inputs); err != nil { // decode: a new graph
			t.Fatal(err)
		}
		if got, want := cpu.FusedAttentions()-before, int64(2*c.NumHiddenLayers); got != want {
			t.Errorf("%s: %d sequence attentions fused in a 2-sequence decode step of %d layers, want %d: model/decoder.go's attend no longer matches backend/cpu/attention.go",
				arch, got, c.NumHiddenLayers, want)
		}
		if got, want := cpu.FusedRopes()-ropesBefore, int64(2*c.NumHiddenLayers); got != want {
			t.Errorf("%s: %d rotations fused in a decode step of %d layers, want %d (queries and keys): model/decoder.go's applyRope no longer matches backend/cpu/rope.go",
				arch, got, c.NumHiddenLayers, want)
		}
		// Two norms a layer and the final one, and Qwen3's norms of queries and keys.
		wantNorms := int64(2*c.NumHiddenLayers + 1)
		if c.Arch.QKNorm {
			wantNorms += int64(2 * c.NumHiddenLayers)
		}
		// Keys and values join the queries' product, up joins gate's.
		if got, want := cpu.FusedSiblings()-siblingsBefore, int64(3*c.NumHiddenLayers); got != want {
			t.Errorf("%s: %d products joined a sibling in a decode step of %d layers, want %d: backend/cpu/siblings.go no longer finds q/k/v and gate/up",
				arch, got, c.NumHiddenLayers, want)
		}
		if got := cpu.FusedRMSNorms() - normsBefore; got != wantNorms {
			t.Errorf("%s: %d RMSNorms fused in a decode step of %d layers, want %d: model/decoder.go's rmsNorm no longer matches backend/cpu/rmsnorm.go",
				arch, got, c.NumHiddenLayers, wantNorms)
		}
		rt.Close()
		m.Close()
	}
}
