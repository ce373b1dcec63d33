// Command computepool is ComputePool's one binary: every role (shard, API,
// worker, dev environment) and every tool (model generation, generation
// baseline, benchmarks) is a subcommand that wires the packages together.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// command is one subcommand: it parses its own flags from args.
type command struct {
	summary string
	run     func(ctx context.Context, log *zap.Logger, args []string) error
}

// stdout receives results (--json); tests capture it.
var stdout io.Writer = os.Stdout

var commands = map[string]command{
	"genmodel": {"write a random-weight model in Hugging Face layout", runGenmodel},
	"quantize": {"write an int8 copy of a model (per-row scales): half the bytes of bf16", runQuantize},
	"api":      {"serve a model over gRPC, REST (/api/v1) and the OpenAI API, with API keys and x402", runAPI},
	"generate": {"run a model (or one layer slice) in one process: the single-process baseline", runGenerate},
	"bench":    {"measure speed: bench " + benchmarks, runBench},
	"tokenize": {"print the token ids of a text (optionally through the chat template)", runTokenize},
	"gguf":     {"export a Llama model as GGUF (for llama.cpp comparisons)", runGGUF},
	"shard":    {"serve one pipeline stage (a layer range) behind an embedded AXL node", runShard},
	"dev":      {"run a whole paid pool on this machine: dev chain, facilitator, shards over AXL, API", runDev},
	"plan":     {"split a model's layers over nodes by their free memory (the --layers of each shard)", runPlan},
	"chain":    {"run the dev chain or deploy the contracts: chain dev | chain deploy --network dev|galileo", runChain},

	"facilitator": {"x402 facilitator: verify and settle EIP-3009 payments on the dev chain or galileo (127.0.0.1:4021)", runFacilitator},

	"worker": {"run a Temporal worker: worker control (pool + settlement workflows, chain activities) | worker shard --node ID", runWorker},

	"settlements": {"x402 settlements on Temporal: settlements list [--status failed] | settlements retry <nonce>", runSettlements},

	"pools": {"pool workflows on Temporal: pools state NAME | pools evidence NAME (evidence and slashes) | pools add-standby NAME --node ID", runPools},

	"temporal": {"run the Temporal dev server with the Web UI in process (127.0.0.1:7233, UI http://127.0.0.1:8233)", runTemporal},
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		usage()
		os.Exit(2)
	}
	cmd, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "computepool: unknown command %q\n\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	log := newLogger()
	defer log.Sync() //nolint:errcheck // nothing useful to do if stderr is gone
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := cmd.run(ctx, log, os.Args[2:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		fmt.Fprintf(os.Stderr, "computepool %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: computepool <command> [flags]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(os.Stderr, "\nRun 'computepool <command> -h' for a command's flags.")
}

// newLogger writes human-readable progress lines to stderr, keeping stdout
// for results (--json). COMPUTEPOOL_LOG_LEVEL=debug|info|warn|error;
// COMPUTEPOOL_LOG_FORMAT=json writes one JSON object per line (deployments:
// pool, stage and request ids are fields).
func newLogger() *zap.Logger {
	level := zapcore.InfoLevel
	if s := os.Getenv("COMPUTEPOOL_LOG_LEVEL"); s != "" {
		if err := level.Set(s); err != nil {
			fmt.Fprintf(os.Stderr, "computepool: ignoring COMPUTEPOOL_LOG_LEVEL=%q: %v\n", s, err)
		}
	}
	var enc zapcore.Encoder
	switch f := os.Getenv("COMPUTEPOOL_LOG_FORMAT"); f {
	case "json":
		cfg := zap.NewProductionEncoderConfig()
		cfg.EncodeTime = zapcore.ISO8601TimeEncoder
		enc = zapcore.NewJSONEncoder(cfg)
	default:
		if f != "" && f != "console" {
			fmt.Fprintf(os.Stderr, "computepool: ignoring COMPUTEPOOL_LOG_FORMAT=%q (want json or console)\n", f)
		}
		cfg := zap.NewDevelopmentEncoderConfig()
		cfg.EncodeLevel = zapcore.CapitalColorLevelEncoder
		enc = zapcore.NewConsoleEncoder(cfg)
	}
	return zap.New(zapcore.NewCore(enc, zapcore.Lock(os.Stderr), level))
}
