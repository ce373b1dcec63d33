package chain

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/computepool/computepool/contracts/bindings"
)

// Domain is a token's EIP-712 domain (x402's extra {name, version} plus the
// chain id and the token address).
type Domain struct {
	Name              string
	Version           string
	ChainID           *big.Int
	VerifyingContract common.Address
}

// TransferAuthorization is EIP-3009's TransferWithAuthorization message, the
// `authorization` object of an x402 `exact` payment payload.
type TransferAuthorization struct {
	From        common.Address
	To          common.Address
	Value       *big.Int
	ValidAfter  *big.Int // unix seconds; valid strictly after
	ValidBefore *big.Int // unix seconds; valid strictly before
	Nonce       [32]byte
}

// Reasons an authorization is refused before it reaches the chain.
var (
	ErrAuthorizationNotYetValid = errors.New("authorization not yet valid")
	ErrAuthorizationExpired     = errors.New("authorization expired")
	ErrWrongSigner              = errors.New("signature is not from the authorization's payer")
	ErrAuthorizationUsed        = errors.New("authorization nonce already used")
)

// NewAuthorizationNonce returns 32 random bytes, as EIP-3009 asks.
func NewAuthorizationNonce() ([32]byte, error) {
	var n [32]byte
	if _, err := rand.Read(n[:]); err != nil {
		return n, fmt.Errorf("read random nonce: %w", err)
	}
	return n, nil
}

func transferTypedData(d Domain, a TransferAuthorization) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			"TransferWithAuthorization": {
				{Name: "from", Type: "address"},
				{Name: "to", Type: "address"},
				{Name: "value", Type: "uint256"},
				{Name: "validAfter", Type: "uint256"},
				{Name: "validBefore", Type: "uint256"},
				{Name: "nonce", Type: "bytes32"},
			},
		},
		PrimaryType: "TransferWithAuthorization",
		Domain: apitypes.TypedDataDomain{
			Name:              d.Name,
			Version:           d.Version,
			ChainId:           (*math.HexOrDecimal256)(d.ChainID),
			VerifyingContract: d.VerifyingContract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"from":        a.From.Hex(),
			"to":          a.To.Hex(),
			"value":       bigOrZero(a.Value).String(),
			"validAfter":  bigOrZero(a.ValidAfter).String(),
			"validBefore": bigOrZero(a.ValidBefore).String(),
			"nonce":       hexutil.Encode(a.Nonce[:]),
		},
	}
}

func bigOrZero(b *big.Int) *big.Int {
	if b == nil {
		return new(big.Int)
	}
	return b
}

// TransferAuthorizationDigest is the EIP-712 digest the payer signs.
func TransferAuthorizationDigest(d Domain, a TransferAuthorization) (common.Hash, error) {
	if d.ChainID == nil {
		return common.Hash{}, errors.New("EIP-712 domain has no chain id")
	}
	h, _, err := apitypes.TypedDataAndHash(transferTypedData(d, a))
	if err != nil {
		return common.Hash{}, fmt.Errorf("hash TransferWithAuthorization: %w", err)
	}
	return common.BytesToHash(h), nil
}

