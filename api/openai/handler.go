package openai

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/api"
)

// Handler serves the OpenAI routes under /v1/.
type Handler struct {
	models *api.Models
	log    *zap.Logger
	mux    *http.ServeMux
	now    func() time.Time
}

// New returns the adapter over models.
func New(models *api.Models, log *zap.Logger) *Handler {
	h := &Handler{models: models, log: log, mux: http.NewServeMux(), now: time.Now}
	h.mux.HandleFunc("POST /v1/chat/completions", h.chat)
	h.mux.HandleFunc("POST /v1/completions", h.completions)
	h.mux.HandleFunc("GET /v1/models", h.listModels)
	h.mux.HandleFunc("GET /v1/models/{id...}", h.getModel)
	h.mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		WriteError(w, http.StatusNotFound, "invalid_request_error", "", fmt.Sprintf("no route %s %s (served: POST /v1/chat/completions, POST /v1/completions, GET /v1/models)", r.Method, r.URL.Path))
	})
	return h
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }

// WriteError writes OpenAI's error shape.
func WriteError(w http.ResponseWriter, status int, typ, param, message string) {
	e := ErrorResponse{Error: Error{Message: message, Type: typ}}
	if param != "" {
		e.Error.Param = &param
	}
	code := map[int]string{401: "invalid_api_key", 404: "not_found", 429: "rate_limit_exceeded"}[status]
	if code != "" {
		e.Error.Code = &code
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e) //nolint:errcheck // the client went away
}

// writeErr maps an error to a status and OpenAI's error shape.
func (h *Handler) writeErr(w http.ResponseWriter, err error) {
	var re *RequestError
	var inv *api.InvalidRequestError
	switch {
	case errors.As(err, &re):
		WriteError(w, http.StatusBadRequest, "invalid_request_error", re.Param, re.Error())
	case errors.As(err, &inv):
		WriteError(w, http.StatusBadRequest, "invalid_request_error", inv.Param, inv.Error())
	case errors.Is(err, api.ErrOverloaded):
		w.Header().Set("Retry-After", "1")
		WriteError(w, http.StatusTooManyRequests, "rate_limit_error", "", err.Error())
	case errors.Is(err, api.ErrNotFound):
		WriteError(w, http.StatusNotFound, "invalid_request_error", "model", err.Error())
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		WriteError(w, http.StatusServiceUnavailable, "server_error", "", "the request was cancelled: "+err.Error())
	default:
		h.log.Error("openai request failed", zap.Error(err))
		WriteError(w, http.StatusInternalServerError, "server_error", "", err.Error())
	}
}

func newID(prefix string) string {
	b := make([]byte, 12)
	rand.Read(b) //nolint:errcheck // crypto/rand.Read does not fail
	return prefix + hex.EncodeToString(b)
}

func (h *Handler) chat(w http.ResponseWriter, r *http.Request) {
	req, err := DecodeChatRequest(r.Body)
	if err != nil {
		h.writeErr(w, err)
		return
	}
	m, err := h.models.Get(req.Model)
	if err != nil {
		h.writeErr(w, err)
		return
	}
	events, err := m.Generate(r.Context(), req.TextRequest())
	if err != nil {
		h.writeErr(w, err)
		return
	}
	id, created := newID("chatcmpl-"), h.now().Unix()
	if !req.Stream {
		var text strings.Builder
		for ev := range events {
			if ev.Final {
				if ev.Err != nil {
					h.writeErr(w, ev.Err)
					return
				}
				writeJSON(w, ChatCompletion{ID: id, Object: "chat.completion", Created: created, Model: m.ID,
					Choices: []ChatChoice{{Message: ChatMessage{Role: "assistant", Content: text.String()}, FinishReason: ev.FinishReason}},
					Usage:   ev.Usage})
				return
			}
			text.WriteString(ev.Text)
		}
		h.writeErr(w, r.Context().Err())
		return
	}
	includeUsage := req.StreamOptions != nil && req.StreamOptions.IncludeUsage
	sse := newSSE(w)
	chunk := func(d Delta, finish *string) ChatChunk {
		c := ChatChunk{ID: id, Object: "chat.completion.chunk", Created: created, Model: m.ID,
			Choices: []ChunkChoice{{Delta: d, FinishReason: finish}}}
		return c
	}
	empty := ""
	if !sse.send(chunk(Delta{Role: "assistant", Content: &empty}, nil)) {
		return
	}
	for ev := range events {
		if ev.Final {
			if ev.Err != nil {
				sse.fail(ev.Err)
				return
			}
			reason := ev.FinishReason
			if !sse.send(chunk(Delta{}, &reason)) {
				return
			}
			if includeUsage {
				u := ev.Usage
				if !sse.send(ChatChunk{ID: id, Object: "chat.completion.chunk", Created: created, Model: m.ID, Choices: []ChunkChoice{}, Usage: &u}) {
					return
				}
			}
			sse.done()
			return
		}
		if ev.Text == "" {
			continue
		}
		text := ev.Text
		if !sse.send(chunk(Delta{Content: &text}, nil)) {
			return
		}
	}
}

