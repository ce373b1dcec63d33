package pool

// Slashing. A node is slashed only for recorded evidence, of two kinds:
//
//   - missed_heartbeats: while the pool is ready or serving the workflow
//     probes every node (activity ShardHealth on the node's own task queue,
//     one attempt, Health.Timeout); a probe unanswered in time is missed.
//     Health.MaxMissed consecutive misses with no heartbeat for
//     Health.Grace is evidence. Only a timeout is a miss: a probe answered
//     with an error (a host without the activity, a panic) is a fault.
//   - wrong_result: a sampled step (activities.StepSample, update
//     report_wrong_result) is recomputed on another node (activity
//     RecomputeStep on a standby's or the next node's queue); a different
//     output hash is evidence. A failed recomputation proves nothing.
//
// A fault report (report_fault) is not evidence: it degrades the pool and
// never slashes.
//
// Evidence is recorded first (State.Evidence: the exact JSON and its
// keccak256, which is the coalition contract's `evidence` argument), then
// Chain.Slash (idempotent: it reads evidenceUsed before sending) slashes
// Config.SlashAmount, then the node is marked slashed (moved to
// State.Slashed) and freed, and a standby takes over its layer range (loaded
// on the standby's task queue, streams moved); without a standby the range
// is vacant and the pool degraded (stream closed) until a standby is added.

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"

	"github.com/computepool/computepool/activities"
)

// Evidence kinds.
const (
	EvidenceMissedHeartbeats = "missed_heartbeats"
	EvidenceWrongResult      = "wrong_result"
)

// Evidence record states.
const (
	EvidenceRecorded    = "recorded"     // written; the slash has not run yet
	EvidenceSlashed     = "slashed"      // on chain
	EvidenceNotSlashed  = "not_slashed"  // nothing to slash (no amount, coalition or provider): see Error
	EvidenceSlashFailed = "slash_failed" // the slash activity gave up: see Error
)

// HealthPolicy: the grace a node gets before missed heartbeats are evidence.
type HealthPolicy struct {
	// Interval between probes; 0 = no probes.
	Interval time.Duration `json:"interval,omitempty"`
	// Timeout: a probe unanswered this long is missed (default Interval).
	Timeout time.Duration `json:"timeout,omitempty"`
	// MaxMissed consecutive missed probes (default 3)…
	MaxMissed int `json:"maxMissed,omitempty"`
	// …and no heartbeat for Grace (default MaxMissed × Interval).
	Grace time.Duration `json:"grace,omitempty"`
}

func (h HealthPolicy) withDefaults() HealthPolicy {
	if h.Interval <= 0 {
		return HealthPolicy{}
	}
	if h.Timeout <= 0 {
		h.Timeout = h.Interval
	}
	if h.MaxMissed <= 0 {
		h.MaxMissed = 3
	}
	if h.Grace <= 0 {
		h.Grace = time.Duration(h.MaxMissed) * h.Interval
	}
	return h
}

// LayerRange is [Start, End).
type LayerRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Evidence is what a slash is for. Its JSON (EvidenceRecord.JSON) is hashed
// with keccak256 into the coalition's `evidence`.
type Evidence struct {
	Kind       string    `json:"kind"`
	Pool       string    `json:"pool"`
	NodeID     string    `json:"nodeId"`
	Provider   string    `json:"provider"`
	LayerStart int       `json:"layerStart"`
	LayerEnd   int       `json:"layerEnd"`
	ObservedAt time.Time `json:"observedAt"`
	// missed_heartbeats: the policy, the last heartbeat (or load) and the
	// send times of the missed probes.
	Policy        *HealthPolicy `json:"policy,omitempty"`
	LastHeartbeat *time.Time    `json:"lastHeartbeat,omitempty"`
	MissedProbes  []time.Time   `json:"missedProbes,omitempty"`
	// wrong_result: the sample, the verifying node and its output hash.
	Sample         *activities.StepSample `json:"sample,omitempty"`
	Verifier       string                 `json:"verifier,omitempty"`
	RecomputedHash string                 `json:"recomputedHash,omitempty"`
}

// EvidenceRecord is evidence as the workflow keeps it.
type EvidenceRecord struct {
	// Hash is 0x keccak256(JSON): the `evidence` passed to Coalition.slash.
	Hash     string   `json:"hash"`
	JSON     string   `json:"json"`
	Evidence Evidence `json:"evidence"`
	Status   string   `json:"status"`
	Amount   string   `json:"amount,omitempty"`
	TxHash   string   `json:"txHash,omitempty"`
	// AlreadySlashed: the chain had the evidence used before the last attempt.
	AlreadySlashed bool   `json:"alreadySlashed,omitempty"`
	StakeAfter     string `json:"stakeAfter,omitempty"`
	Replacement    string `json:"replacement,omitempty"` // standby that took over
	Error          string `json:"error,omitempty"`
}