// SignTransferAuthorization signs a as its payer; the signature has V in
// {27, 28}, as wallets and x402 clients produce it.
func SignTransferAuthorization(ctx context.Context, s Signer, d Domain, a TransferAuthorization) ([]byte, error) {
	if s.Address() != a.From {
		return nil, fmt.Errorf("signer %s cannot authorize a transfer from %s", s.Address(), a.From)
	}
	digest, err := TransferAuthorizationDigest(d, a)
	if err != nil {
		return nil, err
	}
	sig, err := s.SignDigest(ctx, digest)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// RecoverTransferAuthorization returns the address that signed a (V may be
// 0/1 or 27/28).
func RecoverTransferAuthorization(d Domain, a TransferAuthorization, sig []byte) (common.Address, error) {
	if len(sig) != 65 {
		return common.Address{}, fmt.Errorf("signature is %d bytes, want 65", len(sig))
	}
	digest, err := TransferAuthorizationDigest(d, a)
	if err != nil {
		return common.Address{}, err
	}
	s := append([]byte{}, sig...)
	if s[64] >= 27 {
		s[64] -= 27
	}
	pub, err := crypto.SigToPub(digest[:], s)
	if err != nil {
		return common.Address{}, fmt.Errorf("recover signer: %w", err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// VerifyTransferAuthorization checks what can be checked off chain: the
// signature is the payer's and `now` lies inside the validity window (with the
// token's strict bounds). It does not check the balance or the nonce; see
// AuthorizationUsed.
func VerifyTransferAuthorization(d Domain, a TransferAuthorization, sig []byte, now time.Time) error {
	signer, err := RecoverTransferAuthorization(d, a, sig)
	if err != nil {
		return err
	}
	if signer != a.From {
		return fmt.Errorf("%w: recovered %s, payer %s", ErrWrongSigner, signer, a.From)
	}
	t := big.NewInt(now.Unix())
	if t.Cmp(bigOrZero(a.ValidAfter)) <= 0 {
		return fmt.Errorf("%w: valid after %s, now %s", ErrAuthorizationNotYetValid, a.ValidAfter, t)
	}
	if t.Cmp(bigOrZero(a.ValidBefore)) >= 0 {
		return fmt.Errorf("%w: valid before %s, now %s", ErrAuthorizationExpired, a.ValidBefore, t)
	}
	return nil
}

// ReadDomain reads a token's EIP-712 domain through EIP-5267's eip712Domain().
func ReadDomain(ctx context.Context, b bind.ContractCaller, token common.Address) (Domain, error) {
	usd := bindings.NewComputeUSD()
	out, err := call(ctx, b, common.Address{}, token, usd.PackEip712Domain())
	if err != nil {
		return Domain{}, fmt.Errorf("read EIP-712 domain of token %s: %w", token, err)
	}
	dom, err := usd.UnpackEip712Domain(out)
	if err != nil {
		return Domain{}, fmt.Errorf("decode EIP-712 domain of token %s: %w", token, err)
	}
	return Domain{Name: dom.Name, Version: dom.Version, ChainID: dom.ChainId, VerifyingContract: dom.VerifyingContract}, nil
}

// AuthorizationUsed reports whether from's nonce was used (or canceled) on token.
func AuthorizationUsed(ctx context.Context, b bind.ContractCaller, token, from common.Address, nonce [32]byte) (bool, error) {
	usd := bindings.NewComputeUSD()
	out, err := call(ctx, b, common.Address{}, token, usd.PackAuthorizationState(from, nonce))
	if err != nil {
		return false, fmt.Errorf("read authorization state of %s on token %s: %w", from, token, err)
	}
	return usd.UnpackAuthorizationState(out)
}

// TransferWithAuthorization submits a signed authorization to the token
// (the v, r, s form, which every EIP-3009 token has) from tr's account and
// waits for it to be mined. A refused authorization comes back as a
// *RevertError (AuthorizationAlreadyUsed, AuthorizationExpired, …).
func TransferWithAuthorization(ctx context.Context, tr *Transactor, token common.Address, a TransferAuthorization, sig []byte) (*types.Receipt, error) {
	if len(sig) != 65 {
		return nil, fmt.Errorf("signature is %d bytes, want 65", len(sig))
	}
	v := sig[64]
	if v < 27 {
		v += 27
	}
	data := bindings.NewComputeUSD().PackTransferWithAuthorization0(a.From, a.To, bigOrZero(a.Value),
		bigOrZero(a.ValidAfter), bigOrZero(a.ValidBefore), a.Nonce, v, [32]byte(sig[:32]), [32]byte(sig[32:64]))
	r, err := tr.Send(ctx, token, data, nil)
	if err != nil {
		return r, fmt.Errorf("transferWithAuthorization from %s to %s on token %s: %w", a.From, a.To, token, err)
	}
	return r, nil
}
