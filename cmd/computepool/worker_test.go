package main

import (
	"context"
	"encoding/hex"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/stretchr/testify/require"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/chain"
)

// COMPUTEPOOL_ESCROW_KEY gives the settlements their own account; unset,
// they use the control worker's.
func TestEscrowTransactor(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dev, err := chain.StartDev(ctx, log, chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 2})
	require.NoError(t, err)
	defer dev.Close() //nolint:errcheck // test cleanup
	net, err := chain.LookupNetwork("dev")
	require.NoError(t, err)
	conn := &chain.Conn{Network: net, Client: dev.Client, Deployments: dev.Deployments}
	tr, err := conn.Transactor(ctx, log, dev.Signer(0), chain.TransactorOptions{})
	require.NoError(t, err)

	t.Setenv(envEscrowKey, "")
	got, err := escrowTransactor(ctx, log, conn, tr)
	require.NoError(t, err)
	require.Same(t, tr, got)

	key, err := crypto.GenerateKey()
	require.NoError(t, err)
	t.Setenv(envEscrowKey, "0x"+hex.EncodeToString(crypto.FromECDSA(key)))
	got, err = escrowTransactor(ctx, log, conn, tr)
	require.NoError(t, err)
	require.Equal(t, crypto.PubkeyToAddress(key.PublicKey), got.Address())

	t.Setenv(envEscrowKey, "not a key")
	_, err = escrowTransactor(ctx, log, conn, tr)
	require.ErrorContains(t, err, envEscrowKey)
}
