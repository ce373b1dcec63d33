// Package openai is a thin adapter that speaks OpenAI's HTTP API
// (/v1/chat/completions, /v1/completions, /v1/models, streaming as
// server-sent events) over the api package's models: the wire types, their
// decoding with errors that name the field, and the conversion to and from
// api.TextRequest / api.TextEvent — nothing else.
package openai

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

// Error is OpenAI's error object.
type Error struct {
	Message string  `json:"message"`
	Type    string  `json:"type"`
	Param   *string `json:"param"`
	Code    *string `json:"code"`
}

// ErrorResponse is OpenAI's error body.
type ErrorResponse struct {
	Error Error `json:"error"`
}

// RequestError is a request the client must fix (HTTP 400).
type RequestError struct {
	Param   string
	Message string
}

func (e *RequestError) Error() string {
	if e.Param == "" {
		return e.Message
	}
	return e.Param + ": " + e.Message
}

func badParam(param, format string, args ...any) *RequestError {
	return &RequestError{Param: param, Message: fmt.Sprintf(format, args...)}
}

// Content is a message's content: a string, or an array of text parts.
type Content string

// UnmarshalJSON accepts "text" or [{"type":"text","text":"..."}].
func (c *Content) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*c = Content(s)
		return nil
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &parts); err != nil {
		return errors.New("content must be a string or an array of text parts")
	}
	var sb strings.Builder
	for _, p := range parts {
		if p.Type != "text" {
			return fmt.Errorf("content part type %q is not supported (only text)", p.Type)
		}
		sb.WriteString(p.Text)
	}
	*c = Content(sb.String())
	return nil
}

// Message is one chat turn.
type Message struct {
	Role    string  `json:"role"`
	Content Content `json:"content"`
	Name    string  `json:"name,omitempty"`
}

// Stop is a stop string or a list of them.
type Stop []string

// UnmarshalJSON accepts "s", ["a","b"] or null.
func (s *Stop) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = nil
		return nil
	}
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = Stop{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("stop must be a string or an array of strings")
	}
	*s = many
	return nil
}

// StreamOptions are the stream's extras.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage"`
}

// samplingFields are the settings chat and completions share.
type samplingFields struct {
	Model            string          `json:"model"`
	MaxTokens        *int            `json:"max_tokens"`
	Temperature      *float64        `json:"temperature"`
	TopP             *float64        `json:"top_p"`
	Stop             Stop            `json:"stop"`
	Seed             *int64          `json:"seed"`
	N                *int            `json:"n"`
	Stream           bool            `json:"stream"`
	StreamOptions    *StreamOptions  `json:"stream_options"`
	User             string          `json:"user"`
	FrequencyPenalty *float64        `json:"frequency_penalty"`
	PresencePenalty  *float64        `json:"presence_penalty"`
	Logprobs         json.RawMessage `json:"logprobs"`
}

// ChatRequest is POST /v1/chat/completions' body.
type ChatRequest struct {
	samplingFields
	Messages            []Message       `json:"messages"`
	MaxCompletionTokens *int            `json:"max_completion_tokens"`
	TopLogprobs         *int            `json:"top_logprobs"`
	Tools               json.RawMessage `json:"tools"`
	ToolChoice          json.RawMessage `json:"tool_choice"`
	ResponseFormat      json.RawMessage `json:"response_format"`
}

// CompletionRequest is POST /v1/completions' body.
type CompletionRequest struct {
	samplingFields
	Prompt json.RawMessage `json:"prompt"`
	Echo   bool            `json:"echo"`
	Suffix *string         `json:"suffix"`
}

// MaxBodyBytes bounds a request body.
const MaxBodyBytes = 4 << 20

// decodeStrict decodes one JSON object, refusing unknown fields and
// trailing data, with errors that name the field.
func decodeStrict(r io.Reader, v any) error {
	body, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return &RequestError{Message: "reading the request body: " + err.Error()}
	}
	if len(body) > MaxBodyBytes {
		return &RequestError{Message: fmt.Sprintf("the request body is larger than %d bytes", MaxBodyBytes)}
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return &RequestError{Message: "the request body is empty: send a JSON object"}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if dec.More() {
		return &RequestError{Message: "the request body has data after the JSON object"}
	}
	return nil
}

