// Package settlement settles one x402 payment (an EIP-3009
// transferWithAuthorization) per workflow, exactly once on chain.
//
// The workflow ID is `settlement/<nonce hex>`: starting a second workflow for
// the same authorization is refused by Temporal, and the activity checks the
// nonce's state on chain before sending, so a worker dying in the middle of
// the call never pays twice. A settlement that keeps failing stays open in
// the `failed` state (query `state`, search attribute SettlementState) until
// an operator sends the `retry` signal.
package settlement

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/workflow"
)

// Names operators and other packages use.
const (
	WorkflowName = "Settlement"
	QueryState   = "state"
	SignalRetry  = "retry"
	// IDPrefix + lower-case nonce hex (0x…) is the workflow ID.
	IDPrefix = "settlement/"
)

// Settlement states (the SettlementState search attribute and State.Status).
const (
	StatusSettling = "settling"
	StatusSettled  = "settled"
	StatusFailed   = "failed"
)

// Search attributes this workflow upserts; register them on the namespace
// (workers.EnsureSearchAttributes does it at worker start).
var (
	SAState = temporal.NewSearchAttributeKeyKeyword("SettlementState")
	SAPayer = temporal.NewSearchAttributeKeyKeyword("SettlementPayer")
	// SARetried is set (true) once an operator's retry signal arrived, so
	// retried settlements are counted without asking each workflow.
	SARetried = temporal.NewSearchAttributeKeyBool("SettlementRetried")
)

// WorkflowID is the settlement workflow's ID for an authorization nonce
// (0x-prefixed hex, any case).
func WorkflowID(nonceHex string) string {
	return IDPrefix + strings.ToLower(nonceHex)
}

// Payment is an x402 `exact` payment: the EIP-3009 authorization, its
// signature and the token, all as strings so the workflow input reads well in
// the Web UI.
type Payment struct {
	Network     string `json:"network"` // CAIP-2, e.g. eip155:1337
	Token       string `json:"token"`
	From        string `json:"from"`
	To          string `json:"to"`
	Value       string `json:"value"`       // base units, decimal
	ValidAfter  string `json:"validAfter"`  // unix seconds, decimal
	ValidBefore string `json:"validBefore"` // unix seconds, decimal
	Nonce       string `json:"nonce"`       // 0x + 64 hex
	Signature   string `json:"signature"`   // 0x + 130 hex
	Resource    string `json:"resource,omitempty"`
	// Escrowed: To must be the settling worker's own account (per-token
	// billing divides the payment from there); Settle refuses to take a
	// payment into an escrow it does not control.
	Escrowed bool `json:"escrowed,omitempty"`
}

// Policy bounds the retries: each round is one activity call retried up to
// AttemptsPerRound times with exponential backoff; after MaxRounds failed
// rounds the settlement is `failed` and waits for an operator's retry.
type Policy struct {
	AttemptsPerRound int32         `json:"attemptsPerRound"`
	MaxRounds        int           `json:"maxRounds"`
	InitialInterval  time.Duration `json:"initialInterval"`
	MaximumInterval  time.Duration `json:"maximumInterval"`
	RoundPause       time.Duration `json:"roundPause"` // durable timer between rounds
	CallTimeout      time.Duration `json:"callTimeout"`
	// ActivityFirst runs the first Settle attempt as the regular activity
	// too, as before versionLocalFirst (`bench x402 --temporal` times both
	// paths side by side).
	ActivityFirst bool `json:"activityFirst,omitempty"`
}

// DefaultPolicy: 5 attempts a round (1 s … 30 s apart), 3 rounds a minute
// apart, 2 minutes per call (a transaction waits for its receipt).
func DefaultPolicy() Policy {
	return Policy{AttemptsPerRound: 5, MaxRounds: 3, InitialInterval: time.Second, MaximumInterval: 30 * time.Second,
		RoundPause: time.Minute, CallTimeout: 2 * time.Minute}
}

func (p Policy) withDefaults() Policy {
	d := DefaultPolicy()
	if p.AttemptsPerRound <= 0 {
		p.AttemptsPerRound = d.AttemptsPerRound
	}
	if p.MaxRounds <= 0 {
		p.MaxRounds = d.MaxRounds
	}
	if p.InitialInterval <= 0 {
		p.InitialInterval = d.InitialInterval
	}
	if p.MaximumInterval <= 0 {
		p.MaximumInterval = d.MaximumInterval
	}
	if p.RoundPause < 0 {
		p.RoundPause = 0
	}
	if p.CallTimeout <= 0 {
		p.CallTimeout = d.CallTimeout
	}
	return p
}

