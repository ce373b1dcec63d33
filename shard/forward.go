package shard

import (
	"context"
	"fmt"

	"github.com/gomlx/gomlx/pkg/core/graph"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Forward appends each input's tokens to its slot and runs them through the
// stage. Long inputs are split into chunks of at most ChunkSize tokens; each
// round batches one chunk of every sequence that still has tokens, padded to
// a power-of-two length so a handful of graphs serve every request.
//
// A failed step resets the slots of its batch (their caches were donated to
// the step) and returns an error; the caller must restart those sequences.
func (r *Runtime) Forward(ctx context.Context, inputs []Input) (outs []Output, err error) {
	r.stepMu.Lock()
	defer r.stepMu.Unlock()
	gens, err := r.validate(inputs)
	if err != nil {
		return nil, err
	}
	defer func() {
		// Graph building and execution report errors by panicking inside GoMLX;
		// a request must never take the process down with it.
		if p := recover(); p != nil {
			err = fmt.Errorf("stage %s step failed: %v", r.Model.Range, p)
		}
		if err != nil {
			r.mu.Lock()
			defer r.mu.Unlock()
			for _, in := range inputs {
				r.freeCaches(in.Slot)
				r.slots[in.Slot].length = 0
			}
		}
	}()
	h := r.Model.Config.HiddenSize
	outs = make([]Output, len(inputs))
	done := make([]int, len(inputs)) // tokens of each input processed so far
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var batch []int // indices into inputs with tokens left
		chunk := 0
		for i, in := range inputs {
			if left := in.numTokens(h) - done[i]; left > 0 {
				batch = append(batch, i)
				chunk = max(chunk, min(left, r.opts.ChunkSize))
			}
		}
		if len(batch) == 0 {
			return outs, nil
		}
		batch, chunk = r.decodesFirst(inputs, done, batch, chunk)
		if err := r.step(inputs, gens, batch, done, bucket(chunk, r.opts.ChunkSize), outs); err != nil {
			return nil, err
		}
	}
}

// decodesFirst narrows a step that mixes single-token inputs (decodes) with
// longer ones (prefill chunks) to the decodes, when the padding would be
// most of the step: every input of a step is padded to its chunk, so one
// 16-token prompt arriving among 7 decoding requests made a 128-row step —
// compute bound, ~5× the cost of a 7-row decode step and a 16-row prefill
// run one after the other (the rest goes in the next turn of Forward's
// loop). Results do not change: a sequence's rows are computed alike in
// any batch and chunk.
func (r *Runtime) decodesFirst(inputs []Input, done, batch []int, chunk int) ([]int, int) {
	h := r.Model.Config.HiddenSize
	var decodes []int
	useful := 0 // rows the inputs need, against len(batch)·chunk padded
	for _, i := range batch {
		n := min(inputs[i].numTokens(h)-done[i], r.opts.ChunkSize)
		useful += n
		if n == 1 {
			decodes = append(decodes, i)
		}
	}
	if len(decodes) == 0 || len(decodes) == len(batch) || len(batch)*bucket(chunk, r.opts.ChunkSize) <= 2*useful {
		return batch, chunk
	}
	return decodes, 1
}

// bucket rounds n up to a power of two, capped at limit.
func bucket(n, limit int) int {
	b := 1
	for b < n {
		b *= 2
	}
	return min(b, limit)
}

// validate checks the inputs against the slots and returns each input
// slot's generation (see step).
func (r *Runtime) validate(inputs []Input) ([]uint64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(inputs) == 0 {
		return nil, fmt.Errorf("empty batch")
	}
	if len(inputs) > len(r.slots) {
		return nil, fmt.Errorf("batch of %d sequences exceeds the stage's %d slots", len(inputs), len(r.slots))
	}
	c, first := r.Model.Config, r.Model.Range.IsFirst()
	seen := map[int]bool{}
	gens := make([]uint64, len(inputs))
	for i, in := range inputs {
		if in.Slot < 0 || in.Slot >= len(r.slots) || !r.slots[in.Slot].inUse {
			return nil, fmt.Errorf("slot %d is not acquired", in.Slot)
		}
		gens[i] = r.slots[in.Slot].gen
		if seen[in.Slot] {
			return nil, fmt.Errorf("slot %d appears twice in one batch", in.Slot)
		}
		seen[in.Slot] = true
		if first {
			if in.Tokens == nil || in.Hidden != nil {
				return nil, fmt.Errorf("the first stage (layers %s) takes token ids, not hidden states", r.Model.Range)
			}
			for _, id := range in.Tokens {
				if id < 0 || int(id) >= c.VocabSize {
					return nil, fmt.Errorf("token id %d out of range [0, %d)", id, c.VocabSize)
				}
			}
		} else if in.Tokens != nil || len(in.Hidden)%c.HiddenSize != 0 {
			return nil, fmt.Errorf("stage %s takes hidden states of %d floats per token, got %d floats", r.Model.Range, c.HiddenSize, len(in.Hidden))
		}
		n := in.numTokens(c.HiddenSize)
		if n == 0 {
			return nil, fmt.Errorf("slot %d: no new tokens", in.Slot)
		}
		if l := r.slots[in.Slot].length; l+n > r.opts.Capacity {
			return nil, fmt.Errorf("slot %d: %d cached + %d new tokens exceed the KV capacity of %d", in.Slot, l, n, r.opts.Capacity)
		}
	}
	return gens, nil
}

