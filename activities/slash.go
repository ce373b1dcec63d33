package activities

import (
	"context"
	"fmt"
	"math/big"
	"regexp"

	"github.com/ethereum/go-ethereum/common"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
)

// SlashRequest slashes Amount (base units) from Provider's stake in Pool's
// coalition for the fault whose recorded evidence hashes to Evidence
// (0x-prefixed keccak256, the contract's `evidence`). Harmed, when set,
// receives the pool's harmed share.
type SlashRequest struct {
	Pool     string `json:"pool"`
	Provider string `json:"provider"`
	Amount   string `json:"amount"`
	Evidence string `json:"evidence"`
	Harmed   string `json:"harmed,omitempty"`
}

// SlashResult is what the chain holds after the call.
type SlashResult struct {
	// AlreadySlashed: the evidence had been used on chain before this call
	// (an earlier attempt's transaction landed): nothing was sent.
	AlreadySlashed bool   `json:"alreadySlashed,omitempty"`
	TxHash         string `json:"txHash,omitempty"`
	// Stake and Pending of the provider after the slash (empty when the
	// read after a landed slash failed: best effort).
	Stake   string `json:"stake"`
	Pending string `json:"pending"`
}

// ErrSlashRejected prefixes the non-retryable failures of Slash (bad
// request, not the arbiter, not enough stake).
const ErrSlashRejected = "SlashRejected"

var hash32 = regexp.MustCompile(`^0x[0-9a-fA-F]{64}$`)

// Slash is idempotent per evidence: it reads the coalition's evidenceUsed
// first and sends nothing when an earlier attempt's transaction already
// landed (a worker that died after sending), and a concurrent attempt that
// lands first (revert EvidenceAlreadyUsed) counts as done. Failures that a
// retry cannot fix are non-retryable application errors of type
// ErrSlashRejected.
func (c *Chain) Slash(ctx context.Context, req SlashRequest) (SlashResult, error) {
	reject := func(format string, args ...any) (SlashResult, error) {
		msg := fmt.Sprintf("pool %q: slash %s: ", req.Pool, req.Provider) + fmt.Sprintf(format, args...)
		return SlashResult{}, temporal.NewNonRetryableApplicationError(msg, ErrSlashRejected, nil)
	}
	if !hash32.MatchString(req.Evidence) {
		return reject("evidence %q is not a 32-byte hash", req.Evidence)
	}
	if !common.IsHexAddress(req.Provider) {
		return reject("provider is not an address")
	}
	if req.Harmed != "" && !common.IsHexAddress(req.Harmed) {
		return reject("harmed %q is not an address", req.Harmed)
	}
	amount, ok := new(big.Int).SetString(req.Amount, 10)
	if !ok || amount.Sign() <= 0 {
		return reject("bad amount %q", req.Amount)
	}
	key, ev := PoolKey(req.Pool), common.HexToHash(req.Evidence)
	provider, harmed := common.HexToAddress(req.Provider), common.Address{}
	if req.Harmed != "" {
		harmed = common.HexToAddress(req.Harmed)
	}
	co := bindings.NewCoalition()
	addr := c.Deployments.Coalition
	used, err := c.evidenceUsed(ctx, key, ev)
	if err != nil {
		return SlashResult{}, fmt.Errorf("pool %q: %w", req.Pool, err)
	}
	res := SlashResult{AlreadySlashed: used}
	if !used {
		r, err := c.Tx.Send(ctx, addr, co.PackSlash(key, provider, amount, ev, harmed), nil)
		switch name := chain.RevertName(err); {
		case err == nil:
			res.TxHash = r.TxHash.Hex()
			c.Log.Info("provider slashed", zap.String("pool", req.Pool), zap.Stringer("provider", provider),
				zap.String("amount", amount.String()), zap.String("evidence", req.Evidence), zap.String("tx", res.TxHash))
		case name == "EvidenceAlreadyUsed":
			res.AlreadySlashed = true
		case name == "NotArbiter" || name == "InsufficientStake" || name == "UnknownPool" || name == "ZeroAmount":
			return reject("%v", err)
		default:
			return SlashResult{}, fmt.Errorf("pool %q: slash %s by %s for evidence %s: %w", req.Pool, provider, amount, req.Evidence, err)
		}
	}
	// The stake after is for the record only: the slash is on chain, and a
	// retry for a failed read would find the evidence used and lose TxHash.
	if err := c.readStake(ctx, key, provider, &res); err != nil {
		c.Log.Warn("slashed; stake after not read", zap.String("pool", req.Pool), zap.Stringer("provider", provider),
			zap.String("evidence", req.Evidence), zap.String("tx", res.TxHash), zap.Error(err))
	}
	return res, nil
}

func (c *Chain) readStake(ctx context.Context, key [32]byte, provider common.Address, res *SlashResult) error {
	co := bindings.NewCoalition()
	out, err := c.Tx.Call(ctx, c.Deployments.Coalition, co.PackMember(key, provider))
	if err != nil {
		return fmt.Errorf("read stake of %s: %w", provider, err)
	}
	m, err := co.UnpackMember(out)
	if err != nil {
		return fmt.Errorf("decode stake of %s: %w", provider, err)
	}
	res.Stake, res.Pending = m.Stake.String(), m.Pending.String()
	return nil
}

func (c *Chain) evidenceUsed(ctx context.Context, key, ev [32]byte) (bool, error) {
	co := bindings.NewCoalition()
	out, err := c.Tx.Call(ctx, c.Deployments.Coalition, co.PackEvidenceUsed(key, ev))
	if err != nil {
		return false, fmt.Errorf("read evidenceUsed(%x): %w", ev, err)
	}
	used, err := co.UnpackEvidenceUsed(out)
	if err != nil {
		return false, fmt.Errorf("decode evidenceUsed(%x): %w", ev, err)
	}
	return used, nil
}

// EvidenceUsed reports whether evidence (0x hash) has slashed in pool's
// coalition (for checks and tests).
func (c *Chain) EvidenceUsed(ctx context.Context, pool, evidence string) (bool, error) {
	return c.evidenceUsed(ctx, PoolKey(pool), common.HexToHash(evidence))
}
