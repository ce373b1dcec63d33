package settlement

import (
	"context"
	"errors"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/testsuite"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/x402"
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
	registerSearchAttributes(t, ctx, srv)

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

// TestEscrowDividesOnceOnChain: an escrowed payment on the dev chain is
// taken, then divided — the provider gets the charge, the payer the rest,
// the escrow keeps nothing — and dividing again (a retry after a crash)
// sends nothing and reports the same transactions.
func TestEscrowDividesOnceOnChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	token := dev.Deployments.ComputeUSD
	escrow, payer, provider := dev.Accounts[0], dev.Accounts[1], dev.Accounts[2]
	balance := func(a common.Address) *big.Int {
		b, err := chain.TokenBalance(ctx, dev.Client, token, a)
		require.NoError(t, err)
		return b
	}
	sent := func() uint64 {
		n, err := dev.Client.NonceAt(ctx, escrow, nil)
		require.NoError(t, err)
		return n
	}

	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	auth := chain.TransferAuthorization{From: payer, To: escrow, Value: big.NewInt(1000), ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	p := PaymentFrom("eip155:1337", token, auth, sig)
	split := Split{Provider: provider.Hex(), Charged: "300"}

	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	acts := &Activities{Tx: tr, Log: log, FromBlock: dev.Deployments.StartBlock}
	env.RegisterActivity(acts)
	payerBefore, providerBefore, escrowBefore := balance(payer), balance(provider), balance(escrow)
	_, err = env.ExecuteActivity(acts.Settle, p)
	require.NoError(t, err)
	v, err := env.ExecuteActivity(acts.Distribute, p, split)
	require.NoError(t, err)
	var div Division
	require.NoError(t, v.Get(&div))
	require.Equal(t, "300", div.Charged)
	require.Equal(t, "700", div.Refunded)
	require.NotEmpty(t, div.ChargeTx)
	require.NotEmpty(t, div.RefundTx)
	require.Equal(t, new(big.Int).Sub(payerBefore, big.NewInt(300)).String(), balance(payer).String())
	require.Equal(t, new(big.Int).Add(providerBefore, big.NewInt(300)).String(), balance(provider).String())
	require.Equal(t, escrowBefore.String(), balance(escrow).String())

	before := sent()
	v, err = env.ExecuteActivity(acts.Distribute, p, split)
	require.NoError(t, err)
	var again Division
	require.NoError(t, v.Get(&again))
	require.Equal(t, div, again, "a repeated division reports the first one's transactions")
	require.Equal(t, before, sent(), "a repeated division sends nothing")
	require.Equal(t, escrowBefore.String(), balance(escrow).String())

	// A split charging more than was escrowed is refused for good.
	_, err = env.ExecuteActivity(acts.Distribute, p, Split{Provider: provider.Hex(), Charged: "1001"})
	require.ErrorContains(t, err, "between 0 and the escrowed 1000")
}

// TestSettledElsewhereIsUsedBefore: an authorization already settled on
// chain by someone else before its workflow started comes back UsedBefore
// (a server must refuse it: serving it would serve one payment twice), and
// the X402 settler refuses it as a used nonce. Nothing is sent.
func TestSettledElsewhereIsUsedBefore(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	token := dev.Deployments.ComputeUSD
	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	auth := chain.TransferAuthorization{From: dev.Accounts[1], To: dev.Accounts[2], Value: big.NewInt(1000), ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	_, err = chain.TransferWithAuthorization(ctx, tr, token, auth, sig) // settled elsewhere
	require.NoError(t, err)
	sent, err := dev.Client.NonceAt(ctx, dev.Accounts[0], nil)
	require.NoError(t, err)

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	registerSearchAttributes(t, ctx, srv)
	const tq = "settlement-elsewhere"
	acts := &Activities{Tx: tr, Log: log, FromBlock: dev.Deployments.StartBlock}
	srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivity(acts)
	})
	pay := &x402.Payment{Version: 2, ChainID: big.NewInt(1337), Network: "eip155:1337", Asset: token, From: auth.From, To: auth.To,
		Value: auth.Value, ValidAfter: auth.ValidAfter, ValidBefore: auth.ValidBefore, Nonce: nonce, Signature: sig}
	res, err := NewX402Settler(c, tq, log).Settle(ctx, pay)
	require.NoError(t, err)
	require.False(t, res.Success)
	require.Equal(t, x402.ReasonNonceUsed, res.ErrorReason)
	var wres Result
	require.NoError(t, c.GetWorkflow(ctx, WorkflowID(hexutil.Encode(nonce[:])), "").Get(ctx, &wres))
	require.True(t, wres.UsedBefore)
	after, err := dev.Client.NonceAt(ctx, dev.Accounts[0], nil)
	require.NoError(t, err)
	require.Equal(t, sent, after, "nothing sent for an authorization settled elsewhere")
}

