package facilitator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/computepool/computepool/api/x402"
)

// MaxRequestBytes bounds a /verify or /settle body; a payment is well under 4 KiB.
const MaxRequestBytes = 64 << 10

// Request is the body of POST /verify and POST /settle (DESIGN.md §4), in
// either protocol version: v2 requirements carry amount, v1 requirements
// maxAmountRequired.
type Request struct {
	X402Version         int                  `json:"x402Version"`
	PaymentPayload      *x402.PaymentPayload `json:"paymentPayload"`
	PaymentRequirements *Requirements        `json:"paymentRequirements"`
}

// Requirements are what the resource server asks for: x402.Requirements (v2)
// or x402.RequirementsV1 (v1) read into one struct. Fields the facilitator
// does not need (resource, description, mimeType, outputSchema) are ignored.
type Requirements struct {
	Scheme            string      `json:"scheme"`
	Network           string      `json:"network"`
	Amount            string      `json:"amount,omitempty"`
	MaxAmountRequired string      `json:"maxAmountRequired,omitempty"`
	Asset             string      `json:"asset"`
	PayTo             string      `json:"payTo"`
	MaxTimeoutSeconds int         `json:"maxTimeoutSeconds"`
	Extra             *x402.Extra `json:"extra,omitempty"`
}

// Price is the amount the requirements ask for, whichever version carried it.
func (r *Requirements) Price() string {
	if r.Amount != "" {
		return r.Amount
	}
	return r.MaxAmountRequired
}

// DecodeRequest reads a /verify or /settle body. It never panics; its errors
// say what to fix.
func DecodeRequest(r io.Reader) (*Request, error) {
	raw, err := io.ReadAll(io.LimitReader(r, MaxRequestBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the request body: %w", err)
	}
	if len(raw) > MaxRequestBytes {
		return nil, fmt.Errorf("the request body is larger than %d bytes", MaxRequestBytes)
	}
	var req Request
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("the body is not JSON {x402Version, paymentPayload, paymentRequirements}: %w", err)
	}
	if dec.More() {
		return nil, errors.New("the body has data after its JSON object")
	}
	switch {
	case req.X402Version != 1 && req.X402Version != 2:
		return nil, fmt.Errorf("x402Version is %d; this facilitator speaks 1 and 2", req.X402Version)
	case req.PaymentPayload == nil:
		return nil, errors.New("paymentPayload is missing")
	case req.PaymentRequirements == nil:
		return nil, errors.New("paymentRequirements is missing")
	case req.PaymentPayload.X402Version != req.X402Version:
		return nil, fmt.Errorf("paymentPayload.x402Version is %d, the request says %d", req.PaymentPayload.X402Version, req.X402Version)
	}
	p, reqs := req.PaymentPayload, req.PaymentRequirements
	if req.X402Version == 2 && p.Accepted == nil {
		return nil, errors.New("a v2 paymentPayload must carry the requirements it accepted (accepted)")
	}
	if req.X402Version == 1 && (p.Scheme == "" || p.Network == "") {
		return nil, errors.New("a v1 paymentPayload must name its scheme and network")
	}
	if reqs.Scheme == "" || reqs.Network == "" || reqs.Asset == "" || reqs.PayTo == "" || reqs.Price() == "" {
		return nil, errors.New("paymentRequirements needs scheme, network, asset, payTo and amount (v2) or maxAmountRequired (v1)")
	}
	if p.Payload.Signature == "" || p.Payload.Authorization.From == "" {
		return nil, errors.New("paymentPayload.payload needs a signature and an authorization (exact scheme, EIP-3009)")
	}
	return &req, nil
}
