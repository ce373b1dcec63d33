package pool

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/workflow"

	"github.com/computepool/computepool/activities"
)

type updateResult struct {
	rejected error
	err      error
	state    State
	done     bool
}

// update sends an update at virtual time `at` and records the outcome.
func update(env *testsuite.TestWorkflowEnvironment, at time.Duration, name string, out *updateResult, args ...any) {
	env.RegisterDelayedCallback(func() {
		env.UpdateWorkflow(name, "", &testsuite.TestUpdateCallback{
			OnAccept: func() {},
			OnReject: func(err error) { out.rejected = err; out.done = true },
			OnComplete: func(v any, err error) {
				out.done, out.err = true, err
				if s, ok := v.(State); ok {
					out.state = s
				}
			},
		}, args...)
	}, at)
}

func query(t *testing.T, env *testsuite.TestWorkflowEnvironment) State {
	t.Helper()
	v, err := env.QueryWorkflow(QueryState)
	require.NoError(t, err)
	var s Snapshot
	require.NoError(t, v.Get(&s))
	return s.State
}

const (
	provA = "0x00000000000000000000000000000000000000a1"
	provB = "0x00000000000000000000000000000000000000b2"
)

func testConfig() Config {
	return Config{Name: "p1", Model: "llama-1b", Owner: "alice", NumLayers: 16, StakeThreshold: "100", FlowratePerSecond: "10"}
}

func TestPoolHappyPath(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var ch *activities.Chain
	var sh *activities.Shard
	env.OnActivity(ch.EnsureCoalition, mock.Anything, mock.MatchedBy(func(r activities.CoalitionRequest) bool {
		return r.Pool == "p1" && len(r.Providers) == 2 && r.Threshold == "100"
	})).Return(activities.CoalitionStatus{Active: true}, nil).Once()
	env.OnActivity(ch.SetStreams, mock.Anything, mock.MatchedBy(func(r activities.StreamRequest) bool { return r.FlowratePerSecond == "10" })).
		Return(activities.StreamStatus{Changed: 2}, nil).Once()
	env.OnActivity(ch.SetStreams, mock.Anything, mock.MatchedBy(func(r activities.StreamRequest) bool { return r.FlowratePerSecond == "0" })).
		Return(activities.StreamStatus{Changed: 2}, nil).Once()
	var mu sync.Mutex // the shards load in parallel
	var loaded []activities.LoadRequest
	env.OnActivity(sh.LoadShard, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.LoadRequest) (activities.LoadResult, error) {
		mu.Lock()
		defer mu.Unlock()
		loaded = append(loaded, r)
		return activities.LoadResult{NodeID: r.NodeID}, nil
	}).Twice()
	env.OnActivity(sh.UnloadShard, mock.Anything, "p1").Return(nil).Twice()

	var addA, addB, ini, load, usage, unload, closeR updateResult
	var seen []string
	snap := func() { seen = append(seen, query(t, env).Status) }
	update(env, 1*time.Second, UpdateAddNode, &addA, Node{ID: "a", Provider: provA, MemoryMB: 3000})
	update(env, 2*time.Second, UpdateAddNode, &addB, Node{ID: "b", Provider: provB, MemoryMB: 1000})
	update(env, 3*time.Second, UpdateInitialize, &ini)
	env.RegisterDelayedCallback(snap, 4*time.Second)
	update(env, 5*time.Second, UpdateLoad, &load)
	env.RegisterDelayedCallback(snap, 6*time.Second)
	update(env, 7*time.Second, UpdateReportUsage, &usage, Usage{Requests: 2, Tokens: 40})
	env.RegisterDelayedCallback(snap, 8*time.Second)
	update(env, 9*time.Second, UpdateUnload, &unload)
	env.RegisterDelayedCallback(snap, 10*time.Second)
	update(env, 11*time.Second, UpdateClose, &closeR)

	env.ExecuteWorkflow(Workflow, Input{Config: testConfig()})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	for _, r := range []*updateResult{&addA, &addB, &ini, &load, &usage, &unload, &closeR} {
		require.True(t, r.done)
		require.NoError(t, r.rejected)
		require.NoError(t, r.err)
	}
	require.Equal(t, []string{StatusWiring, StatusReady, StatusServing, StatusWiring}, seen)
	// 16 layers split 3:1 by memory.
	slices.SortFunc(loaded, func(a, b activities.LoadRequest) int { return strings.Compare(a.NodeID, b.NodeID) })
	require.Equal(t, []activities.LoadRequest{
		{Pool: "p1", NodeID: "a", Model: "llama-1b", LayerStart: 0, LayerEnd: 12},
		{Pool: "p1", NodeID: "b", Model: "llama-1b", LayerStart: 12, LayerEnd: 16},
	}, loaded)
	require.Equal(t, int64(40), usage.state.Tokens)
	require.True(t, load.state.StreamOpen)
	require.False(t, unload.state.StreamOpen)
	var final State
	require.NoError(t, env.GetWorkflowResult(&final))
	require.Equal(t, StatusClosed, final.Status)
	env.AssertExpectations(t)
}

