package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/rpc"
	"go.uber.org/zap"
)

// Backend is what the package needs from a node: *ethclient.Client and the
// simulated backend's client both satisfy it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
	ChainID(ctx context.Context) (*big.Int, error)
	BlockNumber(ctx context.Context) (uint64, error)
}

// TransactorOptions tune sending and waiting; zero values take the defaults.
type TransactorOptions struct {
	// ExpectChainID, when non-zero, is checked against the node before anything is sent.
	ExpectChainID uint64
	// PollInterval between receipt queries once a transaction has waited a
	// while (default 20 ms; bind.WaitMined polls once a second).
	PollInterval time.Duration
	// FirstPoll is the wait before the second receipt query (default 1 ms;
	// the first is at once); each wait after it is 1.5× longer, up to
	// PollInterval. A dev chain mines a few milliseconds after the send, so
	// a fixed 20 ms poll made a paying client wait up to 20 ms for a block
	// that was already there; on a chain with seconds between blocks the
	// few extra queries of the first ~30 ms cost nothing.
	FirstPoll time.Duration
	// Timeout for one transaction to be mined (default 2 min).
	Timeout time.Duration
	// Confirmations: blocks on top of the including one before a receipt
	// counts (reorg safety on public chains; 0 or 1 = included).
	Confirmations uint64
	// ProgressEvery: how often a progress line is logged while waiting (default 5 s).
	ProgressEvery time.Duration
	// AfterSend runs after each transaction is handed to the node. Tests on
	// the simulated backend (which mines only on Commit) commit a block here.
	AfterSend func()
}

// Transactor sends transactions from one Signer's account. Send is safe for
// concurrent use: nonces are assigned under a lock, in order, and receipts
// are awaited concurrently.
type Transactor struct {
	backend Backend
	signer  Signer
	chainID *big.Int
	log     *zap.Logger
	opts    TransactorOptions

	mu         sync.Mutex
	nonce      uint64
	nonceKnown bool
}

// NewTransactor reads the node's chain id (and checks it against
// opts.ExpectChainID) so that no transaction is signed for the wrong chain.
func NewTransactor(ctx context.Context, backend Backend, signer Signer, log *zap.Logger, opts TransactorOptions) (*Transactor, error) {
	id, err := backend.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("read chain id from node: %w", err)
	}
	if opts.ExpectChainID != 0 && id.Uint64() != opts.ExpectChainID {
		return nil, fmt.Errorf("node reports chain id %d, the network profile expects %d: wrong RPC URL?", id, opts.ExpectChainID)
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 20 * time.Millisecond
	}
	if opts.FirstPoll <= 0 || opts.FirstPoll > opts.PollInterval {
		opts.FirstPoll = min(time.Millisecond, opts.PollInterval)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 2 * time.Minute
	}
	if opts.ProgressEvery <= 0 {
		opts.ProgressEvery = 5 * time.Second
	}
	return &Transactor{backend: backend, signer: signer, chainID: id, log: log, opts: opts}, nil
}

func (t *Transactor) Address() common.Address { return t.signer.Address() }
func (t *Transactor) ChainID() *big.Int       { return new(big.Int).Set(t.chainID) }
func (t *Transactor) Backend() Backend        { return t.backend }
func (t *Transactor) Signer() Signer          { return t.signer }

// Send sends a call to `to` with value (nil = 0) and waits for its receipt.
// A revert, in estimation or on chain, comes back as a *RevertError.
func (t *Transactor) Send(ctx context.Context, to common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	return t.send(ctx, &to, data, value)
}

// Deploy creates a contract from bytecode followed by its packed constructor arguments.
func (t *Transactor) Deploy(ctx context.Context, bytecode, ctorArgs []byte) (common.Address, *types.Receipt, error) {
	data := append(append([]byte{}, bytecode...), ctorArgs...)
	r, err := t.send(ctx, nil, data, nil)
	if err != nil {
		return common.Address{}, nil, err
	}
	return r.ContractAddress, r, nil
}

// Call runs a read-only call from this account at the latest block.
func (t *Transactor) Call(ctx context.Context, to common.Address, data []byte) ([]byte, error) {
	return call(ctx, t.backend, t.signer.Address(), to, data)
}