// TestEscrowElsewhereIsNotTaken: an escrowed payment whose escrow is not the
// worker's own account is refused before anything is sent (the worker could
// not divide it).
func TestEscrowElsewhereIsNotTaken(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	p := Payment{Network: "eip155:1337", Token: dev.Deployments.ComputeUSD.Hex(), From: dev.Accounts[1].Hex(), To: dev.Accounts[2].Hex(),
		Value: "1000", ValidAfter: "0", ValidBefore: "99999999999", Nonce: "0x" + repeat("01", 32), Signature: "0x" + repeat("02", 65), Escrowed: true}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	acts := &Activities{Tx: tr, Log: log}
	env.RegisterActivity(acts)
	before, err := dev.Client.NonceAt(ctx, dev.Accounts[0], nil)
	require.NoError(t, err)
	_, err = env.ExecuteActivity(acts.Settle, p)
	require.ErrorContains(t, err, "not taking it")
	after, err := dev.Client.NonceAt(ctx, dev.Accounts[0], nil)
	require.NoError(t, err)
	require.Equal(t, before, after, "nothing sent")
}

// TestEscrowedSettlementOnRealServer: a per-token (split) settlement on a
// real Temporal server and the dev chain: taken into escrow, divided, the
// result carries both legs; its history replays (and is recorded with
// COMPUTEPOOL_RECORD_HISTORY=1, so a nondeterministic change to the split
// path fails the replay test).
func TestEscrowedSettlementOnRealServer(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	token := dev.Deployments.ComputeUSD
	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	auth := chain.TransferAuthorization{From: dev.Accounts[1], To: dev.Accounts[0], Value: big.NewInt(1000), ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	p := PaymentFrom("eip155:1337", token, auth, sig)
	p.Escrowed = true

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	registerSearchAttributes(t, ctx, srv)
	const tq = "settlement-escrow"
	srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivity(&Activities{Tx: tr, Log: log, FromBlock: dev.Deployments.StartBlock})
	})
	req := Request{Payment: p, Policy: APIPolicy(), Split: &Split{Provider: dev.Accounts[2].Hex(), Charged: "250"}}
	run, err := c.ExecuteWorkflow(ctx, StartOptions(tq, p.Nonce), WorkflowName, req)
	require.NoError(t, err)
	var res Result
	require.NoError(t, run.Get(ctx, &res))
	require.Equal(t, "250", res.Charged)
	require.Equal(t, "750", res.Refunded)
	require.NotEmpty(t, res.TxHash)
	require.NotEmpty(t, res.ChargeTx)
	require.NotEmpty(t, res.RefundTx)
	require.False(t, res.UsedBefore)
	replayLive(t, ctx, c, run.GetID(), run.GetRunID(), "escrow-divided")
}

