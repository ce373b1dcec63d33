package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.uber.org/zap"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/openai"
	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/facilitator"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workers/devserver"
	"github.com/computepool/computepool/workflows/settlement"
)

// X402Result is what `bench x402 --json` prints: time to the first streamed
// chunk of the same request unpaid and paid (verify + on-chain settlement
// through the facilitator, which happens before a stream's first byte),
// alternating in one run.
type X402Result struct {
	Model        string  `json:"model"`
	Rounds       int     `json:"rounds"`
	UnpaidP50Ms  float64 `json:"unpaid_ttft_p50_ms"`
	UnpaidP90Ms  float64 `json:"unpaid_ttft_p90_ms"`
	PaidP50Ms    float64 `json:"paid_ttft_p50_ms"`
	PaidP90Ms    float64 `json:"paid_ttft_p90_ms"`
	OverheadP50  float64 `json:"overhead_p50_ms"`
	Settlements  int     `json:"settlements"`
	PaidTotal    string  `json:"paid_total"` // base units the payee gained, = rounds × price
	Transactions uint64  `json:"relayer_transactions"`
	// With --temporal: the same paid request settled as a settlement
	// workflow on an in-process Temporal dev server (api --temporal).
	TemporalPaidP50Ms   float64 `json:"temporal_paid_ttft_p50_ms,omitempty"`
	TemporalPaidP90Ms   float64 `json:"temporal_paid_ttft_p90_ms,omitempty"`
	TemporalOverheadP50 float64 `json:"temporal_overhead_p50_ms,omitempty"`
	TemporalSettlements int     `json:"temporal_settlements,omitempty"`
	// With --temporal, in the same rounds: the same workflow where the
	// worker shares the settler's client (eager start: the first workflow
	// task comes back in the start's reply, no trip through matching), as
	// api --temporal --settle-in-process runs it (that process then holds
	// the relayer key, docs/api.md).
	InProcessPaidP50Ms   float64 `json:"temporal_in_process_paid_ttft_p50_ms,omitempty"`
	InProcessPaidP90Ms   float64 `json:"temporal_in_process_paid_ttft_p90_ms,omitempty"`
	InProcessOverheadP50 float64 `json:"temporal_in_process_overhead_p50_ms,omitempty"`
}

// benchInProcessSigner is the dev account the in-process settlement worker
// relays from (accounts 0–3 are the control worker's escrow, the
// facilitator's relayer, the payee, the payer): each path sends from its own
// account, so no two share a nonce sequence.
const benchInProcessSigner = 4

// benchInProcessQueue is the in-process worker's task queue: the control
// worker's other client polls the control queue, and a workflow task there
// could go to either.
const benchInProcessQueue = "bench-x402-in-process"

