package facilitator

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
)

// env is a dev chain (real JSON-RPC), a facilitator relaying from dev
// account 1, a payer (account 3) and a payee (account 2).
type env struct {
	t      *testing.T
	ctx    context.Context
	dc     *chain.DevChain
	f      *Facilitator
	srv    *httptest.Server
	offer  x402.Offer
	payer  common.Address
	payee  common.Address
	client *http.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	log := zaptest.NewLogger(t)
	dc, err := chain.StartDev(ctx, log.Named("chain"), chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 4})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dc.Close() })
	e := &env{t: t, ctx: ctx, dc: dc, payer: dc.Accounts[3], payee: dc.Accounts[2], client: &http.Client{Timeout: 30 * time.Second}}
	e.f = e.facilitator()
	e.srv = httptest.NewServer(e.f.Handler())
	t.Cleanup(e.srv.Close)
	d := dc.Deployments
	e.offer = x402.Offer{Network: "eip155:1337", Asset: d.ComputeUSD, TokenName: d.TokenName, TokenVersion: d.TokenVersion,
		PayTo: e.payee, Amount: big.NewInt(1234)}
	return e
}

// facilitator starts another facilitator on the same chain and relayer, as
// a restarted process would.
func (e *env) facilitator() *Facilitator {
	tr, err := chain.NewTransactor(e.ctx, e.dc.Client, e.dc.Signer(1), zaptest.NewLogger(e.t), chain.TransactorOptions{ExpectChainID: chain.DevChainID})
	if err != nil {
		e.t.Fatal(err)
	}
	f, err := New(e.ctx, Config{Transactor: tr, Tokens: []common.Address{e.dc.Deployments.ComputeUSD}, Log: zaptest.NewLogger(e.t)})
	if err != nil {
		e.t.Fatal(err)
	}
	return f
}

