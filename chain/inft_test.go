package chain

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/computepool/computepool/contracts/bindings"
)

// A pool INFT is minted with metadata sealed to its owner; plain transfers are
// refused; a transfer with the verifier's re-seal proof moves it and only the
// new owner can then open the metadata; proofs cannot be replayed or forged;
// usage authorizations work and are cleared by a transfer.
func TestPoolINFT(t *testing.T) {
	e := newTestEnv(t, 4)
	const deployer, alice, bob, carol = 0, 1, 2, 3 // the deployer is the verifier
	nft, addr := bindings.NewPoolINFT(), e.d.PoolINFT
	if e.d.INFTVerifier != e.addrs[deployer] {
		t.Fatalf("verifier %s, want the deployer", e.d.INFTVerifier)
	}
	store := DirStore{Dir: t.TempDir()}
	key := func(i int) *KeySigner { return NewKeySigner(DevKey(i)) }
	verifier := key(deployer)
	secret := []byte(`{"model":"llama-3.2-1b","stages":[{"peer":"aa…","layers":"0:8"},{"peer":"bb…","layers":"8:16"}]}`)

	pool := crypto.Keccak256Hash([]byte("pool-7"))
	dataHash, sealed, err := PublishMetadata(e.ctx, store, secret, key(alice).PublicKey(), verifier.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	e.send(deployer, addr, nft.PackMint(e.addrs[alice], pool, dataHash, sealed))
	e.sendRevert(deployer, addr, nft.PackMint(e.addrs[alice], pool, dataHash, sealed), "PoolAlreadyMinted")
	tokenID := big.NewInt(1)
	md, err := nft.UnpackMetadata(e.call(addr, nft.PackMetadata(tokenID)))
	if err != nil {
		t.Fatal(err)
	}
	if md.PoolId != pool || md.DataHash != dataHash || !bytes.Equal(md.SealedKey, sealed) {
		t.Fatalf("metadata on chain %+v", md)
	}
	plain, err := OpenMetadata(e.ctx, store, md.DataHash, md.SealedKey, key(alice))
	if err != nil || !bytes.Equal(plain, secret) {
		t.Fatalf("owner opens metadata: %q, %v", plain, err)
	}
	if _, err := OpenMetadata(e.ctx, store, md.DataHash, md.SealedKey, key(bob)); err == nil {
		t.Fatal("a non-owner opened the metadata")
	}

	// Usage without ownership.
	e.send(alice, addr, nft.PackAuthorizeUsage(tokenID, e.addrs[carol], []byte("serve")))
	e.sendRevert(bob, addr, nft.PackAuthorizeUsage(tokenID, e.addrs[bob], nil), "NotTokenOwner")
	authorized := func(who int) bool {
		v, err := nft.UnpackIsAuthorizedUser(e.call(addr, nft.PackIsAuthorizedUser(tokenID, e.addrs[who])))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	if !authorized(carol) || authorized(bob) {
		t.Fatal("usage authorization not recorded as granted")
	}

	// Plain ERC-721 transfers would hand over a key the new owner cannot open.
	e.sendRevert(alice, addr, nft.PackTransferFrom(e.addrs[alice], e.addrs[bob], tokenID), "PlainTransferDisabled")

	// A forged proof (not the verifier's) is refused.
	fHash, fSealed, forged, err := Reseal(e.ctx, e.sim.Client(), addr, store, forgedVerifier{key(carol), verifier}, tokenID, e.addrs[bob], key(bob).PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	e.sendRevert(alice, addr, nft.PackTransferWithProof(e.addrs[alice], e.addrs[bob], tokenID, fHash, fSealed, forged), "InvalidTransferProof")

	// The verifier's re-seal moves the token; only Bob opens the new metadata.
	newHash, newSealed, proof, err := Reseal(e.ctx, e.sim.Client(), addr, store, verifier, tokenID, e.addrs[bob], key(bob).PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	e.sendRevert(carol, addr, nft.PackTransferWithProof(e.addrs[alice], e.addrs[bob], tokenID, newHash, newSealed, proof), "NotTokenOwner")
	e.send(alice, addr, nft.PackTransferWithProof(e.addrs[alice], e.addrs[bob], tokenID, newHash, newSealed, proof))
	owner, _ := nft.UnpackOwnerOf(e.call(addr, nft.PackOwnerOf(tokenID)))
	if owner != e.addrs[bob] {
		t.Fatalf("owner %s, want bob", owner)
	}
	md, _ = nft.UnpackMetadata(e.call(addr, nft.PackMetadata(tokenID)))
	if md.DataHash != newHash || md.Nonce.Int64() != 1 {
		t.Fatalf("metadata after transfer %+v", md)
	}
	if plain, err := OpenMetadata(e.ctx, store, md.DataHash, md.SealedKey, key(bob)); err != nil || !bytes.Equal(plain, secret) {
		t.Fatalf("new owner opens metadata: %q, %v", plain, err)
	}
	if _, err := OpenMetadata(e.ctx, store, md.DataHash, md.SealedKey, key(alice)); err == nil {
		t.Fatal("the old owner opened the new sealed key")
	}
	oldKey, err := key(alice).Decrypt(e.ctx, sealed)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := openEnvelope(e.ctx, store, common.Hash(md.DataHash), oldKey); err == nil {
		t.Fatal("the old owner's key opened the re-encrypted metadata")
	}
	if authorized(carol) {
		t.Fatal("usage authorization survived the transfer")
	}

	// The store checks content addresses: a changed blob is refused.
	if err := os.WriteFile(filepath.Join(store.Dir, common.Hash(md.DataHash).Hex()), []byte(`{"ciphertext":"AAAA"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenMetadata(e.ctx, store, md.DataHash, md.SealedKey, key(bob)); err == nil {
		t.Fatal("opened a blob that does not match its hash")
	}

	// The same proof cannot move the token again (nonce and owner changed).
	e.sendRevert(bob, addr, nft.PackTransferWithProof(e.addrs[bob], e.addrs[alice], tokenID, newHash, newSealed, proof), "InvalidTransferProof")
}

// forgedVerifier signs with another key while opening with the verifier's.
type forgedVerifier struct {
	*KeySigner
	real *KeySigner
}

func (f forgedVerifier) Decrypt(ctx context.Context, sealed []byte) ([]byte, error) {
	return f.real.Decrypt(ctx, sealed)
}
