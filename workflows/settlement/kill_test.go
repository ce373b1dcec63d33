package settlement

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/big"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/chain"
)

// Environment of the worker child process (this test binary run again).
const (
	envChildWorker = "COMPUTEPOOL_TEST_SETTLEMENT_WORKER"
	envChildRPC    = "COMPUTEPOOL_TEST_RPC"
	envChildFront  = "COMPUTEPOOL_TEST_FRONTEND"
	envChildNS     = "COMPUTEPOOL_TEST_NAMESPACE"
	envChildQueue  = "COMPUTEPOOL_TEST_QUEUE"
)

const (
	killTaskQueue = "settlement-kill"
	childStarted  = "settle activity started"
)

func TestMain(m *testing.M) {
	if os.Getenv(envChildWorker) == "1" {
		os.Exit(childWorker())
	}
	os.Exit(m.Run())
}

// childWorker settles and then hangs before reporting, as a worker that is
// about to die; the parent SIGKILLs it.
func childWorker() int {
	ctx := context.Background()
	log := zap.NewNop()
	ec, err := ethclient.DialContext(ctx, os.Getenv(envChildRPC))
	if err != nil {
		return 3
	}
	tr, err := chain.NewTransactor(ctx, ec, chain.NewKeySigner(chain.DevKey(0)), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
	if err != nil {
		return 4
	}
	c, err := client.Dial(client.Options{HostPort: os.Getenv(envChildFront), Namespace: os.Getenv(envChildNS)})
	if err != nil {
		return 5
	}
	acts := &Activities{Tx: tr, Log: log}
	hang := func(ctx context.Context, p Payment) (Result, error) {
		fmt.Println(childStarted)
		res, err := acts.Settle(ctx, p)
		time.Sleep(time.Hour) // never report: killed here
		return res, err
	}
	w := worker.New(c, os.Getenv(envChildQueue), worker.Options{})
	w.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
	w.RegisterActivityWithOptions(hang, activity.RegisterOptions{Name: "Settle"})
	if err := w.Run(worker.InterruptCh()); err != nil {
		return 6
	}
	return 0
}

// The worker process is SIGKILLed after its transaction is on chain and
// before it reports; a fresh worker takes over after the call's timeout,
// finds the nonce used and completes: the payee is paid exactly once.
func TestSettlementSurvivesWorkerKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a worker process")
	}
	k := newKillEnv(t)
	k.round(t, 0, func(used func() bool) {
		require.Eventually(t, used, 30*time.Second, 20*time.Millisecond)
	})
}

// The soak of issue #6: COMPUTEPOOL_SETTLEMENT_SOAK=20 kills the worker at a
// random point (before, during or after sending) 20 times; every payment is
// settled exactly once. Not in the default run (~5 s a round).
func TestSettlementKillSoak(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("COMPUTEPOOL_SETTLEMENT_SOAK"))
	if n <= 0 {
		t.Skip("set COMPUTEPOOL_SETTLEMENT_SOAK=<rounds>")
	}
	k := newKillEnv(t)
	usedAtKill := 0
	for i := range n {
		delay := time.Duration(rand.IntN(60)) * time.Millisecond // a send takes ~10-60 ms here
		k.round(t, i, func(used func() bool) {
			time.Sleep(delay)
			if used() {
				usedAtKill++
			}
		})
	}
	t.Logf("%d rounds: %d killed after the transaction, %d before; all paid exactly once", n, usedAtKill, n-usedAtKill)
}

type killEnv struct {
	ctx context.Context
	log *zap.Logger
	dev *chain.DevChain
	srv *temporaltest.TestServer
	c   client.Client
}

func newKillEnv(t *testing.T) *killEnv {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	log := zaptest.NewLogger(t, zaptest.Level(zap.ErrorLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 3})
	require.NoError(t, err)
	t.Cleanup(func() { dev.Close() }) //nolint:errcheck // test cleanup
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: srv.GetDefaultNamespace(),
		SearchAttributes: map[string]enumspb.IndexedValueType{
			SAState.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD, SAPayer.GetName(): enumspb.INDEXED_VALUE_TYPE_KEYWORD},
	})
	require.NoError(t, err)
	return &killEnv{ctx: ctx, log: log, dev: dev, srv: srv, c: c}
}

// round: a worker process takes the settlement; kill(used) decides when to
// SIGKILL it; a fresh in-process worker finishes; the payee gets the value once.
func (k *killEnv) round(t *testing.T, i int, kill func(used func() bool)) {
	ctx, dev := k.ctx, k.dev
	tq := fmt.Sprintf("%s-%d", killTaskQueue, i)
	child := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), envChildWorker+"=1", envChildRPC+"="+dev.URL, envChildFront+"="+k.srv.GetFrontendHostPort(),
		envChildNS+"="+k.srv.GetDefaultNamespace(), envChildQueue+"="+tq)
	child.Stderr = os.Stderr
	out, err := child.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, child.Start())
	started := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == childStarted {
				close(started)
				break
			}
		}
		io.Copy(io.Discard, out) //nolint:errcheck // drain
	}()
	defer child.Process.Kill() //nolint:errcheck // already dead in the good case

	token := dev.Deployments.ComputeUSD
	payer, payee := dev.Accounts[1], dev.Accounts[2]
	dom, err := chain.ReadDomain(ctx, dev.Client, token)
	require.NoError(t, err)
	nonce, err := chain.NewAuthorizationNonce()
	require.NoError(t, err)
	value := big.NewInt(777)
	auth := chain.TransferAuthorization{From: payer, To: payee, Value: value, ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(time.Now().Add(time.Hour).Unix()), Nonce: nonce}
	sig, err := chain.SignTransferAuthorization(ctx, dev.Signer(1), dom, auth)
	require.NoError(t, err)
	before, err := chain.TokenBalance(ctx, dev.Client, token, payee)
	require.NoError(t, err)

	pol := Policy{AttemptsPerRound: 5, MaxRounds: 1, InitialInterval: 100 * time.Millisecond, MaximumInterval: 200 * time.Millisecond, CallTimeout: 2 * time.Second}
	run, err := Start(ctx, k.c, tq, PaymentFrom("eip155:1337", token, auth, sig), pol)
	require.NoError(t, err)
	select {
	case <-started:
	case <-time.After(30 * time.Second):
		t.Fatal("the worker process never started the activity")
	}
	kill(func() bool {
		used, err := chain.AuthorizationUsed(ctx, dev.Client, token, payer, nonce)
		return err == nil && used
	})
	require.NoError(t, child.Process.Signal(syscall.SIGKILL))
	_ = child.Wait()

	tr, err := chain.NewTransactor(ctx, dev.Client, dev.Signer(0), k.log, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
	require.NoError(t, err)
	k.srv.NewWorker(tq, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		r.RegisterActivity(&Activities{Tx: tr, Log: k.log})
	})
	var res Result
	require.NoError(t, run.Get(ctx, &res))
	require.NotEmpty(t, res.TxHash)
	after, err := chain.TokenBalance(ctx, dev.Client, token, payee)
	require.NoError(t, err)
	require.Equal(t, value.String(), new(big.Int).Sub(after, before).String(), "round %d: paid exactly once", i)
}
