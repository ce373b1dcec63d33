package api

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/tokenizer"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

// Model is a servable model: its tokenizer and chat template in front of a
// Generator. It turns text requests into token requests and token events
// back into text, so every surface (gRPC, REST, OpenAI) shares one path.
type Model struct {
	ID           string
	Architecture string
	NumLayers    int
	VocabSize    int
	Tokenizer    *tokenizer.Tokenizer
	// Template is nil for a model without a chat template (chat requests fail).
	Template *chattemplate.Template
	// EOS ends a generation (generation_config.json's eos_token_id).
	EOS       []int
	Generator Generator
	// MaxTokens is used when a request does not say (default 256).
	MaxTokens int
	// ContextLength bounds prompt + completion tokens (0 = unbounded).
	ContextLength int

	metrics atomic.Pointer[Metrics] // set when a Server serves the model
}

// LoadModelFiles reads the text side of a model directory (config,
// generation config, tokenizer, chat template); the caller supplies the
// Generator. id defaults to the directory's name.
func LoadModelFiles(dir, id string, gen Generator) (*Model, error) {
	cfg, err := model.LoadConfig(dir)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", dir, err)
	}
	tok, err := tokenizer.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", dir, err)
	}
	tpl, err := chattemplate.LoadDir(dir)
	if err != nil && !errors.Is(err, chattemplate.ErrNoTemplate) && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("model %s: %w", dir, err)
	}
	gc, err := model.LoadGenerationConfig(dir, cfg)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", dir, err)
	}
	if id == "" {
		id = filepath.Base(filepath.Clean(dir))
	}
	arch := ""
	if len(cfg.Architectures) > 0 {
		arch = cfg.Architectures[0]
	}
	return &Model{ID: id, Architecture: arch, NumLayers: cfg.NumHiddenLayers, VocabSize: cfg.VocabSize,
		Tokenizer: tok, Template: tpl, EOS: gc.EOSTokenID, Generator: gen}, nil
}

// TextRequest is a generation as users ask for it: a raw prompt or chat
// messages, sampling settings and stop strings.
type TextRequest struct {
	Prompt    string
	Messages  []chattemplate.Message
	MaxTokens int
	Sampling  sample.Params
	Stop      []string
}

// TextEvent is a piece of generated text (Text may be empty when a token
// completes no character yet), or the end when Final is set.
type TextEvent struct {
	Token        int32
	Text         string
	Final        bool
	FinishReason string
	Usage        Usage
	Err          error
}

// InvalidRequestError marks a request the caller must change (HTTP 400,
// gRPC INVALID_ARGUMENT).
type InvalidRequestError struct {
	Param string
	Err   error
}

func (e *InvalidRequestError) Error() string {
	if e.Param == "" {
		return e.Err.Error()
	}
	return e.Param + ": " + e.Err.Error()
}

func (e *InvalidRequestError) Unwrap() error { return e.Err }

func invalid(param, format string, args ...any) error {
	return &InvalidRequestError{Param: param, Err: fmt.Errorf(format, args...)}
}

// MaxStopStrings is OpenAI's limit on stop sequences.
const MaxStopStrings = 4

// Encode turns a request into prompt token ids (through the chat template
// for messages). Text from users never produces special tokens except
// through the template.
func (m *Model) Encode(req TextRequest) ([]int32, error) {
	switch {
	case req.Prompt != "" && len(req.Messages) > 0:
		return nil, invalid("messages", "give a prompt or messages, not both")
	case len(req.Messages) > 0:
		if m.Template == nil {
			return nil, invalid("messages", "model %s has no chat template: send a prompt instead", m.ID)
		}
		for i, msg := range req.Messages {
			switch msg.Role {
			case "system", "user", "assistant", "developer":
			default:
				return nil, invalid(fmt.Sprintf("messages[%d].role", i), "unknown role %q (want system, user or assistant)", msg.Role)
			}
		}
		text, err := m.Template.Render(req.Messages, true)
		if err != nil {
			return nil, invalid("messages", "rendering the chat template: %w", err)
		}
		return m.Tokenizer.Encode(text, tokenizer.EncodeOptions{}), nil
	case req.Prompt != "":
		return m.Tokenizer.Encode(req.Prompt, tokenizer.EncodeOptions{AddSpecialTokens: true, SplitSpecialTokens: true}), nil
	default:
		return nil, invalid("prompt", "the prompt is empty")
	}
}

