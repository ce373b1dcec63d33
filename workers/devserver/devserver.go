// Package devserver runs a Temporal server with the Web UI in this process
// (what `temporal server start-dev` does; its package is internal to the
// temporal CLI): SQLite persistence in a file (or memory), the namespace and
// our search attributes created at start, readiness checked.
package devserver

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	uiserver "github.com/temporalio/ui-server/v2/server"
	uiconfig "github.com/temporalio/ui-server/v2/server/config"
	uioptions "github.com/temporalio/ui-server/v2/server/server_options"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	tlog "go.temporal.io/server/common/log"
	"go.temporal.io/server/common/metrics"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/internal/freeport"
)

// Config of the dev server (DESIGN.md §9: frontend 127.0.0.1:7233, UI 8233).
type Config struct {
	// Frontend gRPC address (default 127.0.0.1:7233; port 0 picks one).
	Frontend string
	// UI address (default 127.0.0.1:8233; port 0 picks one; "off" = no UI).
	UI string
	// DBFile persists state; "" keeps it in memory.
	DBFile    string
	Namespace string // default "default"
	// SearchAttributes created with the namespace (workers.SearchAttributes()).
	SearchAttributes map[string]enumspb.IndexedValueType
	// LogLevel of the server's own logs (default error).
	LogLevel string
}

// Server is a running dev server.
type Server struct {
	FrontendAddr string
	UIURL        string // "" without UI
	Namespace    string

	srv temporal.Server
	ui  *uiserver.Server
}

// servicePorts gives each Temporal service its gRPC and membership ports.
// With a database file they follow from the frontend's port (history +1,
// matching +2, worker +3, membership +100 each), as the temporal CLI's dev
// server does: the file keeps the cluster's membership, and a restart on
// new random ports waited ~45 s ("Not enough hosts to serve the request")
// for the previous run's members to expire. In memory, free ports.
func servicePorts(host string, frontend int, fixed bool) (map[string]config.Service, error) {
	services := map[string]config.Service{}
	for i, name := range []string{"frontend", "history", "matching", "worker"} {
		grpcPort, memberPort := frontend+i, frontend+100+i
		if !fixed {
			var err error
			if i > 0 {
				if grpcPort, err = freeport.TCP(host); err != nil {
					return nil, err
				}
			}
			if memberPort, err = freeport.TCP(host); err != nil {
				return nil, err
			}
		}
		services[name] = config.Service{RPC: config.RPC{GRPCPort: grpcPort, MembershipPort: memberPort, BindOnIP: host}}
	}
	return services, nil
}

// freePortBlock finds a frontend port whose fixed-offset service ports
// (servicePorts: +1..+3, +100..+103) are free too.
func freePortBlock(host string) (int, error) {
	for range 50 {
		p, err := freeport.TCP(host)
		if err != nil {
			return 0, err
		}
		free := true
		for _, off := range []int{1, 2, 3, 100, 101, 102, 103} {
			l, err := net.Listen("tcp", net.JoinHostPort(host, strconv.Itoa(p+off)))
			if err != nil {
				free = false
				break
			}
			l.Close()
		}
		if free {
			return p, nil
		}
	}
	return 0, fmt.Errorf("no free block of ports on %s for the temporal services", host)
}

func hostPort(addr, def string) (string, int, error) {
	if addr == "" {
		addr = def
	}
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("address %q: %w", addr, err)
	}
	port, err := strconv.Atoi(p)
	if err != nil {
		return "", 0, fmt.Errorf("address %q: bad port: %w", addr, err)
	}
	if port == 0 {
		if port, err = freeport.TCP(h); err != nil {
			return "", 0, err
		}
	}
	return h, port, nil
}

