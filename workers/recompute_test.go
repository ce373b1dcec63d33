package workers

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/shard"
)

// served runs a step as a serving stage does (its own runtime, several
// slots, the step batched with another sequence) and hashes the output.
func served(t *testing.T, dir string, r model.Range, in shard.Input, other shard.Input) string {
	return servedWith(t, dir, r, shard.Options{Slots: 8}, in, other)
}

func servedWith(t *testing.T, dir string, r model.Range, opts shard.Options, in shard.Input, other shard.Input) string {
	t.Helper()
	be, err := backend.New("")
	require.NoError(t, err)
	m, err := model.Load(context.Background(), dir, r, be, zap.NewNop())
	require.NoError(t, err)
	defer m.Close()
	rt, err := shard.New(m, opts, zap.NewNop())
	require.NoError(t, err)
	defer rt.Close()
	a, err := rt.Acquire()
	require.NoError(t, err)
	b, err := rt.Acquire()
	require.NoError(t, err)
	in.Slot, other.Slot = a, b
	outs, err := rt.Forward(context.Background(), []shard.Input{other, in})
	require.NoError(t, err)
	if r.IsLast(m.Config) {
		return HashFloat32(outs[1].Logits)
	}
	return HashFloat32(outs[1].Hidden)
}

// A sampled step recomputed by another host (ModelLoader.Recompute, through
// the RecomputeStep activity) hashes exactly as the serving stage's output
// — a first, a middle and a last range — so an honest node is never
// accused; a tampered input is refused as a bad sample (no evidence).
func TestRecomputeMatchesServingStage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "m")
	cfg, err := genmodel.Preset("llama", "tiny")
	require.NoError(t, err)
	require.NoError(t, genmodel.Write(dir, cfg, genmodel.Options{Seed: 4}, zap.NewNop()))
	be, err := backend.New("")
	require.NoError(t, err)
	sh := &activities.Shard{Loader: &ModelLoader{Backend: be, Log: zap.NewNop()}, Log: zap.NewNop()}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(sh.RecomputeStep)

	rng := rand.New(rand.NewPCG(1, 2))
	hidden := func(n int) []float32 {
		v := make([]float32, n*cfg.HiddenSize)
		for i := range v {
			v[i] = float32(rng.NormFloat64())
		}
		return v
	}
	const n = 5
	tokens := []float32{1, 17, 300, 4096, 99}
	for _, c := range []struct {
		r  model.Range
		in []float32
	}{
		{model.Range{Start: 0, End: 2}, tokens},
		{model.Range{Start: 2, End: 4}, hidden(n)},
		{model.Range{Start: 3, End: cfg.NumHiddenLayers}, hidden(n)},
	} {
		path := filepath.Join(t.TempDir(), "in.npy")
		if c.r.IsFirst() {
			require.NoError(t, npy.WriteFloat32(path, c.in, n))
		} else {
			require.NoError(t, npy.WriteFloat32(path, c.in, n, cfg.HiddenSize))
		}
		in, other := shard.Input{Hidden: c.in}, shard.Input{Hidden: hidden(3)}
		if c.r.IsFirst() {
			in = shard.Input{Tokens: []int32{1, 17, 300, 4096, 99}}
			other = shard.Input{Tokens: []int32{7, 8, 9}}
		}
		want := served(t, dir, c.r, in, other)
		sample := activities.StepSample{NodeID: "n1", RequestID: "r", Position: n - 1, LayerStart: c.r.Start, LayerEnd: c.r.End,
			InputRef: "file://" + path, InputHash: HashFloat32(c.in), OutputHash: want}
		v, err := env.ExecuteActivity(sh.RecomputeStep, activities.RecomputeRequest{Pool: "p", Model: dir, Sample: sample})
		require.NoError(t, err, c.r)
		var res activities.RecomputeResult
		require.NoError(t, v.Get(&res))
		require.Equal(t, want, res.OutputHash, "layers %s: the verifier agrees with an honest stage", c.r)

		sample.InputHash = HashFloat32(tokens[:1])
		_, err = env.ExecuteActivity(sh.RecomputeStep, activities.RecomputeRequest{Pool: "p", Model: dir, Sample: sample})
		var ae *temporal.ApplicationError
		require.ErrorAs(t, err, &ae)
		require.Equal(t, ErrBadSample, ae.Type())
	}
}

// A pool whose shards serve with --capacity and --chunk other than the
// defaults: the verifier recomputes with the same options (ModelLoader's
// Options, a shard process's own) and agrees with an honest stage.
func TestRecomputeUsesThePoolsServingOptions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "m")
	cfg, err := genmodel.Preset("llama", "tiny")
	require.NoError(t, err)
	require.NoError(t, genmodel.Write(dir, cfg, genmodel.Options{Seed: 5}, zap.NewNop()))
	be, err := backend.New("")
	require.NoError(t, err)
	opts := shard.Options{Slots: 4, Capacity: 96, ChunkSize: 3}
	var used []shard.Options
	newRuntime = func(m *model.Model, o shard.Options, log *zap.Logger) (*shard.Runtime, error) {
		used = append(used, o)
		return shard.New(m, o, log)
	}
	defer func() { newRuntime = shard.New }()
	sh := &activities.Shard{Loader: &ModelLoader{Backend: be, Options: opts, Log: zap.NewNop()}, Log: zap.NewNop()}
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	env.RegisterActivity(sh.RecomputeStep)

	tokens := []int32{1, 17, 300, 4096, 99, 5, 6, 7, 8, 9, 10}
	in := make([]float32, len(tokens))
	for i, x := range tokens {
		in[i] = float32(x)
	}
	r := model.Range{Start: 0, End: 2}
	want := servedWith(t, dir, r, opts, shard.Input{Tokens: tokens}, shard.Input{Tokens: []int32{7, 8, 9}})
	path := filepath.Join(t.TempDir(), "in.npy")
	require.NoError(t, npy.WriteFloat32(path, in, len(in)))
	sample := activities.StepSample{NodeID: "n1", RequestID: "r", Position: len(tokens) - 1, LayerStart: r.Start, LayerEnd: r.End,
		InputRef: "file://" + path, InputHash: HashFloat32(in), OutputHash: want}
	v, err := env.ExecuteActivity(sh.RecomputeStep, activities.RecomputeRequest{Pool: "p", Model: dir, Sample: sample})
	require.NoError(t, err)
	var res activities.RecomputeResult
	require.NoError(t, v.Get(&res))
	require.Equal(t, want, res.OutputHash, "the verifier agrees with an honest stage of capacity 96, chunks of 3")
	require.Equal(t, []shard.Options{{Slots: 1, Capacity: 96, ChunkSize: 3}}, used, "the verifier runs the step with the pool's capacity and chunk size")
}
