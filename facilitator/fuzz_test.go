package facilitator

import (
	"bytes"
	"encoding/json"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
)

// FuzzDecodeRequest: no body, however malformed, panics the decoder or the
// payload checks that follow it; what decodes re-encodes and decodes again.
// Seeds: testdata/fuzz/FuzzDecodeRequest (a v2 request signed by PayV2, a v1
// request) and the literals below.
func FuzzDecodeRequest(f *testing.F) {
	token := common.HexToAddress("0x124956D47BcE3569Fb81B03bF772adE07A55a806")
	fac := &Facilitator{chainID: big.NewInt(chain.DevChainID), network: "eip155:1337", log: zap.NewNop(),
		now:    func() time.Time { return time.Unix(1_800_000_000, 0) },
		tokens: map[common.Address]chain.Domain{token: {Name: "Compute USD", Version: "2", ChainID: big.NewInt(chain.DevChainID), VerifyingContract: token}}}
	f.Add([]byte(``))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"x402Version":2,"paymentPayload":{"x402Version":2,"accepted":{}},"paymentRequirements":{}}`))
	f.Add([]byte(`{"x402Version":1,"paymentPayload":{"x402Version":1,"scheme":"exact","network":"base"},"paymentRequirements":{"maxAmountRequired":"1"}} x`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req, err := DecodeRequest(bytes.NewReader(body))
		if err != nil {
			if req != nil {
				t.Fatal("a request and an error")
			}
			return
		}
		if req.X402Version != req.PaymentPayload.X402Version {
			t.Fatalf("versions %d and %d accepted", req.X402Version, req.PaymentPayload.X402Version)
		}
		pay, failure := fac.checkPayload(req)
		if failure == nil && pay == nil {
			t.Fatal("no payment and no failure")
		}
		if failure != nil && (failure.Reason == "" || failure.Message == "") {
			t.Fatalf("failure without a reason or message: %+v", failure)
		}
		again, err := json.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := DecodeRequest(bytes.NewReader(again)); err != nil {
			t.Fatalf("re-encoded request %s does not decode: %v", again, err)
		}
	})
}
