package pool

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"

	"github.com/computepool/computepool/activities"
)

const provC = "0x00000000000000000000000000000000000000c3"

// fakeChain and fakeHosts record what the workflow asked of the chain and
// the shard hosts (SDK test suite: the activities are replaced, the
// workflow is the real one).
type slashEnv struct {
	env *testsuite.TestWorkflowEnvironment

	mu      sync.Mutex
	streams []activities.StreamRequest
	slashes []activities.SlashRequest
	loads   []activities.LoadRequest
	unloads []string // task queues
	down    map[string]bool
	lost    map[string]bool // answers without its layers
	badDisk map[string]bool // loads fail
	probes  map[string]int
	// probeErr: ShardHealth answers this error (the host is up).
	probeErr map[string]error
	held     map[string]LayerRange // what each host loaded last
	// arith: the arithmetic each host reports; it refuses a load for
	// another, as activities.Shard does.
	arith map[string]string
	// slashErr, when set, is what Slash returns.
	slashErr error
	// recompute answers RecomputeStep on the verifier's task queue tq.
	recompute func(tq string, r activities.RecomputeRequest) (activities.RecomputeResult, error)
}

func newSlashEnv(t *testing.T) *slashEnv {
	var s testsuite.WorkflowTestSuite
	e := &slashEnv{env: s.NewTestWorkflowEnvironment(), down: map[string]bool{}, lost: map[string]bool{}, badDisk: map[string]bool{},
		probes: map[string]int{}, probeErr: map[string]error{}, held: map[string]LayerRange{}, arith: map[string]string{}}
	var ch *activities.Chain
	var sh *activities.Shard
	env := e.env
	env.OnActivity(ch.EnsureCoalition, mock.Anything, mock.Anything).Return(activities.CoalitionStatus{Active: true}, nil)
	env.OnActivity(ch.SetStreams, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.StreamRequest) (activities.StreamStatus, error) {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.streams = append(e.streams, r)
		return activities.StreamStatus{}, nil
	})
	env.OnActivity(ch.Slash, mock.Anything, mock.Anything).Return(func(_ context.Context, r activities.SlashRequest) (activities.SlashResult, error) {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.slashes = append(e.slashes, r)
		if e.slashErr != nil {
			return activities.SlashResult{}, e.slashErr
		}
		return activities.SlashResult{TxHash: "0xt", Stake: "40"}, nil
	})
	env.OnActivity(sh.LoadShard, mock.Anything, mock.Anything).Return(func(ctx context.Context, r activities.LoadRequest) (activities.LoadResult, error) {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.loads = append(e.loads, r)
		tq := activity.GetInfo(ctx).TaskQueue
		if e.badDisk[tq] {
			return activities.LoadResult{}, errors.New("disk gone")
		}
		if a := e.arith[tq]; r.Arithmetic != "" && a != "" && a != r.Arithmetic {
			return activities.LoadResult{}, temporal.NewNonRetryableApplicationError("computes "+a, activities.ErrArithmeticMismatch, nil)
		}
		delete(e.lost, tq)
		e.held[tq] = LayerRange{Start: r.LayerStart, End: r.LayerEnd}
		return activities.LoadResult{NodeID: r.NodeID, Arithmetic: e.arith[tq]}, nil
	})
	env.OnActivity(sh.UnloadShard, mock.Anything, mock.Anything).Return(func(ctx context.Context, _ string) error {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.unloads = append(e.unloads, activity.GetInfo(ctx).TaskQueue)
		return nil
	})
	env.OnActivity(sh.ShardHealth, mock.Anything, mock.Anything).Return(func(ctx context.Context, pool string) (activities.Health, error) {
		e.mu.Lock()
		defer e.mu.Unlock()
		tq := activity.GetInfo(ctx).TaskQueue
		e.probes[tq]++
		if e.down[tq] {
			return activities.Health{}, temporal.NewTimeoutError(enumspb.TIMEOUT_TYPE_SCHEDULE_TO_START, nil) // as a probe that timed out
		}
		if err := e.probeErr[tq]; err != nil {
			return activities.Health{}, err
		}
		if e.lost[tq] {
			return activities.Health{Pool: pool}, nil
		}
		h := e.held[tq]
		return activities.Health{Pool: pool, Loaded: true, LayerStart: h.Start, LayerEnd: h.End}, nil
	})
	env.OnActivity(sh.RecomputeStep, mock.Anything, mock.Anything).Return(func(ctx context.Context, r activities.RecomputeRequest) (activities.RecomputeResult, error) {
		return e.recompute(activity.GetInfo(ctx).TaskQueue, r)
	})
	return e
}