// TestDeliveredFailureStaysForAnOperator: a settlement that fails after its
// answer was delivered (a streamed per-token answer) is reported as failed
// to the API but left open in `failed` for an operator's retry — not
// canceled, as a refused (withheld) answer's is.
func TestDeliveredFailureStaysForAnOperator(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.ErrorLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	registerSearchAttributes(t, ctx, srv)
	const tq = "settlement-delivered"
	srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivity(&Activities{Tx: tr, Log: log})
	})
	settler := NewX402Settler(c, tq, log)
	for _, delivered := range []bool{false, true} {
		nonce, err := chain.NewAuthorizationNonce()
		require.NoError(t, err)
		// Expired and unsigned: the activity refuses it for good, the workflow goes to failed.
		pay := &x402.Payment{Version: 2, ChainID: big.NewInt(1337), Network: "eip155:1337", Asset: dev.Deployments.ComputeUSD,
			From: dev.Accounts[1], To: dev.Accounts[2], Value: big.NewInt(10), ValidAfter: big.NewInt(0),
			ValidBefore: big.NewInt(time.Now().Add(-time.Minute).Unix()), Nonce: nonce, Signature: make([]byte, 65), Delivered: delivered}
		res, err := settler.Settle(ctx, pay)
		require.NoError(t, err)
		require.False(t, res.Success)
		id := WorkflowID(hexutil.Encode(nonce[:]))
		want := enumspb.WORKFLOW_EXECUTION_STATUS_CANCELED
		if delivered {
			want = enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING
		}
		require.Eventually(t, func() bool {
			d, err := c.DescribeWorkflowExecution(ctx, id, "")
			return err == nil && d.WorkflowExecutionInfo.Status == want
		}, 10*time.Second, 50*time.Millisecond, "delivered=%v: want %s", delivered, want)
		if delivered {
			st, err := Query(ctx, c, id)
			require.NoError(t, err)
			require.Equal(t, StatusFailed, st.Status)
			require.NoError(t, c.TerminateWorkflow(ctx, id, "", "test done"))
		}
	}
}

// registerSearchAttributes registers what the settlement workflow upserts.
func registerSearchAttributes(t *testing.T, ctx context.Context, srv *temporaltest.TestServer) {
	t.Helper()
	_, err := srv.GetDefaultClient().OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: srv.GetDefaultNamespace(),
		SearchAttributes: map[string]enumspb.IndexedValueType{SAState.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD,
			SAPayer.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD, SARetried.GetName(): enumspb.INDEXED_VALUE_TYPE_BOOL}})
	require.NoError(t, err)
}

