// Package pool is the pool entity workflow: one long-lived workflow per pool
// (ID `pool/<name>`) that owns its life — created → activating → wiring →
// loading → ready → serving → unloading → closed, plus degraded — changed
// only through validated updates, so a bad request is rejected before it
// enters history. Side effects (coalition, streams, shard load/unload) are
// activities; loading is a saga whose compensations (unload the shards,
// close the stream) are registered with defer, so no failure path leaves a
// stream open or weights held.
package pool

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/computepool/computepool/activities"
)

// Names operators and other packages use.
const (
	WorkflowName = "Pool"
	IDPrefix     = "pool/"
	QueryState   = "state"

	UpdateAddNode     = "add_node"
	UpdateRemoveNode  = "remove_node"
	UpdateInitialize  = "initialize"
	UpdateLoad        = "load"
	UpdateUnload      = "unload"
	UpdateClose       = "close"
	UpdateReportUsage = "report_usage"
	UpdateReportFault = "report_fault"
	// UpdateReportWrongResult submits a sampled step (activities.StepSample)
	// for verification on another node; a disagreement is evidence (slash.go).
	UpdateReportWrongResult = "report_wrong_result"
)

// Pool states (State.Status and the PoolState search attribute).
const (
	StatusCreated    = "created"
	StatusActivating = "activating"
	StatusWiring     = "wiring"
	StatusLoading    = "loading"
	StatusReady      = "ready"
	StatusServing    = "serving"
	StatusUnloading  = "unloading"
	StatusClosed     = "closed"
	StatusDegraded   = "degraded"
)

// Search attributes (register them on the namespace: workers.EnsureSearchAttributes).
var (
	SAPoolID = temporal.NewSearchAttributeKeyKeyword("PoolId")
	SAModel  = temporal.NewSearchAttributeKeyKeyword("PoolModel")
	SAState  = temporal.NewSearchAttributeKeyKeyword("PoolState")
	SAOwner  = temporal.NewSearchAttributeKeyKeyword("PoolOwner")
)

// A pool's coalition, when the workflow creates it: stake withdrawals wait a
// day (a fault found meanwhile can still be slashed), and half a slash goes
// to whoever was harmed.
const (
	CoalitionWithdrawDelaySeconds = 86400
	CoalitionHarmedShareBps       = 5000
)

// WorkflowID of the pool named name.
func WorkflowID(name string) string { return IDPrefix + name }

// Config is fixed at creation.
type Config struct {
	Name  string `json:"name"`
	Model string `json:"model"`
	Owner string `json:"owner,omitempty"`
	// Price is opaque to the workflow (the API's protojson pb.Price).
	Price string `json:"price,omitempty"`
	// NumLayers, when set, bounds layer ranges and requires full coverage.
	NumLayers int `json:"numLayers,omitempty"`
	// Coalition: threshold (base units) of total stake; "" skips the
	// on-chain activation (a free pool).
	StakeThreshold string `json:"stakeThreshold,omitempty"`
	// FlowratePerSecond streamed to each provider while the pool holds its
	// weights (loaded, ready, serving); "" or "0" = no stream.
	FlowratePerSecond string `json:"flowratePerSecond,omitempty"`
	// MaxEvents handled before continue-as-new (default 500).
	MaxEvents int `json:"maxEvents,omitempty"`
	// Timeouts (defaults: activation 2 min, load 10 min, heartbeat 15 s).
	ActivationTimeout time.Duration `json:"activationTimeout,omitempty"`
	LoadTimeout       time.Duration `json:"loadTimeout,omitempty"`
	HeartbeatTimeout  time.Duration `json:"heartbeatTimeout,omitempty"`
	// RetryInitialInterval of every activity's retry policy (default 1 s).
	RetryInitialInterval time.Duration `json:"retryInitialInterval,omitempty"`
	// Health probes the loaded shards; missed heartbeats past its grace are
	// evidence (slash.go). Zero Interval: no probes.
	Health HealthPolicy `json:"health,omitempty"`
	// SlashAmount (base units) slashed from a provider per proven fault, on
	// the pool's coalition; "" or "0" records evidence without slashing.
	SlashAmount string `json:"slashAmount,omitempty"`
	// SlashHarmed receives the coalition's harmed share of a slash ("" = all
	// to the treasury).
	SlashHarmed string `json:"slashHarmed,omitempty"`
}

