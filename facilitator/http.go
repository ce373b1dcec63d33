package facilitator

import (
	"encoding/json"
	"net/http"

	"go.uber.org/zap"

	"github.com/computepool/computepool/api/x402"
)

// SupportedKind is one (version, scheme, network) the facilitator settles.
type SupportedKind struct {
	X402Version int    `json:"x402Version"`
	Scheme      string `json:"scheme"`
	Network     string `json:"network"`
}

// SupportedResponse is GET /supported's answer.
type SupportedResponse struct {
	Kinds      []SupportedKind     `json:"kinds"`
	Extensions []string            `json:"extensions"`
	Signers    map[string][]string `json:"signers"`
}

// Supported lists v2 on the CAIP-2 network and v1 where the chain has a v1 name.
func (f *Facilitator) Supported() SupportedResponse {
	s := SupportedResponse{Kinds: []SupportedKind{{X402Version: 2, Scheme: x402.SchemeExact, Network: f.network}},
		Extensions: []string{}, Signers: map[string][]string{"eip155:*": {f.Relayer().Hex()}}}
	if name, ok := x402.V1Name(f.chainID); ok {
		s.Kinds = append(s.Kinds, SupportedKind{X402Version: 1, Scheme: x402.SchemeExact, Network: name})
	}
	return s
}

// Handler serves POST /verify, POST /settle and GET /supported. A body that
// cannot be read as a request is answered 400 with the reason; a refused
// payment is answered 200 with isValid/success false and an x402 reason, as
// x402 facilitators do; the facilitator's own trouble (the node unreachable)
// is 502.
func (f *Facilitator) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /supported", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, f.Supported())
	})
	mux.HandleFunc("POST /verify", func(w http.ResponseWriter, r *http.Request) {
		req, err := DecodeRequest(r.Body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, VerifyResponse{InvalidReason: x402.ReasonInvalidPayload, InvalidMessage: err.Error()})
			return
		}
		res := f.Verify(r.Context(), req)
		status := http.StatusOK
		if res.InvalidReason == ReasonUnexpectedVerify {
			status = http.StatusBadGateway
		}
		writeJSON(w, status, res)
	})
	mux.HandleFunc("POST /settle", func(w http.ResponseWriter, r *http.Request) {
		req, err := DecodeRequest(r.Body)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, SettleResponse{ErrorReason: x402.ReasonInvalidPayload, ErrorMessage: err.Error()})
			return
		}
		res := f.Settle(r.Context(), req)
		status := http.StatusOK
		if res.ErrorReason == ReasonUnexpectedSettle {
			status = http.StatusBadGateway
		}
		writeJSON(w, status, res)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/verify", "/settle":
			w.Header().Set("Allow", http.MethodPost)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": r.URL.Path + " takes POST with a JSON body {x402Version, paymentPayload, paymentRequirements}"})
			return
		case "/supported":
			w.Header().Set("Allow", http.MethodGet)
			writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "/supported takes GET"})
			return
		}
		writeJSON(w, http.StatusNotFound, map[string]string{"error": "not found: this x402 facilitator serves POST /verify, POST /settle and GET /supported"})
	})
	return logRequests(f.log, mux)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // the client went away
}

func logRequests(log *zap.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Debug("request", zap.String("method", r.Method), zap.String("path", r.URL.Path))
		next.ServeHTTP(w, r)
	})
}
