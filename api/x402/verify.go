package x402

import (
	"encoding/hex"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

// Offer is what a resource costs and how it is paid.
type Offer struct {
	// Network is the CAIP-2 id (eip155:1337).
	Network string
	// Asset is the EIP-3009 token; TokenName and TokenVersion its EIP-712
	// domain (the token's name() and version()).
	Asset                   common.Address
	TokenName, TokenVersion string
	PayTo                   common.Address
	// Amount is the price of one request in the token's base units.
	Amount *big.Int
	// PricePerToken, when set, bills per generated token instead: a
	// request's offer is its maximum (max_tokens × PricePerToken) paid to
	// PayTo, an escrow that passes the used part on to Provider and refunds
	// the rest. DefaultMaxTokens prices a request that does not say.
	PricePerToken    *big.Int
	Provider         common.Address
	DefaultMaxTokens int
	// MaxTimeoutSeconds is how long the server may take to settle (default 300).
	MaxTimeoutSeconds int
	Description       string
}

// Validate checks an offer once, at configuration.
func (o *Offer) Validate() error {
	if _, err := ChainID(o.Network); err != nil {
		return err
	}
	if o.PerToken() {
		// A per-token offer's amount is set per request (max_tokens × the
		// price); everything else is checked as for any offer.
		if err := o.validatePerToken(); err != nil {
			return err
		}
	} else if o.Amount == nil || o.Amount.Sign() <= 0 {
		return fmt.Errorf("x402 offer: the amount must be positive")
	}
	switch {
	case o.Asset == (common.Address{}):
		return fmt.Errorf("x402 offer: the asset (token address) is required")
	case o.PayTo == (common.Address{}):
		return fmt.Errorf("x402 offer: payTo is required")
	case o.TokenName == "" || o.TokenVersion == "":
		return fmt.Errorf("x402 offer: the token's EIP-712 name and version are required")
	}
	return nil
}

func (o *Offer) timeout() int {
	if o.MaxTimeoutSeconds > 0 {
		return o.MaxTimeoutSeconds
	}
	return 300
}

// Requirements is the offer as v2 requirements.
func (o *Offer) Requirements() Requirements {
	return Requirements{Scheme: SchemeExact, Network: o.Network, Amount: o.Amount.String(), Asset: o.Asset.Hex(),
		PayTo: o.PayTo.Hex(), MaxTimeoutSeconds: o.timeout(), Extra: o.extra()}
}

// RequirementsV1 is the offer as v1 requirements, when its chain has a v1 name.
func (o *Offer) RequirementsV1(resource, mimeType string) (RequirementsV1, bool) {
	id, err := ChainID(o.Network)
	if err != nil {
		return RequirementsV1{}, false
	}
	name, ok := V1Name(id)
	if !ok {
		return RequirementsV1{}, false
	}
	return RequirementsV1{Scheme: SchemeExact, Network: name, MaxAmountRequired: o.Amount.String(), Resource: resource,
		Description: o.Description, MimeType: mimeType, PayTo: o.PayTo.Hex(), MaxTimeoutSeconds: o.timeout(),
		Asset: o.Asset.Hex(), Extra: o.extra()}, true
}

// Reasons a payment is refused (the x402 invalidReason vocabulary, where it has one).
const (
	ReasonInvalidPayload   = "invalid_payload"
	ReasonScheme           = "unsupported_scheme"
	ReasonNetwork          = "invalid_network"
	ReasonAsset            = "invalid_exact_evm_payload_asset"
	ReasonRecipient        = "invalid_exact_evm_payload_recipient_mismatch"
	ReasonValue            = "invalid_exact_evm_payload_authorization_value"
	ReasonValidAfter       = "invalid_exact_evm_payload_authorization_valid_after"
	ReasonValidBefore      = "invalid_exact_evm_payload_authorization_valid_before"
	ReasonSignature        = "invalid_exact_evm_payload_signature"
	ReasonNonceUsed        = "invalid_exact_evm_payload_authorization_nonce_used"
	ReasonSettlementFailed = "settlement_failed"
)

// VerifyError says why a payment was refused.
type VerifyError struct {
	Reason string // one of the Reason constants
	Detail string // for a person
}

func (e *VerifyError) Error() string { return e.Reason + ": " + e.Detail }

func refuse(reason, format string, args ...any) *VerifyError {
	return &VerifyError{Reason: reason, Detail: fmt.Sprintf(format, args...)}
}

// SettleMargin is how long an authorization must stay valid after
// verification, so settlement can still land.
const SettleMargin = 6 * time.Second

// Payment is a verified payment, ready to settle.
type Payment struct {
	Version     int
	ChainID     *big.Int
	Network     string // CAIP-2
	Asset       common.Address
	TokenName   string
	TokenVer    string
	From, To    common.Address
	Value       *big.Int
	ValidAfter  *big.Int
	ValidBefore *big.Int
	Nonce       [32]byte
	Signature   []byte // 65 bytes, v = 27/28
	Payload     *PaymentPayload
	// Per-token payments: Value went to the escrow (To); Charge of it is
	// the provider's (Tokens × the price, never more than Value), the rest
	// is refunded. Nil Charge: an exact payment, all of Value is the price.
	Charge   *big.Int
	Provider common.Address
	Tokens   int
	// Delivered: the answer was already given (a streamed per-token
	// answer settles after its end), so a settlement that fails now should
	// stay open for an operator rather than be abandoned.
	Delivered bool
}

// Verify checks a payment against an offer at time now: scheme, network,
// token, recipient, amount, time window and the EIP-712 signature of the
// payer. It does not check the nonce's use or the payer's balance (the
// Settler and the chain do).
func Verify(p *PaymentPayload, o *Offer, now time.Time) (*Payment, *VerifyError) {
	chainID, err := ChainID(o.Network)
	if err != nil {
		return nil, refuse(ReasonNetwork, "server offer: %v", err)
	}
	if s := p.SchemeName(); s != SchemeExact {
		return nil, refuse(ReasonScheme, "scheme %q: only %q is accepted", s, SchemeExact)
	}
	paidOn, err := ChainID(p.NetworkName())
	if err != nil {
		return nil, refuse(ReasonNetwork, "%v", err)
	}
	if paidOn.Cmp(chainID) != 0 {
		return nil, refuse(ReasonNetwork, "payment is for chain %s; this server is paid on %s", paidOn, o.Network)
	}
	if a := p.Accepted; a != nil {
		if !sameAddress(a.Asset, o.Asset) {
			return nil, refuse(ReasonAsset, "accepted asset %s; this server is paid in %s", a.Asset, o.Asset.Hex())
		}
		if !sameAddress(a.PayTo, o.PayTo) {
			return nil, refuse(ReasonRecipient, "accepted payTo %s; this server is paid to %s", a.PayTo, o.PayTo.Hex())
		}
	}
	auth := p.Payload.Authorization
	from, err1 := parseAddress(auth.From)
	to, err2 := parseAddress(auth.To)
	if err1 != nil || err2 != nil {
		return nil, refuse(ReasonInvalidPayload, "authorization from/to must be 0x-prefixed 20-byte hex addresses")
	}
	if to != o.PayTo {
		return nil, refuse(ReasonRecipient, "the authorization pays %s; this server is paid to %s", to.Hex(), o.PayTo.Hex())
	}
	value, ok1 := parseUint256(auth.Value)
	after, ok2 := parseUint256(auth.ValidAfter)
	before, ok3 := parseUint256(auth.ValidBefore)
	if !ok1 || !ok2 || !ok3 {
		return nil, refuse(ReasonInvalidPayload, "authorization value, validAfter and validBefore must be decimal uint256 strings")
	}
	if value.Cmp(o.Amount) < 0 {
		return nil, refuse(ReasonValue, "the authorization pays %s; the price is %s", value, o.Amount)
	}
	if after.Cmp(big.NewInt(now.Unix())) > 0 {
		return nil, refuse(ReasonValidAfter, "the authorization is valid only after %s (now %d)", after, now.Unix())
	}
	if before.Cmp(big.NewInt(now.Add(SettleMargin).Unix())) < 0 {
		return nil, refuse(ReasonValidBefore, "the authorization expired or expires within %s (validBefore %s, now %d)", SettleMargin, before, now.Unix())
	}
	nonce, err := hexutil.Decode(auth.Nonce)
	if err != nil || len(nonce) != 32 {
		return nil, refuse(ReasonInvalidPayload, "the nonce must be 32 bytes of 0x-prefixed hex")
	}
	sig, err := hexutil.Decode(p.Payload.Signature)
	if err != nil || len(sig) != 65 {
		return nil, refuse(ReasonSignature, "the signature must be 65 bytes of 0x-prefixed hex")
	}
	pay := &Payment{Version: p.X402Version, ChainID: chainID, Network: o.Network, Asset: o.Asset, TokenName: o.TokenName,
		TokenVer: o.TokenVersion, From: from, To: to, Value: value, ValidAfter: after, ValidBefore: before, Signature: sig, Payload: p}
	copy(pay.Nonce[:], nonce)
	signer, err := pay.Signer()
	if err != nil {
		return nil, refuse(ReasonSignature, "%v", err)
	}
	if signer != from {
		return nil, refuse(ReasonSignature, "the signature is by %s, not the payer %s", signer.Hex(), from.Hex())
	}
	return pay, nil
}

// Digest is the EIP-712 hash of the TransferWithAuthorization the token checks.
func (p *Payment) Digest() ([]byte, error) {
	td := apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
			},
			"TransferWithAuthorization": {
				{Name: "from", Type: "address"}, {Name: "to", Type: "address"}, {Name: "value", Type: "uint256"},
				{Name: "validAfter", Type: "uint256"}, {Name: "validBefore", Type: "uint256"}, {Name: "nonce", Type: "bytes32"},
			},
		},
		PrimaryType: "TransferWithAuthorization",
		Domain: apitypes.TypedDataDomain{Name: p.TokenName, Version: p.TokenVer,
			ChainId: (*math.HexOrDecimal256)(p.ChainID), VerifyingContract: p.Asset.Hex()},
		Message: apitypes.TypedDataMessage{
			"from": p.From.Hex(), "to": p.To.Hex(), "value": p.Value.String(),
			"validAfter": p.ValidAfter.String(), "validBefore": p.ValidBefore.String(),
			"nonce": hexutil.Encode(p.Nonce[:]),
		},
	}
	hash, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		return nil, fmt.Errorf("hashing the EIP-712 authorization: %w", err)
	}
	return hash, nil
}

