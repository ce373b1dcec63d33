package api

import (
	"context"
	"errors"

	"github.com/computepool/computepool/shard"
)

// ErrOverloaded means the queue in front of a model is full: the client
// should retry later (HTTP 429 with Retry-After, gRPC RESOURCE_EXHAUSTED).
var ErrOverloaded = errors.New("the model is at capacity and its queue is full: retry in a moment")

// DefaultQueue is how many generations may wait for a slot.
const DefaultQueue = 64

// ChainGenerator runs generations on a model loaded whole in this process.
// It admits as many concurrent generations as the stages have KV slots; up
// to queue more wait for a slot (or for their context to end), and the rest
// are refused with ErrOverloaded.
type ChainGenerator struct {
	chain shard.Chain
	slots chan struct{}
	queue chan struct{}
}

// NewChainGenerator serves generations from ch with a queue of DefaultQueue.
func NewChainGenerator(ch shard.Chain) (*ChainGenerator, error) {
	return NewChainGeneratorQueue(ch, DefaultQueue)
}

// NewChainGeneratorQueue serves generations from ch; queue bounds the waiting ones.
func NewChainGeneratorQueue(ch shard.Chain, queue int) (*ChainGenerator, error) {
	if len(ch) == 0 {
		return nil, errors.New("chain generator: the chain has no stages")
	}
	n := ch[0].Options().Slots
	for _, st := range ch[1:] {
		n = min(n, st.Options().Slots)
	}
	return &ChainGenerator{chain: ch, slots: make(chan struct{}, n), queue: make(chan struct{}, max(queue, 0))}, nil
}

// Generate implements Generator.
func (g *ChainGenerator) Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	if err := g.acquire(ctx); err != nil {
		return nil, err
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

// acquire takes a slot at once, or waits in the queue for one.
func (g *ChainGenerator) acquire(ctx context.Context) error {
	select {
	case g.slots <- struct{}{}:
		return nil
	default:
	}
	select {
	case g.queue <- struct{}{}:
	default:
		return ErrOverloaded
	}
	defer func() { <-g.queue }()
	select {
	case g.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
