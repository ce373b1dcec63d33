package x402

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"
)

// recordingSettler stands in for the facilitator: it records what it was
// asked to settle (the on-chain part is the chain package's).
type recordingSettler struct {
	mu    sync.Mutex
	calls []*Payment
	fail  error
}

func (s *recordingSettler) Settle(_ context.Context, p *Payment) (*SettleResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail != nil {
		return nil, s.fail
	}
	s.calls = append(s.calls, p)
	return &SettleResponse{Success: true, Transaction: "0xfeed"}, nil
}

func (s *recordingSettler) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.calls)
}

var (
	token = common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")
	payTo = common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
	now   = time.Unix(1_800_000_000, 0)
)

func testOffer(network string) Offer {
	return Offer{Network: network, Asset: token, TokenName: "ComputePool USD", TokenVersion: "1", PayTo: payTo,
		Amount: big.NewInt(1000), Description: "one completion"}
}

// digest712 builds the EIP-712 digest by hand (keccak of the encoded
// domain and struct), independently of the apitypes code under test.
func digest712(t *testing.T, name, version string, chainID int64, contract common.Address, a Authorization) []byte {
	t.Helper()
	word := func(n *big.Int) []byte { return common.LeftPadBytes(n.Bytes(), 32) }
	dec := func(s string) *big.Int { n, _ := new(big.Int).SetString(s, 10); return n }
	domain := crypto.Keccak256(
		crypto.Keccak256([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
		crypto.Keccak256([]byte(name)), crypto.Keccak256([]byte(version)),
		word(big.NewInt(chainID)), common.LeftPadBytes(contract.Bytes(), 32))
	nonce, err := hexutil.Decode(a.Nonce)
	if err != nil {
		t.Fatal(err)
	}
	msg := crypto.Keccak256(
		crypto.Keccak256([]byte("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)")),
		common.LeftPadBytes(common.HexToAddress(a.From).Bytes(), 32), common.LeftPadBytes(common.HexToAddress(a.To).Bytes(), 32),
		word(dec(a.Value)), word(dec(a.ValidAfter)), word(dec(a.ValidBefore)), nonce)
	return crypto.Keccak256([]byte{0x19, 0x01}, domain, msg)
}

type payment struct {
	key     *ecdsa.PrivateKey
	auth    Authorization
	chainID int64
	network string // what the payload names
	version int
	signer  *ecdsa.PrivateKey // signs instead of key when set
	accept  *Requirements
}

func newPayment(t *testing.T, o Offer) *payment {
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	nonce := make([]byte, 32)
	rand.Read(nonce)
	id, _ := ChainID(o.Network)
	req := o.Requirements()
	return &payment{key: key, chainID: id.Int64(), network: o.Network, version: 2, accept: &req,
		auth: Authorization{From: crypto.PubkeyToAddress(key.PublicKey).Hex(), To: o.PayTo.Hex(), Value: o.Amount.String(),
			ValidAfter: "0", ValidBefore: "1800000300", Nonce: hexutil.Encode(nonce)}}
}

func (p *payment) header(t *testing.T) string {
	t.Helper()
	signer := p.key
	if p.signer != nil {
		signer = p.signer
	}
	sig, err := crypto.Sign(digest712(t, "ComputePool USD", "1", p.chainID, token, p.auth), signer)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	pl := PaymentPayload{X402Version: p.version, Payload: ExactPayload{Signature: hexutil.Encode(sig), Authorization: p.auth}}
	if p.version == 2 {
		acc := *p.accept
		acc.Network = p.network
		pl.Accepted, pl.Resource = &acc, &Resource{URL: "http://example/v1/chat/completions"}
	} else {
		pl.Scheme, pl.Network = SchemeExact, p.network
	}
	h, err := EncodeHeader(pl)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

type fixture struct {
	srv     *httptest.Server
	settler *recordingSettler
	served  int
	mu      sync.Mutex
	status  int // what the handler answers
}

func newFixture(t *testing.T, o Offer) *fixture {
	f := &fixture{settler: &recordingSettler{}, status: 200}
	m, err := NewMiddleware(o, f.settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return now }
	f.srv = httptest.NewServer(m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.served++
		status := f.status
		f.mu.Unlock()
		w.WriteHeader(status)
		io.WriteString(w, "the answer")
	})))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) do(t *testing.T, header, value string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", f.srv.URL+"/v1/chat/completions", nil)
	if header != "" {
		req.Header.Set(header, value)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func decodeRequired(t *testing.T, resp *http.Response) PaymentRequired {
	t.Helper()
	raw, err := base64.StdEncoding.DecodeString(resp.Header.Get(HeaderPaymentRequired))
	if err != nil {
		t.Fatalf("PAYMENT-REQUIRED is not base64: %v", err)
	}
	var pr PaymentRequired
	if err := json.Unmarshal(raw, &pr); err != nil {
		t.Fatal(err)
	}
	return pr
}

func TestMissingPaymentGets402WithRequirements(t *testing.T) {
	f := newFixture(t, testOffer("eip155:1337"))
	resp, body := f.do(t, "", "")
	if resp.StatusCode != 402 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	pr := decodeRequired(t, resp)
	want := Requirements{Scheme: "exact", Network: "eip155:1337", Amount: "1000", Asset: token.Hex(), PayTo: payTo.Hex(),
		MaxTimeoutSeconds: 300, Extra: &Extra{Name: "ComputePool USD", Version: "1"}}
	if pr.X402Version != 2 || len(pr.Accepts) != 1 || *pr.Accepts[0].Extra != *want.Extra {
		t.Fatalf("PAYMENT-REQUIRED = %+v", pr)
	}
	got := pr.Accepts[0]
	got.Extra, want.Extra = nil, nil
	if got != want || !strings.HasSuffix(pr.Resource.URL, "/v1/chat/completions") {
		t.Fatalf("requirements %+v, want %+v (resource %v)", got, want, pr.Resource)
	}
	// eip155:1337 has no v1 name: the body is the v2 object, not x402Version 1.
	var b struct{ X402Version int }
	json.Unmarshal([]byte(body), &b)
	if b.X402Version != 2 || f.served != 0 {
		t.Fatalf("body %s, served %d", body, f.served)
	}

	// A chain with a v1 name also gets the v1 body.
	f1 := newFixture(t, testOffer("eip155:84532"))
	_, body = f1.do(t, "", "")
	var v1 PaymentRequiredV1
	if err := json.Unmarshal([]byte(body), &v1); err != nil || v1.X402Version != 1 || v1.Accepts[0].Network != "base-sepolia" || v1.Accepts[0].MaxAmountRequired != "1000" {
		t.Fatalf("v1 body %s", body)
	}
}

func TestRefusedPayments(t *testing.T) {
	o := testOffer("eip155:1337")
	other, _ := crypto.GenerateKey()
	cases := []struct {
		name, reason string
		mutate       func(*payment)
		header       string // raw header instead of a signed payment
	}{
		{name: "not base64", header: "%%%not-base64", reason: ReasonInvalidPayload},
		{name: "not JSON", header: base64.StdEncoding.EncodeToString([]byte("{nope")), reason: ReasonInvalidPayload},
		{name: "v1 payload in the v2 header", mutate: func(p *payment) { p.version = 1 }, reason: ReasonInvalidPayload},
		{name: "expired", mutate: func(p *payment) { p.auth.ValidBefore = "1799999999" }, reason: ReasonValidBefore},
		{name: "expires before settlement", mutate: func(p *payment) { p.auth.ValidBefore = "1800000002" }, reason: ReasonValidBefore},
		{name: "not yet valid", mutate: func(p *payment) { p.auth.ValidAfter = "1800000100" }, reason: ReasonValidAfter},
		{name: "underpaid", mutate: func(p *payment) { p.auth.Value = "999" }, reason: ReasonValue},
		{name: "wrong recipient", mutate: func(p *payment) { p.auth.To = crypto.PubkeyToAddress(other.PublicKey).Hex() }, reason: ReasonRecipient},
		{name: "accepted another payTo", mutate: func(p *payment) { p.accept.PayTo = crypto.PubkeyToAddress(other.PublicKey).Hex() }, reason: ReasonRecipient},
		{name: "wrong chain", mutate: func(p *payment) { p.network, p.chainID = "eip155:16602", 16602 }, reason: ReasonNetwork},
		{name: "wrong token", mutate: func(p *payment) { p.accept.Asset = payTo.Hex() }, reason: ReasonAsset},
		{name: "signed by someone else", mutate: func(p *payment) { p.signer = other }, reason: ReasonSignature},
		{name: "signed for another chain", mutate: func(p *payment) { p.chainID = 1 }, reason: ReasonSignature},
		{name: "short nonce", mutate: func(p *payment) { p.auth.Nonce = "0x1234" }, reason: ReasonInvalidPayload},
		{name: "huge value", mutate: func(p *payment) { p.auth.Value = strings.Repeat("9", 90) }, reason: ReasonInvalidPayload},
	}
	f := newFixture(t, o)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := tc.header
			if h == "" {
				p := newPayment(t, o)
				tc.mutate(p)
				h = p.header(t)
			}
			resp, body := f.do(t, HeaderPaymentSignature, h)
			if resp.StatusCode != 402 {
				t.Fatalf("status %d, body %s", resp.StatusCode, body)
			}
			if pr := decodeRequired(t, resp); !strings.HasPrefix(pr.Error, tc.reason) {
				t.Fatalf("reason %q, want %s", pr.Error, tc.reason)
			}
		})
	}
	if f.settler.count() != 0 || f.served != 0 {
		t.Fatalf("refused payments reached the settler %d times and the handler %d times", f.settler.count(), f.served)
	}
}

