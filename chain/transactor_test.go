package chain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/core/types"
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

// SendChecked sends nothing when its check refuses — the check's own error
// comes back, before the estimate's revert of the same call — and sends
// once it passes, only after the check has returned.
func TestSendChecked(t *testing.T) {
	e := newTestEnv(t, 2)
	tr, from := e.trs[1], e.addrs[1]
	huge := new(big.Int).Mul(usd(1), big.NewInt(1e12)) // reverts in estimation
	refused := errors.New("refused by the check")
	before, err := e.sim.Client().PendingNonceAt(e.ctx, from)
	if err != nil {
		t.Fatal(err)
	}
	_, err = tr.SendChecked(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], huge), nil,
		func(context.Context) error { return refused })
	if err != refused {
		t.Fatalf("refused check: got %v, want the check's error as it is", err)
	}
	if n, err := e.sim.Client().PendingNonceAt(e.ctx, from); err != nil || n != before {
		t.Fatalf("a refused check sent a transaction: nonce %d → %d (%v)", before, n, err)
	}
	_, err = tr.SendChecked(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], huge), nil,
		func(context.Context) error { return nil })
	if RevertName(err) != "ERC20InsufficientBalance" {
		t.Fatalf("passing check, reverting estimate: %v", err)
	}
	var checkDone time.Time
	r, err := tr.SendChecked(e.ctx, e.d.ComputeUSD, e.usd.PackTransfer(e.addrs[0], big.NewInt(1)), nil,
		func(ctx context.Context) error {
			// Slower than the estimate: the send still waits for it.
			time.Sleep(100 * time.Millisecond)
			n, err := e.sim.Client().PendingNonceAt(ctx, from)
			if err != nil || n != before {
				return fmt.Errorf("sent before the check returned: nonce %d → %d (%v)", before, n, err)
			}
			checkDone = time.Now()
			return nil
		})
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("passing check: %v", err)
	}
	if checkDone.IsZero() {
		t.Fatal("the check did not run")
	}
}
