package x402

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"go.uber.org/zap"
)

// Settler moves a verified payment on chain: the facilitator client, or the
// control plane's settlement workflow. It must refuse a nonce that was
// already used on chain, and must be safe for concurrent use.
type Settler interface {
	Settle(ctx context.Context, p *Payment) (*SettleResponse, error)
}

// Nonces remembers authorization nonces this server accepted, so a replayed
// payment is refused before any work, even before its first settlement has
// landed on chain.
type Nonces struct {
	mu   sync.Mutex
	used map[[32]byte]time.Time // nonce → its validBefore, when it can be forgotten
	// undelivered: payments settled here whose answer the client did not
	// receive (it left mid-answer); the same payment is served once more.
	undelivered map[[32]byte]undelivered
}

type undelivered struct {
	signature string
	res       SettleResponse
}

// NewNonces returns an empty guard.
func NewNonces() *Nonces {
	return &Nonces{used: map[[32]byte]time.Time{}, undelivered: map[[32]byte]undelivered{}}
}

// MarkUndelivered records that a settled payment's answer did not reach the
// client, so that the client's retry with the same payment is served (once)
// instead of refused as a replay: it paid for an answer.
func (n *Nonces) MarkUndelivered(p *Payment, res SettleResponse) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.undelivered[p.Nonce] = undelivered{signature: string(p.Signature), res: res}
}

// Redeliver consumes the mark of an undelivered payment: the settlement to
// report again, or nil when p is not one (a replay).
func (n *Nonces) Redeliver(p *Payment) *SettleResponse {
	n.mu.Lock()
	defer n.mu.Unlock()
	u, ok := n.undelivered[p.Nonce]
	if !ok || u.signature != string(p.Signature) {
		return nil
	}
	delete(n.undelivered, p.Nonce)
	return &u.res
}

// Reserve records a nonce, or reports that it was seen.
func (n *Nonces) Reserve(nonce [32]byte, validBefore, now time.Time) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	if _, seen := n.used[nonce]; seen {
		return false
	}
	if len(n.used) > 4096 { // expired authorizations cannot be replayed anyway
		for k, exp := range n.used {
			if now.After(exp) {
				delete(n.used, k)
				delete(n.undelivered, k)
			}
		}
	}
	n.used[nonce] = validBefore
	return true
}

// Release forgets a nonce whose payment was not used (the request failed
// before settlement), so the client may send it again.
func (n *Nonces) Release(nonce [32]byte) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.used, nonce)
}

// Middleware makes a handler paid: without a valid payment it answers 402
// with the requirements and the handler never runs.
//
// Settlement happens when the handler commits to a successful answer — its
// first WriteHeader, Write or Flush with a status below 400: a streamed
// answer is paid before its first byte (the PAYMENT-RESPONSE header must
// precede the body), a non-streamed one after the work is done. A handler
// that fails (status >= 400) is not charged and the nonce is released.
type Middleware struct {
	Offer   Offer
	Settler Settler
	Nonces  *Nonces
	Log     *zap.Logger
	// Now is the clock (tests fix it); nil means time.Now.
	Now func() time.Time
	// MeterWait bounds how long a finished per-token stream's settlement
	// waits for the generation to report its tokens (it reports as it
	// ends, so at once); zero means 10 s.
	MeterWait time.Duration
}

// NewMiddleware checks the offer.
func NewMiddleware(o Offer, s Settler, log *zap.Logger) (*Middleware, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if s == nil {
		return nil, errors.New("x402: a Settler is required")
	}
	return &Middleware{Offer: o, Settler: s, Nonces: NewNonces(), Log: log}, nil
}

func (m *Middleware) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

func (m *Middleware) meterWait() time.Duration {
	if m.MeterWait > 0 {
		return m.MeterWait
	}
	return 10 * time.Second
}