func (h *Handler) completions(w http.ResponseWriter, r *http.Request) {
	req, err := DecodeCompletionRequest(r.Body)
	if err != nil {
		h.writeErr(w, err)
		return
	}
	m, err := h.models.Get(req.Model)
	if err != nil {
		h.writeErr(w, err)
		return
	}
	events, err := m.Generate(r.Context(), req.TextRequest())
	if err != nil {
		h.writeErr(w, err)
		return
	}
	id, created := newID("cmpl-"), h.now().Unix()
	if !req.Stream {
		var text strings.Builder
		for ev := range events {
			if ev.Final {
				if ev.Err != nil {
					h.writeErr(w, ev.Err)
					return
				}
				reason, u := ev.FinishReason, ev.Usage
				writeJSON(w, Completion{ID: id, Object: "text_completion", Created: created, Model: m.ID,
					Choices: []CompletionChoice{{Text: text.String(), FinishReason: &reason}}, Usage: &u})
				return
			}
			text.WriteString(ev.Text)
		}
		h.writeErr(w, r.Context().Err())
		return
	}
	includeUsage := req.StreamOptions != nil && req.StreamOptions.IncludeUsage
	sse := newSSE(w)
	for ev := range events {
		if ev.Final {
			if ev.Err != nil {
				sse.fail(ev.Err)
				return
			}
			reason := ev.FinishReason
			if !sse.send(Completion{ID: id, Object: "text_completion", Created: created, Model: m.ID,
				Choices: []CompletionChoice{{FinishReason: &reason}}}) {
				return
			}
			if includeUsage {
				u := ev.Usage
				if !sse.send(Completion{ID: id, Object: "text_completion", Created: created, Model: m.ID, Choices: []CompletionChoice{}, Usage: &u}) {
					return
				}
			}
			sse.done()
			return
		}
		if ev.Text != "" && !sse.send(Completion{ID: id, Object: "text_completion", Created: created, Model: m.ID,
			Choices: []CompletionChoice{{Text: ev.Text}}}) {
			return
		}
	}
}

func (h *Handler) listModels(w http.ResponseWriter, _ *http.Request) {
	out := ModelList{Object: "list", Data: []ModelObject{}}
	for _, m := range h.models.List() {
		out.Data = append(out.Data, ModelObject{ID: m.ID, Object: "model", Created: 0, OwnedBy: "computepool"})
	}
	writeJSON(w, out)
}

func (h *Handler) getModel(w http.ResponseWriter, r *http.Request) {
	m, err := h.models.Get(r.PathValue("id"))
	if err != nil || r.PathValue("id") == "" {
		WriteError(w, http.StatusNotFound, "invalid_request_error", "model", fmt.Sprintf("model %q is not served", r.PathValue("id")))
		return
	}
	writeJSON(w, ModelObject{ID: m.ID, Object: "model", OwnedBy: "computepool"})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away
}

// sse writes server-sent events; a failed write means the client left (its
// request context is then cancelled, which stops the generation).
type sse struct {
	w  http.ResponseWriter
	rc *http.ResponseController
	ok bool
}

func newSSE(w http.ResponseWriter) *sse {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	return &sse{w: w, rc: http.NewResponseController(w), ok: true}
}

func (s *sse) raw(data []byte) bool {
	if !s.ok {
		return false
	}
	if _, err := fmt.Fprintf(s.w, "data: %s\n\n", data); err != nil {
		s.ok = false
		return false
	}
	if err := s.rc.Flush(); err != nil {
		s.ok = false
	}
	return s.ok
}

func (s *sse) send(v any) bool {
	b, err := json.Marshal(v)
	if err != nil {
		return false
	}
	return s.raw(b)
}

// fail reports an error after the stream started, as OpenAI does: an event
// carrying an error object.
func (s *sse) fail(err error) {
	s.send(ErrorResponse{Error: Error{Message: err.Error(), Type: "server_error"}})
}

func (s *sse) done() { s.raw([]byte("[DONE]")) }
