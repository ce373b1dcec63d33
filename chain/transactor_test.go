package chain

import (
	"context"
	"encoding/hex"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/crypto"
)

// Keys come from a keystore file or a hex env key, the keystore first.
func TestSignerFromEnv(t *testing.T) {
	key := DevKey(7)
	want := crypto.PubkeyToAddress(key.PublicKey)
	acct, err := keystore.NewKeyStore(t.TempDir(), keystore.LightScryptN, keystore.LightScryptP).ImportECDSA(key, "pw")
	if err != nil {
		t.Fatal(err)
	}
	path := acct.URL.Path
	t.Setenv(EnvChainKeystore, "")
	t.Setenv(EnvChainKey, "")
	if _, err := SignerFromEnv(); !errors.Is(err, ErrNoKey) {
		t.Fatalf("no key configured: %v", err)
	}
	t.Setenv(EnvChainKey, "0x"+hex.EncodeToString(crypto.FromECDSA(DevKey(8))))
	s, err := SignerFromEnv()
	if err != nil || s.Address() != crypto.PubkeyToAddress(DevKey(8).PublicKey) {
		t.Fatalf("hex key: %v, %v", s, err)
	}
	t.Setenv(EnvChainKeystore, path)
	t.Setenv(EnvChainKeyPassword, "wrong")
	if _, err := SignerFromEnv(); err == nil {
		t.Fatal("keystore opened with a wrong password")
	}
	t.Setenv(EnvChainKeyPassword, "pw")
	s, err = SignerFromEnv()
	if err != nil || s.Address() != want {
		t.Fatalf("keystore key: %v, %v", s, err)
	}
	t.Setenv(EnvChainKeystore, "")
	t.Setenv(EnvChainKey, "not hex")
	if _, err := SignerFromEnv(); err == nil {
		t.Fatal("accepted a malformed hex key")
	}
}

// OpenZeppelin's custom errors decode too; a receipt waits for the
// configured confirmations and gives up at the timeout.
func TestTransactorRevertsAndConfirmations(t *testing.T) {
	e := newTestEnv(t, 2)
	huge := new(big.Int).Mul(usd(1), big.NewInt(1e12))
	_, err := e.trs[1].Send(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], huge), nil)
	if RevertName(err) != "ERC20InsufficientBalance" {
		t.Fatalf("transfer above balance: %v", err)
	}
	var re *RevertError
	if !errors.As(err, &re) || len(re.Args) != 3 || re.Args[0] != e.addrs[1] {
		t.Fatalf("revert arguments not decoded: %#v", re)
	}

	tr, err := NewTransactor(e.ctx, e.sim.Client(), NewKeySigner(DevKey(1)), e.log, TransactorOptions{
		Confirmations: 3, Timeout: 300 * time.Millisecond, AfterSend: e.commit,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.Send(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], big.NewInt(1)), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("receipt with 1 of 3 confirmations: %v", err)
	}
	tr, err = NewTransactor(e.ctx, e.sim.Client(), NewKeySigner(DevKey(1)), e.log, TransactorOptions{
		Confirmations: 3, Timeout: 10 * time.Second, AfterSend: e.commit,
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := tr.Send(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], big.NewInt(1)), nil)
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("returned before its confirmations: %v", err)
	default:
	}
	e.commit()
	e.commit()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no receipt after 3 confirmations")
	}
}
