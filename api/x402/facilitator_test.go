package x402

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestFacilitatorClient: the settle body carries the payload and the
// requirements it accepted; the facilitator's answer comes back as is, and
// a refusal is a failed settlement.
func TestFacilitatorClient(t *testing.T) {
	var got facilitatorRequest
	var gotReqs Requirements
	refuse := false
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/settle" || r.Method != "POST" {
			http.NotFound(w, r)
			return
		}
		var raw struct {
			facilitatorRequest
			PaymentRequirements json.RawMessage `json:"paymentRequirements"`
		}
		json.NewDecoder(r.Body).Decode(&raw)
		got = raw.facilitatorRequest
		json.Unmarshal(raw.PaymentRequirements, &gotReqs)
		if refuse {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(SettleResponse{ErrorReason: "invalid_exact_evm_payload_authorization_nonce_used"})
			return
		}
		json.NewEncoder(w).Encode(SettleResponse{Success: true, Transaction: "0xabc", Network: "eip155:1337", Payer: got.PaymentPayload.Payload.Authorization.From})
	}))
	defer srv.Close()
	o := testOffer("eip155:1337")
	key, _ := crypto.GenerateKey()
	h, _ := PayV2(key, o, "http://x/", now, time.Minute)
	p, _ := DecodePayment(h, 2)
	pay, verr := Verify(p, &o, now)
	if verr != nil {
		t.Fatal(verr)
	}
	fc := &FacilitatorClient{URL: srv.URL}
	res, err := fc.Settle(context.Background(), pay)
	if err != nil || !res.Success || res.Transaction != "0xabc" {
		t.Fatalf("settle = %+v, %v", res, err)
	}
	if got.X402Version != 2 || got.PaymentPayload.Payload.Signature != p.Payload.Signature ||
		gotReqs.Amount != "1000" || gotReqs.PayTo != o.PayTo.Hex() || gotReqs.Extra == nil || gotReqs.Extra.Name != o.TokenName {
		t.Fatalf("facilitator got %+v / %+v", got, gotReqs)
	}
	refuse = true
	if res, err := fc.Settle(context.Background(), pay); err != nil || res.Success || res.ErrorReason == "" {
		t.Fatalf("refused settle = %+v, %v", res, err)
	}
}
