package x402

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// FacilitatorClient settles payments through an x402 facilitator's
// POST /settle (DESIGN.md §4): ours (`computepool facilitator`, default
// http://127.0.0.1:4021) relays transferWithAuthorization with its own key.
type FacilitatorClient struct {
	URL    string
	Client *http.Client // nil = http.DefaultClient
}

// DefaultFacilitatorURL is where `computepool facilitator` listens (DESIGN.md §9).
const DefaultFacilitatorURL = "http://127.0.0.1:4021"

// facilitatorRequest is /verify's and /settle's body.
type facilitatorRequest struct {
	X402Version         int             `json:"x402Version"`
	PaymentPayload      *PaymentPayload `json:"paymentPayload"`
	PaymentRequirements any             `json:"paymentRequirements"`
}

// Settle implements Settler.
func (f *FacilitatorClient) Settle(ctx context.Context, p *Payment) (*SettleResponse, error) {
	if p.Charge != nil {
		return nil, errors.New("per-token payments are escrowed and divided by the settlement workflow, not the facilitator (run the API with --temporal)")
	}
	var reqs any
	if p.Payload.Accepted != nil {
		reqs = p.Payload.Accepted
	} else {
		reqs = RequirementsV1{Scheme: SchemeExact, Network: p.Payload.Network, MaxAmountRequired: p.Value.String(),
			PayTo: p.To.Hex(), Asset: p.Asset.Hex(), Extra: &Extra{Name: p.TokenName, Version: p.TokenVer}}
	}
	body, err := json.Marshal(facilitatorRequest{X402Version: p.Version, PaymentPayload: p.Payload, PaymentRequirements: reqs})
	if err != nil {
		return nil, err
	}
	url := strings.TrimRight(f.URL, "/") + "/settle"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("facilitator %s: %w", url, err)
	}
	req.Header.Set("Content-Type", "application/json")
	c := f.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, fmt.Errorf("facilitator %s: %w", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("facilitator %s: reading the answer: %w", url, err)
	}
	var sr SettleResponse
	if err := json.Unmarshal(b, &sr); err != nil {
		return nil, fmt.Errorf("facilitator %s answered %s with %q, not a settle response", url, resp.Status, truncate(b, 200))
	}
	if resp.StatusCode != http.StatusOK && sr.ErrorReason == "" {
		sr.ErrorReason = resp.Status
	}
	if resp.StatusCode != http.StatusOK {
		sr.Success = false
	}
	return &sr, nil
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}
