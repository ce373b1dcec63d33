package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/internal/freeport"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// selfCommand runs this binary with args (tests swap it for the test
// binary re-executing itself).
var selfCommand = func(args ...string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	return exec.Command(self, args...), nil
}

// child is a process of the dev pool: its stdout lines arrive on lines.
type child struct {
	name  string
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
}

func startChild(name string, env []string, args ...string) (*child, error) {
	cmd, err := selfCommand(args...)
	if err != nil {
		return nil, err
	}
	cmd.Env = append(append(cmd.Environ(), env...), "COMPUTEPOOL_LOG_LEVEL="+envOr("COMPUTEPOOL_LOG_LEVEL", "warn"))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, lines: make(chan string, 16), done: make(chan struct{})}
	go func() {
		defer close(c.lines)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
	}()
	go func() { cmd.Wait(); close(c.done) }()
	return c, nil
}

// await returns the child's first stdout line starting with prefix.
func (c *child) await(ctx context.Context, prefix string, timeout time.Duration) (string, error) {
	t := time.After(timeout)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				return "", fmt.Errorf("%s exited before it was ready (its log is above)", c.name)
			}
			if strings.HasPrefix(l, prefix) {
				return strings.TrimPrefix(l, prefix), nil
			}
		case <-t:
			return "", fmt.Errorf("%s not ready after %s", c.name, timeout)
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
}

func (c *child) stop() {
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.done:
	case <-time.After(15 * time.Second):
		c.cmd.Process.Kill()
		<-c.done
	}
}

