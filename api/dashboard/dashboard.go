// Package dashboard is the operator's page the API serves at /dashboard/:
// pools, their nodes and state, live tokens/s, and each pool linked to its
// entity workflow in the Temporal Web UI. It reads what the API already
// knows (its pool controller and its token counters) and changes nothing,
// so it needs no API key.
package dashboard

import (
	"context"
	_ "embed"
	"encoding/json"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	pb "github.com/computepool/computepool/proto/computepool/v1"
	"go.uber.org/zap"
)

// Source is what the page shows: the pools and the tokens generated so far
// per model (a counter: the page turns successive readings into tokens/s).
type Source interface {
	ListPools(ctx context.Context) ([]*pb.Pool, error)
	TokensGenerated() map[string]float64
}

// Config says where the Temporal Web UI is, for the links to the pool workflows.
type Config struct {
	// TemporalUI is the Web UI's base URL (e.g. http://127.0.0.1:8233); empty: no links.
	TemporalUI string
	Namespace  string // default "default"
	// WorkflowID maps a pool name to its workflow id (pool.WorkflowID).
	WorkflowID func(pool string) string
}

//go:embed index.html
var page []byte

// New serves the page at /dashboard/ and its data at /dashboard/state.json.
func New(src Source, cfg Config, log *zap.Logger) http.Handler {
	if cfg.Namespace == "" {
		cfg.Namespace = "default"
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /dashboard/{$}", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page) //nolint:errcheck // the client went away
	})
	mux.HandleFunc("GET /dashboard/state.json", func(w http.ResponseWriter, r *http.Request) {
		st, err := snapshot(r.Context(), src, cfg)
		if err != nil {
			log.Warn("dashboard: listing pools", zap.Error(err))
			http.Error(w, "listing pools: "+err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(st) //nolint:errcheck // the client went away
	})
	return mux
}

// State is /dashboard/state.json.
type State struct {
	Time   time.Time          `json:"time"`
	Pools  []Pool             `json:"pools"`
	Tokens map[string]float64 `json:"tokens_generated"` // by model, since the API started
}

// Pool is one pool as the page shows it.
type Pool struct {
	Name        string `json:"name"`
	Model       string `json:"model"`
	State       string `json:"state"`
	Nodes       []Node `json:"nodes"`
	WorkflowURL string `json:"workflow_url,omitempty"`
}

// Node is one pool member.
type Node struct {
	ID     string `json:"id"`
	Layers string `json:"layers"`
	Loaded bool   `json:"loaded"`
}

func snapshot(ctx context.Context, src Source, cfg Config) (State, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	pools, err := src.ListPools(ctx)
	if err != nil {
		return State{}, err
	}
	st := State{Time: time.Now().UTC(), Tokens: src.TokensGenerated(), Pools: []Pool{}}
	for _, p := range pools {
		st.Pools = append(st.Pools, view(p, cfg))
	}
	return st, nil
}

func view(p *pb.Pool, cfg Config) Pool {
	// A pool names its model by id or by directory; the API serves it
	// under the directory's name, which keys the token counters.
	v := Pool{Name: p.GetName(), Model: path.Base(p.GetModel()), State: stateName(p.GetState()), Nodes: []Node{}}
	for _, n := range p.GetNodes() {
		v.Nodes = append(v.Nodes, Node{ID: n.GetNodeId(), Layers: layerRange(n), Loaded: n.GetLoaded()})
	}
	if cfg.TemporalUI != "" && cfg.WorkflowID != nil {
		v.WorkflowURL = strings.TrimRight(cfg.TemporalUI, "/") + "/namespaces/" + url.PathEscape(cfg.Namespace) +
			"/workflows/" + url.PathEscape(cfg.WorkflowID(p.GetName()))
	}
	return v
}

func stateName(s pb.PoolState) string {
	return strings.ToLower(strings.TrimPrefix(s.String(), "POOL_STATE_"))
}

func layerRange(n *pb.PoolNode) string {
	if n.GetLayerEnd() <= n.GetLayerStart() {
		return "unassigned"
	}
	return itoa(n.GetLayerStart()) + ":" + itoa(n.GetLayerEnd())
}

func itoa(i int32) string { return strconv.Itoa(int(i)) }