// NewEvidenceRecord encodes and hashes ev.
func NewEvidenceRecord(ev Evidence) (EvidenceRecord, error) {
	b, err := json.Marshal(ev)
	if err != nil {
		return EvidenceRecord{}, fmt.Errorf("encode evidence: %w", err)
	}
	return EvidenceRecord{Hash: crypto.Keccak256Hash(b).Hex(), JSON: string(b), Evidence: ev, Status: EvidenceRecorded}, nil
}

// VerifyEvidence checks a record's hash against its JSON (what an operator
// or a court checks against the chain's Slashed event).
func VerifyEvidence(r EvidenceRecord) error {
	if h := crypto.Keccak256Hash([]byte(r.JSON)).Hex(); h != r.Hash {
		return fmt.Errorf("evidence JSON hashes to %s, record says %s", h, r.Hash)
	}
	return nil
}

func (p *pool) slashMemo(memo map[string]any) {
	if n := len(p.st.Evidence); n > 0 {
		last := p.st.Evidence[n-1]
		memo["evidence"] = fmt.Sprintf("%d recorded; last %s %s on %s: %s", n, last.Evidence.Kind, last.Hash, last.Evidence.NodeID, last.Status)
	}
	if len(p.st.Slashed) > 0 {
		ids := make([]string, len(p.st.Slashed))
		for i, n := range p.st.Slashed {
			ids[i] = n.ID
		}
		memo["slashed"] = ids
	}
	if len(p.st.Standby) > 0 {
		ids := make([]string, len(p.st.Standby))
		for i, n := range p.st.Standby {
			ids[i] = n.ID
		}
		memo["standby"] = ids
	}
}

// stakers: every provider that must have stake (active and standby nodes).
func (p *pool) stakers() []string {
	out := p.providers()
	for _, n := range p.st.Standby {
		if n.Provider != "" && !slices.Contains(out, n.Provider) {
			out = append(out, n.Provider)
		}
	}
	return out
}

func (p *pool) serving() bool {
	return p.st.Status == StatusReady || p.st.Status == StatusServing
}

// healthLoop probes the nodes every Health.Interval while the pool is ready
// or serving (no timers while it is not).
func (p *pool) healthLoop(ctx workflow.Context) {
	hp := p.cfg.Health
	if hp.Interval <= 0 {
		return
	}
	for {
		if err := workflow.Await(ctx, func() bool { return !p.busy && p.serving() }); err != nil {
			return
		}
		if err := workflow.Sleep(ctx, hp.Interval); err != nil {
			return
		}
		if !p.busy && p.serving() {
			p.probe(ctx)
		}
	}
}

