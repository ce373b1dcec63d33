package x402

import (
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

var provider = payTo

func perTokenOffer() Offer {
	o := testOffer("eip155:1337")
	o.Amount, o.PricePerToken, o.Provider, o.DefaultMaxTokens = nil, big.NewInt(3), provider, 100
	o.PayTo = token // any address: the escrow
	return o
}

// perTokenServer answers with a handler that reports tokens (or not, when
// tokens < 0), streaming (flushing first) or not.
func perTokenServer(t *testing.T, settler Settler, tokens int, stream bool) *httptest.Server {
	t.Helper()
	m, err := NewMiddleware(perTokenOffer(), settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return now }
	m.MeterWait = 100 * time.Millisecond
	srv := httptest.NewServer(m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if stream {
			w.(http.Flusher).Flush()
		}
		if tokens >= 0 {
			ReportTokens(r.Context(), tokens)
		}
		io.WriteString(w, "the answer")
	})))
	t.Cleanup(srv.Close)
	return srv
}

func postBody(t *testing.T, url, body, payment string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/v1/chat/completions", strings.NewReader(body))
	if payment != "" {
		req.Header.Set(HeaderPaymentSignature, payment)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp
}

// The offer is the request's max_tokens (or the default) × the price, paid
// to the escrow, and says so in extra.
func TestPerTokenOfferIsTheMaximum(t *testing.T) {
	srv := perTokenServer(t, &recordingSettler{}, 1, false)
	for body, want := range map[string]int{`{"max_tokens":7}`: 7, `{"maxTokens":9}`: 9, `{}`: 100, `not json`: 100, `{"max_tokens":-4}`: 100} {
		req := decodeRequired(t, postBody(t, srv.URL, body, "")).Accepts[0]
		if req.Amount != big.NewInt(int64(3*want)).String() || req.PayTo != token.Hex() || req.Extra.PricePerToken != "3" || req.Extra.MaxTokens != want {
			t.Errorf("%s: offer %+v extra %+v, want %d tokens", body, req, req.Extra, want)
		}
	}
}

// The charge is tokens × price and never more than the authorized maximum;
// a non-streamed answer settles before its header, a streamed one after its
// end (PAYMENT-RESPONSE as a trailer), and a generation that never reports
// is charged its maximum.
func TestPerTokenCharge(t *testing.T) {
	for _, c := range []struct {
		name          string
		tokens        int
		stream        bool
		charge, trail bool
		want          int64
	}{
		{"non-streamed", 4, false, true, false, 12},
		{"streamed", 4, true, true, true, 12},
		{"more than the maximum", 50, false, true, false, 30},
		{"unreported", -1, true, true, true, 30},
	} {
		t.Run(c.name, func(t *testing.T) {
			settler := &recordingSettler{}
			srv := perTokenServer(t, settler, c.tokens, c.stream)
			o := perTokenOffer()
			o.Amount = big.NewInt(30) // max_tokens 10
			p := newPayment(t, o)
			resp := postBody(t, srv.URL, `{"max_tokens":10}`, p.header(t))
			if resp.StatusCode != 200 || settler.count() != 1 {
				t.Fatalf("status %d, %d settlements", resp.StatusCode, settler.count())
			}
			got := settler.calls[0]
			if got.Charge == nil || got.Charge.Int64() != c.want || got.Provider != provider || got.Value.Int64() != 30 {
				t.Fatalf("settled %v (charge %v, provider %s)", got, got.Charge, got.Provider.Hex())
			}
			h := resp.Header.Get(HeaderPaymentResponse)
			if c.trail {
				h = resp.Trailer.Get(HeaderPaymentResponse)
			}
			if h == "" {
				t.Fatalf("no PAYMENT-RESPONSE (trailer %v)", c.trail)
			}
		})
	}
}

// A client that leaves mid-stream pays for the tokens generated until then
// (the settlement is not cut short by its leaving).
func TestPerTokenClientLeavesMidStream(t *testing.T) {
	settler := &recordingSettler{}
	m, err := NewMiddleware(perTokenOffer(), settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return now }
	settled := make(chan struct{})
	srv := httptest.NewServer(m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first piece")
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the client left
		ReportTokens(r.Context(), 2)
	})))
	t.Cleanup(srv.Close)
	o := perTokenOffer()
	o.Amount = big.NewInt(30)
	req, _ := http.NewRequest("POST", srv.URL+"/v1/chat/completions", strings.NewReader(`{"max_tokens":10}`))
	req.Header.Set(HeaderPaymentSignature, newPayment(t, o).header(t))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	io.ReadFull(resp.Body, buf)
	resp.Body.Close() // leave mid-stream
	go func() {
		for settler.count() == 0 {
			time.Sleep(10 * time.Millisecond)
		}
		close(settled)
	}()
	select {
	case <-settled:
	case <-time.After(5 * time.Second):
		t.Fatal("no settlement after the client left")
	}
	if c := settler.calls[0].Charge; c == nil || c.Int64() != 6 {
		t.Fatalf("charged %v, want 2 tokens × 3", c)
	}
}

