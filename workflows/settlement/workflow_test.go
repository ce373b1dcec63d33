package settlement

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/mock"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/testsuite"
)

func testPayment() Payment {
	return Payment{Network: "eip155:1337", Token: "0x00000000000000000000000000000000000000aa",
		From: "0x00000000000000000000000000000000000000Bb", To: "0x00000000000000000000000000000000000000cc",
		Value: "1000", ValidAfter: "0", ValidBefore: "99999999999", Nonce: "0x" + repeat("01", 32), Signature: "0x" + repeat("02", 65)}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

var fastPolicy = Policy{AttemptsPerRound: 2, MaxRounds: 2, InitialInterval: time.Second, MaximumInterval: time.Second,
	RoundPause: time.Minute, CallTimeout: time.Minute}

func TestSettlementHappyPath(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, testPayment()).Return(Result{TxHash: "0xabc", Block: 7}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.True(t, env.IsWorkflowCompleted())
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, Result{TxHash: "0xabc", Block: 7, Taken: true}, res)
	v, err := env.QueryWorkflow(QueryState)
	require.NoError(t, err)
	var st State
	require.NoError(t, v.Get(&st))
	require.Equal(t, StatusSettled, st.Status)
	env.AssertExpectations(t)
}

// A transient failure is retried by the activity's retry policy within one round.
func TestSettlementRetriesTransientErrors(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{}, errors.New("rpc: connection refused")).Once()
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{TxHash: "0xdef"}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, "0xdef", res.TxHash)
	env.AssertExpectations(t)
}

// After MaxRounds failed rounds the settlement is visible as failed and waits;
// an operator's retry signal starts a new round that settles it.
func TestSettlementFailedThenOperatorRetry(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a *Activities
	calls := 0
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(func(_ context.Context, _ Payment) (Result, error) {
		calls++
		if calls <= int(fastPolicy.AttemptsPerRound)*fastPolicy.MaxRounds {
			return Result{}, errors.New("rpc: 503")
		}
		return Result{TxHash: "0xfeed"}, nil
	})
	var seen State
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(QueryState)
		require.NoError(t, err)
		require.NoError(t, v.Get(&seen))
		env.SignalWorkflow(SignalRetry, nil)
	}, 24*time.Hour)
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.NoError(t, env.GetWorkflowError())
	require.Equal(t, StatusFailed, seen.Status)
	require.Equal(t, fastPolicy.MaxRounds, seen.Rounds)
	require.Contains(t, seen.LastError, "rpc: 503")
	require.Equal(t, 5, calls, "2 rounds × 2 attempts, then 1 after the retry")
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, "0xfeed", res.TxHash)
	v, err := env.QueryWorkflow(QueryState)
	require.NoError(t, err)
	var st State
	require.NoError(t, v.Get(&st))
	require.Equal(t, State{Status: StatusSettled, Retries: 1, Result: Result{TxHash: "0xfeed", Taken: true}}, st)
}

// A bad authorization is not retried: failed after one call.
func TestSettlementInvalidIsNotRetried(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).
		Return(Result{}, temporal.NewNonRetryableApplicationError("expired", ErrTypeInvalid, nil)).Once()
	var seen State
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(QueryState)
		require.NoError(t, err)
		require.NoError(t, v.Get(&seen))
		env.CancelWorkflow()
	}, time.Hour)
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.Error(t, env.GetWorkflowError())
	require.Equal(t, StatusFailed, seen.Status)
	require.Equal(t, 1, seen.Rounds)
	env.AssertExpectations(t)
}

func TestPaymentParse(t *testing.T) {
	p := testPayment()
	_, a, sig, err := p.Parse()
	require.NoError(t, err)
	require.Len(t, sig, 65)
	require.Equal(t, "1000", a.Value.String())
	require.Equal(t, p, func() Payment {
		q := PaymentFrom(p.Network, [20]byte{19: 0xaa}, a, sig)
		q.Token, q.From, q.To = p.Token, p.From, p.To
		return q
	}())
	for _, bad := range []func(*Payment){
		func(p *Payment) { p.From = "nope" },
		func(p *Payment) { p.Value = "-1" },
		func(p *Payment) { p.Nonce = "0x01" },
		func(p *Payment) { p.Signature = "0x" },
	} {
		q := testPayment()
		bad(&q)
		_, _, _, err := q.Parse()
		require.Error(t, err)
	}
	require.Equal(t, "settlement/0xab", WorkflowID("0xAB"))
}

