package api

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	pb "github.com/computepool/computepool/proto/computepool/v1"
)

// Errors a PoolController returns (wrapped); the services map them to
// NOT_FOUND, ALREADY_EXISTS and FAILED_PRECONDITION.
var (
	ErrNotFound           = errors.New("not found")
	ErrAlreadyExists      = errors.New("already exists")
	ErrFailedPrecondition = errors.New("not allowed in the current state")
)

// PoolController changes pools. MemoryPools keeps them in memory,
// StoredPools also in the API's database; the control plane implements it by
// starting and signalling the pool workflows (poolctl).
// Requests have been validated (non-empty names, sane layer ranges).
type PoolController interface {
	CreatePool(ctx context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error)
	GetPool(ctx context.Context, name string) (*pb.Pool, error)
	ListPools(ctx context.Context) ([]*pb.Pool, error)
	DeletePool(ctx context.Context, name string) error
	AddNode(ctx context.Context, pool string, node *pb.PoolNode) (*pb.Pool, error)
	RemoveNode(ctx context.Context, pool, nodeID string) (*pb.Pool, error)
	// Initialize wires the nodes, Load loads their layers, Unload frees them.
	Initialize(ctx context.Context, name string) (*pb.Pool, error)
	Load(ctx context.Context, name string) (*pb.Pool, error)
	Unload(ctx context.Context, name string) (*pb.Pool, error)
	State(ctx context.Context, name string) (*pb.PoolStatus, error)
}

// MemoryPools is an in-memory PoolController whose state changes take
// effect at once: created → wiring (Initialize) → ready (Load) → closed (Unload).
type MemoryPools struct {
	mu    sync.Mutex
	pools map[string]*pb.Pool
	now   func() time.Time
}

// NewMemoryPools returns an empty controller.
func NewMemoryPools() *MemoryPools {
	return &MemoryPools{pools: map[string]*pb.Pool{}, now: time.Now}
}

func (m *MemoryPools) get(name string) (*pb.Pool, error) {
	p, ok := m.pools[name]
	if !ok {
		return nil, fmt.Errorf("pool %q: %w", name, ErrNotFound)
	}
	return p, nil
}

func clonePool(p *pb.Pool) *pb.Pool { return proto.Clone(p).(*pb.Pool) }

// scratch: a controller holding a copy of pool name only (none if there is
// no such pool), for a change that commit makes current.
func (m *MemoryPools) scratch(name string) *MemoryPools {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := &MemoryPools{pools: map[string]*pb.Pool{}, now: m.now}
	if p, ok := m.pools[name]; ok {
		out.pools[name] = clonePool(p)
	}
	return out
}

// commit makes pool name as it is in from (deleted if from has none).
func (m *MemoryPools) commit(name string, from *MemoryPools) {
	from.mu.Lock()
	p, ok := from.pools[name]
	from.mu.Unlock()
	m.mu.Lock()
	defer m.mu.Unlock()
	if ok {
		m.pools[name] = p
	} else {
		delete(m.pools, name)
	}
}

// CreatePool implements PoolController.
func (m *MemoryPools) CreatePool(_ context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.pools[req.Name]; ok {
		return nil, fmt.Errorf("pool %q: %w", req.Name, ErrAlreadyExists)
	}
	p := &pb.Pool{Name: req.Name, Model: req.Model, State: pb.PoolState_POOL_STATE_CREATED, Price: proto.CloneOf(req.Price),
		CreateTime: timestamppb.New(m.now())}
	m.pools[req.Name] = p
	return clonePool(p), nil
}

// GetPool implements PoolController.
func (m *MemoryPools) GetPool(_ context.Context, name string) (*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(name)
	if err != nil {
		return nil, err
	}
	return clonePool(p), nil
}

