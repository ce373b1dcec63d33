package pipeline

import (
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

// loop runs steps while there is work: each step batches the next input of
// every request that has one, so the stage reads its weights once for all
// of them (micro-batch pipelining).
func (s *Stage) loop() {
	defer close(s.done)
	sweep := time.NewTicker(min(s.cfg.IdleTimeout/4, 30*time.Second))
	defer sweep.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-sweep.C:
			s.sweepIdle()
		case <-s.wake:
			for s.ctx.Err() == nil && s.step() {
			}
		}
	}
}

type stepItem struct {
	r *stageReq
	w work
}

// step runs one batched Forward; false when there was nothing to do.
func (s *Stage) step() bool {
	s.awaitBatch()
	items := s.takeBatch()
	if len(items) == 0 {
		return false
	}
	inputs := make([]shard.Input, len(items))
	for i, it := range items {
		inputs[i] = shard.Input{Slot: it.r.slot, Tokens: it.w.tokens, Hidden: it.w.hidden}
	}
	start := time.Now()
	outs, err := s.cfg.Runtime.Forward(s.ctx, inputs)
	took := time.Since(start)
	s.computeNanos.Add(uint64(took))
	s.lastStep.Store(int64(took))
	s.steps.Add(1)
	s.batched.Add(uint64(len(items)))
	s.finishStep(items)
	if err != nil {
		// The runtime reset these slots; their requests cannot continue.
		for _, it := range items {
			s.end(it.r, CodeStepFailed, err.Error())
		}
		return true
	}
	for i, it := range items {
		if !it.r.dropped {
			s.emit(it.r, it.w, outs[i])
		}
	}
	return true
}

// awaitBatch lets a burst of inputs gather before a step: the previous
// stage (or, on a one-stage pipeline, this stage's own sampler) sends a
// whole batch's outputs one after another, and a stage that stepped on the
// first arrival would split that batch (measured: 8 requests through one
// stage averaged smaller batches and 39 instead of 45–54 tokens/s). While some
// requests have an input and others do not, it waits for the next arrival
// for up to batchGap, and for BatchWindow in all; requests held by other
// stages never arrive within the gap, so groups of requests pipelined
// across stages are not held up for long. A first stage with Gather set
// waits for those too, up to twice its last step: a round of the others.
func (s *Stage) awaitBatch() {
	if s.cfg.BatchWindow < 0 {
		return
	}
	deadline, gap := time.Now().Add(s.cfg.BatchWindow), batchGap
	if s.first && s.cfg.Gather {
		// The rest of the batch is a round of the other stages away.
		gap = 2 * time.Duration(s.lastStep.Load())
		deadline = time.Now().Add(gap)
	}
	for {
		s.mu.Lock()
		ready, waiting := 0, 0
		for _, r := range s.reqs {
			switch {
			case r.dropped:
			case len(r.work) > 0:
				ready++
			default:
				waiting++
			}
		}
		s.mu.Unlock()
		wait := min(gap, time.Until(deadline))
		if ready == 0 || waiting == 0 || wait <= 0 {
			return
		}
		timer := time.NewTimer(wait)
		select {
		case <-s.wake: // an input arrived: count again
			timer.Stop()
		case <-timer.C:
			return
		case <-s.ctx.Done():
			timer.Stop()
			return
		}
	}
}

// batchGap is how long awaitBatch waits for the next input of a burst.
const batchGap = 2 * time.Millisecond

// takeBatch pops the next input of every request with one, in arrival
// order, refusing inputs out of order with their slot.
func (s *Stage) takeBatch() []stepItem {
	s.mu.Lock()
	defer s.mu.Unlock()
	var items []stepItem
	var bad []stepItem
	for _, id := range s.order {
		r := s.reqs[id]
		if len(r.work) == 0 {
			continue
		}
		w := r.work[0]
		r.work = r.work[1:]
		if got := s.cfg.Runtime.Length(r.slot); got != w.pos {
			bad = append(bad, stepItem{r, w})
			continue
		}
		r.inStep = true
		items = append(items, stepItem{r, w})
	}
	for _, it := range bad {
		s.malformed.Add(1)
		s.dropLocked(it.r.id)
		go s.fail(it.r.id, it.r.spec.Head, CodeBadRequest, fmt.Sprintf("input at position %d, but the stage holds %d tokens of this request", it.w.pos, s.cfg.Runtime.Length(it.r.slot)))
	}
	return items
}

