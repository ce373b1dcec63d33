package chain

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"go.uber.org/zap"

	"github.com/computepool/computepool/contracts/bindings"
)

// DeployConfig names the token and sets the streams' liquidation period.
type DeployConfig struct {
	Network           string
	TokenName         string        // EIP-712 domain name; default "Compute USD"
	TokenSymbol       string        // default "cUSD"
	LiquidationPeriod time.Duration // buffer = flowrate × this; default 4 h (Superfluid's usual)
	// INFTVerifier signs PoolINFT transfer proofs (an oracle or TEE key);
	// default: the deployer.
	INFTVerifier common.Address
}

func (c *DeployConfig) defaults() {
	if c.TokenName == "" {
		c.TokenName = "Compute USD"
	}
	if c.TokenSymbol == "" {
		c.TokenSymbol = "cUSD"
	}
	if c.LiquidationPeriod <= 0 {
		c.LiquidationPeriod = 4 * time.Hour
	}
}

// DeployContracts deploys ComputeUSD (owned by tr's account), Coalition and
// PaymentStreams over that token, and PoolINFT (owned by tr's account), and
// returns their addresses.
func DeployContracts(ctx context.Context, tr *Transactor, log *zap.Logger, cfg DeployConfig) (Deployments, error) {
	cfg.defaults()
	start, err := tr.Backend().BlockNumber(ctx)
	if err != nil {
		return Deployments{}, fmt.Errorf("read block number: %w", err)
	}
	d := Deployments{
		Network: cfg.Network, ChainID: tr.ChainID().Uint64(), Deployer: tr.Address(),
		TokenName: cfg.TokenName, TokenVersion: "2", TokenDecimals: 6,
		LiquidationPeriod: uint64(cfg.LiquidationPeriod / time.Second), StartBlock: start, DeployedAt: time.Now().UTC(),
	}
	deploy := func(name string, md string, args []byte) (common.Address, error) {
		code, err := hexutil.Decode(md)
		if err != nil {
			return common.Address{}, fmt.Errorf("decode %s bytecode: %w", name, err)
		}
		addr, r, err := tr.Deploy(ctx, code, args)
		if err != nil {
			return common.Address{}, fmt.Errorf("deploy %s: %w", name, err)
		}
		log.Info("deployed", zap.String("contract", name), zap.Stringer("address", addr), zap.Uint64("gas", r.GasUsed))
		return addr, nil
	}
	if d.ComputeUSD, err = deploy("ComputeUSD", bindings.ComputeUSDMetaData.Bin,
		bindings.NewComputeUSD().PackConstructor(cfg.TokenName, cfg.TokenSymbol, tr.Address())); err != nil {
		return d, err
	}
	if d.Coalition, err = deploy("Coalition", bindings.CoalitionMetaData.Bin,
		bindings.NewCoalition().PackConstructor(d.ComputeUSD)); err != nil {
		return d, err
	}
	if d.PaymentStreams, err = deploy("PaymentStreams", bindings.PaymentStreamsMetaData.Bin,
		bindings.NewPaymentStreams().PackConstructor(d.ComputeUSD, new(big.Int).SetUint64(d.LiquidationPeriod))); err != nil {
		return d, err
	}
	if cfg.INFTVerifier == (common.Address{}) {
		cfg.INFTVerifier = tr.Address()
	}
	d.INFTVerifier = cfg.INFTVerifier
	if d.PoolINFT, err = deploy("PoolINFT", bindings.PoolINFTMetaData.Bin,
		bindings.NewPoolINFT().PackConstructor(tr.Address(), cfg.INFTVerifier)); err != nil {
		return d, err
	}
	return d, nil
}

// Mint mints amount (token base units) of ComputeUSD to each account; tr must be the token's owner.
func Mint(ctx context.Context, tr *Transactor, token common.Address, amount *big.Int, to ...common.Address) error {
	usd := bindings.NewComputeUSD()
	for _, a := range to {
		if _, err := tr.Send(ctx, token, usd.PackMint(a, amount), nil); err != nil {
			return fmt.Errorf("mint %s to %s: %w", amount, a, err)
		}
	}
	return nil
}
