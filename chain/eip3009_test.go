package chain

import (
	"errors"
	"math/big"
	"testing"
	"time"
)

// An authorization signed in Go is accepted once by the token; replay,
// expiry, not-yet-valid, a wrong signer and a tampered value are refused,
// both by the off-chain verifier and by the contract.
func TestTransferWithAuthorization(t *testing.T) {
	e := newTestEnv(t, 4)
	payer, payee, relayer := 1, 2, 3
	dom, err := ReadDomain(e.ctx, e.sim.Client(), e.d.ComputeUSD)
	if err != nil {
		t.Fatal(err)
	}
	if dom.Name != "Compute USD" || dom.Version != "2" || dom.ChainID.Uint64() != DevChainID || dom.VerifyingContract != e.d.ComputeUSD {
		t.Fatalf("domain %+v", dom)
	}
	now := e.headTime()
	auth := func(value int64, after, before uint64) TransferAuthorization {
		n, err := NewAuthorizationNonce()
		if err != nil {
			t.Fatal(err)
		}
		return TransferAuthorization{From: e.addrs[payer], To: e.addrs[payee], Value: big.NewInt(value),
			ValidAfter: new(big.Int).SetUint64(after), ValidBefore: new(big.Int).SetUint64(before), Nonce: n}
	}
	sign := func(a TransferAuthorization) []byte {
		sig, err := SignTransferAuthorization(e.ctx, e.trs[payer].Signer(), dom, a)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	chainNow := time.Unix(int64(now), 0)

	// Accepted once.
	a := auth(1_500_000, 0, now+3600)
	sig := sign(a)
	if err := VerifyTransferAuthorization(dom, a, sig, chainNow); err != nil {
		t.Fatal(err)
	}
	payerBefore, payeeBefore := e.usdBalance(e.addrs[payer]), e.usdBalance(e.addrs[payee])
	r, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("transferWithAuthorization gas %d", r.GasUsed)
	if r.GasUsed > 120_000 {
		t.Fatalf("transferWithAuthorization used %d gas: gas-tripling dev fork still on?", r.GasUsed)
	}
	wantBig(t, "payer balance", e.usdBalance(e.addrs[payer]), new(big.Int).Sub(payerBefore, a.Value))
	wantBig(t, "payee balance", e.usdBalance(e.addrs[payee]), new(big.Int).Add(payeeBefore, a.Value))
	used, err := AuthorizationUsed(e.ctx, e.sim.Client(), e.d.ComputeUSD, a.From, a.Nonce)
	if err != nil || !used {
		t.Fatalf("authorizationState after use = %v, %v", used, err)
	}

	// Replay.
	if _, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig); RevertName(err) != "AuthorizationAlreadyUsed" {
		t.Fatalf("replay: %v", err)
	}

	// Expired.
	a = auth(1, 0, now-1)
	sig = sign(a)
	if err := VerifyTransferAuthorization(dom, a, sig, chainNow); !errors.Is(err, ErrAuthorizationExpired) {
		t.Fatalf("verify expired: %v", err)
	}
	if _, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig); RevertName(err) != "AuthorizationExpired" {
		t.Fatalf("expired: %v", err)
	}

	// Not yet valid.
	a = auth(1, now+3600, now+7200)
	sig = sign(a)
	if err := VerifyTransferAuthorization(dom, a, sig, chainNow); !errors.Is(err, ErrAuthorizationNotYetValid) {
		t.Fatalf("verify not yet valid: %v", err)
	}
	if _, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig); RevertName(err) != "AuthorizationNotYetValid" {
		t.Fatalf("not yet valid: %v", err)
	}

	// Wrong signer: the relayer signs a transfer out of the payer's account.
	a = auth(1, 0, now+3600)
	digest, err := TransferAuthorizationDigest(dom, a)
	if err != nil {
		t.Fatal(err)
	}
	sig, err = e.trs[relayer].Signer().SignDigest(e.ctx, digest)
	if err != nil {
		t.Fatal(err)
	}
	if err := VerifyTransferAuthorization(dom, a, sig, chainNow); !errors.Is(err, ErrWrongSigner) {
		t.Fatalf("verify wrong signer: %v", err)
	}
	if _, err := SignTransferAuthorization(e.ctx, e.trs[relayer].Signer(), dom, a); err == nil {
		t.Fatal("SignTransferAuthorization signed for another account")
	}
	if _, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig); RevertName(err) != "InvalidSignature" {
		t.Fatalf("wrong signer: %v", err)
	}

	// Tampered value.
	a = auth(100, 0, now+3600)
	sig = sign(a)
	a.Value = big.NewInt(101)
	if err := VerifyTransferAuthorization(dom, a, sig, chainNow); !errors.Is(err, ErrWrongSigner) {
		t.Fatalf("verify tampered: %v", err)
	}
	if _, err := TransferWithAuthorization(e.ctx, e.trs[relayer], e.d.ComputeUSD, a, sig); RevertName(err) != "InvalidSignature" {
		t.Fatalf("tampered value: %v", err)
	}

	// Wrong domain (another chain id) does not verify.
	other := dom
	other.ChainID = big.NewInt(GalileoChainID)
	a = auth(1, 0, now+3600)
	sig = sign(a)
	if err := VerifyTransferAuthorization(other, a, sig, chainNow); !errors.Is(err, ErrWrongSigner) {
		t.Fatalf("verify under another chain id: %v", err)
	}

	// The bytes-signature overload (USDC v2.2) accepts the same signature.
	r = e.send(relayer, e.d.ComputeUSD, e.usd.PackTransferWithAuthorization(a.From, a.To, a.Value, a.ValidAfter, a.ValidBefore, a.Nonce, sig))
	if r.Status != 1 {
		t.Fatal("bytes-signature transferWithAuthorization failed")
	}

	// receiveWithAuthorization may only be submitted by the payee.
	a = auth(1, 0, now+3600)
	sig = sign(a)
	e.sendRevert(relayer, e.d.ComputeUSD, e.usd.PackReceiveWithAuthorization(a.From, a.To, a.Value, a.ValidAfter, a.ValidBefore, a.Nonce, sig), "CallerMustBePayee")
}
