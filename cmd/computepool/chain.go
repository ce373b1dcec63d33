package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
)

func runChain(ctx context.Context, log *zap.Logger, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: computepool chain dev|deploy [flags]")
	}
	switch args[0] {
	case "dev":
		return runChainDev(ctx, log, args[1:])
	case "deploy":
		return runChainDeploy(ctx, log, args[1:])
	}
	return fmt.Errorf("unknown chain command %q: want dev or deploy", args[0])
}

// chainDevOutput is what `chain dev` prints on stdout once the chain is ready.
type chainDevOutput struct {
	RPC         string            `json:"rpc"`
	Deployments chain.Deployments `json:"deployments"`
	Accounts    []string          `json:"accounts"`
	File        string            `json:"deploymentsFile"`
}

// runChainDev runs the in-process dev chain until interrupted.
func runChainDev(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("chain dev", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:8545", "JSON-RPC listen address (port 0: any free port)")
	accounts := fs.Int("accounts", 10, "deterministic dev accounts to fund (account 0 deploys and owns the token)")
	path := fs.String("deployments", "", "deployments file to write (default <state dir>/deployments/dev.json)")
	period := fs.Duration("liquidation-period", 4*time.Hour, "payment streams' buffer: flowrate × this")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *path == "" {
		p, err := chain.DeploymentsPath("dev")
		if err != nil {
			return err
		}
		*path = p
	}
	dc, err := chain.StartDev(ctx, log, chain.DevConfig{
		Addr: *addr, Accounts: *accounts, DeploymentsPath: *path,
		Deploy: chain.DeployConfig{Network: "dev", LiquidationPeriod: *period},
	})
	if err != nil {
		return err
	}
	defer dc.Close() //nolint:errcheck // shutting down
	out := chainDevOutput{RPC: dc.URL, Deployments: dc.Deployments, File: *path}
	for _, a := range dc.Accounts {
		out.Accounts = append(out.Accounts, a.Hex())
	}
	if err := json.NewEncoder(stdout).Encode(out); err != nil {
		return err
	}
	log.Info("dev chain ready; Ctrl-C stops it (its state is in memory)", zap.String("rpc", dc.URL))
	<-ctx.Done()
	return nil
}

// runChainDeploy deploys the contracts to a network with the key from the
// environment and writes that network's deployments file.
func runChainDeploy(ctx context.Context, log *zap.Logger, args []string) error {
	fs := flag.NewFlagSet("chain deploy", flag.ContinueOnError)
	network := fs.String("network", "dev", "dev or galileo (RPC URL from COMPUTEPOOL_CHAIN_RPC, key from COMPUTEPOOL_CHAIN_KEY or COMPUTEPOOL_CHAIN_KEYSTORE)")
	path := fs.String("deployments", "", "deployments file to write (default <state dir>/deployments/<network>.json)")
	period := fs.Duration("liquidation-period", 4*time.Hour, "payment streams' buffer: flowrate × this")
	confirmations := fs.Uint64("confirmations", 0, "blocks on top of each deployment before it counts (default: 1 on dev, 2 elsewhere)")
	timeout := fs.Duration("timeout", 3*time.Minute, "how long to wait for each transaction")
	if err := fs.Parse(args); err != nil {
		return err
	}
	net, err := chain.LookupNetwork(*network)
	if err != nil {
		return err
	}
	signer, err := chain.SignerFromEnv()
	if errors.Is(err, chain.ErrNoKey) && net.Name == "dev" {
		signer = chain.NewKeySigner(chain.DevKey(0)) // the dev chain's funded deployer
		err = nil
	}
	if err != nil {
		return err
	}
	if *confirmations == 0 && net.Name != "dev" {
		*confirmations = 2
	}
	if *path == "" {
		if *path, err = chain.DeploymentsPath(net.Name); err != nil {
			return err
		}
	}
	client, err := ethclient.DialContext(ctx, net.RPCURL)
	if err != nil {
		return fmt.Errorf("connect to %s RPC: %w", net.Name, err)
	}
	defer client.Close()
	tr, err := chain.NewTransactor(ctx, client, signer, log, chain.TransactorOptions{
		ExpectChainID: net.ChainID, Confirmations: *confirmations, Timeout: *timeout,
	})
	if err != nil {
		return err
	}
	log.Info("deploying", zap.String("network", net.Name), zap.Uint64("chainId", net.ChainID), zap.Stringer("deployer", signer.Address()))
	d, err := chain.DeployContracts(ctx, tr, log, chain.DeployConfig{Network: net.Name, LiquidationPeriod: *period})
	if err != nil {
		return err
	}
	if err := chain.WriteDeployments(*path, d); err != nil {
		return err
	}
	log.Info("deployments written", zap.String("path", *path))
	return json.NewEncoder(stdout).Encode(d)
}
