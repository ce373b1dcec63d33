package shard

import (
	"context"
	"fmt"

	"github.com/computepool/computepool/sample"
)

// Chain is a whole model run in one process as consecutive stages: the
// single-process baseline the pipeline is measured against, and the
// reference the sharded path must equal.
type Chain []*Runtime

// Request is one generation.
type Request struct {
	Prompt    []int32
	MaxTokens int
	Sampling  sample.Params
	// StopIDs end generation when sampled (the EOS ids of generation_config.json).
	StopIDs []int
}

// Finish reasons, as OpenAI names them.
const (
	FinishStop   = "stop"
	FinishLength = "length"
)

// Result is a finished generation.
type Result struct {
	Tokens       []int32
	FinishReason string
}

// StepFunc sees the logits each token was sampled from (step 0 = after the
// prompt) and the token. logits is the last stage's buffer, overwritten by
// the next step: copy it to keep it.
type StepFunc func(step int, logits []float32, token int32)

// Generate prefills the prompt and decodes until a stop id or MaxTokens.
func (ch Chain) Generate(ctx context.Context, req Request, onStep StepFunc) (*Result, error) {
	if len(ch) == 0 {
		return nil, fmt.Errorf("empty chain")
	}
	if len(req.Prompt) == 0 {
		return nil, fmt.Errorf("empty prompt")
	}
	if req.MaxTokens <= 0 {
		return nil, fmt.Errorf("max tokens must be positive, got %d", req.MaxTokens)
	}
	sampler, err := sample.New(req.Sampling)
	if err != nil {
		return nil, err
	}
	slots := make([]int, len(ch))
	for i, st := range ch {
		if slots[i], err = st.Acquire(); err != nil {
			for j, prev := range ch[:i] {
				prev.Release(slots[j])
			}
			return nil, err
		}
	}
	defer func() {
		for i, st := range ch {
			st.Release(slots[i])
		}
	}()

	seen := append([]int32(nil), req.Prompt...)
	res := &Result{FinishReason: FinishLength}
	next := req.Prompt
	for step := 0; step < req.MaxTokens; step++ {
		logits, err := ch.forward(ctx, slots, next)
		if err != nil {
			return nil, err
		}
		tok, err := sampler.Next(logits, seen)
		if err != nil {
			return nil, err
		}
		if onStep != nil {
			onStep(step, logits, tok)
		}
		res.Tokens = append(res.Tokens, tok)
		seen = append(seen, tok)
		if sample.IsStop(tok, req.StopIDs) {
			res.FinishReason = FinishStop
			break
		}
		next = []int32{tok}
	}
	return res, nil
}

// forward runs tokens through every stage and returns the last stage's logits.
func (ch Chain) forward(ctx context.Context, slots []int, tokens []int32) ([]float32, error) {
	in := Input{Slot: slots[0], Tokens: tokens}
	for i, st := range ch {
		in.Slot = slots[i]
		out, err := st.Forward(ctx, []Input{in})
		if err != nil {
			return nil, err
		}
		if i == len(ch)-1 {
			return out[0].Logits, nil
		}
		in = Input{Hidden: out[0].Hidden}
	}
	panic("unreachable")
}
