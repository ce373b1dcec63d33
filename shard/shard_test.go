package shard

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"testing"

	"github.com/computepool/computepool/backend/cpu"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/sample"
)

var archs = []string{"llama", "qwen2", "qwen3"}

// The same model split two and three ways computes the same logits as the
// whole model in one stage, for prefill and cached decode.
func TestShardedEqualsUnsharded(t *testing.T) {
	for _, arch := range archs {
		t.Run(arch, func(t *testing.T) {
			dir := tinyModel(t, arch, safetensors.BF16, nil)
			prompt, cont := randomIDs(9, 512, 1), randomIDs(8, 512, 2)
			opts := Options{Slots: 2, Capacity: 64, ChunkSize: 4}
			whole := teacherForced(t, loadChain(t, dir, opts), prompt, cont)
			for _, cuts := range [][]int{{3}, {2, 4}, {1}} {
				got := teacherForced(t, loadChain(t, dir, opts, cuts...), prompt, cont)
				for i := range whole {
					if d := maxRelDiff(got[i], whole[i]); d > 1e-5 {
						t.Errorf("split at %v, step %d: logits differ by %.2g (relative)", cuts, i, d)
					}
				}
			}
		})
	}
}

// Against the independent NumPy implementation of the Hugging Face modeling
// code: prefill (in chunks) and 20 cached decode steps, f32, bf16 and f16
// checkpoints, all three architectures. Llama's rope scaling is configured
// with a short original context so the 110-token sequence depends on it.
func TestAgainstNumPyReference(t *testing.T) {
	const tolerance = 2e-5 // float32 graph vs float64 reference, relative to max |logit| (measured ≤ 1e-6)
	for _, arch := range archs {
		for _, dtype := range []safetensors.DType{safetensors.F32, safetensors.BF16, safetensors.F16} {
			t.Run(fmt.Sprintf("%s/%s", arch, dtype), func(t *testing.T) {
				shortRope := func(c *model.Config) {
					if c.RopeScaling != nil {
						c.RopeScaling.OriginalMaxPositionEmbeddings = 32
						c.RopeScaling.Factor = 8
					}
				}
				dir := tinyModel(t, arch, dtype, shortRope)
				prompt, cont := randomIDs(90, 512, 3), randomIDs(20, 512, 4)
				ids := append(append([]int32{}, prompt...), cont...)
				got, _ := againstReference(t, dir, prompt, cont, Options{Slots: 1, Capacity: 128, ChunkSize: 16}, tolerance)
				if arch == "llama" {
					// The comparison is only meaningful if rope scaling changes the answer.
					unscaled := reference(t, dir, ids[:len(ids)-1], "--no-rope-scaling")
					last := len(ids) - 2
					d := maxRelDiff(got[len(got)-1], unscaled[last])
					t.Logf("without rope scaling the last position differs by %.2g", d)
					if d < 100*tolerance {
						t.Errorf("rope scaling barely matters at position %d (%.3g): the test would not catch a wrong scaling", last, d)
					}
				}
			})
		}
	}
}

// Four sequences of different lengths decoded in one batch give the same
// logits as each decoded alone.
func TestBatchedEqualsAlone(t *testing.T) {
	dir := tinyModel(t, "qwen3", safetensors.BF16, nil)
	ctx := context.Background()
	prompts := [][]int32{randomIDs(5, 512, 10), randomIDs(11, 512, 11), randomIDs(1, 512, 12), randomIDs(8, 512, 13)}
	steps := 6

	alone := make([][][]float32, len(prompts))
	for i, p := range prompts {
		alone[i] = teacherForced(t, loadChain(t, dir, Options{Slots: 1, Capacity: 32}), p, randomIDs(steps, 512, 20+i))
	}

	st := loadChain(t, dir, Options{Slots: 4, Capacity: 32})[0]
	slots := make([]int, len(prompts))
	for i := range prompts {
		var err error
		if slots[i], err = st.Acquire(); err != nil {
			t.Fatal(err)
		}
	}
	inputs := make([]Input, len(prompts))
	for i, p := range prompts {
		inputs[i] = Input{Slot: slots[i], Tokens: p}
	}
	for step := 0; step <= steps; step++ {
		outs, err := st.Forward(ctx, inputs)
		if err != nil {
			t.Fatal(err)
		}
		for i := range prompts {
			if d := maxRelDiff(outs[i].Logits, alone[i][step]); d > 1e-5 {
				t.Errorf("sequence %d step %d: batched logits differ from alone by %.2g", i, step, d)
			}
			if step < steps {
				inputs[i] = Input{Slot: slots[i], Tokens: randomIDs(steps, 512, 20+i)[step : step+1]}
			}
		}
	}
}

