package activities

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
	"go.uber.org/zap"
)

type countingLoader struct {
	loads, unloads int
	fail           error
}

func (l *countingLoader) Load(_ context.Context, _ LoadRequest, progress func(string)) error {
	progress("half")
	if l.fail != nil {
		return l.fail
	}
	l.loads++
	return nil
}

func (l *countingLoader) Unload(context.Context, string) error { l.unloads++; return nil }

// A retried load of the same range does not load twice; another range of
// the same pool frees the old one first; unload is idempotent.
func TestShardLoadIsIdempotent(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	l := &countingLoader{}
	sh := &Shard{Loader: l, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	env.RegisterActivity(sh.UnloadShard)
	req := LoadRequest{Pool: "p", NodeID: "n0", Model: "m", LayerStart: 0, LayerEnd: 8}

	v, err := env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	var r LoadResult
	require.NoError(t, v.Get(&r))
	require.False(t, r.AlreadyLoaded)
	v, err = env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	require.NoError(t, v.Get(&r))
	require.True(t, r.AlreadyLoaded)
	require.Equal(t, 1, l.loads)

	req.LayerEnd = 4
	_, err = env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	require.Equal(t, 2, l.loads)
	require.Equal(t, 1, l.unloads, "the old range is freed first")

	_, err = env.ExecuteActivity(sh.UnloadShard, "p")
	require.NoError(t, err)
	_, err = env.ExecuteActivity(sh.UnloadShard, "p")
	require.NoError(t, err)

	l.fail = errors.New("disk full")
	_, err = env.ExecuteActivity(sh.LoadShard, req)
	require.ErrorContains(t, err, "disk full")
	require.ErrorContains(t, err, "node n0")
}

func TestPoolKeyAndQueue(t *testing.T) {
	require.NotEqual(t, PoolKey("a"), PoolKey("b"))
	require.Equal(t, "computepool-shard/n0", ShardTaskQueue("n0"))
}

// The health probe reports what the host holds; a host whose loader
// cannot recompute refuses verification for good (no evidence follows).
func TestShardHealthAndRecomputeRefusal(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	sh := &Shard{Loader: &countingLoader{}, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	env.RegisterActivity(sh.ShardHealth)
	env.RegisterActivity(sh.RecomputeStep)
	v, err := env.ExecuteActivity(sh.ShardHealth, "p")
	require.NoError(t, err)
	var h Health
	require.NoError(t, v.Get(&h))
	require.False(t, h.Loaded)
	_, err = env.ExecuteActivity(sh.LoadShard, LoadRequest{Pool: "p", NodeID: "n0", LayerStart: 2, LayerEnd: 6})
	require.NoError(t, err)
	v, err = env.ExecuteActivity(sh.ShardHealth, "p")
	require.NoError(t, err)
	require.NoError(t, v.Get(&h))
	require.Equal(t, Health{Pool: "p", Loaded: true, LayerStart: 2, LayerEnd: 6}, h)

	_, err = env.ExecuteActivity(sh.RecomputeStep, RecomputeRequest{Pool: "p"})
	var ae *temporal.ApplicationError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, ErrCannotRecompute, ae.Type())
	require.True(t, ae.NonRetryable())
}

type rewiringLoader struct {
	countingLoader
	rewires    int
	failRewire bool
}

func (l *rewiringLoader) Rewire(context.Context, LoadRequest) error {
	if l.failRewire {
		return errors.New("stage stuck")
	}
	l.rewires++
	return nil
}

// A load that changes only the next stage rewires a Rewirer without
// reloading; a failed rewire falls back to unload + load.
func TestShardRewiresWhenOnlyNextChanges(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	l := &rewiringLoader{}
	sh := &Shard{Loader: l, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	req := LoadRequest{Pool: "p", NodeID: "n0", Model: "m", LayerStart: 0, LayerEnd: 8, Next: "aa"}
	_, err := env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	req.Next = "bb"
	v, err := env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	var r LoadResult
	require.NoError(t, v.Get(&r))
	require.True(t, r.Rewired)
	require.Equal(t, 1, l.loads)
	require.Equal(t, 0, l.unloads)
	require.Equal(t, 1, l.rewires)

	l.failRewire = true
	req.Next = "cc"
	v, err = env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	r = LoadResult{}
	require.NoError(t, v.Get(&r))
	require.False(t, r.Rewired)
	require.Equal(t, 2, l.loads, "reloaded")
	require.Equal(t, 1, l.unloads)
}

// A load of another range that fails after the old range was freed leaves
// nothing loaded: the probe says so, and loading the old range again loads
// it (no AlreadyLoaded for layers the host no longer holds).
func TestShardFailedReloadForgetsTheOldRange(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	l := &countingLoader{}
	sh := &Shard{Loader: l, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	env.RegisterActivity(sh.ShardHealth)
	old := LoadRequest{Pool: "p", NodeID: "n0", Model: "m", LayerStart: 0, LayerEnd: 8}
	_, err := env.ExecuteActivity(sh.LoadShard, old)
	require.NoError(t, err)

	l.fail = errors.New("disk full")
	moved := old
	moved.LayerEnd = 4
	_, err = env.ExecuteActivity(sh.LoadShard, moved)
	require.ErrorContains(t, err, "disk full")
	require.Equal(t, 1, l.unloads, "the old range was freed")

	v, err := env.ExecuteActivity(sh.ShardHealth, "p")
	require.NoError(t, err)
	var h Health
	require.NoError(t, v.Get(&h))
	require.Equal(t, Health{Pool: "p"}, h, "nothing is held after the failed load")

	l.fail = nil
	v, err = env.ExecuteActivity(sh.LoadShard, old)
	require.NoError(t, err)
	var r LoadResult
	require.NoError(t, v.Get(&r))
	require.False(t, r.AlreadyLoaded, "the old range is loaded again")
	require.Equal(t, 2, l.loads)
}

// oneStageLoader serves one pool at a time, like a shard process: loading
// another pool drops the first.
type oneStageLoader struct {
	countingLoader
	cur *LoadRequest
}

func (l *oneStageLoader) Load(ctx context.Context, req LoadRequest, progress func(string)) error {
	l.cur = nil
	if err := l.countingLoader.Load(ctx, req, progress); err != nil {
		return err
	}
	l.cur = &req
	return nil
}

func (l *oneStageLoader) Holds(pool string) (LoadRequest, bool) {
	if l.cur == nil || l.cur.Pool != pool {
		return LoadRequest{}, false
	}
	return *l.cur, true
}

// A Holder's word wins: pool a's stage, dropped when the process loaded
// pool b, is not reported loaded and is loaded again when asked.
func TestShardAsksAHolderWhatItHolds(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	l := &oneStageLoader{}
	sh := &Shard{Loader: l, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	env.RegisterActivity(sh.ShardHealth)
	a := LoadRequest{Pool: "a", NodeID: "n0", Model: "m", LayerStart: 0, LayerEnd: 8}
	b := LoadRequest{Pool: "b", NodeID: "n0", Model: "m", LayerStart: 8, LayerEnd: 16}
	for _, r := range []LoadRequest{a, b} {
		_, err := env.ExecuteActivity(sh.LoadShard, r)
		require.NoError(t, err)
	}
	health := func(pool string) Health {
		v, err := env.ExecuteActivity(sh.ShardHealth, pool)
		require.NoError(t, err)
		var h Health
		require.NoError(t, v.Get(&h))
		return h
	}
	require.Equal(t, Health{Pool: "a"}, health("a"), "pool a's stage was dropped")
	require.Equal(t, Health{Pool: "b", Loaded: true, LayerStart: 8, LayerEnd: 16}, health("b"))
	v, err := env.ExecuteActivity(sh.LoadShard, a)
	require.NoError(t, err)
	var r LoadResult
	require.NoError(t, v.Get(&r))
	require.False(t, r.AlreadyLoaded)
	require.Equal(t, 3, l.loads)
}

// arithmeticLoader computes "cpu/dot=f32" and can recompute steps.
type arithmeticLoader struct {
	countingLoader
	recomputes int
}

func (l *arithmeticLoader) Arithmetic() string { return "cpu/dot=f32" }

func (l *arithmeticLoader) Recompute(context.Context, RecomputeRequest) (string, error) {
	l.recomputes++
	return "0xabc", nil
}

// A host reports its arithmetic and refuses to load or verify for a pool of
// another one (non-retryable: retrying cannot change its CPU); a reload
// request that only learnt the pool's arithmetic is the same stage.
func TestShardArithmetic(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestActivityEnvironment()
	l := &arithmeticLoader{}
	sh := &Shard{Loader: l, Log: zap.NewNop()}
	env.RegisterActivity(sh.LoadShard)
	env.RegisterActivity(sh.RecomputeStep)
	req := LoadRequest{Pool: "p", NodeID: "n0", Model: "m", LayerStart: 0, LayerEnd: 8}

	v, err := env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	var r LoadResult
	require.NoError(t, v.Get(&r))
	require.Equal(t, "cpu/dot=f32", r.Arithmetic)
	req.Arithmetic = "cpu/dot=f32"
	v, err = env.ExecuteActivity(sh.LoadShard, req)
	require.NoError(t, err)
	require.NoError(t, v.Get(&r))
	require.True(t, r.AlreadyLoaded)
	require.Equal(t, 1, l.loads)

	nonRetryable := func(err error) {
		t.Helper()
		var ae *temporal.ApplicationError
		require.ErrorAs(t, err, &ae)
		require.Equal(t, ErrArithmeticMismatch, ae.Type())
		require.True(t, ae.NonRetryable())
		require.ErrorContains(t, err, `computes "cpu/dot=f32" but pool "p"'s nodes compute "cpu/dot=bf16"`)
	}
	req.Arithmetic, req.LayerEnd = "cpu/dot=bf16", 4
	_, err = env.ExecuteActivity(sh.LoadShard, req)
	nonRetryable(err)
	require.Equal(t, 1, l.loads)

	_, err = env.ExecuteActivity(sh.RecomputeStep, RecomputeRequest{Pool: "p", Arithmetic: "cpu/dot=bf16"})
	nonRetryable(err)
	require.Zero(t, l.recomputes)
	v, err = env.ExecuteActivity(sh.RecomputeStep, RecomputeRequest{Pool: "p", Arithmetic: "cpu/dot=f32"})
	require.NoError(t, err)
	var res RecomputeResult
	require.NoError(t, v.Get(&res))
	require.Equal(t, "0xabc", res.OutputHash)
}