// benchX402 runs the dev chain, the facilitator and OpenAI handlers over one
// in-process model — one unpaid, the others behind x402 — and times them in
// the same rounds.
func benchX402(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench x402", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required; a tiny genmodel model is enough)")
	rounds := fs.Int("rounds", 30, "paid and unpaid requests each, alternating")
	viaTemporal := fs.Bool("temporal", false, "also time payments settled as settlement workflows (in-process Temporal dev server; a control worker on its own client, as api --temporal with `worker control` apart, and one on the settler's client, eager start, as api --temporal --settle-in-process)")
	temporalDB := fs.String("temporal-db", "", "with --temporal: the dev server's SQLite file, as `computepool dev` keeps it (default: in memory; the file must not exist)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *rounds <= 0 {
		return fmt.Errorf("--model DIR is required and --rounds must be positive")
	}
	quiet := log.WithOptions(zap.IncreaseLevel(zap.WarnLevel))
	// COMPUTEPOOL_LOG_LEVEL=debug shows where each settlement's time goes
	// (the transactor's send and receipt wait, the settler's start RPC and
	// wait); everything else stays at warn.
	settleLog := quiet
	if log.Core().Enabled(zap.DebugLevel) {
		settleLog = log
	}
	dc, err := chain.StartDev(ctx, quiet, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: benchInProcessSigner + 1})
	if err != nil {
		return err
	}
	defer dc.Close() //nolint:errcheck // shutting down
	tr, err := chain.NewTransactor(ctx, dc.Client, dc.Signer(devRelayer), settleLog, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
	if err != nil {
		return err
	}
	fac, err := facilitator.New(ctx, facilitator.Config{Transactor: tr, Tokens: []common.Address{dc.Deployments.ComputeUSD}, Log: quiet})
	if err != nil {
		return err
	}
	facURL, stopFac, err := serve(fac.Handler())
	if err != nil {
		return err
	}
	defer stopFac()

	m, closeModel, err := api.LoadLocal(ctx, *dir, api.LocalOptions{Slots: 2, Capacity: 256}, quiet)
	if err != nil {
		return err
	}
	defer closeModel()
	handler := openai.New(api.NewModels(m), quiet)
	d := dc.Deployments
	price, _ := new(big.Int).SetString(defaultDevPrice, 10)
	offer := x402.Offer{Network: fac.Network(), Asset: d.ComputeUSD, TokenName: d.TokenName, TokenVersion: d.TokenVersion,
		PayTo: dc.Accounts[devPayee], Amount: price}
	pay, err := x402.NewMiddleware(offer, &x402.FacilitatorClient{URL: facURL}, quiet)
	if err != nil {
		return err
	}
	freeURL, stopFree, err := serve(handler)
	if err != nil {
		return err
	}
	defer stopFree()
	paidURL, stopPaid, err := serve(pay.Wrap(handler))
	if err != nil {
		return err
	}
	defer stopPaid()

	temporalURL, inProcessURL := "", ""
	if *viaTemporal {
		settlers, stopTemporal, err := startBenchSettlers(ctx, quiet, settleLog, dc, *temporalDB)
		if err != nil {
			return err
		}
		defer stopTemporal()
		for i, url := range []*string{&temporalURL, &inProcessURL} {
			tpay, err := x402.NewMiddleware(offer, settlers[i], quiet)
			if err != nil {
				return err
			}
			var stopT func()
			if *url, stopT, err = serve(tpay.Wrap(handler)); err != nil {
				return err
			}
			defer stopT()
		}
	}
	payeeBefore, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, offer.PayTo)
	if err != nil {
		return err
	}
	sentBefore, err := dc.Client.NonceAt(ctx, tr.Address(), nil)
	if err != nil {
		return err
	}
	payer := chain.DevKey(3)
	var unpaid, paid, viaWorkflow, inProcess []time.Duration
	for i := -2; i < *rounds; i++ { // two warm-up rounds
		t, err := firstChunk(ctx, freeURL, "")
		if err != nil {
			return fmt.Errorf("unpaid request: %w", err)
		}
		tp, err := paidFirstChunk(ctx, payer, offer, paidURL)
		if err != nil {
			return fmt.Errorf("paid request: %w", err)
		}
		if i >= 0 {
			unpaid, paid = append(unpaid, t), append(paid, tp)
		}
		if temporalURL == "" {
			continue
		}
		tw, err := paidFirstChunk(ctx, payer, offer, temporalURL)
		if err != nil {
			return fmt.Errorf("paid request settled by a workflow: %w", err)
		}
		ti, err := paidFirstChunk(ctx, payer, offer, inProcessURL)
		if err != nil {
			return fmt.Errorf("paid request settled by a workflow on the in-process worker: %w", err)
		}
		if i >= 0 {
			viaWorkflow, inProcess = append(viaWorkflow, tw), append(inProcess, ti)
		}
	}
	payeeAfter, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, offer.PayTo)
	if err != nil {
		return err
	}
	sentAfter, err := dc.Client.NonceAt(ctx, tr.Address(), nil)
	if err != nil {
		return err
	}
	gained := new(big.Int).Sub(payeeAfter, payeeBefore)
	n := *rounds + 2
	if temporalURL != "" {
		n *= 3
	}
	if want := new(big.Int).Mul(price, big.NewInt(int64(n))); gained.Cmp(want) != 0 {
		return fmt.Errorf("the payee gained %s for %d paid requests, want %s", gained, n, want)
	}
	res := X402Result{Model: m.ID, Rounds: *rounds, UnpaidP50Ms: percentileMs(unpaid, 0.5), UnpaidP90Ms: percentileMs(unpaid, 0.9),
		PaidP50Ms: percentileMs(paid, 0.5), PaidP90Ms: percentileMs(paid, 0.9), Settlements: n, PaidTotal: gained.String(),
		Transactions: sentAfter - sentBefore}
	res.OverheadP50 = res.PaidP50Ms - res.UnpaidP50Ms
	if temporalURL != "" {
		res.Settlements = *rounds + 2
		res.TemporalSettlements = *rounds + 2
		res.TemporalPaidP50Ms, res.TemporalPaidP90Ms = percentileMs(viaWorkflow, 0.5), percentileMs(viaWorkflow, 0.9)
		res.TemporalOverheadP50 = res.TemporalPaidP50Ms - res.UnpaidP50Ms
		res.InProcessPaidP50Ms, res.InProcessPaidP90Ms = percentileMs(inProcess, 0.5), percentileMs(inProcess, 0.9)
		res.InProcessOverheadP50 = res.InProcessPaidP50Ms - res.UnpaidP50Ms
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "time to first chunk over %d rounds: unpaid p50 %.1f ms (p90 %.1f), paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements, %d transactions\n",
		res.Rounds, res.UnpaidP50Ms, res.UnpaidP90Ms, res.PaidP50Ms, res.PaidP90Ms, res.OverheadP50, res.Settlements, res.Transactions)
	if temporalURL != "" {
		fmt.Fprintf(stdout, "settled by workflows: paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements\n",
			res.TemporalPaidP50Ms, res.TemporalPaidP90Ms, res.TemporalOverheadP50, res.TemporalSettlements)
		fmt.Fprintf(stdout, "settled by workflows on a worker in the API's process: paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements\n",
			res.InProcessPaidP50Ms, res.InProcessPaidP90Ms, res.InProcessOverheadP50, res.TemporalSettlements)
	}
	return nil
}