// runDev runs a whole paid pool on this machine: Temporal with its Web UI,
// the dev chain with the contracts, the control worker, the x402
// facilitator, shard processes each behind its own AXL node, and the API as
// the pipeline's head; the pool is created, activated on chain and loaded
// through its workflow. Ctrl-C stops every process.
func runDev(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	dir := fs.String("model", os.Getenv("MODEL_DIR"), "Hugging Face model directory (env MODEL_DIR; default: a random-weight Llama generated once in the state directory)")
	preset := fs.String("preset", "small", "size of the generated model when --model is not given: tiny, small, 1b")
	stages := fs.Int("stages", 2, "shard processes")
	httpAddr := fs.String("http", envOr("COMPUTEPOOL_HTTP_ADDR", "127.0.0.1:8080"), "API: REST, OpenAI, /metrics")
	grpcAddr := fs.String("grpc", envOr("COMPUTEPOOL_GRPC_ADDR", "127.0.0.1:9090"), "API: gRPC")
	chainAddr := fs.String("chain", "127.0.0.1:8545", "dev chain JSON-RPC")
	facAddr := fs.String("facilitator", "127.0.0.1:4021", "x402 facilitator")
	temporalAddr := fs.String("temporal", "127.0.0.1:7233", "Temporal frontend (histories kept in <state dir>/dev/temporal.db across runs)")
	temporalUI := fs.String("temporal-ui", "127.0.0.1:8233", "Temporal Web UI")
	temporalDB := fs.String("temporal-db", "", `Temporal's SQLite file (default <state dir>/dev/temporal.db; "memory": nothing kept)`)
	shardPort := fs.Int("shard-port", 9101, "first shard's Yggdrasil port (tls://127.0.0.1:PORT; the next shards and the API count up; 0: any free port)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	state, err := chain.StateDir()
	if err != nil {
		return err
	}
	devDir := filepath.Join(state, "dev")
	if err := os.MkdirAll(devDir, 0o700); err != nil {
		return err
	}
	if *dir == "" {
		if *dir, err = ensureDemoModel(ctx, log, filepath.Join(state, "models", "llama-"+*preset), *preset); err != nil {
			return err
		}
	}
	cfg, err := model.LoadConfig(*dir)
	if err != nil {
		return err
	}
	equal := make([]int64, *stages)
	for i := range equal {
		equal[i] = 1 << 40
	}
	ranges, _, err := model.PlanStages(cfg, equal, 2, 0)
	if err != nil {
		return err
	}

	var children []*child
	defer func() {
		for i := len(children) - 1; i >= 0; i-- {
			children[i].stop()
		}
	}()
	launch := func(name, readyPrefix string, timeout time.Duration, env []string, args ...string) (string, error) {
		log.Info("starting "+name, zap.Strings("args", args))
		c, err := startChild(name, env, args...)
		if err != nil {
			return "", err
		}
		children = append(children, c)
		return c.await(ctx, readyPrefix, timeout)
	}

	dbArgs := []string{"--db", filepath.Join(devDir, "temporal.db")}
	switch *temporalDB {
	case "memory":
		dbArgs = []string{"--ephemeral"}
	case "":
	default:
		dbArgs = []string{"--db", *temporalDB}
	}
	line, err := launch("temporal", "{", 2*time.Minute, nil, append([]string{"temporal", "--addr", *temporalAddr, "--ui", *temporalUI}, dbArgs...)...)
	if err != nil {
		return err
	}
	var temporalOut struct{ Frontend, UI, Namespace string }
	if err := json.Unmarshal([]byte("{"+line), &temporalOut); err != nil {
		return fmt.Errorf("reading the Temporal server's address: %w", err)
	}
	deployments := filepath.Join(devDir, "deployments.json")
	line, err = launch("dev chain", "{", time.Minute, nil, "chain", "dev", "--addr", *chainAddr, "--deployments", deployments)
	if err != nil {
		return err
	}
	var chainOut chainDevOutput
	if err := json.Unmarshal([]byte("{"+line), &chainOut); err != nil {
		return fmt.Errorf("reading the dev chain's address: %w", err)
	}
	// Every process of the pool (and this one) reaches the same server and chain.
	os.Setenv(workers.EnvAddress, temporalOut.Frontend)
	os.Setenv(workers.EnvNamespace, temporalOut.Namespace)
	os.Setenv(chain.EnvChainRPC, chainOut.RPC)
	if _, err := launch("control worker", "worker ready: ", time.Minute, nil, "worker", "control", "--network", "dev", "--deployments", deployments); err != nil {
		return err
	}
	facURL, err := launch("facilitator", "ready: ", time.Minute, nil, "facilitator", "--network", "dev", "--addr", *facAddr, "--deployments", deployments)
	if err != nil {
		return err
	}

	// Identities first, so every member can allow every other.
	var ids, dirs, listen []string
	for i := 0; i <= *stages; i++ {
		name := fmt.Sprintf("shard%d", i)
		if i == *stages {
			name = "api"
		}
		d := filepath.Join(devDir, "axl", name)
		c, err := axl.LoadOrInitDir(d)
		if err != nil {
			return err
		}
		port := 0
		if *shardPort != 0 {
			port = *shardPort + i
		}
		if port == 0 {
			if port, err = freeport.TCP("127.0.0.1"); err != nil {
				return err
			}
		}
		ids, dirs = append(ids, string(c.ID())), append(dirs, d)
		listen = append(listen, fmt.Sprintf("tls://127.0.0.1:%d", port))
	}
	allow := strings.Join(ids, ",")
	// Shard processes start empty and poll their nodes' task queues; the
	// pool workflow tells each which layers to load.
	for i := range ranges {
		if _, err := launch(fmt.Sprintf("shard %d", i), "shard worker ready: ", time.Minute, nil,
			"shard", "--temporal", "--node", fmt.Sprintf("n%d", i), "--index", fmt.Sprint(i),
			"--axl-dir", dirs[i], "--listen", listen[i], "--peer", strings.Join(listen[:i], ","), "--allow", allow, "--pool", devPoolName); err != nil {
			return err
		}
	}
	if err := createDevPool(ctx, log, deployments, devPool{name: devPoolName, model: *dir, numLayers: cfg.NumHiddenLayers, ranges: ranges,
		peerIDs: ids[:len(ranges)], stake: big.NewInt(100_000_000), flowrate: "1000"}); err != nil {
		return err
	}

	// A fresh key store each run (the dev chain is fresh too), with one key.
	db := filepath.Join(devDir, "api.db")
	os.Remove(db)
	store, err := auth.Open(ctx, db)
	if err != nil {
		return err
	}
	key, err := store.Register(ctx, "demo@computepool.local", randomHex(16))
	store.Close()
	if err != nil {
		return fmt.Errorf("creating the demo API key: %w", err)
	}
	apiURL, err := launch("api", "ready: ", 2*time.Minute, nil, "api", "--model", *dir, "--id", filepath.Base(*dir),
		"--http", *httpAddr, "--grpc", *grpcAddr, "--db", db, "--network", "dev", "--deployments", deployments, "--facilitator", facURL,
		"--pipeline", strings.Join(ids[:len(ranges)], ","), "--axl-dir", dirs[len(ranges)], "--listen", listen[len(ranges)],
		"--peer", strings.Join(listen[:len(ranges)], ","), "--allow", allow,
		"--temporal", "--pool", devPoolName, "--temporal-ui", temporalOut.UI)
	if err != nil {
		return err
	}
	printDevBanner(devBanner{api: apiURL, key: key.Secret, model: filepath.Base(*dir), rpc: chainOut.RPC, facilitator: facURL,
		temporalUI: temporalOut.UI, namespace: temporalOut.Namespace, ranges: ranges})
	fmt.Fprintf(stdout, "ready: %s\n", apiURL)
	select {
	case <-ctx.Done():
		log.Info("stopping every process")
	case <-anyDone(children):
		return errors.New("a process of the pool exited (its log is above); stopping the others")
	}
	return nil
}

func anyDone(children []*child) <-chan struct{} {
	out := make(chan struct{})
	for _, c := range children {
		go func() {
			<-c.done
			select {
			case out <- struct{}{}:
			default:
			}
		}()
	}
	return out
}

// devBanner is what the dev pool prints once it is ready.
type devBanner struct {
	api, key, model, rpc, facilitator, temporalUI, namespace string
	ranges                                                   []model.Range
}

func printDevBanner(d devBanner) {
	apiURL, key, modelID := d.api, d.key, d.model
	var b strings.Builder
	fmt.Fprintf(&b, "\nComputePool dev pool %q: %d shard processes over AXL (layers", devPoolName, len(d.ranges))
	for _, r := range d.ranges {
		fmt.Fprintf(&b, " %s", r)
	}
	fmt.Fprintf(&b, "), activated, loaded and streaming to its providers through Temporal; paid with x402 on the dev chain.\n\n")
	fmt.Fprintf(&b, "  API (OpenAI, REST /api/v1)  %s    OpenAPI: %s/openapi.json    metrics: %s/metrics\n", apiURL, apiURL, apiURL)
	fmt.Fprintf(&b, "  dashboard                   %s/dashboard/\n", apiURL)
	fmt.Fprintf(&b, "  Temporal Web UI             %s/namespaces/%s/workflows/%s\n", d.temporalUI, d.namespace, url.PathEscape(pool.WorkflowID(devPoolName)))
	fmt.Fprintf(&b, "  dev chain JSON-RPC          %s\n  x402 facilitator            %s\n\n", d.rpc, d.facilitator)
	fmt.Fprintf(&b, "With the demo API key:\n  curl -s %s/v1/chat/completions -H 'Authorization: Bearer %s' \\\n", apiURL, key)
	fmt.Fprintf(&b, "    -H 'Content-Type: application/json' -d '{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}],\"max_tokens\":16}'\n\n", modelID)
	fmt.Fprintf(&b, "With the OpenAI client (npm i openai):\n  new OpenAI({baseURL: '%s/v1', apiKey: '%s'})\n\n", apiURL, key)
	fmt.Fprintf(&b, "Without a key a request answers 402 and is paid with x402 (e.g. @x402/fetch with a funded dev account).\n")
	fmt.Fprintf(&b, "Random weights: the text is gibberish. Ctrl-C stops every process.\n\n")
	fmt.Fprint(os.Stderr, b.String())
}

// devPoolName is the pool `computepool dev` runs.
const devPoolName = "dev"

// createDevPool connects to the dev chain and the Temporal server and runs
// the pool's lifecycle up to ready.
func createDevPool(ctx context.Context, log *zap.Logger, deployments string, p devPool) error {
	conn, err := chain.Connect(ctx, "dev", deployments)
	if err != nil {
		return err
	}
	defer conn.Close()
	tc, err := workers.Dial(ctx, workers.ClientConfigFromEnv(), log)
	if err != nil {
		return err
	}
	defer tc.Close()
	st, times, err := p.create(ctx, log, conn, tc)
	if err != nil {
		return err
	}
	log.Info("pool ready", zap.String("pool", p.name), zap.Int("nodes", len(st.Nodes)), zap.Bool("stream_open", st.StreamOpen),
		zap.Float64("activation_to_ready_s", times.ReadySeconds))
	b, _ := json.Marshal(times)
	fmt.Fprintf(stdout, "%s%s\n", poolTimesPrefix, b)
	return nil
}

// poolTimesPrefix starts the line where dev reports its pool's lifecycle times.
const poolTimesPrefix = "pool lifecycle: "

// ensureDemoModel generates a random-weight Llama once.
func ensureDemoModel(ctx context.Context, log *zap.Logger, dir, preset string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "config.json")); err == nil {
		return dir, nil
	}
	c, err := genmodel.Preset("llama", preset)
	if err != nil {
		return "", err
	}
	log.Info("generating a random-weight model (once)", zap.String("dir", dir), zap.String("preset", preset))
	if err := genmodel.Write(dir, c, genmodel.Options{DType: safetensors.BF16, Seed: 1}, log); err != nil {
		return "", err
	}
	return dir, ctx.Err()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