// probe sends one health probe to every node and applies the answers; a
// node past the grace is slashed for missed heartbeats.
func (p *pool) probe(ctx workflow.Context) {
	hp := p.cfg.Health
	sent := workflow.Now(ctx)
	ids := make([]string, len(p.st.Nodes))
	futures := make([]workflow.Future, len(p.st.Nodes))
	var sh *activities.Shard
	for i, n := range p.st.Nodes {
		ids[i] = n.ID
		hctx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:              n.taskQueue(),
			ScheduleToCloseTimeout: hp.Timeout,
			RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
		})
		futures[i] = workflow.ExecuteActivity(hctx, sh.ShardHealth, p.cfg.Name)
	}
	errs := make([]error, len(futures))
	healths := make([]activities.Health, len(futures))
	for i, f := range futures {
		errs[i] = f.Get(ctx, &healths[i])
	}
	if p.busy || !p.serving() {
		return // the pool changed while the probes ran
	}
	now := workflow.Now(ctx)
	var due []Evidence
	var lost []string
	var faults []Fault
	changed := false
	for k, id := range ids {
		i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == id })
		if i < 0 {
			continue
		}
		n := &p.st.Nodes[i]
		if errs[k] == nil {
			changed = changed || len(n.Missed) > 0
			n.LastHeartbeat, n.Missed = now, nil
			h := healths[k]
			if n.Loaded && !h.Loaded { // the host restarted: it answers but holds nothing
				lost = append(lost, id)
			} else if n.Loaded && (h.LayerStart != n.LayerStart || h.LayerEnd != n.LayerEnd) &&
				workflow.GetVersion(ctx, changeProbeRange, workflow.DefaultVersion, 1) >= 1 {
				// it holds another range than the node's (a load that failed half way)
				workflow.GetLogger(ctx).Warn("host holds other layers", "node", id, "holds", fmt.Sprintf("%d:%d", h.LayerStart, h.LayerEnd))
				lost = append(lost, id)
			}
			continue
		}
		if !temporal.IsTimeoutError(errs[k]) && workflow.GetVersion(ctx, changeProbeFaults, workflow.DefaultVersion, 1) >= 1 {
			// The probe was answered with an error (an older binary without
			// ShardHealth, a panic): not a missed heartbeat, a fault.
			if temporal.IsCanceledError(errs[k]) {
				continue // the workflow is stopping: not the host's doing
			}
			workflow.GetLogger(ctx).Warn("health probe failed", "node", id, "error", errs[k])
			faults = append(faults, Fault{NodeID: id, Reason: "health probe failed: " + errs[k].Error()})
			continue
		}
		changed = true
		n.Missed = append(n.Missed, sent)
		workflow.GetLogger(ctx).Warn("heartbeat missed", "node", id, "missed", len(n.Missed), "error", errs[k])
		if len(n.Missed) >= hp.MaxMissed && now.Sub(n.LastHeartbeat) >= hp.Grace {
			last, pol := n.LastHeartbeat, hp
			due = append(due, Evidence{Kind: EvidenceMissedHeartbeats, NodeID: id, Policy: &pol, LastHeartbeat: &last,
				MissedProbes: slices.Clone(n.Missed)})
		}
	}
	if changed {
		p.publish(ctx)
	}
	for _, ev := range due {
		if p.busy || !slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.ID == ev.NodeID }) {
			continue
		}
		done := p.begin()
		if err := p.punish(ctx, ev); err != nil {
			workflow.GetLogger(ctx).Error("slash for missed heartbeats", "node", ev.NodeID, "error", err)
		}
		done()
	}
	if len(faults) > 0 && !p.busy && p.serving() {
		p.probeFaults(ctx, faults)
	}
	lost = slices.DeleteFunc(lost, func(id string) bool {
		return !slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.ID == id && n.Loaded })
	})
	if len(lost) > 0 && !p.busy && p.serving() {
		p.reload(ctx, lost)
	}
}

// changeProbeFaults: a probe that failed other than by timing out is a
// fault, not a missed heartbeat (histories before it counted every error).
const changeProbeFaults = "probe-errors-are-faults"

// changeProbeRange: a host that answers holding another layer range than
// its node's is reloaded like one that holds nothing.
const changeProbeRange = "probe-compares-range"

// probeFaults records hosts whose probe failed with an error (they answered:
// no evidence) and degrades the pool; nobody is slashed for it.
func (p *pool) probeFaults(ctx workflow.Context, faults []Fault) {
	defer p.begin()()
	p.st.Faults = append(p.st.Faults, faults...)
	if len(p.st.Faults) > 20 {
		p.st.Faults = p.st.Faults[len(p.st.Faults)-20:]
	}
	_ = p.degrade(ctx, fmt.Errorf("health probe of node %s failed: %s", faults[0].NodeID, faults[0].Reason))
}

// reload loads again the nodes whose hosts answered without their layers
// (a restarted shard process). A host that cannot is a fault: the pool is
// degraded (not evidence: nobody is slashed for it).
func (p *pool) reload(ctx workflow.Context, ids []string) {
	defer p.begin()()
	workflow.GetLogger(ctx).Warn("hosts lost their layers: reloading", "nodes", ids)
	for _, id := range ids {
		p.st.Nodes[slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == id })].Loaded = false
	}
	if err := p.loadShards(ctx, ids); err != nil {
		for _, id := range ids {
			p.st.Faults = append(p.st.Faults, Fault{NodeID: id, Reason: "lost its layers and could not reload them: " + err.Error()})
		}
		if len(p.st.Faults) > 20 {
			p.st.Faults = p.st.Faults[len(p.st.Faults)-20:]
		}
		_ = p.degrade(ctx, err)
		return
	}
	p.publish(ctx)
}