// Generation stops at the first EOS id, and random weights stay numerically
// sane over 100 decode steps (no NaN, no overflow, logits not collapsed).
func TestGenerateStopsAndStaysFinite(t *testing.T) {
	for _, arch := range archs {
		t.Run(arch, func(t *testing.T) {
			dir := tinyModel(t, arch, safetensors.BF16, nil)
			ch := loadChain(t, dir, Options{Slots: 1, Capacity: 128}, 3)
			ctx := context.Background()
			prompt := randomIDs(6, 512, 30)
			var worst float64
			res, err := ch.Generate(ctx, Request{Prompt: prompt, MaxTokens: 100, Sampling: sample.Params{Temperature: 1, Seed: 3}},
				func(step int, logits []float32, _ int32) {
					var sum, sumSq float64
					for _, l := range logits {
						if math.IsNaN(float64(l)) || math.IsInf(float64(l), 0) {
							t.Fatalf("step %d: non-finite logit", step)
						}
						worst = math.Max(worst, math.Abs(float64(l)))
						sum += float64(l)
						sumSq += float64(l) * float64(l)
					}
					mean := sum / float64(len(logits))
					if sd := math.Sqrt(sumSq/float64(len(logits)) - mean*mean); sd < 0.3 {
						t.Errorf("step %d: logits collapsed (std %.3f)", step, sd)
					}
				})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Tokens) != 100 || res.FinishReason != FinishLength {
				t.Fatalf("got %d tokens (%s), want 100 (length)", len(res.Tokens), res.FinishReason)
			}
			if worst > 50 {
				t.Errorf("largest |logit| over 100 steps is %.1f: activations are drifting", worst)
			}
			stop := res.Tokens[40]
			again, err := ch.Generate(ctx, Request{Prompt: prompt, MaxTokens: 100, StopIDs: []int{int(stop)}, Sampling: sample.Params{Temperature: 1, Seed: 3}}, nil)
			if err != nil {
				t.Fatal(err)
			}
			first := slices.Index(res.Tokens, stop)
			if again.FinishReason != FinishStop || len(again.Tokens) != first+1 || !slices.Equal(again.Tokens, res.Tokens[:first+1]) {
				t.Errorf("with stop id %d: got %d tokens (%s), want the same run cut after its first %d", stop, len(again.Tokens), again.FinishReason, first+1)
			}
		})
	}
}

// On the default backend a sequence's logits are bit-identical whether it is
// decoded alone or in a batch of 4 or 16 with other sequences.
func TestBatchInvariantBits(t *testing.T) {
	checkBatchInvariantBits(t, tinyModel(t, "llama", safetensors.BF16, nil))
}

// checkBatchInvariantBits decodes a sequence of the model in dir alone and
// among 3 and 15 others and wants the same logits to the bit.
func checkBatchInvariantBits(t *testing.T, dir string) {
	if testBackend.Name() != "cpu" {
		t.Skipf("bit-identical batching is a property of the cpu backend, not of %s", testBackend.Name())
	}
	ctx := context.Background()
	target := randomIDs(7, 512, 40)
	decode := func(batch int) [][]float32 {
		st := loadChain(t, dir, Options{Slots: batch, Capacity: 32})[0]
		inputs := make([]Input, batch)
		for i := range inputs {
			slot, err := st.Acquire()
			if err != nil {
				t.Fatal(err)
			}
			prompt := target
			if i > 0 {
				prompt = randomIDs(3+i%5, 512, 50+i)
			}
			inputs[i] = Input{Slot: slot, Tokens: prompt}
		}
		var rows [][]float32
		for step := 0; step < 4; step++ {
			outs, err := st.Forward(ctx, inputs)
			if err != nil {
				t.Fatal(err)
			}
			rows = append(rows, slices.Clone(outs[0].Logits)) // the slot reuses its logits buffer
			for i := range inputs {
				inputs[i].Tokens = []int32{int32((step*31 + i*7) % 500)}
			}
		}
		return rows
	}
	alone := decode(1)
	for _, batch := range []int{4, 16} {
		for step, row := range decode(batch) {
			for j := range row {
				if math.Float32bits(row[j]) != math.Float32bits(alone[step][j]) {
					t.Fatalf("batch %d step %d logit %d: %v, alone %v", batch, step, j, row[j], alone[step][j])
				}
			}
		}
	}
}

