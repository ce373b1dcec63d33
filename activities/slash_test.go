package activities

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
)

func requireRejected(t *testing.T, err error, contains string) {
	t.Helper()
	require.ErrorContains(t, err, contains)
	var ae *temporal.ApplicationError
	require.True(t, errors.As(err, &ae), "an application error")
	require.True(t, ae.NonRetryable(), "not retried")
	require.Equal(t, ErrSlashRejected, ae.Type())
}

// Slash on the dev chain: a slash is sent once per evidence (a second call
// finds it used and sends nothing); requests the chain refuses (bad
// evidence, more than the stake, not the arbiter, no coalition) are
// non-retryable.
func TestSlashIsIdempotentPerEvidence(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	opts := chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second}
	op, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, opts)
	require.NoError(t, err)
	prov, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(1), log, opts)
	require.NoError(t, err)
	c := &Chain{Tx: op, Deployments: dev.Deployments, Log: log}
	co := bindings.NewCoalition()
	key := PoolKey("p")
	_, err = op.Send(ctx, dev.Deployments.Coalition, co.PackCreatePool(key, op.Address(), op.Address(), big.NewInt(10), 0, 5000), nil)
	require.NoError(t, err)
	_, err = prov.Send(ctx, dev.Deployments.ComputeUSD, bindings.NewComputeUSD().PackApprove(dev.Deployments.Coalition, big.NewInt(50)), nil)
	require.NoError(t, err)
	_, err = prov.Send(ctx, dev.Deployments.Coalition, co.PackStake(key, big.NewInt(50)), nil)
	require.NoError(t, err)

	ev := crypto.Keccak256Hash([]byte(`{"kind":"wrong_result"}`)).Hex()
	req := SlashRequest{Pool: "p", Provider: prov.Address().Hex(), Amount: "20", Evidence: ev, Harmed: dev.Accounts[2].Hex()}

	bad := req
	bad.Evidence = "0x1234"
	_, err = c.Slash(ctx, bad)
	requireRejected(t, err, "not a 32-byte hash")
	bad = req
	bad.Amount = "100"
	_, err = c.Slash(ctx, bad)
	requireRejected(t, err, "InsufficientStake")
	bad = req
	bad.Pool = "nope"
	_, err = c.Slash(ctx, bad)
	requireRejected(t, err, "UnknownPool")
	_, err = (&Chain{Tx: prov, Deployments: dev.Deployments, Log: log}).Slash(ctx, req)
	requireRejected(t, err, "NotArbiter")

	used, err := c.EvidenceUsed(ctx, "p", ev)
	require.NoError(t, err)
	require.False(t, used)
	before, err := chain.TokenBalance(ctx, dev.Client, dev.Deployments.ComputeUSD, dev.Accounts[2])
	require.NoError(t, err)
	res, err := c.Slash(ctx, req)
	require.NoError(t, err)
	require.False(t, res.AlreadySlashed)
	require.NotEmpty(t, res.TxHash)
	require.Equal(t, "30", res.Stake)
	res, err = c.Slash(ctx, req)
	require.NoError(t, err)
	require.True(t, res.AlreadySlashed, "the retry finds the evidence used")
	require.Empty(t, res.TxHash)
	require.Equal(t, "30", res.Stake, "slashed once")
	after, err := chain.TokenBalance(ctx, dev.Client, dev.Deployments.ComputeUSD, dev.Accounts[2])
	require.NoError(t, err)
	require.Equal(t, int64(10), new(big.Int).Sub(after, before).Int64(), "the harmed party got its half once")
	used, err = c.EvidenceUsed(ctx, "p", ev)
	require.NoError(t, err)
	require.True(t, used)
}

// failMember is the dev chain, except that reading a member's stake fails
// while failing is set.
type failMember struct {
	chain.Backend
	failing atomic.Bool
}

func (b *failMember) CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error) {
	sel := bindings.NewCoalition().PackMember([32]byte{}, common.Address{})[:4]
	if b.failing.Load() && bytes.HasPrefix(msg.Data, sel) {
		return nil, errors.New("connection reset")
	}
	return b.Backend.CallContract(ctx, msg, block)
}

// A slash that landed is a result with its transaction even when the stake
// read after it fails (no error, no retry that would lose TxHash).
func TestSlashStakeReadAfterIsBestEffort(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 2})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	opts := chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second}
	fb := &failMember{Backend: dev.Client}
	op, err := chain.NewTransactor(ctx, fb, dev.Signer(0), log, opts)
	require.NoError(t, err)
	prov, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(1), log, opts)
	require.NoError(t, err)
	c := &Chain{Tx: op, Deployments: dev.Deployments, Log: log}
	co := bindings.NewCoalition()
	key := PoolKey("p")
	_, err = op.Send(ctx, dev.Deployments.Coalition, co.PackCreatePool(key, op.Address(), op.Address(), big.NewInt(10), 0, 5000), nil)
	require.NoError(t, err)
	_, err = prov.Send(ctx, dev.Deployments.ComputeUSD, bindings.NewComputeUSD().PackApprove(dev.Deployments.Coalition, big.NewInt(50)), nil)
	require.NoError(t, err)
	_, err = prov.Send(ctx, dev.Deployments.Coalition, co.PackStake(key, big.NewInt(50)), nil)
	require.NoError(t, err)

	ev := crypto.Keccak256Hash([]byte(`{"kind":"missed_heartbeats"}`)).Hex()
	fb.failing.Store(true)
	res, err := c.Slash(ctx, SlashRequest{Pool: "p", Provider: prov.Address().Hex(), Amount: "20", Evidence: ev})
	require.NoError(t, err, "the slash landed")
	require.NotEmpty(t, res.TxHash)
	require.False(t, res.AlreadySlashed)
	require.Empty(t, res.Stake, "not read")
	used, err := c.EvidenceUsed(ctx, "p", ev)
	require.NoError(t, err)
	require.True(t, used)
}
