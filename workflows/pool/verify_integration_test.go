package pool_test

import (
	"context"
	"fmt"
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

// stakedCoalition creates pool name's coalition on the dev chain (operator
// = arbiter, threshold 100) and stakes 60 from each provider; stake reads a
// provider's stake.
func stakedCoalition(ctx context.Context, t *testing.T, dev *chain.DevChain, op *chain.Transactor, log *zap.Logger, name string, providers []int) (stake func(common.Address) int64) {
	t.Helper()
	opts := chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second}
	key := activities.PoolKey(name)
	co := bindings.NewCoalition()
	_, err := op.Send(ctx, dev.Deployments.Coalition, co.PackCreatePool(key, op.Address(), op.Address(), big.NewInt(100), 86400, 5000), nil)
	require.NoError(t, err)
	for _, i := range providers {
		tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(i), log, opts)
		require.NoError(t, err)
		_, err = tr.Send(ctx, dev.Deployments.ComputeUSD, bindings.NewComputeUSD().PackApprove(dev.Deployments.Coalition, big.NewInt(60)), nil)
		require.NoError(t, err)
		_, err = tr.Send(ctx, dev.Deployments.Coalition, co.PackStake(key, big.NewInt(60)), nil)
		require.NoError(t, err)
	}
	return func(a common.Address) int64 {
		out, err := op.Call(ctx, dev.Deployments.Coalition, co.PackMember(key, a))
		require.NoError(t, err)
		m, err := co.UnpackMember(out)
		require.NoError(t, err)
		return m.Stake.Int64()
	}
}

