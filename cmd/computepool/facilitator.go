package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
	"github.com/computepool/computepool/facilitator"
)

// DefaultFacilitatorAddr is where `computepool facilitator` listens (DESIGN.md §9).
const DefaultFacilitatorAddr = "127.0.0.1:4021"

// devRelayer is the dev account that relays settlements on the dev chain
// when no key is configured (account 0 deploys, 2 is the default payee).
const devRelayer = 1

// runFacilitator serves the x402 facilitator until interrupted.
func runFacilitator(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("facilitator", flag.ContinueOnError)
	addr := fs.String("addr", envOr("COMPUTEPOOL_FACILITATOR_ADDR", DefaultFacilitatorAddr), "listen address (env COMPUTEPOOL_FACILITATOR_ADDR; port 0: any free port)")
	network := fs.String("network", envOr("COMPUTEPOOL_NETWORK", "dev"), "dev or galileo (RPC URL from COMPUTEPOOL_CHAIN_RPC; relayer key from COMPUTEPOOL_CHAIN_KEY or COMPUTEPOOL_CHAIN_KEYSTORE, on dev default: dev account 1)")
	path := fs.String("deployments", "", "deployments file naming the token (default <state dir>/deployments/<network>.json)")
	confirmations := fs.Uint64("confirmations", 0, "blocks on top of a settlement before it counts (default: 1 on dev, 2 elsewhere)")
	timeout := fs.Duration("timeout", 2*time.Minute, "how long one settlement may take to be mined")
	if err := fs.Parse(args); err != nil {
		return err
	}
	conn, err := chain.Connect(ctx, *network, *path)
	if err != nil {
		return err
	}
	defer conn.Close()
	signer, err := chain.SignerFromEnv()
	if errors.Is(err, chain.ErrNoKey) && conn.Network.Name == "dev" {
		signer = chain.NewKeySigner(chain.DevKey(devRelayer)) // a funded dev account
		err = nil
	}
	if err != nil {
		return err
	}
	if *confirmations == 0 && conn.Network.Name != "dev" {
		*confirmations = 2
	}
	tr, err := conn.Transactor(ctx, log, signer, chain.TransactorOptions{Confirmations: *confirmations, Timeout: *timeout})
	if err != nil {
		return err
	}
	f, err := facilitator.New(ctx, facilitator.Config{Transactor: tr, Tokens: []common.Address{conn.Deployments.ComputeUSD},
		Log: log, SettleTimeout: *timeout})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s (port taken? pass --addr): %w", *addr, err)
	}
	srv := &http.Server{Handler: f.Handler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("facilitator serving", zap.String("network", f.Network()), zap.Stringer("relayer", f.Relayer()),
		zap.Stringer("token", conn.Deployments.ComputeUSD))
	fmt.Fprintf(stdout, "ready: http://%s\n", ln.Addr())
	select {
	case err := <-errc:
		return fmt.Errorf("facilitator server: %w", err)
	case <-ctx.Done():
	}
	log.Info("facilitator stopping: finishing running settlements")
	shutdown, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	return srv.Shutdown(shutdown)
}
