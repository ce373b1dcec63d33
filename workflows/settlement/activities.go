package settlement

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
)

// Activities settles payments from one facilitator account (Tx's signer
// pays the gas; the payer's signature moves the tokens).
type Activities struct {
	Tx  *chain.Transactor
	Log *zap.Logger
	// FromBlock bounds the log search for an earlier settlement's
	// transaction (the deployments' start block).
	FromBlock uint64
	// Now is the clock for the validity check (time.Now when nil).
	Now func() time.Time
	// domains caches each token's EIP-712 domain (immutable on our token):
	// one eth_call less on a settlement a paying client waits for.
	domains sync.Map // common.Address → chain.Domain
}

// domain returns the token's EIP-712 domain, read once.
func (a *Activities) domain(ctx context.Context, token common.Address) (chain.Domain, error) {
	if d, ok := a.domains.Load(token); ok {
		return d.(chain.Domain), nil
	}
	d, err := chain.ReadDomain(ctx, a.Tx.Backend(), token)
	if err != nil {
		return chain.Domain{}, err
	}
	a.domains.Store(token, d)
	return d, nil
}

// Parse turns the payment's strings into the chain types.
func (p Payment) Parse() (token common.Address, a chain.TransferAuthorization, sig []byte, err error) {
	bad := func(field string, e error) error { return fmt.Errorf("payment %s: bad %s: %w", p.Nonce, field, e) }
	for _, f := range []struct{ name, v string }{{"token", p.Token}, {"from", p.From}, {"to", p.To}} {
		if !common.IsHexAddress(f.v) {
			return token, a, nil, bad(f.name, fmt.Errorf("%q is not an address", f.v))
		}
	}
	token, a.From, a.To = common.HexToAddress(p.Token), common.HexToAddress(p.From), common.HexToAddress(p.To)
	nums := []struct {
		name string
		v    string
		dst  **big.Int
	}{{"value", p.Value, &a.Value}, {"validAfter", p.ValidAfter, &a.ValidAfter}, {"validBefore", p.ValidBefore, &a.ValidBefore}}
	for _, n := range nums {
		v, ok := new(big.Int).SetString(n.v, 10)
		if !ok || v.Sign() < 0 {
			return token, a, nil, bad(n.name, fmt.Errorf("%q is not a non-negative decimal", n.v))
		}
		*n.dst = v
	}
	nonce, err := hexutil.Decode(p.Nonce)
	if err != nil || len(nonce) != 32 {
		return token, a, nil, bad("nonce", fmt.Errorf("want 0x + 64 hex digits: %v", err))
	}
	a.Nonce = [32]byte(nonce)
	if sig, err = hexutil.Decode(p.Signature); err != nil || len(sig) != 65 {
		return token, a, nil, bad("signature", fmt.Errorf("want 0x + 130 hex digits: %v", err))
	}
	return token, a, sig, nil
}

// PaymentFrom builds a Payment from chain types (what a facilitator holds
// after verifying an x402 payload).
func PaymentFrom(network string, token common.Address, a chain.TransferAuthorization, sig []byte) Payment {
	str := func(b *big.Int) string {
		if b == nil {
			return "0"
		}
		return b.String()
	}
	return Payment{Network: network, Token: token.Hex(), From: a.From.Hex(), To: a.To.Hex(), Value: str(a.Value),
		ValidAfter: str(a.ValidAfter), ValidBefore: str(a.ValidBefore), Nonce: hexutil.Encode(a.Nonce[:]),
		Signature: hexutil.Encode(sig)}
}