func (e *slashEnv) setDown(node string, down bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.down[activities.ShardTaskQueue(node)] = down
}

func (e *slashEnv) streamCalls() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []string
	for _, r := range e.streams {
		rs := slices.Clone(r.Receivers)
		slices.Sort(rs)
		out = append(out, r.FlowratePerSecond+" "+stringsJoin(rs))
	}
	return out
}

func stringsJoin(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ","
		}
		out += x[len(x)-2:]
	}
	return out
}

// setup: nodes a (0:8), b (8:16), standby c if withStandby; initialized
// and loaded by 4 s of virtual time.
func (e *slashEnv) setup(t *testing.T, withStandby bool) {
	var r [5]updateResult
	update(e.env, 1*time.Second, UpdateAddNode, &r[0], Node{ID: "a", Provider: provA, LayerStart: 0, LayerEnd: 8})
	update(e.env, 1500*time.Millisecond, UpdateAddNode, &r[1], Node{ID: "b", Provider: provB, LayerStart: 8, LayerEnd: 16})
	if withStandby {
		update(e.env, 2*time.Second, UpdateAddNode, &r[2], Node{ID: "c", Provider: provC, Standby: true})
	}
	update(e.env, 3*time.Second, UpdateInitialize, &r[3])
	update(e.env, 4*time.Second, UpdateLoad, &r[4])
	e.env.RegisterDelayedCallback(func() {
		for i, x := range r {
			if i == 2 && !withStandby {
				continue
			}
			require.True(t, x.done, "setup update %d", i)
			require.NoError(t, x.rejected, "setup update %d", i)
			require.NoError(t, x.err, "setup update %d", i)
		}
	}, 5*time.Second)
}

func slashConfig() Config {
	c := testConfig()
	c.SlashAmount = "20"
	c.Health = HealthPolicy{Interval: 10 * time.Second, MaxMissed: 3}
	return c
}

