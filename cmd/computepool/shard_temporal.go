package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/gomlx/gomlx/backends"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

// Environment of `computepool shard --temporal` (flags override).
const (
	envShardTemporal  = "COMPUTEPOOL_SHARD_TEMPORAL"   // "1": serve the node's shard task queue
	envShardNode      = "COMPUTEPOOL_SHARD_NODE"       // node id (task queue computepool-shard/<id>)
	envShardTaskQueue = "COMPUTEPOOL_SHARD_TASK_QUEUE" // task queue override
	envShardModels    = "COMPUTEPOOL_SHARD_MODELS"     // directory resolving model names
)

// stageLoader is the shard process's activities.Loader: a pool's load
// activity loads its layer range onto the backend and starts the pipeline
// stage on the process's AXL node (next stage: the request's Next, else
// --next); unload stops the stage and frees the weights. One process serves
// one pool's stage at a time (one AXL node, one handler).
type stageLoader struct {
	node      *axl.Node
	backend   backends.Backend
	model     string // --model: the directory used when the pool names it (or its base name)
	modelsDir string // --models
	index     int
	next      axl.PeerID // --next, when the pool's nodes carry no peer ids
	wire      pipeline.DType
	gather    bool // --gather
	opts      shard.Options
	log       *zap.Logger

	mu  sync.Mutex
	cur *servedStage
	// verify: the step sampler of the stages this process serves (its
	// neighbours' steps are witnessed; serveShardQueue sets it).
	verify pipeline.Verify
}

type servedStage struct {
	req activities.LoadRequest
	m   *model.Model
	rt  *shard.Runtime
	st  *pipeline.Stage
}

func (s *servedStage) close() {
	s.st.Close()
	s.rt.Close()
	s.m.Close()
}

var (
	_ activities.Loader        = (*stageLoader)(nil)
	_ activities.Arithmetician = (*stageLoader)(nil)
)

// Arithmetic implements activities.Arithmetician: the bits --backend computes.
func (l *stageLoader) Arithmetic() string { return backend.Arithmetic(l.backend) }

func (l *stageLoader) dir(name string) string {
	switch {
	case filepath.IsAbs(name):
		return name
	case l.model != "" && (name == l.model || name == filepath.Base(l.model)):
		return l.model
	case l.modelsDir != "":
		return filepath.Join(l.modelsDir, name)
	}
	return name
}