func (c Config) withDefaults() Config {
	if c.MaxEvents <= 0 {
		c.MaxEvents = 500
	}
	if c.ActivationTimeout <= 0 {
		c.ActivationTimeout = 2 * time.Minute
	}
	if c.LoadTimeout <= 0 {
		c.LoadTimeout = 10 * time.Minute
	}
	if c.HeartbeatTimeout <= 0 {
		c.HeartbeatTimeout = 15 * time.Second
	}
	if c.RetryInitialInterval <= 0 {
		c.RetryInitialInterval = time.Second
	}
	c.Health = c.Health.withDefaults()
	return c
}

func (c Config) streaming() bool { return c.FlowratePerSecond != "" && c.FlowratePerSecond != "0" }

// Node is a shard host in the pool.
type Node struct {
	ID       string `json:"id"`
	Provider string `json:"provider,omitempty"` // address that stakes and is paid
	PeerID   string `json:"peerId,omitempty"`   // AXL peer id
	// TaskQueue of the host's shard worker (default activities.ShardTaskQueue(ID)).
	TaskQueue string `json:"taskQueue,omitempty"`
	// MemoryMB reported by the host; layers are assigned in proportion when
	// no range is given.
	MemoryMB   int  `json:"memoryMb,omitempty"`
	LayerStart int  `json:"layerStart"`
	LayerEnd   int  `json:"layerEnd"`
	Loaded     bool `json:"loaded"`
	// Standby: a spare that takes over the layers of a slashed node.
	Standby bool `json:"standby,omitempty"`
	// Heartbeats (health probes): the last answered one, and the probes
	// missed since (their send times).
	LastHeartbeat time.Time   `json:"lastHeartbeat,omitempty"`
	Missed        []time.Time `json:"missed,omitempty"`
	// Slashed is the evidence hash this node was slashed for.
	Slashed string `json:"slashed,omitempty"`
}

func (n Node) taskQueue() string {
	if n.TaskQueue != "" {
		return n.TaskQueue
	}
	return activities.ShardTaskQueue(n.ID)
}

// Usage is a batch reported by the hot path.
type Usage struct {
	Requests int64 `json:"requests"`
	Tokens   int64 `json:"tokens"`
}

// Fault is a failure the hot path saw (pipeline.HeadConfig.OnStageDown).
type Fault struct {
	NodeID string `json:"nodeId"`
	Reason string `json:"reason"`
}

// State is the query's answer and what continue-as-new carries over.
type State struct {
	Status     string  `json:"status"`
	Nodes      []Node  `json:"nodes"`
	Requests   int64   `json:"requests"`
	Tokens     int64   `json:"tokens"`
	StreamOpen bool    `json:"streamOpen"`
	Faults     []Fault `json:"faults,omitempty"`
	// Standby nodes (spares), nodes removed for a proven fault, the
	// evidence recorded, and layer ranges left without a node.
	Standby   []Node           `json:"standby,omitempty"`
	Slashed   []Node           `json:"slashed,omitempty"`
	Evidence  []EvidenceRecord `json:"evidence,omitempty"`
	Vacant    []LayerRange     `json:"vacant,omitempty"`
	LastError string           `json:"lastError,omitempty"`
	// Arithmetic every loaded node computes (backend.Arithmetic), learnt
	// from the first node that loads: the others must match it to load,
	// and a sampled step is recomputed only by a host that matches it.
	Arithmetic string    `json:"arithmetic,omitempty"`
	Events     int       `json:"events"` // handled in this run
	Runs       int       `json:"runs"`   // continue-as-new generations
	Created    time.Time `json:"created"`
}