// Node b stops answering its health probes: after 3 misses past the grace
// the evidence is recorded, b's provider slashed once with its hash, b
// marked slashed and freed, b's stream closed, standby c loads b's layers
// and is paid, and the pool is ready again. A single miss of a (answered
// the next round) is not evidence.
func TestSlashMissedHeartbeatsReplacesWithStandby(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	e.env.RegisterDelayedCallback(func() { e.setDown("a", true) }, 6*time.Second)
	e.env.RegisterDelayedCallback(func() { e.setDown("a", false) }, 16*time.Second)
	e.env.RegisterDelayedCallback(func() { e.setDown("b", true) }, 30*time.Second)
	var mid, after State
	e.env.RegisterDelayedCallback(func() { mid = query(t, e.env) }, 25*time.Second)
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 3*time.Minute)
	e.env.ExecuteWorkflow(Workflow, Input{Config: slashConfig()})

	require.Empty(t, mid.Evidence, "one missed probe is within the grace")
	require.Len(t, after.Evidence, 1)
	rec := after.Evidence[0]
	require.NoError(t, VerifyEvidence(rec))
	require.Equal(t, EvidenceMissedHeartbeats, rec.Evidence.Kind)
	require.Equal(t, "b", rec.Evidence.NodeID)
	require.Equal(t, provB, rec.Evidence.Provider)
	require.Len(t, rec.Evidence.MissedProbes, 3)
	require.Equal(t, EvidenceSlashed, rec.Status)
	require.Equal(t, "c", rec.Replacement)
	require.Equal(t, []activities.SlashRequest{{Pool: "p1", Provider: provB, Amount: "20", Evidence: rec.Hash}}, e.slashes, "slashed once, with the recorded hash")

	require.Equal(t, StatusReady, after.Status)
	require.Len(t, after.Slashed, 1)
	require.Equal(t, rec.Hash, after.Slashed[0].Slashed)
	require.Empty(t, after.Standby)
	require.Empty(t, after.Vacant)
	require.Equal(t, []string{"a", "c"}, []string{after.Nodes[0].ID, after.Nodes[1].ID})
	require.Equal(t, 8, after.Nodes[1].LayerStart)
	require.Equal(t, 16, after.Nodes[1].LayerEnd)
	require.True(t, after.Nodes[1].Loaded)
	require.Contains(t, e.loads, activities.LoadRequest{Pool: "p1", NodeID: "c", Model: "llama-1b", LayerStart: 8, LayerEnd: 16})
	require.Contains(t, e.unloads, activities.ShardTaskQueue("b"), "the slashed host is told to free its layers")
	require.Equal(t, []string{"10 a1,b2", "0 b2", "10 a1,c3"}, e.streamCalls())
	require.True(t, after.StreamOpen)
}

// Without a standby the slashed node's range is vacant and the pool
// degraded with its stream closed; a standby added later takes the range
// and the pool is ready and paid again.
func TestSlashWithoutStandbyDegradesUntilOneIsAdded(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, false)
	e.env.RegisterDelayedCallback(func() { e.setDown("b", true) }, 6*time.Second)
	var degraded, after State
	var add updateResult
	e.env.RegisterDelayedCallback(func() { degraded = query(t, e.env) }, 2*time.Minute)
	update(e.env, 3*time.Minute, UpdateAddNode, &add, Node{ID: "c", Provider: provC, Standby: true})
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 4*time.Minute)
	e.env.ExecuteWorkflow(Workflow, Input{Config: slashConfig()})

	require.Equal(t, StatusDegraded, degraded.Status)
	require.Equal(t, []LayerRange{{Start: 8, End: 16}}, degraded.Vacant)
	require.False(t, degraded.StreamOpen)
	require.Len(t, degraded.Evidence, 1)
	require.Len(t, e.slashes, 1)
	require.NoError(t, add.rejected)
	require.NoError(t, add.err)
	require.Equal(t, StatusReady, after.Status)
	require.Empty(t, after.Vacant)
	require.Equal(t, "c", after.Nodes[1].ID)
	require.Equal(t, []string{"10 a1,b2", "0 b2", "0 a1", "10 a1,c3"}, e.streamCalls())
	require.Len(t, e.slashes, 1, "never twice")
}

// A fault report (no evidence) degrades the pool and never slashes; no
// probes run when the policy has none.
func TestFaultReportWithoutEvidenceDoesNotSlash(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	var fault updateResult
	update(e.env, 10*time.Second, UpdateReportFault, &fault, Fault{NodeID: "b", Reason: "stage_down"})
	var after State
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 5*time.Minute)
	cfg := slashConfig()
	cfg.Health = HealthPolicy{}
	e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.NoError(t, fault.err)
	require.Equal(t, StatusDegraded, after.Status)
	require.Empty(t, after.Evidence)
	require.Empty(t, after.Slashed)
	require.Empty(t, e.slashes, "no evidence, no slash")
	require.Empty(t, e.probes)
	require.Len(t, after.Nodes, 2)
	require.Len(t, after.Standby, 1)
}