// Request is the workflow input.
type Request struct {
	Payment Payment `json:"payment"`
	Policy  Policy  `json:"policy"`
	// Split, when set, makes this an escrowed settlement (per-token
	// billing): Payment.To is the escrow — the settling worker's own
	// account — and once the payment is in, the escrow pays Split.Charged
	// to Split.Provider and refunds the rest of Payment.Value to the payer.
	Split *Split `json:"split,omitempty"`
}

// Split is how an escrowed payment is divided: EIP-3009 signs an exact
// value, so a payer authorizes the maximum and gets back what was not used.
type Split struct {
	Provider string `json:"provider"`
	Charged  string `json:"charged"` // base units, decimal, at most Payment.Value
}

// Result is what Settle returns and the workflow's result.
type Result struct {
	TxHash string `json:"txHash,omitempty"`
	Block  uint64 `json:"block,omitempty"`
	// AlreadySettled: the nonce was found used on chain before sending (an
	// earlier attempt's transaction went through).
	AlreadySettled bool `json:"alreadySettled,omitempty"`
	// UsedBefore: the nonce was already used on chain when this settlement
	// made its very first attempt — settled by someone else (another
	// facilitator, a direct call), not by this workflow. A server must not
	// serve a request on it: that would serve one payment twice.
	UsedBefore bool `json:"usedBefore,omitempty"`
	// FirstAttempt: the activity's attempt number was 1 (set by Settle so
	// the workflow can tell UsedBefore; rounds restart the count).
	FirstAttempt bool `json:"firstAttempt,omitempty"`
	// Escrowed settlements only: what the provider got and in which
	// transaction, and what went back to the payer.
	Charged  string `json:"charged,omitempty"`
	ChargeTx string `json:"chargeTx,omitempty"`
	Refunded string `json:"refunded,omitempty"`
	RefundTx string `json:"refundTx,omitempty"`
	// Taken: this workflow's Settle moved the payment (on chain, by its own
	// transaction or an earlier attempt's). The `state` query shows it while
	// the settlement is still settling or failed: an escrowed payment whose
	// division failed is taken, and canceling it would strand the value in
	// the escrow, so X402Settler never cancels a taken settlement.
	Taken bool `json:"taken,omitempty"`
}

// State is the `state` query's answer.
type State struct {
	Status    string `json:"status"`
	Rounds    int    `json:"rounds"`  // failed rounds since the last retry
	Retries   int    `json:"retries"` // operator retries received
	LastError string `json:"lastError,omitempty"`
	Result    Result `json:"result"`
}

// Error types the activity returns as non-retryable: retrying the same call
// cannot succeed (the authorization itself is bad); the settlement goes to
// `failed` at once.
const (
	ErrTypeInvalid  = "InvalidAuthorization"
	ErrTypeCanceled = "AuthorizationCanceled"
)

// Workflow settles req.Payment.
func Workflow(ctx workflow.Context, req Request) (Result, error) {
	pol := req.Policy.withDefaults()
	log := workflow.GetLogger(ctx)
	st := State{Status: StatusSettling}
	if err := workflow.SetQueryHandler(ctx, QueryState, func() (State, error) { return st, nil }); err != nil {
		return Result{}, fmt.Errorf("register state query: %w", err)
	}
	retry := workflow.GetSignalChannel(ctx, SignalRetry)
	setStatus := func(s string) {
		st.Status = s
		sas := []temporal.SearchAttributeUpdate{SAState.ValueSet(s), SAPayer.ValueSet(strings.ToLower(req.Payment.From))}
		if st.Retries > 0 {
			// In the same upsert as the state: no command is added, so
			// histories recorded before SettlementRetried still replay.
			sas = append(sas, SARetried.ValueSet(true))
		}
		if err := workflow.UpsertTypedSearchAttributes(ctx, sas...); err != nil {
			log.Warn("upsert search attributes", "error", err)
		}
	}
	setStatus(StatusSettling)

	actx := workflow.WithActivityOptions(ctx, workflow.ActivityOptions{
		StartToCloseTimeout: pol.CallTimeout,
		RetryPolicy: &temporal.RetryPolicy{
			InitialInterval:        pol.InitialInterval,
			BackoffCoefficient:     2,
			MaximumInterval:        pol.MaximumInterval,
			MaximumAttempts:        pol.AttemptsPerRound,
			NonRetryableErrorTypes: []string{ErrTypeInvalid, ErrTypeCanceled},
		},
	})
	var res Result
	escrowed, tried := false, false
	for {
		err := runRound(ctx, actx, req, &res, &escrowed, &tried)
		if err == nil {
			st.Result, st.LastError = res, ""
			setStatus(StatusSettled)
			log.Info("settled", "tx", res.TxHash, "alreadySettled", res.AlreadySettled, "charged", res.Charged)
			return res, nil
		}
		st.Rounds++
		st.LastError = err.Error()
		st.Result = res // Taken, once the payment is in, while the division fails
		var appErr *temporal.ApplicationError
		final := errors.As(err, &appErr) && appErr.NonRetryable()
		if !final && st.Rounds < pol.MaxRounds {
			log.Warn("settlement round failed", "round", st.Rounds, "error", err)
			if pol.RoundPause > 0 {
				if err := workflow.Sleep(ctx, pol.RoundPause); err != nil {
					return Result{}, err // canceled
				}
			}
			continue
		}
		setStatus(StatusFailed)
		log.Error("settlement failed; waiting for an operator retry", "rounds", st.Rounds, "error", err)
		sel := workflow.NewSelector(ctx)
		sel.AddReceive(retry, func(c workflow.ReceiveChannel, _ bool) { c.Receive(ctx, nil) })
		sel.AddReceive(ctx.Done(), func(workflow.ReceiveChannel, bool) {})
		sel.Select(ctx)
		if ctx.Err() != nil {
			return Result{}, temporal.NewCanceledError(st.LastError)
		}
		st.Retries++
		st.Rounds = 0
		setStatus(StatusSettling)
	}
}