func call(ctx context.Context, b bind.ContractCaller, from, to common.Address, data []byte) ([]byte, error) {
	out, err := b.CallContract(ctx, ethereum.CallMsg{From: from, To: &to, Data: data}, nil)
	if err != nil {
		return nil, fmt.Errorf("call %s: %w", to, decodeCallError(err))
	}
	return out, nil
}

func (t *Transactor) send(ctx context.Context, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	if value == nil {
		value = new(big.Int)
	}
	target := "contract creation"
	if to != nil {
		target = to.Hex()
	}
	from := t.signer.Address()
	start := time.Now()
	inner, err := t.estimateAndPrice(ctx, from, target, to, data, value)
	if err != nil {
		return nil, err
	}
	priced := time.Now()
	tx, err := t.signAndSend(ctx, inner)
	if err != nil {
		return nil, fmt.Errorf("send transaction to %s from %s: %w", target, from, err)
	}
	sent := time.Now()
	if t.opts.AfterSend != nil {
		t.opts.AfterSend()
	}
	r, err := t.WaitMined(ctx, tx.Hash())
	if err != nil {
		return nil, err
	}
	// Where a paid request's settlement time goes (bench x402 shows it at
	// debug level): estimate and fees; sign and send; the receipt.
	t.log.Debug("transaction mined", zap.Stringer("tx", tx.Hash()), zap.Duration("prepare", priced.Sub(start)), zap.Duration("send", sent.Sub(priced)),
		zap.Duration("mined", time.Since(sent)))
	if r.Status != types.ReceiptStatusSuccessful {
		return r, fmt.Errorf("transaction %s to %s reverted in block %d: %w", tx.Hash(), target, r.BlockNumber, t.replayRevert(ctx, to, data, value, r))
	}
	return r, nil
}

// estimateAndPrice estimates the gas (with a margin) and prices the
// transaction.
func (t *Transactor) estimateAndPrice(ctx context.Context, from common.Address, target string, to *common.Address, data []byte, value *big.Int) (types.TxData, error) {
	gas, err := t.backend.EstimateGas(ctx, ethereum.CallMsg{From: from, To: to, Data: data, Value: value})
	if err != nil {
		return nil, fmt.Errorf("estimate gas for %s from %s: %w", target, from, decodeCallError(err))
	}
	// Margin: estimation runs at the parent block's timestamp and state.
	gas = gas*5/4 + 20_000
	return t.fees(ctx, &types.DynamicFeeTx{ChainID: t.chainID, Gas: gas, To: to, Value: value, Data: data})
}

// fees prices a transaction: EIP-1559 (tip + twice the base fee) where the
// chain has a base fee, a legacy gas price otherwise.
func (t *Transactor) fees(ctx context.Context, tx *types.DynamicFeeTx) (types.TxData, error) {
	head, err := t.backend.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("read latest header: %w", err)
	}
	if head.BaseFee == nil {
		price, err := t.backend.SuggestGasPrice(ctx)
		if err != nil {
			return nil, fmt.Errorf("suggest gas price: %w", err)
		}
		return &types.LegacyTx{GasPrice: price, Gas: tx.Gas, To: tx.To, Value: tx.Value, Data: tx.Data}, nil
	}
	tip, err := t.backend.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("suggest gas tip: %w", err)
	}
	tx.GasTipCap = tip
	tx.GasFeeCap = new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	return tx, nil
}

// signAndSend assigns the next nonce, signs and hands the transaction to the
// node under one lock, so concurrent senders never share or skip a nonce.
func (t *Transactor) signAndSend(ctx context.Context, inner types.TxData) (*types.Transaction, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.nonceKnown {
		n, err := t.backend.PendingNonceAt(ctx, t.signer.Address())
		if err != nil {
			return nil, fmt.Errorf("read pending nonce: %w", err)
		}
		t.nonce, t.nonceKnown = n, true
	}
	switch d := inner.(type) {
	case *types.DynamicFeeTx:
		d.Nonce = t.nonce
	case *types.LegacyTx:
		d.Nonce = t.nonce
	default:
		return nil, fmt.Errorf("unsupported transaction type %T", inner)
	}
	tx, err := SignTx(ctx, t.signer, types.NewTx(inner), t.chainID)
	if err != nil {
		return nil, err
	}
	if err := t.backend.SendTransaction(ctx, tx); err != nil {
		t.nonceKnown = false // re-read from the node next time
		return nil, err
	}
	t.nonce++
	t.log.Debug("transaction sent", zap.Stringer("tx", tx.Hash()), zap.Uint64("nonce", tx.Nonce()))
	return tx, nil
}