func (e *env) balance(a common.Address) *big.Int {
	e.t.Helper()
	b, err := chain.TokenBalance(e.ctx, e.dc.Client, e.dc.Deployments.ComputeUSD, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// relayerNonce counts the transactions the relayer ever sent.
func (e *env) relayerNonce() uint64 {
	e.t.Helper()
	n, err := e.dc.Client.PendingNonceAt(e.ctx, e.dc.Accounts[1])
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// body is a /settle or /verify request for a payment signed by key over o.
func (e *env) body(key *ecdsa.PrivateKey, o x402.Offer) []byte {
	e.t.Helper()
	h, err := x402.PayV2(key, o, "http://api.test/v1/chat/completions", time.Now(), time.Minute)
	if err != nil {
		e.t.Fatal(err)
	}
	p, err := x402.DecodePayment(h, 2)
	if err != nil {
		e.t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"x402Version": 2, "paymentPayload": p, "paymentRequirements": e.offer.Requirements()})
	return b
}

// signed is a v2 request for a (the payer's value, recipient and a fresh
// nonce filled in), signed through the chain package by dev account 3.
func (e *env) signed(a chain.TransferAuthorization) []byte {
	e.t.Helper()
	a.From, a.To, a.Value = e.payer, e.payee, e.offer.Amount
	nonce, err := chain.NewAuthorizationNonce()
	if err != nil {
		e.t.Fatal(err)
	}
	a.Nonce = nonce
	d := e.dc.Deployments
	sig, err := chain.SignTransferAuthorization(e.ctx, e.dc.Signer(3), chain.Domain{Name: d.TokenName, Version: d.TokenVersion,
		ChainID: big.NewInt(chain.DevChainID), VerifyingContract: d.ComputeUSD}, a)
	if err != nil {
		e.t.Fatal(err)
	}
	reqs := e.offer.Requirements()
	p := x402.PaymentPayload{X402Version: 2, Accepted: &reqs, Payload: x402.ExactPayload{Signature: hexutil.Encode(sig),
		Authorization: x402.Authorization{From: a.From.Hex(), To: a.To.Hex(), Value: a.Value.String(), ValidAfter: a.ValidAfter.String(),
			ValidBefore: a.ValidBefore.String(), Nonce: hexutil.Encode(a.Nonce[:])}}}
	b, _ := json.Marshal(map[string]any{"x402Version": 2, "paymentPayload": p, "paymentRequirements": reqs})
	return b
}

func (e *env) post(path string, body []byte, out any) int {
	e.t.Helper()
	resp, err := e.client.Post(e.srv.URL+path, "application/json", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		e.t.Fatalf("%s answered %d with no JSON: %v", path, resp.StatusCode, err)
	}
	return resp.StatusCode
}

// TestSettleOnce: eight concurrent settles of one payment send one
// transaction and all report it; the payer pays the price once; a later
// settle, here or in a restarted facilitator, is refused without a
// transaction.
func TestSettleOnce(t *testing.T) {
	e := newEnv(t)
	body := e.body(chain.DevKey(3), e.offer)
	var v VerifyResponse
	if code := e.post("/verify", body, &v); code != 200 || !v.IsValid || v.Payer != e.payer.Hex() {
		t.Fatalf("verify: %d %+v", code, v)
	}
	payerBefore, payeeBefore, sent := e.balance(e.payer), e.balance(e.payee), e.relayerNonce()

	results := make([]SettleResponse, 8)
	var wg sync.WaitGroup
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code := e.post("/settle", body, &results[i]); code != 200 {
				t.Errorf("settle %d: status %d", i, code)
			}
		}()
	}
	wg.Wait()
	tx := results[0].Transaction
	for i, r := range results {
		if !r.Success || r.Transaction != tx || tx == "" || r.Payer != e.payer.Hex() || r.Network != "eip155:1337" {
			t.Fatalf("settle %d = %+v; settle 0 = %+v", i, r, results[0])
		}
	}
	if got := e.relayerNonce() - sent; got != 1 {
		t.Fatalf("the relayer sent %d transactions, want 1", got)
	}
	wantBalance(t, "payer", e.balance(e.payer), new(big.Int).Sub(payerBefore, e.offer.Amount))
	wantBalance(t, "payee", e.balance(e.payee), new(big.Int).Add(payeeBefore, e.offer.Amount))
	r, err := e.dc.Client.TransactionReceipt(e.ctx, common.HexToHash(tx))
	if err != nil || r.Status != 1 {
		t.Fatalf("receipt of %s: %v %v", tx, r, err)
	}

	// The same payment again: refused, naming the transaction; nothing sent.
	var again SettleResponse
	if e.post("/settle", body, &again); again.Success || again.ErrorReason != x402.ReasonNonceUsed || again.Transaction != tx {
		t.Fatalf("settle after success = %+v", again)
	}
	if e.post("/verify", body, &v); v.IsValid || v.InvalidReason != x402.ReasonNonceUsed {
		t.Fatalf("verify after settlement = %+v", v)
	}
	// A restarted facilitator (no memory of the claim) reads the chain.
	restarted := e.facilitator()
	req, err := DecodeRequest(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if res := restarted.Settle(e.ctx, req); res.Success || res.ErrorReason != x402.ReasonNonceUsed {
		t.Fatalf("settle after restart = %+v", res)
	}
	if got := e.relayerNonce() - sent; got != 1 {
		t.Fatalf("the relayer sent %d transactions in all, want 1", got)
	}
	wantBalance(t, "payer after replays", e.balance(e.payer), new(big.Int).Sub(payerBefore, e.offer.Amount))
}

// TestRefusals: each bad payment is refused with its reason, before any
// transaction.
func TestRefusals(t *testing.T) {
	e := newEnv(t)
	sent := e.relayerNonce()
	poor, _ := crypto.GenerateKey() // holds no ComputeUSD
	cases := []struct {
		name   string
		body   func() []byte
		reason string
	}{
		{"underpaid", func() []byte {
			o := e.offer
			o.Amount = big.NewInt(1233)
			return e.body(chain.DevKey(3), o)
		}, x402.ReasonValue},
		{"wrong recipient", func() []byte {
			o := e.offer
			o.PayTo = e.dc.Accounts[0]
			return e.body(chain.DevKey(3), o)
		}, x402.ReasonRecipient},
		{"unknown token", func() []byte {
			b := e.body(chain.DevKey(3), e.offer)
			return bytes.ReplaceAll(b, []byte(e.offer.Asset.Hex()), []byte(e.dc.Deployments.Coalition.Hex()))
		}, x402.ReasonAsset},
		{"wrong token version", func() []byte {
			return bytes.ReplaceAll(e.body(chain.DevKey(3), e.offer), []byte(`"version":"2"`), []byte(`"version":"1"`))
		}, ReasonTokenVersion},
		{"wrong chain", func() []byte {
			return bytes.ReplaceAll(e.body(chain.DevKey(3), e.offer), []byte("eip155:1337"), []byte("eip155:16602"))
		}, x402.ReasonNetwork},
		{"no funds", func() []byte { return e.body(poor, e.offer) }, ReasonInsufficientBalance},
		{"expired", func() []byte {
			return e.signed(chain.TransferAuthorization{ValidAfter: big.NewInt(0), ValidBefore: big.NewInt(time.Now().Add(-time.Second).Unix())})
		}, x402.ReasonValidBefore},
		{"not yet valid", func() []byte {
			return e.signed(chain.TransferAuthorization{ValidAfter: big.NewInt(time.Now().Add(time.Hour).Unix()), ValidBefore: big.NewInt(time.Now().Add(2 * time.Hour).Unix())})
		}, x402.ReasonValidAfter},
		{"v1 body on a chain without a v1 name", func() []byte {
			var m map[string]any
			json.Unmarshal(e.body(chain.DevKey(3), e.offer), &m)
			p := m["paymentPayload"].(map[string]any)
			delete(p, "accepted")
			p["x402Version"], p["scheme"], p["network"] = 1, "exact", "base-sepolia"
			m["x402Version"] = 1
			m["paymentRequirements"] = map[string]any{"scheme": "exact", "network": "base-sepolia", "maxAmountRequired": "1234",
				"asset": e.offer.Asset.Hex(), "payTo": e.payee.Hex(), "resource": "http://api.test/", "maxTimeoutSeconds": 60}
			b, _ := json.Marshal(m)
			return b
		}, x402.ReasonNetwork},
		{"forged signature", func() []byte {
			b := e.body(chain.DevKey(3), e.offer)
			var m map[string]any
			json.Unmarshal(b, &m)
			p := m["paymentPayload"].(map[string]any)["payload"].(map[string]any)
			p["authorization"].(map[string]any)["value"] = "999999"
			b, _ = json.Marshal(m)
			return b
		}, x402.ReasonSignature},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := c.body()
			var v VerifyResponse
			if code := e.post("/verify", body, &v); code != 200 || v.IsValid || v.InvalidReason != c.reason || v.InvalidMessage == "" {
				t.Fatalf("verify: %d %+v, want reason %s", code, v, c.reason)
			}
			var s SettleResponse
			if code := e.post("/settle", body, &s); code != 200 || s.Success || s.ErrorReason != c.reason || s.Transaction != "" {
				t.Fatalf("settle: %d %+v, want reason %s", code, s, c.reason)
			}
		})
	}
	if got := e.relayerNonce() - sent; got != 0 {
		t.Fatalf("the relayer sent %d transactions for refused payments", got)
	}
}