// Snapshot is the `state` query's answer.
type Snapshot struct {
	Config Config `json:"config"`
	State  State  `json:"state"`
}

// Input starts a pool; State is set only by continue-as-new.
type Input struct {
	Config Config `json:"config"`
	State  *State `json:"state,omitempty"`
}

// ErrBusy: another operation is running.
var ErrBusy = errors.New("another operation is in progress")

type pool struct {
	cfg  Config
	st   State
	busy bool
}

// Workflow runs the pool until it is closed.
func Workflow(ctx workflow.Context, in Input) (State, error) {
	p := &pool{cfg: in.Config.withDefaults(), st: State{Status: StatusCreated, Created: workflow.Now(ctx)}}
	if in.State != nil {
		p.st = *in.State
		p.st.Events = 0
		p.st.Runs++
	}
	if err := p.register(ctx); err != nil {
		return p.st, err
	}
	p.publish(ctx)
	workflow.Go(ctx, p.healthLoop)
	err := workflow.Await(ctx, func() bool {
		if p.busy {
			return false
		}
		return p.st.Status == StatusClosed || p.st.Events >= p.cfg.MaxEvents || workflow.GetInfo(ctx).GetContinueAsNewSuggested()
	})
	if err != nil {
		return p.st, err
	}
	// Let every accepted update finish before this run ends.
	if err := workflow.Await(ctx, func() bool { return workflow.AllHandlersFinished(ctx) }); err != nil {
		return p.st, err
	}
	if p.st.Status == StatusClosed {
		return p.st, nil
	}
	return p.st, workflow.NewContinueAsNewError(ctx, WorkflowName, Input{Config: in.Config, State: &p.st})
}

func (p *pool) register(ctx workflow.Context) error {
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (Snapshot, error) {
		return Snapshot{Config: p.cfg, State: p.st}, nil
	}); err != nil {
		return fmt.Errorf("register query: %w", err)
	}
	type handler struct {
		name     string
		fn       any
		validate any
	}
	hs := []handler{
		{UpdateAddNode, p.addNode, p.validateAddNode},
		{UpdateRemoveNode, p.removeNode, p.validateRemoveNode},
		{UpdateInitialize, p.initialize, p.validateInitialize},
		{UpdateLoad, p.load, p.validateIn(StatusWiring)},
		{UpdateUnload, p.unload, p.validateIn(StatusReady, StatusServing, StatusDegraded)},
		{UpdateClose, p.close, p.validateIn(StatusCreated, StatusWiring, StatusReady, StatusServing, StatusDegraded)},
		{UpdateReportUsage, p.reportUsage, p.validateUsage},
		{UpdateReportFault, p.reportFault, p.validateFault},
		{UpdateReportWrongResult, p.reportWrongResult, p.validateWrongResult},
	}
	for _, h := range hs {
		if err := workflow.SetUpdateHandlerWithOptions(ctx, h.name, h.fn, workflow.UpdateHandlerOptions{Validator: h.validate}); err != nil {
			return fmt.Errorf("register update %s: %w", h.name, err)
		}
	}
	return nil
}

// publish updates search attributes and memo (what the Web UI shows).
func (p *pool) publish(ctx workflow.Context) {
	log := workflow.GetLogger(ctx)
	sas := []temporal.SearchAttributeUpdate{SAPoolID.ValueSet(p.cfg.Name), SAModel.ValueSet(p.cfg.Model), SAState.ValueSet(p.st.Status)}
	if p.cfg.Owner != "" {
		sas = append(sas, SAOwner.ValueSet(p.cfg.Owner))
	}
	if err := workflow.UpsertTypedSearchAttributes(ctx, sas...); err != nil {
		log.Warn("upsert search attributes", "error", err)
	}
	layers := make([]string, len(p.st.Nodes))
	for i, n := range p.st.Nodes {
		layers[i] = fmt.Sprintf("%s %d:%d", n.ID, n.LayerStart, n.LayerEnd)
	}
	memo := map[string]any{"nodes": strings.Join(layers, ", "), "streamOpen": p.st.StreamOpen,
		"tokens": p.st.Tokens, "lastError": p.st.LastError}
	p.slashMemo(memo)
	if err := workflow.UpsertMemo(ctx, memo); err != nil {
		log.Warn("upsert memo", "error", err)
	}
}