// Signer recovers who signed the authorization. High-s signatures are
// refused, as the token's ecrecover check (OpenZeppelin ECDSA) refuses them.
func (p *Payment) Signer() (common.Address, error) {
	digest, err := p.Digest()
	if err != nil {
		return common.Address{}, err
	}
	sig := append([]byte(nil), p.Signature...)
	if sig[64] >= 27 {
		sig[64] -= 27
	}
	r, s := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	if !crypto.ValidateSignatureValues(sig[64], r, s, true) {
		return common.Address{}, fmt.Errorf("the signature's v, r or s is out of range (v must be 27 or 28, s in the lower half)")
	}
	pub, err := crypto.SigToPub(digest, sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("recovering the signer: %w", err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

func sameAddress(s string, a common.Address) bool {
	b, err := parseAddress(s)
	return err == nil && b == a
}

func parseAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") {
		return common.Address{}, fmt.Errorf("address %q has no 0x prefix", s)
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil || len(b) != 20 {
		return common.Address{}, fmt.Errorf("address %q is not 20 bytes of hex", s)
	}
	return common.BytesToAddress(b), nil
}

var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

func parseUint256(s string) (*big.Int, bool) {
	if s == "" || len(s) > 78 || strings.TrimLeft(s, "0123456789") != "" {
		return nil, false
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok || n.Cmp(maxUint256) > 0 {
		return nil, false
	}
	return n, true
}
