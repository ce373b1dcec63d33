package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/settlement"
)

// runWorker: `computepool worker control|shard`. Temporal's address,
// namespace, TLS and API key come from COMPUTEPOOL_TEMPORAL_* (workers/config.go).
func runWorker(ctx context.Context, log *zap.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: computepool worker control [--network dev] | worker shard --node ID [--models DIR]")
	}
	switch args[0] {
	case "control":
		return runWorkerControl(ctx, log, args[1:])
	case "shard":
		return runWorkerShard(ctx, log, args[1:])
	}
	return fmt.Errorf("worker %q: want control or shard", args[0])
}

func runWorkerControl(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("worker control", flag.ContinueOnError)
	network := fs.String("network", "dev", "chain network: dev or galileo; \"none\" runs without chain activities")
	deployments := fs.String("deployments", "", "deployments file (default <state dir>/deployments/<network>.json)")
	metricsAddr := fs.String("metrics", "", "serve Prometheus /metrics on this address (settlements by state and retried, each pool's status and stream), e.g. 127.0.0.1:9465")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg := workers.ClientConfigFromEnv()
	c, err := workers.Dial(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := workers.EnsureSearchAttributes(ctx, c, cfg.Namespace); err != nil {
		log.Warn("search attributes not registered (create them with `temporal operator search-attribute create`)", zap.Error(err))
	}
	var chainActs *activities.Chain
	var settleActs *settlement.Activities
	if *network != "none" {
		conn, err := chain.Connect(ctx, *network, *deployments)
		if err != nil {
			return err
		}
		defer conn.Close()
		signer, err := chain.SignerFromEnv()
		if errors.Is(err, chain.ErrNoKey) && conn.Network.Name == "dev" {
			signer, err = chain.NewKeySigner(chain.DevKey(0)), nil // the dev chain's funded operator
		}
		if err != nil {
			return err
		}
		tr, err := conn.Transactor(ctx, log, signer, chain.TransactorOptions{})
		if err != nil {
			return err
		}
		chainActs = &activities.Chain{Tx: tr, Deployments: conn.Deployments, Log: log}
		settleTr, err := escrowTransactor(ctx, log, conn, tr)
		if err != nil {
			return err
		}
		settleActs = &settlement.Activities{Tx: settleTr, Log: log, FromBlock: conn.Deployments.StartBlock}
	}
	if *metricsAddr != "" {
		reg := prometheus.NewRegistry()
		reg.MustRegister(workers.NewControlCollector(c, cfg.Namespace, log), collectors.NewGoCollector())
		stop, err := serveMetrics(*metricsAddr, reg, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	w := workers.NewControl(c, log, chainActs, settleActs)
	return runUntilDone(ctx, func() error {
		if err := w.Start(); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "worker ready: %s\n", workers.ControlTaskQueue)
		return nil
	}, w.Stop)
}

// envEscrowKey names a hex key for the settlements' own account: it relays
// x402 payments (paying their gas) and is the per-token escrow. Unset, the
// control worker's key does both, and the escrow's token balance is shared
// with the payment streams that account funds.
const envEscrowKey = "COMPUTEPOOL_ESCROW_KEY"

// escrowTransactor is the settlements' transactor: the escrow key's when
// COMPUTEPOOL_ESCROW_KEY is set, else the worker's own (tr).
func escrowTransactor(ctx context.Context, log *zap.Logger, conn *chain.Conn, tr *chain.Transactor) (*chain.Transactor, error) {
	k := os.Getenv(envEscrowKey)
	if k == "" {
		return tr, nil
	}
	s, err := chain.ParseKeySigner(k)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envEscrowKey, err)
	}
	etr, err := conn.Transactor(ctx, log, s, chain.TransactorOptions{})
	if err != nil {
		return nil, fmt.Errorf("escrow account %s: %w", s.Address().Hex(), err)
	}
	log.Info("settlements relay and escrow from their own account", zap.String("escrow", s.Address().Hex()), zap.String("worker", tr.Address().Hex()))
	return etr, nil
}

func runWorkerShard(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("worker shard", flag.ContinueOnError)
	node := fs.String("node", "", "this host's node id (its task queue is computepool-shard/<id>) (required)")
	models := fs.String("models", "", "directory holding model directories, for pools that name a model rather than a path")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda (env "+backend.EnvVar+")")
	capacity := fs.Int("capacity", 2048, "the pool's shards' KV capacity per slot (--capacity of `shard`): recomputed steps use it")
	chunk := fs.Int("chunk", 64, "the pool's shards' prefill chunk size (--chunk of `shard`): recomputed steps use it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *node == "" {
		return errors.New("worker shard: --node is required")
	}
	be, err := backend.New(*backendName)
	if err != nil {
		return err
	}
	c, err := workers.Dial(ctx, workers.ClientConfigFromEnv(), log)
	if err != nil {
		return err
	}
	defer c.Close()
	sh := &activities.Shard{Loader: &workers.ModelLoader{Backend: be, ModelsDir: *models, Log: log,
		Options: shard.Options{Capacity: *capacity, ChunkSize: *chunk}}, Log: log}
	w := workers.NewShard(c, log, *node, sh)
	return runUntilDone(ctx, w.Start, w.Stop)
}

func runUntilDone(ctx context.Context, start func() error, stop func()) error {
	if err := start(); err != nil {
		return fmt.Errorf("start worker: %w", err)
	}
	<-ctx.Done()
	stop()
	return nil
}

// runSettlements: `computepool settlements list [--status failed] | retry <nonce>`.
func runSettlements(ctx context.Context, log *zap.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: computepool settlements list [--status failed|settling|settled] [--json] | settlements retry <nonce or workflow id>")
	}
	cfg := workers.ClientConfigFromEnv()
	switch args[0] {
	case "list":
		fs := flag.NewFlagSet("settlements list", flag.ContinueOnError)
		status := fs.String("status", "", "only settlements in this state: settling, settled or failed")
		limit := fs.Int("limit", 100, "at most this many")
		asJSON := fs.Bool("json", false, "print JSON")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		c, err := workers.Dial(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer c.Close()
		list, err := settlement.List(ctx, c, cfg.Namespace, *status, *limit)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(list)
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "WORKFLOW ID\tSTATE\tEXECUTION\tPAYER")
		for _, s := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.WorkflowID, s.Status, s.Execution, s.Payer)
		}
		return tw.Flush()
	case "retry":
		if len(args) != 2 {
			return errors.New("usage: computepool settlements retry <nonce or workflow id>")
		}
		c, err := workers.Dial(ctx, cfg, log)
		if err != nil {
			return err
		}
		defer c.Close()
		if err := settlement.Retry(ctx, c, args[1]); err != nil {
			return err
		}
		qctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		st, err := settlement.Query(qctx, c, args[1])
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(st)
	}
	return fmt.Errorf("settlements %q: want list or retry", args[0])
}