func (p *pool) set(ctx workflow.Context, status string) {
	p.st.Status = status
	p.publish(ctx)
}

// begin marks the start of a handler that runs activities; validators
// reject requests while one runs.
func (p *pool) begin() func() {
	p.busy = true
	p.st.Events++
	return func() { p.busy = false }
}

func (p *pool) validateIn(states ...string) func() error {
	return func() error { return p.check(states...) }
}

func (p *pool) check(states ...string) error {
	if p.busy {
		return fmt.Errorf("pool %q: %w", p.cfg.Name, ErrBusy)
	}
	if !slices.Contains(states, p.st.Status) {
		return fmt.Errorf("pool %q is %s, want %s", p.cfg.Name, p.st.Status, strings.Join(states, " or "))
	}
	return nil
}

func (p *pool) validateInitialize() error {
	if err := p.check(StatusCreated); err != nil {
		return err
	}
	if len(p.st.Nodes) == 0 {
		return fmt.Errorf("pool %q has no nodes: add one first", p.cfg.Name)
	}
	return nil
}

func (p *pool) validateAddNode(n Node) error {
	if n.Standby {
		if err := p.check(StatusCreated, StatusWiring, StatusReady, StatusServing, StatusDegraded); err != nil {
			return err
		}
		if n.LayerStart != 0 || n.LayerEnd != 0 {
			return fmt.Errorf("standby node %s: no layer range (it takes over a slashed node's)", n.ID)
		}
	} else if err := p.check(StatusCreated); err != nil {
		return err
	}
	if n.ID == "" {
		return errors.New("node id is empty")
	}
	for _, o := range slices.Concat(p.st.Standby, p.st.Slashed) {
		if o.ID == n.ID {
			return fmt.Errorf("node %s is already in pool %q (standby or slashed)", n.ID, p.cfg.Name)
		}
	}
	if n.LayerStart != 0 || n.LayerEnd != 0 {
		if n.LayerStart < 0 || n.LayerEnd <= n.LayerStart || (p.cfg.NumLayers > 0 && n.LayerEnd > p.cfg.NumLayers) {
			return fmt.Errorf("node %s: bad layer range %d:%d (model has %d)", n.ID, n.LayerStart, n.LayerEnd, p.cfg.NumLayers)
		}
	}
	for _, o := range p.st.Nodes {
		if o.ID == n.ID {
			return fmt.Errorf("node %s is already in pool %q", n.ID, p.cfg.Name)
		}
		if n.LayerEnd > 0 && o.LayerEnd > 0 && n.LayerStart < o.LayerEnd && o.LayerStart < n.LayerEnd {
			return fmt.Errorf("node %s: layers %d:%d overlap node %s's %d:%d", n.ID, n.LayerStart, n.LayerEnd, o.ID, o.LayerStart, o.LayerEnd)
		}
	}
	return nil
}

func (p *pool) addNode(ctx workflow.Context, n Node) (State, error) {
	n.Loaded, n.Slashed, n.Missed = false, "", nil
	if n.Standby {
		return p.addStandby(ctx, n)
	}
	p.st.Events++
	p.st.Nodes = append(p.st.Nodes, n)
	slices.SortStableFunc(p.st.Nodes, func(a, b Node) int { return a.LayerStart - b.LayerStart })
	p.publish(ctx)
	return p.st, nil
}

