package api

import (
	"context"
	"fmt"
	"sync"

	"google.golang.org/protobuf/encoding/protojson"

	pb "github.com/computepool/computepool/proto/computepool/v1"
)

// PoolStore keeps pool metadata across restarts (auth.Store does, in SQLite
// or Postgres).
type PoolStore interface {
	SavePool(ctx context.Context, name string, data []byte) error
	DeletePool(ctx context.Context, name string) error
	LoadPools(ctx context.Context) (map[string][]byte, error)
}

// StoredPools is MemoryPools whose every change is written to a PoolStore,
// and which starts from what the store holds: the API's pools without the
// control plane survive a restart.
type StoredPools struct {
	*MemoryPools
	store PoolStore
	// mu orders change-and-save, so the store never keeps an older state
	// of a pool than memory.
	mu sync.Mutex
}

var _ PoolController = (*StoredPools)(nil)

// NewStoredPools loads the stored pools.
func NewStoredPools(ctx context.Context, store PoolStore) (*StoredPools, error) {
	stored, err := store.LoadPools(ctx)
	if err != nil {
		return nil, err
	}
	mem := NewMemoryPools()
	for name, data := range stored {
		p := &pb.Pool{}
		if err := protojson.Unmarshal(data, p); err != nil {
			return nil, fmt.Errorf("stored pool %q: %w", name, err)
		}
		mem.pools[name] = p
	}
	return &StoredPools{MemoryPools: mem, store: store}, nil
}

// change applies f to a copy of pool name (the other pools are not
// touched), writes the result to the store — the pool f returned, or a
// delete when it returned none — and only then makes the copy current: a
// change the store did not take leaves memory as it was.
func (s *StoredPools) change(ctx context.Context, name string, f func(m *MemoryPools) (*pb.Pool, error)) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.MemoryPools.scratch(name)
	p, err := f(next)
	if err != nil {
		return nil, err
	}
	if p == nil {
		if err := s.store.DeletePool(ctx, name); err != nil {
			return nil, fmt.Errorf("pool %q: not deleted: %w", name, err)
		}
	} else {
		data, err := protojson.Marshal(p)
		if err != nil {
			return nil, fmt.Errorf("pool %q: encode: %w", name, err)
		}
		if err := s.store.SavePool(ctx, name, data); err != nil {
			return nil, fmt.Errorf("pool %q: not changed, the save failed: %w", name, err)
		}
	}
	s.MemoryPools.commit(name, next)
	return p, nil
}

// CreatePool implements PoolController.
func (s *StoredPools) CreatePool(ctx context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error) {
	return s.change(ctx, req.Name, func(m *MemoryPools) (*pb.Pool, error) { return m.CreatePool(ctx, req) })
}

// DeletePool implements PoolController.
func (s *StoredPools) DeletePool(ctx context.Context, name string) error {
	_, err := s.change(ctx, name, func(m *MemoryPools) (*pb.Pool, error) { return nil, m.DeletePool(ctx, name) })
	return err
}

// AddNode implements PoolController.
func (s *StoredPools) AddNode(ctx context.Context, pool string, node *pb.PoolNode) (*pb.Pool, error) {
	return s.change(ctx, pool, func(m *MemoryPools) (*pb.Pool, error) { return m.AddNode(ctx, pool, node) })
}

// RemoveNode implements PoolController.
func (s *StoredPools) RemoveNode(ctx context.Context, pool, nodeID string) (*pb.Pool, error) {
	return s.change(ctx, pool, func(m *MemoryPools) (*pb.Pool, error) { return m.RemoveNode(ctx, pool, nodeID) })
}

// Initialize implements PoolController.
func (s *StoredPools) Initialize(ctx context.Context, name string) (*pb.Pool, error) {
	return s.change(ctx, name, func(m *MemoryPools) (*pb.Pool, error) { return m.Initialize(ctx, name) })
}

// Load implements PoolController.
func (s *StoredPools) Load(ctx context.Context, name string) (*pb.Pool, error) {
	return s.change(ctx, name, func(m *MemoryPools) (*pb.Pool, error) { return m.Load(ctx, name) })
}

// Unload implements PoolController.
func (s *StoredPools) Unload(ctx context.Context, name string) (*pb.Pool, error) {
	return s.change(ctx, name, func(m *MemoryPools) (*pb.Pool, error) { return m.Unload(ctx, name) })
}
