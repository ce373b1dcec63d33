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
	"go.temporal.io/sdk/client"
	tlog "go.temporal.io/sdk/log"
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
	// With --temporal, in the same rounds: the workflow with its first
	// Settle attempt as a regular activity (Policy.ActivityFirst), the path
	// before the local first attempt — the before/after of that change
	// (both workflow paths start eagerly: the worker shares the client).
	ActivityFirstPaidP50Ms   float64 `json:"temporal_activity_first_paid_ttft_p50_ms,omitempty"`
	ActivityFirstPaidP90Ms   float64 `json:"temporal_activity_first_paid_ttft_p90_ms,omitempty"`
	ActivityFirstOverheadP50 float64 `json:"temporal_activity_first_overhead_p50_ms,omitempty"`
}

// benchActivityFirstPayee is the dev account the activity-first workflow
// path pays (accounts 0–3 are the escrow, the relayer, the payee, the payer).
const benchActivityFirstPayee = 4

// benchX402 runs the dev chain, the facilitator and two OpenAI handlers over
// one in-process model — one behind x402 — and times both.
func benchX402(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench x402", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required; a tiny genmodel model is enough)")
	rounds := fs.Int("rounds", 30, "paid and unpaid requests each, alternating")
	viaTemporal := fs.Bool("temporal", false, "also time payments settled as settlement workflows (in-process Temporal dev server + control worker), as api --temporal does")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || *rounds <= 0 {
		return fmt.Errorf("--model DIR is required and --rounds must be positive")
	}
	quiet := log.WithOptions(zap.IncreaseLevel(zap.WarnLevel))
	dc, err := chain.StartDev(ctx, quiet, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: benchActivityFirstPayee + 1})
	if err != nil {
		return err
	}
	defer dc.Close() //nolint:errcheck // shutting down
	tr, err := chain.NewTransactor(ctx, dc.Client, dc.Signer(devRelayer), quiet, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
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

	temporalURL, activityFirstURL := "", ""
	// The activity-first workflow path pays its own payee, checked apart
	// (paid_total stays the facilitator's and the workflow's rounds).
	activityFirstOffer := offer
	activityFirstOffer.PayTo = dc.Accounts[benchActivityFirstPayee]
	if *viaTemporal {
		settler, stopTemporal, err := startBenchSettler(ctx, quiet, dc)
		if err != nil {
			return err
		}
		defer stopTemporal()
		before := *settler
		before.Policy.ActivityFirst = true
		for _, s := range []struct {
			settler *settlement.X402Settler
			url     *string
			offer   x402.Offer
		}{{settler, &temporalURL, offer}, {&before, &activityFirstURL, activityFirstOffer}} {
			tpay, err := x402.NewMiddleware(s.offer, s.settler, quiet)
			if err != nil {
				return err
			}
			var stopT func()
			if *s.url, stopT, err = serve(tpay.Wrap(handler)); err != nil {
				return err
			}
			defer stopT()
		}
	}
	payeeBefore, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, offer.PayTo)
	if err != nil {
		return err
	}
	secondBefore, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, activityFirstOffer.PayTo)
	if err != nil {
		return err
	}
	sentBefore, err := dc.Client.NonceAt(ctx, tr.Address(), nil)
	if err != nil {
		return err
	}
	payer := chain.DevKey(3)
	var unpaid, paid, viaWorkflow, activityFirst []time.Duration
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
		ta, err := paidFirstChunk(ctx, payer, activityFirstOffer, activityFirstURL)
		if err != nil {
			return fmt.Errorf("paid request settled by a workflow, first attempt as an activity: %w", err)
		}
		if i >= 0 {
			viaWorkflow, activityFirst = append(viaWorkflow, tw), append(activityFirst, ta)
		}
	}
	payeeAfter, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, offer.PayTo)
	if err != nil {
		return err
	}
	secondAfter, err := chain.TokenBalance(ctx, dc.Client, d.ComputeUSD, activityFirstOffer.PayTo)
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
		n *= 2
	}
	if want := new(big.Int).Mul(price, big.NewInt(int64(n))); gained.Cmp(want) != 0 {
		return fmt.Errorf("the payee gained %s for %d paid requests, want %s", gained, n, want)
	}
	if temporalURL != "" {
		second := new(big.Int).Sub(secondAfter, secondBefore)
		if want := new(big.Int).Mul(price, big.NewInt(int64(*rounds+2))); second.Cmp(want) != 0 {
			return fmt.Errorf("the activity-first payee gained %s for %d paid requests, want %s", second, *rounds+2, want)
		}
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
		res.ActivityFirstPaidP50Ms, res.ActivityFirstPaidP90Ms = percentileMs(activityFirst, 0.5), percentileMs(activityFirst, 0.9)
		res.ActivityFirstOverheadP50 = res.ActivityFirstPaidP50Ms - res.UnpaidP50Ms
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "time to first chunk over %d rounds: unpaid p50 %.1f ms (p90 %.1f), paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements, %d transactions\n",
		res.Rounds, res.UnpaidP50Ms, res.UnpaidP90Ms, res.PaidP50Ms, res.PaidP90Ms, res.OverheadP50, res.Settlements, res.Transactions)
	if temporalURL != "" {
		fmt.Fprintf(stdout, "settled by workflows: paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements\n",
			res.TemporalPaidP50Ms, res.TemporalPaidP90Ms, res.TemporalOverheadP50, res.TemporalSettlements)
		fmt.Fprintf(stdout, "settled by workflows, first attempt as an activity: paid p50 %.1f ms (p90 %.1f): x402 adds %.1f ms; %d settlements\n",
			res.ActivityFirstPaidP50Ms, res.ActivityFirstPaidP90Ms, res.ActivityFirstOverheadP50, res.TemporalSettlements)
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

// startBenchSettler runs an in-process Temporal dev server and a control
// worker settling with dev account 0, and returns the API's settler.
func startBenchSettler(ctx context.Context, log *zap.Logger, dc *chain.DevChain) (*settlement.X402Settler, func(), error) {
	ts, err := devserver.Start(ctx, log, devserver.Config{Frontend: "127.0.0.1:0", UI: "off", SearchAttributes: workers.SearchAttributes()})
	if err != nil {
		return nil, nil, err
	}
	c, err := client.Dial(client.Options{HostPort: ts.FrontendAddr, Namespace: ts.Namespace, Logger: tlog.NewStructuredLogger(slog.New(slog.DiscardHandler))})
	if err != nil {
		ts.Close()
		return nil, nil, fmt.Errorf("dial temporal: %w", err)
	}
	tr, err := chain.NewTransactor(ctx, dc.Client, dc.Signer(devEscrow), log, chain.TransactorOptions{ExpectChainID: chain.DevChainID})
	if err != nil {
		c.Close()
		ts.Close()
		return nil, nil, err
	}
	w := workers.NewControl(c, log, nil, &settlement.Activities{Tx: tr, Log: log, FromBlock: dc.Deployments.StartBlock})
	if err := w.Start(); err != nil {
		c.Close()
		ts.Close()
		return nil, nil, fmt.Errorf("start control worker: %w", err)
	}
	return settlement.NewX402Settler(c, workers.ControlTaskQueue, log), func() { w.Stop(); c.Close(); ts.Close() }, nil
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
