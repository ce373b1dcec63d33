package chain

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// streamBalance is an account's real-time stream balance at ts, deposit included.
func (e *testEnv) streamBalance(a common.Address, ts uint64) (total, available, deposit *big.Int) {
	e.t.Helper()
	out, err := e.ps.UnpackRealtimeBalanceOf(e.call(e.d.PaymentStreams, e.ps.PackRealtimeBalanceOf(a, new(big.Int).SetUint64(ts))))
	if err != nil {
		e.t.Fatal(err)
	}
	return new(big.Int).Add(out.AvailableBalance, out.Deposit), out.AvailableBalance, out.Deposit
}

func mulU(rate int64, secs uint64) *big.Int {
	return new(big.Int).Mul(big.NewInt(rate), new(big.Int).SetUint64(secs))
}

// A flow accrues exactly rate × seconds, deleteFlow settles both sides
// exactly, a critical sender is liquidated by anyone who then earns the
// buffer, operators act within their permissions, and the getters report
// what Superfluid tools expect.
func TestPaymentStreams(t *testing.T) {
	e := newTestEnv(t, 6)
	const alice, bob, carol, keeper, operator = 1, 2, 3, 4, 5
	ps, psAddr, token := e.ps, e.d.PaymentStreams, e.d.ComputeUSD
	const rate = 1_000 // base units (0.001 USD) per second
	period := e.d.LiquidationPeriod
	buffer := mulU(rate, period)

	gotBuf, err := ps.UnpackGetBufferAmountByFlowrate(e.call(psAddr, ps.PackGetBufferAmountByFlowrate(token, big.NewInt(rate))))
	if err != nil {
		t.Fatal(err)
	}
	wantBig(t, "getBufferAmountByFlowrate", gotBuf, buffer)
	if _, err := e.trs[0].Call(e.ctx, psAddr, ps.PackGetFlowrate(common.HexToAddress("0x1"), e.addrs[alice], e.addrs[bob])); RevertName(err) != "UnsupportedToken" {
		t.Fatalf("getFlowrate with another token: %v", err)
	}

	// Alice deposits and streams to Bob.
	e.approve(alice, psAddr, usd(1000))
	e.send(alice, psAddr, ps.PackDeposit(usd(1000)))
	r := e.send(alice, psAddr, ps.PackSetFlowrate(token, e.addrs[bob], big.NewInt(rate)))
	t0 := e.blockTime(r)
	info, err := ps.UnpackGetFlowInfo(e.call(psAddr, ps.PackGetFlowInfo(token, e.addrs[alice], e.addrs[bob])))
	if err != nil {
		t.Fatal(err)
	}
	if info.LastUpdated.Uint64() != t0 || info.Flowrate.Int64() != rate || info.Deposit.Cmp(buffer) != 0 || info.OwedDeposit.Sign() != 0 {
		t.Fatalf("getFlowInfo = %+v, want lastUpdated %d, flowrate %d, deposit %s", info, t0, rate, buffer)
	}
	net, _ := ps.UnpackGetAccountFlowrate(e.call(psAddr, ps.PackGetAccountFlowrate(token, e.addrs[alice])))
	wantBig(t, "alice net flowrate", net, big.NewInt(-rate))

	e.advance(time.Hour)
	for _, secs := range []uint64{1, 60, 3600} {
		ts := t0 + secs
		bobTotal, _, _ := e.streamBalance(e.addrs[bob], ts)
		wantBig(t, "bob balance after stream", bobTotal, mulU(rate, secs))
		aliceTotal, aliceAvail, aliceDep := e.streamBalance(e.addrs[alice], ts)
		wantBig(t, "alice total", aliceTotal, new(big.Int).Sub(usd(1000), mulU(rate, secs)))
		wantBig(t, "alice deposit", aliceDep, buffer)
		wantBig(t, "alice available", aliceAvail, new(big.Int).Sub(aliceTotal, buffer))
	}

	// A stranger cannot delete a healthy flow.
	e.sendRevert(keeper, psAddr, ps.PackDeleteFlow(token, e.addrs[alice], e.addrs[bob], nil), "NotAuthorized")

	// deleteFlow settles both sides exactly.
	r = e.send(alice, psAddr, ps.PackDeleteFlow(token, e.addrs[alice], e.addrs[bob], nil))
	t1 := e.blockTime(r)
	streamed := mulU(rate, t1-t0)
	later := t1 + 1000
	bobTotal, _, _ := e.streamBalance(e.addrs[bob], later)
	wantBig(t, "bob settled", bobTotal, streamed)
	aliceTotal, _, aliceDep := e.streamBalance(e.addrs[alice], later)
	wantBig(t, "alice settled", aliceTotal, new(big.Int).Sub(usd(1000), streamed))
	wantBig(t, "alice deposit after delete", aliceDep, new(big.Int))
	bobBefore := e.usdBalance(e.addrs[bob])
	e.send(bob, psAddr, ps.PackWithdraw(streamed))
	wantBig(t, "bob token balance after withdraw", e.usdBalance(e.addrs[bob]), new(big.Int).Add(bobBefore, streamed))
	e.sendRevert(bob, psAddr, ps.PackWithdraw(big.NewInt(1)), "InsufficientBalance")

	// A sender without the buffer cannot open a flow.
	e.approve(carol, psAddr, usd(1))
	e.send(carol, psAddr, ps.PackDeposit(big.NewInt(1)))
	e.sendRevert(carol, psAddr, ps.PackSetFlowrate(token, e.addrs[bob], big.NewInt(rate)), "InsufficientBalance")

	// Liquidation: Carol holds the buffer plus 100 s of flow, then runs dry.
	extra := mulU(rate, 100)
	fund := new(big.Int).Add(buffer, extra)
	e.approve(carol, psAddr, fund)
	e.send(carol, psAddr, ps.PackDeposit(new(big.Int).Sub(fund, big.NewInt(1))))
	r = e.send(carol, psAddr, ps.PackSetFlowrate(token, e.addrs[bob], big.NewInt(rate)))
	c0 := e.blockTime(r)
	e.sendRevert(keeper, psAddr, ps.PackDeleteFlow(token, e.addrs[carol], e.addrs[bob], nil), "NotAuthorized")
	e.advance(200 * time.Second)
	crit, _ := ps.UnpackIsAccountCriticalNow(e.call(psAddr, ps.PackIsAccountCriticalNow(e.addrs[carol])))
	if !crit {
		t.Fatal("carol not critical after her balance ran below the buffer")
	}
	bobBeforeLiq, _, _ := e.streamBalance(e.addrs[bob], c0)
	r = e.send(keeper, psAddr, ps.PackDeleteFlow(token, e.addrs[carol], e.addrs[bob], nil))
	c1 := e.blockTime(r)
	liq := findEvent(t, r, ps.UnpackFlowLiquidatedEvent)
	if liq == nil || liq.Liquidator != e.addrs[keeper] || liq.Sender != e.addrs[carol] {
		t.Fatalf("FlowLiquidated event %+v", liq)
	}
	carolStreamed := mulU(rate, c1-c0)
	wantReward := new(big.Int).Sub(fund, carolStreamed) // what was left of the buffer
	if wantReward.Sign() <= 0 || wantReward.Cmp(buffer) >= 0 {
		t.Fatalf("test setup: reward %s should be inside (0, buffer)", wantReward)
	}
	wantBig(t, "liquidation reward", liq.Reward, wantReward)
	keeperTotal, _, _ := e.streamBalance(e.addrs[keeper], c1+10)
	wantBig(t, "keeper balance", keeperTotal, wantReward)
	carolTotal, _, _ := e.streamBalance(e.addrs[carol], c1+10)
	wantBig(t, "carol after liquidation", carolTotal, new(big.Int))
	bobAfter, _, _ := e.streamBalance(e.addrs[bob], c1+10)
	wantBig(t, "bob received from carol", new(big.Int).Sub(bobAfter, bobBeforeLiq), carolStreamed)

	// Operators: create within the allowance only, no update without the permission.
	e.send(alice, psAddr, ps.PackUpdateFlowOperatorPermissions(token, e.addrs[operator], 1 /* create */, big.NewInt(rate)))
	e.sendRevert(operator, psAddr, ps.PackCreateFlow(token, e.addrs[alice], e.addrs[carol], big.NewInt(rate+1), nil), "FlowrateAllowanceExceeded")
	e.send(operator, psAddr, ps.PackCreateFlow(token, e.addrs[alice], e.addrs[carol], big.NewInt(rate), nil))
	perm, _ := ps.UnpackGetFlowOperatorPermissions(e.call(psAddr, ps.PackGetFlowOperatorPermissions(token, e.addrs[alice], e.addrs[operator])))
	if perm.Permissions != 1 || perm.FlowrateAllowance.Sign() != 0 {
		t.Fatalf("operator permissions after use: %+v", perm)
	}
	e.sendRevert(operator, psAddr, ps.PackUpdateFlow(token, e.addrs[alice], e.addrs[carol], big.NewInt(2*rate), nil), "NotAuthorized")
	e.send(alice, psAddr, ps.PackGrantPermissions(token, e.addrs[operator]))
	e.send(operator, psAddr, ps.PackSetFlowrateFrom(token, e.addrs[alice], e.addrs[carol], big.NewInt(2*rate)))
	fr, _ := ps.UnpackGetFlowrate(e.call(psAddr, ps.PackGetFlowrate(token, e.addrs[alice], e.addrs[carol])))
	wantBig(t, "flowrate set by operator", fr, big.NewInt(2*rate))
	e.send(alice, psAddr, ps.PackRevokePermissions(token, e.addrs[operator]))
	e.sendRevert(operator, psAddr, ps.PackSetFlowrateFrom(token, e.addrs[alice], e.addrs[carol], big.NewInt(0)), "NotAuthorized")
	e.send(carol, psAddr, ps.PackDeleteFlow(token, e.addrs[alice], e.addrs[carol], nil)) // the receiver may close it

	// Zero-sum: the contract holds exactly what the accounts own.
	now := e.headTime()
	sum := new(big.Int)
	for _, a := range e.addrs {
		tot, _, _ := e.streamBalance(a, now)
		sum.Add(sum, tot)
	}
	wantBig(t, "sum of stream balances", sum, e.usdBalance(psAddr))
}
