package pool_test

import (
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// memLoader holds nothing, records what it was asked.
type memLoader struct {
	mu     sync.Mutex
	loaded map[string]activities.LoadRequest
}

func newMemLoader() *memLoader { return &memLoader{loaded: map[string]activities.LoadRequest{}} }

func (l *memLoader) Load(_ context.Context, r activities.LoadRequest, progress func(string)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	progress("loaded")
	l.loaded[r.Pool] = r
	return nil
}

func (l *memLoader) Unload(_ context.Context, pool string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.loaded, pool)
	return nil
}

func (l *memLoader) holds(pool string) (activities.LoadRequest, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.loaded[pool]
	return r, ok
}

func queryState(ctx context.Context, t *testing.T, c client.Client, id string) pool.State {
	t.Helper()
	v, err := c.QueryWorkflow(ctx, id, "", pool.QueryState)
	require.NoError(t, err)
	var s pool.Snapshot
	require.NoError(t, v.Get(&s))
	return s.State
}

func update(ctx context.Context, t *testing.T, c client.Client, id, name string, args ...any) pool.State {
	t.Helper()
	h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: name, Args: args,
		WaitForStage: client.WorkflowUpdateStageCompleted})
	require.NoError(t, err, name)
	var st pool.State
	require.NoError(t, h.Get(ctx, &st), name)
	return st
}

