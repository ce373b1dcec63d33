package x402

import (
	"crypto/ecdsa"
	"crypto/rand"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// PayV2 is the payer's side of an exact v2 payment: it signs an EIP-3009
// authorization of the offer's amount, valid from now for validFor, and
// returns the PAYMENT-SIGNATURE header value. Go clients and end-to-end
// tests use it; browsers and agents use the x402 npm clients.
func PayV2(key *ecdsa.PrivateKey, o Offer, resourceURL string, now time.Time, validFor time.Duration) (string, error) {
	if err := o.Validate(); err != nil {
		return "", err
	}
	chainID, err := ChainID(o.Network)
	if err != nil {
		return "", err
	}
	p := &Payment{Version: 2, ChainID: chainID, Network: o.Network, Asset: o.Asset, TokenName: o.TokenName, TokenVer: o.TokenVersion,
		From: crypto.PubkeyToAddress(key.PublicKey), To: o.PayTo, Value: new(big.Int).Set(o.Amount),
		ValidAfter: big.NewInt(0), ValidBefore: big.NewInt(now.Add(validFor).Unix())}
	if _, err := rand.Read(p.Nonce[:]); err != nil {
		return "", fmt.Errorf("drawing a nonce: %w", err)
	}
	digest, err := p.Digest()
	if err != nil {
		return "", err
	}
	sig, err := crypto.Sign(digest, key)
	if err != nil {
		return "", fmt.Errorf("signing the authorization: %w", err)
	}
	sig[64] += 27
	req := o.Requirements()
	return EncodeHeader(PaymentPayload{X402Version: 2, Resource: &Resource{URL: resourceURL}, Accepted: &req,
		Payload: ExactPayload{Signature: hexutil.Encode(sig), Authorization: Authorization{
			From: p.From.Hex(), To: p.To.Hex(), Value: p.Value.String(), ValidAfter: "0",
			ValidBefore: p.ValidBefore.String(), Nonce: hexutil.Encode(p.Nonce[:])}}})
}