// ListPools implements PoolController, sorted by name.
func (m *MemoryPools) ListPools(context.Context) ([]*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]*pb.Pool, 0, len(m.pools))
	for _, p := range m.pools {
		out = append(out, clonePool(p))
	}
	slices.SortFunc(out, func(a, b *pb.Pool) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// DeletePool implements PoolController; a serving pool must be unloaded first.
func (m *MemoryPools) DeletePool(_ context.Context, name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(name)
	if err != nil {
		return err
	}
	if p.State == pb.PoolState_POOL_STATE_READY || p.State == pb.PoolState_POOL_STATE_LOADING {
		return fmt.Errorf("pool %q is %s: unload it first: %w", name, p.State, ErrFailedPrecondition)
	}
	delete(m.pools, name)
	return nil
}

// AddNode implements PoolController; nodes join only before wiring.
func (m *MemoryPools) AddNode(_ context.Context, pool string, node *pb.PoolNode) (*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(pool)
	if err != nil {
		return nil, err
	}
	if p.State != pb.PoolState_POOL_STATE_CREATED {
		return nil, fmt.Errorf("pool %q is %s: nodes join only a created pool: %w", pool, p.State, ErrFailedPrecondition)
	}
	for _, n := range p.Nodes {
		if n.NodeId == node.NodeId {
			return nil, fmt.Errorf("node %s in pool %q: %w", node.NodeId, pool, ErrAlreadyExists)
		}
		if node.LayerStart < n.LayerEnd && n.LayerStart < node.LayerEnd {
			return nil, fmt.Errorf("layers %d:%d overlap node %s's %d:%d: %w", node.LayerStart, node.LayerEnd, n.NodeId, n.LayerStart, n.LayerEnd, ErrFailedPrecondition)
		}
	}
	p.Nodes = append(p.Nodes, &pb.PoolNode{NodeId: node.NodeId, LayerStart: node.LayerStart, LayerEnd: node.LayerEnd})
	slices.SortFunc(p.Nodes, func(a, b *pb.PoolNode) int { return int(a.LayerStart - b.LayerStart) })
	return clonePool(p), nil
}

// RemoveNode implements PoolController.
func (m *MemoryPools) RemoveNode(_ context.Context, pool, nodeID string) (*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(pool)
	if err != nil {
		return nil, err
	}
	if p.State == pb.PoolState_POOL_STATE_READY {
		return nil, fmt.Errorf("pool %q is serving: unload it before removing a node: %w", pool, ErrFailedPrecondition)
	}
	i := slices.IndexFunc(p.Nodes, func(n *pb.PoolNode) bool { return n.NodeId == nodeID })
	if i < 0 {
		return nil, fmt.Errorf("node %s in pool %q: %w", nodeID, pool, ErrNotFound)
	}
	p.Nodes = slices.Delete(p.Nodes, i, i+1)
	return clonePool(p), nil
}

func (m *MemoryPools) transition(name string, from pb.PoolState, to pb.PoolState, loaded bool) (*pb.Pool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(name)
	if err != nil {
		return nil, err
	}
	if p.State != from {
		return nil, fmt.Errorf("pool %q is %s, want %s: %w", name, p.State, from, ErrFailedPrecondition)
	}
	if to == pb.PoolState_POOL_STATE_WIRING && len(p.Nodes) == 0 {
		return nil, fmt.Errorf("pool %q has no nodes: add one first: %w", name, ErrFailedPrecondition)
	}
	p.State = to
	for _, n := range p.Nodes {
		n.Loaded = loaded
	}
	return clonePool(p), nil
}

// Initialize implements PoolController.
func (m *MemoryPools) Initialize(_ context.Context, name string) (*pb.Pool, error) {
	return m.transition(name, pb.PoolState_POOL_STATE_CREATED, pb.PoolState_POOL_STATE_WIRING, false)
}

// Load implements PoolController.
func (m *MemoryPools) Load(_ context.Context, name string) (*pb.Pool, error) {
	return m.transition(name, pb.PoolState_POOL_STATE_WIRING, pb.PoolState_POOL_STATE_READY, true)
}

// Unload implements PoolController.
func (m *MemoryPools) Unload(_ context.Context, name string) (*pb.Pool, error) {
	return m.transition(name, pb.PoolState_POOL_STATE_READY, pb.PoolState_POOL_STATE_CLOSED, false)
}

// State implements PoolController.
func (m *MemoryPools) State(_ context.Context, name string) (*pb.PoolStatus, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, err := m.get(name)
	if err != nil {
		return nil, err
	}
	return &pb.PoolStatus{Name: p.Name, State: p.State}, nil
}