// TestTakenPaymentIsServedNotCanceled: a non-streamed per-token payment is
// taken into escrow, then its division fails every attempt of the API's
// policy. The payer paid, so X402Settler serves it (success, the escrow
// transaction) and never cancels the workflow: it stays `failed` with the
// payment taken, and the operator's retry pays the provider and refunds
// the payer — the escrow keeps nothing.
func TestTakenPaymentIsServedNotCanceled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.ErrorLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	token := dev.Deployments.ComputeUSD
	escrow, payer, provider := dev.Accounts[0], dev.Accounts[1], dev.Accounts[2]
	balance := func(a common.Address) *big.Int {
		b, err := chain.TokenBalance(ctx, dev.Client, token, a)
		require.NoError(t, err)
		return b
	}

	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	registerSearchAttributes(t, ctx, srv)
	acts := &Activities{Tx: tr, Log: log, FromBlock: dev.Deployments.StartBlock}
	var failDivision atomic.Bool
	failDivision.Store(true)
	distribute := func(ctx context.Context, p Payment, split Split) (Division, error) {
		if failDivision.Load() {
			return Division{}, errors.New("rpc: 503")
		}
		return acts.Distribute(ctx, p, split)
	}
	const tq = "settlement-taken"
	srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivityWithOptions(acts.Settle, activity.RegisterOptions{Name: "Settle"})
		r.RegisterActivityWithOptions(distribute, activity.RegisterOptions{Name: "Distribute"})
	})

	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	auth := chain.TransferAuthorization{From: payer, To: escrow, Value: big.NewInt(1000), ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	pay := &x402.Payment{Version: 2, ChainID: big.NewInt(1337), Network: "eip155:1337", Asset: token, From: payer, To: escrow,
		Value: auth.Value, ValidAfter: auth.ValidAfter, ValidBefore: auth.ValidBefore, Nonce: nonce, Signature: sig,
		Charge: big.NewInt(300), Provider: provider, Tokens: 100}
	payerBefore, providerBefore, escrowBefore := balance(payer), balance(provider), balance(escrow)

	settler := NewX402Settler(c, tq, log)
	settler.Policy.InitialInterval, settler.Policy.MaximumInterval = 20*time.Millisecond, 50*time.Millisecond
	res, err := settler.Settle(ctx, pay)
	require.NoError(t, err)
	require.True(t, res.Success, "the payment was taken: the answer is served (%s)", res.ErrorMessage)
	require.NotEmpty(t, res.Transaction)
	require.Empty(t, res.ChargeTransaction)
	require.Contains(t, res.ErrorMessage, "waits for an operator")
	require.Equal(t, new(big.Int).Add(escrowBefore, big.NewInt(1000)).String(), balance(escrow).String(), "the maximum is in escrow")

	id := WorkflowID(hexutil.Encode(nonce[:]))
	time.Sleep(500 * time.Millisecond) // a cancel, had one been sent, lands
	d, err := c.DescribeWorkflowExecution(ctx, id, "")
	require.NoError(t, err)
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, d.WorkflowExecutionInfo.Status, "a taken settlement is never canceled")
	st, err := Query(ctx, c, id)
	require.NoError(t, err)
	require.Equal(t, StatusFailed, st.Status)
	require.True(t, st.Result.Taken)
	require.Equal(t, res.Transaction, st.Result.TxHash)

	failDivision.Store(false)
	require.NoError(t, Retry(ctx, c, id))
	var wres Result
	require.NoError(t, c.GetWorkflow(ctx, id, "").Get(ctx, &wres))
	require.True(t, wres.Taken)
	require.Equal(t, "300", wres.Charged)
	require.Equal(t, "700", wres.Refunded)
	require.Equal(t, new(big.Int).Sub(payerBefore, big.NewInt(300)).String(), balance(payer).String())
	require.Equal(t, new(big.Int).Add(providerBefore, big.NewInt(300)).String(), balance(provider).String())
	require.Equal(t, escrowBefore.String(), balance(escrow).String(), "the escrow keeps nothing")
	replayLive(t, ctx, c, id, "", "taken-division-failed-retried")
}

// TestDivisionShortEscrowSaysSo: an escrow account that does not hold a
// leg's amount (its balance went to payment streams, say) fails the leg
// with an error that names the account and the shortfall, before sending.
func TestDivisionShortEscrowSaysSo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	empty := chain.NewKeySigner(key) // holds no tokens
	tr, err := chain.NewTransactor(ctx, dev.Client, empty, log, chain.TransactorOptions{ExpectChainID: chain.DevChainID, Timeout: 20 * time.Second})
	require.NoError(t, err)
	p := Payment{Network: "eip155:1337", Token: dev.Deployments.ComputeUSD.Hex(), From: dev.Accounts[1].Hex(), To: empty.Address().Hex(),
		Value: "1000", ValidAfter: "0", ValidBefore: "99999999999", Nonce: "0x" + repeat("03", 32), Signature: "0x" + repeat("02", 65), Escrowed: true}
	var suite testsuite.WorkflowTestSuite
	env := suite.NewTestActivityEnvironment()
	acts := &Activities{Tx: tr, Log: log}
	env.RegisterActivity(acts)
	_, err = env.ExecuteActivity(acts.Distribute, p, Split{Provider: dev.Accounts[2].Hex(), Charged: "300"})
	require.ErrorContains(t, err, "charge leg: the escrow "+empty.Address().Hex()+" holds 0")
	require.ErrorContains(t, err, "pays 300")
	n, err := dev.Client.NonceAt(ctx, empty.Address(), nil)
	require.NoError(t, err)
	require.Zero(t, n, "nothing sent")
}
