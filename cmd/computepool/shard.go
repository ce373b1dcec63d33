package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/shard"
)

// axlFlags are the AXL node flags shared by `shard` and the pipeline head.
type axlFlags struct {
	dir, listen, peers, allow, bridge string
}

func (a *axlFlags) register(fs *flag.FlagSet, defaultDir string) {
	fs.StringVar(&a.dir, "axl-dir", defaultDir, "AXL identity and node-config.json (created with a new key if missing; stock AXL format)")
	fs.StringVar(&a.listen, "listen", "", "comma-separated Yggdrasil listen URIs, e.g. tls://0.0.0.0:9101 (added to node-config.json's Listen)")
	fs.StringVar(&a.peers, "peer", "", "comma-separated Yggdrasil peer URIs, e.g. tls://10.0.0.2:9101 (added to Peers)")
	fs.StringVar(&a.allow, "allow", "", "comma-separated peer ids allowed to send (the pool's members); empty: anyone")
	fs.StringVar(&a.bridge, "bridge", "", "serve the stock AXL HTTP bridge (/send, /recv, /topology) on this address, e.g. 127.0.0.1:9002")
}

// start loads the node's config, applies the flags and starts the node.
func (a *axlFlags) start(log *zap.Logger) (*axl.Node, error) {
	cfg, err := axl.LoadOrInitDir(a.dir)
	if err != nil {
		return nil, err
	}
	cfg.Listen = append(cfg.Listen, splitList(a.listen)...)
	cfg.Peers = append(cfg.Peers, splitList(a.peers)...)
	cfg.AllowedPeers = append(cfg.AllowedPeers, splitList(a.allow)...)
	return axl.New(cfg, log.Named("axl"), nil)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func defaultAXLDir(name string) string {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "computepool", "axl", name)
}

