package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/dashboard"
	"github.com/computepool/computepool/api/openai"
	"github.com/computepool/computepool/api/x402"
	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
	"github.com/computepool/computepool/workflows/settlement"
)

// envOr is a flag default taken from the environment (COMPUTEPOOL_…).
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func runAPI(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("api", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory served in this process (required)")
	id := fs.String("id", "", "model id clients send (default: the directory's name)")
	httpAddr := fs.String("http", envOr("COMPUTEPOOL_HTTP_ADDR", api.DefaultHTTPAddr), "REST, OpenAI and health address (env COMPUTEPOOL_HTTP_ADDR)")
	grpcAddr := fs.String("grpc", envOr("COMPUTEPOOL_GRPC_ADDR", api.DefaultGRPCAddr), "gRPC address (env COMPUTEPOOL_GRPC_ADDR)")
	db := fs.String("db", envOr("COMPUTEPOOL_API_DB", ""), "users and API keys: a SQLite file (default <state dir>/api.db) or a Postgres DSN postgres://user:pass@host:5432/db?sslmode=… (env COMPUTEPOOL_API_DB)")
	noAuth := fs.Bool("no-auth", false, "serve without API keys (local use only)")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda")
	slots := fs.Int("slots", 4, "generations run at once")
	capacity := fs.Int("capacity", 2048, "context length in tokens (prompt + completion)")
	var pf payFlags
	pf.price = fs.String("price", envOr("COMPUTEPOOL_X402_PRICE", ""), "x402: price of one OpenAI request in the token's base units; requests without an API key pay it (env COMPUTEPOOL_X402_PRICE; default 1000 with --network dev)")
	pf.network = fs.String("network", envOr("COMPUTEPOOL_X402_NETWORK", ""), "x402: dev or galileo (token, its EIP-712 domain and on dev price and payee from the deployments file), or a CAIP-2 network such as eip155:1337 with --asset, --token-name and --pay-to")
	pf.deployments = fs.String("deployments", "", "x402 with --network dev|galileo: deployments file (default <state dir>/deployments/<network>.json)")
	pf.asset = fs.String("asset", envOr("COMPUTEPOOL_X402_ASSET", ""), "x402: EIP-3009 token address")
	pf.tokenName = fs.String("token-name", envOr("COMPUTEPOOL_X402_TOKEN_NAME", ""), "x402: the token's EIP-712 name()")
	pf.tokenVersion = fs.String("token-version", envOr("COMPUTEPOOL_X402_TOKEN_VERSION", ""), "x402: the token's EIP-712 version() (default: the deployments file's, else 1)")
	pf.payTo = fs.String("pay-to", envOr("COMPUTEPOOL_X402_PAY_TO", ""), "x402: address that receives payments (default on --network dev: dev account 2)")
	pf.facilitator = fs.String("facilitator", envOr("COMPUTEPOOL_FACILITATOR_URL", x402.DefaultFacilitatorURL), "x402 facilitator that settles payments without --temporal (computepool facilitator); with --temporal they settle as settlement workflows on the control worker")
	pf.pricePerToken = fs.String("price-per-token", envOr("COMPUTEPOOL_X402_PRICE_PER_TOKEN", ""), "x402: bill per generated token instead of per request (base units); a request pays max_tokens × this into escrow and gets the unused part back; needs --temporal (env COMPUTEPOOL_X402_PRICE_PER_TOKEN)")
	pf.escrow = fs.String("escrow", envOr("COMPUTEPOOL_X402_ESCROW", ""), "x402 with --price-per-token: the escrow account, the control worker's chain account, which pays --pay-to and refunds (default on --network dev: dev account 0; env COMPUTEPOOL_X402_ESCROW)")
	stages := fs.String("pipeline", "", "serve through a running pipeline: comma-separated peer ids of its shard processes, in order (--model then only supplies config, tokenizer and chat template)")
	temporalUI := fs.String("temporal-ui", envOr("COMPUTEPOOL_TEMPORAL_UI", "http://127.0.0.1:8233"), "Temporal Web UI base URL the dashboard (/dashboard/) links each pool's workflow to (env COMPUTEPOOL_TEMPORAL_UI)")
	temporal := fs.Bool("temporal", false, "pool operations through the Temporal control plane (pool workflows; server from COMPUTEPOOL_TEMPORAL_ADDRESS etc., see docs/operations.md) instead of in memory")
	settleInProcess := fs.Bool("settle-in-process", os.Getenv("COMPUTEPOOL_SETTLE_IN_PROCESS") == "1", "with --temporal and --network dev|galileo: run the settlement worker in this process (eager workflow start: a paid request skips the task's trip through the server's matching, 2–21 ms p50 on the dev VM); this process then holds the relayer/escrow key (COMPUTEPOOL_ESCROW_KEY, else the chain key) — see docs/api.md (env COMPUTEPOOL_SETTLE_IN_PROCESS=1)")
	poolName := fs.String("pool", "", "with --pipeline and --temporal: the pool this API heads; usage is reported to its workflow in batches and a stage that stops answering as a fault")
	var vf verifyFlags
	vf.register(fs)
	var af axlFlags
	af.register(fs, defaultAXLDir("api"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *poolName != "" {
		log = log.With(zap.String("pool", *poolName)) // every line of a pool's head names it
	}
	var err error
	if *dir == "" {
		return fmt.Errorf("--model is required: a model directory (computepool genmodel --preset tiny --out DIR makes one)")
	}
	var pools api.PoolController
	var ctl *poolctl.Controller
	if *temporal {
		var closeCtl func()
		if ctl, closeCtl, err = poolctl.Dial(ctx, log, pool.Config{}); err != nil {
			return fmt.Errorf("--temporal: %w", err)
		}
		defer closeCtl()
		pools = ctl
	}
	var m *api.Model
	var collectors []prometheus.Collector
	if ctl != nil { // the control plane's settlements and pool streams, beside the API's own series
		collectors = append(collectors, workers.NewControlCollector(ctl.Client, ctl.Namespace, log))
	}
	if *stages != "" {
		// The head witnesses sampled steps of the first stage (its input)
		// and the last (its token); the pool's workflow verifies them.
		var verify pipeline.Verify
		if ctl != nil && *poolName != "" {
			v, rep, err := vf.start(ctx, ctl, func() string { return *poolName }, log)
			if err != nil {
				return err
			}
			if rep != nil {
				verify = v
				collectors = append(collectors, rep.Collector())
			}
		} else if vf.explicit && vf.rate > 0 {
			return errors.New("--verify-rate needs --temporal and --pool: sampled steps are verified by the pool's workflow")
		}
		head, closeHead, err := startHead(ctx, log, &af, *stages, *slots, reportFault(ctx, log, ctl, *poolName), verify)
		if err != nil {
			return err
		}
		defer closeHead()
		collectors = append(collectors, head.Collector())
		var gen api.Generator = api.NewPipelineGenerator(head)
		if ctl != nil && *poolName != "" {
			// Usage goes to the pool's workflow in batches, off the hot path.
			metered := api.NewMeteredGenerator(gen, 5*time.Second, func(ctx context.Context, requests, tokens int64) error {
				return ctl.ReportUsage(ctx, *poolName, pool.Usage{Requests: requests, Tokens: tokens})
			}, log)
			go metered.Run(ctx)
			gen = metered
		}
		if m, err = api.LoadModelFiles(*dir, *id, gen); err != nil {
			return err
		}
	} else {
		var closeModel func()
		if m, closeModel, err = api.LoadLocal(ctx, *dir, api.LocalOptions{ID: *id, Backend: *backendName, Slots: *slots, Capacity: *capacity}, log); err != nil {
			return err
		}
		defer closeModel()
	}
	models := api.NewModels(m)

	var store *auth.Store
	if !*noAuth {
		path := *db
		if path == "" {
			state, err := chain.StateDir()
			if err != nil {
				return err
			}
			if err := os.MkdirAll(state, 0o700); err != nil {
				return fmt.Errorf("state directory %s: %w", state, err)
			}
			path = filepath.Join(state, "api.db")
		}
		if store, err = auth.Open(ctx, path); err != nil {
			return err
		}
		defer store.Close()
		if pools == nil { // without the control plane, pools live in the same database
			if pools, err = api.NewStoredPools(ctx, store); err != nil {
				return err
			}
		}
	}
	var settler x402.Settler // nil: the facilitator
	if ctl != nil {
		queue := workers.ControlTaskQueue
		if *settleInProcess {
			stop, err := startInProcessSettlement(ctx, log, ctl, *pf.network, *pf.deployments)
			if err != nil {
				return err
			}
			defer stop()
			queue = workers.APISettlementTaskQueue
		}
		settler = settlement.NewX402Settler(ctl.Client, queue, log)
	} else if *settleInProcess {
		return errors.New("--settle-in-process needs --temporal: it runs the settlement workflows' worker")
	}
	pay, err := pf.middleware(log, settler, m.DefaultMaxTokens())
	if err != nil {
		return err
	}
	board := &dashboard.Config{}
	if ctl != nil { // pools are workflows only on the control plane: link them
		board = &dashboard.Config{TemporalUI: *temporalUI, Namespace: ctl.Namespace, WorkflowID: pool.WorkflowID}
	}
	srv, err := api.New(api.Config{HTTPAddr: *httpAddr, GRPCAddr: *grpcAddr, Models: models, Auth: store, Log: log, Payment: pay, Pools: pools,
		Handlers:   map[string]http.Handler{"/v1/": api.Guard(store, pay, openai.New(models, log), openai.WriteError)},
		Collectors: collectors, Dashboard: board})
	if err != nil {
		return err
	}
	if err := srv.Start(ctx); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ready: http://%s\n", srv.HTTPAddr())
	if store == nil {
		log.Warn("serving without API keys (--no-auth): anyone who reaches the ports can use the model")
	}
	<-ctx.Done()
	log.Info("api stopping: finishing running requests (10 s at most)")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// payFlags are the x402 flags of `computepool api`.
type payFlags struct {
	price, network, deployments, asset, tokenName, tokenVersion, payTo, facilitator, pricePerToken, escrow *string
}

// devPayee is the dev account paid by default on the dev chain (account 0
// deploys, 1 relays for the facilitator).
const devPayee = 2

// devEscrow holds per-token payments on the dev chain: the operator account
// the control worker settles with (computepool worker control).
const devEscrow = 0

// defaultDevPrice is the dev chain's price of one request: 0.001 ComputeUSD.
const defaultDevPrice = "1000"

// middleware builds the x402 middleware that settles through settler (nil:
// the facilitator), or nil when no price is set. With --network dev|galileo
// the token and its EIP-712 domain come from that network's deployments
// file. defaultMaxTokens prices a per-token request that names no max_tokens.
func (f payFlags) middleware(log *zap.Logger, settler x402.Settler, defaultMaxTokens int) (*x402.Middleware, error) {
	price, network, asset, tokenName, tokenVersion, payTo, escrow := *f.price, *f.network, *f.asset, *f.tokenName, *f.tokenVersion, *f.payTo, *f.escrow
	switch network {
	case "dev", "galileo":
		net, err := chain.LookupNetwork(network)
		if err != nil {
			return nil, err
		}
		path := *f.deployments
		if path == "" {
			if path, err = chain.DeploymentsPath(net.Name); err != nil {
				return nil, err
			}
		}
		d, err := chain.ReadDeployments(path)
		if err != nil {
			return nil, fmt.Errorf("--network %s: %w", network, err)
		}
		if d.ChainID != net.ChainID {
			return nil, fmt.Errorf("--network %s: deployments %s are for chain %d, not %d", network, path, d.ChainID, net.ChainID)
		}
		network = fmt.Sprintf("eip155:%d", d.ChainID)
		if asset == "" {
			asset = d.ComputeUSD.Hex()
		}
		if tokenName == "" {
			tokenName = d.TokenName
		}
		if tokenVersion == "" {
			tokenVersion = d.TokenVersion
		}
		if net.Name == "dev" {
			if payTo == "" {
				payTo = chain.NewKeySigner(chain.DevKey(devPayee)).Address().Hex()
			}
			if price == "" && *f.pricePerToken == "" {
				price = defaultDevPrice
			}
			if escrow == "" {
				escrow = chain.NewKeySigner(chain.DevKey(devEscrow)).Address().Hex()
			}
		}
	case "":
		network = "eip155:1337"
	}
	if price == "" && *f.pricePerToken == "" {
		return nil, nil
	}
	if tokenVersion == "" {
		tokenVersion = "1"
	}
	if !common.IsHexAddress(asset) || !common.IsHexAddress(payTo) {
		return nil, errors.New("--price needs --asset and --pay-to as 0x addresses (or --network dev|galileo to read them from the deployments file)")
	}
	o := x402.Offer{Network: network, Asset: common.HexToAddress(asset), TokenName: tokenName, TokenVersion: tokenVersion,
		PayTo: common.HexToAddress(payTo), Description: "one completion"}
	if err := f.setPrice(&o, price, escrow, defaultMaxTokens, settler != nil); err != nil {
		return nil, err
	}
	via := "facilitator " + *f.facilitator
	if settler == nil {
		settler = &x402.FacilitatorClient{URL: *f.facilitator}
	} else {
		via = "settlement workflows on Temporal"
	}
	m, err := x402.NewMiddleware(o, settler, log)
	if err != nil {
		return nil, err
	}
	log.Info("x402 payments on", zap.String("network", network), zap.String("asset", o.Asset.Hex()), zap.String("payTo", o.PayTo.Hex()),
		zap.Stringer("price", o.Amount), zap.Stringer("pricePerToken", o.PricePerToken), zap.String("settledBy", via))
	return m, nil
}

// setPrice sets the offer's per-request price, or its per-token price with the
// escrow as payTo and the payee as the provider paid from it.
func (f payFlags) setPrice(o *x402.Offer, price, escrow string, defaultMaxTokens int, temporal bool) error {
	if *f.pricePerToken == "" {
		amount, ok := new(big.Int).SetString(price, 10)
		if !ok {
			return fmt.Errorf("--price %q: want an integer amount in the token's base units", price)
		}
		o.Amount = amount
		return nil
	}
	perToken, ok := new(big.Int).SetString(*f.pricePerToken, 10)
	switch {
	case !ok:
		return fmt.Errorf("--price-per-token %q: want an integer amount in the token's base units", *f.pricePerToken)
	case price != "":
		return errors.New("--price and --price-per-token exclude each other: a request is billed one way")
	case !temporal:
		return errors.New("--price-per-token needs --temporal: the settlement workflow escrows the maximum, pays the provider and refunds the rest")
	case !common.IsHexAddress(escrow):
		return errors.New("--price-per-token needs --escrow, the control worker's chain account (default on --network dev)")
	}
	o.PricePerToken, o.Provider, o.PayTo = perToken, o.PayTo, common.HexToAddress(escrow)
	o.DefaultMaxTokens, o.Description = defaultMaxTokens, "a completion, per generated token"
	return nil
}

// reportFault tells a pool's workflow about a stage that stopped answering
// (the control plane then degrades the pool and closes its stream); nil
// without a control plane.
func reportFault(ctx context.Context, log *zap.Logger, ctl *poolctl.Controller, poolName string) func(int, axl.PeerID) {
	if ctl == nil || poolName == "" {
		return nil
	}
	return func(stage int, peer axl.PeerID) {
		rctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		f := pool.Fault{NodeID: string(peer), Reason: fmt.Sprintf("stage %d (peer %s) stopped answering the head's pings", stage, peer.Short())}
		if err := ctl.ReportFault(rctx, poolName, f); err != nil {
			log.Warn("reporting a stage fault to the control plane failed", zap.String("pool", poolName), zap.Error(err))
		}
	}
}

// startInProcessSettlement runs a settlement worker on the API's own
// Temporal client, so the settler's eager start hands it each settlement's
// first workflow task in the start's reply (no trip through matching: the
// overhead a paid request waits for). It relays with the account the
// control worker settles with (COMPUTEPOOL_ESCROW_KEY, else the chain key;
// dev account 0 on the dev chain), which is also the per-token escrow: this
// process then holds that key. Its settlements and their retries run on
// workers.APISettlementTaskQueue, which only such API processes poll.
func startInProcessSettlement(ctx context.Context, log *zap.Logger, ctl *poolctl.Controller, network, deployments string) (func(), error) {
	if network != "dev" && network != "galileo" {
		return nil, fmt.Errorf("--settle-in-process needs --network dev|galileo (the chain it settles on), got %q", network)
	}
	conn, err := chain.Connect(ctx, network, deployments)
	if err != nil {
		return nil, fmt.Errorf("--settle-in-process: %w", err)
	}
	signer, err := chain.SignerFromEnv()
	if errors.Is(err, chain.ErrNoKey) && conn.Network.Name == "dev" {
		signer, err = chain.NewKeySigner(chain.DevKey(devEscrow)), nil // the dev chain's funded operator
	}
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("--settle-in-process: %w", err)
	}
	tr, err := conn.Transactor(ctx, log, signer, chain.TransactorOptions{})
	if err != nil {
		conn.Close()
		return nil, err
	}
	settleTr, err := escrowTransactor(ctx, log, conn, tr)
	if err != nil {
		conn.Close()
		return nil, err
	}
	w := workers.NewSettlement(ctl.Client, log, workers.APISettlementTaskQueue,
		&settlement.Activities{Tx: settleTr, Log: log, FromBlock: conn.Deployments.StartBlock})
	if err := w.Start(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("start the in-process settlement worker: %w", err)
	}
	log.Warn("settlements run in this process: it holds the relayer/escrow key", zap.String("account", settleTr.Address().Hex()))
	return func() { w.Stop(); conn.Close() }, nil
}
