package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/computepool/computepool/shard"
)

// ChainGenerator runs generations on a model loaded whole in this process.
// It admits as many concurrent generations as the first stage has KV slots;
// the others wait for a slot (or for their context to end).
type ChainGenerator struct {
	chain shard.Chain
	slots chan struct{}
}

// NewChainGenerator serves generations from ch.
func NewChainGenerator(ch shard.Chain) (*ChainGenerator, error) {
	if len(ch) == 0 {
		return nil, errors.New("chain generator: the chain has no stages")
	}
	n := ch[0].Options().Slots
	for _, st := range ch[1:] {
		n = min(n, st.Options().Slots)
	}
	return &ChainGenerator{chain: ch, slots: make(chan struct{}, n)}, nil
}

// Generate implements Generator.
func (g *ChainGenerator) Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error) {
	if len(req.Prompt) == 0 {
		return nil, errors.New("the prompt is empty")
	}
	if req.MaxTokens <= 0 {
		return nil, fmt.Errorf("max_tokens must be positive, got %d", req.MaxTokens)
	}
	if err := req.Sampling.Validate(); err != nil {
		return nil, err
	}
	select {
	case g.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	events := make(chan TokenEvent, 16)
	go func() {
		defer func() { <-g.slots }()
		defer close(events)
		sreq := shard.Request{Prompt: req.Prompt, MaxTokens: req.MaxTokens, Sampling: req.Sampling, StopIDs: req.StopIDs}
		sent := 0
		res, err := g.chain.Generate(ctx, sreq, func(_ int, _ []float32, tok int32) {
			select {
			case events <- TokenEvent{Token: tok}:
				sent++
			case <-ctx.Done():
			}
		})
		if err == nil {
			// The step callback cannot stop the chain: a cancelled request
			// ends here rather than after the next forward pass.
			err = ctx.Err()
		}
		final := TokenEvent{Final: true, Err: err,
			Usage: Usage{PromptTokens: len(req.Prompt), CompletionTokens: sent, TotalTokens: len(req.Prompt) + sent}}
		if err == nil {
			final.FinishReason = res.FinishReason
		}
		select {
		case events <- final:
		case <-ctx.Done():
		}
	}()
	return events, nil
}