// A shard that fails to load: the saga unloads every shard and closes the
// stream it opened, and the pool goes back to wiring with the error.
func TestPoolLoadFailureCompensates(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var ch *activities.Chain
	var sh *activities.Shard
	env.OnActivity(ch.EnsureCoalition, mock.Anything, mock.Anything).Return(activities.CoalitionStatus{Active: true}, nil)
	var rates []string
	env.OnActivity(ch.SetStreams, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.StreamRequest) (activities.StreamStatus, error) {
		rates = append(rates, r.FlowratePerSecond)
		return activities.StreamStatus{}, nil
	})
	env.OnActivity(sh.LoadShard, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.LoadRequest) (activities.LoadResult, error) {
		if r.NodeID == "b" {
			return activities.LoadResult{}, errors.New("out of memory")
		}
		return activities.LoadResult{NodeID: r.NodeID}, nil
	})
	var unloads atomic.Int32 // the shards unload in parallel
	env.OnActivity(sh.UnloadShard, mock.Anything, "p1").Return(func(_ context.Context, _ string) error { unloads.Add(1); return nil })

	var r1, r2, ini, load updateResult
	update(env, 1*time.Second, UpdateAddNode, &r1, Node{ID: "a", Provider: provA, LayerStart: 0, LayerEnd: 8})
	update(env, 2*time.Second, UpdateAddNode, &r2, Node{ID: "b", Provider: provB, LayerStart: 8, LayerEnd: 16})
	update(env, 3*time.Second, UpdateInitialize, &ini)
	update(env, 4*time.Second, UpdateLoad, &load)
	var after State
	env.RegisterDelayedCallback(func() { after = query(t, env); env.CancelWorkflow() }, time.Hour)
	env.ExecuteWorkflow(Workflow, Input{Config: testConfig()})

	require.NoError(t, ini.err)
	require.Error(t, load.err)
	require.Contains(t, load.err.Error(), "out of memory")
	require.Equal(t, []string{"10", "0"}, rates, "the stream opened for loading is closed again")
	require.Equal(t, int32(2), unloads.Load(), "every shard is unloaded")
	require.Equal(t, StatusWiring, after.Status)
	require.False(t, after.StreamOpen)
	require.Contains(t, after.LastError, "out of memory")
	for _, n := range after.Nodes {
		require.False(t, n.Loaded)
	}
}

// Nodes that compute different bits cannot share a pool (a verifier would
// slash the honest one whose arithmetic it does not share): the second
// node's load fails naming both arithmetics, the saga unloads, and once
// its host computes the pool's bits the pool loads and records them.
func TestPoolRefusesMixedArithmetic(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var ch *activities.Chain
	var sh *activities.Shard
	env.OnActivity(ch.EnsureCoalition, mock.Anything, mock.Anything).Return(activities.CoalitionStatus{Active: true}, nil)
	env.OnActivity(ch.SetStreams, mock.Anything, mock.Anything).Return(activities.StreamStatus{}, nil)
	var mu sync.Mutex // the shards load in parallel
	arith := map[string]string{"a": "cpu/dot=f32", "b": "cpu/dot=bf16"}
	env.OnActivity(sh.LoadShard, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.LoadRequest) (activities.LoadResult, error) {
		mu.Lock()
		defer mu.Unlock()
		return activities.LoadResult{NodeID: r.NodeID, Arithmetic: arith[r.NodeID]}, nil
	})
	env.OnActivity(sh.UnloadShard, mock.Anything, "p1").Return(nil)

	var r1, r2, ini, mixed, same updateResult
	var afterMixed State
	update(env, 1*time.Second, UpdateAddNode, &r1, Node{ID: "a", Provider: provA, LayerStart: 0, LayerEnd: 8})
	update(env, 2*time.Second, UpdateAddNode, &r2, Node{ID: "b", Provider: provB, LayerStart: 8, LayerEnd: 16})
	update(env, 3*time.Second, UpdateInitialize, &ini)
	update(env, 4*time.Second, UpdateLoad, &mixed)
	env.RegisterDelayedCallback(func() {
		afterMixed = query(t, env)
		mu.Lock()
		arith["b"] = "cpu/dot=f32" // b's shard restarted with the default backend
		mu.Unlock()
	}, 5*time.Second)
	update(env, 6*time.Second, UpdateLoad, &same)
	env.RegisterDelayedCallback(env.CancelWorkflow, time.Hour)
	env.ExecuteWorkflow(Workflow, Input{Config: testConfig()})

	require.NoError(t, ini.err)
	require.Error(t, mixed.err)
	require.Contains(t, mixed.err.Error(), `node b computes "cpu/dot=bf16" but the pool's nodes compute "cpu/dot=f32"`)
	require.Equal(t, StatusWiring, afterMixed.Status)
	require.Empty(t, afterMixed.Arithmetic, "unloaded: the next load may bring other hosts")
	require.NoError(t, same.err)
	require.Equal(t, StatusReady, same.state.Status)
	require.Equal(t, "cpu/dot=f32", same.state.Arithmetic)
}

