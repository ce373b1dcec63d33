package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"

	"google.golang.org/grpc/metadata"

	"github.com/computepool/computepool/api/x402"
)

// meterHeader carries, from a paid REST request to the gRPC Generate the
// gateway calls over loopback, the id of the request's per-token meter: a
// context value does not cross the hop. Ids are random and registered only
// by the HTTP side (clients' copies of the header are stripped).
const meterHeader = "x-computepool-meter"

// meterRelay holds the meters of paid REST requests in flight.
type meterRelay struct{ meters sync.Map }

// put registers m under a fresh id until drop.
func (r *meterRelay) put(m *x402.Meter) (id string, drop func()) {
	b := make([]byte, 16)
	rand.Read(b) //nolint:errcheck // crypto/rand does not fail
	id = hex.EncodeToString(b)
	r.meters.Store(id, m)
	return id, func() { r.meters.Delete(id) }
}

// withMeter returns ctx carrying the meter a gRPC call's metadata names, if
// any.
func (r *meterRelay) withMeter(ctx context.Context) context.Context {
	md, _ := metadata.FromIncomingContext(ctx)
	if v := md.Get(meterHeader); len(v) == 1 {
		if m, ok := r.meters.Load(v[0]); ok {
			return x402.WithMeter(ctx, m.(*x402.Meter))
		}
	}
	return ctx
}