// Generate runs a text request. Events stream as tokens are sampled; text
// that could be the start of a stop string is held back until it is known
// not to be, and a stop string ends the generation without being sent.
func (m *Model) Generate(ctx context.Context, req TextRequest) (<-chan TextEvent, error) {
	if len(req.Stop) > MaxStopStrings {
		return nil, invalid("stop", "at most %d stop strings, got %d", MaxStopStrings, len(req.Stop))
	}
	for i, s := range req.Stop {
		if s == "" {
			return nil, invalid(fmt.Sprintf("stop[%d]", i), "a stop string must not be empty")
		}
	}
	if err := req.Sampling.Validate(); err != nil {
		return nil, &InvalidRequestError{Err: err}
	}
	prompt, err := m.Encode(req)
	if err != nil {
		return nil, err
	}
	maxTokens := req.MaxTokens
	switch {
	case maxTokens < 0:
		return nil, invalid("max_tokens", "must be positive, got %d", maxTokens)
	case maxTokens == 0:
		maxTokens = m.DefaultMaxTokens()
	}
	if m.ContextLength > 0 {
		if len(prompt) >= m.ContextLength {
			param := "prompt"
			if len(req.Messages) > 0 {
				param = "messages"
			}
			return nil, invalid(param, "the prompt is %d tokens; this model's context is %d", len(prompt), m.ContextLength)
		}
		if len(prompt)+maxTokens > m.ContextLength {
			if req.MaxTokens > 0 {
				return nil, invalid("max_tokens", "prompt (%d tokens) + max_tokens (%d) exceeds the context length %d", len(prompt), maxTokens, m.ContextLength)
			}
			maxTokens = m.ContextLength - len(prompt)
		}
	}
	started := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	tokens, err := m.Generator.Generate(ctx, TokenRequest{Prompt: prompt, MaxTokens: maxTokens, Sampling: req.Sampling, StopIDs: m.EOS})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("model %s: %w", m.ID, err)
	}
	out := make(chan TextEvent, 16)
	go func() {
		defer cancel()
		defer close(out)
		m.relay(ctx, tokens, out, req.Stop, len(prompt), started)
	}()
	return out, nil
}

// DefaultMaxTokens is the completion length of a request that does not
// name one (MaxTokens, else 256).
func (m *Model) DefaultMaxTokens() int {
	if m.MaxTokens > 0 {
		return m.MaxTokens
	}
	return 256
}

// relay decodes token events into text events and applies stop strings. It
// records the generation's metrics (time to first token, tokens) once, before
// the final event is delivered: whoever sees a generation end sees it counted.
func (m *Model) relay(ctx context.Context, tokens <-chan TokenEvent, out chan<- TextEvent, stops []string, promptTokens int, started time.Time) {
	var ttft time.Duration
	var completion int
	observe := sync.OnceFunc(func() {
		m.metrics.Load().observeGeneration(m.ID, ttft, completion)
		x402.ReportTokens(ctx, completion) // a per-token payment is charged for these
	})
	defer observe()
	send := func(ev TextEvent) bool {
		if ev.Final {
			observe()
		}
		select {
		case out <- ev:
			return true
		case <-ctx.Done():
			return false
		}
	}
	stream := m.Tokenizer.NewStream(true)
	var held strings.Builder // text not yet sent: it may start a stop string
	for ev := range tokens {
		if ev.Final {
			final := TextEvent{Final: true, FinishReason: ev.FinishReason, Usage: ev.Usage, Err: ev.Err}
			if ev.Err == nil {
				rest := held.String() + stream.Flush()
				if rest != "" && !send(TextEvent{Text: rest}) {
					return
				}
			}
			send(final)
			return
		}
		if completion == 0 {
			ttft = time.Since(started)
		}
		completion++
		piece := ""
		if !slices.Contains(m.EOS, int(ev.Token)) {
			var err error
			if piece, err = stream.Next(ev.Token); err != nil {
				send(TextEvent{Final: true, Err: fmt.Errorf("model %s: decoding token %d: %w", m.ID, ev.Token, err)})
				return
			}
		}
		if len(stops) == 0 {
			if !send(TextEvent{Token: ev.Token, Text: piece}) {
				return
			}
			continue
		}
		held.WriteString(piece)
		text := held.String()
		if i, _ := firstStop(text, stops); i >= 0 {
			if i > 0 && !send(TextEvent{Token: ev.Token, Text: text[:i]}) {
				return
			}
			usage := Usage{PromptTokens: promptTokens, CompletionTokens: completion, TotalTokens: promptTokens + completion}
			send(TextEvent{Final: true, FinishReason: FinishStop, Usage: usage})
			return // the deferred cancel stops the generator
		}
		keep := stopPrefixLen(text, stops)
		held.Reset()
		held.WriteString(text[len(text)-keep:])
		if !send(TextEvent{Token: ev.Token, Text: text[:len(text)-keep]}) {
			return
		}
	}
	// The generator closed without a final event: its context ended.
	err := ctx.Err()
	if err == nil {
		err = errors.New("generation ended without a result")
	}
	send(TextEvent{Final: true, Err: err})
	return
}

// firstStop returns the index of the earliest stop string in text, or -1.
func firstStop(text string, stops []string) (int, string) {
	best, which := -1, ""
	for _, s := range stops {
		if i := strings.Index(text, s); i >= 0 && (best < 0 || i < best) {
			best, which = i, s
		}
	}
	return best, which
}

// stopPrefixLen is the length of the longest suffix of text that is a
// proper prefix of some stop string: that much must be held back.
func stopPrefixLen(text string, stops []string) int {
	keep := 0
	for _, s := range stops {
		for n := min(len(s)-1, len(text)); n > keep; n-- {
			if strings.HasSuffix(text, s[:n]) {
				keep = n
				break
			}
		}
	}
	return keep
}
