package openai_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/x402"
)

type countingSettler struct {
	mu    sync.Mutex
	payer []common.Address
}

func (s *countingSettler) Settle(_ context.Context, p *x402.Payment) (*x402.SettleResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.payer = append(s.payer, p.From)
	return &x402.SettleResponse{Success: true, Transaction: "0x01"}, nil
}

// TestPaidChatCompletion: without a key, a chat completion needs an x402
// payment; a valid one is verified, settled once and answered.
func TestPaidChatCompletion(t *testing.T) {
	offer := x402.Offer{Network: "eip155:1337", Asset: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		TokenName: "ComputePool USD", TokenVersion: "1", PayTo: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
		Amount: big.NewInt(2500)}
	settler := &countingSettler{}
	pay, err := x402.NewMiddleware(offer, settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, pay)
	body := `{"messages":[{"role":"user","content":"hi"}],"max_tokens":4,"stream":true,"stream_options":{"include_usage":true}}`

	resp, out := s.post(t, "/v1/chat/completions", "", body)
	if resp.StatusCode != 402 || resp.Header.Get(x402.HeaderPaymentRequired) == "" {
		t.Fatalf("unpaid: status %d, body %s", resp.StatusCode, out)
	}
	// Underpaid: refused with a reason, nothing settled.
	cheap := offer
	cheap.Amount = big.NewInt(2499)
	key, _ := crypto.GenerateKey()
	h, err := x402.PayV2(key, cheap, s.base+"/v1/chat/completions", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, out = s.post(t, "/v1/chat/completions", "", body, x402.HeaderPaymentSignature, h)
	if resp.StatusCode != 402 || !strings.Contains(out, x402.ReasonValue) {
		t.Fatalf("underpaid: status %d, body %s", resp.StatusCode, out)
	}

	h, err = x402.PayV2(key, offer, s.base+"/v1/chat/completions", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, out = s.post(t, "/v1/chat/completions", "", body, x402.HeaderPaymentSignature, h)
	if resp.StatusCode != 200 || !strings.Contains(out, `"usage":{"prompt_tokens"`) || !strings.HasSuffix(strings.TrimSpace(out), "data: [DONE]") {
		t.Fatalf("paid: status %d, body %s", resp.StatusCode, out)
	}
	raw, _ := base64.StdEncoding.DecodeString(resp.Header.Get(x402.HeaderPaymentResponse))
	var sr x402.SettleResponse
	if err := json.Unmarshal(raw, &sr); err != nil || !sr.Success || sr.Payer != crypto.PubkeyToAddress(key.PublicKey).Hex() {
		t.Fatalf("PAYMENT-RESPONSE %s: %v", raw, err)
	}
	// Replayed: refused, still settled once.
	resp, _ = s.post(t, "/v1/chat/completions", "", body, x402.HeaderPaymentSignature, h)
	if resp.StatusCode != 402 || len(settler.payer) != 1 {
		t.Fatalf("replay: status %d, settled %d times", resp.StatusCode, len(settler.payer))
	}
	// An API key still works without paying.
	if resp, out := s.post(t, "/v1/chat/completions", s.key, body); resp.StatusCode != 200 || len(settler.payer) != 1 {
		t.Fatalf("with a key: status %d (%s), settled %d", resp.StatusCode, out, len(settler.payer))
	}
}

// TestX402NpmClient: the x402 v2 npm client reads our PAYMENT-REQUIRED,
// signs the EIP-3009 authorization with viem, and our verifier accepts it;
// the stream arrives and is settled once for that payer.
func TestX402NpmClient(t *testing.T) {
	needNode(t, "@x402/fetch")
	offer := x402.Offer{Network: "eip155:1337", Asset: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		TokenName: "ComputePool USD", TokenVersion: "1", PayTo: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
		Amount: big.NewInt(1500)}
	settler := &countingSettler{}
	pay, err := x402.NewMiddleware(offer, settler, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, pay)
	key, _ := crypto.GenerateKey()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "pay.mjs", s.base+"/v1/chat/completions",
		"0x"+common.Bytes2Hex(crypto.FromECDSA(key)), offer.Asset.Hex(), offer.Network)
	cmd.Dir = "../testdata/js"
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node pay.mjs: %v\n%s", err, stderr.String())
	}
	var got struct {
		Status     int
		Payer      string
		Body       string
		Settlement *x402.SettleResponse
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("output %s: %v", out, err)
	}
	payer := crypto.PubkeyToAddress(key.PublicKey)
	if got.Status != 200 || !strings.Contains(got.Body, `"usage"`) || !strings.Contains(got.Body, "[DONE]") {
		t.Fatalf("status %d, body %s", got.Status, got.Body)
	}
	if got.Settlement == nil || !got.Settlement.Success || got.Settlement.Payer != payer.Hex() {
		t.Fatalf("settlement seen by the client: %+v", got.Settlement)
	}
	if len(settler.payer) != 1 || settler.payer[0] != payer {
		t.Fatalf("settled %v, want once for %s", settler.payer, payer.Hex())
	}
}