// A sampled step is recomputed on the standby: an agreeing answer records
// nothing; a failed recomputation proves nothing; a different output is
// wrong_result evidence (sample, verifier and both hashes in the record)
// and slashes. Invalid samples are rejected by the validator.
func TestWrongResultIsVerifiedBeforeSlashing(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	var verifiers []string
	e.recompute = func(_ string, r activities.RecomputeRequest) (activities.RecomputeResult, error) {
		verifiers = append(verifiers, r.Sample.NodeID)
		switch r.Sample.RequestID {
		case "agree":
			return activities.RecomputeResult{OutputHash: r.Sample.OutputHash}, nil
		case "broken":
			return activities.RecomputeResult{}, errors.New("verifier out of memory")
		}
		return activities.RecomputeResult{OutputHash: "0xgood"}, nil
	}
	sample := func(id string) activities.StepSample {
		return activities.StepSample{NodeID: "b", RequestID: id, Position: 7, InputRef: "blob://in", InputHash: "0xin", OutputHash: "0xbad"}
	}
	var bad, unknown, agree, broken, wrong updateResult
	update(e.env, 10*time.Second, UpdateReportWrongResult, &bad, activities.StepSample{NodeID: "b"})
	update(e.env, 11*time.Second, UpdateReportWrongResult, &unknown, activities.StepSample{NodeID: "zz", InputRef: "x", InputHash: "x", OutputHash: "x"})
	update(e.env, 12*time.Second, UpdateReportWrongResult, &agree, sample("agree"))
	update(e.env, 13*time.Second, UpdateReportWrongResult, &broken, sample("broken"))
	var mid, after State
	midSlashes := -1
	e.env.RegisterDelayedCallback(func() { mid = query(t, e.env); midSlashes = len(e.slashes) }, 2*time.Minute)
	update(e.env, 3*time.Minute, UpdateReportWrongResult, &wrong, sample("wrong"))
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 5*time.Minute)
	cfg := slashConfig()
	cfg.Health = HealthPolicy{}
	cfg.RetryInitialInterval = time.Millisecond
	e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.ErrorContains(t, bad.rejected, "needs its input")
	require.ErrorContains(t, unknown.rejected, "not in pool")
	require.NoError(t, agree.err)
	require.ErrorContains(t, broken.err, "out of memory")
	require.Empty(t, mid.Evidence, "agreement and a failed recomputation are no evidence")
	require.Equal(t, StatusReady, mid.Status)
	require.Zero(t, midSlashes)

	require.NoError(t, wrong.err)
	require.Len(t, after.Evidence, 1)
	rec := after.Evidence[0]
	require.NoError(t, VerifyEvidence(rec))
	require.Equal(t, EvidenceWrongResult, rec.Evidence.Kind)
	require.Equal(t, "c", rec.Evidence.Verifier)
	require.Equal(t, "0xgood", rec.Evidence.RecomputedHash)
	require.Equal(t, "0xbad", rec.Evidence.Sample.OutputHash)
	require.Equal(t, 8, rec.Evidence.Sample.LayerStart, "the range the node was given")
	require.Equal(t, []activities.SlashRequest{{Pool: "p1", Provider: provB, Amount: "20", Evidence: rec.Hash}}, e.slashes)
	// The standby verified, then took b's place.
	require.Equal(t, StatusReady, after.Status)
	require.Equal(t, "c", after.Nodes[1].ID)
	require.Equal(t, "b", after.Slashed[0].ID)
}