// A prompt arriving among decoding requests does not pad their step to its
// chunk: the decodes step alone, then the prompt (two steps); a decode among
// prompts rides their step (one). Every sequence gets the logits it would
// get alone either way.
func TestMixedStepRunsDecodesApart(t *testing.T) {
	dir := tinyModel(t, "llama", safetensors.BF16, nil)
	ctx := context.Background()
	for _, c := range []struct {
		name    string
		prompts int // inputs carrying a 12-token prompt; the others (of 8) decode one token
		steps   int
	}{{"one prompt among seven decodes", 1, 2}, {"seven prompts and one decode", 7, 1}} {
		t.Run(c.name, func(t *testing.T) {
			st := loadChain(t, dir, Options{Slots: 8, Capacity: 64, ChunkSize: 16})[0]
			firsts := make([][]int32, 8) // what each slot holds before the mixed step
			nexts := make([][]int32, 8)  // what it gets in the mixed step
			var warm []Input
			slots := make([]int, 8)
			for i := range slots {
				slot, err := st.Acquire()
				if err != nil {
					t.Fatal(err)
				}
				slots[i] = slot
				if i < c.prompts {
					nexts[i] = randomIDs(12, 512, 60+i)
					continue
				}
				firsts[i], nexts[i] = randomIDs(3+i%4, 512, 70+i), randomIDs(1, 512, 80+i)
				warm = append(warm, Input{Slot: slot, Tokens: firsts[i]})
			}
			if len(warm) > 0 {
				if _, err := st.Forward(ctx, warm); err != nil {
					t.Fatal(err)
				}
			}
			steps := 0
			st.testHookCompute = func() { steps++ }
			inputs := make([]Input, 8)
			for i := range inputs {
				inputs[i] = Input{Slot: slots[i], Tokens: nexts[i]}
			}
			outs, err := st.Forward(ctx, inputs)
			if err != nil {
				t.Fatal(err)
			}
			if steps != c.steps {
				t.Errorf("%d steps, want %d", steps, c.steps)
			}
			for i := range inputs {
				alone := teacherForced(t, loadChain(t, dir, Options{Slots: 1, Capacity: 64, ChunkSize: 16}), append(slices.Clone(firsts[i]), nexts[i]...), nil)
				if d := maxRelDiff(outs[i].Logits, alone[0]); d > 1e-5 {
					t.Errorf("sequence %d: logits differ from alone by %.2g", i, d)
				}
			}
		})
	}
}

// A decode step on the cpu backend takes its arrays from the backend's pool
// instead of allocating them: with a 8192-wide MLP, one step's gate, up and
// SwiGLU arrays alone are 6 layers × 3 × 32 KiB = 576 KiB, while the step
// allocates only its bookkeeping (~75 KB of small objects, whatever the
// widths). Other backends allocate freely and are not checked.
func TestDecodeStepAllocatesNoArrays(t *testing.T) {
	if testBackend.Name() != cpu.Name {
		t.Skipf("backend %s: pooling is the cpu backend's", testBackend.Name())
	}
	dir := tinyModel(t, "llama", safetensors.BF16, func(c *model.Config) { c.HiddenSize, c.IntermediateSize = 128, 8192 })
	ctx := context.Background()
	st := loadChain(t, dir, Options{Slots: 1, Capacity: 128, ChunkSize: 16})[0]
	slot, err := st.Acquire()
	if err != nil {
		t.Fatal(err)
	}
	step := func(tokens ...int32) {
		if _, err := st.Forward(ctx, []Input{{Slot: slot, Tokens: tokens}}); err != nil {
			t.Fatal(err)
		}
	}
	step(1, 2, 3, 4)
	for i := 0; i < 5; i++ { // compile, fill the pool
		step(5)
	}
	const steps = 40
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < steps; i++ {
		step(6)
	}
	runtime.ReadMemStats(&after)
	perStep := (after.TotalAlloc - before.TotalAlloc) / steps
	t.Logf("a decode step allocates %d bytes in %d objects", perStep, (after.Mallocs-before.Mallocs)/steps)
	if perStep > 192<<10 {
		t.Errorf("a decode step allocates %d bytes: its arrays (576 KiB of the MLP's alone) do not come from the pool", perStep)
	}
}
