package chain

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdsa"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/crypto/ecies"

	"github.com/computepool/computepool/contracts/bindings"
)

// Pool INFT metadata (ERC-7857 style): the pool's metadata is encrypted with
// a fresh AES-256-GCM key; the ciphertext, with that key sealed (ECIES) to
// the verifier, is stored as one envelope in a content-addressed store; the
// token holds the envelope's hash and the key sealed to the owner. On a
// transfer the verifier opens its copy, re-encrypts under a new key for the
// new owner and signs the contract's TransferValidity digest; the old
// owner's key does not open the new envelope.

// Decrypter opens data sealed to a Signer's public key. KeySigner implements
// it; an enclave-held key would too.
type Decrypter interface {
	Decrypt(ctx context.Context, sealed []byte) ([]byte, error)
}

// PublicKey is the key others seal to.
func (s *KeySigner) PublicKey() *ecdsa.PublicKey { return &s.key.PublicKey }

func (s *KeySigner) Decrypt(_ context.Context, sealed []byte) ([]byte, error) {
	out, err := ecies.ImportECDSA(s.key).Decrypt(sealed, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("open data sealed to %s (sealed to another key?): %w", s.addr, err)
	}
	return out, nil
}

// SealTo encrypts data (a key) to pub with ECIES.
func SealTo(pub *ecdsa.PublicKey, data []byte) ([]byte, error) {
	out, err := ecies.Encrypt(rand.Reader, ecies.ImportECDSAPublic(pub), data, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("seal to %s: %w", crypto.PubkeyToAddress(*pub), err)
	}
	return out, nil
}

// BlobStore is a content-addressed store: Put returns the keccak256 of the
// blob, Get returns the blob with that hash (and checks it).
type BlobStore interface {
	Put(ctx context.Context, blob []byte) (common.Hash, error)
	Get(ctx context.Context, hash common.Hash) ([]byte, error)
}

// DirStore is a BlobStore in a local directory (the default; 0G Storage
// would implement the same interface).
type DirStore struct{ Dir string }

func (s DirStore) Put(_ context.Context, blob []byte) (common.Hash, error) {
	h := crypto.Keccak256Hash(blob)
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return h, fmt.Errorf("create blob store: %w", err)
	}
	tmp, err := os.CreateTemp(s.Dir, ".blob-*")
	if err != nil {
		return h, fmt.Errorf("write blob: %w", err)
	}
	defer os.Remove(tmp.Name()) //nolint:errcheck // gone after a successful rename
	if _, err := tmp.Write(blob); err != nil {
		tmp.Close() //nolint:errcheck // the write error is the one to report
		return h, fmt.Errorf("write blob %s: %w", h, err)
	}
	if err := tmp.Close(); err != nil {
		return h, fmt.Errorf("write blob %s: %w", h, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(s.Dir, h.Hex())); err != nil {
		return h, fmt.Errorf("store blob %s: %w", h, err)
	}
	return h, nil
}

func (s DirStore) Get(_ context.Context, h common.Hash) ([]byte, error) {
	blob, err := os.ReadFile(filepath.Join(s.Dir, h.Hex()))
	if err != nil {
		return nil, fmt.Errorf("read blob %s from %s: %w", h, s.Dir, err)
	}
	if got := crypto.Keccak256Hash(blob); got != h {
		return nil, fmt.Errorf("blob %s in %s is corrupt (hashes to %s)", h, s.Dir, got)
	}
	return blob, nil
}

// metadataEnvelope is what the store holds for one version of the metadata.
type metadataEnvelope struct {
	Ciphertext  []byte `json:"ciphertext"`  // nonce || AES-256-GCM(metadata)
	VerifierKey []byte `json:"verifierKey"` // the AES key sealed to the verifier
}

// PublishMetadata encrypts plaintext under a fresh key, stores the envelope
// and returns its hash and the key sealed to the owner.
func PublishMetadata(ctx context.Context, store BlobStore, plaintext []byte, owner, verifier *ecdsa.PublicKey) (common.Hash, []byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return common.Hash{}, nil, fmt.Errorf("generate metadata key: %w", err)
	}
	gcm, err := newGCM(key)
	if err != nil {
		return common.Hash{}, nil, err
	}
	nonce := make([]byte, gcm.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return common.Hash{}, nil, fmt.Errorf("generate nonce: %w", err)
	}
	env := metadataEnvelope{Ciphertext: gcm.Seal(nonce, nonce, plaintext, nil)}
	if env.VerifierKey, err = SealTo(verifier, key); err != nil {
		return common.Hash{}, nil, err
	}
	sealed, err := SealTo(owner, key)
	if err != nil {
		return common.Hash{}, nil, err
	}
	blob, err := json.Marshal(env)
	if err != nil {
		return common.Hash{}, nil, fmt.Errorf("encode metadata envelope: %w", err)
	}
	h, err := store.Put(ctx, blob)
	return h, sealed, err
}