func TestValidPaymentSettlesOnce(t *testing.T) {
	o := testOffer("eip155:1337")
	f := newFixture(t, o)
	p := newPayment(t, o)
	h := p.header(t)
	resp, body := f.do(t, HeaderPaymentSignature, h)
	if resp.StatusCode != 200 || body != "the answer" {
		t.Fatalf("status %d, body %q", resp.StatusCode, body)
	}
	raw, _ := base64.StdEncoding.DecodeString(resp.Header.Get(HeaderPaymentResponse))
	var sr SettleResponse
	if err := json.Unmarshal(raw, &sr); err != nil || !sr.Success || sr.Transaction != "0xfeed" || sr.Network != "eip155:1337" || sr.Payer != p.auth.From {
		t.Fatalf("PAYMENT-RESPONSE %s (%v)", raw, err)
	}
	if f.settler.count() != 1 {
		t.Fatalf("settled %d times", f.settler.count())
	}
	got := f.settler.calls[0]
	if got.From.Hex() != p.auth.From || got.Value.Int64() != 1000 || got.Asset != token || hexutil.Encode(got.Nonce[:]) != p.auth.Nonce {
		t.Fatalf("settled %+v", got)
	}
	// The same authorization again: refused before the handler, not settled twice.
	resp, _ = f.do(t, HeaderPaymentSignature, h)
	if resp.StatusCode != 402 || !strings.HasPrefix(decodeRequired(t, resp).Error, ReasonNonceUsed) || f.settler.count() != 1 || f.served != 1 {
		t.Fatalf("replay: status %d, settled %d, served %d", resp.StatusCode, f.settler.count(), f.served)
	}
}

