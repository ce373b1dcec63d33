package settlement

import (
	"context"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/chain"
)

// A real EIP-3009 payment on the dev chain, settled by the workflow on a
// real Temporal server. The first activity attempt sends the transaction and
// then "dies" (returns an error as if the worker crashed before recording the
// result); the retry finds the nonce used on chain and does not send again.
// The payee is credited exactly once.
func TestSettlementOnRealServerAndChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))

	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	token := dev.Deployments.ComputeUSD
	payer, payee := dev.Accounts[1], dev.Accounts[2]

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: srv.GetDefaultNamespace(),
		SearchAttributes: map[string]enumspb.IndexedValueType{
			SAState.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
			SAPayer.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
		},
	})
	require.NoError(t, err)

	acts := &Activities{Tx: tr, Log: log, FromBlock: dev.Deployments.StartBlock}
	var calls, sends atomic.Int32
	crashAfterSend := func(ctx context.Context, p Payment) (Result, error) {
		n := calls.Add(1)
		res, err := acts.Settle(ctx, p)
		if err == nil && !res.AlreadySettled {
			sends.Add(1)
		}
		if n == 1 && err == nil {
			return Result{}, errors.New("worker died after sending")
		}
		return res, err
	}
	const tq = "settlement-it"
	srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivityWithOptions(crashAfterSend, activity.RegisterOptions{Name: "Settle"})
	})

	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	value := big.NewInt(1_234_567)
	auth := chain.TransferAuthorization{From: payer, To: payee, Value: value, ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	before, err := chain.TokenBalance(ctx, dev.Client, token, payee)
	require.NoError(t, err)

	p := PaymentFrom("eip155:1337", token, auth, sig)
	pol := Policy{AttemptsPerRound: 3, MaxRounds: 1, InitialInterval: 50 * time.Millisecond, MaximumInterval: 100 * time.Millisecond, CallTimeout: 20 * time.Second}
	run, err := Start(ctx, c, tq, p, pol)
	require.NoError(t, err)
	require.Equal(t, WorkflowID(p.Nonce), run.GetID())
	var res Result
	require.NoError(t, run.Get(ctx, &res))
	require.True(t, res.AlreadySettled, "the retry must find the first attempt's transaction")
	require.NotEmpty(t, res.TxHash)
	require.Equal(t, int32(2), calls.Load())
	require.Equal(t, int32(1), sends.Load())

	after, err := chain.TokenBalance(ctx, dev.Client, token, payee)
	require.NoError(t, err)
	require.Equal(t, value.String(), new(big.Int).Sub(after, before).String(), "paid exactly once")

	replayLive(t, ctx, c, run.GetID(), run.GetRunID(), "settled-after-crash")

	// Submitting the same payment again starts nothing: the same run answers.
	again, err := Start(ctx, c, tq, p, pol)
	require.NoError(t, err)
	require.Equal(t, run.GetRunID(), again.GetRunID())
	require.Equal(t, int32(2), calls.Load())

	// An expired authorization fails at once and is listed as failed; the
	// operator's retry runs a new round (which fails again, visibly).
	bad := auth
	bad.Nonce, err = chain.NewAuthorizationNonce()
	require.NoError(t, err)
	bad.ValidBefore = big.NewInt(time.Now().Add(-time.Minute).Unix())
	badSig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, bad)
	require.NoError(t, err)
	bp := PaymentFrom("eip155:1337", token, bad, badSig)
	_, err = Start(ctx, c, tq, bp, pol)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		st, err := Query(ctx, c, bp.Nonce)
		return err == nil && st.Status == StatusFailed
	}, 10*time.Second, 50*time.Millisecond)
	require.Eventually(t, func() bool {
		l, err := List(ctx, c, srv.GetDefaultNamespace(), StatusFailed, 10)
		return err == nil && len(l) == 1 && l[0].WorkflowID == WorkflowID(bp.Nonce) && l[0].Payer != ""
	}, 10*time.Second, 100*time.Millisecond)
	require.NoError(t, Retry(ctx, c, bp.Nonce))
	require.Eventually(t, func() bool {
		st, err := Query(ctx, c, bp.Nonce)
		return err == nil && st.Retries == 1 && st.Status == StatusFailed
	}, 10*time.Second, 50*time.Millisecond)
	require.NoError(t, c.TerminateWorkflow(ctx, WorkflowID(bp.Nonce), "", "test done"))
	replayLive(t, ctx, c, WorkflowID(bp.Nonce), "", "failed-retried-terminated")
}
