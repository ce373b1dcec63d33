package x402

import (
	"testing"
	"time"
)

// FuzzDecodePayment: no header, however malformed, panics the decoder or
// the verifier; what decodes re-encodes.
func FuzzDecodePayment(f *testing.F) {
	o := testOffer("eip155:1337")
	f.Add("", 2)
	f.Add("e30=", 2)
	f.Add("eyJ4NDAyVmVyc2lvbiI6Mn0", 2)
	f.Add("eyJ4NDAyVmVyc2lvbiI6MSwic2NoZW1lIjoiZXhhY3QiLCJuZXR3b3JrIjoiYmFzZSJ9", 1)
	f.Fuzz(func(t *testing.T, header string, version int) {
		p, err := DecodePayment(header, version)
		if err != nil {
			return
		}
		if p.X402Version != version {
			t.Fatalf("decoded version %d from a version %d header", p.X402Version, version)
		}
		Verify(p, &o, time.Unix(1_800_000_000, 0))
		if _, err := EncodeHeader(p); err != nil {
			t.Fatal(err)
		}
	})
}
