package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
)

// payResult is what api/testdata/js/pay.mjs prints.
type payResult struct {
	Status        int
	Payer         string
	Body          string
	Error         string
	Settlement    *x402.SettleResponse
	PaymentHeader string
}

// TestPaidEndToEnd runs real parts: the dev chain, `computepool facilitator`
// and `computepool api --network dev` serving a generated model, paid by the
// x402 v2 npm client (@x402/fetch + @x402/evm). The payer loses exactly the
// price and the payee gains it, the authorization is used on chain, a replay
// is refused with 402 and moves nothing, and a payer without funds gets 402
// and no answer while nothing moves.
func TestPaidEndToEnd(t *testing.T) {
	jsDir := filepath.Join("..", "..", "api", "testdata", "js")
	if _, err := exec.LookPath("node"); err != nil || !exists(filepath.Join(jsDir, "node_modules", "@x402", "fetch", "package.json")) {
		if os.Getenv("CI") != "" {
			t.Fatal("node or @x402/fetch is not installed: run `make deps` (npm ci in api/testdata/js)")
		}
		t.Skip("node or @x402/fetch not installed; `make deps` installs them")
	}
	dir := t.TempDir()
	model := filepath.Join(dir, "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t)
	deployments := filepath.Join(dir, "dev.json")
	dc, err := chain.StartDev(ctx, log.Named("chain"), chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 4, DeploymentsPath: deployments})
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	t.Setenv(chain.EnvChainRPC, dc.URL)
	t.Setenv(chain.EnvChainKey, "")
	t.Setenv(chain.EnvChainKeystore, "")

	pr, pw := io.Pipe()
	stdout = pw
	lines := bufio.NewReader(pr)
	start := func(name string, args ...string) (string, chan error) {
		done := make(chan error, 1)
		go func() { done <- commands[name].run(ctx, log.Named(name), args) }()
		ready := make(chan string, 1)
		go func() {
			line, _ := lines.ReadString('\n')
			ready <- line
		}()
		select {
		case line := <-ready:
			base, ok := strings.CutPrefix(strings.TrimSpace(line), "ready: ")
			if !ok {
				t.Fatalf("%s: ready line %q", name, line)
			}
			return base, done
		case err := <-done:
			t.Fatalf("%s stopped before ready: %v", name, err)
		}
		return "", nil
	}
	facURL, facDone := start("facilitator", "--addr", "127.0.0.1:0", "--deployments", deployments)
	apiURL, apiDone := start("api", "--model", model, "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0", "--no-auth",
		"--capacity", "256", "--network", "dev", "--deployments", deployments, "--facilitator", facURL)
	defer func() {
		cancel()
		for _, done := range []chan error{apiDone, facDone} {
			select {
			case err := <-done:
				if err != nil && ctx.Err() == nil {
					t.Errorf("command: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Error("a command did not stop on cancel")
			}
		}
	}()

	d := dc.Deployments
	payer, payee, relayer := dc.Accounts[3], dc.Accounts[devPayee], dc.Accounts[devRelayer]
	price, _ := new(big.Int).SetString(defaultDevPrice, 10)
	balance := func(a common.Address) *big.Int {
		b, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	relayed := func() uint64 {
		n, err := dc.Client.NonceAt(ctx, relayer, nil)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	pay := func(key string) payResult {
		cmd := exec.CommandContext(ctx, "node", "pay.mjs", apiURL+"/v1/chat/completions", key, d.ComputeUSD.Hex(), "eip155:1337")
		cmd.Dir = jsDir
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node pay.mjs: %v\n%s", err, stderr.String())
		}
		var r payResult
		if err := json.Unmarshal(out, &r); err != nil {
			t.Fatalf("pay.mjs printed %s: %v", out, err)
		}
		return r
	}
	replay := func(header string) (int, string) {
		req, _ := http.NewRequestWithContext(ctx, "POST", apiURL+"/v1/chat/completions",
			strings.NewReader(`{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":5,"stream":true}`))
		req.Header.Set(x402.HeaderPaymentSignature, header)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	// Paid: the stream arrives and the price moves once.
	payerBefore, payeeBefore, sent := balance(payer), balance(payee), relayed()
	got := pay("0x" + common.Bytes2Hex(crypto.FromECDSA(chain.DevKey(3))))
	if got.Status != 200 || !strings.Contains(got.Body, `"usage"`) || !strings.HasSuffix(strings.TrimSpace(got.Body), "data: [DONE]") {
		t.Fatalf("paid request: status %d, error %q, body %s", got.Status, got.Error, got.Body)
	}
	s := got.Settlement
	if s == nil || !s.Success || s.Payer != payer.Hex() || s.Network != "eip155:1337" || !strings.HasPrefix(s.Transaction, "0x") {
		t.Fatalf("PAYMENT-RESPONSE seen by the client: %+v", s)
	}
	wantBig(t, "payer", balance(payer), new(big.Int).Sub(payerBefore, price))
	wantBig(t, "payee", balance(payee), new(big.Int).Add(payeeBefore, price))
	if n := relayed() - sent; n != 1 {
		t.Fatalf("the facilitator sent %d transactions, want 1", n)
	}
	receipt, err := dc.Client.TransactionReceipt(ctx, common.HexToHash(s.Transaction))
	if err != nil || receipt.Status != 1 {
		t.Fatalf("settlement transaction %s: %v, %v", s.Transaction, receipt, err)
	}
	p, err := x402.DecodePayment(got.PaymentHeader, 2)
	if err != nil {
		t.Fatalf("the client's payment header: %v", err)
	}
	nonce := common.FromHex(p.Payload.Authorization.Nonce)
	if used, err := chain.AuthorizationUsed(ctx, dc.Client, d.ComputeUSD, payer, [32]byte(nonce)); err != nil || !used {
		t.Fatalf("authorization %x used on chain: %v, %v", nonce, used, err)
	}

	// Replayed: 402, no answer, nothing sent, nothing moved.
	if status, body := replay(got.PaymentHeader); status != http.StatusPaymentRequired || strings.Contains(body, "data:") {
		t.Fatalf("replay: status %d, body %s", status, body)
	}
	wantBig(t, "payer after the replay", balance(payer), new(big.Int).Sub(payerBefore, price))
	wantBig(t, "payee after the replay", balance(payee), new(big.Int).Add(payeeBefore, price))

	// A payer without funds: the settlement fails, 402, no answer, nothing moves.
	poor, _ := crypto.GenerateKey()
	payeeBefore, sent = balance(payee), relayed()
	got = pay("0x" + common.Bytes2Hex(crypto.FromECDSA(poor)))
	if got.Status == 200 || strings.Contains(got.Body, "data:") || got.PaymentHeader == "" {
		t.Fatalf("unfunded payer: status %d, body %s", got.Status, got.Body)
	}
	status, body := replay(got.PaymentHeader) // the same payment, read by Go
	if status != http.StatusPaymentRequired || strings.Contains(body, "data:") || !strings.Contains(body, "insufficient_balance") || !strings.Contains(body, "holds 0 of token") {
		t.Fatalf("unfunded payer: status %d, body %s", status, body)
	}
	wantBig(t, "payee after the unfunded payer", balance(payee), payeeBefore)
	if n := relayed() - sent; n != 0 {
		t.Fatalf("the facilitator sent %d transactions for an unfunded payer", n)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func wantBig(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s: %s, want %s", what, got, want)
	}
}

// TestBenchX402: `bench x402` pays every paid round exactly once.
func TestBenchX402(t *testing.T) {
	model := filepath.Join(t.TempDir(), "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	var res X402Result
	if err := json.Unmarshal([]byte(mustRun(t, "bench", "x402", "--model", model, "--rounds", "2", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Rounds != 2 || res.Settlements != 4 || res.Transactions != 4 || res.PaidTotal != "4000" || res.PaidP50Ms <= 0 || res.UnpaidP50Ms <= 0 {
		t.Fatalf("bench x402 = %+v", res)
	}
}
