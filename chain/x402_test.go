package chain

import (
	"encoding/json"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
)

// x402Fixture is testdata/x402/authorization.json: a payment signed by the
// x402 v2 npm client (@x402/evm 2.27.0), see testdata/x402/sign.mjs.
type x402Fixture struct {
	Requirements struct {
		Asset common.Address `json:"asset"`
		Extra struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"extra"`
	} `json:"requirements"`
	Result struct {
		X402Version int `json:"x402Version"`
		Payload     struct {
			Authorization struct {
				From        common.Address `json:"from"`
				To          common.Address `json:"to"`
				Value       string         `json:"value"`
				ValidAfter  string         `json:"validAfter"`
				ValidBefore string         `json:"validBefore"`
				Nonce       hexutil.Bytes  `json:"nonce"`
			} `json:"authorization"`
			Signature hexutil.Bytes `json:"signature"`
		} `json:"payload"`
	} `json:"result"`
}

func decimal(t *testing.T, s string) *big.Int {
	t.Helper()
	v, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("not a decimal integer: %q", s)
	}
	return v
}

// An authorization produced by the x402 npm client verifies in Go, is
// accepted by the token once and refused on replay.
func TestX402ClientAuthorization(t *testing.T) {
	raw, err := os.ReadFile("testdata/x402/authorization.json")
	if err != nil {
		t.Fatal(err)
	}
	var fx x402Fixture
	if err := json.Unmarshal(raw, &fx); err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t, 4)
	if fx.Requirements.Asset != e.d.ComputeUSD {
		t.Fatalf("fixture signed for token %s, the test deployed %s: regenerate testdata/x402 (node sign.mjs)", fx.Requirements.Asset, e.d.ComputeUSD)
	}
	a := fx.Result.Payload.Authorization
	auth := TransferAuthorization{From: a.From, To: a.To, Value: decimal(t, a.Value),
		ValidAfter: decimal(t, a.ValidAfter), ValidBefore: decimal(t, a.ValidBefore), Nonce: [32]byte(a.Nonce)}
	sig := []byte(fx.Result.Payload.Signature)
	dom, err := ReadDomain(e.ctx, e.sim.Client(), e.d.ComputeUSD)
	if err != nil {
		t.Fatal(err)
	}
	if dom.Name != fx.Requirements.Extra.Name || dom.Version != fx.Requirements.Extra.Version {
		t.Fatalf("token domain %q/%q, x402 extra %q/%q", dom.Name, dom.Version, fx.Requirements.Extra.Name, fx.Requirements.Extra.Version)
	}
	if err := VerifyTransferAuthorization(dom, auth, sig, time.Unix(int64(e.headTime()), 0)); err != nil {
		t.Fatal(err)
	}
	before := e.usdBalance(auth.To)
	if _, err := TransferWithAuthorization(e.ctx, e.trs[3], e.d.ComputeUSD, auth, sig); err != nil {
		t.Fatal(err)
	}
	wantBig(t, "payee balance", e.usdBalance(auth.To), new(big.Int).Add(before, auth.Value))
	if _, err := TransferWithAuthorization(e.ctx, e.trs[3], e.d.ComputeUSD, auth, sig); RevertName(err) != "AuthorizationAlreadyUsed" {
		t.Fatalf("replay of the x402 client's authorization: %v", err)
	}
}