func (p *pool) validateRemoveNode(id string) error {
	if slices.ContainsFunc(p.st.Standby, func(n Node) bool { return n.ID == id }) {
		return p.check(StatusCreated, StatusWiring, StatusReady, StatusServing, StatusDegraded)
	}
	if err := p.check(StatusCreated, StatusWiring); err != nil {
		return err
	}
	if !slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.ID == id }) {
		return fmt.Errorf("node %s is not in pool %q", id, p.cfg.Name)
	}
	return nil
}

func (p *pool) removeNode(ctx workflow.Context, id string) (State, error) {
	p.st.Events++
	if i := slices.IndexFunc(p.st.Standby, func(n Node) bool { return n.ID == id }); i >= 0 {
		p.st.Standby = slices.Delete(p.st.Standby, i, i+1)
		p.publish(ctx)
		return p.st, nil
	}
	p.st.Nodes = slices.DeleteFunc(p.st.Nodes, func(n Node) bool { return n.ID == id })
	if p.st.Status == StatusWiring { // the wiring no longer holds
		p.st.Status = StatusCreated
	}
	p.publish(ctx)
	return p.st, nil
}

func (p *pool) validateUsage(u Usage) error {
	if err := p.check(StatusReady, StatusServing); err != nil {
		return err
	}
	if u.Requests < 0 || u.Tokens < 0 {
		return fmt.Errorf("negative usage %+v", u)
	}
	return nil
}

func (p *pool) reportUsage(ctx workflow.Context, u Usage) (State, error) {
	p.st.Events++
	p.st.Requests += u.Requests
	p.st.Tokens += u.Tokens
	if p.st.Status == StatusReady {
		p.st.Status = StatusServing
	}
	p.publish(ctx)
	return p.st, nil
}

func (p *pool) validateFault(f Fault) error {
	if err := p.check(StatusReady, StatusServing, StatusDegraded); err != nil {
		return err
	}
	if !slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.ID == f.NodeID }) {
		return fmt.Errorf("node %s is not in pool %q", f.NodeID, p.cfg.Name)
	}
	return nil
}

// reportFault degrades the pool and stops paying its providers until an
// operator unloads (and re-wires) it. Evidence for slashing is recorded,
// never acted on here.
func (p *pool) reportFault(ctx workflow.Context, f Fault) (State, error) {
	defer p.begin()()
	p.st.Faults = append(p.st.Faults, f)
	if len(p.st.Faults) > 20 {
		p.st.Faults = p.st.Faults[len(p.st.Faults)-20:]
	}
	p.set(ctx, StatusDegraded)
	if err := p.closeStream(ctx); err != nil {
		p.st.LastError = err.Error()
		p.publish(ctx)
		return p.st, err
	}
	return p.st, nil
}

func (p *pool) actx(ctx workflow.Context, timeout time.Duration, attempts int32) workflow.Context {
	return workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: timeout,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, BackoffCoefficient: 2,
			MaximumInterval: 30 * time.Second, MaximumAttempts: attempts},
	})
}

func (p *pool) providers() []string {
	var out []string
	for _, n := range p.st.Nodes {
		if n.Provider != "" && !slices.Contains(out, n.Provider) {
			out = append(out, n.Provider)
		}
	}
	return out
}