// Wrap returns next behind payment.
func (m *Middleware) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version, header := 2, r.Header.Get(HeaderPaymentSignature)
		if header == "" {
			if header = r.Header.Get(HeaderPaymentV1); header != "" {
				version = 1
			}
		}
		offer, err := m.Offer.forRequest(r)
		if err != nil {
			invalidRequest(w, err)
			return
		}
		if header == "" {
			m.require(w, r, &offer, "payment required: send a "+HeaderPaymentSignature+" header (x402 v2) paying the requirements in "+HeaderPaymentRequired)
			return
		}
		p, err := DecodePayment(header, version)
		if err != nil {
			m.require(w, r, &offer, ReasonInvalidPayload+": "+err.Error())
			return
		}
		pay, verr := Verify(p, &offer, m.now())
		if verr != nil {
			m.require(w, r, &offer, verr.Error())
			return
		}
		pw := &paidWriter{ResponseWriter: w, m: m, r: r, pay: pay, offer: &offer}
		if offer.PerToken() {
			pw.meter = newMeter()
			r = r.WithContext(withMeter(r.Context(), pw.meter))
			pw.r = r
		}
		if !m.Nonces.Reserve(pay.Nonce, time.Unix(pay.ValidBefore.Int64(), 0), m.now()) {
			if pw.prepaid = m.Nonces.Redeliver(pay); pw.prepaid == nil {
				m.require(w, r, &offer, ReasonNonceUsed+": this authorization was already used; sign a new one")
				return
			}
		}
		next.ServeHTTP(pw, r)
		if !pw.decided {
			pw.WriteHeader(http.StatusOK)
		}
		if pw.deferred {
			pw.settleAfterAnswer()
			return // a per-token payment owes only what was generated: nothing to redeliver
		}
		switch {
		case pw.prepaid != nil && (!pw.settled || r.Context().Err() != nil):
			m.Nonces.MarkUndelivered(pay, *pw.prepaid) // still owed
		case !pw.settled && pw.prepaid == nil:
			m.Nonces.Release(pay.Nonce)
		case pw.settled && r.Context().Err() != nil:
			// The client left before the answer was done: it paid for one.
			m.Nonces.MarkUndelivered(pay, pw.res)
			if m.Log != nil {
				m.Log.Info("paid answer not delivered; the same payment will be served once more", zap.String("payer", pay.From.Hex()))
			}
		}
	})
}

// require answers 402 with the requirements in every form a client reads.
func (m *Middleware) require(w http.ResponseWriter, r *http.Request, offer *Offer, reason string) {
	resource := requestURL(r)
	v2 := PaymentRequired{X402Version: 2, Error: reason, Resource: &Resource{URL: resource, Description: offer.Description, MimeType: "application/json"},
		Accepts: []Requirements{offer.Requirements()}}
	if h, err := EncodeHeader(v2); err == nil {
		w.Header().Set(HeaderPaymentRequired, h)
	}
	// A v2 client reads a JSON body only when it says x402Version 1, so the
	// body carries v1 requirements where the chain has a v1 name.
	var body any = v2
	if req, ok := offer.RequirementsV1(resource, "application/json"); ok {
		body = PaymentRequiredV1{X402Version: 1, Error: reason, Accepts: []RequirementsV1{req}}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusPaymentRequired)
	json.NewEncoder(w).Encode(body) //nolint:errcheck // the client went away
	if m.Log != nil {
		m.Log.Debug("payment refused", zap.String("path", r.URL.Path), zap.String("reason", reason))
	}
}

// invalidRequest answers 400 in OpenAI's error shape: the request cannot be
// priced, so no payment is asked for.
func invalidRequest(w http.ResponseWriter, err error) {
	body := map[string]any{"error": map[string]any{"message": err.Error(), "type": "invalid_request_error", "param": nil, "code": nil}}
	var tm *TooManyTokensError
	if errors.As(err, &tm) {
		body["error"].(map[string]any)["param"] = tm.Param
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	json.NewEncoder(w).Encode(body) //nolint:errcheck // the client went away
}

func requestURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return fmt.Sprintf("%s://%s%s", scheme, r.Host, r.URL.RequestURI())
}

// paidWriter settles the payment when the handler commits to success.
type paidWriter struct {
	http.ResponseWriter
	m       *Middleware
	r       *http.Request
	pay     *Payment
	decided bool // the status is chosen
	settled bool
	failed  bool            // settlement failed: the handler's output is dropped
	prepaid *SettleResponse // a settled payment served again (its answer was not delivered)
	res     SettleResponse  // the settlement, once settled
	offer   *Offer          // this request's offer
	// Per-token payments: meter counts the tokens generated; deferred says
	// the answer is streaming, so settlement waits for its end and the
	// PAYMENT-RESPONSE comes as a trailer.
	meter    *Meter
	deferred bool
}

