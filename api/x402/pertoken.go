package x402

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"sync"

	"github.com/ethereum/go-ethereum/common"
)

// Per-token billing. EIP-3009 signs an exact value, so an `exact` payment
// cannot say "up to": the x402 `upto` scheme does that with Permit2, which
// our chains do not have. Instead the payer signs an ordinary exact payment
// of the request's maximum (max_tokens × price per token) to an escrow; the
// settlement workflow takes it, pays the provider tokens × price and refunds
// the rest, all in one settlement. Every exact-scheme client can pay it.

func (o *Offer) validatePerToken() error {
	switch {
	case o.PricePerToken.Sign() <= 0:
		return errors.New("x402 offer: the price per token must be positive")
	case o.Provider == (common.Address{}):
		return errors.New("x402 offer: a per-token offer needs the provider who is paid from escrow")
	case o.DefaultMaxTokens <= 0:
		return errors.New("x402 offer: a per-token offer needs a positive default max_tokens")
	}
	return nil
}

// PerToken reports whether the offer bills per generated token.
func (o *Offer) PerToken() bool { return o.PricePerToken != nil }

func (o *Offer) extra() *Extra {
	e := &Extra{Name: o.TokenName, Version: o.TokenVersion}
	if o.PerToken() && o.Amount != nil {
		e.PricePerToken = o.PricePerToken.String()
		e.MaxTokens = o.maxTokens()
	}
	return e
}

// maxTokensBytes bounds the body read to find max_tokens (the API's own
// limit is larger; a body past this one is priced at the default).
const maxTokensBytes = 1 << 20

// MaxRequestTokens is the largest max_tokens a per-token request may ask
// for: a larger one is refused (400) rather than priced at something other
// than what would be generated.
const MaxRequestTokens = 1 << 30

// TooManyTokensError is a per-token request's max_tokens out of range: the
// middleware answers it with 400, as OpenAI does, before any payment.
type TooManyTokensError struct {
	Param string
	Value int64
}

func (e *TooManyTokensError) Error() string {
	return fmt.Sprintf("%s is %d; at most %d", e.Param, e.Value, MaxRequestTokens)
}

// forRequest is the offer for one request: a per-token offer's amount is
// the request's max_tokens (or the default) × the price. The body is read
// and put back for the handler; a body that cannot be read is priced at
// the default and left for the handler to refuse (refused answers are free).
// A max_tokens above MaxRequestTokens is an error: it cannot be priced as
// generated.
func (o *Offer) forRequest(r *http.Request) (Offer, error) {
	out := *o
	if !o.PerToken() {
		return out, nil
	}
	maxTokens := o.DefaultMaxTokens
	n, err := requestMaxTokens(r)
	if err != nil {
		return out, err
	}
	if n > 0 {
		maxTokens = n
	}
	out.Amount = new(big.Int).Mul(o.PricePerToken, big.NewInt(int64(maxTokens)))
	return out, nil
}

// requestMaxTokens reads max_tokens (OpenAI), max_completion_tokens or
// maxTokens (the REST mapping) from a JSON body, restoring the body: the
// first positive one, or 0. Any of them above MaxRequestTokens is an error.
func requestMaxTokens(r *http.Request) (int, error) {
	if r.Body == nil {
		return 0, nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxTokensBytes+1))
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), r.Body))
	if err != nil || len(b) > maxTokensBytes {
		return 0, nil
	}
	var v struct {
		MaxTokens           *int64 `json:"max_tokens"`
		MaxCompletionTokens *int64 `json:"max_completion_tokens"`
		MaxTokensCamel      *int64 `json:"maxTokens"`
	}
	if json.Unmarshal(b, &v) != nil {
		return 0, nil
	}
	found := 0
	for _, f := range []struct {
		name string
		n    *int64
	}{{"max_tokens", v.MaxTokens}, {"max_completion_tokens", v.MaxCompletionTokens}, {"maxTokens", v.MaxTokensCamel}} {
		switch {
		case f.n == nil || *f.n <= 0:
		case *f.n > MaxRequestTokens:
			return 0, &TooManyTokensError{Param: f.name, Value: *f.n}
		case found == 0:
			found = int(*f.n)
		}
	}
	return found, nil
}

// Meter counts the tokens a paid request generated: the middleware puts
// one in the request's context, the generation reports into it.
type Meter struct {
	once   sync.Once
	done   chan struct{}
	tokens int
}

func newMeter() *Meter { return &Meter{done: make(chan struct{})} }

type meterKey struct{}

func withMeter(ctx context.Context, m *Meter) context.Context {
	return context.WithValue(ctx, meterKey{}, m)
}

// WithMeter carries a request's meter into another context (the API hands it
// across its in-process REST→gRPC hop).
func WithMeter(ctx context.Context, m *Meter) context.Context { return withMeter(ctx, m) }

// MeterFrom is the per-token meter of a paid request, or nil.
func MeterFrom(ctx context.Context) *Meter {
	m, _ := ctx.Value(meterKey{}).(*Meter)
	return m
}

// ReportTokens records how many tokens the request's generation produced,
// once, when it ends (however it ends). A request that is not billed per
// token carries no meter and this does nothing.
func ReportTokens(ctx context.Context, tokens int) {
	if m := MeterFrom(ctx); m != nil {
		m.once.Do(func() {
			m.tokens = tokens
			close(m.done)
		})
	}
}

// reported returns the count once it is in, or false.
func (m *Meter) reported() (int, bool) {
	select {
	case <-m.done:
		return m.tokens, true
	default:
		return 0, false
	}
}

// charge is what a per-token payment owes for tokens: tokens × price,
// never more than the authorized value.
func charge(o *Offer, value *big.Int, tokens int) *big.Int {
	c := new(big.Int).Mul(o.PricePerToken, big.NewInt(int64(tokens)))
	if c.Cmp(value) > 0 {
		return new(big.Int).Set(value)
	}
	return c
}

// String says what a per-token payment was charged, for logs.
func (p *Payment) String() string {
	if p.Charge == nil {
		return fmt.Sprintf("%s pays %s", p.From.Hex(), p.Value)
	}
	return fmt.Sprintf("%s pays %s of %s for %d tokens", p.From.Hex(), p.Charge, p.Value, p.Tokens)
}

// maxTokens is how many tokens the offer's amount pays for.
func (o *Offer) maxTokens() int {
	return int(new(big.Int).Div(o.Amount, o.PricePerToken).Int64())
}
