// Package api serves ComputePool's user-facing APIs: the gRPC services, their
// grpc-gateway REST mapping under /api/v1, the OpenAPI spec and health
// endpoints on one HTTP server, and extra HTTP surfaces (the OpenAI adapter)
// mounted beside them. Inference goes through a Generator; pool operations
// through a PoolController.
package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/dashboard"
	"github.com/computepool/computepool/api/x402"
	pb "github.com/computepool/computepool/proto/computepool/v1"
)

// Defaults (DESIGN.md §9).
const (
	DefaultHTTPAddr = "127.0.0.1:8080"
	DefaultGRPCAddr = "127.0.0.1:9090"
)

// Config wires a Server.
type Config struct {
	// HTTPAddr serves REST, OpenAI, /openapi.json and health; GRPCAddr serves
	// gRPC. Port 0 picks a free port (see Server.HTTPAddr).
	HTTPAddr, GRPCAddr string
	Models             *Models
	Pools              PoolController
	// Auth checks API keys; nil serves without authentication (local use only).
	Auth *auth.Store
	// Payment, when set, lets REST inference (POST /api/v1/generate) without
	// an API key be paid with x402 instead.
	Payment *x402.Middleware
	// Handlers are mounted on the HTTP server by pattern (e.g. the OpenAI
	// adapter on "/v1/").
	Handlers map[string]http.Handler
	// Collectors are exported at /metrics beside the API's own (e.g. the
	// pipeline head's ping round trips).
	Collectors []prometheus.Collector
	// Dashboard, when set, serves the operator's page at /dashboard/.
	Dashboard *dashboard.Config
	Log       *zap.Logger
}

// Server runs the gRPC and HTTP listeners.
type Server struct {
	cfg      Config
	grpc     *grpc.Server
	http     *http.Server
	grpcLis  net.Listener
	httpLis  net.Listener
	conn     *grpc.ClientConn
	auth     authenticator
	metrics  *Metrics
	meters   *meterRelay // per-token meters of paid REST requests
	ready    atomic.Bool
	serveErr chan error
}

// New builds a server; Start listens.
func New(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		return nil, errors.New("api: Config.Log is required")
	}
	if cfg.Models == nil {
		cfg.Models = NewModels()
	}
	if cfg.Pools == nil {
		cfg.Pools = NewMemoryPools()
	}
	if cfg.HTTPAddr == "" {
		cfg.HTTPAddr = DefaultHTTPAddr
	}
	if cfg.GRPCAddr == "" {
		cfg.GRPCAddr = DefaultGRPCAddr
	}
	metrics := NewMetrics()
	for _, c := range cfg.Collectors {
		if err := metrics.reg.Register(c); err != nil {
			return nil, fmt.Errorf("api: registering a metrics collector: %w", err)
		}
	}
	cfg.Models.setMetrics(metrics)
	a := authenticator{store: cfg.Auth}
	if cfg.Payment != nil {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("api: drawing the gateway secret: %w", err)
		}
		a.paidSecret = hex.EncodeToString(secret)
	}
	g := grpc.NewServer(grpc.ForceServerCodec(lenientCodec{}),
		grpc.ChainUnaryInterceptor(metrics.unary, a.unary, rejectUndecodable),
		grpc.ChainStreamInterceptor(metrics.stream, rejectUndecodableStream, a.stream))
	pb.RegisterPoolServiceServer(g, &poolService{pools: cfg.Pools})
	pb.RegisterNodeServiceServer(g, newNodeService())
	pb.RegisterModelServiceServer(g, &modelService{models: cfg.Models})
	meters := &meterRelay{}
	pb.RegisterInferenceServiceServer(g, &inferenceService{models: cfg.Models, log: cfg.Log, meters: meters})
	if cfg.Auth != nil {
		pb.RegisterAuthServiceServer(g, &authService{store: cfg.Auth})
	}
	// Standard gRPC health (for load balancers) and reflection (grpcurl).
	healthpb.RegisterHealthServer(g, health.NewServer())
	reflection.Register(g)
	return &Server{cfg: cfg, grpc: g, auth: a, metrics: metrics, meters: meters, serveErr: make(chan error, 2)}, nil
}

// headerMatcher forwards API keys to gRPC metadata, besides the defaults.
func headerMatcher(key string) (string, bool) {
	switch strings.ToLower(key) {
	case "x-api-key":
		return "x-api-key", true
	case "authorization":
		return "authorization", true
	case paidHeader:
		return paidHeader, true
	case meterHeader:
		return meterHeader, true
	}
	return runtime.DefaultHeaderMatcher(key)
}