// A per-token offer is checked like any other (asset, payTo, the token's
// EIP-712 name and version) besides its own fields.
func TestPerTokenOfferValidate(t *testing.T) {
	good := perTokenOffer()
	if err := good.Validate(); err != nil {
		t.Fatalf("valid per-token offer refused: %v", err)
	}
	for name, c := range map[string]struct {
		bad  func(*Offer)
		want string
	}{
		"missing asset":      {func(o *Offer) { o.Asset = [20]byte{} }, "asset"},
		"missing token name": {func(o *Offer) { o.TokenName = "" }, "name and version"},
		"missing version":    {func(o *Offer) { o.TokenVersion = "" }, "name and version"},
		"missing payTo":      {func(o *Offer) { o.PayTo = [20]byte{} }, "payTo"},
		"missing provider":   {func(o *Offer) { o.Provider = [20]byte{} }, "provider"},
		"zero price":         {func(o *Offer) { o.PricePerToken = big.NewInt(0) }, "price per token"},
	} {
		o := perTokenOffer()
		c.bad(&o)
		if err := o.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate() = %v, want an error about %q", name, err, c.want)
		}
	}
}

// A max_tokens above MaxRequestTokens is refused with 400 before any
// payment (it was priced at the default while the handler generated the
// amount asked); the handler never runs.
func TestPerTokenMaxTokensOutOfRange(t *testing.T) {
	settler := &recordingSettler{}
	ran := false
	m, err := NewMiddleware(perTokenOffer(), settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return now }
	srv := httptest.NewServer(m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ran = true })))
	t.Cleanup(srv.Close)
	o := perTokenOffer()
	o.Amount = big.NewInt(300)
	for _, body := range []string{`{"max_tokens":1073741825}`, `{"max_completion_tokens":9007199254740993}`, `{"max_tokens":5,"maxTokens":2147483648}`} {
		for _, payment := range []string{"", newPayment(t, o).header(t)} {
			req, _ := http.NewRequest("POST", srv.URL+"/v1/chat/completions", strings.NewReader(body))
			if payment != "" {
				req.Header.Set(HeaderPaymentSignature, payment)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "invalid_request_error") {
				t.Errorf("%s: status %d %s, want 400 invalid_request_error", body, resp.StatusCode, b)
			}
		}
	}
	if ran || settler.count() != 0 {
		t.Fatalf("handler ran %v, %d settlements", ran, settler.count())
	}
	// The largest allowed is priced as asked.
	req := decodeRequired(t, postBody(t, srv.URL, `{"max_tokens":1073741824}`, "")).Accepts[0]
	if req.Extra.MaxTokens != MaxRequestTokens {
		t.Fatalf("max_tokens 2^30 priced for %d tokens", req.Extra.MaxTokens)
	}
}