// An escrowed settlement takes the payment once, then divides it; a
// division that fails a whole round is retried in the next round without
// taking the payment again.
func TestSettlementSplitDividesOnce(t *testing.T) {
	var s testsuite.WorkflowTestSuite
	env := s.NewTestWorkflowEnvironment()
	var a *Activities
	split := Split{Provider: "0x00000000000000000000000000000000000000dd", Charged: "300"}
	env.OnActivity(a.Settle, mock.Anything, testPayment()).Return(Result{TxHash: "0xin"}, nil).Once()
	env.OnActivity(a.Distribute, mock.Anything, testPayment(), split).Return(Division{}, errors.New("rpc down")).Times(int(fastPolicy.AttemptsPerRound))
	env.OnActivity(a.Distribute, mock.Anything, testPayment(), split).
		Return(Division{Charged: "300", ChargeTx: "0xc", Refunded: "700", RefundTx: "0xr"}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy, Split: &split})
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, Result{TxHash: "0xin", Charged: "300", ChargeTx: "0xc", Refunded: "700", RefundTx: "0xr", Taken: true}, res)
	env.AssertExpectations(t)
}

// localFirstEnv is a test environment whose first workflow task is the run's
// first (WorkflowTaskStarted is event 3), as on a real server: the first
// Settle attempt runs as a local activity. started counts the local
// attempts, activities the regular ones.
func localFirstEnv(t *testing.T) (env *testsuite.TestWorkflowEnvironment, local, regular *int) {
	t.Helper()
	var s testsuite.WorkflowTestSuite
	env = s.NewTestWorkflowEnvironment()
	env.SetCurrentHistoryLength(3)
	local, regular = new(int), new(int)
	env.SetOnLocalActivityStartedListener(func(*activity.Info, context.Context, []any) { *local++ })
	env.SetOnActivityStartedListener(func(*activity.Info, context.Context, converter.EncodedValues) { *regular++ })
	return env, local, regular
}

// The first attempt settles as a local activity: no activity task.
func TestSettlementFirstAttemptIsLocal(t *testing.T) {
	env, local, regular := localFirstEnv(t)
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, testPayment()).Return(Result{TxHash: "0xabc", Block: 7}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.Equal(t, Result{TxHash: "0xabc", Block: 7, Taken: true}, res)
	require.Equal(t, 1, *local)
	require.Equal(t, 0, *regular)
	env.AssertExpectations(t)
}

// A nonce already used at the local first attempt was settled by someone
// else: UsedBefore, as on the activity path.
func TestSettlementLocalFirstAttemptUsedBefore(t *testing.T) {
	env, local, regular := localFirstEnv(t)
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{TxHash: "0xold", AlreadySettled: true, FirstAttempt: true}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.True(t, res.UsedBefore)
	require.False(t, res.Taken)
	require.Equal(t, 1, *local)
	require.Equal(t, 0, *regular)
}

// A local first attempt that fails transiently (it may have sent the
// transaction) is retried as the regular activity; a nonce found used there
// is this settlement's own transaction, not UsedBefore.
func TestSettlementLocalFailureFallsBackToActivity(t *testing.T) {
	env, local, regular := localFirstEnv(t)
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{}, errors.New("wait for receipt: timeout")).Once()
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{TxHash: "0xmine", AlreadySettled: true, FirstAttempt: true}, nil).Once()
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.NoError(t, env.GetWorkflowError())
	var res Result
	require.NoError(t, env.GetWorkflowResult(&res))
	require.False(t, res.UsedBefore)
	require.True(t, res.Taken)
	require.Equal(t, "0xmine", res.TxHash)
	require.Equal(t, 1, *local)
	require.Equal(t, 1, *regular)
	env.AssertExpectations(t)
}

// A non-retryable failure of the local first attempt ends the round at once
// (no activity retries): the settlement is failed.
func TestSettlementLocalInvalidIsNotRetried(t *testing.T) {
	env, local, regular := localFirstEnv(t)
	var a *Activities
	env.OnActivity(a.Settle, mock.Anything, mock.Anything).Return(Result{},
		temporal.NewNonRetryableApplicationError("expired", ErrTypeInvalid, nil)).Once()
	env.RegisterDelayedCallback(func() {
		v, err := env.QueryWorkflow(QueryState)
		require.NoError(t, err)
		var st State
		require.NoError(t, v.Get(&st))
		require.Equal(t, StatusFailed, st.Status)
		env.CancelWorkflow()
	}, time.Hour)
	env.ExecuteWorkflow(Workflow, Request{Payment: testPayment(), Policy: fastPolicy})
	require.Error(t, env.GetWorkflowError())
	require.Equal(t, 1, *local)
	require.Equal(t, 0, *regular)
}