// paidFirstChunk pays a fresh authorization and times the first chunk. It
// is valid for 10 minutes: the dev chain (geth --dev, a block per
// transaction) gives each block a timestamp at least a second after its
// parent's, so at several settlements a second its clock runs ahead of the
// wall clock (a minute ahead after ~100 rounds' worth of blocks).
func paidFirstChunk(ctx context.Context, payer *ecdsa.PrivateKey, offer x402.Offer, base string) (time.Duration, error) {
	header, err := x402.PayV2(payer, offer, base+"/v1/chat/completions", time.Now(), 10*time.Minute)
	if err != nil {
		return 0, err
	}
	return firstChunk(ctx, base, header)
}

// startBenchSettlers runs an in-process Temporal dev server and returns two
// settlers: [0] on the API's own client, settled by a control worker (dev
// account 0) on another client — the shape of api --temporal with `worker
// control` as another process; [1] settled by a worker on the settler's
// client (dev account 4, its own task queue): eager start, as api
// --temporal --settle-in-process runs it.
func startBenchSettlers(ctx context.Context, log, settleLog *zap.Logger, dc *chain.DevChain, dbFile string) ([2]*settlement.X402Settler, func(), error) {
	var settlers [2]*settlement.X402Settler
	ts, err := devserver.Start(ctx, log, devserver.Config{Frontend: "127.0.0.1:0", UI: "off", DBFile: dbFile, SearchAttributes: workers.SearchAttributes()})
	if err != nil {
		return settlers, nil, err
	}
	var stops []func()
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
		ts.Close()
	}
	dial := func() (client.Client, error) {
		c, err := client.Dial(client.Options{HostPort: ts.FrontendAddr, Namespace: ts.Namespace, Logger: tlog.NewStructuredLogger(slog.New(slog.DiscardHandler))})
		if err != nil {
			return nil, fmt.Errorf("dial temporal: %w", err)
		}
		stops = append(stops, c.Close)
		return c, nil
	}
	// The control worker as `worker control` registers it; the in-process
	// one as api --settle-in-process does (settlements only).
	startWorker := func(c client.Client, queue string, signer int) error {
		tr, err := chain.NewTransactor(ctx, dc.Client, dc.Signer(signer), settleLog, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
		if err != nil {
			return err
		}
		acts := &settlement.Activities{Tx: tr, Log: settleLog, FromBlock: dc.Deployments.StartBlock}
		var w worker.Worker
		if queue == workers.ControlTaskQueue {
			w = workers.NewControl(c, log, nil, acts)
		} else {
			w = workers.NewSettlement(c, log, queue, acts)
		}
		if err := w.Start(); err != nil {
			return fmt.Errorf("start worker on %s: %w", queue, err)
		}
		stops = append(stops, w.Stop)
		return nil
	}
	apiClient, err := dial()
	if err != nil {
		stop()
		return settlers, nil, err
	}
	workerClient, err := dial()
	if err != nil {
		stop()
		return settlers, nil, err
	}
	if err := startWorker(workerClient, workers.ControlTaskQueue, devEscrow); err != nil {
		stop()
		return settlers, nil, err
	}
	if err := startWorker(apiClient, benchInProcessQueue, benchInProcessSigner); err != nil {
		stop()
		return settlers, nil, err
	}
	settlers[0] = settlement.NewX402Settler(apiClient, workers.ControlTaskQueue, settleLog)
	settlers[1] = settlement.NewX402Settler(apiClient, benchInProcessQueue, settleLog)
	return settlers, func() {
		if settleLog.Core().Enabled(zap.DebugLevel) {
			logSettlementPhases(ctx, settleLog, apiClient, ts.Namespace)
		}
		stop()
	}, nil
}