// initialize: coalition activation (stakes checked on chain), then wiring
// (layer ranges assigned, checked to cover the model).
func (p *pool) initialize(ctx workflow.Context) (State, error) {
	defer p.begin()()
	if len(p.st.Nodes) == 0 {
		return p.st, fmt.Errorf("pool %q has no nodes", p.cfg.Name)
	}
	p.st.LastError = ""
	p.set(ctx, StatusActivating)
	if p.cfg.StakeThreshold != "" {
		var ch *activities.Chain
		actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			StartToCloseTimeout:    time.Minute,
			ScheduleToCloseTimeout: p.cfg.ActivationTimeout,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, BackoffCoefficient: 2, MaximumInterval: 30 * time.Second},
		})
		var cs activities.CoalitionStatus
		err := workflow.ExecuteActivity(actx, ch.EnsureCoalition, activities.CoalitionRequest{Pool: p.cfg.Name,
			Providers: p.stakers(), Threshold: p.cfg.StakeThreshold, WithdrawDelaySeconds: CoalitionWithdrawDelaySeconds,
			HarmedShareBps: CoalitionHarmedShareBps}).Get(ctx, &cs)
		if err != nil {
			return p.fail(ctx, StatusCreated, fmt.Errorf("activate pool %q: %w", p.cfg.Name, err))
		}
	}
	p.set(ctx, StatusWiring)
	nodes, err := AssignLayers(p.st.Nodes, p.cfg.NumLayers)
	if err != nil {
		return p.fail(ctx, StatusCreated, fmt.Errorf("wire pool %q: %w", p.cfg.Name, err))
	}
	p.st.Nodes = nodes
	p.st.Vacant = nil
	p.publish(ctx)
	return p.st, nil
}

func (p *pool) fail(ctx workflow.Context, back string, err error) (State, error) {
	p.st.LastError = err.Error()
	p.set(ctx, back)
	return p.st, err
}

// load is the saga: open the providers' stream, load every shard on its
// own host's task queue; on any failure the deferred compensations unload
// the shards and close the stream, in reverse order.
func (p *pool) load(ctx workflow.Context) (res State, err error) {
	defer p.begin()()
	defer func() { res = p.st }() // the state after the compensations
	p.st.LastError = ""
	p.set(ctx, StatusLoading)
	defer func() {
		if err != nil {
			p.st.LastError = err.Error()
			p.set(ctx, StatusWiring)
		}
	}()
	if p.cfg.streaming() {
		// Registered before opening: a partly opened stream is closed too.
		defer func() {
			if err != nil {
				if cerr := p.closeStream(ctx); cerr != nil {
					err = errors.Join(err, cerr)
				}
			}
		}()
		if err := p.openStream(ctx); err != nil {
			return p.st, err
		}
	}
	defer func() {
		if err != nil {
			p.unloadShards(ctx)
		}
	}()
	all := make([]string, len(p.st.Nodes))
	for i, n := range p.st.Nodes {
		all[i] = n.ID
	}
	if err := p.loadShards(ctx, all); err != nil {
		return p.st, err
	}
	p.set(ctx, StatusReady)
	return p.st, nil
}

// next is the AXL peer id of the stage after node i (the last stage's is
// the first's), "" unless every node registered one.
func (p *pool) next(i int) string {
	for _, n := range p.st.Nodes {
		if n.PeerID == "" {
			return ""
		}
	}
	return p.st.Nodes[(i+1)%len(p.st.Nodes)].PeerID
}

// changeLearnArithmetic: the pool learns its nodes' arithmetic on load and
// refuses a node of another; runs recorded before it replay without.
const changeLearnArithmetic = "learn-arithmetic"