func (p *pool) validateWrongResult(s activities.StepSample) error {
	if err := p.check(StatusReady, StatusServing); err != nil {
		return err
	}
	if !slices.ContainsFunc(p.st.Nodes, func(n Node) bool { return n.ID == s.NodeID }) {
		return fmt.Errorf("node %s is not in pool %q", s.NodeID, p.cfg.Name)
	}
	if s.InputRef == "" || s.InputHash == "" || s.OutputHash == "" {
		return errors.New("a sampled step needs its input (inputRef, inputHash) and the node's outputHash")
	}
	if len(p.verifiers(s.NodeID)) == 0 {
		return fmt.Errorf("pool %q has no other node to recompute on", p.cfg.Name)
	}
	return nil
}

// verifiers: the hosts that may recompute a step of the accused node, in
// the order they are asked: the standbys, then the other nodes from the one
// after the accused.
func (p *pool) verifiers(accused string) []Node {
	v := slices.Clone(p.st.Standby)
	i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == accused })
	if i < 0 {
		return v
	}
	for k := 1; k < len(p.st.Nodes); k++ {
		v = append(v, p.st.Nodes[(i+k)%len(p.st.Nodes)])
	}
	return v
}

// changeVerifierFallback: a verifier that cannot recompute (another
// arithmetic, no recomputer) passes the step to the next one.
const changeVerifierFallback = "verifier-fallback"

// errorType is the type of the activity error under err ("" if none).
func errorType(err error) string {
	var ae *temporal.ApplicationError
	if errors.As(err, &ae) {
		return ae.Type()
	}
	return ""
}

// cannotVerify: the host refused for good because of what it is, not of
// the step: another host may verify it.
func cannotVerify(err error) bool {
	t := errorType(err)
	return t == activities.ErrArithmeticMismatch || t == activities.ErrCannotRecompute
}

// reportWrongResult recomputes the sampled step on another node; a
// different output is evidence and slashes the node.
func (p *pool) reportWrongResult(ctx workflow.Context, s activities.StepSample) (State, error) {
	defer p.begin()()
	i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == s.NodeID })
	n := p.st.Nodes[i]
	s.LayerStart, s.LayerEnd = n.LayerStart, n.LayerEnd // the range it was given, not what the reporter says
	candidates := p.verifiers(s.NodeID)
	if workflow.GetVersion(ctx, changeVerifierFallback, workflow.DefaultVersion, 1) < 1 {
		candidates = candidates[:1]
	}
	var sh *activities.Shard
	var res activities.RecomputeResult
	req := activities.RecomputeRequest{Pool: p.cfg.Name, Model: p.cfg.Model, Sample: s, Arithmetic: p.st.Arithmetic}
	var v Node
	var err error
	for _, v = range candidates {
		rctx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
			TaskQueue:           v.taskQueue(),
			StartToCloseTimeout: p.cfg.LoadTimeout,
			RetryPolicy:         &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, BackoffCoefficient: 2, MaximumAttempts: 3},
		})
		if err = workflow.ExecuteActivity(rctx, sh.RecomputeStep, req).Get(ctx, &res); err == nil || !cannotVerify(err) {
			break
		}
		workflow.GetLogger(ctx).Warn("verifier cannot recompute: asking the next", "verifier", v.ID, "error", err)
	}
	if err != nil {
		// No recomputation, no proof: nothing is recorded against the node.
		return p.st, fmt.Errorf("verify step %s@%d of node %s on node %s: %w", s.RequestID, s.Position, s.NodeID, v.ID, err)
	}
	if res.OutputHash == s.OutputHash {
		return p.st, nil
	}
	err = p.punish(ctx, Evidence{Kind: EvidenceWrongResult, NodeID: s.NodeID, Sample: &s, Verifier: v.ID, RecomputedHash: res.OutputHash})
	return p.st, err // p.st as punish left it
}