// ActivitySettle is the registered name of Activities.Settle (the local
// first attempt is executed by name, so the worker's registered instance
// runs it).
const ActivitySettle = "Settle"

// LocalAttemptTimeout bounds the first settlement attempt, run as a local
// activity inside the workflow's first task: well under the workflow task
// timeout (10 s), so the task never has to heartbeat and a worker that dies
// mid-call leaves no completed task behind it (see localFirstAttempt).
const LocalAttemptTimeout = 5 * time.Second

// versionLocalFirst: the first Settle attempt runs as a local activity (no
// activity task round trip through matching, no second workflow task when it
// succeeds); retries are the regular activity and its rounds. Histories
// recorded before it have no marker and replay the activity-only path.
const versionLocalFirst = "settle-local-first"

// localFirstAttempt reports whether the first Settle attempt runs as a local
// activity: on workflows started since versionLocalFirst, and only in the
// run's very first workflow task (its WorkflowTaskStarted is event 3). A
// local activity's attempt is not recorded until its task completes, so a
// worker dying mid-call makes the next worker run it again as attempt 1;
// that task starts later in the history (after the timed-out one) and takes
// the regular activity instead, which finds the nonce used on a non-first
// call — the settlement's own transaction, never UsedBefore. The decision
// is deterministic: replay sees the same WorkflowTaskStarted event IDs.
func localFirstAttempt(ctx workflow.Context) bool {
	if workflow.GetVersion(ctx, versionLocalFirst, workflow.DefaultVersion, 1) < 1 {
		return false
	}
	return workflow.GetInfo(ctx).GetCurrentHistoryLength() == 3
}

// runRound takes the payment (once: escrowed remembers it across rounds)
// and, for an escrowed settlement, divides it. tried remembers that Settle
// ran before, so only the workflow's very first attempt can find the nonce
// used by someone else.
func runRound(ctx, actx workflow.Context, req Request, res *Result, escrowed, tried *bool) error {
	var a *Activities
	if !*escrowed {
		first := !*tried
		*tried = true
		settled := false
		if first && localFirstAttempt(ctx) && !req.Policy.ActivityFirst {
			lctx := workflow.WithLocalActivityOptions(ctx, workflow.LocalActivityOptions{
				StartToCloseTimeout: LocalAttemptTimeout,
				RetryPolicy: &temporal.RetryPolicy{MaximumAttempts: 1,
					NonRetryableErrorTypes: []string{ErrTypeInvalid, ErrTypeCanceled}},
			})
			err := workflow.ExecuteLocalActivity(lctx, ActivitySettle, req.Payment).Get(ctx, res)
			var appErr *temporal.ApplicationError
			switch {
			case err == nil:
				settled = true
			case errors.As(err, &appErr) && appErr.NonRetryable():
				return err
			default:
				// Retried as the regular activity: a later attempt, so a
				// nonce found used there is this settlement's own
				// transaction, never UsedBefore.
				workflow.GetLogger(ctx).Warn("first settlement attempt (local) failed; retrying as an activity", "error", err)
				first = false
			}
		}
		if !settled {
			if err := workflow.ExecuteActivity(actx, a.Settle, req.Payment).Get(ctx, res); err != nil {
				return err
			}
		}
		res.UsedBefore = first && res.FirstAttempt && res.AlreadySettled
		*escrowed = true
		if res.UsedBefore {
			return nil // nothing of this payment is ours to divide
		}
		res.Taken = true
	}
	if req.Split == nil {
		return nil
	}
	var div Division
	if err := workflow.ExecuteActivity(actx, a.Distribute, req.Payment, *req.Split).Get(ctx, &div); err != nil {
		return err
	}
	res.Charged, res.ChargeTx, res.Refunded, res.RefundTx = div.Charged, div.ChargeTx, div.Refunded, div.RefundTx
	return nil
}
