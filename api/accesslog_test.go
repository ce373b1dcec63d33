package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/zap"
	"go.uber.org/zap/zaptest/observer"
)

func TestAccessLogRequestIDs(t *testing.T) {
	core, logs := observer.New(zap.InfoLevel)
	var seen string
	h := accessLog(zap.New(core), nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = r.Header.Get(RequestIDHeader)
		w.WriteHeader(http.StatusTeapot)
	}))
	for _, tc := range []struct{ sent, want string }{
		{"client-id_1.a", "client-id_1.a"}, // kept
		{"bad id\nINFO forged line", ""},   // replaced
		{"", ""},                           // created
	} {
		req := httptest.NewRequest("POST", "/v1/chat/completions", nil)
		if tc.sent != "" {
			req.Header.Set(RequestIDHeader, tc.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get(RequestIDHeader)
		if tc.want != "" && got != tc.want || tc.want == "" && (len(got) != 24 || got == tc.sent) {
			t.Errorf("sent %q: answered id %q", tc.sent, got)
		}
		if seen != got {
			t.Errorf("handler saw id %q, client got %q", seen, got)
		}
		last := logs.All()[logs.Len()-1].ContextMap()
		if last["request_id"] != got || last["status"] != int64(http.StatusTeapot) || last["path"] != "/v1/chat/completions" {
			t.Errorf("log line %v", last)
		}
	}
	// Health checks stay out of the info log.
	before := logs.Len()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/healthz", nil))
	if logs.Len() != before {
		t.Error("a health check was logged at info level")
	}
}
