package main

import (
	"context"
	"encoding/json"
	"flag"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workers/devserver"
)

// runTemporal: `computepool temporal` runs the Temporal dev server with the
// Web UI in this process, state in <state dir>/temporal.db, until Ctrl-C.
func runTemporal(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("temporal", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:7233", "frontend gRPC address (port 0 picks one)")
	ui := fs.String("ui", "127.0.0.1:8233", `Web UI address ("off": no UI)`)
	db := fs.String("db", "", "SQLite file (default <state dir>/temporal.db)")
	ephemeral := fs.Bool("ephemeral", false, "keep state in memory only")
	namespace := fs.String("namespace", workers.DefaultNamespace, "namespace to create")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *db == "" && !*ephemeral {
		dir, err := chain.StateDir()
		if err != nil {
			return err
		}
		*db = filepath.Join(dir, "temporal.db")
	}
	if *ephemeral {
		*db = ""
	}
	s, err := devserver.Start(ctx, log, devserver.Config{Frontend: *addr, UI: *ui, DBFile: *db, Namespace: *namespace,
		SearchAttributes: workers.SearchAttributes()})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := json.NewEncoder(stdout).Encode(map[string]string{"frontend": s.FrontendAddr, "ui": s.UIURL, "namespace": s.Namespace, "db": *db}); err != nil {
		return err
	}
	<-ctx.Done()
	return nil
}
