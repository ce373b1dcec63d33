package poolctl_test

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	"go.temporal.io/api/temporalproto"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
	pb "github.com/computepool/computepool/proto/computepool/v1"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

// memLoader is a shard host's loader that holds nothing but records what it
// was asked; failNext makes the next load fail.
type memLoader struct {
	mu     sync.Mutex
	loaded map[string]activities.LoadRequest
	fail   bool
}

func (l *memLoader) Load(_ context.Context, r activities.LoadRequest, progress func(string)) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.fail {
		return errors.New("disk full")
	}
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

func (l *memLoader) setFail(f bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fail = f
}

func (l *memLoader) holds(pool string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	_, ok := l.loaded[pool]
	return ok
}

// Create → activate (stakes on the dev chain) → load 2 shards on their own
// task queues → serve → unload → close, through the API's PoolController on a
// real Temporal server: the stream is open exactly while loaded and closed
// at the end, stakes are intact. A failed load leaves no stream open.
func TestPoolLifecycleOnRealServerAndChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))

	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	opts := chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second}
	op, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, opts)
	require.NoError(t, err)
	chainActs := &activities.Chain{Tx: op, Deployments: dev.Deployments, Log: log}

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, chainActs, nil) })
	hosts := map[string]*memLoader{}
	for _, id := range []string{"n0", "n1"} {
		l := &memLoader{loaded: map[string]activities.LoadRequest{}}
		hosts[id] = l
		srv.NewWorker(activities.ShardTaskQueue(id), func(r worker.Registry) {
			workers.RegisterShard(r, &activities.Shard{Loader: l, Log: log})
		})
	}
	providers := map[string]common.Address{"n0": dev.Accounts[1], "n1": dev.Accounts[2]}
	ctl := poolctl.New(c, srv.GetDefaultNamespace(), workers.ControlTaskQueue, pool.Config{
		NumLayers: 16, StakeThreshold: "100", FlowratePerSecond: "10", RetryInitialInterval: 100 * time.Millisecond,
		HeartbeatTimeout: 5 * time.Second,
	})
	ctl.Directory = func(_ context.Context, id string) (pool.Node, error) {
		a, ok := providers[id]
		if !ok {
			return pool.Node{}, fmt.Errorf("unknown node %s", id)
		}
		return pool.Node{Provider: a.Hex()}, nil
	}

	p, err := ctl.CreatePool(ctx, &pb.CreatePoolRequest{Name: "p1", Model: "tiny", Price: &pb.Price{}})
	require.NoError(t, err)
	require.Equal(t, pb.PoolState_POOL_STATE_CREATED, p.State)
	_, err = ctl.CreatePool(ctx, &pb.CreatePoolRequest{Name: "p1", Model: "tiny"})
	require.ErrorIs(t, err, api.ErrAlreadyExists)
	_, err = ctl.AddNode(ctx, "p1", &pb.PoolNode{NodeId: "n0", LayerStart: 0, LayerEnd: 8})
	require.NoError(t, err)
	_, err = ctl.AddNode(ctx, "p1", &pb.PoolNode{NodeId: "n1", LayerStart: 4, LayerEnd: 12})
	require.ErrorIs(t, err, api.ErrFailedPrecondition, "overlap rejected by the validator")
	_, err = ctl.AddNode(ctx, "p1", &pb.PoolNode{NodeId: "n1", LayerStart: 8, LayerEnd: 16})
	require.NoError(t, err)
	_, err = ctl.Load(ctx, "p1")
	require.ErrorIs(t, err, api.ErrFailedPrecondition, "load before initialize")

	// Providers stake once the coalition exists; activation waits for it.
	key := activities.PoolKey("p1")
	go func() {
		co := bindings.NewCoalition()
		for ctx.Err() == nil {
			out, err := op.Call(ctx, dev.Deployments.Coalition, co.PackPool(key))
			if err == nil {
				if cp, err := co.UnpackPool(out); err == nil && cp.Exists {
					break
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		for i := 1; i <= 2; i++ {
			tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(i), log, opts)
			if err != nil {
				t.Error(err)
				return
			}
			amt := big.NewInt(60)
			if _, err := tr.Send(ctx, dev.Deployments.ComputeUSD, bindings.NewComputeUSD().PackApprove(dev.Deployments.Coalition, amt), nil); err != nil {
				t.Error(err)
			}
			if _, err := tr.Send(ctx, dev.Deployments.Coalition, co.PackStake(key, amt), nil); err != nil {
				t.Error(err)
			}
		}
	}()
	p, err = ctl.Initialize(ctx, "p1")
	require.NoError(t, err)
	require.Equal(t, pb.PoolState_POOL_STATE_WIRING, p.State)

	flow := func(a common.Address) int64 {
		r, err := chainActs.Flowrate(ctx, a)
		require.NoError(t, err)
		return r.Int64()
	}
	// A failed load: compensation unloads and closes the stream.
	hosts["n1"].setFail(true)
	_, err = ctl.Load(ctx, "p1")
	require.ErrorIs(t, err, api.ErrFailedPrecondition)
	require.ErrorContains(t, err, "disk full")
	st, err := ctl.State(ctx, "p1")
	require.NoError(t, err)
	require.Equal(t, pb.PoolState_POOL_STATE_WIRING, st.State)
	require.False(t, hosts["n0"].holds("p1"))
	require.Zero(t, flow(providers["n0"]))
	require.Zero(t, flow(providers["n1"]))

	hosts["n1"].setFail(false)
	p, err = ctl.Load(ctx, "p1")
	require.NoError(t, err)
	require.Equal(t, pb.PoolState_POOL_STATE_READY, p.State)
	require.True(t, hosts["n0"].holds("p1") && hosts["n1"].holds("p1"))
	require.Equal(t, int64(10), flow(providers["n0"]))
	require.Equal(t, int64(10), flow(providers["n1"]))

	require.NoError(t, ctl.ReportUsage(ctx, "p1", pool.Usage{Requests: 1, Tokens: 32}))
	st, err = ctl.State(ctx, "p1")
	require.NoError(t, err)
	require.Equal(t, int64(32), st.TokensServed)
	require.Error(t, ctl.DeletePool(ctx, "p1"), "a serving pool must be unloaded first")
	list, err := ctl.ListPools(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)

	p, err = ctl.Unload(ctx, "p1")
	require.NoError(t, err)
	require.Equal(t, pb.PoolState_POOL_STATE_WIRING, p.State)
	require.False(t, hosts["n0"].holds("p1") || hosts["n1"].holds("p1"))
	require.Zero(t, flow(providers["n0"]))
	require.Zero(t, flow(providers["n1"]))

	require.NoError(t, ctl.DeletePool(ctx, "p1"))
	_, err = ctl.GetPool(ctx, "p1")
	require.ErrorIs(t, err, api.ErrNotFound)
	replayLive(t, ctx, c, pool.WorkflowID("p1"), "lifecycle")
	co := bindings.NewCoalition()
	for _, a := range providers {
		out, err := op.Call(ctx, dev.Deployments.Coalition, co.PackMember(key, a))
		require.NoError(t, err)
		m, err := co.UnpackMember(out)
		require.NoError(t, err)
		require.Equal(t, int64(60), m.Stake.Int64(), "stakes intact")
	}
}

// replayLive replays the pool's finished history against the code and
// records it for pool's replay test when COMPUTEPOOL_RECORD_HISTORY=1.
func replayLive(t *testing.T, ctx context.Context, c client.Client, id, name string) {
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
		require.NoError(t, os.WriteFile(filepath.Join("..", "pool", "testdata", "history-"+name+".json"), b, 0o644))
	}
}