// punish records the evidence, slashes, marks the node slashed and
// replaces it. The caller holds busy.
func (p *pool) punish(ctx workflow.Context, ev Evidence) error {
	i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == ev.NodeID })
	if i < 0 {
		return fmt.Errorf("node %s is not in pool %q", ev.NodeID, p.cfg.Name)
	}
	node := p.st.Nodes[i]
	ev.Pool, ev.Provider, ev.LayerStart, ev.LayerEnd = p.cfg.Name, node.Provider, node.LayerStart, node.LayerEnd
	ev.ObservedAt = workflow.Now(ctx)
	rec, err := NewEvidenceRecord(ev)
	if err != nil {
		return err
	}
	if slices.ContainsFunc(p.st.Evidence, func(r EvidenceRecord) bool { return r.Hash == rec.Hash }) {
		return nil
	}
	// 1. Recorded before anything acts on it.
	p.st.Evidence = append(p.st.Evidence, rec)
	ri := len(p.st.Evidence) - 1
	p.publish(ctx)
	workflow.GetLogger(ctx).Warn("evidence recorded", "kind", ev.Kind, "node", ev.NodeID, "hash", rec.Hash)

	// 2. Slash on chain.
	p.slashOnChain(ctx, ri)

	// 3. The node is out of the pipeline; its host is told to free the layers.
	node.Slashed, node.Loaded, node.Missed = rec.Hash, false, nil
	p.st.Nodes = slices.Delete(p.st.Nodes, i, i+1)
	p.st.Slashed = append(p.st.Slashed, node)
	p.freeAsync(ctx, node)
	p.st.Vacant = append(p.st.Vacant, LayerRange{Start: node.LayerStart, End: node.LayerEnd})
	if p.st.StreamOpen && node.Provider != "" && !slices.Contains(p.providers(), node.Provider) {
		if err := p.streamTo(ctx, []string{node.Provider}, "0"); err != nil {
			p.st.LastError = err.Error()
		}
	}

	// 4. A standby takes over, or the pool is degraded.
	err = p.fillVacancies(ctx)
	if r := &p.st.Evidence[ri]; len(p.st.Slashed) > 0 && r.Replacement == "" {
		if j := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.LayerStart == node.LayerStart && n.LayerEnd == node.LayerEnd }); j >= 0 {
			r.Replacement = p.st.Nodes[j].ID
		}
	}
	p.publish(ctx)
	return err
}

func (p *pool) slashOnChain(ctx workflow.Context, ri int) {
	r := &p.st.Evidence[ri]
	amount := p.cfg.SlashAmount
	switch {
	case amount == "" || amount == "0":
		r.Status, r.Error = EvidenceNotSlashed, "the pool has no slash amount"
		return
	case p.cfg.StakeThreshold == "":
		r.Status, r.Error = EvidenceNotSlashed, "the pool has no coalition"
		return
	case r.Evidence.Provider == "":
		r.Status, r.Error = EvidenceNotSlashed, "the node has no provider address"
		return
	}
	r.Amount = amount
	dctx, cancel := workflow.NewDisconnectedContext(ctx)
	defer cancel()
	actx := workflow.WithActivityOptions(dctx, workflow.ActivityOptions{
		StartToCloseTimeout:    time.Minute,
		ScheduleToCloseTimeout: 15 * time.Minute,
		RetryPolicy: &temporal.RetryPolicy{InitialInterval: p.cfg.RetryInitialInterval, BackoffCoefficient: 2,
			MaximumInterval: 30 * time.Second, NonRetryableErrorTypes: []string{activities.ErrSlashRejected}},
	})
	var ch *activities.Chain
	var res activities.SlashResult
	err := workflow.ExecuteActivity(actx, ch.Slash, activities.SlashRequest{Pool: p.cfg.Name, Provider: r.Evidence.Provider,
		Amount: amount, Evidence: r.Hash, Harmed: p.cfg.SlashHarmed}).Get(dctx, &res)
	r = &p.st.Evidence[ri] // the slice may have grown meanwhile
	if err != nil {
		r.Status, r.Error = EvidenceSlashFailed, err.Error()
		p.st.LastError = fmt.Sprintf("slash node %s: %v", r.Evidence.NodeID, err)
		return
	}
	r.Status, r.TxHash, r.AlreadySlashed, r.StakeAfter = EvidenceSlashed, res.TxHash, res.AlreadySlashed, res.Stake
}

// freeAsync asks a removed node's host to free the pool's layers, without
// waiting (a host that missed its heartbeats will not answer).
func (p *pool) freeAsync(ctx workflow.Context, n Node) {
	dctx, cancel := workflow.NewDisconnectedContext(ctx)
	uctx := workflow.WithActivityOptions(dctx, workflow.ActivityOptions{
		TaskQueue:              n.taskQueue(),
		ScheduleToCloseTimeout: time.Minute,
		RetryPolicy:            &temporal.RetryPolicy{MaximumAttempts: 1},
	})
	var sh *activities.Shard
	f := workflow.ExecuteActivity(uctx, sh.UnloadShard, p.cfg.Name)
	workflow.Go(dctx, func(gctx workflow.Context) {
		defer cancel()
		if err := f.Get(gctx, nil); err != nil {
			workflow.GetLogger(gctx).Warn("slashed node did not free its layers", "node", n.ID, "error", err)
		}
	})
}

