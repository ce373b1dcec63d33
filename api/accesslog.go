package api

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"

	"go.uber.org/zap"
)

// RequestIDHeader carries a request's id: the client's if it sent a usable
// one, else a new one; the answer echoes it so logs and client agree.
const RequestIDHeader = "X-Request-Id"

// accessLog gives every HTTP request an id, and when it ends counts it in
// the metrics and logs one line (method, path, status, duration, id) — at
// debug level for health checks and scrapes, which would otherwise drown
// the rest.
func accessLog(log *zap.Logger, m *Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !usableRequestID(id) {
			id = newRequestID()
			r.Header.Set(RequestIDHeader, id)
		}
		w.Header().Set(RequestIDHeader, id)
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.code == 0 {
			rec.code = http.StatusOK
		}
		m.countHTTP(rec.code)
		level := zap.InfoLevel
		switch r.URL.Path {
		case "/healthz", "/readyz", "/metrics", "/dashboard/state.json":
			level = zap.DebugLevel
		}
		log.Log(level, "http request", zap.String("request_id", id), zap.String("method", r.Method),
			zap.String("path", r.URL.Path), zap.Int("status", rec.code), zap.Duration("took", time.Since(start)))
	})
}

// usableRequestID accepts up to 64 characters of [A-Za-z0-9._-], so a
// client's id cannot inject anything into logs.
func usableRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

func newRequestID() string {
	b := make([]byte, 12)
	rand.Read(b) //nolint:errcheck // crypto/rand does not fail on Linux
	return hex.EncodeToString(b)
}
