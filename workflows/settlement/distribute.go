package settlement

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/chain"
)

// Division is what Distribute did with an escrowed payment.
type Division struct {
	Charged  string `json:"charged"`
	ChargeTx string `json:"chargeTx,omitempty"`
	Refunded string `json:"refunded"`
	RefundTx string `json:"refundTx,omitempty"`
}

// legValidity is how long the escrow's own authorizations stay valid; a
// retry after that signs again with the same nonce, so nothing is paid twice.
const legValidity = time.Hour

// Distribute pays an escrowed payment out: split.Charged to the provider and
// the rest back to the payer. Each leg is a transferWithAuthorization signed
// by the escrow with a nonce derived from the payment's, so a retry after a
// crash finds the leg used on chain instead of paying it again.
func (a *Activities) Distribute(ctx context.Context, p Payment, split Split) (Division, error) {
	token, auth, _, err := p.Parse()
	if err != nil {
		return Division{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
	}
	charged, refund, err := divide(auth.Value, split)
	if err == nil && auth.To != a.Tx.Address() {
		err = fmt.Errorf("payment %s went to %s, but this worker's escrow account is %s", p.Nonce, auth.To.Hex(), a.Tx.Address().Hex())
	}
	if err != nil {
		return Division{}, temporal.NewNonRetryableApplicationError(err.Error(), ErrTypeInvalid, err)
	}
	div := Division{Charged: charged.String(), Refunded: refund.String()}
	if div.ChargeTx, err = a.payLeg(ctx, token, auth.Nonce, "charge", common.HexToAddress(split.Provider), charged); err != nil {
		return Division{}, err
	}
	if div.RefundTx, err = a.payLeg(ctx, token, auth.Nonce, "refund", auth.From, refund); err != nil {
		return Division{}, err
	}
	a.Log.Info("escrow divided", zap.String("nonce", p.Nonce), zap.String("charged", div.Charged), zap.String("refunded", div.Refunded))
	return div, nil
}

// divide checks a split against the escrowed value.
func divide(value *big.Int, split Split) (charged, refund *big.Int, err error) {
	if !common.IsHexAddress(split.Provider) {
		return nil, nil, fmt.Errorf("split: provider %q is not an address", split.Provider)
	}
	charged, ok := new(big.Int).SetString(split.Charged, 10)
	if !ok || charged.Sign() < 0 || charged.Cmp(value) > 0 {
		return nil, nil, fmt.Errorf("split: charged %q must be a decimal between 0 and the escrowed %s", split.Charged, value)
	}
	return charged, new(big.Int).Sub(value, charged), nil
}

// LegNonce is the escrow's authorization nonce for one leg of a payment.
func LegNonce(paymentNonce [32]byte, leg string) [32]byte {
	return crypto.Keccak256Hash(paymentNonce[:], []byte("computepool/escrow/"+leg))
}

// payLeg moves amount from the escrow to dest exactly once (nothing for 0)
// and returns the transaction that did it.
func (a *Activities) payLeg(ctx context.Context, token common.Address, paymentNonce [32]byte, leg string, dest common.Address, amount *big.Int) (string, error) {
	if amount.Sign() == 0 {
		return "", nil
	}
	auth := chain.TransferAuthorization{From: a.Tx.Address(), To: dest, Value: amount, ValidAfter: big.NewInt(0),
		ValidBefore: big.NewInt(a.now().Add(legValidity).Unix()), Nonce: LegNonce(paymentNonce, leg)}
	if res, done, err := a.alreadySettled(ctx, token, auth); err != nil || done {
		return res.TxHash, err
	}
	if err := a.checkBalance(ctx, token, leg, amount); err != nil {
		return "", err
	}
	dom, err := a.domain(ctx, token)
	if err != nil {
		return "", fmt.Errorf("%s leg: %w", leg, err)
	}
	sig, err := chain.SignTransferAuthorization(ctx, a.Tx.Signer(), dom, auth)
	if err != nil {
		return "", fmt.Errorf("%s leg: sign: %w", leg, err)
	}
	r, err := chain.TransferWithAuthorization(ctx, a.Tx, token, auth, sig)
	if err != nil {
		if chain.RevertName(err) == "AuthorizationAlreadyUsed" {
			if res, done, err2 := a.alreadySettled(ctx, token, auth); err2 == nil && done {
				return res.TxHash, nil
			}
		}
		return "", fmt.Errorf("%s leg of %x: %w", leg, paymentNonce, err)
	}
	return r.TxHash.Hex(), nil
}

// checkBalance says clearly when the escrow cannot pay a leg: its token
// balance is shared with whatever else the account pays (the control
// worker's payment streams, unless COMPUTEPOOL_ESCROW_KEY gives the
// settlements their own account). Retryable: funding the account and an
// operator's retry finish the division.
func (a *Activities) checkBalance(ctx context.Context, token common.Address, leg string, amount *big.Int) error {
	have, err := chain.TokenBalance(ctx, a.Tx.Backend(), token, a.Tx.Address())
	if err != nil {
		return fmt.Errorf("%s leg: read the escrow's balance: %w", leg, err)
	}
	if have.Cmp(amount) < 0 {
		return fmt.Errorf("%s leg: the escrow %s holds %s of token %s but the leg pays %s: fund the account (it also funds the control worker's payment streams unless COMPUTEPOOL_ESCROW_KEY gives settlements their own), then `computepool settlements retry`",
			leg, a.Tx.Address().Hex(), have, token.Hex(), amount)
	}
	return nil
}

func (a *Activities) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}
