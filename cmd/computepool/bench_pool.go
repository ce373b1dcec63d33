package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"time"

	"go.uber.org/zap"
)

// PoolResult is what `bench pool --json` prints: a whole dev pool brought up
// (Temporal, dev chain, control worker, two shard processes) and the pool's
// lifecycle timed from activation to ready.
type PoolResult struct {
	Model string `json:"model"`
	PoolTimes
}

// benchPool runs `computepool dev` on the model with free ports, reads the
// pool's lifecycle times from it, and stops it.
func benchPool(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("bench pool", flag.ContinueOnError)
	dir := fs.String("model", "", "Hugging Face model directory (required; generate one with computepool genmodel --preset 1b)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	temporalAddr := fs.String("temporal", "127.0.0.1:0", "the Temporal server's frontend address")
	temporalDB := fs.String("temporal-db", "memory", `its SQLite file ("memory": nothing kept between runs)`)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" {
		return fmt.Errorf("bench pool: --model is required")
	}
	free := "127.0.0.1:0"
	c, err := startChild("dev", nil, "dev", "--model", *dir, "--http", free, "--grpc", free, "--chain", free, "--facilitator", free,
		"--shard-port", "0", "--temporal", *temporalAddr, "--temporal-db", *temporalDB, "--temporal-ui", "off")
	if err != nil {
		return err
	}
	defer c.stop()
	line, err := c.await(ctx, poolTimesPrefix, 20*time.Minute)
	if err != nil {
		return err
	}
	res := PoolResult{Model: *dir}
	if err := json.Unmarshal([]byte(line), &res.PoolTimes); err != nil {
		return fmt.Errorf("reading dev's pool times %q: %w", line, err)
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "activation → ready %.2f s (activate %.2f s, load %.2f s); dev setup: stake %.2f s\n",
		res.ReadySeconds, res.ActivateSeconds, res.LoadSeconds, res.StakeSeconds)
	return nil
}
