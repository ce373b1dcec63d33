// Package x402 implements HTTP 402 payments for the API: the wire formats of
// x402 v2 (PAYMENT-REQUIRED / PAYMENT-SIGNATURE / PAYMENT-RESPONSE headers,
// CAIP-2 networks such as eip155:1337) and v1 (a JSON 402 body and the
// X-PAYMENT header, for networks with a v1 name), verification of an "exact"
// EIP-3009 payment before any work, and settlement through a Settler.
package x402

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Header names.
const (
	HeaderPaymentRequired  = "PAYMENT-REQUIRED"   // v2, server → client
	HeaderPaymentSignature = "PAYMENT-SIGNATURE"  // v2, client → server
	HeaderPaymentResponse  = "PAYMENT-RESPONSE"   // v2, server → client
	HeaderPaymentV1        = "X-PAYMENT"          // v1, client → server
	HeaderResponseV1       = "X-PAYMENT-RESPONSE" // v1, server → client
)

// SchemeExact pays a fixed amount with an EIP-3009 transferWithAuthorization.
const SchemeExact = "exact"

// MaxHeaderBytes bounds a payment header before it is decoded.
const MaxHeaderBytes = 16 << 10

// Extra names the token's EIP-712 domain (its name() and version()).
type Extra struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// Per-token offers only: the amount is MaxTokens × PricePerToken, paid
	// into escrow; what the answer does not use is refunded.
	PricePerToken string `json:"pricePerToken,omitempty"`
	MaxTokens     int    `json:"maxTokens,omitempty"`
}

// Requirements are what a v2 client must pay (one entry of accepts).
type Requirements struct {
	Scheme            string `json:"scheme"`
	Network           string `json:"network"`
	Amount            string `json:"amount"`
	Asset             string `json:"asset"`
	PayTo             string `json:"payTo"`
	MaxTimeoutSeconds int    `json:"maxTimeoutSeconds"`
	Extra             *Extra `json:"extra,omitempty"`
}

// RequirementsV1 are what a v1 client must pay.
type RequirementsV1 struct {
	Scheme            string `json:"scheme"`
	Network           string `json:"network"`
	MaxAmountRequired string `json:"maxAmountRequired"`
	Resource          string `json:"resource"`
	Description       string `json:"description"`
	MimeType          string `json:"mimeType"`
	PayTo             string `json:"payTo"`
	MaxTimeoutSeconds int    `json:"maxTimeoutSeconds"`
	Asset             string `json:"asset"`
	Extra             *Extra `json:"extra,omitempty"`
}

// Resource describes what is paid for (v2).
type Resource struct {
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
	MimeType    string `json:"mimeType,omitempty"`
}

// PaymentRequired is the v2 PAYMENT-REQUIRED header's content.
type PaymentRequired struct {
	X402Version int            `json:"x402Version"`
	Error       string         `json:"error,omitempty"`
	Resource    *Resource      `json:"resource,omitempty"`
	Accepts     []Requirements `json:"accepts"`
}

// PaymentRequiredV1 is the v1 402 body.
type PaymentRequiredV1 struct {
	X402Version int              `json:"x402Version"`
	Error       string           `json:"error,omitempty"`
	Accepts     []RequirementsV1 `json:"accepts"`
}

// Authorization is an EIP-3009 TransferWithAuthorization as the wire
// carries it: addresses and 0x-hex nonce as strings, amounts and times as
// decimal strings.
type Authorization struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Value       string `json:"value"`
	ValidAfter  string `json:"validAfter"`
	ValidBefore string `json:"validBefore"`
	Nonce       string `json:"nonce"`
}

// ExactPayload is the "exact" scheme's signed authorization.
type ExactPayload struct {
	Signature     string        `json:"signature"`
	Authorization Authorization `json:"authorization"`
}

// PaymentPayload is what a client sends: v2 fills Resource and Accepted, v1
// fills Scheme and Network.
type PaymentPayload struct {
	X402Version int           `json:"x402Version"`
	Scheme      string        `json:"scheme,omitempty"`
	Network     string        `json:"network,omitempty"`
	Resource    *Resource     `json:"resource,omitempty"`
	Accepted    *Requirements `json:"accepted,omitempty"`
	Payload     ExactPayload  `json:"payload"`
}

