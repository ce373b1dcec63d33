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
// reused. A failed settlement is canceled when its answer is withheld, and
// left failed for an operator when the answer was already delivered.
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
	run, err := s.Client.ExecuteWorkflow(ctx, opts, WorkflowName, req)
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return refused(p, x402.ReasonNonceUsed, "this authorization was already submitted for settlement; sign a new one"), nil
	}
	if err != nil {
		return nil, fmt.Errorf("start settlement of %s: %w", req.Payment.Nonce, err)
	}
	res, err := s.await(ctx, run)
	if err != nil {
		if !p.Delivered { // refused: the answer is withheld, so nothing may be taken later
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
// failed (waiting for an operator) or ctx ends.
func (s *X402Settler) await(ctx context.Context, run client.WorkflowRun) (Result, error) {
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
			return o.res, o.err
		case <-tick.C:
			if st, err := Query(ctx, s.Client, run.GetID()); err == nil && st.Status == StatusFailed {
				return Result{}, fmt.Errorf("settlement %s failed: %s", run.GetID(), st.LastError)
			}
		case <-ctx.Done():
			return Result{}, fmt.Errorf("settlement %s: %w", run.GetID(), ctx.Err())
		}
	}
}

// abandon cancels a settlement the client was refused for, so nothing is
// taken later for an answer that was not given. (A settlement already on
// chain stays there; the workflow's history says so.)
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

func response(p *x402.Payment, r Result) *x402.SettleResponse {
	out := &x402.SettleResponse{Success: true, Payer: p.From.Hex(), Transaction: r.TxHash, Network: p.Network}
	if p.Charge != nil {
		out.Amount, out.Tokens, out.ChargeTransaction = r.Charged, p.Tokens, r.ChargeTx
		out.Refund, out.RefundTransaction = r.Refunded, r.RefundTx
	}
	return out
}