// serve runs h on a free local port.
func serve(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)                                                   //nolint:errcheck // ends with Close
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil //nolint:errcheck // shutting down
}

// firstChunk posts a streamed chat completion and returns the time to its
// first data line; it reads the stream to its end.
func firstChunk(ctx context.Context, base, payment string) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/chat/completions",
		strings.NewReader(`{"messages":[{"role":"user","content":"Say hello."}],"max_tokens":4,"stream":true}`))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if payment != "" {
		req.Header.Set(x402.HeaderPaymentSignature, payment)
	}
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("status %s", resp.Status)
	}
	r := bufio.NewReader(resp.Body)
	var first time.Duration
	for {
		line, err := r.ReadString('\n')
		if strings.HasPrefix(line, "data:") && first == 0 {
			first = time.Since(start)
		}
		if err != nil {
			break
		}
	}
	if first == 0 {
		return 0, fmt.Errorf("the stream had no data line")
	}
	return first, nil
}

// logSettlementPhases logs, per task queue, the median time of each step of
// the settlement workflows' histories (server-side timestamps): from the
// start to the first workflow task reaching a worker (dispatch; eager start
// makes it ~0), that task (the local first attempt, chain included) and the
// whole run. Debug level: where the workflow path's time goes.
func logSettlementPhases(ctx context.Context, log *zap.Logger, c client.Client, namespace string) {
	resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: namespace, PageSize: 1000,
		Query: fmt.Sprintf("WorkflowType = '%s'", settlement.WorkflowName)})
	if err != nil {
		log.Warn("listing settlement workflows", zap.Error(err))
		return
	}
	type phases struct{ dispatch, task, total []time.Duration }
	byQueue := map[string]*phases{}
	for _, e := range resp.Executions {
		var started, scheduled, taskStarted, taskDone, closed time.Time
		it := c.GetWorkflowHistory(ctx, e.Execution.WorkflowId, e.Execution.RunId, false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
		for it.HasNext() {
			ev, err := it.Next()
			if err != nil {
				log.Warn("reading a settlement's history", zap.String("workflow", e.Execution.WorkflowId), zap.Error(err))
				break
			}
			t := ev.EventTime.AsTime()
			switch ev.EventType {
			case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
				started = t
			case enumspb.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED:
				if scheduled.IsZero() {
					scheduled = t
				}
			case enumspb.EVENT_TYPE_WORKFLOW_TASK_STARTED:
				if taskStarted.IsZero() {
					taskStarted = t
				}
			case enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
				if taskDone.IsZero() {
					taskDone = t
				}
			case enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED:
				closed = t
			}
		}
		if started.IsZero() || taskStarted.IsZero() || taskDone.IsZero() || closed.IsZero() {
			continue
		}
		p := byQueue[e.TaskQueue]
		if p == nil {
			p = &phases{}
			byQueue[e.TaskQueue] = p
		}
		p.dispatch = append(p.dispatch, taskStarted.Sub(scheduled))
		p.task = append(p.task, taskDone.Sub(taskStarted))
		p.total = append(p.total, closed.Sub(started))
	}
	for q, p := range byQueue {
		log.Debug("settlement workflow phases (p50, server clock)", zap.String("taskQueue", q), zap.Int("workflows", len(p.total)),
			zap.Float64("dispatchMs", percentileMs(p.dispatch, 0.5)), zap.Float64("firstTaskMs", percentileMs(p.task, 0.5)),
			zap.Float64("startToCloseMs", percentileMs(p.total, 0.5)))
	}
}