// On a real Temporal server and the dev chain, a 2-stage pipeline of a
// tiny model (stages and head over AXL, each with its step sampler at rate
// 1 and its own StepReporter, as separate processes have) serves pools
// whose shard hosts are real ModelLoaders (n0, n1) and a standby (n2) that
// verifies. Honest: both stages' sampled steps — the first stage's hidden
// states, the last stage's sampled token — are recomputed on n2 and agree;
// nothing is recorded, every stake intact. Dishonest (stage 0 perturbs the
// hidden states it sends): its sampled step disagrees on n2, wrong_result
// evidence names n0, its provider's stake is cut by the slash amount once
// on chain, n2 takes its layers; stage 1, fed the perturbed states, is not
// accused.
func TestSampledStepsAreVerifiedAndSlashed(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))

	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 4})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	op, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	chainActs := &activities.Chain{Tx: op, Deployments: dev.Deployments, Log: log}

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, chainActs, nil) })
	ctl := poolctl.New(c, srv.GetDefaultNamespace(), workers.ControlTaskQueue, pool.Config{})

	dir := filepath.Join(t.TempDir(), "m")
	mc, err := genmodel.Preset("llama", "tiny")
	require.NoError(t, err)
	require.NoError(t, genmodel.Write(dir, mc, genmodel.Options{Seed: 21}, log))
	be, err := backend.New("")
	require.NoError(t, err)
	// The pool's serving options: the stages' and the verifier's.
	opts := shard.Options{Slots: 2, Capacity: 64, ChunkSize: 4}
	cut, layers := 3, mc.NumHiddenLayers
	for _, id := range []string{"n0", "n1", "n2"} {
		w := worker.New(c, activities.ShardTaskQueue(id), worker.Options{})
		workers.RegisterShard(w, &activities.Shard{Loader: &workers.ModelLoader{Backend: be, Options: opts, Log: log}, Log: log})
		require.NoError(t, w.Start())
		defer w.Stop()
	}

	for _, dishonest := range []bool{false, true} {
		name := fmt.Sprintf("p-verify-%v", dishonest)
		t.Run(name, func(t *testing.T) {
			stake := stakedCoalition(ctx, t, dev, op, log, name, []int{1, 2, 3})
			var rts []*shard.Runtime
			for _, r := range []model.Range{{Start: 0, End: cut}, {Start: cut, End: layers}} {
				m, err := model.Load(ctx, dir, r, be, log)
				require.NoError(t, err)
				rt, err := shard.New(m, opts, log)
				require.NoError(t, err)
				defer func() { rt.Close(); m.Close() }()
				rts = append(rts, rt)
			}
			// One reporter per party, as in separate processes; one shared
			// directory (one host).
			vdir := t.TempDir()
			reporters := make([]*poolctl.StepReporter, 3) // stage 0, stage 1, head
			verify := make([]pipeline.Verify, 3)
			rctx, stop := context.WithCancel(ctx)
			defer stop()
			for i := range reporters {
				rep, err := poolctl.NewStepReporter(poolctl.StepReporterConfig{Controller: ctl, Pool: func() string { return name }, Dir: vdir,
					InputWait: 30 * time.Second, Log: log.Named(fmt.Sprintf("reporter%d", i))})
				require.NoError(t, err)
				go rep.Run(rctx)
				reporters[i] = rep
				verify[i] = pipeline.Verify{Rate: 1, Seed: "pool-secret", Report: rep.Report}
			}
			l, err := pipeline.StartLocal(ctx, rts, pipeline.LocalOptions{Head: pipeline.HeadConfig{Verify: verify[2]},
				Stage: func(i int, sc *pipeline.StageConfig) {
					sc.Verify = verify[i]
					if dishonest && i == 0 {
						sc.Perturb = func(h []float32) {
							for j := range h {
								h[j] += 1e-3
							}
						}
					}
				}}, log)
			require.NoError(t, err)
			defer l.Close()

			id := pool.WorkflowID(name)
			_, err = c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue}, pool.WorkflowName,
				pool.Input{Config: pool.Config{Name: name, Model: dir, NumLayers: layers, StakeThreshold: "100",
					SlashAmount: "25", RetryInitialInterval: 100 * time.Millisecond, LoadTimeout: time.Minute}})
			require.NoError(t, err)
			prov := []common.Address{dev.Accounts[1], dev.Accounts[2], dev.Accounts[3]}
			update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n0", Provider: prov[0].Hex(), PeerID: string(l.Nodes[0].ID()), LayerStart: 0, LayerEnd: cut})
			update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n1", Provider: prov[1].Hex(), PeerID: string(l.Nodes[1].ID()), LayerStart: cut, LayerEnd: layers})
			update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n2", Provider: prov[2].Hex(), Standby: true})
			update(ctx, t, c, id, pool.UpdateInitialize)
			loaded := update(ctx, t, c, id, pool.UpdateLoad)
			require.Equal(t, pool.StatusReady, loaded.Status)
			require.Equal(t, backend.Arithmetic(be), loaded.Arithmetic, "the hosts' arithmetic, learnt on load")

			gctx, gcancel := context.WithTimeout(ctx, time.Minute)
			defer gcancel()
			events, err := l.Head.Generate(gctx, shard.Request{Prompt: []int32{12, 7, 99, 1024, 5, 3, 8, 600, 31}, MaxTokens: 5,
				Sampling: sample.Params{Temperature: 0.7, TopK: 50, Seed: 9}})
			require.NoError(t, err)
			res, err := pipeline.Collect(events)
			require.NoError(t, err)
			require.Len(t, res.Tokens, 5)
			// Stage 0 witnessed stage 1's input (what it sent), stage 1 stage
			// 0's output (what it received).
			for i, st := range l.Stages {
				require.Equal(t, uint64(1), st.Stats().Verify.Sampled, "stage %d", i)
			}
			require.Equal(t, uint64(2), l.Head.VerifyStats().Sampled, "the head witnessed stage 0's input and stage 1's token")

			if !dishonest {
				// Stage 0's step (submitted by stage 1's reporter) and stage 1's
				// (by the head's) both agree on the verifier.
				require.Eventually(t, func() bool {
					return reporters[1].Stats().Agreed == 1 && reporters[2].Stats().Agreed == 1
				}, 2*time.Minute, 100*time.Millisecond, "reporters %+v %+v", reporters[1].Stats(), reporters[2].Stats())
				st := queryState(ctx, t, c, id)
				require.Empty(t, st.Evidence)
				require.Empty(t, st.Slashed)
				require.Equal(t, pool.StatusReady, st.Status)
				for _, p := range prov {
					require.Equal(t, int64(60), stake(p))
				}
				for _, r := range reporters {
					require.Zero(t, r.Stats().Failed, "%+v", r.Stats())
					require.Zero(t, r.Stats().Evidence)
				}
				update(ctx, t, c, id, pool.UpdateUnload)
				update(ctx, t, c, id, pool.UpdateClose)
				return
			}
			require.Eventually(t, func() bool {
				s := queryState(ctx, t, c, id)
				return len(s.Evidence) == 1 && s.Evidence[0].Status == pool.EvidenceSlashed && s.Status == pool.StatusReady
			}, 2*time.Minute, 100*time.Millisecond)
			st := queryState(ctx, t, c, id)
			rec := st.Evidence[0]
			require.NoError(t, pool.VerifyEvidence(rec))
			require.Equal(t, pool.EvidenceWrongResult, rec.Evidence.Kind)
			require.Equal(t, "n0", rec.Evidence.NodeID)
			require.Equal(t, "n2", rec.Evidence.Verifier)
			require.NotEqual(t, rec.Evidence.Sample.OutputHash, rec.Evidence.RecomputedHash)
			require.Equal(t, 9, rec.Evidence.Sample.PromptLen)
			require.Equal(t, "n2", rec.Replacement)
			require.Equal(t, int64(60-25), stake(prov[0]), "n0's provider slashed by exactly the amount")
			require.Equal(t, int64(60), stake(prov[1]), "stage 1 computed honestly on what it was given")
			used, err := chainActs.EvidenceUsed(ctx, name, rec.Hash)
			require.NoError(t, err)
			require.True(t, used)
			require.Equal(t, uint64(1), reporters[1].Stats().Evidence)
			require.Zero(t, reporters[2].Stats().Evidence, "the last stage's step was not evidence")
		})
	}
}
