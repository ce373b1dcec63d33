// Package chain is ComputePool's one door to an EVM chain: the in-process dev
// chain, network profiles and deployment files, the signer (the only place
// that holds keys), a transactor that sends concurrently from one account and
// waits for receipts, contract deployment, and EIP-3009 authorizations.
package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/keystore"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// Signer holds one account's key and signs 32-byte digests with it. It is
// the only interface the rest of the package signs through, so a remote or
// enclave-held key (the seed ran its signer in SGX) plugs in by implementing
// these two methods: the enclave returns a recoverable secp256k1 signature of
// the digest, and the caller may check its attestation before trusting
// Address. Transactions and EIP-712 messages are hashed here, outside the
// signer, so a remote signer never needs to parse them.
type Signer interface {
	Address() common.Address
	// SignDigest returns a 65-byte [R || S || V] signature of digest, V in {0, 1}.
	SignDigest(ctx context.Context, digest common.Hash) ([]byte, error)
}

// Environment variables the signer and network profiles read.
const (
	EnvChainKey         = "COMPUTEPOOL_CHAIN_KEY"          // hex private key (0x optional)
	EnvChainKeystore    = "COMPUTEPOOL_CHAIN_KEYSTORE"     // path of a geth/web3 keystore JSON file
	EnvChainKeyPassword = "COMPUTEPOOL_CHAIN_KEY_PASSWORD" // password of that keystore file
	EnvChainRPC         = "COMPUTEPOOL_CHAIN_RPC"          // RPC URL of a non-dev network
)

// KeySigner signs with a private key held in this process.
type KeySigner struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

// NewKeySigner wraps an in-memory private key.
func NewKeySigner(key *ecdsa.PrivateKey) *KeySigner {
	return &KeySigner{key: key, addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// ParseKeySigner reads a hex private key, with or without 0x.
func ParseKeySigner(hexKey string) (*KeySigner, error) {
	key, err := crypto.HexToECDSA(strings.TrimPrefix(strings.TrimSpace(hexKey), "0x"))
	if err != nil {
		return nil, fmt.Errorf("parse private key: expected 64 hex digits: %w", err)
	}
	return NewKeySigner(key), nil
}

// LoadKeystoreSigner decrypts a keystore JSON file (geth's, web3's).
func LoadKeystoreSigner(path, password string) (*KeySigner, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read keystore: %w", err)
	}
	k, err := keystore.DecryptKey(data, password)
	if err != nil {
		return nil, fmt.Errorf("decrypt keystore %s (wrong password?): %w", path, err)
	}
	return NewKeySigner(k.PrivateKey), nil
}

// ErrNoKey is returned by SignerFromEnv when no key is configured.
var ErrNoKey = errors.New("no signing key: set " + EnvChainKey + " (hex) or " + EnvChainKeystore + " and " + EnvChainKeyPassword)

// SignerFromEnv loads the signer configured in the environment: a keystore
// file if COMPUTEPOOL_CHAIN_KEYSTORE is set, else a hex key in
// COMPUTEPOOL_CHAIN_KEY.
func SignerFromEnv() (Signer, error) {
	if path := os.Getenv(EnvChainKeystore); path != "" {
		return LoadKeystoreSigner(path, os.Getenv(EnvChainKeyPassword))
	}
	if k := os.Getenv(EnvChainKey); k != "" {
		s, err := ParseKeySigner(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvChainKey, err)
		}
		return s, nil
	}
	return nil, ErrNoKey
}

func (s *KeySigner) Address() common.Address { return s.addr }

func (s *KeySigner) SignDigest(_ context.Context, digest common.Hash) ([]byte, error) {
	sig, err := crypto.Sign(digest[:], s.key)
	if err != nil {
		return nil, fmt.Errorf("sign digest for %s: %w", s.addr, err)
	}
	return sig, nil
}

// DevKey is the i-th deterministic dev-chain account key (i from 0): the
// keccak of a fixed phrase, so every dev chain funds the same addresses.
// Never use these keys on a public network.
func DevKey(i int) *ecdsa.PrivateKey {
	seed := crypto.Keccak256([]byte(fmt.Sprintf("computepool dev account %d", i)))
	key, err := crypto.ToECDSA(seed)
	if err != nil {
		panic(fmt.Sprintf("dev key %d: %v", i, err)) // a keccak output is a valid key with overwhelming probability
	}
	return key
}

// SignTx signs a transaction for chainID through s.
func SignTx(ctx context.Context, s Signer, tx *types.Transaction, chainID *big.Int) (*types.Transaction, error) {
	txSigner := types.LatestSignerForChainID(chainID)
	sig, err := s.SignDigest(ctx, txSigner.Hash(tx))
	if err != nil {
		return nil, err
	}
	signed, err := tx.WithSignature(txSigner, sig)
	if err != nil {
		return nil, fmt.Errorf("attach signature of %s: %w", s.Address(), err)
	}
	return signed, nil
}
