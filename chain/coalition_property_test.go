package chain

import (
	"math/big"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Random stakes, withdrawal requests, withdrawals, slashes (some replaying
// evidence) and time jumps on two pools: every member's stake and pending
// amount match a model, the pool is active exactly when its stake reaches
// the threshold, the contract holds exactly the sum of stakes and pending
// withdrawals, slashed amounts land with the harmed party and the treasury,
// and the token supply never changes.
func TestCoalitionProperty(t *testing.T) {
	const arbiter, treasury, harmed = 0, 1, 2
	providers := []int{3, 4, 5}
	e := newTestEnv(t, 6)
	rng := rand.New(rand.NewPCG(7, 11))
	c, coal := e.d.Coalition, e.coal
	type member struct {
		stake, pending *big.Int
		unlockAt       uint64
	}
	pools := []common.Hash{crypto.Keccak256Hash([]byte("pool-a")), crypto.Keccak256Hash([]byte("pool-b"))}
	threshold, delay := usd(300), uint64(600)
	model := map[common.Hash]map[int]*member{}
	for _, p := range pools {
		e.send(arbiter, c, coal.PackCreatePool(p, e.addrs[arbiter], e.addrs[treasury], threshold, delay, 2500))
		model[p] = map[int]*member{}
		for _, i := range providers {
			model[p][i] = &member{stake: new(big.Int), pending: new(big.Int)}
		}
	}
	for _, i := range providers {
		e.approve(i, c, usd(1_000_000))
	}
	supply, _ := e.usd.UnpackTotalSupply(e.call(e.d.ComputeUSD, e.usd.PackTotalSupply()))
	e.advance(24 * time.Hour) // block times are head+1 from here on
	var evidences []common.Hash
	counts := map[string]int{}
	treasuryGot, harmedGot := new(big.Int), new(big.Int)
	treasury0, harmed0 := e.usdBalance(e.addrs[treasury]), e.usdBalance(e.addrs[harmed])

	for step := range 150 {
		p := pools[rng.IntN(len(pools))]
		i := providers[rng.IntN(len(providers))]
		m := model[p][i]
		next := e.headTime() + 1
		switch op := rng.IntN(6); op {
		case 0: // stake
			amt := usd(int64(1 + rng.IntN(200)))
			e.send(i, c, coal.PackStake(p, amt))
			m.stake.Add(m.stake, amt)
		case 1: // request a withdrawal
			if m.stake.Sign() == 0 {
				e.sendRevert(i, c, coal.PackRequestWithdrawal(p, big.NewInt(1)), "InsufficientStake")
				break
			}
			amt := big.NewInt(1 + rng.Int64N(m.stake.Int64()))
			e.send(i, c, coal.PackRequestWithdrawal(p, amt))
			m.stake.Sub(m.stake, amt)
			m.pending.Add(m.pending, amt)
			m.unlockAt = next + delay
		case 2: // withdraw
			switch {
			case m.pending.Sign() == 0:
				e.sendRevert(i, c, coal.PackWithdraw(p), "NothingToWithdraw")
			case next == m.unlockAt:
				// Estimation runs at the head's time, one second before the block: skip the edge.
			case next < m.unlockAt:
				e.sendRevert(i, c, coal.PackWithdraw(p), "WithdrawalLocked")
			default:
				before := e.usdBalance(e.addrs[i])
				e.send(i, c, coal.PackWithdraw(p))
				wantBig(t, "withdrawn amount", new(big.Int).Sub(e.usdBalance(e.addrs[i]), before), m.pending)
				m.pending.SetInt64(0)
				counts["withdraw"]++
			}
		case 3: // slash, sometimes replaying old evidence
			total := new(big.Int).Add(m.stake, m.pending)
			if len(evidences) > 0 && rng.IntN(4) == 0 {
				ev := evidences[rng.IntN(len(evidences))]
				e.sendRevert(arbiter, c, coal.PackSlash(pools[0], e.addrs[i], big.NewInt(1), ev, e.addrs[harmed]), "EvidenceAlreadyUsed")
				counts["replayed evidence"]++
				break
			}
			if total.Sign() == 0 {
				break
			}
			amt := big.NewInt(1 + rng.Int64N(total.Int64()))
			ev := crypto.Keccak256Hash([]byte{byte(step), byte(i)})
			e.send(arbiter, c, coal.PackSlash(p, e.addrs[i], amt, ev, e.addrs[harmed]))
			if p == pools[0] {
				evidences = append(evidences, ev)
			}
			counts["slash"]++
			fromStake := new(big.Int).Set(amt)
			if fromStake.Cmp(m.stake) > 0 {
				fromStake.Set(m.stake)
			}
			m.stake.Sub(m.stake, fromStake)
			m.pending.Sub(m.pending, new(big.Int).Sub(amt, fromStake))
			h := new(big.Int).Div(new(big.Int).Mul(amt, big.NewInt(2500)), big.NewInt(10_000))
			harmedGot.Add(harmedGot, h)
			treasuryGot.Add(treasuryGot, new(big.Int).Sub(amt, h))
		default:
			e.advance(time.Duration(1+rng.IntN(int(2*delay))) * time.Second)
		}

		held := new(big.Int)
		for _, pp := range pools {
			total := new(big.Int)
			for _, j := range providers {
				mm := model[pp][j]
				got, err := coal.UnpackMember(e.call(c, coal.PackMember(pp, e.addrs[j])))
				if err != nil {
					t.Fatal(err)
				}
				if got.Stake.Cmp(mm.stake) != 0 || got.Pending.Cmp(mm.pending) != 0 {
					t.Fatalf("step %d: member %d of %s = stake %s pending %s, model %s %s", step, j, pp, got.Stake, got.Pending, mm.stake, mm.pending)
				}
				total.Add(total, mm.stake)
				held.Add(held, mm.stake).Add(held, mm.pending)
			}
			active, _ := coal.UnpackIsActive(e.call(c, coal.PackIsActive(pp)))
			if active != (total.Cmp(threshold) >= 0) {
				t.Fatalf("step %d: pool %s active=%v with stake %s (threshold %s)", step, pp, active, total, threshold)
			}
		}
		wantBig(t, "coalition token balance", e.usdBalance(c), held)
		wantBig(t, "treasury received", new(big.Int).Sub(e.usdBalance(e.addrs[treasury]), treasury0), treasuryGot)
		wantBig(t, "harmed party received", new(big.Int).Sub(e.usdBalance(e.addrs[harmed]), harmed0), harmedGot)
		s, _ := e.usd.UnpackTotalSupply(e.call(e.d.ComputeUSD, e.usd.PackTotalSupply()))
		wantBig(t, "token supply", s, supply)
	}
	t.Logf("operations that moved money or were refused as expected: %v", counts)
	for _, k := range []string{"withdraw", "slash", "replayed evidence"} {
		if counts[k] == 0 {
			t.Fatalf("the sequence never did %q: pick another seed", k)
		}
	}
}
