// Package activities holds the side effects the control-plane workflows run,
// each idempotent (it reads the state it is about to change first, so a
// retry after a worker died mid-call does the right thing): coalition and
// payment-stream transactions on chain, shard load/unload on a shard host.
package activities

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/contracts/bindings"
)

// Chain runs coalition and stream transactions from the operator's account
// (Tx's signer: the coalition's arbiter and the streams' sender).
type Chain struct {
	Tx          *chain.Transactor
	Deployments chain.Deployments
	Log         *zap.Logger
}

// PoolKey is the coalition pool id of a pool name: keccak256(name).
func PoolKey(pool string) [32]byte { return crypto.Keccak256Hash([]byte(pool)) }

// CoalitionRequest asks for a pool's coalition to exist and be active.
type CoalitionRequest struct {
	Pool      string   `json:"pool"`
	Providers []string `json:"providers"` // addresses that must have stake
	Threshold string   `json:"threshold"` // base units; used when the coalition is created
	// WithdrawDelaySeconds and HarmedShareBps are used when it is created.
	WithdrawDelaySeconds uint64 `json:"withdrawDelaySeconds"`
	HarmedShareBps       uint16 `json:"harmedShareBps"`
}

// CoalitionStatus is what EnsureCoalition found.
type CoalitionStatus struct {
	Active     bool              `json:"active"`
	TotalStake string            `json:"totalStake"`
	Threshold  string            `json:"threshold"`
	Stakes     map[string]string `json:"stakes"`
	Created    bool              `json:"created"` // this call created the coalition
}

// ErrNotActive: the coalition's stake is below its threshold (retryable:
// providers may still stake).
var ErrNotActive = errors.New("coalition not active")

// EnsureCoalition creates the pool's coalition if it does not exist (arbiter
// and treasury: the operator), then checks every provider has stake and the
// coalition is active (the contract activates it when the total stake
// crosses the threshold). Not active → an error wrapping ErrNotActive.
func (c *Chain) EnsureCoalition(ctx context.Context, req CoalitionRequest) (CoalitionStatus, error) {
	key := PoolKey(req.Pool)
	co := bindings.NewCoalition()
	addr := c.Deployments.Coalition
	read := func() (bindings.CoalitionPool, error) {
		out, err := c.Tx.Call(ctx, addr, co.PackPool(key))
		if err != nil {
			return bindings.CoalitionPool{}, fmt.Errorf("read coalition of pool %q: %w", req.Pool, err)
		}
		return co.UnpackPool(out)
	}
	p, err := read()
	if err != nil {
		return CoalitionStatus{}, err
	}
	st := CoalitionStatus{Stakes: map[string]string{}}
	if !p.Exists {
		th, ok := new(big.Int).SetString(req.Threshold, 10)
		if !ok || th.Sign() <= 0 {
			return st, fmt.Errorf("pool %q: bad coalition threshold %q", req.Pool, req.Threshold)
		}
		me := c.Tx.Address()
		if _, err := c.Tx.Send(ctx, addr, co.PackCreatePool(key, me, me, th, req.WithdrawDelaySeconds, req.HarmedShareBps), nil); err != nil {
			if chain.RevertName(err) != "PoolExists" { // a concurrent attempt created it
				return st, fmt.Errorf("create coalition of pool %q: %w", req.Pool, err)
			}
		} else {
			st.Created = true
			c.Log.Info("coalition created", zap.String("pool", req.Pool), zap.String("threshold", th.String()))
		}
		if p, err = read(); err != nil {
			return st, err
		}
	}
	st.Active, st.TotalStake, st.Threshold = p.Active, p.TotalStake.String(), p.Threshold.String()
	var missing []string
	for _, prov := range req.Providers {
		if !common.IsHexAddress(prov) {
			return st, fmt.Errorf("pool %q: provider %q is not an address", req.Pool, prov)
		}
		out, err := c.Tx.Call(ctx, addr, co.PackMember(key, common.HexToAddress(prov)))
		if err != nil {
			return st, fmt.Errorf("read stake of %s in pool %q: %w", prov, req.Pool, err)
		}
		m, err := co.UnpackMember(out)
		if err != nil {
			return st, fmt.Errorf("decode stake of %s in pool %q: %w", prov, req.Pool, err)
		}
		st.Stakes[prov] = m.Stake.String()
		if m.Stake.Sign() == 0 {
			missing = append(missing, prov)
		}
	}
	if len(missing) > 0 {
		return st, fmt.Errorf("pool %q: providers without stake %v: %w", req.Pool, missing, ErrNotActive)
	}
	if !st.Active {
		return st, fmt.Errorf("pool %q: stake %s below threshold %s: %w", req.Pool, st.TotalStake, st.Threshold, ErrNotActive)
	}
	return st, nil
}

// StreamRequest: the operator's account streams FlowratePerSecond (base
// units) to each receiver; "0" closes.
type StreamRequest struct {
	Pool              string   `json:"pool"`
	Receivers         []string `json:"receivers"`
	FlowratePerSecond string   `json:"flowratePerSecond"`
}

// StreamStatus: the flowrate each receiver gets after the call.
type StreamStatus struct {
	Flowrates map[string]string `json:"flowrates"`
	Changed   int               `json:"changed"` // transactions sent
}

