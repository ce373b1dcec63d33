package chain

import (
	"strings"
	"testing"

	"github.com/computepool/computepool/contracts/bindings"
)

// PaymentStreams answers every call of Superfluid's CFAv1Forwarder with the
// same selector and return types (signatures as in Superfluid's published
// forwarder ABI; ISuperToken is an address on the wire), so a tool built on
// the forwarder can be pointed at it.
func TestForwarderInterface(t *testing.T) {
	want := map[string]string{ // signature → return types
		"setFlowrate(address,address,int96)":                         "bool",
		"setFlowrateFrom(address,address,address,int96)":             "bool",
		"getFlowrate(address,address,address)":                       "int96",
		"getFlowInfo(address,address,address)":                       "uint256,int96,uint256,uint256",
		"getBufferAmountByFlowrate(address,int96)":                   "uint256",
		"getAccountFlowrate(address,address)":                        "int96",
		"getAccountFlowInfo(address,address)":                        "uint256,int96,uint256,uint256",
		"createFlow(address,address,address,int96,bytes)":            "bool",
		"updateFlow(address,address,address,int96,bytes)":            "bool",
		"deleteFlow(address,address,address,bytes)":                  "bool",
		"grantPermissions(address,address)":                          "bool",
		"revokePermissions(address,address)":                         "bool",
		"updateFlowOperatorPermissions(address,address,uint8,int96)": "bool",
		"getFlowOperatorPermissions(address,address,address)":        "uint8,int96",
	}
	got := map[string]string{}
	for _, m := range bindings.NewPaymentStreams().GetABI().Methods {
		var outs []string
		for _, o := range m.Outputs {
			outs = append(outs, o.Type.String())
		}
		got[m.Sig] = strings.Join(outs, ",")
	}
	for sig, ret := range want {
		r, ok := got[sig]
		if !ok {
			t.Errorf("PaymentStreams lacks the forwarder call %s", sig)
			continue
		}
		if r != ret {
			t.Errorf("%s returns (%s), the forwarder returns (%s)", sig, r, ret)
		}
	}
}