// OpenMetadata decrypts the metadata at dataHash with the key sealed to d.
func OpenMetadata(ctx context.Context, store BlobStore, dataHash common.Hash, sealedKey []byte, d Decrypter) ([]byte, error) {
	key, err := d.Decrypt(ctx, sealedKey)
	if err != nil {
		return nil, err
	}
	return openEnvelope(ctx, store, dataHash, key)
}

func openEnvelope(ctx context.Context, store BlobStore, dataHash common.Hash, key []byte) ([]byte, error) {
	blob, err := store.Get(ctx, dataHash)
	if err != nil {
		return nil, err
	}
	var env metadataEnvelope
	if err := json.Unmarshal(blob, &env); err != nil {
		return nil, fmt.Errorf("decode metadata envelope %s: %w", dataHash, err)
	}
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(env.Ciphertext) < gcm.NonceSize() {
		return nil, fmt.Errorf("metadata %s: ciphertext too short", dataHash)
	}
	ns := gcm.NonceSize()
	plain, err := gcm.Open(nil, env.Ciphertext[:ns], env.Ciphertext[ns:], nil)
	if err != nil {
		return nil, fmt.Errorf("decrypt metadata %s (key of another version?): %w", dataHash, err)
	}
	return plain, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("metadata key is %d bytes, want 32", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("metadata cipher: %w", err)
	}
	return cipher.NewGCM(block)
}

// VerifierKey is what the INFT verifier needs: to open the envelopes sealed
// to it and to sign transfer proofs (a TEE would hold both inside).
type VerifierKey interface {
	Signer
	Decrypter
	PublicKey() *ecdsa.PublicKey
}

// Reseal is the verifier's side of a transfer of token tokenId to `to`
// (whose public key is toPub): it re-encrypts the token's current metadata
// under a new key for the new owner and returns the new data hash, the key
// sealed to `to`, and the proof PoolINFT.transferWithProof checks.
func Reseal(ctx context.Context, b bind.ContractCaller, inft common.Address, store BlobStore, v VerifierKey,
	tokenID *big.Int, to common.Address, toPub *ecdsa.PublicKey) (common.Hash, []byte, []byte, error) {
	if crypto.PubkeyToAddress(*toPub) != to {
		return common.Hash{}, nil, nil, errors.New("reseal: public key does not belong to the new owner")
	}
	nft := bindings.NewPoolINFT()
	out, err := call(ctx, b, common.Address{}, inft, nft.PackMetadata(tokenID))
	if err != nil {
		return common.Hash{}, nil, nil, fmt.Errorf("read metadata of INFT %s: %w", tokenID, err)
	}
	md, err := nft.UnpackMetadata(out)
	if err != nil {
		return common.Hash{}, nil, nil, fmt.Errorf("decode metadata of INFT %s: %w", tokenID, err)
	}
	if out, err = call(ctx, b, common.Address{}, inft, nft.PackOwnerOf(tokenID)); err != nil {
		return common.Hash{}, nil, nil, fmt.Errorf("read owner of INFT %s: %w", tokenID, err)
	}
	from, err := nft.UnpackOwnerOf(out)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	blob, err := store.Get(ctx, md.DataHash)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	var env metadataEnvelope
	if err := json.Unmarshal(blob, &env); err != nil {
		return common.Hash{}, nil, nil, fmt.Errorf("decode metadata envelope %s: %w", common.Hash(md.DataHash), err)
	}
	key, err := v.Decrypt(ctx, env.VerifierKey)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	plain, err := openEnvelope(ctx, store, md.DataHash, key)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	newHash, sealed, err := PublishMetadata(ctx, store, plain, toPub, v.PublicKey())
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	if out, err = call(ctx, b, common.Address{}, inft, nft.PackTransferDigest(tokenID, from, to, newHash, sealed)); err != nil {
		return common.Hash{}, nil, nil, fmt.Errorf("read transfer digest of INFT %s: %w", tokenID, err)
	}
	digest, err := nft.UnpackTransferDigest(out)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	proof, err := v.SignDigest(ctx, digest)
	if err != nil {
		return common.Hash{}, nil, nil, err
	}
	proof[64] += 27
	return newHash, sealed, proof, nil
}
