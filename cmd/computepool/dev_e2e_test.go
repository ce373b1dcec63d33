package main

import (
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

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// devLedger reads the dev chain the way the e2e check needs: stream rates
// from the operator (dev account 0) and balances.
type devLedger struct {
	t    *testing.T
	conn *chain.Conn
	ps   *bindings.PaymentStreams
}

func (l devLedger) call(ctx context.Context, to common.Address, data []byte) []byte {
	l.t.Helper()
	out, err := l.conn.Client.CallContract(ctx, ethereum.CallMsg{To: &to, Data: data}, nil)
	if err != nil {
		l.t.Fatal(err)
	}
	return out
}

func (l devLedger) flowTo(ctx context.Context, provider common.Address) int64 {
	r, err := l.ps.UnpackGetFlowrate(l.call(ctx, l.conn.Deployments.PaymentStreams,
		l.ps.PackGetFlowrate(l.conn.Deployments.ComputeUSD, devAddress(0), provider)))
	if err != nil {
		l.t.Fatal(err)
	}
	return r.Int64()
}

// streamBalance is an account's balance inside the streams contract at
// timestamp ts (available + locked deposit).
func (l devLedger) streamBalance(ctx context.Context, a common.Address, ts uint64) *big.Int {
	b, err := l.ps.UnpackRealtimeBalanceOf(l.call(ctx, l.conn.Deployments.PaymentStreams, l.ps.PackRealtimeBalanceOf(a, new(big.Int).SetUint64(ts))))
	if err != nil {
		l.t.Fatal(err)
	}
	return new(big.Int).Add(b.AvailableBalance, b.Deposit)
}

func (l devLedger) tokenBalance(ctx context.Context, a common.Address) *big.Int {
	b, err := chain.TokenBalance(ctx, l.conn.Client, l.conn.Deployments.ComputeUSD, a)
	if err != nil {
		l.t.Fatal(err)
	}
	return b
}

func (l devLedger) now(ctx context.Context) uint64 {
	h, err := l.conn.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		l.t.Fatal(err)
	}
	return h.Time
}

// checkPaidPoolOnChain is the e2e part of TestDev (see its comment).
func checkPaidPoolOnChain(ctx context.Context, t *testing.T, apiURL, apiKey string) {
	js := "../../api/testdata/js"
	if _, err := os.Stat(filepath.Join(js, "node_modules", "@x402", "fetch", "package.json")); err != nil {
		t.Fatalf("the npm clients are not installed: run `make deps` (%v)", err)
	}
	state := filepath.Join(os.Getenv("XDG_DATA_HOME"), "computepool", "dev")
	conn, err := chain.Connect(ctx, "dev", filepath.Join(state, "deployments.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	l := devLedger{t: t, conn: conn, ps: bindings.NewPaymentStreams()}
	providers := []common.Address{devAddress(devProviderAccount(0)), devAddress(devProviderAccount(1))}
	streamers := append([]common.Address{devAddress(0)}, providers...)
	for _, p := range providers {
		if r := l.flowTo(ctx, p); r != 1000 {
			t.Fatalf("stream to provider %s: %d/s, want 1000/s while the pool is loaded", p, r)
		}
	}
	t1 := l.now(ctx)
	sum1, during := new(big.Int), map[common.Address]*big.Int{}
	for _, a := range streamers {
		during[a] = l.streamBalance(ctx, a, t1)
		sum1.Add(sum1, during[a])
	}

	// The official openai client, with the demo key.
	out := runNode(ctx, t, js, "client.mjs", apiURL+"/v1", apiKey, "llama-tiny")
	if !strings.Contains(out, `"completion_tokens"`) {
		t.Fatalf("openai client: %s", out)
	}

	// The x402 client pays once, as dev account 5.
	payer, payee, facilitator := devAddress(5), devAddress(2), devAddress(1)
	before := map[common.Address]*big.Int{}
	for _, a := range []common.Address{payer, payee, facilitator} {
		before[a] = l.tokenBalance(ctx, a)
	}
	out = runNode(ctx, t, js, "pay.mjs", apiURL+"/v1/chat/completions", "0x"+common.Bytes2Hex(crypto.FromECDSA(chain.DevKey(5))),
		conn.Deployments.ComputeUSD.Hex(), "eip155:1337")
	var paid struct {
		Status     int
		Body       string
		Settlement *struct{ Success bool }
	}
	if err := json.Unmarshal([]byte(out), &paid); err != nil || paid.Status != 200 || !strings.Contains(paid.Body, "[DONE]") ||
		paid.Settlement == nil || !paid.Settlement.Success {
		t.Fatalf("x402 client: %s (%v)", out, err)
	}
	price := big.NewInt(1000) // computepool api --network dev's default price
	for a, want := range map[common.Address]*big.Int{
		payer:       new(big.Int).Sub(before[payer], price),
		payee:       new(big.Int).Add(before[payee], price),
		facilitator: before[facilitator],
	} {
		if got := l.tokenBalance(ctx, a); got.Cmp(want) != 0 {
			t.Errorf("token balance of %s: %s, want %s", a, got, want)
		}
	}

	// The API's /metrics shows the control plane: the payment settled by a
	// workflow, the pool's stream open.
	waitMetric(t, apiURL, `computepool_settlements{state="settled"} 1`)
	waitMetric(t, apiURL, `computepool_pool_stream_open{pool="dev"} 1`)

	// Unloading the pool closes the providers' streams.
	tc, err := workers.Dial(ctx, workers.ClientConfigFromEnv(), zap.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	defer tc.Close()
	if _, err := updatePool(ctx, tc, pool.WorkflowID(devPoolName), pool.UpdateUnload); err != nil {
		t.Fatal(err)
	}
	for _, p := range providers {
		if r := l.flowTo(ctx, p); r != 0 {
			t.Fatalf("stream to provider %s still %d/s after unload", p, r)
		}
	}
	waitMetric(t, apiURL, `computepool_pool_stream_open{pool="dev"} 0`)
	// What the providers received between t1 and the close, the operator
	// paid: the sum over the three accounts is unchanged, and each provider
	// got a whole number of seconds at 1000/s.
	t2 := l.now(ctx)
	sum2 := new(big.Int)
	for _, a := range streamers {
		sum2.Add(sum2, l.streamBalance(ctx, a, t2))
	}
	if sum2.Cmp(sum1) != 0 {
		t.Errorf("operator + providers in the streams contract: %s while streaming, %s after the close", sum1, sum2)
	}
	for _, p := range providers {
		got := new(big.Int).Sub(l.streamBalance(ctx, p, t2), during[p])
		if got.Sign() < 0 || new(big.Int).Mod(got, big.NewInt(1000)).Sign() != 0 {
			t.Errorf("provider %s received %s after t1, want a non-negative multiple of 1000", p, got)
		}
	}
}

// waitMetric polls the API's /metrics until a line equals want (Temporal's
// visibility, which the control-plane series read, is eventually consistent).
func waitMetric(t *testing.T, apiURL, want string) {
	t.Helper()
	var body []byte
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.Get(apiURL + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, line := range strings.Split(string(body), "\n") {
			if line == want {
				return
			}
		}
	}
	t.Fatalf("/metrics never showed %s:\n%s", want, body)
}

func runNode(ctx context.Context, t *testing.T, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node %s: %v\n%s", args[0], err, stderr.String())
	}
	return string(out)
}
