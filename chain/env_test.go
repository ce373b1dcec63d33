package chain

import (
	"context"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/contracts/bindings"
)

// testEnv is our contracts deployed on go-ethereum's simulated backend (a
// real EVM that mines a block when told), one transactor per dev account.
type testEnv struct {
	t     *testing.T
	ctx   context.Context
	sim   *simulated.Backend
	mu    sync.Mutex // Commit is not safe for concurrent use
	d     Deployments
	addrs []common.Address
	trs   []*Transactor
	usd   *bindings.ComputeUSD
	coal  *bindings.Coalition
	ps    *bindings.PaymentStreams
	log   *zap.Logger
}

const usdUnit = 1_000_000 // 6 decimals

func newTestEnv(t *testing.T, accounts int) *testEnv {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	alloc := types.GenesisAlloc{}
	ether := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	e := &testEnv{t: t, ctx: ctx, log: zaptest.NewLogger(t, zaptest.Level(zap.InfoLevel)),
		usd: bindings.NewComputeUSD(), coal: bindings.NewCoalition(), ps: bindings.NewPaymentStreams()}
	for i := range accounts {
		addr := crypto.PubkeyToAddress(DevKey(i).PublicKey)
		e.addrs = append(e.addrs, addr)
		alloc[addr] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1000), ether)}
	}
	e.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		ec.Genesis.Config = DevChainConfig()
	})
	t.Cleanup(func() { e.sim.Close() })
	for i := range accounts {
		tr, err := NewTransactor(ctx, e.sim.Client(), NewKeySigner(DevKey(i)), e.log, TransactorOptions{
			ExpectChainID: DevChainID, Timeout: 10 * time.Second, AfterSend: e.commit,
		})
		if err != nil {
			t.Fatal(err)
		}
		e.trs = append(e.trs, tr)
	}
	var err error
	e.d, err = DeployContracts(ctx, e.trs[0], e.log, DeployConfig{Network: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if err := Mint(ctx, e.trs[0], e.d.ComputeUSD, big.NewInt(1_000_000*usdUnit), e.addrs...); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *testEnv) commit() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.sim.Commit()
}

// advance moves chain time forward by d (one empty block); the next block is
// one second later than that.
func (e *testEnv) advance(d time.Duration) {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	// The pool drops mined transactions asynchronously after a block, and
	// AdjustTime refuses while it still lists one: retry briefly.
	var err error
	for range 200 {
		if err = e.sim.AdjustTime(d); err == nil {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	e.t.Fatalf("advance chain time by %s: %v", d, err)
}

func (e *testEnv) send(from int, to common.Address, data []byte) *types.Receipt {
	e.t.Helper()
	r, err := e.trs[from].Send(e.ctx, to, data, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// sendRevert sends and asserts the call reverts with the custom error name.
func (e *testEnv) sendRevert(from int, to common.Address, data []byte, name string) {
	e.t.Helper()
	_, err := e.trs[from].Send(e.ctx, to, data, nil)
	if err == nil {
		e.t.Fatalf("transaction succeeded, want revert %s", name)
	}
	if got := RevertName(err); got != name {
		e.t.Fatalf("revert %q (%v), want %s", got, err, name)
	}
}

func (e *testEnv) call(to common.Address, data []byte) []byte {
	e.t.Helper()
	out, err := e.trs[0].Call(e.ctx, to, data)
	if err != nil {
		e.t.Fatal(err)
	}
	return out
}

func (e *testEnv) blockTime(r *types.Receipt) uint64 {
	e.t.Helper()
	h, err := e.sim.Client().HeaderByNumber(e.ctx, r.BlockNumber)
	if err != nil {
		e.t.Fatal(err)
	}
	return h.Time
}

func (e *testEnv) headTime() uint64 {
	e.t.Helper()
	h, err := e.sim.Client().HeaderByNumber(e.ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return h.Time
}

func (e *testEnv) usdBalance(a common.Address) *big.Int {
	e.t.Helper()
	v, err := e.usd.UnpackBalanceOf(e.call(e.d.ComputeUSD, e.usd.PackBalanceOf(a)))
	if err != nil {
		e.t.Fatal(err)
	}
	return v
}

func (e *testEnv) approve(from int, spender common.Address, amount *big.Int) {
	e.t.Helper()
	e.send(from, e.d.ComputeUSD, e.usd.PackApprove(spender, amount))
}

func usd(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(usdUnit)) }

func wantBig(t *testing.T, what string, got, want *big.Int) {
	t.Helper()
	if got.Cmp(want) != 0 {
		t.Fatalf("%s = %s, want %s", what, got, want)
	}
}
