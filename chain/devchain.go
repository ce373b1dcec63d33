package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"go.uber.org/zap"
)

// DevConfig configures the in-process dev chain.
type DevConfig struct {
	// Addr is the JSON-RPC listen address (default 127.0.0.1:8545; port 0 picks a free one).
	Addr string
	// Accounts is how many deterministic dev accounts (DevKey(0..n-1)) are
	// funded; account 0 deploys and owns the token (default 10).
	Accounts int
	// MintUSD is the ComputeUSD (base units, 6 decimals) minted to each
	// account (default 1,000,000 USD).
	MintUSD *big.Int
	// DeploymentsPath, if set, receives the deployments file.
	DeploymentsPath string
	Deploy          DeployConfig
}

// DevChain is a single-node chain (chain id 1337) mining a block per
// transaction, with a real JSON-RPC endpoint and our contracts deployed.
type DevChain struct {
	URL         string
	Deployments Deployments
	Accounts    []common.Address
	Client      *ethclient.Client

	keys   []*ecdsa.PrivateKey
	stack  *node.Node
	beacon *catalyst.SimulatedBeacon
	stop   func() // ends the sealing loop
}

// DevChainConfig is geth's dev chain config without the post-Osaka "Bogota"
// fork, which triples gas costs (transferWithAuthorization 266,552 instead of
// 83,312): gas on the dev chain then matches a public chain.
func DevChainConfig() *params.ChainConfig {
	cfg := *params.AllDevChainProtocolChanges
	cfg.BogotaTime = nil
	return &cfg
}

// StartDev starts the dev chain, deploys the contracts, funds and mints to
// the dev accounts and writes the deployments file. Close stops it.
func StartDev(ctx context.Context, log *zap.Logger, cfg DevConfig) (*DevChain, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8545"
	}
	if cfg.Accounts <= 0 {
		cfg.Accounts = 10
	}
	if cfg.MintUSD == nil {
		cfg.MintUSD = new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(1_000_000))
	}
	if cfg.Deploy.Network == "" {
		cfg.Deploy.Network = "dev"
	}
	host, portStr, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("dev chain address %q: want host:port: %w", cfg.Addr, err)
	}
	port, err := strconv.Atoi(portStr)
	if err != nil {
		return nil, fmt.Errorf("dev chain address %q: bad port: %w", cfg.Addr, err)
	}

	d := &DevChain{}
	alloc := types.GenesisAlloc{}
	ether := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	for i := range cfg.Accounts {
		k := DevKey(i)
		d.keys = append(d.keys, k)
		addr := crypto.PubkeyToAddress(k.PublicKey)
		d.Accounts = append(d.Accounts, addr)
		alloc[addr] = types.Account{Balance: new(big.Int).Mul(big.NewInt(1_000_000), ether)}
	}
	stack, beacon, stop, err := newDevNode(host, port, alloc)
	if err != nil {
		return nil, err
	}
	d.stack, d.beacon, d.stop = stack, beacon, stop
	d.URL = stack.HTTPEndpoint()
	rc, err := rpc.DialContext(ctx, d.URL)
	if err != nil {
		d.Close() //nolint:errcheck // reporting the dial error
		return nil, fmt.Errorf("dial dev chain at %s: %w", d.URL, err)
	}
	d.Client = ethclient.NewClient(rc)
	log.Info("dev chain listening", zap.String("rpc", d.URL), zap.Int("chainId", DevChainID))

	tr, err := NewTransactor(ctx, d.Client, d.Signer(0), log, TransactorOptions{ExpectChainID: DevChainID, Timeout: 30 * time.Second})
	if err != nil {
		d.Close() //nolint:errcheck // reporting the transactor error
		return nil, err
	}
	if d.Deployments, err = DeployContracts(ctx, tr, log, cfg.Deploy); err != nil {
		d.Close() //nolint:errcheck // reporting the deploy error
		return nil, err
	}
	if err := Mint(ctx, tr, d.Deployments.ComputeUSD, cfg.MintUSD, d.Accounts...); err != nil {
		d.Close() //nolint:errcheck // reporting the mint error
		return nil, err
	}
	if cfg.DeploymentsPath != "" {
		if err := WriteDeployments(cfg.DeploymentsPath, d.Deployments); err != nil {
			d.Close() //nolint:errcheck // reporting the write error
			return nil, err
		}
		log.Info("deployments written", zap.String("path", cfg.DeploymentsPath))
	}
	return d, nil
}