func wantBalance(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s balance %s, want %s", what, got, want)
	}
}

// TestHTTP: malformed bodies are 400 with a reason and a message; /supported
// names the network, the scheme and the relayer; the API's facilitator
// client settles through the handler.
func TestHTTP(t *testing.T) {
	e := newEnv(t)
	for _, body := range []string{``, `{`, `[]`, `{"x402Version":3}`, `{"x402Version":2,"paymentPayload":{"x402Version":2}}`,
		`{"x402Version":2,"paymentPayload":{"x402Version":1,"payload":{}},"paymentRequirements":{}}`} {
		for _, path := range []string{"/verify", "/settle"} {
			var out map[string]any
			if code := e.post(path, []byte(body), &out); code != 400 || out["invalidReason"] == nil && out["errorReason"] == nil {
				t.Errorf("%s %q: %d %v", path, body, code, out)
			}
			msg, _ := out["invalidMessage"].(string)
			if m, _ := out["errorMessage"].(string); m != "" {
				msg = m
			}
			if msg == "" {
				t.Errorf("%s %q: no message: %v", path, body, out)
			}
		}
	}
	resp, err := e.client.Get(e.srv.URL + "/supported")
	if err != nil {
		t.Fatal(err)
	}
	var sup SupportedResponse
	json.NewDecoder(resp.Body).Decode(&sup)
	resp.Body.Close()
	if len(sup.Kinds) != 1 || sup.Kinds[0] != (SupportedKind{X402Version: 2, Scheme: "exact", Network: "eip155:1337"}) ||
		len(sup.Signers["eip155:*"]) != 1 || sup.Signers["eip155:*"][0] != e.dc.Accounts[1].Hex() {
		t.Fatalf("supported = %+v", sup)
	}
	if resp, err := e.client.Get(e.srv.URL + "/settle"); err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("GET /settle: %v %v", resp.Status, err)
	}

	// The resource server's side: api/x402's FacilitatorClient.
	h, err := x402.PayV2(chain.DevKey(3), e.offer, "http://api.test/", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := x402.DecodePayment(h, 2)
	pay, verr := x402.Verify(p, &e.offer, time.Now())
	if verr != nil {
		t.Fatal(verr)
	}
	fc := &x402.FacilitatorClient{URL: e.srv.URL}
	before := e.balance(e.payee)
	res, err := fc.Settle(e.ctx, pay)
	if err != nil || !res.Success || !strings.HasPrefix(res.Transaction, "0x") {
		t.Fatalf("client settle = %+v, %v", res, err)
	}
	wantBalance(t, "payee", e.balance(e.payee), new(big.Int).Add(before, e.offer.Amount))
	if res, err := fc.Settle(e.ctx, pay); err != nil || res.Success || res.ErrorReason != x402.ReasonNonceUsed {
		t.Fatalf("client settle replay = %+v, %v", res, err)
	}
}

