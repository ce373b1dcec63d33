package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/ethclient"
	"go.uber.org/zap"

	"github.com/computepool/computepool/contracts/bindings"
)

// Conn is what a command or service opens first: a network's RPC client and
// the contracts deployed there, with the chain id checked on both.
type Conn struct {
	Network     Network
	Client      *ethclient.Client
	Deployments Deployments
}

// Connect looks up the network profile, reads its deployments file
// (deploymentsPath, or the default one of the network) and dials the RPC URL,
// refusing a node or a file of another chain.
func Connect(ctx context.Context, network, deploymentsPath string) (*Conn, error) {
	net, err := LookupNetwork(network)
	if err != nil {
		return nil, err
	}
	if deploymentsPath == "" {
		if deploymentsPath, err = DeploymentsPath(net.Name); err != nil {
			return nil, err
		}
	}
	d, err := ReadDeployments(deploymentsPath)
	if err != nil {
		return nil, err
	}
	if d.ChainID != net.ChainID {
		return nil, fmt.Errorf("deployments %s are for chain %d, network %s is chain %d", deploymentsPath, d.ChainID, net.Name, net.ChainID)
	}
	client, err := ethclient.DialContext(ctx, net.RPCURL)
	if err != nil {
		return nil, fmt.Errorf("connect to %s RPC: %w", net.Name, err)
	}
	id, err := client.ChainID(ctx)
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("read chain id from the %s RPC (is the node up? for dev: computepool chain dev): %w", net.Name, err)
	}
	if id.Uint64() != net.ChainID {
		client.Close()
		return nil, fmt.Errorf("the %s RPC serves chain %d, want %d: wrong %s?", net.Name, id, net.ChainID, EnvChainRPC)
	}
	return &Conn{Network: net, Client: client, Deployments: d}, nil
}

// Transactor returns a transactor on this connection (chain id pinned to the network's).
func (c *Conn) Transactor(ctx context.Context, log *zap.Logger, s Signer, opts TransactorOptions) (*Transactor, error) {
	opts.ExpectChainID = c.Network.ChainID
	return NewTransactor(ctx, c.Client, s, log, opts)
}

func (c *Conn) Close() { c.Client.Close() }

// TokenBalance is account's ComputeUSD (any ERC-20's) balance in base units.
func TokenBalance(ctx context.Context, b bind.ContractCaller, token, account common.Address) (*big.Int, error) {
	usd := bindings.NewComputeUSD()
	out, err := call(ctx, b, common.Address{}, token, usd.PackBalanceOf(account))
	if err != nil {
		return nil, fmt.Errorf("read balance of %s on token %s: %w", account, token, err)
	}
	return usd.UnpackBalanceOf(out)
}