// finishStep frees the slots of requests reset during the step.
func (s *Stage) finishStep(items []stepItem) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, it := range items {
		it.r.inStep = false
		if it.r.dropped {
			s.cfg.Runtime.Release(it.r.slot)
		}
	}
	s.admitPendingLocked()
}

// end drops a request and tells its head why. A stage that is stopping
// says so (its sends fail for that reason, not because a peer is gone).
func (s *Stage) end(r *stageReq, code, msg string) {
	if s.ctx.Err() != nil {
		code, msg = CodeStageDown, "the stage is stopping"
	}
	if s.drop(r.id) {
		s.fail(r.id, r.spec.Head, code, msg)
	}
}

// drop frees a request's slot and lets a waiting prompt have it; false if
// the stage did not hold the request.
func (s *Stage) drop(id uint64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	held := s.dropLocked(id)
	s.admitPendingLocked()
	return held
}

// emit sends a step's result on: hidden states to the next stage, or (last
// stage) the sampled token to the head and back to the first stage.
func (s *Stage) emit(r *stageReq, w work, out shard.Output) {
	if !s.last {
		f := &Frame{Type: TypeHidden, Request: r.id, Seq: w.seq, Pos: uint32(w.pos)}
		if w.lastChunk {
			f.Flags |= FlagLastChunk
		}
		if w.seq == 0 && w.pos == 0 {
			f.Meta = r.specMeta
		}
		if s.cfg.Perturb != nil {
			s.cfg.Perturb(out.Hidden)
		}
		start := time.Now()
		f.SetHidden(out.Hidden, s.width, s.cfg.Wire)
		msg := f.Encode()
		s.timeCodec(start)
		if r.verifyAt >= 0 {
			// What is sent is the next stage's input, as it will decode it.
			s.witness.add(witnessKey{req: r.id, input: true}, r.verifyAt, r.spec, s.cfg.Next, w.pos, s.width,
				RoundToWire(out.Hidden, s.cfg.Wire), s.cfg.Wire)
		}
		if err := s.sendRaw(s.cfg.Next, f.Type, msg); err != nil {
			s.end(r, CodeUnreachable, fmt.Sprintf("next stage %s: %v", s.cfg.Next.Short(), err))
		}
		return
	}
	if w.seq == 0 && !w.lastChunk {
		return // a prompt chunk before the last: nothing to sample yet
	}
	tok, err := r.sampler.Next(out.Logits, r.seen)
	if err != nil {
		s.end(r, CodeStepFailed, err.Error())
		return
	}
	s.tokens.Add(1)
	r.seen = append(r.seen, tok)
	r.generated++
	reason := ""
	switch {
	case sample.IsStop(tok, r.spec.StopIDs):
		reason = shard.FinishStop
	case r.generated >= r.spec.MaxTokens:
		reason = shard.FinishLength
	}
	// One frame serves both: the head's token event and, unless it is the
	// last, the first stage's input for the next step.
	pos := uint32(len(r.spec.Prompt) + r.generated - 1)
	f := &Frame{Type: TypeToken, Request: r.id, Seq: uint32(r.generated), Pos: pos}
	f.SetInt32s([]int32{tok})
	if reason != "" {
		f.Flags |= FlagFinal
		f.Meta = []byte(reason)
		s.drop(r.id)
	}
	msg := f.Encode()
	if err := s.sendRaw(r.spec.Head, f.Type, msg); err != nil {
		s.drop(r.id)
		return
	}
	if reason == "" {
		if err := s.sendRaw(s.cfg.Next, f.Type, msg); err != nil {
			s.end(r, CodeUnreachable, fmt.Sprintf("first stage %s: %v", s.cfg.Next.Short(), err))
		}
	}
}

// sweepIdle frees slots of requests nobody has advanced for IdleTimeout
// (their head went away without a reset).
func (s *Stage) sweepIdle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	cutoff := time.Now().Add(-s.cfg.IdleTimeout)
	for id, r := range s.reqs {
		if !r.inStep && len(r.work) == 0 && r.touched.Before(cutoff) {
			s.log.Info("freeing idle request", zap.Uint64("request", id))
			s.dropLocked(id)
		}
	}
	s.admitPendingLocked()
}
