package chain

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Network is a chain profile: where to send and which chain id to expect.
type Network struct {
	Name    string
	ChainID uint64
	RPCURL  string
}

// Chain ids of the known networks.
const (
	DevChainID     = 1337
	GalileoChainID = 16602
	DefaultDevRPC  = "http://127.0.0.1:8545"
)

// LookupNetwork returns the profile of "dev" (the local dev chain; RPC URL
// COMPUTEPOOL_CHAIN_RPC or http://127.0.0.1:8545) or "galileo" (0G's
// testnet; its RPC URL must come from COMPUTEPOOL_CHAIN_RPC, never from the
// repository).
func LookupNetwork(name string) (Network, error) {
	rpcURL := os.Getenv(EnvChainRPC)
	switch name {
	case "dev":
		if rpcURL == "" {
			rpcURL = DefaultDevRPC
		}
		return Network{Name: name, ChainID: DevChainID, RPCURL: rpcURL}, nil
	case "galileo":
		if rpcURL == "" {
			return Network{}, fmt.Errorf("network galileo: set %s to the 0G Galileo RPC URL", EnvChainRPC)
		}
		return Network{Name: name, ChainID: GalileoChainID, RPCURL: rpcURL}, nil
	}
	return Network{}, fmt.Errorf("unknown network %q: want dev or galileo", name)
}

// Deployments records where our contracts live on one network; commands
// that talk to the chain read it. It never holds keys or RPC URLs.
type Deployments struct {
	Network        string         `json:"network"`
	ChainID        uint64         `json:"chainId"`
	Deployer       common.Address `json:"deployer"`
	ComputeUSD     common.Address `json:"computeUSD"`
	Coalition      common.Address `json:"coalition"`
	PaymentStreams common.Address `json:"paymentStreams"`
	PoolINFT       common.Address `json:"poolINFT"`
	INFTVerifier   common.Address `json:"inftVerifier"`
	// TokenName and TokenVersion are the token's EIP-712 domain (x402's extra).
	TokenName         string    `json:"tokenName"`
	TokenVersion      string    `json:"tokenVersion"`
	TokenDecimals     uint8     `json:"tokenDecimals"`
	LiquidationPeriod uint64    `json:"liquidationPeriodSeconds"`
	StartBlock        uint64    `json:"startBlock"`
	DeployedAt        time.Time `json:"deployedAt"`
}

// EnvStateDir overrides the state directory (DESIGN.md §9).
const EnvStateDir = "COMPUTEPOOL_STATE_DIR"

// StateDir is $COMPUTEPOOL_STATE_DIR, else $XDG_DATA_HOME/computepool, else
// ~/.local/share/computepool.
func StateDir() (string, error) {
	if d := os.Getenv(EnvStateDir); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "computepool"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("find the state directory (set %s): %w", EnvStateDir, err)
	}
	return filepath.Join(home, ".local", "share", "computepool"), nil
}

// DeploymentsPath is <state dir>/deployments/<network>.json.
func DeploymentsPath(network string) (string, error) {
	dir, err := StateDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "deployments", network+".json"), nil
}

// WriteDeployments writes d to path atomically (temporary file + rename), so
// a reader never sees half a file.
func WriteDeployments(path string, d Deployments) error {
	data, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return fmt.Errorf("encode deployments: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("create deployments directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".deployments-*.json")
	if err != nil {
		return fmt.Errorf("write deployments: %w", err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after a successful rename
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close() //nolint:errcheck // the write error is the one to report
		return fmt.Errorf("write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close() //nolint:errcheck // the sync error is the one to report
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write deployments %s: %w", path, err)
	}
	return nil
}

// ReadDeployments reads a deployments file written by WriteDeployments.
func ReadDeployments(path string) (Deployments, error) {
	var d Deployments
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return d, fmt.Errorf("no deployments at %s: run `computepool chain dev` or `computepool chain deploy` first: %w", path, err)
	}
	if err != nil {
		return d, fmt.Errorf("read deployments: %w", err)
	}
	if err := json.Unmarshal(data, &d); err != nil {
		return d, fmt.Errorf("parse deployments %s: %w", path, err)
	}
	if d.ComputeUSD == (common.Address{}) {
		return d, fmt.Errorf("deployments %s has no ComputeUSD address", path)
	}
	return d, nil
}