// newDevNode assembles what `geth --dev --dev.period 0` runs: a node with
// HTTP JSON-RPC, the eth service on a dev genesis, the filter API, and a
// simulated beacon that seals a block whenever a transaction arrives (see
// sealOnDemand). stop ends the sealing; closing the node does not.
func newDevNode(host string, port int, alloc types.GenesisAlloc) (stack *node.Node, beacon *catalyst.SimulatedBeacon, stop func(), err error) {
	stack, err = node.New(&node.Config{
		Name:             "computepool-dev",
		HTTPHost:         host,
		HTTPPort:         port,
		HTTPModules:      []string{"eth", "net", "web3", "txpool"},
		HTTPVirtualHosts: []string{"*"},
		HTTPCors:         []string{"*"},
		P2P:              p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""},
	})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("create dev node: %w", err)
	}
	genesis := core.DeveloperGenesisBlock(ethconfig.Defaults.Miner.GasCeil, nil)
	genesis.Config = DevChainConfig()
	for a, acc := range alloc {
		genesis.Alloc[a] = acc
	}
	ethConf := ethconfig.Defaults
	ethConf.Genesis = genesis
	ethConf.NetworkId = DevChainID
	ethConf.SyncMode = ethconfig.FullSync
	ethConf.TxPool.NoLocals = true
	backend, err := eth.New(stack, &ethConf)
	if err != nil {
		stack.Close() //nolint:errcheck // reporting the eth error
		return nil, nil, nil, fmt.Errorf("create dev eth service: %w", err)
	}
	filterSystem := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filterSystem)}})
	beacon, err = catalyst.NewSimulatedBeacon(0, common.Address{}, backend)
	if err != nil {
		stack.Close() //nolint:errcheck // reporting the beacon error
		return nil, nil, nil, fmt.Errorf("create dev beacon: %w", err)
	}
	stack.RegisterLifecycle(beacon)
	stop = sealOnDemand(backend, beacon)
	if err := stack.Start(); err != nil {
		stop()
		stack.Close() //nolint:errcheck // reporting the start error
		return nil, nil, nil, fmt.Errorf("start dev node on %s:%d (port taken? pass another or 0): %w", host, port, err)
	}
	return stack, beacon, stop, nil
}

// sealOnDemand seals a block whenever transactions are executable, from one
// goroutine. geth's own on-demand loop (catalyst.RegisterSimulatedBeaconAPIs)
// subscribes to the pool from a goroutine it starts, so a transaction sent
// right after the node starts can arrive first and is never sealed: a
// contract deployment in StartDev waited out its 30 s that way in CI. Here
// the subscription exists before the node starts, and a tick seals whatever
// an event did not announce.
func sealOnDemand(backend *eth.Ethereum, beacon *catalyst.SimulatedBeacon) (stop func()) {
	pool := backend.TxPool()
	newTxs := make(chan core.NewTxsEvent, 16)
	sub := pool.SubscribeTransactions(newTxs, true)
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		defer sub.Unsubscribe()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-sub.Err():
				return
			case <-newTxs:
			case <-tick.C:
			}
			// A block per round while the pool has executable transactions;
			// bounded, in case the miner leaves one out (a tip too low).
			for range 16 {
				if executable, _ := pool.Stats(); executable == 0 {
					break
				}
				beacon.Commit()
				pool.Sync() //nolint:errcheck // best effort: the next round looks again
			}
		}
	}()
	return func() { close(done); <-finished }
}

// Signer returns dev account i's signer.
func (d *DevChain) Signer(i int) Signer { return NewKeySigner(d.keys[i]) }

// Close stops the node.
func (d *DevChain) Close() error {
	var err error
	if d.stop != nil {
		d.stop()
		d.stop = nil
	}
	if d.Client != nil {
		d.Client.Close()
		d.Client = nil
	}
	if d.stack != nil {
		err = d.stack.Close()
		d.stack = nil
		if errors.Is(err, node.ErrNodeStopped) {
			err = nil
		}
	}
	return err
}
