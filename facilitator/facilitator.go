// Package facilitator is ComputePool's x402 facilitator (DESIGN.md §4): it
// verifies "exact" EIP-3009 payments for resource servers and settles them by
// relaying transferWithAuthorization to the token with its own key, which pays
// the gas. Each authorization is sent at most once: a settle claims the
// authorization's nonce in this process before anything is sent (concurrent
// settles of one payment share one transaction and its result), and reads the
// token's authorizationState first, so a facilitator restarted after a crash
// never relays a payment that already landed.
package facilitator

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
)

// Reasons this package adds to x402's vocabulary (the names @x402/evm 2.27.0's
// own facilitator uses); payload checks report api/x402's reasons.
const (
	ReasonTokenName           = "invalid_exact_evm_token_name_mismatch"
	ReasonTokenVersion        = "invalid_exact_evm_token_version_mismatch"
	ReasonInsufficientBalance = "invalid_exact_evm_insufficient_balance"
	ReasonTransactionFailed   = "invalid_exact_evm_transaction_failed"
	ReasonUnexpectedVerify    = "unexpected_verify_error"
	ReasonUnexpectedSettle    = "unexpected_settle_error"
)

// VerifyResponse is POST /verify's answer.
type VerifyResponse struct {
	IsValid        bool   `json:"isValid"`
	InvalidReason  string `json:"invalidReason,omitempty"`
	InvalidMessage string `json:"invalidMessage,omitempty"`
	Payer          string `json:"payer,omitempty"`
}

// SettleResponse is POST /settle's answer. Transaction is the hash of the
// transferWithAuthorization transaction ("" when none was mined).
type SettleResponse struct {
	Success      bool   `json:"success"`
	ErrorReason  string `json:"errorReason,omitempty"`
	ErrorMessage string `json:"errorMessage,omitempty"`
	Payer        string `json:"payer,omitempty"`
	Transaction  string `json:"transaction"`
	Network      string `json:"network"`
}

// Failure is why a payment is refused. Internal marks the facilitator's own
// trouble (the node unreachable), not the payment's.
type Failure struct {
	Reason   string
	Message  string
	Internal bool
}

func (f *Failure) Error() string { return f.Reason + ": " + f.Message }

func fail(reason, format string, args ...any) *Failure {
	return &Failure{Reason: reason, Message: fmt.Sprintf(format, args...)}
}

// Config wires a Facilitator.
type Config struct {
	// Transactor sends the relayed transactions from the facilitator's account
	// (its key stays in the chain package's Signer); its backend is also where
	// balances and authorization states are read.
	Transactor *chain.Transactor
	// Tokens are the EIP-3009 tokens accepted; New reads each one's EIP-712
	// domain from the chain.
	Tokens []common.Address
	Log    *zap.Logger
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// SettleTimeout bounds one settlement once its transaction may be sent
	// (default 2 min). It runs to the end even when the caller goes away, so
	// a result is always recorded for a payment that moved money.
	SettleTimeout time.Duration
}

// Facilitator verifies and settles x402 exact payments on one chain.
type Facilitator struct {
	tr      *chain.Transactor
	backend chain.Backend
	chainID *big.Int
	network string // eip155:<chain id>
	tokens  map[common.Address]chain.Domain
	log     *zap.Logger
	now     func() time.Time
	timeout time.Duration

	mu     sync.Mutex
	claims map[claimKey]*claim
}

// claimKey names an authorization: EIP-3009 nonces are per token and payer.
type claimKey struct {
	token, from common.Address
	nonce       [32]byte
}

// claim is one authorization being (or having been) settled here.
type claim struct {
	digest      common.Hash // of the signed payload, so a different one with the same nonce is told apart
	validBefore time.Time
	done        chan struct{}
	res         *SettleResponse // set before done closes
}