// SetStreams sets the flow to each receiver to the requested rate, skipping
// receivers already at that rate (so a retry sends only what is missing),
// and deposits the buffer first when the sender's available balance is short.
func (c *Chain) SetStreams(ctx context.Context, req StreamRequest) (StreamStatus, error) {
	rate, ok := new(big.Int).SetString(req.FlowratePerSecond, 10)
	if !ok || rate.Sign() < 0 {
		return StreamStatus{}, fmt.Errorf("pool %q: bad flowrate %q", req.Pool, req.FlowratePerSecond)
	}
	ps := bindings.NewPaymentStreams()
	streams, token := c.Deployments.PaymentStreams, c.Deployments.ComputeUSD
	me := c.Tx.Address()
	st := StreamStatus{Flowrates: map[string]string{}}
	for _, r := range req.Receivers {
		if !common.IsHexAddress(r) {
			return st, fmt.Errorf("pool %q: receiver %q is not an address", req.Pool, r)
		}
		to := common.HexToAddress(r)
		out, err := c.Tx.Call(ctx, streams, ps.PackGetFlowrate(token, me, to))
		if err != nil {
			return st, fmt.Errorf("read flow %s→%s: %w", me, to, err)
		}
		cur, err := ps.UnpackGetFlowrate(out)
		if err != nil {
			return st, fmt.Errorf("decode flow %s→%s: %w", me, to, err)
		}
		if cur.Cmp(rate) == 0 {
			st.Flowrates[r] = cur.String()
			continue
		}
		if rate.Sign() > 0 {
			if err := c.ensureBuffer(ctx, new(big.Int).Sub(rate, cur)); err != nil {
				return st, fmt.Errorf("pool %q: %w", req.Pool, err)
			}
		}
		if _, err := c.Tx.Send(ctx, streams, ps.PackSetFlowrate(token, to, rate), nil); err != nil {
			return st, fmt.Errorf("pool %q: set flow to %s at %s/s: %w", req.Pool, to, rate, err)
		}
		st.Changed++
		st.Flowrates[r] = rate.String()
		c.Log.Info("stream set", zap.String("pool", req.Pool), zap.Stringer("to", to), zap.String("flowrate", rate.String()))
	}
	return st, nil
}

// bufferHeadroomSeconds of the account's total outflow are kept available
// beyond a new flow's buffer.
const bufferHeadroomSeconds = 600

// ensureBuffer deposits twice the buffer an increase of extra/s needs when
// the available stream balance is below it.
func (c *Chain) ensureBuffer(ctx context.Context, extra *big.Int) error {
	if extra.Sign() <= 0 {
		return nil
	}
	ps := bindings.NewPaymentStreams()
	streams, token := c.Deployments.PaymentStreams, c.Deployments.ComputeUSD
	out, err := c.Tx.Call(ctx, streams, ps.PackGetBufferAmountByFlowrate(token, extra))
	if err != nil {
		return fmt.Errorf("read buffer for %s/s: %w", extra, err)
	}
	need, err := ps.UnpackGetBufferAmountByFlowrate(out)
	if err != nil {
		return fmt.Errorf("decode buffer: %w", err)
	}
	// Headroom: the account's flows drain its available balance between
	// this read and the block that mines the new flow; without it a flow
	// set right after another reverted for a buffer short by seconds.
	if out, err = c.Tx.Call(ctx, streams, ps.PackGetAccountFlowrate(token, c.Tx.Address())); err != nil {
		return fmt.Errorf("read account flowrate: %w", err)
	}
	netFlow, err := ps.UnpackGetAccountFlowrate(out)
	if err != nil {
		return fmt.Errorf("decode account flowrate: %w", err)
	}
	// The operator only sends; an inflow would make this an underestimate.
	outflow := new(big.Int).Add(new(big.Int).Abs(netFlow), extra)
	need.Add(need, outflow.Mul(outflow, big.NewInt(bufferHeadroomSeconds)))
	if out, err = c.Tx.Call(ctx, streams, ps.PackRealtimeBalanceOfNow(c.Tx.Address())); err != nil {
		return fmt.Errorf("read stream balance: %w", err)
	}
	bal, err := ps.UnpackRealtimeBalanceOfNow(out)
	if err != nil {
		return fmt.Errorf("decode stream balance: %w", err)
	}
	if bal.AvailableBalance.Cmp(need) >= 0 {
		return nil
	}
	amount := new(big.Int).Mul(need, big.NewInt(2))
	if _, err := c.Tx.Send(ctx, token, bindings.NewComputeUSD().PackApprove(streams, amount), nil); err != nil {
		return fmt.Errorf("approve stream deposit of %s: %w", amount, err)
	}
	if _, err := c.Tx.Send(ctx, streams, ps.PackDeposit(amount), nil); err != nil {
		return fmt.Errorf("deposit %s for stream buffers: %w", amount, err)
	}
	return nil
}

// Flowrate reads the operator's current flowrate to receiver (for checks
// and tests).
func (c *Chain) Flowrate(ctx context.Context, receiver common.Address) (*big.Int, error) {
	ps := bindings.NewPaymentStreams()
	out, err := c.Tx.Call(ctx, c.Deployments.PaymentStreams, ps.PackGetFlowrate(c.Deployments.ComputeUSD, c.Tx.Address(), receiver))
	if err != nil {
		return nil, fmt.Errorf("read flow to %s: %w", receiver, err)
	}
	return ps.UnpackGetFlowrate(out)
}