// SettleResponse is the PAYMENT-RESPONSE (X-PAYMENT-RESPONSE) content, and
// what a Settler reports.
type SettleResponse struct {
	Success     bool   `json:"success"`
	ErrorReason string `json:"errorReason,omitempty"`
	// ErrorMessage says, for a person, what went wrong (the facilitator's words).
	ErrorMessage string `json:"errorMessage,omitempty"`
	Payer        string `json:"payer,omitempty"`
	Transaction  string `json:"transaction"`
	Network      string `json:"network"`
	// Per-token settlements: Transaction moved the maximum into escrow;
	// Amount went to the provider in ChargeTransaction, Refund back to the
	// payer in RefundTransaction (an empty transaction: nothing to move).
	Amount            string `json:"amount,omitempty"`
	Tokens            int    `json:"tokens,omitempty"`
	ChargeTransaction string `json:"chargeTransaction,omitempty"`
	Refund            string `json:"refund,omitempty"`
	RefundTransaction string `json:"refundTransaction,omitempty"`
}

// EncodeHeader is base64(JSON(v)), the encoding of every x402 header.
func EncodeHeader(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// DecodePayment parses a PAYMENT-SIGNATURE (wantVersion 2) or X-PAYMENT
// (wantVersion 1) header. It never panics; errors say what is wrong.
func DecodePayment(header string, wantVersion int) (*PaymentPayload, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, errors.New("the payment header is empty")
	}
	if len(header) > MaxHeaderBytes {
		return nil, fmt.Errorf("the payment header is %d bytes, more than %d", len(header), MaxHeaderBytes)
	}
	raw, err := base64.StdEncoding.DecodeString(header)
	if err != nil {
		// Some clients send unpadded or URL-safe base64.
		var err2 error
		if raw, err2 = base64.RawURLEncoding.DecodeString(strings.TrimRight(header, "=")); err2 != nil {
			return nil, fmt.Errorf("the payment header is not base64: %w", err)
		}
	}
	var p PaymentPayload
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("the payment header is not a JSON payment payload: %w", err)
	}
	if p.X402Version != wantVersion {
		return nil, fmt.Errorf("x402Version is %d; this header carries version %d", p.X402Version, wantVersion)
	}
	switch wantVersion {
	case 2:
		if p.Accepted == nil {
			return nil, errors.New("a v2 payment must say which requirements it accepted (accepted)")
		}
	case 1:
		if p.Scheme == "" || p.Network == "" {
			return nil, errors.New("a v1 payment must name its scheme and network")
		}
	}
	return &p, nil
}

// SchemeName is the scheme the payment uses.
func (p *PaymentPayload) SchemeName() string {
	if p.Accepted != nil {
		return p.Accepted.Scheme
	}
	return p.Scheme
}

// NetworkName is the network the payment names (CAIP-2 for v2, a v1 name for v1).
func (p *PaymentPayload) NetworkName() string {
	if p.Accepted != nil {
		return p.Accepted.Network
	}
	return p.Network
}

// v1Networks are the v1 names of EVM networks, by chain id.
var v1Networks = map[int64]string{
	8453: "base", 84532: "base-sepolia", 43114: "avalanche", 43113: "avalanche-fuji",
	137: "polygon", 80002: "polygon-amoy", 1329: "sei", 1328: "sei-testnet",
}

// ChainID parses a network: a CAIP-2 "eip155:<id>" or a known v1 name.
func ChainID(network string) (*big.Int, error) {
	if id, ok := strings.CutPrefix(network, "eip155:"); ok {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("network %q: want eip155:<positive chain id>", network)
		}
		return big.NewInt(n), nil
	}
	for id, name := range v1Networks {
		if name == network {
			return big.NewInt(id), nil
		}
	}
	return nil, fmt.Errorf("network %q is neither eip155:<chain id> nor a known v1 network name", network)
}

// V1Name is the v1 name of a chain, if it has one.
func V1Name(chainID *big.Int) (string, bool) {
	if !chainID.IsInt64() {
		return "", false
	}
	name, ok := v1Networks[chainID.Int64()]
	return name, ok
}