// Load implements activities.Loader.
func (l *stageLoader) Load(ctx context.Context, req activities.LoadRequest, progress func(string)) error {
	next := l.next
	if req.Next != "" {
		id, err := axl.ParsePeerID(req.Next)
		if err != nil {
			return fmt.Errorf("next stage of node %s: %w", req.NodeID, err)
		}
		next = id
	}
	if next == "" {
		return errors.New("no next stage: register the pool's nodes with their peer ids or start the shard with --next")
	}
	dir := l.dir(req.Model)
	progress(fmt.Sprintf("loading %s layers %d:%d", dir, req.LayerStart, req.LayerEnd))
	m, err := model.Load(ctx, dir, model.Range{Start: req.LayerStart, End: req.LayerEnd}, l.backend, l.log)
	if err != nil {
		return err
	}
	rt, err := shard.New(m, l.opts, l.log)
	if err != nil {
		m.Close()
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur != nil { // another range or pool: the node's handler moves to the new stage
		l.cur.close()
		l.cur = nil
	}
	st, err := pipeline.NewStage(pipeline.StageConfig{Index: l.index, Runtime: rt, Node: l.node, Next: next, Wire: l.wire, Gather: l.gather,
		Verify: l.verify, Log: l.log.With(zap.String("pool", req.Pool))})
	if err != nil {
		rt.Close()
		m.Close()
		l.idle()
		return fmt.Errorf("start stage of pool %q: %w", req.Pool, err)
	}
	l.cur = &servedStage{req: req, m: m, rt: rt, st: st}
	l.log.Info("shard serving", zap.String("pool", req.Pool), zap.Stringer("layers", m.Range), zap.String("next", next.Short()))
	progress("serving")
	return nil
}

var _ activities.Rewirer = (*stageLoader)(nil)

// Rewire implements activities.Rewirer: the stage restarts on the same
// weights and runtime with another next stage (its requests in flight end).
func (l *stageLoader) Rewire(_ context.Context, req activities.LoadRequest) error {
	next, err := axl.ParsePeerID(req.Next)
	if err != nil {
		return fmt.Errorf("next stage of node %s: %w", req.NodeID, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	cur := l.cur
	if cur == nil || cur.req.Pool != req.Pool || cur.req.LayerStart != req.LayerStart || cur.req.LayerEnd != req.LayerEnd {
		return fmt.Errorf("pool %q layers %d:%d are not loaded here", req.Pool, req.LayerStart, req.LayerEnd)
	}
	cur.st.Close()
	st, err := pipeline.NewStage(pipeline.StageConfig{Index: l.index, Runtime: cur.rt, Node: l.node, Next: next, Wire: l.wire, Gather: l.gather,
		Verify: l.verify, Log: l.log.With(zap.String("pool", req.Pool))})
	if err != nil { // the stage is gone: nothing serves (the load that follows starts anew)
		cur.rt.Close()
		cur.m.Close()
		l.cur = nil
		l.idle()
		return fmt.Errorf("restart stage of pool %q: %w", req.Pool, err)
	}
	cur.st, cur.req = st, req
	l.log.Info("shard rewired", zap.String("pool", req.Pool), zap.String("next", next.Short()))
	return nil
}

var _ activities.Recomputer = (*stageLoader)(nil)

// Recompute implements activities.Recomputer: this host verifies another
// node's sampled step (workers.RecomputeStep, apart from the stage it
// serves) with this shard's --capacity and --chunk, the pool's.
func (l *stageLoader) Recompute(ctx context.Context, req activities.RecomputeRequest) (string, error) {
	return workers.RecomputeStep(ctx, l.backend, l.dir(req.Model), req, l.opts, l.log)
}

// Unload implements activities.Loader.
func (l *stageLoader) Unload(_ context.Context, pool string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil || l.cur.req.Pool != pool {
		return nil
	}
	l.cur.close()
	l.cur = nil
	l.idle()
	l.log.Info("shard unloaded", zap.String("pool", pool))
	return nil
}

// idle: no stage serves the node's messages until the next load (not a
// closed stage's handler). The caller holds mu.
func (l *stageLoader) idle() {
	l.node.Handle(func(axl.PeerID, []byte) {})
}

var _ activities.Holder = (*stageLoader)(nil)

// Holds implements activities.Holder: one stage at a time, so loading
// another pool drops this one.
func (l *stageLoader) Holds(pool string) (activities.LoadRequest, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil || l.cur.req.Pool != pool {
		return activities.LoadRequest{}, false
	}
	return l.cur.req, true
}

func (l *stageLoader) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur != nil {
		l.cur.close()
		l.cur = nil
	}
}

// temporalShard is `computepool shard --temporal`'s configuration.
type temporalShard struct {
	node, taskQueue, address, namespace, models string
	verify                                      verifyFlags
	reg                                         *prometheus.Registry // --metrics, when served
}

// pool is the pool whose stage this process serves now ("" between loads).
func (l *stageLoader) pool() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur == nil {
		return ""
	}
	return l.cur.req.Pool
}

// serveShardQueue runs the shard worker of this process on its task queue
// until ctx ends: the pool workflow's LoadShard/UnloadShard/ShardHealth
// activities run here, in the process that serves the stage.
func serveShardQueue(ctx context.Context, log *zap.Logger, ts temporalShard, l *stageLoader) error {
	if ts.node == "" {
		return errors.New("shard --temporal: --node is required (its task queue is computepool-shard/<node>)")
	}
	cfg := workers.ClientConfigFromEnv()
	if ts.address != "" {
		cfg.Address = ts.address
	}
	if ts.namespace != "" {
		cfg.Namespace = ts.namespace
	}
	c, err := workers.Dial(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	// Before the worker starts: every stage it loads samples steps.
	v, rep, err := ts.verify.start(ctx, poolctl.New(c, cfg.Namespace, workers.ControlTaskQueue, pool.Config{}), l.pool, log)
	if err != nil {
		return err
	}
	if rep != nil {
		l.mu.Lock()
		l.verify = v
		l.mu.Unlock()
		if ts.reg != nil {
			ts.reg.MustRegister(rep.Collector())
		}
	}
	sh := &activities.Shard{Loader: l, Log: log}
	w := workers.NewShardOnQueue(c, log, ts.taskQueue, ts.node, sh)
	if err := w.Start(); err != nil {
		return fmt.Errorf("start shard worker: %w", err)
	}
	defer w.Stop()
	tq := ts.taskQueue
	if tq == "" {
		tq = activities.ShardTaskQueue(ts.node)
	}
	log.Info("shard waiting for loads", zap.String("taskQueue", tq), zap.String("temporal", cfg.Address),
		zap.String("namespace", cfg.Namespace), zap.String("peer_id", string(l.node.ID())))
	fmt.Fprintf(stdout, "shard worker ready: %s %s\n", tq, l.node.ID())
	<-ctx.Done()
	return nil
}

// stageCollector exports the stage the loader serves now (pipeline
// metrics, labelled with its pool — --pool when given — and --index);
// nothing between loads. Unchecked (no Describe): the pool label follows
// the loaded pool.
type stageCollector struct {
	l    *stageLoader
	pool string
}

// Describe implements prometheus.Collector.
func (stageCollector) Describe(chan<- *prometheus.Desc) {}

// Collect implements prometheus.Collector.
func (c stageCollector) Collect(ch chan<- prometheus.Metric) {
	c.l.mu.Lock()
	cur := c.l.cur
	var st *pipeline.Stage
	pool := c.pool
	if cur != nil {
		st = cur.st
		if pool == "" {
			pool = cur.req.Pool
		}
	}
	c.l.mu.Unlock()
	if st == nil {
		return
	}
	pipeline.NewCollector(st, c.l.node, prometheus.Labels{"pool": pool, "stage": strconv.Itoa(c.l.index)}).Collect(ch)
}