func jsonError(err error) *RequestError {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return &RequestError{Message: fmt.Sprintf("the request body is not valid JSON (at byte %d): %v", syn.Offset, syn)}
	case errors.As(err, &typ):
		return badParam(strings.TrimPrefix(typ.Field, "samplingFields."), "expected %s, got a JSON %s", jsonKind(typ.Type), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &RequestError{Message: "the request body is truncated JSON"}
	}
	msg := err.Error()
	if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		f = strings.Trim(f, `"`)
		return badParam(f, "unknown parameter %q", f)
	}
	// Errors from a field's own UnmarshalJSON carry no field name in
	// encoding/json; they name what they expect.
	return &RequestError{Message: strings.TrimPrefix(msg, "json: ")}
}

// jsonKind names a Go type as JSON calls it.
func jsonKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	}
	return "an object"
}

// DecodeChatRequest reads and validates a chat completion request.
func DecodeChatRequest(r io.Reader) (*ChatRequest, error) {
	var req ChatRequest
	if err := decodeStrict(r, &req); err != nil {
		return nil, err
	}
	if len(req.Messages) == 0 {
		return nil, badParam("messages", "at least one message is required")
	}
	for i, m := range req.Messages {
		switch m.Role {
		case "system", "user", "assistant", "developer":
		case "":
			return nil, badParam(fmt.Sprintf("messages[%d].role", i), "role is required")
		default:
			return nil, badParam(fmt.Sprintf("messages[%d].role", i), "role %q is not supported (system, developer, user, assistant)", m.Role)
		}
	}
	if req.MaxCompletionTokens != nil {
		if req.MaxTokens != nil && *req.MaxTokens != *req.MaxCompletionTokens {
			return nil, badParam("max_completion_tokens", "give max_tokens or max_completion_tokens, not both")
		}
		req.MaxTokens = req.MaxCompletionTokens
	}
	if len(req.Tools) > 0 && string(req.Tools) != "null" {
		return nil, badParam("tools", "tools are not supported")
	}
	if len(req.ResponseFormat) > 0 && string(req.ResponseFormat) != "null" {
		var rf struct {
			Type string `json:"type"`
		}
		if json.Unmarshal(req.ResponseFormat, &rf) != nil || rf.Type != "text" {
			return nil, badParam("response_format", "only {\"type\": \"text\"} is supported")
		}
	}
	if req.TopLogprobs != nil && *req.TopLogprobs != 0 {
		return nil, badParam("top_logprobs", "logprobs are not supported")
	}
	if err := req.samplingFields.validate(); err != nil {
		return nil, err
	}
	return &req, nil
}

// DecodeCompletionRequest reads and validates a completion request.
func DecodeCompletionRequest(r io.Reader) (*CompletionRequest, error) {
	var req CompletionRequest
	if err := decodeStrict(r, &req); err != nil {
		return nil, err
	}
	if _, err := req.PromptText(); err != nil {
		return nil, err
	}
	if req.Echo {
		return nil, badParam("echo", "echo is not supported")
	}
	if req.Suffix != nil && *req.Suffix != "" {
		return nil, badParam("suffix", "suffix is not supported")
	}
	if err := req.samplingFields.validate(); err != nil {
		return nil, err
	}
	return &req, nil
}

// PromptText is the prompt: a string or an array of one string.
func (r *CompletionRequest) PromptText() (string, error) {
	if len(r.Prompt) == 0 || string(r.Prompt) == "null" {
		return "", badParam("prompt", "a prompt is required")
	}
	var s string
	if err := json.Unmarshal(r.Prompt, &s); err == nil {
		if s == "" {
			return "", badParam("prompt", "the prompt is empty")
		}
		return s, nil
	}
	var many []string
	if err := json.Unmarshal(r.Prompt, &many); err != nil {
		return "", badParam("prompt", "prompt must be a string (token arrays are not supported)")
	}
	if len(many) != 1 || many[0] == "" {
		return "", badParam("prompt", "send one non-empty prompt per request (got %d)", len(many))
	}
	return many[0], nil
}

func (f *samplingFields) validate() error {
	if f.N != nil && *f.N != 1 {
		return badParam("n", "only n=1 is supported, got %d", *f.N)
	}
	if f.MaxTokens != nil && *f.MaxTokens < 1 {
		return badParam("max_tokens", "must be at least 1, got %d", *f.MaxTokens)
	}
	if t := f.Temperature; t != nil && (*t < 0 || *t > 2 || math.IsNaN(*t)) {
		return badParam("temperature", "must be between 0 and 2, got %g", *t)
	}
	if p := f.TopP; p != nil && (*p <= 0 || *p > 1 || math.IsNaN(*p)) {
		return badParam("top_p", "must be in (0, 1], got %g", *p)
	}
	if len(f.Stop) > api.MaxStopStrings {
		return badParam("stop", "at most %d stop sequences, got %d", api.MaxStopStrings, len(f.Stop))
	}
	for i, s := range f.Stop {
		if s == "" {
			return badParam(fmt.Sprintf("stop[%d]", i), "a stop sequence must not be empty")
		}
	}
	if p := f.FrequencyPenalty; p != nil && *p != 0 {
		return badParam("frequency_penalty", "is not supported (send 0 or leave it out)")
	}
	if p := f.PresencePenalty; p != nil && *p != 0 {
		return badParam("presence_penalty", "is not supported (send 0 or leave it out)")
	}
	if lp := strings.TrimSpace(string(f.Logprobs)); lp != "" && lp != "null" && lp != "false" {
		return badParam("logprobs", "logprobs are not supported")
	}
	if f.StreamOptions != nil && !f.Stream {
		return badParam("stream_options", "only allowed with stream: true")
	}
	return nil
}

