package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/chain"
)

// `chain deploy` deploys to the RPC URL of the profile, checks the chain id
// and writes the deployments file that other commands read.
func TestChainDeployDev(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	dc, err := chain.StartDev(ctx, zaptest.NewLogger(t), chain.DevConfig{Addr: "127.0.0.1:0", Accounts: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	state := t.TempDir()
	t.Setenv(chain.EnvStateDir, state)
	t.Setenv(chain.EnvChainRPC, dc.URL)
	t.Setenv(chain.EnvChainKey, "")
	t.Setenv(chain.EnvChainKeystore, "")
	out := mustRun(t, "chain", "deploy", "--network", "dev")
	var printed chain.Deployments
	if err := json.Unmarshal([]byte(out), &printed); err != nil {
		t.Fatalf("chain deploy output %q: %v", out, err)
	}
	d, err := chain.ReadDeployments(filepath.Join(state, "deployments", "dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	if d != printed || d.ChainID != chain.DevChainID || d.ComputeUSD == dc.Deployments.ComputeUSD {
		t.Fatalf("deployments file %+v, printed %+v", d, printed)
	}
	// Galileo needs a key, and a node whose chain id is 16602.
	if _, err := run(t, "chain", "deploy", "--network", "galileo"); !errors.Is(err, chain.ErrNoKey) {
		t.Fatalf("deploy to galileo without a key: %v", err)
	}
	t.Setenv(chain.EnvChainKey, hex.EncodeToString(crypto.FromECDSA(chain.DevKey(0))))
	if _, err := run(t, "chain", "deploy", "--network", "galileo"); err == nil || !strings.Contains(err.Error(), "chain id 1337") {
		t.Fatalf("deploy to galileo against a 1337 node: %v", err)
	}
}
