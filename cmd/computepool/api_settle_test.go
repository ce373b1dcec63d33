package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/settlement"
)

// settleEnv is `computepool api --temporal --network dev` with real parts
// behind it: the dev chain, an in-process Temporal server and a control
// worker settling with dev account 0 (as `computepool worker control`).
type settleEnv struct {
	t      *testing.T
	ctx    context.Context
	dc     *chain.DevChain
	srv    *temporaltest.TestServer
	apiURL string
}

func startSettleEnv(t *testing.T, ctx context.Context, apiArgs ...string) *settleEnv {
	t.Helper()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dir := t.TempDir()
	model := filepath.Join(dir, "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	deployments := filepath.Join(dir, "dev.json")
	dc, err := chain.StartDev(ctx, log.Named("chain"), chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 4, DeploymentsPath: deployments})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dc.Close() }) //nolint:errcheck // test cleanup
	// --settle-in-process connects to it.
	t.Setenv(chain.EnvChainRPC, dc.URL)
	tr, err := chain.NewTransactor(ctx, dc.Client, dc.Signer(devEscrow), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	if err := workers.EnsureSearchAttributes(ctx, srv.GetDefaultClient(), srv.GetDefaultNamespace()); err != nil {
		t.Fatal(err)
	}
	acts := &settlement.Activities{Tx: tr, Log: log, FromBlock: dc.Deployments.StartBlock}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, acts) })
	t.Setenv(workers.EnvAddress, srv.GetFrontendHostPort())
	t.Setenv(workers.EnvNamespace, srv.GetDefaultNamespace())

	out := &syncBuffer{}
	stdout = out
	apiCtx, stopAPI := context.WithCancel(ctx)
	done := make(chan error, 1)
	args := append([]string{"--model", model, "--no-auth", "--temporal", "--capacity", "48", "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0",
		"--network", "dev", "--deployments", deployments, "--facilitator", "http://127.0.0.1:1"}, apiArgs...) // no facilitator: Temporal settles
	go func() { done <- runAPI(apiCtx, log.Named("api"), args) }()
	t.Cleanup(func() { stopAPI(); <-done })
	for !strings.Contains(out.String(), "\n") {
		select {
		case err := <-done:
			done <- err // for the cleanup, which waits for it
			t.Fatalf("api exited: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(out.String()), "ready: ")
	if !ok {
		t.Fatalf("api printed %q", out.String())
	}
	return &settleEnv{t: t, ctx: ctx, dc: dc, srv: srv, apiURL: base}
}

func (e *settleEnv) balance(a common.Address) *big.Int {
	b, err := chain.TokenBalance(e.ctx, e.dc.Client, e.dc.Deployments.ComputeUSD, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return b
}

// sent is how many transactions the escrow/settling account has sent.
func (e *settleEnv) sent() uint64 {
	n, err := e.dc.Client.NonceAt(e.ctx, e.dc.Accounts[devEscrow], nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// post sends a chat completion with an optional payment header.
func (e *settleEnv) post(body, payment string) (*http.Response, string) {
	req, _ := http.NewRequestWithContext(e.ctx, http.MethodPost, e.apiURL+"/v1/chat/completions", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if payment != "" {
		req.Header.Set(x402.HeaderPaymentSignature, payment)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body) // trailers are in once the body is read
	return resp, string(b)
}

// offer reads the 402 offer for body and pays it with dev account 3.
func (e *settleEnv) pay(body string) (x402.Requirements, string) {
	resp, _ := e.post(body, "")
	if resp.StatusCode != http.StatusPaymentRequired {
		e.t.Fatalf("unpaid request: %s", resp.Status)
	}
	raw, err := decodeBase64JSON[x402.PaymentRequired](resp.Header.Get(x402.HeaderPaymentRequired))
	if err != nil || len(raw.Accepts) != 1 {
		e.t.Fatalf("PAYMENT-REQUIRED: %+v, %v", raw, err)
	}
	req := raw.Accepts[0]
	amount, _ := new(big.Int).SetString(req.Amount, 10)
	o := x402.Offer{Network: req.Network, Asset: common.HexToAddress(req.Asset), TokenName: req.Extra.Name, TokenVersion: req.Extra.Version,
		PayTo: common.HexToAddress(req.PayTo), Amount: amount}
	header, err := x402.PayV2(chain.DevKey(3), o, e.apiURL+"/v1/chat/completions", time.Now(), time.Minute)
	if err != nil {
		e.t.Fatal(err)
	}
	return req, header
}

func decodeBase64JSON[T any](h string) (T, error) {
	var v T
	p, err := base64.StdEncoding.DecodeString(h)
	if err != nil {
		return v, err
	}
	return v, json.Unmarshal(p, &v)
}

// workflowOf checks the settlement workflow of a payment header finished.
func (e *settleEnv) workflowOf(header string) settlement.State {
	p, err := x402.DecodePayment(header, 2)
	if err != nil {
		e.t.Fatal(err)
	}
	id := settlement.WorkflowID(p.Payload.Authorization.Nonce)
	desc, err := e.srv.GetDefaultClient().DescribeWorkflowExecution(e.ctx, id, "")
	if err != nil {
		e.t.Fatalf("no settlement workflow %s: %v", id, err)
	}
	if s := desc.WorkflowExecutionInfo.Status; s != enumspb.WORKFLOW_EXECUTION_STATUS_COMPLETED {
		e.t.Fatalf("settlement workflow %s is %s, want completed", id, s)
	}
	st, err := settlement.Query(e.ctx, e.srv.GetDefaultClient(), id)
	if err != nil || st.Status != settlement.StatusSettled {
		e.t.Fatalf("settlement %s state %+v, %v", id, st, err)
	}
	return st
}

// TestPaidThroughTemporal: with --temporal a paid request settles as a
// settlement workflow (no facilitator runs): the payer and payee balances
// move by the price once, the workflow completed, and a replayed payment is
// refused with 402 — by the API and by the workflow ID itself — with no
// second transaction.
func TestPaidThroughTemporal(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	e := startSettleEnv(t, ctx)
	payer, payee := e.dc.Accounts[3], e.dc.Accounts[devPayee]
	price, _ := new(big.Int).SetString(defaultDevPrice, 10)
	body := `{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":4,"stream":true}`

	payerBefore, payeeBefore, sentBefore := e.balance(payer), e.balance(payee), e.sent()
	_, header := e.pay(body)
	resp, text := e.post(body, header)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, "data: [DONE]") {
		t.Fatalf("paid request: %s %s", resp.Status, text)
	}
	s, err := decodeBase64JSON[x402.SettleResponse](resp.Header.Get(x402.HeaderPaymentResponse))
	if err != nil || !s.Success || !strings.HasPrefix(s.Transaction, "0x") || s.Payer != payer.Hex() {
		t.Fatalf("PAYMENT-RESPONSE %+v, %v", s, err)
	}
	wantBig(t, "payer", e.balance(payer), new(big.Int).Sub(payerBefore, price))
	wantBig(t, "payee", e.balance(payee), new(big.Int).Add(payeeBefore, price))
	if n := e.sent() - sentBefore; n != 1 {
		t.Fatalf("the control worker sent %d transactions, want 1", n)
	}
	if st := e.workflowOf(header); st.Result.TxHash != s.Transaction {
		t.Fatalf("workflow result %+v, client saw %s", st.Result, s.Transaction)
	}

	// Replayed to the API: refused before any work.
	resp, text = e.post(body, header)
	if resp.StatusCode != http.StatusPaymentRequired || strings.Contains(text, "data:") {
		t.Fatalf("replay: %s %s", resp.Status, text)
	}
	// Replayed to the settler directly (another API replica, or this one
	// after a restart, has no memory of the nonce): the workflow ID refuses.
	p, _ := x402.DecodePayment(header, 2)
	pay, verr := x402.Verify(p, &x402.Offer{Network: p.Accepted.Network, Asset: common.HexToAddress(p.Accepted.Asset),
		TokenName: p.Accepted.Extra.Name, TokenVersion: p.Accepted.Extra.Version, PayTo: payee, Amount: price}, time.Now())
	if verr != nil {
		t.Fatal(verr)
	}
	res, err := settlement.NewX402Settler(e.srv.GetDefaultClient(), workers.ControlTaskQueue, zaptest.NewLogger(t)).Settle(ctx, pay)
	if err != nil || res.Success || res.ErrorReason != x402.ReasonNonceUsed {
		t.Fatalf("settler replay = %+v, %v", res, err)
	}
	wantBig(t, "payer after the replays", e.balance(payer), new(big.Int).Sub(payerBefore, price))
	wantBig(t, "payee after the replays", e.balance(payee), new(big.Int).Add(payeeBefore, price))
	if n := e.sent() - sentBefore; n != 1 {
		t.Fatalf("after the replays the control worker has sent %d transactions, want 1", n)
	}

	// A payer without funds: 402, no answer, nothing sent, and the workflow
	// is canceled so the payment cannot be taken later.
	poor, _ := crypto.GenerateKey()
	o := x402.Offer{Network: "eip155:1337", Asset: e.dc.Deployments.ComputeUSD, TokenName: e.dc.Deployments.TokenName,
		TokenVersion: e.dc.Deployments.TokenVersion, PayTo: payee, Amount: price}
	header, err = x402.PayV2(poor, o, e.apiURL+"/v1/chat/completions", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, text = e.post(body, header)
	if resp.StatusCode != http.StatusPaymentRequired || strings.Contains(text, "data:") || !strings.Contains(text, "settlement_failed") {
		t.Fatalf("unfunded payer: %s %s", resp.Status, text)
	}
	p, _ = x402.DecodePayment(header, 2)
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) { // the cancel is requested, then processed
		desc, err := e.srv.GetDefaultClient().DescribeWorkflowExecution(ctx, settlement.WorkflowID(p.Payload.Authorization.Nonce), "")
		status := desc.GetWorkflowExecutionInfo().GetStatus()
		if err == nil && status == enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatalf("the unfunded payer's settlement workflow: %v, %v", status, err)
		}
	}
	if n := e.sent() - sentBefore; n != 1 {
		t.Fatalf("after the unfunded payer the control worker has sent %d transactions, want 1", n)
	}
}

// TestPaidThroughTemporalInProcess: with --settle-in-process the API's own
// worker settles (eagerly started, on the API's queue): paid once, by the
// same account as the control worker, and a replay is refused.
func TestPaidThroughTemporalInProcess(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	e := startSettleEnv(t, ctx, "--settle-in-process")
	payer, payee := e.dc.Accounts[3], e.dc.Accounts[devPayee]
	price, _ := new(big.Int).SetString(defaultDevPrice, 10)
	body := `{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":4,"stream":true}`
	payeeBefore, sentBefore := e.balance(payee), e.sent()
	_, header := e.pay(body)
	resp, text := e.post(body, header)
	if resp.StatusCode != http.StatusOK || !strings.Contains(text, "data: [DONE]") {
		t.Fatalf("paid request: %s %s", resp.Status, text)
	}
	s, err := decodeBase64JSON[x402.SettleResponse](resp.Header.Get(x402.HeaderPaymentResponse))
	if err != nil || !s.Success || s.Payer != payer.Hex() {
		t.Fatalf("PAYMENT-RESPONSE %+v, %v", s, err)
	}
	wantBig(t, "payee", e.balance(payee), new(big.Int).Add(payeeBefore, price))
	if n := e.sent() - sentBefore; n != 1 {
		t.Fatalf("the settling account sent %d transactions, want 1", n)
	}
	if st := e.workflowOf(header); st.Result.TxHash != s.Transaction {
		t.Fatalf("workflow result %+v, client saw %s", st.Result, s.Transaction)
	}
	p, _ := x402.DecodePayment(header, 2)
	desc, err := e.srv.GetDefaultClient().DescribeWorkflowExecution(ctx, settlement.WorkflowID(p.Payload.Authorization.Nonce), "")
	if err != nil || desc.WorkflowExecutionInfo.GetTaskQueue() != workers.APISettlementTaskQueue {
		t.Fatalf("settled on task queue %q, want %q (%v)", desc.GetWorkflowExecutionInfo().GetTaskQueue(), workers.APISettlementTaskQueue, err)
	}
	if resp, text := e.post(body, header); resp.StatusCode != http.StatusPaymentRequired || strings.Contains(text, "data:") {
		t.Fatalf("replay: %s %s", resp.Status, text)
	}
	if n := e.sent() - sentBefore; n != 1 {
		t.Fatalf("after the replay the settling account has sent %d transactions, want 1", n)
	}
}

// TestPerTokenThroughTemporal: --price-per-token offers max_tokens × price
// paid into escrow; the settlement workflow pays the provider tokens × price
// and refunds the rest. Balances move by exactly that: the payer loses
// tokens × price, the provider gains it, the escrow keeps nothing. Checked
// for a non-streamed answer (PAYMENT-RESPONSE header) and a streamed one cut
// short by the context length (trailer; most of the maximum refunded).
func TestPerTokenThroughTemporal(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	const perToken = 7
	e := startSettleEnv(t, ctx, "--price-per-token", fmt.Sprint(perToken))
	payer, provider, escrow := e.dc.Accounts[3], e.dc.Accounts[devPayee], e.dc.Accounts[devEscrow]

	for _, c := range []struct {
		name, body string
		maxTokens  int
		stream     bool
	}{
		{"non-streamed", `{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":9}`, 9, false},
		// No max_tokens: priced at the default 256, cut at the 48-token context.
		{"streamed", `{"messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}`, 256, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			req, header := e.pay(c.body)
			if req.PayTo != escrow.Hex() || req.Amount != fmt.Sprint(c.maxTokens*perToken) || req.Extra.PricePerToken != fmt.Sprint(perToken) || req.Extra.MaxTokens != c.maxTokens {
				t.Fatalf("per-token offer %+v (extra %+v)", req, req.Extra)
			}
			payerBefore, providerBefore, escrowBefore := e.balance(payer), e.balance(provider), e.balance(escrow)
			resp, text := e.post(c.body, header)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("paid request: %s %s", resp.Status, text)
			}
			tokens := completionTokens(t, text, c.stream)
			h := resp.Header.Get(x402.HeaderPaymentResponse)
			if c.stream {
				h = resp.Trailer.Get(x402.HeaderPaymentResponse)
			}
			s, err := decodeBase64JSON[x402.SettleResponse](h)
			charged := big.NewInt(int64(tokens * perToken))
			refund := new(big.Int).Sub(big.NewInt(int64(c.maxTokens*perToken)), charged)
			if err != nil || !s.Success || s.Tokens != tokens || s.Amount != charged.String() || s.Refund != refund.String() {
				t.Fatalf("PAYMENT-RESPONSE %+v, %v; %d tokens generated", s, err, tokens)
			}
			if tokens <= 0 || tokens > c.maxTokens || (c.stream && refund.Sign() == 0) {
				t.Fatalf("%d tokens generated, max %d: the refund path is not exercised", tokens, c.maxTokens)
			}
			wantBig(t, "payer", e.balance(payer), new(big.Int).Sub(payerBefore, charged))
			wantBig(t, "provider", e.balance(provider), new(big.Int).Add(providerBefore, charged))
			wantBig(t, "escrow", e.balance(escrow), escrowBefore)
			st := e.workflowOf(header)
			if st.Result.Charged != charged.String() || st.Result.Refunded != refund.String() {
				t.Fatalf("workflow result %+v", st.Result)
			}
		})
	}
	t.Run("npm client", func(t *testing.T) {
		e.t = t
		perTokenWithNPMClient(t, e, perToken)
	})
}

// perTokenWithNPMClient: the x402 v2 npm client pays a per-token offer as
// the ordinary exact payment it is (the billing terms ride in extra) and
// the payer ends up charged tokens × price, the provider credited as much.
func perTokenWithNPMClient(t *testing.T, e *settleEnv, perToken int) {
	jsDir := filepath.Join("..", "..", "api", "testdata", "js")
	if _, err := exec.LookPath("node"); err != nil || !exists(filepath.Join(jsDir, "node_modules", "@x402", "fetch", "package.json")) {
		t.Skip("node or @x402/fetch not installed; `make deps` installs them")
	}
	payer, provider, escrow := e.dc.Accounts[3], e.dc.Accounts[devPayee], e.dc.Accounts[devEscrow]
	payerBefore, providerBefore, escrowBefore := e.balance(payer), e.balance(provider), e.balance(escrow)
	cmd := exec.CommandContext(e.ctx, "node", "pay.mjs", e.apiURL+"/v1/chat/completions",
		"0x"+common.Bytes2Hex(crypto.FromECDSA(chain.DevKey(3))), e.dc.Deployments.ComputeUSD.Hex(), "eip155:1337")
	cmd.Dir = jsDir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node pay.mjs: %v", err)
	}
	var r payResult
	if err := json.Unmarshal(out, &r); err != nil || r.Status != http.StatusOK {
		t.Fatalf("pay.mjs: %s (%v)", out, err)
	}
	charged := big.NewInt(int64(completionTokens(t, r.Body, true) * perToken))
	wantBig(t, "payer", e.balance(payer), new(big.Int).Sub(payerBefore, charged))
	wantBig(t, "provider", e.balance(provider), new(big.Int).Add(providerBefore, charged))
	wantBig(t, "escrow", e.balance(escrow), escrowBefore)
	if st := e.workflowOf(r.PaymentHeader); st.Result.Charged != charged.String() {
		t.Fatalf("workflow result %+v, want charged %s", st.Result, charged)
	}
}

// completionTokens reads usage.completion_tokens from an OpenAI answer (the
// JSON body, or a stream's usage chunk).
func completionTokens(t *testing.T, body string, stream bool) int {
	t.Helper()
	var u struct {
		Usage *struct {
			CompletionTokens int `json:"completion_tokens"`
		} `json:"usage"`
	}
	if !stream {
		if err := json.Unmarshal([]byte(body), &u); err != nil || u.Usage == nil {
			t.Fatalf("answer %s: %v", body, err)
		}
		return u.Usage.CompletionTokens
	}
	for _, line := range strings.Split(body, "\n") {
		data, ok := strings.CutPrefix(line, "data: ")
		if ok && json.Unmarshal([]byte(data), &u) == nil && u.Usage != nil {
			return u.Usage.CompletionTokens
		}
	}
	t.Fatalf("no usage chunk in %s", body)
	return 0
}