// textRequest converts the shared settings; OpenAI's defaults are
// temperature 1 and top_p 1.
func (f *samplingFields) textRequest(defaultMax int) api.TextRequest {
	sp := sample.Params{Temperature: 1}
	if f.Temperature != nil {
		sp.Temperature = *f.Temperature
	}
	if f.TopP != nil {
		sp.TopP = *f.TopP
	}
	if f.Seed != nil {
		sp.Seed = uint64(*f.Seed)
	}
	tr := api.TextRequest{Sampling: sp, Stop: f.Stop, MaxTokens: defaultMax}
	if f.MaxTokens != nil {
		tr.MaxTokens = *f.MaxTokens
	}
	return tr
}

// TextRequest converts a chat request.
func (r *ChatRequest) TextRequest() api.TextRequest {
	tr := r.samplingFields.textRequest(0)
	for _, m := range r.Messages {
		role := m.Role
		if role == "developer" { // OpenAI's newer name for system
			role = "system"
		}
		tr.Messages = append(tr.Messages, chattemplate.Message{Role: role, Content: string(m.Content)})
	}
	return tr
}

// TextRequest converts a completion request (default max_tokens 16, as OpenAI).
func (r *CompletionRequest) TextRequest() api.TextRequest {
	tr := r.samplingFields.textRequest(16)
	tr.Prompt, _ = r.PromptText()
	return tr
}

// Usage is OpenAI's usage object.
type Usage = api.Usage

// ChatMessage is an assistant message in a response.
type ChatMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// ChatChoice is a non-streamed choice.
type ChatChoice struct {
	Index        int         `json:"index"`
	Message      ChatMessage `json:"message"`
	FinishReason string      `json:"finish_reason"`
	Logprobs     *struct{}   `json:"logprobs"`
}

// ChatCompletion is a non-streamed chat answer.
type ChatCompletion struct {
	ID      string       `json:"id"`
	Object  string       `json:"object"`
	Created int64        `json:"created"`
	Model   string       `json:"model"`
	Choices []ChatChoice `json:"choices"`
	Usage   Usage        `json:"usage"`
}

// Delta is a streamed piece of the assistant message.
type Delta struct {
	Role    string  `json:"role,omitempty"`
	Content *string `json:"content,omitempty"`
}

// ChunkChoice is a streamed choice.
type ChunkChoice struct {
	Index        int       `json:"index"`
	Delta        Delta     `json:"delta"`
	FinishReason *string   `json:"finish_reason"`
	Logprobs     *struct{} `json:"logprobs"`
}

// ChatChunk is one server-sent event of a streamed chat answer.
type ChatChunk struct {
	ID      string        `json:"id"`
	Object  string        `json:"object"`
	Created int64         `json:"created"`
	Model   string        `json:"model"`
	Choices []ChunkChoice `json:"choices"`
	Usage   *Usage        `json:"usage,omitempty"`
}

// CompletionChoice is a completion choice (streamed or not).
type CompletionChoice struct {
	Index        int       `json:"index"`
	Text         string    `json:"text"`
	FinishReason *string   `json:"finish_reason"`
	Logprobs     *struct{} `json:"logprobs"`
}

// Completion is a completion answer or one streamed chunk of it.
type Completion struct {
	ID      string             `json:"id"`
	Object  string             `json:"object"`
	Created int64              `json:"created"`
	Model   string             `json:"model"`
	Choices []CompletionChoice `json:"choices"`
	Usage   *Usage             `json:"usage,omitempty"`
}

// ModelObject is an entry of GET /v1/models.
type ModelObject struct {
	ID      string `json:"id"`
	Object  string `json:"object"`
	Created int64  `json:"created"`
	OwnedBy string `json:"owned_by"`
}

// ModelList is GET /v1/models' answer.
type ModelList struct {
	Object string        `json:"object"`
	Data   []ModelObject `json:"data"`
}
