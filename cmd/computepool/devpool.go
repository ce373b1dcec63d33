package main

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// devPool is the pool `computepool dev` creates through the control plane:
// its providers are dev accounts that stake on the coalition; the control
// worker (dev account 0, the coalition's arbiter) streams to them while the
// pool holds its weights.
type devPool struct {
	name      string
	model     string
	numLayers int
	ranges    []model.Range
	peerIDs   []string
	// stake each provider puts up; the coalition activates at their sum.
	stake    *big.Int
	flowrate string // base units per second to each provider
}

// threshold is the coalition's activation stake: every provider's stake.
func (d devPool) threshold() *big.Int {
	return new(big.Int).Mul(d.stake, big.NewInt(int64(len(d.ranges))))
}

// devProviderAccount is the dev account of provider i (0 operates the
// coalition and streams, 1 is the facilitator, 2 receives x402 payments).
func devProviderAccount(i int) int { return 3 + i }

// PoolTimes is how long the pool's lifecycle took (`bench pool`).
type PoolTimes struct {
	StakeSeconds    float64 `json:"stake_seconds"`    // dev setup: coalition created, providers staked, workflow started, nodes added
	ActivateSeconds float64 `json:"activate_seconds"` // initialize: activation checked on chain, layers wired
	LoadSeconds     float64 `json:"load_seconds"`     // load: streams opened, every shard loaded its layers
	ReadySeconds    float64 `json:"ready_seconds"`    // activation → ready (activate + load)
}

// create runs the pool's lifecycle up to ready: the coalition created and
// staked on chain, the pool workflow started with one node per stage, then
// initialize (activation on chain, wiring) and load (each shard process
// loads its layers from its own task queue; the providers' stream opens).
func (d devPool) create(ctx context.Context, log *zap.Logger, conn *chain.Conn, tc client.Client) (pool.State, PoolTimes, error) {
	var times PoolTimes
	mark := time.Now()
	lap := func() float64 {
		now := time.Now()
		defer func() { mark = now }()
		return now.Sub(mark).Seconds()
	}
	if err := d.stakeProviders(ctx, log, conn); err != nil {
		return pool.State{}, times, err
	}
	id := pool.WorkflowID(d.name)
	if err := endPreviousRun(ctx, log, tc); err != nil {
		return pool.State{}, times, err
	}
	cfg := pool.Config{Name: d.name, Model: d.model, NumLayers: d.numLayers, StakeThreshold: d.threshold().String(),
		FlowratePerSecond: d.flowrate, RetryInitialInterval: 200 * time.Millisecond}
	if _, err := tc.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue},
		pool.WorkflowName, pool.Input{Config: cfg}); err != nil {
		return pool.State{}, times, fmt.Errorf("start the pool workflow %s: %w", id, err)
	}
	for i, r := range d.ranges {
		n := pool.Node{ID: fmt.Sprintf("n%d", i), Provider: devAddress(devProviderAccount(i)).Hex(), PeerID: d.peerIDs[i],
			LayerStart: r.Start, LayerEnd: r.End}
		if _, err := updatePool(ctx, tc, id, pool.UpdateAddNode, n); err != nil {
			return pool.State{}, times, err
		}
	}
	times.StakeSeconds = lap()
	if _, err := updatePool(ctx, tc, id, pool.UpdateInitialize); err != nil {
		return pool.State{}, times, err
	}
	times.ActivateSeconds = lap()
	log.Info("pool activated on chain; loading its shards", zap.String("pool", d.name))
	st, err := updatePool(ctx, tc, id, pool.UpdateLoad)
	if err == nil && st.Status != pool.StatusReady {
		err = fmt.Errorf("pool %s is %s after load: %s", d.name, st.Status, st.LastError)
	}
	times.LoadSeconds = lap()
	times.ReadySeconds = times.ActivateSeconds + times.LoadSeconds
	return st, times, err
}

// endPreviousRun terminates what an earlier dev run left running in the
// kept Temporal database (its pool, settlements still retrying): the dev
// chain those workflows acted on is gone. Their histories stay in the UI.
func endPreviousRun(ctx context.Context, log *zap.Logger, tc client.Client) error {
	resp, err := tc.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
		Namespace: workers.ClientConfigFromEnv().Namespace, Query: "ExecutionStatus = 'Running'", PageSize: 1000})
	if err != nil {
		return fmt.Errorf("list the previous dev run's workflows: %w", err)
	}
	for _, e := range resp.GetExecutions() {
		id := e.GetExecution().GetWorkflowId()
		if err := tc.TerminateWorkflow(ctx, id, e.GetExecution().GetRunId(), "a new computepool dev run: the dev chain this ran on is gone"); err != nil {
			return fmt.Errorf("end the previous dev run's %s: %w", id, err)
		}
		log.Info("ended a workflow of the previous dev run", zap.String("workflow", id))
	}
	return nil
}

// stakeProviders creates the pool's coalition (EnsureCoalition, with the
// worker's key as arbiter, as the workflow would) and stakes from every
// provider, so that the workflow's activation finds it active.
func (d devPool) stakeProviders(ctx context.Context, log *zap.Logger, conn *chain.Conn) error {
	op, err := conn.Transactor(ctx, log, chain.NewKeySigner(chain.DevKey(0)), chain.TransactorOptions{})
	if err != nil {
		return err
	}
	ops := &activities.Chain{Tx: op, Deployments: conn.Deployments, Log: log}
	_, err = ops.EnsureCoalition(ctx, activities.CoalitionRequest{Pool: d.name, Threshold: d.threshold().String(),
		WithdrawDelaySeconds: pool.CoalitionWithdrawDelaySeconds, HarmedShareBps: pool.CoalitionHarmedShareBps})
	if err != nil && !errors.Is(err, activities.ErrNotActive) { // not active until the stakes below
		return fmt.Errorf("create the coalition of pool %s: %w", d.name, err)
	}
	co, token := bindings.NewCoalition(), bindings.NewComputeUSD()
	key := activities.PoolKey(d.name)
	for i := range d.ranges {
		tr, err := conn.Transactor(ctx, log, chain.NewKeySigner(chain.DevKey(devProviderAccount(i))), chain.TransactorOptions{})
		if err != nil {
			return err
		}
		if _, err := tr.Send(ctx, conn.Deployments.ComputeUSD, token.PackApprove(conn.Deployments.Coalition, d.stake), nil); err != nil {
			return fmt.Errorf("provider %s: approve the stake: %w", tr.Address(), err)
		}
		if _, err := tr.Send(ctx, conn.Deployments.Coalition, co.PackStake(key, d.stake), nil); err != nil {
			return fmt.Errorf("provider %s: stake: %w", tr.Address(), err)
		}
	}
	return nil
}

// updatePool sends a pool workflow update and waits for its result.
func updatePool(ctx context.Context, tc client.Client, id, name string, args ...any) (pool.State, error) {
	h, err := tc.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: name, Args: args,
		WaitForStage: client.WorkflowUpdateStageCompleted})
	var st pool.State
	if err == nil {
		err = h.Get(ctx, &st)
	}
	if err != nil {
		return st, fmt.Errorf("pool %s: %s: %w", id, name, err)
	}
	return st, nil
}

// devAddress is dev account i's address.
func devAddress(i int) common.Address { return chain.NewKeySigner(chain.DevKey(i)).Address() }
