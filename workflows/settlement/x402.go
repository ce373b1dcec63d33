package settlement

import (
	"context"
	"errors"
	"fmt"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
)

// X402Settler is the API's x402.Settler on the control plane: each payment
// is a settlement workflow (ID from its nonce), and the request waits for
// its outcome. A nonce that was ever submitted before — by this process or
// another API replica — is refused as a replay: the workflow ID is never
// reused. A settlement that fails before taking the payment is canceled
// when its answer is withheld, and left failed for an operator when the
// answer was already delivered. One that took the payment (into escrow)
// and failed to divide it is never canceled: the answer is served and the
// settlement left failed for an operator's retry.
type X402Settler struct {
	Client    client.Client
	TaskQueue string
	// Policy bounds the retries a paying client waits through (APIPolicy
	// when zero).
	Policy Policy
	Log    *zap.Logger
	// PollEvery is how often the waiting request asks the workflow whether it
	// has given up (a failed settlement waits for an operator, so its result
	// never comes on its own).
	PollEvery time.Duration
}

var _ x402.Settler = (*X402Settler)(nil)

// APIPolicy fits a client waiting for its answer: a few quick attempts in
// one round; what fails is refused (402) and the workflow canceled, so the
// payment can never be taken later for an answer that was not given.
func APIPolicy() Policy {
	return Policy{AttemptsPerRound: 3, MaxRounds: 1, InitialInterval: 200 * time.Millisecond,
		MaximumInterval: 2 * time.Second, CallTimeout: 30 * time.Second}
}

// NewX402Settler settles on taskQueue (TaskQueue when empty).
func NewX402Settler(c client.Client, taskQueue string, log *zap.Logger) *X402Settler {
	if taskQueue == "" {
		taskQueue = TaskQueue
	}
	return &X402Settler{Client: c, TaskQueue: taskQueue, Policy: APIPolicy(), Log: log, PollEvery: 250 * time.Millisecond}
}

// Settle implements x402.Settler.
func (s *X402Settler) Settle(ctx context.Context, p *x402.Payment) (*x402.SettleResponse, error) {
	req := Request{Payment: paymentOf(p), Policy: s.Policy}
	if p.Charge != nil {
		req.Split = &Split{Provider: p.Provider.Hex(), Charged: p.Charge.String()}
		req.Payment.Escrowed = true
	}
	opts := StartOptions(s.TaskQueue, req.Payment.Nonce)
	// A duplicate is a replay here, running or finished: refuse, do not join.
	opts.WorkflowIDConflictPolicy = enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL
	opts.WorkflowExecutionErrorWhenAlreadyStarted = true
	// Where a worker on the task queue runs in this process (on this
	// client), the start's reply carries the first workflow task to it
	// (eager start: no trip through matching), and that task settles with
	// its local first attempt. Without one the start is the usual one.
	opts.EnableEagerStart = true
	start := time.Now()
	run, err := s.Client.ExecuteWorkflow(ctx, opts, WorkflowName, req)
	startRPC := time.Since(start)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return refused(p, x402.ReasonNonceUsed, "this authorization was already submitted for settlement; sign a new one"), nil
	}
	if err != nil {
		return nil, fmt.Errorf("start settlement of %s: %w", req.Payment.Nonce, err)
	}
	res, st, err := s.await(ctx, run)
	if s.Log != nil {
		// Where a paying client's wait goes (bench x402 --temporal reads it
		// at debug level): the start RPC, then the wait for the outcome.
		s.Log.Debug("settlement workflow answered", zap.String("workflow", run.GetID()), zap.String("taskQueue", s.TaskQueue), zap.Duration("start", startRPC),
			zap.Duration("wait", time.Since(start)-startRPC), zap.Error(err))
	}
	if err != nil {
		if !st.Result.Taken {
			st = s.lastState(run, st)
		}
		switch {
		case st.Result.Taken:
			// The payment is in the escrow and only its division failed:
			// the payer paid, so it is served; the workflow stays failed
			// (never canceled, which would strand the value) until an
			// operator's `settlements retry` pays the provider and refunds.
			if s.Log != nil {
				s.Log.Error("payment taken but its division failed; serving the answer, the settlement waits for `computepool settlements retry`",
					zap.String("workflow", run.GetID()), zap.String("tx", st.Result.TxHash), zap.Error(err))
			}
			return divisionPending(p, st.Result, err), nil
		case st.Status == "":
			// Unknown: it may have taken the payment, so it is not canceled.
			if s.Log != nil {
				s.Log.Error("settlement refused and left as it is: its state is unknown (check it before any retry)",
					zap.String("workflow", run.GetID()), zap.Error(err))
			}
		case !p.Delivered: // refused: the answer is withheld, so nothing may be taken later
			s.abandon(run, err)
		}
		return refused(p, x402.ReasonSettlementFailed, err.Error()), nil
	}
	if res.UsedBefore {
		return refused(p, x402.ReasonNonceUsed, fmt.Sprintf("this authorization was already settled on chain (transaction %s); sign a new one", res.TxHash)), nil
	}
	return response(p, res), nil
}

