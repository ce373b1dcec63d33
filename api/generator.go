package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/computepool/computepool/sample"
)

// Generator runs token generation for one model. The in-process
// implementation is ChainGenerator (a whole model in this process); the
// pipeline head implements the same interface to drive a pool's stages over
// AXL. Text (templates, decoding, stop strings) is handled above it, by Model.
type Generator interface {
	// Generate starts a generation and returns its events: one TokenEvent per
	// sampled token, then exactly one event with Final set, after which the
	// channel is closed. An error before the first token is returned directly;
	// a later one arrives as the final event's Err. Cancelling ctx stops the
	// generation: the final event then carries ctx's error, or the channel
	// closes without one when the receiver has stopped reading.
	Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error)
}

// TokenRequest is a generation over token ids.
type TokenRequest struct {
	Prompt    []int32
	MaxTokens int
	Sampling  sample.Params
	// StopIDs end generation when sampled (the model's EOS ids); the stop
	// token is reported but is not part of the text.
	StopIDs []int
}

// TokenEvent is one step of a generation, or its end when Final is set.
type TokenEvent struct {
	Token int32
	Final bool
	// FinishReason ("stop" or "length"), Usage and Err are set on the final event.
	FinishReason string
	Usage        Usage
	Err          error
}

// Usage counts the tokens of one generation.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Finish reasons, as OpenAI names them.
const (
	FinishStop   = "stop"
	FinishLength = "length"
)

// validate refuses a request no generator can run.
func (r TokenRequest) validate() error {
	if len(r.Prompt) == 0 {
		return errors.New("the prompt is empty")
	}
	if r.MaxTokens <= 0 {
		return fmt.Errorf("max_tokens must be positive, got %d", r.MaxTokens)
	}
	return r.Sampling.Validate()
}