// step runs one chunk of every sequence in batch, C tokens each (padded).
// It holds r.mu only to read and update the slots, not while computing; a
// slot released meanwhile (its generation no longer gens[i]) gets the
// step's caches back but not its tokens, and that input's output stays
// empty.
func (r *Runtime) step(inputs []Input, gens []uint64, batch, done []int, C int, outs []Output) error {
	m := r.Model
	c := m.Config
	H, B, L := c.HiddenSize, len(batch), m.Range.NumLayers()
	first, last := m.Range.IsFirst(), m.Range.IsLast(c)

	positions := make([]int32, B)
	lastIdx := make([]int32, B)
	counts := make([]int, B)
	var tokens []int32
	var hidden []float32
	if first {
		tokens = make([]int32, B*C)
	} else {
		hidden = make([]float32, B*C*H)
	}
	r.mu.Lock()
	for b, i := range batch {
		in := inputs[i]
		n := min(in.numTokens(H)-done[i], C)
		counts[b] = n
		positions[b] = int32(r.slots[in.Slot].length)
		lastIdx[b] = int32(n - 1)
		if first {
			copy(tokens[b*C:], in.Tokens[done[i]:done[i]+n])
		} else {
			copy(hidden[b*C*H:], in.Hidden[done[i]*H:(done[i]+n)*H])
		}
	}
	r.mu.Unlock()

	args := make([]any, 0, len(r.weights)+3+2*B*L)
	for _, w := range r.weights {
		args = append(args, w)
	}
	if first {
		args = append(args, tensors.FromFlatDataAndDimensions(tokens, B, C))
	} else {
		args = append(args, tensors.FromFlatDataAndDimensions(hidden, B, C, H))
	}
	args = append(args, tensors.FromFlatDataAndDimensions(positions, B))
	span := r.attentionSpan(positions, C)
	args = append(args, tensors.FromFlatDataAndDimensions(make([]int32, span), span))
	if last {
		args = append(args, tensors.FromFlatDataAndDimensions(lastIdx, B))
	}
	for _, i := range batch {
		s := &r.slots[inputs[i].Slot]
		if s.caches == nil {
			s.caches = make([]*tensors.Tensor, 2*L)
			for j := range s.caches {
				// ChunkSize rows past the capacity take a padded chunk's
				// padding, so writes at the end of the cache never clamp.
				s.caches[j] = tensors.FromShape(c.CacheShape(r.opts.Capacity + r.opts.ChunkSize))
			}
		}
		for _, t := range s.caches {
			// Donating lets the backend update the cache in place where it can.
			d, err := graph.DonateTensorBuffer(t, m.Backend, 0)
			if err != nil {
				return err
			}
			args = append(args, d)
		}
		s.caches = nil // donated: the step's outputs replace them
	}

	if r.testHookCompute != nil {
		r.testHookCompute()
	}
	results, err := r.exec.Exec(args...)
	if err != nil {
		return fmt.Errorf("stage %s: %w", m.Range, err)
	}
	out := results[0]
	defer out.FinalizeAll()
	kept := make([]bool, B)
	r.mu.Lock()
	for b, i := range batch {
		s := &r.slots[inputs[i].Slot]
		s.caches = results[1+2*L*b : 1+2*L*(b+1)]
		if kept[b] = s.gen == gens[i]; kept[b] {
			s.length += counts[b]
		}
	}
	r.mu.Unlock()
	return tensors.ConstFlatData(out, func(flat []float32) {
		for b, i := range batch {
			n := counts[b]
			done[i] += n
			if !kept[b] {
				continue
			}
			if last {
				V := c.VocabSize
				s := &r.slots[inputs[i].Slot]
				s.logits = append(s.logits[:0], flat[b*V:(b+1)*V]...)
				outs[i].Logits = s.logits[:V:V]
			} else {
				outs[i].Hidden = append(outs[i].Hidden, flat[b*C*H:(b*C+n)*H]...)
			}
		}
	})
}

// attentionSpan is how many cache rows a step attends over: enough for the
// furthest query of the batch, rounded up to a power of two (at least 64) so
// a few graphs serve all lengths, and never more than the cache holds.
func (r *Runtime) attentionSpan(positions []int32, chunk int) int {
	end := 0
	for _, p := range positions {
		end = max(end, int(p)+chunk)
	}
	span := 64
	for span < end {
		span *= 2
	}
	return min(span, r.opts.Capacity+r.opts.ChunkSize)
}