// loadShards loads the nodes named by ids in parallel, each on its host's
// task queue, heartbeating; the nodes that loaded are marked so.
//
// The pool's arithmetic is learnt only from a load that brings every loaded
// node (one loaded before, its arithmetic unknown, could differ), and
// forgotten again if that load fails.
func (p *pool) loadShards(ctx workflow.Context, ids []string) error {
	check := workflow.GetVersion(ctx, changeLearnArithmetic, workflow.DefaultVersion, 1) >= 1
	learn := check && p.st.Arithmetic == "" &&
		!slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.Loaded && !slices.Contains(ids, n.ID) })
	var sh *activities.Shard
	futures := make([]workflow.Future, len(ids))
	for k, id := range ids {
		i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == id })
		n := p.st.Nodes[i]
		lctx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:           n.taskQueue(),
			StartToCloseTimeout: p.cfg.LoadTimeout,
			HeartbeatTimeout:    p.cfg.HeartbeatTimeout,
			RetryPolicy:         &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, BackoffCoefficient: 2, MaximumAttempts: 3},
		})
		futures[k] = workflow.ExecuteActivity(lctx, sh.LoadShard, activities.LoadRequest{Pool: p.cfg.Name, NodeID: n.ID,
			Model: p.cfg.Model, LayerStart: n.LayerStart, LayerEnd: n.LayerEnd, Next: p.next(i), Arithmetic: p.st.Arithmetic})
	}
	var errs []error
	for k, f := range futures {
		var r activities.LoadResult
		if e := f.Get(ctx, &r); e != nil {
			errs = append(errs, fmt.Errorf("node %s: %w", ids[k], e))
			continue
		}
		if check {
			if err := p.checkArithmetic(ids[k], r.Arithmetic, learn); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		if i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == ids[k] }); i >= 0 {
			p.st.Nodes[i].Loaded = true
			p.st.Nodes[i].LastHeartbeat, p.st.Nodes[i].Missed = workflow.Now(ctx), nil
		}
	}
	if len(errs) > 0 {
		if learn {
			p.st.Arithmetic = ""
		}
		return fmt.Errorf("load pool %q: %w", p.cfg.Name, errors.Join(errs...))
	}
	return nil
}

// checkArithmetic refuses a node whose host computes another arithmetic
// than the pool's (nodes loading at once were not told it); where the pool
// has none yet, the first node's becomes the pool's if learn, else nothing
// is checked. A host that does not say is not checked.
func (p *pool) checkArithmetic(id, a string, learn bool) error {
	switch {
	case a == "" || a == p.st.Arithmetic:
		return nil
	case p.st.Arithmetic == "":
		if learn {
			p.st.Arithmetic = a
		}
		return nil
	}
	return fmt.Errorf("node %s computes %q but the pool's nodes compute %q: honest results would not hash alike, so it cannot serve this pool "+
		"(run its shard with the pool's backend)", id, a, p.st.Arithmetic)
}

// unloadShards frees every node (idempotent on the host); failures are
// recorded, not fatal: a dead host holds nothing. It runs in a disconnected
// context so that it also runs while the workflow is being canceled.
func (p *pool) unloadShards(ctx workflow.Context) {
	dctx, cancel := workflow.NewDisconnectedContext(ctx)
	defer cancel()
	var sh *activities.Shard
	futures := make([]workflow.Future, len(p.st.Nodes))
	for i, n := range p.st.Nodes {
		uctx := workflow.WithActivityOptions(dctx, workflow.ActivityOptions{
			TaskQueue:              n.taskQueue(),
			StartToCloseTimeout:    time.Minute,
			ScheduleToCloseTimeout: 3 * time.Minute,
			RetryPolicy:            &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, MaximumAttempts: 3},
		})
		futures[i] = workflow.ExecuteActivity(uctx, sh.UnloadShard, p.cfg.Name)
	}
	for i, f := range futures {
		if err := f.Get(dctx, nil); err != nil {
			workflow.GetLogger(ctx).Error("unload failed", "node", p.st.Nodes[i].ID, "error", err)
			p.st.LastError = fmt.Sprintf("unload node %s: %v", p.st.Nodes[i].ID, err)
		}
		p.st.Nodes[i].Loaded = false
	}
	p.st.Arithmetic = "" // the next load may bring other hosts
}

func (p *pool) openStream(ctx workflow.Context) error {
	return p.setStream(ctx, p.cfg.FlowratePerSecond, true)
}

func (p *pool) closeStream(ctx workflow.Context) error {
	if !p.cfg.streaming() {
		return nil
	}
	return p.setStream(ctx, "0", false)
}