// Start listens on both addresses and serves until Shutdown.
func (s *Server) Start(ctx context.Context) error {
	var err error
	if s.grpcLis, err = net.Listen("tcp", s.cfg.GRPCAddr); err != nil {
		return fmt.Errorf("gRPC listener on %s: %w", s.cfg.GRPCAddr, err)
	}
	if s.httpLis, err = net.Listen("tcp", s.cfg.HTTPAddr); err != nil {
		s.grpcLis.Close()
		return fmt.Errorf("HTTP listener on %s: %w", s.cfg.HTTPAddr, err)
	}
	go func() { s.serveErr <- s.grpc.Serve(s.grpcLis) }()

	// The gateway calls the gRPC server over loopback, so REST requests pass
	// the same interceptors (auth) and support streaming.
	s.conn, err = grpc.NewClient(s.grpcLis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return fmt.Errorf("gateway connection to %s: %w", s.grpcLis.Addr(), err)
	}
	gw := runtime.NewServeMux(
		runtime.WithIncomingHeaderMatcher(headerMatcher),
		runtime.WithMarshalerOption(runtime.MIMEWildcard, &runtime.JSONPb{
			MarshalOptions:   protojson.MarshalOptions{EmitUnpopulated: true},
			UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
		}),
	)
	for name, register := range map[string]func(context.Context, *runtime.ServeMux, *grpc.ClientConn) error{
		"pools":     pb.RegisterPoolServiceHandler,
		"nodes":     pb.RegisterNodeServiceHandler,
		"models":    pb.RegisterModelServiceHandler,
		"auth":      pb.RegisterAuthServiceHandler,
		"inference": pb.RegisterInferenceServiceHandler,
	} {
		if err := register(ctx, gw, s.conn); err != nil {
			return fmt.Errorf("registering the %s gateway: %w", name, err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", limitBody(stripPaid(gw)))
	if s.cfg.Payment != nil {
		mux.Handle("POST /api/v1/generate", limitBody(s.paidGenerate(gw)))
	}
	mux.HandleFunc("GET /openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(pb.OpenAPI) //nolint:errcheck // the client went away
	})
	mux.Handle("GET /metrics", s.metrics.Handler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, _ *http.Request) {
		if !s.ready.Load() || len(s.cfg.Models.List()) == 0 {
			http.Error(w, "not ready: no model is served yet", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	if s.cfg.Dashboard != nil {
		mux.Handle("/dashboard/", dashboard.New(dashboardSource{s}, *s.cfg.Dashboard, s.cfg.Log))
	}
	for pattern, h := range s.cfg.Handlers {
		mux.Handle(pattern, h)
	}
	// No write timeout: streams last as long as their generation.
	s.http = &http.Server{Handler: accessLog(s.cfg.Log, s.metrics, mux), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	go func() { s.serveErr <- s.http.Serve(s.httpLis) }()
	s.ready.Store(true)
	s.cfg.Log.Info("api serving", zap.String("http", s.HTTPAddr()), zap.String("grpc", s.GRPCAddr()))
	return nil
}

// HTTPAddr is the HTTP listener's address (host:port).
func (s *Server) HTTPAddr() string { return s.httpLis.Addr().String() }

// GRPCAddr is the gRPC listener's address (host:port).
func (s *Server) GRPCAddr() string { return s.grpcLis.Addr().String() }

// Shutdown stops accepting requests and waits for running ones until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	s.ready.Store(false)
	var errs []error
	if s.http != nil {
		errs = append(errs, s.http.Shutdown(ctx))
	}
	if s.conn != nil {
		errs = append(errs, s.conn.Close())
	}
	done := make(chan struct{})
	go func() { s.grpc.GracefulStop(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		s.grpc.Stop()
	}
	return errors.Join(errs...)
}

// dashboardSource shows the server's pools and token counters.
type dashboardSource struct{ s *Server }

func (d dashboardSource) ListPools(ctx context.Context) ([]*pb.Pool, error) {
	return d.s.cfg.Pools.ListPools(ctx)
}

func (d dashboardSource) TokensGenerated() map[string]float64 { return d.s.metrics.tokensByModel() }

// paidHeader carries, from the HTTP side to the gRPC interceptor, the proof
// that x402 verified a payment for this request: a per-process secret that
// clients never see (and whose header they cannot inject: it is stripped).
const paidHeader = "x-computepool-paid"

func stripPaid(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del(paidHeader)
		r.Header.Del(meterHeader)
		next.ServeHTTP(w, r)
	})
}

// paidGenerate admits REST inference with an API key (checked by gRPC) or,
// without one, with an x402 payment.
func (s *Server) paidGenerate(gw http.Handler) http.Handler {
	paid := s.cfg.Payment.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Set(paidHeader, s.auth.paidSecret)
		if m := x402.MeterFrom(r.Context()); m != nil { // per-token: Generate reports into it
			id, drop := s.meters.put(m)
			defer drop()
			r.Header.Set(meterHeader, id)
		}
		gw.ServeHTTP(w, r)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Header.Del(paidHeader)
		r.Header.Del(meterHeader)
		if KeyFromRequest(r) != "" {
			gw.ServeHTTP(w, r)
			return
		}
		paid.ServeHTTP(w, r)
	})
}

// MaxRequestBytes bounds a REST request body.
const MaxRequestBytes = 4 << 20

func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, MaxRequestBytes)
		next.ServeHTTP(w, r)
	})
}
