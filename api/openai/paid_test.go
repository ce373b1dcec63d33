package openai_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"math/big"
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
