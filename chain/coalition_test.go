package chain

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// findEvent returns the first log of r that unpack accepts.
func findEvent[T any](t *testing.T, r *types.Receipt, unpack func(*types.Log) (*T, error)) *T {
	t.Helper()
	for _, l := range r.Logs {
		if ev, err := unpack(l); err == nil {
			return ev
		}
	}
	return nil
}

// Providers stake into a pool's coalition, which activates at the
// threshold; the arbiter slashes with evidence (split between the harmed
// party and the treasury) and never twice for the same evidence; stake
// leaves only after the withdrawal delay and stays slashable until then.
func TestCoalition(t *testing.T) {
	e := newTestEnv(t, 6)
	const arbiter, p1, p2, treasury, harmed, outsider = 0, 1, 2, 3, 4, 5
	c, coal := e.d.Coalition, e.coal
	pool := crypto.Keccak256Hash([]byte("pool-llama-1b"))
	delay := uint64(3600)
	e.send(arbiter, c, coal.PackCreatePool(pool, e.addrs[arbiter], e.addrs[treasury], usd(1000), delay, 5000))
	e.sendRevert(outsider, c, coal.PackCreatePool(pool, e.addrs[outsider], e.addrs[outsider], usd(1), 0, 0), "PoolExists")

	isActive := func() bool {
		v, err := coal.UnpackIsActive(e.call(c, coal.PackIsActive(pool)))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	e.approve(p1, c, usd(600))
	r := e.send(p1, c, coal.PackStake(pool, usd(600)))
	if findEvent(t, r, coal.UnpackActivatedEvent) != nil || isActive() {
		t.Fatal("pool activated below its threshold")
	}
	e.approve(p2, c, usd(400))
	r = e.send(p2, c, coal.PackStake(pool, usd(400)))
	act := findEvent(t, r, coal.UnpackActivatedEvent)
	if act == nil || !isActive() {
		t.Fatal("pool did not activate at its threshold")
	}
	wantBig(t, "Activated.totalStake", act.TotalStake, usd(1000))

	// Slash p1 by 100 with evidence: half to the harmed party, half to the treasury.
	evidence := crypto.Keccak256Hash([]byte("wrong hidden state, request 42"))
	harmedBefore, treasuryBefore := e.usdBalance(e.addrs[harmed]), e.usdBalance(e.addrs[treasury])
	e.sendRevert(outsider, c, coal.PackSlash(pool, e.addrs[p1], usd(100), evidence, e.addrs[harmed]), "NotArbiter")
	r = e.send(arbiter, c, coal.PackSlash(pool, e.addrs[p1], usd(100), evidence, e.addrs[harmed]))
	sl := findEvent(t, r, coal.UnpackSlashedEvent)
	if sl == nil {
		t.Fatal("no Slashed event")
	}
	if sl.PoolId != pool || sl.Provider != e.addrs[p1] || sl.Evidence != evidence || sl.Harmed != e.addrs[harmed] {
		t.Fatalf("Slashed event %+v", sl)
	}
	wantBig(t, "Slashed.amount", sl.Amount, usd(100))
	wantBig(t, "Slashed.harmedAmount", sl.HarmedAmount, usd(50))
	wantBig(t, "Slashed.treasuryAmount", sl.TreasuryAmount, usd(50))
	wantBig(t, "harmed balance", e.usdBalance(e.addrs[harmed]), new(big.Int).Add(harmedBefore, usd(50)))
	wantBig(t, "treasury balance", e.usdBalance(e.addrs[treasury]), new(big.Int).Add(treasuryBefore, usd(50)))
	if findEvent(t, r, coal.UnpackDeactivatedEvent) == nil || isActive() {
		t.Fatal("pool still active below its threshold after the slash")
	}
	// Not twice for the same evidence.
	e.sendRevert(arbiter, c, coal.PackSlash(pool, e.addrs[p1], usd(1), evidence, e.addrs[harmed]), "EvidenceAlreadyUsed")

	// Withdrawal waits for the delay.
	before := e.usdBalance(e.addrs[p2])
	e.send(p2, c, coal.PackRequestWithdrawal(pool, usd(400)))
	e.sendRevert(p2, c, coal.PackWithdraw(pool), "WithdrawalLocked")
	e.advance(time.Duration(delay+1) * time.Second)
	r = e.send(p2, c, coal.PackWithdraw(pool))
	if findEvent(t, r, coal.UnpackWithdrawnEvent) == nil {
		t.Fatal("no Withdrawn event")
	}
	wantBig(t, "p2 balance after withdrawal", e.usdBalance(e.addrs[p2]), new(big.Int).Add(before, usd(400)))
	e.sendRevert(p2, c, coal.PackWithdraw(pool), "NothingToWithdraw")

	// A pending withdrawal stays slashable: requesting it does not escape a slash.
	e.send(p1, c, coal.PackRequestWithdrawal(pool, usd(500)))
	e.send(arbiter, c, coal.PackSlash(pool, e.addrs[p1], usd(500), crypto.Keccak256Hash([]byte("second fault")), e.addrs[harmed]))
	m, err := coal.UnpackMember(e.call(c, coal.PackMember(pool, e.addrs[p1])))
	if err != nil {
		t.Fatal(err)
	}
	wantBig(t, "p1 stake", m.Stake, new(big.Int))
	wantBig(t, "p1 pending", m.Pending, new(big.Int))
	e.advance(time.Duration(delay+1) * time.Second)
	e.sendRevert(p1, c, coal.PackWithdraw(pool), "NothingToWithdraw")
	// Everything staked has left the contract: 1000 staked = 600 slashed + 400 withdrawn.
	wantBig(t, "coalition token balance", e.usdBalance(c), new(big.Int))
}