func TestFailedWorkIsNotCharged(t *testing.T) {
	o := testOffer("eip155:1337")
	f := newFixture(t, o)
	f.status = 500
	h := newPayment(t, o).header(t)
	if resp, _ := f.do(t, HeaderPaymentSignature, h); resp.StatusCode != 500 || f.settler.count() != 0 {
		t.Fatalf("failed handler: status %d, settled %d", resp.StatusCode, f.settler.count())
	}
	// The nonce was released: the same payment works once the server does.
	f.status = 200
	if resp, _ := f.do(t, HeaderPaymentSignature, h); resp.StatusCode != 200 || f.settler.count() != 1 {
		t.Fatalf("retry: status %d, settled %d", resp.StatusCode, f.settler.count())
	}
}

func TestSettlementFailureWithholdsTheAnswer(t *testing.T) {
	o := testOffer("eip155:1337")
	f := newFixture(t, o)
	f.settler.fail = errors.New("transferWithAuthorization reverted: AuthorizationAlreadyUsed")
	resp, body := f.do(t, HeaderPaymentSignature, newPayment(t, o).header(t))
	if resp.StatusCode != 402 || strings.Contains(body, "the answer") || !strings.Contains(decodeRequired(t, resp).Error, "AuthorizationAlreadyUsed") {
		t.Fatalf("status %d, body %q", resp.StatusCode, body)
	}
}

