package openai_test

import (
	"io"
	"math/big"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap"

	"github.com/computepool/computepool/api/x402"
)

// BenchmarkCompletions64: small completions (4 tokens) on the tiny model
// from 64 concurrent clients; reports requests/s and fails on any error.
func BenchmarkCompletions64(b *testing.B) {
	s := start(b, nil)
	b.SetParallelism(max(1, 64/runtime.GOMAXPROCS(0)))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 128}}
	body := `{"prompt":"Once upon a time","max_tokens":4,"temperature":0}`
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest("POST", s.base+"/v1/completions", strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+s.key)
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkTimeToFirstToken compares the first streamed chunk of a paid
// request (x402 decode + EIP-712 verify + settlement by an in-process
// settler) with an API-key request, in one run.
func BenchmarkTimeToFirstToken(b *testing.B) {
	offer := x402.Offer{Network: "eip155:1337", Asset: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
		TokenName: "ComputePool USD", TokenVersion: "1", PayTo: common.HexToAddress("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), Amount: big.NewInt(1)}
	pay, _ := x402.NewMiddleware(offer, &countingSettler{}, zap.NewNop())
	s := start(b, pay)
	key, _ := crypto.GenerateKey()
	body := `{"messages":[{"role":"user","content":"hi"}],"max_tokens":1,"stream":true}`
	ttft := func(b *testing.B, header, value string) {
		req, _ := http.NewRequest("POST", s.base+"/v1/chat/completions", strings.NewReader(body))
		req.Header.Set(header, value)
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("%v %v", resp.Status, err)
		}
		buf := make([]byte, 1)
		resp.Body.Read(buf)
		resp.Body.Close()
	}
	b.Run("api-key", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			ttft(b, "Authorization", "Bearer "+s.key)
		}
	})
	b.Run("x402", func(b *testing.B) {
		headers := make([]string, b.N)
		for i := range headers {
			headers[i], _ = x402.PayV2(key, offer, s.base, time.Now(), time.Hour)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			ttft(b, x402.HeaderPaymentSignature, headers[i])
		}
	})
}
