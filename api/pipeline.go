package api

import (
	"context"

	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/shard"
)

// PipelineGenerator serves generations through a pool's pipeline: the
// head sends prompts to the first stage over AXL and streams the last
// stage's tokens back. Nothing else (no Temporal, no orchestrator) sits
// between a request and the stages.
type PipelineGenerator struct {
	head *pipeline.Head
}

// NewPipelineGenerator serves generations through head.
func NewPipelineGenerator(head *pipeline.Head) *PipelineGenerator {
	return &PipelineGenerator{head: head}
}

// Generate implements Generator.
func (g *PipelineGenerator) Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error) {
	if err := req.validate(); err != nil {
		return nil, err
	}
	events, err := g.head.Generate(ctx, shard.Request{Prompt: req.Prompt, MaxTokens: req.MaxTokens, Sampling: req.Sampling, StopIDs: req.StopIDs})
	if err != nil {
		return nil, err
	}
	out := make(chan TokenEvent, 16)
	go func() {
		defer close(out)
		sent := 0
		for ev := range events {
			var te TokenEvent
			switch {
			case ev.Err != nil:
				te = TokenEvent{Final: true, Err: ev.Err}
			case ev.Final:
				// The final pipeline event carries the last token as well.
				select {
				case out <- TokenEvent{Token: ev.Token}:
					sent++
				case <-ctx.Done():
					return
				}
				te = TokenEvent{Final: true, FinishReason: ev.FinishReason}
			default:
				te, sent = TokenEvent{Token: ev.Token}, sent+1
			}
			if te.Final {
				te.Usage = Usage{PromptTokens: len(req.Prompt), CompletionTokens: sent, TotalTokens: len(req.Prompt) + sent}
			}
			select {
			case out <- te:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
