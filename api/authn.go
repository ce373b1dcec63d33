package api

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/computepool/computepool/api/auth"
)

type userKey struct{}

// UserFrom returns the user an API key authenticated, or nil.
func UserFrom(ctx context.Context) *auth.User {
	u, _ := ctx.Value(userKey{}).(*auth.User)
	return u
}

// WithUser records an authenticated user in ctx.
func WithUser(ctx context.Context, u *auth.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// APIKeyHeader is the header an API key may be sent in (or Authorization: Bearer).
const APIKeyHeader = "X-API-Key"

// publicMethods need no API key.
var publicMethods = map[string]bool{
	"/computepool.v1.AuthService/Register":                           true,
	"/computepool.v1.AuthService/Login":                              true,
	"/computepool.v1.ModelService/ListModels":                        true,
	"/computepool.v1.NodeService/CreateChallenge":                    true,
	"/computepool.v1.NodeService/RegisterNode":                       true,
	"/grpc.health.v1.Health/Check":                                   true,
	"/grpc.health.v1.Health/Watch":                                   true,
	"/grpc.reflection.v1.ServerReflection/ServerReflectionInfo":      true,
	"/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": true,
}

// errNoKey is what a caller without a key is told.
var errNoKey = errors.New("send an API key as 'X-API-Key: KEY' or 'Authorization: Bearer KEY' (create one with /api/v1/auth/register)")

// keyFromMetadata reads x-api-key or authorization: Bearer.
func keyFromMetadata(md metadata.MD) string {
	if v := md.Get("x-api-key"); len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	if v := md.Get("authorization"); len(v) > 0 {
		return bearer(v[0])
	}
	return ""
}

func bearer(h string) string {
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:])
	}
	return ""
}

// KeyFromRequest reads an API key from X-API-Key or Authorization: Bearer.
func KeyFromRequest(r *http.Request) string {
	if k := r.Header.Get(APIKeyHeader); k != "" {
		return strings.TrimSpace(k)
	}
	return bearer(r.Header.Get("Authorization"))
}

// authenticator checks API keys for gRPC calls; a nil store lets every call in.
type authenticator struct {
	store *auth.Store
	// paidSecret, when set, admits inference that the HTTP side had paid with x402.
	paidSecret string
}

const generateMethod = "/computepool.v1.InferenceService/Generate"

// check returns ctx with the caller's user. A key that is present but wrong
// always fails, even on public methods.
func (a authenticator) check(ctx context.Context, method string) (context.Context, error) {
	if a.store == nil {
		return ctx, nil
	}
	md, _ := metadata.FromIncomingContext(ctx)
	key := keyFromMetadata(md)
	if key == "" && a.paidSecret != "" && method == generateMethod {
		if v := md.Get(paidHeader); len(v) == 1 && subtle.ConstantTimeCompare([]byte(v[0]), []byte(a.paidSecret)) == 1 {
			return ctx, nil
		}
	}
	if key == "" {
		if publicMethods[method] {
			return ctx, nil
		}
		return nil, status.Error(codes.Unauthenticated, errNoKey.Error())
	}
	u, err := a.store.Authenticate(ctx, key)
	if errors.Is(err, auth.ErrUnauthenticated) {
		return nil, status.Error(codes.Unauthenticated, "the API key is unknown or revoked")
	}
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return WithUser(ctx, u), nil
}

func (a authenticator) unary(ctx context.Context, req any, info *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
	ctx, err := a.check(ctx, info.FullMethod)
	if err != nil {
		return nil, err
	}
	return h(ctx, req)
}

type authedStream struct {
	grpc.ServerStream
	ctx context.Context
}

func (s authedStream) Context() context.Context { return s.ctx }

func (a authenticator) stream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, h grpc.StreamHandler) error {
	ctx, err := a.check(ss.Context(), info.FullMethod)
	if err != nil {
		return err
	}
	return h(srv, authedStream{ss, ctx})
}