func TestV1Payment(t *testing.T) {
	o := testOffer("eip155:84532")
	f := newFixture(t, o)
	p := newPayment(t, o)
	p.version, p.network = 1, "base-sepolia"
	resp, body := f.do(t, HeaderPaymentV1, p.header(t))
	if resp.StatusCode != 200 || resp.Header.Get(HeaderResponseV1) == "" || f.settler.count() != 1 {
		t.Fatalf("v1: status %d, body %q, settled %d", resp.StatusCode, body, f.settler.count())
	}
}

// TestPayV2 checks the Go payer against the verifier and the hand-built digest.
func TestPayV2(t *testing.T) {
	o := testOffer("eip155:1337")
	key, _ := crypto.GenerateKey()
	h, err := PayV2(key, o, "http://x/v1/completions", now, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DecodePayment(h, 2)
	if err != nil {
		t.Fatal(err)
	}
	pay, verr := Verify(p, &o, now)
	if verr != nil {
		t.Fatal(verr)
	}
	sig, _ := hexutil.Decode(p.Payload.Signature)
	sig[64] -= 27
	pub, err := crypto.SigToPub(digest712(t, o.TokenName, o.TokenVersion, 1337, token, p.Payload.Authorization), sig)
	if err != nil || crypto.PubkeyToAddress(*pub) != pay.From || pay.From != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatalf("signature does not recover to the payer with the hand-built digest: %v", err)
	}
}

// TestUndeliveredAnswerIsServedOnce: a client that leaves after its payment
// settled gets the answer when it retries with the same payment — once; a
// client that leaves before settlement pays nothing.
func TestUndeliveredAnswerIsServedOnce(t *testing.T) {
	o := testOffer("eip155:1337")
	settler := &recordingSettler{}
	m, err := NewMiddleware(o, settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Now = func() time.Time { return now }
	var mode atomic.Int32 // 0: stream until the client leaves; 1: answer at once; 2: work until the client leaves, write nothing; 3: fail
	finished := make(chan struct{}, 1)
	paid := m.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch mode.Load() {
		case 0:
			w.WriteHeader(200)
			io.WriteString(w, "the ans")
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		case 1:
			io.WriteString(w, "the answer")
		case 2:
			<-r.Context().Done()
		case 3:
			http.Error(w, "overloaded", 500)
		}
	}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paid.ServeHTTP(w, r)
		finished <- struct{}{}
	}))
	defer srv.Close()
	leave := func(h string) {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL, nil)
		req.Header.Set(HeaderPaymentSignature, h)
		go func() {
			if resp, err := http.DefaultClient.Do(req); err == nil {
				resp.Body.Close()
			}
		}()
		time.Sleep(100 * time.Millisecond)
		cancel()
		select {
		case <-finished:
		case <-time.After(5 * time.Second):
			t.Fatal("the handler did not notice the client leaving")
		}
	}
	do := func(h string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", srv.URL, nil)
		req.Header.Set(HeaderPaymentSignature, h)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		<-finished
		return resp, string(b)
	}

	h := newPayment(t, o).header(t)
	leave(h) // settled, then the client left mid-stream
	if settler.count() != 1 {
		t.Fatalf("settled %d times", settler.count())
	}
	mode.Store(3) // the second try fails too: still owed
	if resp, _ := do(h); resp.StatusCode != 500 || settler.count() != 1 {
		t.Fatalf("failed retry: status %d, settled %d", resp.StatusCode, settler.count())
	}
	mode.Store(1)
	resp, body := do(h)
	if resp.StatusCode != 200 || body != "the answer" || resp.Header.Get(HeaderPaymentResponse) == "" || settler.count() != 1 {
		t.Fatalf("retry after an undelivered answer: status %d, body %q, settled %d", resp.StatusCode, body, settler.count())
	}
	if resp, _ := do(h); resp.StatusCode != 402 || settler.count() != 1 {
		t.Fatalf("second retry: status %d, settled %d", resp.StatusCode, settler.count())
	}

	// Left before the answer was ready: not settled, and the payment still works.
	h = newPayment(t, o).header(t)
	mode.Store(2)
	leave(h)
	if settler.count() != 1 {
		t.Fatalf("a client that left before settlement was charged: settled %d", settler.count())
	}
	mode.Store(1)
	if resp, body := do(h); resp.StatusCode != 200 || body != "the answer" || settler.count() != 2 {
		t.Fatalf("retry: status %d, body %q, settled %d", resp.StatusCode, body, settler.count())
	}
}