// New reads the tokens' EIP-712 domains and returns a facilitator.
func New(ctx context.Context, cfg Config) (*Facilitator, error) {
	if cfg.Transactor == nil {
		return nil, errors.New("facilitator: a Transactor (the relayer account) is required")
	}
	if len(cfg.Tokens) == 0 {
		return nil, errors.New("facilitator: at least one EIP-3009 token is required")
	}
	if cfg.Log == nil {
		cfg.Log = zap.NewNop()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.SettleTimeout <= 0 {
		cfg.SettleTimeout = 2 * time.Minute
	}
	f := &Facilitator{tr: cfg.Transactor, backend: cfg.Transactor.Backend(), chainID: cfg.Transactor.ChainID(),
		tokens: map[common.Address]chain.Domain{}, log: cfg.Log, now: cfg.Now, timeout: cfg.SettleTimeout,
		claims: map[claimKey]*claim{}}
	f.network = fmt.Sprintf("eip155:%s", f.chainID)
	for _, t := range cfg.Tokens {
		d, err := chain.ReadDomain(ctx, f.backend, t)
		if err != nil {
			return nil, fmt.Errorf("facilitator: token %s: %w", t, err)
		}
		if d.ChainID.Cmp(f.chainID) != 0 || d.VerifyingContract != t {
			return nil, fmt.Errorf("facilitator: token %s reports the EIP-712 domain of chain %s, contract %s", t, d.ChainID, d.VerifyingContract)
		}
		f.tokens[t] = d
	}
	return f, nil
}

// Network is the CAIP-2 id of the chain the facilitator settles on.
func (f *Facilitator) Network() string { return f.network }

// Relayer is the account that sends settlements and pays their gas.
func (f *Facilitator) Relayer() common.Address { return f.tr.Address() }

// Verify checks a payment without moving anything: the payload against the
// requirements (scheme, chain, token and its domain, recipient, amount, time
// window, the payer's signature), then the chain (nonce unused, balance).
func (f *Facilitator) Verify(ctx context.Context, req *Request) *VerifyResponse {
	pay, failure := f.checkPayload(req)
	if failure == nil {
		failure = f.checkChain(ctx, pay)
	}
	if failure != nil {
		resp := &VerifyResponse{InvalidReason: failure.Reason, InvalidMessage: failure.Message}
		if pay != nil {
			resp.Payer = pay.From.Hex()
		}
		return resp
	}
	return &VerifyResponse{IsValid: true, Payer: pay.From.Hex()}
}

// checkPayload is everything that needs no chain access.
func (f *Facilitator) checkPayload(req *Request) (*x402.Payment, *Failure) {
	r := req.PaymentRequirements
	id, err := x402.ChainID(r.Network)
	if err != nil {
		return nil, fail(x402.ReasonNetwork, "paymentRequirements: %v", err)
	}
	if id.Cmp(f.chainID) != 0 {
		return nil, fail(x402.ReasonNetwork, "paymentRequirements are for chain %s; this facilitator settles on %s", id, f.network)
	}
	if r.Scheme != x402.SchemeExact {
		return nil, fail(x402.ReasonScheme, "scheme %q: this facilitator settles %q", r.Scheme, x402.SchemeExact)
	}
	if !common.IsHexAddress(r.Asset) || !common.IsHexAddress(r.PayTo) {
		return nil, fail(x402.ReasonInvalidPayload, "paymentRequirements: asset and payTo must be 0x addresses")
	}
	asset := common.HexToAddress(r.Asset)
	dom, ok := f.tokens[asset]
	if !ok {
		return nil, fail(x402.ReasonAsset, "asset %s is not a token this facilitator settles (it settles %s)", asset.Hex(), f.tokenList())
	}
	if r.Extra != nil && r.Extra.Name != "" && r.Extra.Name != dom.Name {
		return nil, fail(ReasonTokenName, "extra.name is %q; token %s's EIP-712 name is %q", r.Extra.Name, asset.Hex(), dom.Name)
	}
	if r.Extra != nil && r.Extra.Version != "" && r.Extra.Version != dom.Version {
		return nil, fail(ReasonTokenVersion, "extra.version is %q; token %s's EIP-712 version is %q", r.Extra.Version, asset.Hex(), dom.Version)
	}
	amount, ok := new(big.Int).SetString(r.Price(), 10)
	if !ok || amount.Sign() <= 0 {
		return nil, fail(x402.ReasonInvalidPayload, "paymentRequirements amount %q: want a positive decimal integer in base units", r.Price())
	}
	offer := x402.Offer{Network: f.network, Asset: asset, TokenName: dom.Name, TokenVersion: dom.Version,
		PayTo: common.HexToAddress(r.PayTo), Amount: amount}
	pay, verr := x402.Verify(req.PaymentPayload, &offer, f.now())
	if verr != nil {
		return nil, &Failure{Reason: verr.Reason, Message: verr.Detail}
	}
	// The token checks validAfter strictly (block time > validAfter).
	if pay.ValidAfter.Cmp(big.NewInt(f.now().Unix())) >= 0 {
		return pay, fail(x402.ReasonValidAfter, "the authorization is valid only after %s (now %d)", pay.ValidAfter, f.now().Unix())
	}
	return pay, nil
}

func (f *Facilitator) tokenList() string {
	s := ""
	for t := range f.tokens {
		if s != "" {
			s += ", "
		}
		s += t.Hex()
	}
	return s
}

// checkChain reads what only the chain knows: whether the nonce was used and
// whether the payer holds the amount.
func (f *Facilitator) checkChain(ctx context.Context, pay *x402.Payment) *Failure {
	used, err := chain.AuthorizationUsed(ctx, f.backend, pay.Asset, pay.From, pay.Nonce)
	if err != nil {
		return &Failure{Reason: ReasonUnexpectedVerify, Message: err.Error(), Internal: true}
	}
	if used {
		return fail(x402.ReasonNonceUsed, "authorization nonce %x of %s was already used on chain; sign a new one", pay.Nonce, pay.From.Hex())
	}
	bal, err := chain.TokenBalance(ctx, f.backend, pay.Asset, pay.From)
	if err != nil {
		return &Failure{Reason: ReasonUnexpectedVerify, Message: err.Error(), Internal: true}
	}
	if bal.Cmp(pay.Value) < 0 {
		return fail(ReasonInsufficientBalance, "payer %s holds %s of token %s, the payment is %s", pay.From.Hex(), bal, pay.Asset.Hex(), pay.Value)
	}
	return nil
}

// Settle verifies a payment and relays its transferWithAuthorization, once.
func (f *Facilitator) Settle(ctx context.Context, req *Request) *SettleResponse {
	network := req.PaymentRequirements.Network
	pay, failure := f.checkPayload(req)
	if failure != nil {
		return failed(failure, pay, network)
	}
	key := claimKey{token: pay.Asset, from: pay.From, nonce: pay.Nonce}
	digest := payloadDigest(pay)
	c, state := f.claim(key, digest, time.Unix(pay.ValidBefore.Int64(), 0))
	switch state {
	case claimTaken:
		return failed(fail(x402.ReasonNonceUsed, "another authorization with nonce %x of %s is being settled or was settled here", pay.Nonce, pay.From.Hex()), pay, network)
	case claimSettled:
		// Not the earlier success again: a payment replayed to another (or a
		// restarted) resource server would be served twice for one transfer.
		res := failed(fail(x402.ReasonNonceUsed, "this authorization was already settled in transaction %s; sign a new one", c.res.Transaction), pay, network)
		res.Transaction = c.res.Transaction
		return res
	case claimRunning:
		select {
		case <-c.done:
			res := *c.res
			return &res
		case <-ctx.Done():
			return failed(&Failure{Reason: ReasonUnexpectedSettle, Message: "the request ended while the same payment was being settled: " + ctx.Err().Error(), Internal: true}, pay, network)
		}
	}
	// Once a transaction may be sent, the settlement runs to its end even if
	// the caller leaves, so its outcome is recorded for the waiting copies.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), f.timeout)
	defer cancel()
	res := f.settle(sctx, pay, network)
	f.finish(key, c, res)
	return res
}

func (f *Facilitator) settle(ctx context.Context, pay *x402.Payment, network string) *SettleResponse {
	if failure := f.checkChain(ctx, pay); failure != nil {
		if failure.Internal {
			failure.Reason = ReasonUnexpectedSettle
		}
		return failed(failure, pay, network)
	}
	auth := chain.TransferAuthorization{From: pay.From, To: pay.To, Value: pay.Value, ValidAfter: pay.ValidAfter,
		ValidBefore: pay.ValidBefore, Nonce: pay.Nonce}
	start := time.Now()
	r, err := chain.TransferWithAuthorization(ctx, f.tr, pay.Asset, auth, pay.Signature)
	if err != nil {
		failure := sendFailure(err)
		if failure.Internal {
			// Sent but not seen mined (a receipt wait that timed out, the node
			// gone mid-wait)? Then the payment may have landed: look.
			if tx, ok := f.landed(ctx, pay); ok {
				f.log.Warn("settled, though waiting for the receipt failed", zap.String("payer", pay.From.Hex()), zap.Stringer("tx", tx), zap.Error(err))
				return &SettleResponse{Success: true, Payer: pay.From.Hex(), Transaction: tx.Hex(), Network: network}
			}
		}
		res := failed(failure, pay, network)
		if r != nil {
			res.Transaction = r.TxHash.Hex()
		}
		f.log.Warn("settlement failed", zap.String("payer", pay.From.Hex()), zap.String("reason", res.ErrorReason), zap.Error(err))
		return res
	}
	f.log.Info("settled", zap.String("payer", pay.From.Hex()), zap.String("payTo", pay.To.Hex()), zap.Stringer("value", pay.Value),
		zap.Stringer("tx", r.TxHash), zap.Duration("took", time.Since(start)))
	return &SettleResponse{Success: true, Payer: pay.From.Hex(), Transaction: r.TxHash.Hex(), Network: network}
}

// LandedWait is how long a settlement whose transaction may have been sent
// without its receipt being seen is watched for, on chain, before it is
// reported failed.
var LandedWait = 10 * time.Second

// landedBlocks is how far back landed looks for the authorization's log
// (public RPCs bound log queries).
const landedBlocks = 1000

// landed reports the transaction that used the payment's authorization, if
// one did within LandedWait: the token's AuthorizationUsed(payer, nonce) log
// in a transaction that moved the value to the payee.
func (f *Facilitator) landed(ctx context.Context, pay *x402.Payment) (common.Hash, bool) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), LandedWait)
	defer cancel()
	usd := bindings.NewComputeUSD()
	used, transfer := usd.GetABI().Events["AuthorizationUsed"].ID, usd.GetABI().Events["Transfer"].ID
	for {
		if ok, err := chain.AuthorizationUsed(ctx, f.backend, pay.Asset, pay.From, pay.Nonce); err == nil && ok {
			head, err := f.backend.BlockNumber(ctx)
			if err != nil {
				return common.Hash{}, false
			}
			from := new(big.Int).SetUint64(head - min(head, landedBlocks))
			logs, err := f.backend.FilterLogs(ctx, ethereum.FilterQuery{FromBlock: from, Addresses: []common.Address{pay.Asset},
				Topics: [][]common.Hash{{used}, {common.BytesToHash(pay.From[:])}, {common.Hash(pay.Nonce)}}})
			if err != nil || len(logs) == 0 {
				return common.Hash{}, false
			}
			r, err := f.backend.TransactionReceipt(ctx, logs[0].TxHash)
			if err != nil {
				return common.Hash{}, false
			}
			for _, l := range r.Logs {
				if l.Address == pay.Asset && len(l.Topics) == 3 && l.Topics[0] == transfer &&
					l.Topics[1] == common.BytesToHash(pay.From[:]) && l.Topics[2] == common.BytesToHash(pay.To[:]) &&
					new(big.Int).SetBytes(l.Data).Cmp(pay.Value) == 0 {
					return r.TxHash, true
				}
			}
			return common.Hash{}, false
		}
		select {
		case <-ctx.Done():
			return common.Hash{}, false
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// sendFailure names a failed transferWithAuthorization by the token's revert.
func sendFailure(err error) *Failure {
	switch chain.RevertName(err) {
	case "AuthorizationAlreadyUsed":
		return fail(x402.ReasonNonceUsed, "%v", err)
	case "AuthorizationExpired":
		return fail(x402.ReasonValidBefore, "%v", err)
	case "AuthorizationNotYetValid":
		return fail(x402.ReasonValidAfter, "%v", err)
	case "InvalidSignature":
		return fail(x402.ReasonSignature, "%v", err)
	case "ERC20InsufficientBalance":
		return fail(ReasonInsufficientBalance, "%v", err)
	case "":
		return &Failure{Reason: ReasonUnexpectedSettle, Message: err.Error(), Internal: true}
	}
	return fail(ReasonTransactionFailed, "%v", err)
}

func failed(f *Failure, pay *x402.Payment, network string) *SettleResponse {
	res := &SettleResponse{ErrorReason: f.Reason, ErrorMessage: f.Message, Network: network}
	if pay != nil {
		res.Payer = pay.From.Hex()
	}
	return res
}

// payloadDigest identifies the exact signed authorization.
func payloadDigest(p *x402.Payment) common.Hash {
	return crypto.Keccak256Hash(p.Asset[:], p.From[:], p.To[:], common.BigToHash(p.Value).Bytes(),
		common.BigToHash(p.ValidAfter).Bytes(), common.BigToHash(p.ValidBefore).Bytes(), p.Nonce[:], p.Signature)
}

// What claim found.
const (
	claimFirst   = iota // the caller settles
	claimRunning        // the same payment is being settled: wait for its result
	claimSettled        // the same payment was settled here
	claimTaken          // a different authorization holds the nonce
)

// claim records that key is being settled, or says who already holds it.
func (f *Facilitator) claim(key claimKey, digest common.Hash, validBefore time.Time) (*claim, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c, ok := f.claims[key]; ok {
		switch {
		case c.digest != digest:
			return c, claimTaken
		case c.res != nil:
			return c, claimSettled
		}
		return c, claimRunning
	}
	if len(f.claims) >= 1024 {
		f.prune()
	}
	c := &claim{digest: digest, validBefore: validBefore, done: make(chan struct{})}
	f.claims[key] = c
	return c, claimFirst
}

// finish publishes a claim's result. A settlement that moved nothing is
// forgotten, so the payer may retry it (after funding the account, say); a
// successful one is kept until its authorization expires.
func (f *Facilitator) finish(key claimKey, c *claim, res *SettleResponse) {
	f.mu.Lock()
	defer f.mu.Unlock()
	c.res = res
	close(c.done)
	if !res.Success {
		delete(f.claims, key)
	}
}

// prune drops finished claims whose authorizations expired (the chain
// refuses them anyway). f.mu is held.
func (f *Facilitator) prune() {
	now := f.now()
	for k, c := range f.claims {
		select {
		case <-c.done:
			if now.After(c.validBefore) {
				delete(f.claims, k)
			}
		default:
		}
	}
}
