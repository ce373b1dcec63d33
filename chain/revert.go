package chain

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/computepool/computepool/contracts/bindings"
)

// RevertError is a contract revert decoded against the ABIs of our contracts:
// Name is the custom error (e.g. "AuthorizationAlreadyUsed"), "Error" for
// require(…, "reason") or "Panic"; Args its decoded arguments.
type RevertError struct {
	Name   string
	Args   []any
	Data   []byte
	Reason string // set when the data matched nothing known
}

func (e *RevertError) Error() string {
	if e.Name == "" {
		if e.Reason != "" {
			return e.Reason
		}
		return fmt.Sprintf("reverted with unknown data %s", hexutil.Encode(e.Data))
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = fmt.Sprint(a)
	}
	return fmt.Sprintf("reverted: %s(%s)", e.Name, strings.Join(args, ", "))
}

// RevertName returns the decoded revert name in err's chain, or "".
func RevertName(err error) string {
	var re *RevertError
	if errors.As(err, &re) {
		return re.Name
	}
	return ""
}

var knownErrors = sync.OnceValue(func() map[[4]byte]abi.Error {
	m := map[[4]byte]abi.Error{}
	for _, md := range []abi.ABI{
		bindings.NewComputeUSD().GetABI(), bindings.NewCoalition().GetABI(), bindings.NewPaymentStreams().GetABI(),
		bindings.NewPoolINFT().GetABI(),
	} {
		for _, e := range md.Errors {
			m[[4]byte(e.ID[:4])] = e
		}
	}
	return m
})

// decodeRevert turns revert data into a *RevertError.
func decodeRevert(data []byte) *RevertError {
	re := &RevertError{Data: data}
	if len(data) < 4 {
		re.Reason = "reverted without data"
		return re
	}
	if reason, err := abi.UnpackRevert(data); err == nil {
		re.Name, re.Args = "Error", []any{reason}
		return re
	}
	if e, ok := knownErrors()[[4]byte(data[:4])]; ok {
		re.Name = e.Name
		if v, err := e.Unpack(data); err == nil {
			if args, ok := v.([]any); ok {
				re.Args = args
			}
		}
	}
	return re
}

// decodeCallError replaces an RPC revert error with a *RevertError (keeping
// the node's message) and returns any other error unchanged.
func decodeCallError(err error) error {
	var de rpc.DataError
	if !errors.As(err, &de) {
		return err
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return err
	}
	data, derr := hexutil.Decode(s)
	if derr != nil {
		return err
	}
	return decodeRevert(data)
}