func runShard(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("shard", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required)")
	layers := fs.String("layers", "", "this stage's layers a:b (required)")
	index := fs.Int("index", 0, "this stage's place in the pipeline (0 = first), for errors and logs")
	next := fs.String("next", "", "peer id of the next stage; on the last stage, the first stage's (required)")
	wire := fs.String("wire", "f32", "hidden-state dtype on the wire: f32 (exact) or bf16 (half the bytes)")
	slots := fs.Int("slots", 8, "KV slots: requests this stage holds at once")
	capacity := fs.Int("capacity", 2048, "KV cache capacity per slot, in tokens")
	chunk := fs.Int("chunk", 64, "prefill chunk size, in tokens")
	gather := fs.Bool("gather", false, "first stage: gather every request in flight into one step; for stages sharing one host's cores (separate hosts: leave off, groups taking turns keep every stage busy)")
	backendName := fs.String("backend", "", "GoMLX backend: cpu (default), go, xla:cpu, xla:cuda (env "+backend.EnvVar+")")
	metrics := fs.String("metrics", "", "serve Prometheus /metrics on this address, e.g. 127.0.0.1:9464")
	pool := fs.String("pool", "", "pool id, attached to metrics and logs (with --temporal, default the loaded pool's)")
	printID := fs.Bool("print-id", false, "print this shard's peer id (creating its identity in --axl-dir if needed) and exit")
	temporalMode := fs.Bool("temporal", envOr(envShardTemporal, "") == "1", "serve this node's Temporal shard task queue: the pool workflow's load/unload/health activities run in this process and load their layer range into its stage (--layers not allowed, --next optional; env "+envShardTemporal+"=1)")
	var ts temporalShard
	fs.StringVar(&ts.node, "node", envOr(envShardNode, ""), "with --temporal: this host's node id in the pool (env "+envShardNode+")")
	fs.StringVar(&ts.taskQueue, "task-queue", envOr(envShardTaskQueue, ""), "with --temporal: task queue (default computepool-shard/<node>; env "+envShardTaskQueue+")")
	fs.StringVar(&ts.address, "temporal-address", "", "with --temporal: Temporal frontend (default env COMPUTEPOOL_TEMPORAL_ADDRESS, else 127.0.0.1:7233; TLS and API key from COMPUTEPOOL_TEMPORAL_*)")
	fs.StringVar(&ts.namespace, "temporal-namespace", "", "with --temporal: namespace (default env COMPUTEPOOL_TEMPORAL_NAMESPACE, else default)")
	fs.StringVar(&ts.models, "models", envOr(envShardModels, ""), "with --temporal: directory holding model directories, for pools that name a model (env "+envShardModels+")")
	ts.verify.register(fs)
	var af axlFlags
	af.register(fs, "")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if af.dir == "" {
		af.dir = defaultAXLDir(fmt.Sprintf("shard-%d", *index))
	}
	if *pool != "" {
		log = log.With(zap.String("pool", *pool))
	}
	if *printID {
		cfg, err := axl.LoadOrInitDir(af.dir)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, cfg.ID())
		return nil
	}
	wireDType, err := parseWire(*wire)
	if err != nil {
		return err
	}
	if *temporalMode {
		if *layers != "" {
			return errors.New("shard --temporal: --layers is not allowed: the pool workflow assigns each node its layers")
		}
		var nextID axl.PeerID
		if *next != "" {
			if nextID, err = axl.ParsePeerID(*next); err != nil {
				return fmt.Errorf("--next: %w", err)
			}
		}
		be, err := backend.New(*backendName)
		if err != nil {
			return err
		}
		node, err := af.start(log)
		if err != nil {
			return err
		}
		defer node.Close()
		l := &stageLoader{node: node, backend: be, model: *dir, modelsDir: ts.models, index: *index, next: nextID, wire: wireDType, gather: *gather,
			opts: shard.Options{Slots: *slots, Capacity: *capacity, ChunkSize: *chunk}, log: log}
		defer l.close()
		if *metrics != "" { // whatever stage the workflow has loaded, if any
			reg := prometheus.NewRegistry()
			reg.MustRegister(stageCollector{l: l, pool: *pool})
			ts.reg = reg
			stop, err := serveMetrics(*metrics, reg, log)
			if err != nil {
				return err
			}
			defer stop()
		}
		return serveShardQueue(ctx, log, ts, l)
	}
	if ts.verify.explicit && ts.verify.rate > 0 {
		return errors.New("shard: --verify-rate needs --temporal: sampled steps are verified by the pool's workflow")
	}
	nextID, err := axl.ParsePeerID(*next)
	if err != nil {
		return fmt.Errorf("--next: %w", err)
	}
	_, r, err := modelLayers(*dir, *layers)
	if err != nil {
		return err
	}
	be, err := backend.New(*backendName)
	if err != nil {
		return err
	}
	m, err := model.Load(ctx, *dir, r, be, log)
	if err != nil {
		return err
	}
	defer m.Close()
	rt, err := shard.New(m, shard.Options{Slots: *slots, Capacity: *capacity, ChunkSize: *chunk}, log)
	if err != nil {
		return err
	}
	defer rt.Close()
	node, err := af.start(log)
	if err != nil {
		return err
	}
	defer node.Close()
	st, err := pipeline.NewStage(pipeline.StageConfig{Index: *index, Runtime: rt, Node: node, Next: nextID, Wire: wireDType, Gather: *gather, Log: log})
	if err != nil {
		return err
	}
	defer st.Close()
	if *metrics != "" {
		reg := prometheus.NewRegistry()
		reg.MustRegister(pipeline.NewCollector(st, node, prometheus.Labels{"pool": *pool, "stage": strconv.Itoa(*index)}))
		stop, err := serveMetrics(*metrics, reg, log)
		if err != nil {
			return err
		}
		defer stop()
	}
	if af.bridge != "" {
		// The stage owns the node's messages; the bridge serves /send and
		// /topology (its /recv stays empty).
		srv := &http.Server{Addr: af.bridge, Handler: axl.NewBridge(node)}
		go srv.ListenAndServe()
		defer srv.Close()
	}
	log.Info("shard serving", zap.Int("index", *index), zap.Stringer("layers", r), zap.String("peer_id", string(node.ID())),
		zap.Strings("listen", node.ListenAddrs()), zap.String("next", nextID.Short()))
	fmt.Fprintf(stdout, "shard ready: %s\n", node.ID())
	<-ctx.Done()
	log.Info("shard stopping", zap.Any("stats", st.Stats()))
	return nil
}

func parseWire(s string) (pipeline.DType, error) {
	switch s {
	case "f32", "":
		return pipeline.DTypeF32, nil
	case "bf16":
		return pipeline.DTypeBF16, nil
	}
	return 0, fmt.Errorf("--wire %q: want f32 or bf16", s)
}