func (p *pool) setStream(ctx workflow.Context, rate string, open bool) error {
	if err := p.streamTo(ctx, p.providers(), rate); err != nil {
		return err
	}
	p.st.StreamOpen = open
	p.publish(ctx)
	return nil
}

// streamTo sets the operator's flow to each receiver to rate; rate "0"
// (closing) retries until it is done.
func (p *pool) streamTo(ctx workflow.Context, receivers []string, rate string) error {
	if len(receivers) == 0 {
		return nil
	}
	dctx, cancel := workflow.NewDisconnectedContext(ctx)
	defer cancel()
	var ch *activities.Chain
	attempts := int32(5)
	if rate == "0" {
		attempts = 0 // closing must not give up: retry until it is closed
	}
	var st activities.StreamStatus
	err := workflow.ExecuteActivity(p.actx(dctx, time.Minute, attempts), ch.SetStreams,
		activities.StreamRequest{Pool: p.cfg.Name, Receivers: receivers, FlowratePerSecond: rate}).Get(dctx, &st)
	if err != nil {
		return fmt.Errorf("set pool %q's stream to %s/s: %w", p.cfg.Name, rate, err)
	}
	return nil
}

// unload frees the shards, then closes the stream (also when a host could
// not be reached: a dead host holds nothing) and goes back to wiring.
func (p *pool) unload(ctx workflow.Context) (State, error) {
	defer p.begin()()
	p.set(ctx, StatusUnloading)
	p.unloadShards(ctx)
	err := p.closeStream(ctx)
	if len(p.st.Vacant) > 0 {
		// A slashed node's layers have no node: add one and initialize again.
		p.set(ctx, StatusCreated)
		return p.st, err
	}
	p.set(ctx, StatusWiring)
	return p.st, err
}

// close unloads if needed and ends the pool.
func (p *pool) close(ctx workflow.Context) (_ State, err error) {
	defer p.begin()()
	if slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.Loaded }) || p.st.StreamOpen {
		p.set(ctx, StatusUnloading)
		p.unloadShards(ctx)
		if err := p.closeStream(ctx); err != nil {
			p.st.LastError = err.Error()
			p.set(ctx, StatusDegraded)
			return p.st, err
		}
	}
	p.set(ctx, StatusClosed)
	return p.st, nil
}

// AssignLayers gives nodes without a range a contiguous share of
// numLayers in proportion to their reported memory (in node order), then
// checks the ranges cover [0, numLayers) without gaps (when numLayers > 0).
func AssignLayers(nodes []Node, numLayers int) ([]Node, error) {
	out := slices.Clone(nodes)
	var free []int
	totalMem := 0
	for i, n := range out {
		if n.LayerEnd == 0 {
			free = append(free, i)
			totalMem += max(n.MemoryMB, 1)
		}
	}
	if len(free) > 0 {
		if len(free) != len(out) {
			return nil, errors.New("either every node has a layer range or none has")
		}
		if numLayers < len(out) {
			return nil, fmt.Errorf("%d layers cannot be split over %d nodes", numLayers, len(out))
		}
		start, acc := 0, 0
		for k, i := range free {
			acc += max(out[i].MemoryMB, 1)
			end := numLayers * acc / totalMem
			if k == len(free)-1 {
				end = numLayers
			}
			end = max(end, start+1)
			end = min(end, numLayers-(len(free)-1-k))
			out[i].LayerStart, out[i].LayerEnd = start, end
			start = end
		}
	}
	slices.SortStableFunc(out, func(a, b Node) int { return a.LayerStart - b.LayerStart })
	if numLayers > 0 {
		next := 0
		for _, n := range out {
			if n.LayerStart != next {
				return nil, fmt.Errorf("layers %d:%d are not covered (node %s starts at %d)", next, n.LayerStart, n.ID, n.LayerStart)
			}
			next = n.LayerEnd
		}
		if next != numLayers {
			return nil, fmt.Errorf("layers %d:%d are not covered", next, numLayers)
		}
	}
	return out, nil
}
