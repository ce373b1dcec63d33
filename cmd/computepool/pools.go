package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"go.uber.org/zap"

	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

const poolsUsage = "usage: computepool pools state NAME | pools evidence NAME [--json] | pools add-standby NAME --node ID [--provider 0x…] [--peer-id ID] [--memory-mb N]"

// runPools: operator views of the pool workflows (Temporal from
// COMPUTEPOOL_TEMPORAL_*): the state query, the evidence and slashes
// recorded, and standby nodes.
func runPools(ctx context.Context, log *zap.Logger, args []string) error {
	// The verb and the flags are checked before Temporal is dialed: a typo
	// or -h is a usage error, not a connection error.
	if len(args) == 0 || !slices.Contains([]string{"state", "evidence", "add-standby"}, args[0]) {
		return errors.New(poolsUsage)
	}
	if len(args) < 2 || strings.HasPrefix(args[1], "-") {
		return fmt.Errorf("pools %s: NAME first: %s", args[0], poolsUsage)
	}
	verb, name := args[0], args[1]
	fs := flag.NewFlagSet("pools "+verb, flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	var n pool.Node
	fs.StringVar(&n.ID, "node", "", "add-standby: the node id (its task queue is computepool-shard/<id>)")
	fs.StringVar(&n.Provider, "provider", "", "add-standby: the provider address; not checked: it should have staked in the pool's coalition (Coalition.stake), or a slash for its faults fails (slash_failed) and it is only replaced")
	fs.StringVar(&n.PeerID, "peer-id", "", "add-standby: the node's AXL peer id")
	fs.IntVar(&n.MemoryMB, "memory-mb", 0, "add-standby: the node's memory")
	if err := fs.Parse(args[2:]); err != nil {
		return err
	}
	if verb == "add-standby" && n.ID == "" {
		return errors.New("pools add-standby: --node is required")
	}
	cfg := workers.ClientConfigFromEnv()
	c, err := workers.Dial(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	ctl := poolctl.New(c, cfg.Namespace, workers.ControlTaskQueue, pool.Config{})
	switch verb {
	case "state":
		s, err := ctl.Snapshot(ctx, name)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(s)
	case "evidence":
		s, err := ctl.Snapshot(ctx, name)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(s.State.Evidence)
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EVIDENCE\tKIND\tNODE\tPROVIDER\tSTATUS\tAMOUNT\tTX\tREPLACEMENT\tERROR")
		for _, r := range s.State.Evidence {
			tx := r.TxHash
			if r.AlreadySlashed {
				tx = "(already on chain)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Hash, r.Evidence.Kind, r.Evidence.NodeID, r.Evidence.Provider,
				r.Status, r.Amount, tx, r.Replacement, r.Error)
		}
		return tw.Flush()
	case "add-standby":
		st, err := ctl.AddStandby(ctx, name, n)
		if err != nil {
			return err
		}
		return json.NewEncoder(stdout).Encode(st)
	}
	return fmt.Errorf("pools %q: %s", verb, poolsUsage)
}