func (w *paidWriter) WriteHeader(code int) {
	if w.decided {
		return
	}
	w.decided = true
	if code >= 400 {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if w.prepaid != nil {
		w.settled, w.res = true, *w.prepaid
		w.setResponseHeader()
		w.ResponseWriter.WriteHeader(code)
		return
	}
	if err := w.r.Context().Err(); err != nil {
		// The client left before the answer was ready: nothing is taken.
		w.failed = true
		w.ResponseWriter.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if w.meter != nil {
		tokens, done := w.meter.reported()
		if !done {
			// Streaming: the tokens are counted when the stream ends.
			w.deferred = true
			w.Header().Add("Trailer", w.responseHeaderName())
			w.ResponseWriter.WriteHeader(code)
			return
		}
		w.setCharge(tokens)
	}
	if err := w.settle(); err != nil {
		w.failed = true
		w.Header().Del("Content-Type")
		w.Header().Del("Content-Length")
		w.m.require(w.ResponseWriter, w.r, w.offer, ReasonSettlementFailed+": "+err.Error())
		return
	}
	w.setResponseHeader()
	w.ResponseWriter.WriteHeader(code)
}

// settle runs the Settler and keeps its answer. A client leaving
// mid-settlement must not cut it short: its outcome decides whether the
// payment was taken.
func (w *paidWriter) settle() error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(w.r.Context()), settleTimeout)
	defer cancel()
	res, err := w.m.Settler.Settle(ctx, w.pay)
	if err == nil && (res == nil || !res.Success) {
		reason := "the settler reported failure"
		if res != nil && res.ErrorReason != "" {
			reason = res.ErrorReason
			if res.ErrorMessage != "" {
				reason += ": " + res.ErrorMessage
			}
		}
		err = errors.New(reason)
	}
	if err != nil {
		if w.m.Log != nil {
			w.m.Log.Warn("x402 settlement failed", zap.Stringer("payment", w.pay), zap.Error(err))
		}
		return err
	}
	w.settled = true
	if res.Payer == "" {
		res.Payer = w.pay.From.Hex()
	}
	if res.Network == "" {
		res.Network = w.pay.Network
	}
	w.res = *res
	return nil
}

// setCharge prices a per-token payment at the tokens generated.
func (w *paidWriter) setCharge(tokens int) {
	w.pay.Tokens = tokens
	w.pay.Charge = charge(w.offer, w.pay.Value, tokens)
	w.pay.Provider = w.offer.Provider
}

// settleAfterAnswer settles a streamed per-token payment once the stream is
// over and sends the outcome as the PAYMENT-RESPONSE trailer. A generation
// that never reports is charged its maximum: the charge never exceeds what
// the payer authorized. A failure here cannot take the answer back; it is
// logged and the settlement workflow keeps it for an operator.
func (w *paidWriter) settleAfterAnswer() {
	tokens := w.offer.maxTokens()
	select {
	case <-w.meter.done:
		tokens, _ = w.meter.reported()
	case <-time.After(w.m.meterWait()):
		if w.m.Log != nil {
			w.m.Log.Warn("a paid generation did not report its tokens; charging its maximum", zap.Int("maxTokens", tokens))
		}
	}
	w.setCharge(tokens)
	w.pay.Delivered = true
	if err := w.settle(); err != nil {
		w.res = SettleResponse{Success: false, ErrorReason: ReasonSettlementFailed, ErrorMessage: err.Error(),
			Payer: w.pay.From.Hex(), Network: w.pay.Network}
	}
	w.setResponseHeader()
}

// settleTimeout bounds one settlement call (a mined transaction on chain).
const settleTimeout = 2 * time.Minute

func (w *paidWriter) setResponseHeader() {
	if h, err := EncodeHeader(w.res); err == nil {
		w.Header().Set(w.responseHeaderName(), h)
	}
}

func (w *paidWriter) responseHeaderName() string {
	if w.pay.Version == 1 {
		return HeaderResponseV1
	}
	return HeaderPaymentResponse
}

func (w *paidWriter) Write(b []byte) (int, error) {
	if !w.decided {
		w.WriteHeader(http.StatusOK)
	}
	if w.failed {
		return 0, errors.New("x402: settlement failed; the answer is withheld")
	}
	return w.ResponseWriter.Write(b)
}

func (w *paidWriter) Flush() {
	if !w.decided {
		w.WriteHeader(http.StatusOK)
	}
	if f, ok := w.ResponseWriter.(http.Flusher); ok && !w.failed {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *paidWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