// addStandby adds a spare; a degraded pool with a vacant range puts it to
// work at once.
func (p *pool) addStandby(ctx workflow.Context, n Node) (State, error) {
	if p.st.Status != StatusDegraded || len(p.st.Vacant) == 0 {
		p.st.Events++
		p.st.Standby = append(p.st.Standby, n)
		p.publish(ctx)
		return p.st, nil
	}
	defer p.begin()()
	p.st.Standby = append(p.st.Standby, n)
	err := p.fillVacancies(ctx)
	return p.st, err
}

// fillVacancies gives each vacant range to a standby, wires and loads it
// (and reloads the stage before it when peer ids name the next stage),
// moves the stream from the removed provider to the new one and returns the
// pool to ready. A standby that computes other bits than the pool makes way
// for the next one. Without standbys, or when loading fails, the pool is
// degraded and its stream closed.
func (p *pool) fillVacancies(ctx workflow.Context) error {
	next := workflow.GetVersion(ctx, changeNextStandby, workflow.DefaultVersion, 1) >= 1
	for tries := len(p.st.Standby); ; tries-- {
		err := p.fillVacanciesOnce(ctx)
		if err == nil || !next || tries <= 1 || errorType(err) != activities.ErrArithmeticMismatch {
			return err
		}
		workflow.GetLogger(ctx).Warn("a standby computes other bits than the pool: trying the next", "error", err)
	}
}

// changeNextStandby: a standby that refuses the pool's arithmetic makes
// way for the next one at once (it goes to the end of the list).
const changeNextStandby = "next-standby-on-arithmetic"

// fillVacanciesOnce gives each vacant range the first standby and loads
// them; a failed load puts them back at the end of the standby list.
func (p *pool) fillVacanciesOnce(ctx workflow.Context) error {
	if len(p.st.Standby) < len(p.st.Vacant) {
		return p.degrade(ctx, fmt.Errorf("pool %q: layers %v have no node and %d standby nodes are left", p.cfg.Name, p.st.Vacant, len(p.st.Standby)))
	}
	var took []string
	for len(p.st.Vacant) > 0 && len(p.st.Standby) > 0 {
		v, sb := p.st.Vacant[0], p.st.Standby[0]
		p.st.Vacant, p.st.Standby = p.st.Vacant[1:], p.st.Standby[1:]
		sb.Standby, sb.LayerStart, sb.LayerEnd, sb.Loaded = false, v.Start, v.End, false
		p.st.Nodes = append(p.st.Nodes, sb)
		slices.SortStableFunc(p.st.Nodes, func(a, b Node) int { return a.LayerStart - b.LayerStart })
		took = append(took, sb.ID)
	}
	if len(took) == 0 {
		return nil
	}
	p.set(ctx, StatusLoading)
	reload := slices.Clone(took)
	for i, n := range p.st.Nodes { // a stage whose next stage changed is rewired
		if slices.Contains(took, n.ID) || !n.Loaded || p.next(i) == "" {
			continue
		}
		if slices.Contains(took, p.st.Nodes[(i+1)%len(p.st.Nodes)].ID) {
			reload = append(reload, n.ID)
		}
	}
	if err := p.loadShards(ctx, reload); err != nil {
		for _, id := range took { // back to standby; the ranges are vacant again
			i := slices.IndexFunc(p.st.Nodes, func(n Node) bool { return n.ID == id })
			n := p.st.Nodes[i]
			p.freeAsync(ctx, n)
			p.st.Vacant = append(p.st.Vacant, LayerRange{Start: n.LayerStart, End: n.LayerEnd})
			n.LayerStart, n.LayerEnd, n.Standby, n.Loaded = 0, 0, true, false
			p.st.Nodes = slices.Delete(p.st.Nodes, i, i+1)
			p.st.Standby = append(p.st.Standby, n)
		}
		return p.degrade(ctx, err)
	}
	if p.cfg.streaming() {
		if err := p.streamTo(ctx, p.providers(), p.cfg.FlowratePerSecond); err != nil {
			return p.degrade(ctx, err)
		}
		p.st.StreamOpen = true
	}
	p.st.LastError = ""
	p.set(ctx, StatusReady)
	return nil
}

// degrade: the pool cannot serve as wired; nobody is paid until it is fixed.
func (p *pool) degrade(ctx workflow.Context, cause error) error {
	p.st.LastError = cause.Error()
	p.set(ctx, StatusDegraded)
	if p.st.StreamOpen {
		if err := p.closeStream(ctx); err != nil {
			cause = errors.Join(cause, err)
		}
	}
	return cause
}