// A verifier that cannot recompute — another arithmetic than the pool's
// (the standby here), or no recomputer — passes the step to the next host
// (the node after the accused); the evidence names who verified. Where
// nobody can, nothing is recorded.
func TestWrongResultFallsBackToAnotherVerifier(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	var asked []string
	var nobody atomic.Bool // no host can verify
	nobody.Store(true)
	e.recompute = func(tq string, r activities.RecomputeRequest) (activities.RecomputeResult, error) {
		asked = append(asked, tq)
		if tq == activities.ShardTaskQueue("c") || nobody.Load() {
			return activities.RecomputeResult{}, temporal.NewNonRetryableApplicationError("computes cpu/dot=bf16", activities.ErrArithmeticMismatch, nil)
		}
		return activities.RecomputeResult{OutputHash: "0xgood"}, nil
	}
	sample := activities.StepSample{NodeID: "b", RequestID: "r", Position: 3, InputRef: "blob://in", InputHash: "0xin", OutputHash: "0xbad"}
	var unverified, wrong updateResult
	var mid, after State
	update(e.env, 10*time.Second, UpdateReportWrongResult, &unverified, sample)
	e.env.RegisterDelayedCallback(func() { mid = query(t, e.env); nobody.Store(false) }, time.Minute)
	update(e.env, 2*time.Minute, UpdateReportWrongResult, &wrong, sample)
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 5*time.Minute)
	cfg := slashConfig()
	cfg.Health = HealthPolicy{}
	cfg.RetryInitialInterval = time.Millisecond
	e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.ErrorContains(t, unverified.err, "cpu/dot=bf16")
	require.Empty(t, mid.Evidence, "nobody could recompute: no proof")
	require.NoError(t, wrong.err)
	require.Equal(t, []string{activities.ShardTaskQueue("c"), activities.ShardTaskQueue("a"), // the first report
		activities.ShardTaskQueue("c"), activities.ShardTaskQueue("a")}, asked)
	require.Len(t, after.Evidence, 1)
	require.Equal(t, "a", after.Evidence[0].Evidence.Verifier)
	require.Equal(t, "0xgood", after.Evidence[0].Evidence.RecomputedHash)
}

// Evidence is recorded even where nothing can be slashed (no amount
// configured): the record says why, and the node is still replaced.
func TestEvidenceWithoutSlashAmountIsRecordedNotSlashed(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	e.env.RegisterDelayedCallback(func() { e.setDown("b", true) }, 6*time.Second)
	var after State
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 3*time.Minute)
	cfg := slashConfig()
	cfg.SlashAmount = ""
	e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.Len(t, after.Evidence, 1)
	require.Equal(t, EvidenceNotSlashed, after.Evidence[0].Status)
	require.Contains(t, after.Evidence[0].Error, "no slash amount")
	require.Empty(t, e.slashes)
	require.Equal(t, StatusReady, after.Status)
	require.Equal(t, "c", after.Nodes[1].ID)
}

func TestEvidenceHash(t *testing.T) {
	r, err := NewEvidenceRecord(Evidence{Kind: EvidenceWrongResult, Pool: "p", NodeID: "n"})
	require.NoError(t, err)
	require.NoError(t, VerifyEvidence(r))
	require.Regexp(t, `^0x[0-9a-f]{64}$`, r.Hash)
	r.JSON += " "
	require.Error(t, VerifyEvidence(r))
}

// A host that answers its probe without its layers (a restarted shard
// process) is loaded again and the pool stays ready; one that cannot load
// them is a fault — the pool is degraded, nobody is slashed.
func TestHostThatLostItsLayersIsReloaded(t *testing.T) {
	for _, fail := range []bool{false, true} {
		e := newSlashEnv(t)
		e.setup(t, true)
		e.env.RegisterDelayedCallback(func() {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.lost[activities.ShardTaskQueue("b")] = true
			e.badDisk[activities.ShardTaskQueue("b")] = fail
		}, 6*time.Second)
		var after State
		e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 2*time.Minute)
		cfg := slashConfig()
		cfg.RetryInitialInterval = time.Millisecond
		e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

		bLoads := 0
		for _, r := range e.loads {
			if r.NodeID == "b" {
				bLoads++
			}
		}
		require.Empty(t, after.Evidence, "answering is a heartbeat: no evidence")
		require.Empty(t, e.slashes)
		if !fail {
			require.Equal(t, 2, bLoads, "loaded again")
			require.Equal(t, StatusReady, after.Status)
			require.True(t, after.Nodes[1].Loaded)
			continue
		}
		require.Equal(t, 1+3, bLoads, "one load, then a reload tried 3 times")
		require.Equal(t, StatusDegraded, after.Status)
		require.False(t, after.StreamOpen)
		require.Contains(t, after.Faults[len(after.Faults)-1].Reason, "disk gone")
	}
}