// Bad requests are rejected by the validators: they never run.
func TestPoolInvalidUpdatesRejected(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var initEmpty, ok, dup, overlap, badRange, loadEarly, usageEarly, removeMissing, emptyID updateResult
	update(env, 500*time.Millisecond, UpdateInitialize, &initEmpty)
	update(env, 1*time.Second, UpdateAddNode, &ok, Node{ID: "a", LayerStart: 0, LayerEnd: 8})
	update(env, 2*time.Second, UpdateAddNode, &dup, Node{ID: "a", LayerStart: 8, LayerEnd: 16})
	update(env, 3*time.Second, UpdateAddNode, &overlap, Node{ID: "b", LayerStart: 4, LayerEnd: 12})
	update(env, 4*time.Second, UpdateAddNode, &badRange, Node{ID: "c", LayerStart: 8, LayerEnd: 40})
	update(env, 5*time.Second, UpdateLoad, &loadEarly)
	update(env, 6*time.Second, UpdateReportUsage, &usageEarly, Usage{Tokens: 1})
	update(env, 7*time.Second, UpdateRemoveNode, &removeMissing, "zz")
	update(env, 8*time.Second, UpdateAddNode, &emptyID, Node{})
	var after State
	env.RegisterDelayedCallback(func() { after = query(t, env); env.CancelWorkflow() }, time.Hour)
	cfg := testConfig()
	env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.NoError(t, ok.rejected)
	for name, r := range map[string]*updateResult{"dup": &dup, "overlap": &overlap, "range": &badRange, "load": &loadEarly,
		"usage": &usageEarly, "remove": &removeMissing, "empty": &emptyID, "init": &initEmpty} {
		require.True(t, r.done, name)
		require.Error(t, r.rejected, name)
	}
	require.Contains(t, overlap.rejected.Error(), "overlap")
	require.Contains(t, initEmpty.rejected.Error(), "no nodes")
	require.Contains(t, loadEarly.rejected.Error(), "is created, want wiring")
	require.Len(t, after.Nodes, 1)
	require.Equal(t, 1, after.Events, "rejected updates are not events")
}

// After MaxEvents the workflow continues as new, carrying its state.
func TestPoolContinueAsNew(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a, b, c updateResult
	update(env, 1*time.Second, UpdateAddNode, &a, Node{ID: "a", LayerStart: 0, LayerEnd: 4})
	update(env, 2*time.Second, UpdateAddNode, &b, Node{ID: "b", LayerStart: 4, LayerEnd: 8})
	update(env, 3*time.Second, UpdateAddNode, &c, Node{ID: "c", LayerStart: 8, LayerEnd: 16})
	cfg := testConfig()
	cfg.MaxEvents = 3
	env.ExecuteWorkflow(Workflow, Input{Config: cfg})
	require.True(t, env.IsWorkflowCompleted())
	var can *workflow.ContinueAsNewError
	require.ErrorAs(t, env.GetWorkflowError(), &can)
	require.Equal(t, WorkflowName, can.WorkflowType.Name)
	// The carried state: run it as the next generation.
	env2 := s.NewTestWorkflowEnvironment()
	var in Input
	require.NoError(t, converterGet(can, &in))
	require.Len(t, in.State.Nodes, 3)
	var st State
	env2.RegisterDelayedCallback(func() { st = query(t, env2); env2.CancelWorkflow() }, time.Minute)
	env2.ExecuteWorkflow(Workflow, in)
	require.Equal(t, 1, st.Runs)
	require.Equal(t, 0, st.Events)
	require.Len(t, st.Nodes, 3)
}

func TestAssignLayers(t *testing.T) {
	got, err := AssignLayers([]Node{{ID: "a", MemoryMB: 1}, {ID: "b", MemoryMB: 1}, {ID: "c", MemoryMB: 2}}, 16)
	require.NoError(t, err)
	require.Equal(t, [][2]int{{0, 4}, {4, 8}, {8, 16}}, [][2]int{{got[0].LayerStart, got[0].LayerEnd}, {got[1].LayerStart, got[1].LayerEnd}, {got[2].LayerStart, got[2].LayerEnd}})
	_, err = AssignLayers([]Node{{ID: "a", LayerStart: 0, LayerEnd: 8}, {ID: "b", LayerStart: 9, LayerEnd: 16}}, 16)
	require.ErrorContains(t, err, "not covered")
	_, err = AssignLayers([]Node{{ID: "a", LayerStart: 0, LayerEnd: 8}}, 16)
	require.ErrorContains(t, err, "8:16 are not covered")
	got, err = AssignLayers([]Node{{ID: "a", MemoryMB: 100000}, {ID: "b", MemoryMB: 1}}, 2)
	require.NoError(t, err)
	require.Equal(t, 1, got[1].LayerEnd-got[1].LayerStart, "every node gets a layer")
}

func converterGet(can *workflow.ContinueAsNewError, in *Input) error {
	return converter.GetDefaultDataConverter().FromPayloads(can.Input, in)
}