// await returns the workflow's result, or an error as soon as it is
// failed (waiting for an operator; with its state) or ctx ends.
func (s *X402Settler) await(ctx context.Context, run client.WorkflowRun) (Result, State, error) {
	type outcome struct {
		res Result
		err error
	}
	done := make(chan outcome, 1)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		var o outcome
		o.err = run.Get(wctx, &o.res)
		done <- o
	}()
	tick := time.NewTicker(s.PollEvery)
	defer tick.Stop()
	for {
		select {
		case o := <-done:
			return o.res, State{}, o.err
		case <-tick.C:
			if st, err := Query(ctx, s.Client, run.GetID()); err == nil && st.Status == StatusFailed {
				return Result{}, st, fmt.Errorf("settlement %s failed: %s", run.GetID(), st.LastError)
			}
		case <-ctx.Done():
			return Result{}, State{}, fmt.Errorf("settlement %s: %w", run.GetID(), ctx.Err())
		}
	}
}

// lastState asks a settlement that did not succeed for its state (whether
// it took the payment); known is kept when the query fails (zero: unknown).
func (s *X402Settler) lastState(run client.WorkflowRun, known State) State {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := Query(ctx, s.Client, run.GetID())
	if err != nil {
		if s.Log != nil {
			s.Log.Warn("reading a failed settlement's state", zap.String("workflow", run.GetID()), zap.Error(err))
		}
		return known
	}
	return st
}

// abandon cancels a settlement the client was refused for, so nothing is
// taken later for an answer that was not given. Only a settlement that did
// not take the payment is abandoned (a taken one is served instead).
func (s *X402Settler) abandon(run client.WorkflowRun, cause error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Client.CancelWorkflow(ctx, run.GetID(), run.GetRunID()); err != nil && s.Log != nil {
		s.Log.Warn("canceling a failed settlement", zap.String("workflow", run.GetID()), zap.Error(err))
	}
	if s.Log != nil {
		s.Log.Warn("settlement refused", zap.String("workflow", run.GetID()), zap.Error(cause))
	}
}

func paymentOf(p *x402.Payment) Payment {
	auth := chain.TransferAuthorization{From: p.From, To: p.To, Value: p.Value, ValidAfter: p.ValidAfter,
		ValidBefore: p.ValidBefore, Nonce: p.Nonce}
	out := PaymentFrom(p.Network, p.Asset, auth, p.Signature)
	if p.Payload != nil && p.Payload.Resource != nil {
		out.Resource = p.Payload.Resource.URL
	}
	return out
}

func refused(p *x402.Payment, reason, message string) *x402.SettleResponse {
	return &x402.SettleResponse{Success: false, ErrorReason: reason, ErrorMessage: message, Payer: p.From.Hex(), Network: p.Network}
}

// divisionPending answers a per-token payment that was taken into escrow
// but not yet divided: paid (transaction r.TxHash), nothing charged or
// refunded yet — an operator's retry of the settlement does both.
func divisionPending(p *x402.Payment, r Result, cause error) *x402.SettleResponse {
	return &x402.SettleResponse{Success: true, Payer: p.From.Hex(), Transaction: r.TxHash, Network: p.Network, Tokens: p.Tokens,
		ErrorMessage: "the payment is in escrow; paying the provider and refunding the rest failed and waits for an operator: " + cause.Error()}
}

func response(p *x402.Payment, r Result) *x402.SettleResponse {
	out := &x402.SettleResponse{Success: true, Payer: p.From.Hex(), Transaction: r.TxHash, Network: p.Network}
	if p.Charge != nil {
		out.Amount, out.Tokens, out.ChargeTransaction = r.Charged, p.Tokens, r.ChargeTx
		out.Refund, out.RefundTransaction = r.Refunded, r.RefundTx
	}
	return out
}