// A standby of another arithmetic cannot take a slashed node's layers: it
// refuses the pool's, the range stays vacant (degraded) and the pool keeps
// its arithmetic. In a pool whose nodes' arithmetic is unknown (loaded by
// hosts that did not say), a promoted standby does not make its own the
// pool's: the others could differ.
func TestStandbyOfAnotherArithmetic(t *testing.T) {
	for _, known := range []bool{true, false} {
		e := newSlashEnv(t)
		if known {
			e.arith[activities.ShardTaskQueue("a")] = "cpu/dot=f32"
			e.arith[activities.ShardTaskQueue("b")] = "cpu/dot=f32"
		}
		e.arith[activities.ShardTaskQueue("c")] = "cpu/dot=bf16"
		e.setup(t, true)
		var loaded State
		e.env.RegisterDelayedCallback(func() { loaded = query(t, e.env); e.setDown("b", true) }, 6*time.Second)
		var after State
		e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 3*time.Minute)
		cfg := slashConfig()
		cfg.RetryInitialInterval = time.Millisecond
		e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

		require.Len(t, after.Evidence, 1, "b's missed heartbeats")
		if known {
			require.Equal(t, "cpu/dot=f32", loaded.Arithmetic)
			require.Equal(t, "cpu/dot=f32", after.Arithmetic, "kept")
			require.Equal(t, StatusDegraded, after.Status)
			require.Equal(t, []LayerRange{{Start: 8, End: 16}}, after.Vacant)
			require.Contains(t, after.LastError, "computes cpu/dot=bf16")
			continue
		}
		require.Empty(t, loaded.Arithmetic)
		require.Empty(t, after.Arithmetic, "not learnt from the standby alone")
		require.Equal(t, StatusReady, after.Status)
		require.Equal(t, "c", after.Nodes[1].ID)
	}
}

// With a second standby of the pool's arithmetic, the one that refuses
// makes way at once: the pool is ready again on the second, the first is
// back in the standby list.
func TestNextStandbyTakesOverWhenOneRefuses(t *testing.T) {
	e := newSlashEnv(t)
	for _, id := range []string{"a", "b", "d"} {
		e.arith[activities.ShardTaskQueue(id)] = "cpu/dot=f32"
	}
	e.arith[activities.ShardTaskQueue("c")] = "cpu/dot=bf16"
	var addD updateResult
	update(e.env, 2500*time.Millisecond, UpdateAddNode, &addD, Node{ID: "d", Provider: "0x00000000000000000000000000000000000000d4", Standby: true})
	e.setup(t, true)
	e.env.RegisterDelayedCallback(func() { e.setDown("b", true) }, 6*time.Second)
	var after State
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 3*time.Minute)
	cfg := slashConfig()
	cfg.RetryInitialInterval = time.Millisecond
	e.env.ExecuteWorkflow(Workflow, Input{Config: cfg})

	require.NoError(t, addD.err)
	require.Len(t, after.Evidence, 1)
	require.Equal(t, StatusReady, after.Status, after.LastError)
	require.Empty(t, after.Vacant)
	require.Equal(t, "d", after.Nodes[1].ID)
	require.Equal(t, []string{"c"}, []string{after.Standby[0].ID})
	require.Equal(t, "cpu/dot=f32", after.Arithmetic)
}