// Start starts the server (and the UI), waits until the namespace answers.
func Start(ctx context.Context, log *zap.Logger, cfg Config) (*Server, error) {
	if cfg.Namespace == "" {
		cfg.Namespace = "default"
	}
	if cfg.LogLevel == "" {
		cfg.LogLevel = "error"
	}
	host, port, err := hostPort(cfg.Frontend, "127.0.0.1:7233")
	if err != nil {
		return nil, err
	}
	if cfg.DBFile != "" && strings.HasSuffix(cfg.Frontend, ":0") {
		// With a file the other services' ports follow the frontend's
		// (servicePorts): a free frontend port alone left a neighbour taken
		// now and then ("bind: address already in use", 2 of ~20 bench runs).
		if port, err = freePortBlock(host); err != nil {
			return nil, err
		}
	}
	sqlCfg := &config.SQL{PluginName: sqliteplugin.PluginName, ConnectAttributes: map[string]string{}, DatabaseName: cfg.DBFile}
	if cfg.DBFile == "" {
		sqlCfg.ConnectAttributes["mode"] = "memory"
		sqlCfg.ConnectAttributes["cache"] = "shared"
		sqlCfg.DatabaseName = fmt.Sprintf("computepool-%d", time.Now().UnixNano())
	} else {
		sqlCfg.ConnectAttributes["mode"] = "rwc"
		// SQLite's defaults (a rollback journal, synchronous=FULL) sync the
		// file several times per transaction, and every workflow step is a
		// transaction: a paid request settled as a workflow waited ~25 ms
		// each for its start, its task dispatch and its completion on this
		// VM. A write-ahead log synced at checkpoints (synchronous=NORMAL)
		// survives a crash of the process and never corrupts the file; an
		// OS crash or power loss may drop the last transactions, which for
		// a settlement can only lose its record — its activity checks the
		// chain before sending, so nothing is paid twice.
		sqlCfg.ConnectAttributes["journal_mode"] = "wal"
		sqlCfg.ConnectAttributes["synchronous"] = "normal"
		if err := os.MkdirAll(filepath.Dir(cfg.DBFile), 0o700); err != nil {
			return nil, fmt.Errorf("temporal state directory: %w", err)
		}
		if _, err := os.Stat(cfg.DBFile); errors.Is(err, os.ErrNotExist) {
			if err := sqlite.SetupSchema(sqlCfg); err != nil {
				return nil, fmt.Errorf("create temporal schema in %s: %w", cfg.DBFile, err)
			}
		}
	}
	// In memory mode the SQLite plugin creates the schema itself.
	services, err := servicePorts(host, port, cfg.DBFile != "")
	if err != nil {
		return nil, err
	}
	metricsPort, err := freeport.TCP(host)
	if err != nil {
		return nil, err
	}
	frontend := net.JoinHostPort(host, strconv.Itoa(port))
	sc := &config.Config{
		Global: config.Global{
			Membership: config.Membership{MaxJoinDuration: 30 * time.Second, BroadcastAddress: host},
			Metrics: &metrics.Config{Prometheus: &metrics.PrometheusConfig{
				ListenAddress: net.JoinHostPort(host, strconv.Itoa(metricsPort)), HandlerPath: "/metrics"}},
		},
		Persistence: config.Persistence{DefaultStore: sqliteplugin.PluginName, VisibilityStore: sqliteplugin.PluginName,
			NumHistoryShards: 1, DataStores: map[string]config.DataStore{sqliteplugin.PluginName: {SQL: sqlCfg}}},
		ClusterMetadata: &cluster.Config{EnableGlobalNamespace: false, FailoverVersionIncrement: 10, MasterClusterName: "active",
			CurrentClusterName: "active", ClusterInformation: map[string]cluster.ClusterInformation{
				"active": {Enabled: true, InitialFailoverVersion: 1, RPCAddress: frontend}}},
		DCRedirectionPolicy: config.DCRedirectionPolicy{Policy: "noop"},
		Services:            services,
		Archival: config.Archival{History: config.HistoryArchival{State: "disabled"},
			Visibility: config.VisibilityArchival{State: "disabled"}},
		PublicClient: config.PublicClient{HostPort: frontend},
		NamespaceDefaults: config.NamespaceDefaults{Archival: config.ArchivalNamespaceDefaults{
			History: config.HistoryArchivalNamespaceDefaults{State: "disabled"}, Visibility: config.VisibilityArchivalNamespaceDefaults{State: "disabled"}}},
	}
	ns, err := sqlite.NewNamespaceConfig("active", cfg.Namespace, false, cfg.SearchAttributes)
	if err != nil {
		return nil, fmt.Errorf("namespace %s: %w", cfg.Namespace, err)
	}
	if err := sqlite.CreateNamespaces(sqlCfg, ns); err != nil {
		return nil, fmt.Errorf("create namespace %s: %w", cfg.Namespace, err)
	}
	slog := tlog.NewZapLogger(tlog.BuildZapLogger(tlog.Config{Level: cfg.LogLevel}))
	authorizer, err := authorization.GetAuthorizerFromConfig(&sc.Global.Authorization)
	if err != nil {
		return nil, fmt.Errorf("temporal authorizer: %w", err)
	}
	claimMapper, err := authorization.GetClaimMapperFromConfig(&sc.Global.Authorization, slog)
	if err != nil {
		return nil, fmt.Errorf("temporal claim mapper: %w", err)
	}
	srv, err := temporal.NewServer(
		temporal.WithConfig(sc),
		temporal.ForServices(temporal.DefaultServices),
		temporal.WithLogger(slog),
		temporal.WithAuthorizer(authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return claimMapper }),
		temporal.WithDynamicConfigClient(dynamicconfig.StaticClient{
			dynamicconfig.ForceSearchAttributesCacheRefreshOnRead.Key(): []dynamicconfig.ConstrainedValue{{Value: true}},
		}),
	)
	if err != nil {
		return nil, fmt.Errorf("create temporal server: %w", err)
	}
	if err := srv.Start(); err != nil {
		return nil, fmt.Errorf("start temporal server on %s: %w", frontend, err)
	}
	s := &Server{FrontendAddr: frontend, Namespace: cfg.Namespace, srv: srv}
	if err := s.waitReady(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if cfg.UI != "off" {
		uhost, uport, err := hostPort(cfg.UI, "127.0.0.1:8233")
		if err != nil {
			s.Close()
			return nil, err
		}
		s.ui = uiserver.NewServer(uioptions.WithConfigProvider(&uiconfig.Config{
			TemporalGRPCAddress: frontend, Host: uhost, Port: uport, EnableUI: true, DefaultNamespace: cfg.Namespace,
			DisableNewsFetch: true, CORS: uiconfig.CORS{CookieInsecure: true}, HideLogs: true,
		}))
		go func() {
			if err := s.ui.Start(); err != nil {
				log.Error("temporal web UI", zap.Error(err))
			}
		}()
		s.UIURL = fmt.Sprintf("http://%s", net.JoinHostPort(uhost, strconv.Itoa(uport)))
		if err := waitHTTP(ctx, s.UIURL+"/api/v1/namespaces"); err != nil {
			s.Close()
			return nil, err
		}
	}
	log.Info("temporal dev server", zap.String("frontend", frontend), zap.String("ui", s.UIURL), zap.String("namespace", cfg.Namespace))
	return s, nil
}

// waitReady polls until the namespace is described (right after start the
// first calls may fail or come back empty).
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	c, err := client.Dial(client.Options{HostPort: s.FrontendAddr, Namespace: s.Namespace, Logger: nopLogger{}})
	if err != nil {
		return fmt.Errorf("connect to the dev server at %s: %w", s.FrontendAddr, err)
	}
	defer c.Close()
	for {
		_, err := c.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: s.Namespace})
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("temporal dev server at %s not ready: %w", s.FrontendAddr, err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func waitHTTP(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("temporal web UI at %s not ready: %w", url, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Close stops the UI and the server.
func (s *Server) Close() {
	if s.ui != nil {
		s.ui.Stop()
	}
	if err := s.srv.Stop(); err != nil {
		_ = err // stopping: nothing left to report to
	}
}

type nopLogger struct{}

func (nopLogger) Debug(string, ...any) {}
func (nopLogger) Info(string, ...any)  {}
func (nopLogger) Warn(string, ...any)  {}
func (nopLogger) Error(string, ...any) {}