// TestSendFailure: a refused transferWithAuthorization is named by the
// token's revert, however deeply it is wrapped; anything else is the
// facilitator's own trouble.
func TestSendFailure(t *testing.T) {
	wrap := func(name string) error {
		return fmt.Errorf("transferWithAuthorization from 0x…: %w", fmt.Errorf("estimate gas: %w", &chain.RevertError{Name: name}))
	}
	for name, want := range map[string]string{
		"AuthorizationAlreadyUsed": x402.ReasonNonceUsed, "AuthorizationExpired": x402.ReasonValidBefore,
		"AuthorizationNotYetValid": x402.ReasonValidAfter, "InvalidSignature": x402.ReasonSignature,
		"ERC20InsufficientBalance": ReasonInsufficientBalance, "EnforcedPause": ReasonTransactionFailed,
	} {
		if f := sendFailure(wrap(name)); f.Reason != want || f.Internal || !strings.Contains(f.Message, name) {
			t.Errorf("%s → %+v, want %s", name, f, want)
		}
	}
	if f := sendFailure(errors.New("dial tcp 127.0.0.1:8545: connection refused")); f.Reason != ReasonUnexpectedSettle || !f.Internal {
		t.Errorf("node down → %+v", f)
	}
}

// TestReceiptWaitFails: when the relayer's wait for the receipt gives up
// after the transaction was sent, the facilitator finds the payment on chain
// and reports it settled — the payer was charged, so the answer is owed.
func TestReceiptWaitFails(t *testing.T) {
	e := newEnv(t)
	tr, err := chain.NewTransactor(e.ctx, e.dc.Client, e.dc.Signer(1), zaptest.NewLogger(t),
		chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	impatient, err := New(e.ctx, Config{Transactor: tr, Tokens: []common.Address{e.dc.Deployments.ComputeUSD}, Log: zaptest.NewLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	req, err := DecodeRequest(bytes.NewReader(e.body(chain.DevKey(3), e.offer)))
	if err != nil {
		t.Fatal(err)
	}
	payerBefore, sent := e.balance(e.payer), e.relayerNonce()
	res := impatient.Settle(e.ctx, req)
	if !res.Success || res.Transaction == "" {
		t.Fatalf("settle with a failed receipt wait = %+v", res)
	}
	if r, err := e.dc.Client.TransactionReceipt(e.ctx, common.HexToHash(res.Transaction)); err != nil || r.Status != 1 {
		t.Fatalf("receipt of %s: %v %v", res.Transaction, r, err)
	}
	wantBalance(t, "payer", e.balance(e.payer), new(big.Int).Sub(payerBefore, e.offer.Amount))
	if got := e.relayerNonce() - sent; got != 1 {
		t.Fatalf("the relayer sent %d transactions, want 1", got)
	}
}