// WaitMined polls for the receipt of hash — at once, then after FirstPoll,
// each wait 1.5× the last up to PollInterval — until it is included (plus
// Confirmations) or the timeout passes, logging progress.
func (t *Transactor) WaitMined(ctx context.Context, hash common.Hash) (*types.Receipt, error) {
	ctx, cancel := context.WithTimeout(ctx, t.opts.Timeout)
	defer cancel()
	start := time.Now()
	lastLog := start
	wait, warned := t.opts.FirstPoll, false
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for polls := 1; ; polls++ {
		r, err := t.backend.TransactionReceipt(ctx, hash)
		if err == nil && r != nil {
			if t.opts.Confirmations <= 1 {
				t.log.Debug("receipt", zap.Stringer("tx", hash), zap.Int("polls", polls))
				return r, nil
			}
			head, err := t.backend.BlockNumber(ctx)
			if err == nil && head+1 >= r.BlockNumber.Uint64()+t.opts.Confirmations {
				return r, nil
			}
		} else if err != nil && !errors.Is(err, ethereum.NotFound) {
			if r, ok := t.receiptFromRecentBlocks(ctx, hash, err); ok && t.opts.Confirmations <= 1 {
				t.log.Debug("receipt from the latest blocks", zap.Stringer("tx", hash), zap.Int("polls", polls))
				return r, nil
			}
			// Once per wait: polls start a millisecond apart, and a node
			// that answers "indexing is in progress" answers it for each.
			if !warned {
				t.log.Warn("receipt query failed; retrying", zap.Stringer("tx", hash), zap.Error(err))
				warned = true
			}
		}
		if time.Since(lastLog) >= t.opts.ProgressEvery {
			lastLog = time.Now()
			t.log.Info("waiting for transaction", zap.Stringer("tx", hash),
				zap.Duration("elapsed", time.Since(start).Round(time.Second)), zap.Uint64("confirmations", t.opts.Confirmations))
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for transaction %s after %s: %w", hash, time.Since(start).Round(time.Millisecond), ctx.Err())
		case <-timer.C:
		}
		wait = min(wait*3/2, t.opts.PollInterval)
		timer.Reset(wait)
	}
}

// blockReceiptsReader is the part of ethclient.Client that reads a whole
// block's receipts (eth_getBlockReceipts), which needs no transaction index.
type blockReceiptsReader interface {
	BlockReceipts(ctx context.Context, blockNrOrHash rpc.BlockNumberOrHash) ([]*types.Receipt, error)
}

// recentBlocksScanned bounds receiptFromRecentBlocks' search.
const recentBlocksScanned = 16

// receiptFromRecentBlocks looks for hash's receipt in the latest blocks when
// the node answered the receipt query with "transaction indexing is in
// progress": geth builds its transaction index in the background, and on a
// loaded machine a dev chain answered that for 30 s while the receipt sat in
// the block just mined.
func (t *Transactor) receiptFromRecentBlocks(ctx context.Context, hash common.Hash, queryErr error) (*types.Receipt, bool) {
	br, ok := t.backend.(blockReceiptsReader)
	if !ok || !strings.Contains(queryErr.Error(), "indexing is in progress") {
		return nil, false
	}
	head, err := t.backend.BlockNumber(ctx)
	if err != nil {
		return nil, false
	}
	for n := head; n > 0 && head-n < recentBlocksScanned; n-- {
		receipts, err := br.BlockReceipts(ctx, rpc.BlockNumberOrHashWithNumber(rpc.BlockNumber(n)))
		if err != nil {
			return nil, false
		}
		for _, r := range receipts {
			if r.TxHash == hash {
				return r, true
			}
		}
	}
	return nil, false
}

// replayRevert re-runs a failed transaction as a call on the state before its
// block to recover the revert reason (a block holds one transaction on the dev
// chain, so the replay is exact there).
func (t *Transactor) replayRevert(ctx context.Context, to *common.Address, data []byte, value *big.Int, r *types.Receipt) error {
	parent := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
	_, err := t.backend.CallContract(ctx, ethereum.CallMsg{From: t.signer.Address(), To: to, Data: data, Value: value, Gas: r.GasUsed * 2}, parent)
	if err == nil {
		return &RevertError{Reason: "reverted on chain (replay succeeded: out of gas or state changed)"}
	}
	return decodeCallError(err)
}
