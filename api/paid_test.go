package api_test

import (
	"context"
	"crypto/ecdsa"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/computepool/computepool/api/x402"
	pb "github.com/computepool/computepool/proto/computepool/v1"
)

type settleLog struct {
	mu sync.Mutex
	n  int
}

func (s *settleLog) Settle(context.Context, *x402.Payment) (*x402.SettleResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	return &x402.SettleResponse{Success: true, Transaction: "0x02"}, nil
}

// TestPaidRESTGenerate: REST inference without a key is paid with x402; the
// proof of payment cannot be forged from outside, over REST or gRPC.
func TestPaidRESTGenerate(t *testing.T) {
	offer := x402.Offer{Network: "eip155:1337", Asset: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		TokenName: "ComputePool USD", TokenVersion: "1", PayTo: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
		Amount: big.NewInt(7)}
	settled := &settleLog{}
	pay, err := x402.NewMiddleware(offer, settled, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ts := startPaidServer(t, pay)
	body := `{"prompt":"hello","maxTokens":3}`
	send := func(headers ...string) (*http.Response, string) {
		req, _ := http.NewRequest("POST", ts.base+"/api/v1/generate", strings.NewReader(body))
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, b := send(); resp.StatusCode != 402 || resp.Header.Get(x402.HeaderPaymentRequired) == "" {
		t.Fatalf("unpaid: %d %s", resp.StatusCode, b)
	}
	if resp, b := send("X-Computepool-Paid", "anything"); resp.StatusCode != 402 {
		t.Fatalf("forged proof header: %d %s", resp.StatusCode, b)
	}
	key, _ := crypto.GenerateKey()
	h, err := x402.PayV2(key, offer, ts.base+"/api/v1/generate", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	resp, b := send(x402.HeaderPaymentSignature, h)
	if resp.StatusCode != 200 || !strings.Contains(b, `"finish"`) || resp.Header.Get(x402.HeaderPaymentResponse) == "" || settled.n != 1 {
		t.Fatalf("paid: %d %s (settled %d)", resp.StatusCode, b, settled.n)
	}
	// A bad request is refused before settlement even when paid.
	body = `{"prompt":"hello","maxTokens":-1}`
	h2, _ := x402.PayV2(key, offer, ts.base+"/api/v1/generate", time.Now(), time.Minute)
	if resp, b := send(x402.HeaderPaymentSignature, h2); resp.StatusCode != 400 || settled.n != 1 {
		t.Fatalf("paid bad request: %d %s (settled %d)", resp.StatusCode, b, settled.n)
	}
	// With a key, no payment is needed.
	body = `{"prompt":"hello","maxTokens":2}`
	if resp, b := send("Authorization", "Bearer "+ts.key); resp.StatusCode != 200 || settled.n != 1 {
		t.Fatalf("keyed: %d %s", resp.StatusCode, b)
	}
	// gRPC with a guessed proof is still unauthenticated.
	ctx := metadata.AppendToOutgoingContext(context.Background(), "x-computepool-paid", "guess")
	stream, err := pb.NewInferenceServiceClient(ts.conn).Generate(ctx, &pb.GenerateRequest{Prompt: "hi", MaxTokens: 1})
	if err == nil {
		_, err = stream.Recv()
	}
	if status.Code(err) != codes.Unauthenticated {
		t.Fatalf("gRPC with a forged proof = %v", err)
	}
}

// chargeLog records what per-token payments were charged.
type chargeLog struct {
	mu      sync.Mutex
	charges []*big.Int
}

func (s *chargeLog) Settle(_ context.Context, p *x402.Payment) (*x402.SettleResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.charges = append(s.charges, p.Charge)
	return &x402.SettleResponse{Success: true, Transaction: "0x03"}, nil
}

// TestPaidRESTGeneratePerToken: per-token billing on REST /api/v1/generate,
// whose generation runs behind the gateway's loopback gRPC call: the meter
// crosses it, so the charge is the tokens generated × price, settled as soon
// as the stream ends (not the maximum after a wait).
func TestPaidRESTGeneratePerToken(t *testing.T) {
	offer := x402.Offer{Network: "eip155:1337", Asset: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		TokenName: "ComputePool USD", TokenVersion: "1", PayTo: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
		PricePerToken: big.NewInt(2), Provider: common.HexToAddress("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), DefaultMaxTokens: 16}
	settled := &chargeLog{}
	pay, err := x402.NewMiddleware(offer, settled, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	ts := startPaidServer(t, pay)
	max := offer
	max.Amount = big.NewInt(2 * 5)
	h, err := x402.PayV2(mustKey(t), max, ts.base+"/api/v1/generate", time.Now(), time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", ts.base+"/api/v1/generate", strings.NewReader(`{"prompt":"hello","maxTokens":5}`))
	req.Header.Set(x402.HeaderPaymentSignature, h)
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Trailer.Get(x402.HeaderPaymentResponse) == "" || time.Since(start) > 5*time.Second {
		t.Fatalf("paid: %d in %v, trailer %v: %s", resp.StatusCode, time.Since(start), resp.Trailer, b)
	}
	tokens := strings.Count(string(b), `"token"`)
	settled.mu.Lock()
	defer settled.mu.Unlock()
	if len(settled.charges) != 1 || settled.charges[0] == nil || settled.charges[0].Int64() != int64(2*tokens) || tokens == 0 {
		t.Fatalf("charged %v for %d tokens at 2", settled.charges, tokens)
	}
}

func mustKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}