// Settle submits the authorization unless the chain says its nonce is
// already used. The check comes first so that a retry after a worker died
// between sending and recording the result finds the earlier transaction
// instead of paying twice (the token would refuse the replay anyway; the
// check turns that into success and saves the gas).
func (a *Activities) Settle(ctx context.Context, p Payment) (Result, error) {
	token, auth, sig, err := p.Parse()
	if err != nil {
		return Result{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
	}
	if p.Escrowed && auth.To != a.Tx.Address() {
		err := fmt.Errorf("payment %s is to be escrowed by %s, but this worker's account is %s: not taking it", p.Nonce, auth.To.Hex(), a.Tx.Address().Hex())
		return Result{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
	}
	start := time.Now()
	log := a.Log.With(zap.String("nonce", p.Nonce), zap.String("from", p.From), zap.Int32("attempt", activity.GetInfo(ctx).Attempt))
	if res, done, err := a.alreadySettled(ctx, token, auth); err != nil || done {
		if done {
			res.FirstAttempt = activity.GetInfo(ctx).Attempt == 1
			log.Info("authorization already used on chain: settled earlier", zap.String("tx", res.TxHash), zap.Bool("firstAttempt", res.FirstAttempt))
		}
		return res, err
	}
	dom, err := a.domain(ctx, token)
	if err != nil {
		return Result{}, fmt.Errorf("settle %s: %w", p.Nonce, err)
	}
	now := time.Now
	if a.Now != nil {
		now = a.Now
	}
	if err := chain.VerifyTransferAuthorization(dom, auth, sig, now()); err != nil {
		err = fmt.Errorf("settle %s: %w", p.Nonce, err)
		return Result{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
	}
	r, err := chain.TransferWithAuthorization(ctx, a.Tx, token, auth, sig)
	if err != nil {
		switch chain.RevertName(err) {
		case "AuthorizationAlreadyUsed":
			// Another attempt won the race between our check and our send.
			if res, done, err2 := a.alreadySettled(ctx, token, auth); err2 == nil && done {
				return res, nil
			}
		case "AuthorizationExpired", "AuthorizationNotYetValid", "InvalidSignature", "ERC20InsufficientBalance":
			// Retrying the same call cannot succeed; a payer who is waiting
			// for an answer must hear so now, not after minutes of retries.
			return Result{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
		}
		return Result{}, fmt.Errorf("settle %s: %w", p.Nonce, err)
	}
	log.Info("settled", zap.String("tx", r.TxHash.Hex()), zap.Uint64("block", r.BlockNumber.Uint64()), zap.Duration("took", time.Since(start)))
	return Result{TxHash: r.TxHash.Hex(), Block: r.BlockNumber.Uint64()}, nil
}

// alreadySettled reports whether the nonce is used on chain and, if so, finds
// the AuthorizationUsed event's transaction. A nonce used by
// cancelAuthorization is a final failure: the payer withdrew the payment.
func (a *Activities) alreadySettled(ctx context.Context, token common.Address, auth chain.TransferAuthorization) (Result, bool, error) {
	b := a.Tx.Backend()
	used, err := chain.AuthorizationUsed(ctx, b, token, auth.From, auth.Nonce)
	if err != nil {
		return Result{}, false, fmt.Errorf("check nonce %x: %w", auth.Nonce, err)
	}
	if !used {
		return Result{}, false, nil
	}
	usd := bindings.NewComputeUSD()
	abi := usd.GetABI()
	q := ethereum.FilterQuery{
		FromBlock: new(big.Int).SetUint64(a.FromBlock),
		Addresses: []common.Address{token},
		Topics: [][]common.Hash{
			{abi.Events["AuthorizationUsed"].ID, abi.Events["AuthorizationCanceled"].ID},
			{common.BytesToHash(auth.From.Bytes())},
			{common.Hash(auth.Nonce)},
		},
	}
	logs, err := b.FilterLogs(ctx, q)
	if err != nil {
		return Result{}, false, fmt.Errorf("find the transaction that used nonce %x: %w", auth.Nonce, err)
	}
	for _, l := range logs {
		if l.Topics[0] == abi.Events["AuthorizationCanceled"].ID {
			err := fmt.Errorf("authorization %x was canceled by %s (tx %s)", auth.Nonce, auth.From, l.TxHash)
			return Result{}, false, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeCanceled, err)
		}
		return Result{TxHash: l.TxHash.Hex(), Block: l.BlockNumber, AlreadySettled: true}, true, nil
	}
	// Used but no event in range (FromBlock too high): still settled.
	return Result{AlreadySettled: true}, true, nil
}