// On a real Temporal server and the dev chain: a 2-node pool with a
// standby, three providers staked. Node n1's shard worker stops answering;
// its missed heartbeats become evidence, its provider is slashed by exactly
// SlashAmount once (the first Slash attempt "dies" after its transaction is
// mined; the retry finds the evidence used and sends nothing), the Slashed
// event carries the recorded evidence hash, the standby loads n1's layers
// and the stream moves from n1's provider to the standby's. Other stakes
// are intact.
func TestSlashOnRealServerAndChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))

	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 4})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	opts := chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second}
	op, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, opts)
	require.NoError(t, err)
	chainActs := &activities.Chain{Tx: op, Deployments: dev.Deployments, Log: log}

	// The coalition (operator = arbiter) and three providers' stakes.
	const name = "p-slash"
	key := activities.PoolKey(name)
	co := bindings.NewCoalition()
	_, err = op.Send(ctx, dev.Deployments.Coalition, co.PackCreatePool(key, op.Address(), op.Address(), big.NewInt(100), 86400, 5000), nil)
	require.NoError(t, err)
	providers := map[string]common.Address{"n0": dev.Accounts[1], "n1": dev.Accounts[2], "n2": dev.Accounts[3]}
	for i := 1; i <= 3; i++ {
		tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(i), log, opts)
		require.NoError(t, err)
		_, err = tr.Send(ctx, dev.Deployments.ComputeUSD, bindings.NewComputeUSD().PackApprove(dev.Deployments.Coalition, big.NewInt(60)), nil)
		require.NoError(t, err)
		_, err = tr.Send(ctx, dev.Deployments.Coalition, co.PackStake(key, big.NewInt(60)), nil)
		require.NoError(t, err)
	}
	stake := func(a common.Address) int64 {
		out, err := op.Call(ctx, dev.Deployments.Coalition, co.PackMember(key, a))
		require.NoError(t, err)
		m, err := co.UnpackMember(out)
		require.NoError(t, err)
		return m.Stake.Int64()
	}
	flow := func(a common.Address) int64 {
		r, err := chainActs.Flowrate(ctx, a)
		require.NoError(t, err)
		return r.Int64()
	}

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	var slashCalls, slashSends atomic.Int32
	crashAfterSend := func(ctx context.Context, r activities.SlashRequest) (activities.SlashResult, error) {
		n := slashCalls.Add(1)
		res, err := chainActs.Slash(ctx, r)
		if err == nil && !res.AlreadySlashed {
			slashSends.Add(1)
		}
		if n == 1 && err == nil {
			return res, errors.New("worker died before reporting the slash")
		}
		return res, err
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(pool.Workflow, workflow.RegisterOptions{Name: pool.WorkflowName})
		r.RegisterActivityWithOptions(chainActs.EnsureCoalition, activity.RegisterOptions{Name: "EnsureCoalition"})
		r.RegisterActivityWithOptions(chainActs.SetStreams, activity.RegisterOptions{Name: "SetStreams"})
		r.RegisterActivityWithOptions(crashAfterSend, activity.RegisterOptions{Name: "Slash"})
	})
	hosts := map[string]*memLoader{}
	shardWorkers := map[string]worker.Worker{}
	for _, id := range []string{"n0", "n1", "n2"} {
		hosts[id] = newMemLoader()
		w := worker.New(c, activities.ShardTaskQueue(id), worker.Options{})
		workers.RegisterShard(w, &activities.Shard{Loader: hosts[id], Log: log})
		require.NoError(t, w.Start())
		shardWorkers[id] = w
	}
	defer func() {
		for id, w := range shardWorkers {
			if id != "n1" {
				w.Stop()
			}
		}
	}()

	id := pool.WorkflowID(name)
	_, err = c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue}, pool.WorkflowName,
		pool.Input{Config: pool.Config{Name: name, Model: "tiny", NumLayers: 16, StakeThreshold: "100", FlowratePerSecond: "10",
			SlashAmount: "25", RetryInitialInterval: 100 * time.Millisecond, HeartbeatTimeout: 5 * time.Second,
			Health: pool.HealthPolicy{Interval: 300 * time.Millisecond, Timeout: 2 * time.Second, MaxMissed: 3}}})
	require.NoError(t, err)
	update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n0", Provider: providers["n0"].Hex(), LayerStart: 0, LayerEnd: 8})
	update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n1", Provider: providers["n1"].Hex(), LayerStart: 8, LayerEnd: 16})
	update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n2", Provider: providers["n2"].Hex(), Standby: true})
	update(ctx, t, c, id, pool.UpdateInitialize)
	st := update(ctx, t, c, id, pool.UpdateLoad)
	require.Equal(t, pool.StatusReady, st.Status)
	require.Equal(t, int64(10), flow(providers["n1"]))
	require.Zero(t, flow(providers["n2"]), "a standby is not paid")

	time.Sleep(time.Second) // a few answered probes: no evidence
	require.Empty(t, queryState(ctx, t, c, id).Evidence)

	shardWorkers["n1"].Stop() // n1's host goes silent
	require.Eventually(t, func() bool {
		s := queryState(ctx, t, c, id)
		return len(s.Evidence) == 1 && s.Status == pool.StatusReady && len(s.Nodes) == 2 && s.Nodes[1].ID == "n2"
	}, 60*time.Second, 100*time.Millisecond)
	st = queryState(ctx, t, c, id)
	rec := st.Evidence[0]
	require.NoError(t, pool.VerifyEvidence(rec))
	require.Equal(t, pool.EvidenceMissedHeartbeats, rec.Evidence.Kind)
	require.Equal(t, "n1", rec.Evidence.NodeID)
	require.Equal(t, pool.EvidenceSlashed, rec.Status, rec.Error)
	require.True(t, rec.AlreadySlashed, "the retry found the first attempt's slash on chain")
	require.Equal(t, "35", rec.StakeAfter)
	require.Equal(t, "n1", st.Slashed[0].ID)

	require.Equal(t, int32(2), slashCalls.Load())
	require.Equal(t, int32(1), slashSends.Load(), "one slash transaction")
	require.Equal(t, int64(60-25), stake(providers["n1"]), "slashed by exactly the amount, once")
	require.Equal(t, int64(60), stake(providers["n0"]))
	require.Equal(t, int64(60), stake(providers["n2"]))
	used, err := chainActs.EvidenceUsed(ctx, name, rec.Hash)
	require.NoError(t, err)
	require.True(t, used)
	logs, err := dev.Client.FilterLogs(ctx, ethereum.FilterQuery{Addresses: []common.Address{dev.Deployments.Coalition},
		Topics: [][]common.Hash{{co.GetABI().Events["Slashed"].ID}}})
	require.NoError(t, err)
	require.Len(t, logs, 1, "one Slashed event")
	ev, err := co.UnpackSlashedEvent(&logs[0])
	require.NoError(t, err)
	require.Equal(t, rec.Hash, common.Hash(ev.Evidence).Hex(), "the chain names the recorded evidence")

	// The standby holds n1's layers and is paid; n1's provider is not.
	r, ok := hosts["n2"].holds(name)
	require.True(t, ok)
	require.Equal(t, [2]int{8, 16}, [2]int{r.LayerStart, r.LayerEnd})
	require.Zero(t, flow(providers["n1"]))
	require.Equal(t, int64(10), flow(providers["n2"]))
	require.Equal(t, int64(10), flow(providers["n0"]))

	// Slashing again for the same evidence sends nothing.
	res, err := chainActs.Slash(ctx, activities.SlashRequest{Pool: name, Provider: providers["n1"].Hex(), Amount: "25", Evidence: rec.Hash})
	require.NoError(t, err)
	require.True(t, res.AlreadySlashed)
	require.Equal(t, int64(35), stake(providers["n1"]))

	st = update(ctx, t, c, id, pool.UpdateUnload)
	require.Equal(t, pool.StatusWiring, st.Status)
	for _, p := range providers {
		require.Zero(t, flow(p), "no stream left open")
	}
	update(ctx, t, c, id, pool.UpdateClose)
	replayLive(ctx, t, c, id, "slash")
}

// replayLive replays the pool's finished history against the code and
// records it for TestPoolReplaysRecordedHistories when
// COMPUTEPOOL_RECORD_HISTORY=1.
func replayLive(ctx context.Context, t *testing.T, c client.Client, id, name string) {
	t.Helper()
	it := c.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
	h := &historypb.History{}
	for it.HasNext() {
		e, err := it.Next()
		require.NoError(t, err)
		h.Events = append(h.Events, e)
	}
	r := worker.NewWorkflowReplayer()
	r.RegisterWorkflowWithOptions(pool.Workflow, workflow.RegisterOptions{Name: pool.WorkflowName})
	require.NoError(t, r.ReplayWorkflowHistory(nil, h))
	if os.Getenv("COMPUTEPOOL_RECORD_HISTORY") == "1" {
		b, err := temporalproto.CustomJSONMarshalOptions{Indent: " "}.Marshal(h)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join("testdata", "history-"+name+".json"), b, 0o644))
	}
}