// A slash the chain refuses (non-retryable: the provider's stake is gone)
// leaves the record slash_failed with the reason (the memo shows it); the
// node is still taken out and replaced.
func TestSlashRefusedByChainIsRecorded(t *testing.T) {
	e := newSlashEnv(t)
	e.slashErr = temporal.NewNonRetryableApplicationError("reverted: InsufficientStake(20, 0)", activities.ErrSlashRejected, nil)
	e.setup(t, true)
	e.env.RegisterDelayedCallback(func() { e.setDown("b", true) }, 6*time.Second)
	var after State
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 3*time.Minute)
	e.env.ExecuteWorkflow(Workflow, Input{Config: slashConfig()})

	require.Len(t, e.slashes, 1, "not retried")
	require.Len(t, after.Evidence, 1)
	require.Equal(t, EvidenceSlashFailed, after.Evidence[0].Status)
	require.Contains(t, after.Evidence[0].Error, "InsufficientStake")
	require.Equal(t, StatusReady, after.Status)
	require.Equal(t, "c", after.Nodes[1].ID)
	require.Equal(t, "b", after.Slashed[0].ID)
}

// A host that answers its probe with an error (an older binary without
// ShardHealth, a panicking activity) is up: the probe is not a missed
// heartbeat. The error is a fault — the pool is degraded, its stream
// closed — and nobody is slashed, however long it lasts.
func TestProbeErrorIsAFaultNotAMissedHeartbeat(t *testing.T) {
	for _, perr := range []error{
		temporal.NewApplicationError("unable to find activityType=ShardHealth. Supported types: [LoadShard UnloadShard]", "ActivityNotRegisteredError"),
		temporal.NewApplicationError("activity panic: runtime error: index out of range", "PanicError"),
	} {
		e := newSlashEnv(t)
		e.setup(t, true)
		e.env.RegisterDelayedCallback(func() {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.probeErr[activities.ShardTaskQueue("b")] = perr
		}, 6*time.Second)
		var after State
		e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 5*time.Minute)
		e.env.ExecuteWorkflow(Workflow, Input{Config: slashConfig()})

		require.Empty(t, e.slashes, "a host that answers is never slashed")
		require.Empty(t, after.Evidence)
		require.Empty(t, after.Slashed)
		require.Equal(t, StatusDegraded, after.Status)
		require.False(t, after.StreamOpen)
		require.Equal(t, []string{"a", "b"}, []string{after.Nodes[0].ID, after.Nodes[1].ID})
		require.Empty(t, after.Nodes[1].Missed)
		require.NotEmpty(t, after.Faults)
		require.Equal(t, "b", after.Faults[len(after.Faults)-1].NodeID)
		require.Contains(t, after.Faults[len(after.Faults)-1].Reason, perr.(*temporal.ApplicationError).Message())
		require.Len(t, after.Standby, 1, "the standby is kept")
	}
}

// A host that answers holding another range than its node's (its last load
// failed after the old layers were freed, another pool's load replaced
// them) is loaded again with the node's range; nobody is slashed.
func TestHostHoldingAnotherRangeIsReloaded(t *testing.T) {
	e := newSlashEnv(t)
	e.setup(t, true)
	e.env.RegisterDelayedCallback(func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.held[activities.ShardTaskQueue("b")] = LayerRange{Start: 0, End: 4}
	}, 6*time.Second)
	var after State
	e.env.RegisterDelayedCallback(func() { after = query(t, e.env); e.env.CancelWorkflow() }, 2*time.Minute)
	e.env.ExecuteWorkflow(Workflow, Input{Config: slashConfig()})

	bLoads := 0
	for _, r := range e.loads {
		if r.NodeID == "b" {
			bLoads++
			require.Equal(t, 8, r.LayerStart)
			require.Equal(t, 16, r.LayerEnd)
		}
	}
	require.Equal(t, 2, bLoads, "loaded again with its own range")
	require.Equal(t, LayerRange{Start: 8, End: 16}, e.held[activities.ShardTaskQueue("b")])
	require.Empty(t, after.Evidence)
	require.Empty(t, e.slashes)
	require.Equal(t, StatusReady, after.Status)
}
