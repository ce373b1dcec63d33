package chain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/contracts/bindings"
)

// The dev chain starts, deploys, answers eth_chainId over real HTTP JSON-RPC,
// writes a readable deployments file, and takes concurrent transactions from
// one account.
func TestDevChainRPC(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t)
	path := filepath.Join(t.TempDir(), "deployments", "dev.json")
	start := time.Now()
	dc, err := StartDev(ctx, log, DevConfig{Addr: "127.0.0.1:0", Accounts: 3, DeploymentsPath: path})
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	t.Logf("dev chain up and deployed in %s at %s", time.Since(start), dc.URL)

	body := []byte(`{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}`)
	resp, err := http.Post(dc.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Result string }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if out.Result != "0x539" {
		t.Fatalf("eth_chainId = %q, want 0x539 (1337)", out.Result)
	}

	d, err := ReadDeployments(path)
	if err != nil {
		t.Fatal(err)
	}
	if d != dc.Deployments {
		t.Fatalf("deployments file %+v differs from the chain's %+v", d, dc.Deployments)
	}
	dom, err := ReadDomain(ctx, dc.Client, d.ComputeUSD)
	if err != nil {
		t.Fatal(err)
	}
	if dom.Name != "Compute USD" || dom.Version != "2" || dom.ChainID.Uint64() != DevChainID {
		t.Fatalf("token domain %+v", dom)
	}

	// Concurrent sends from one account: every nonce used once, all mined.
	tr, err := NewTransactor(ctx, dc.Client, dc.Signer(0), log, TransactorOptions{ExpectChainID: DevChainID})
	if err != nil {
		t.Fatal(err)
	}
	usd := bindings.NewComputeUSD()
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	start = time.Now()
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := tr.Send(ctx, d.ComputeUSD, usd.PackTransfer(dc.Accounts[2], big.NewInt(int64(i+1))), nil)
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d concurrent transfers mined in %s", n, time.Since(start))
	bal, err := tr.Call(ctx, d.ComputeUSD, usd.PackBalanceOf(dc.Accounts[2]))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := usd.UnpackBalanceOf(bal)
	want := new(big.Int).Add(new(big.Int).Mul(big.NewInt(1_000_000), big.NewInt(1_000_000)), big.NewInt(n*(n+1)/2))
	if got.Cmp(want) != 0 {
		t.Fatalf("receiver balance %s, want %s", got, want)
	}

	// Other commands connect through the profile and the deployments file.
	t.Setenv(EnvChainRPC, dc.URL)
	conn, err := Connect(ctx, "dev", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if conn.Deployments != d {
		t.Fatalf("Connect read %+v", conn.Deployments)
	}
	if bal, err := TokenBalance(ctx, conn.Client, d.ComputeUSD, dc.Accounts[2]); err != nil || bal.Cmp(want) != 0 {
		t.Fatalf("TokenBalance over Connect = %v, %v; want %s", bal, err, want)
	}
	if _, err := Connect(ctx, "galileo", path); err == nil {
		t.Fatal("Connect accepted dev deployments for galileo")
	}

	// The chain id check refuses a profile that does not match the node.
	if _, err := NewTransactor(ctx, dc.Client, dc.Signer(0), log, TransactorOptions{ExpectChainID: GalileoChainID}); err == nil {
		t.Fatal("transactor accepted a node whose chain id differs from the profile's")
	}
}

// indexingNode is the dev chain's client answering every receipt query as
// geth does while its transaction index is still being built.
type indexingNode struct{ *ethclient.Client }

func (indexingNode) TransactionReceipt(context.Context, common.Hash) (*types.Receipt, error) {
	return nil, errors.New("transaction indexing is in progress")
}

// A transaction whose receipt query keeps answering "indexing is in
// progress" is found in the latest block's receipts instead of timing out.
func TestWaitMinedWhileIndexing(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	log := zaptest.NewLogger(t)
	dc, err := StartDev(ctx, log, DevConfig{Addr: "127.0.0.1:0", Accounts: 2, DeploymentsPath: filepath.Join(t.TempDir(), "dev.json")})
	if err != nil {
		t.Fatal(err)
	}
	defer dc.Close()
	tr, err := NewTransactor(ctx, indexingNode{dc.Client}, dc.Signer(1), log, TransactorOptions{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	to := dc.Accounts[0]
	r, err := tr.Send(ctx, to, nil, big.NewInt(1))
	if err != nil {
		t.Fatalf("send while the node is indexing: %v", err)
	}
	if r.Status != types.ReceiptStatusSuccessful || r.BlockNumber.Sign() <= 0 {
		t.Fatalf("receipt %+v", r)
	}
}
