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

// save writes the pool a change returned.
func (s *StoredPools) save(ctx context.Context, p *pb.Pool, err error) (*pb.Pool, error) {
	if err != nil {
		return nil, err
	}
	data, err := protojson.Marshal(p)
	if err != nil {
		return nil, fmt.Errorf("pool %q: encode: %w", p.Name, err)
	}
	if err := s.store.SavePool(ctx, p.Name, data); err != nil {
		return nil, fmt.Errorf("pool %q changed but was not saved: %w", p.Name, err)
	}
	return p, nil
}

// CreatePool implements PoolController.
func (s *StoredPools) CreatePool(ctx context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.CreatePool(ctx, req)
	return s.save(ctx, p, err)
}

// DeletePool implements PoolController.
func (s *StoredPools) DeletePool(ctx context.Context, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.MemoryPools.DeletePool(ctx, name); err != nil {
		return err
	}
	return s.store.DeletePool(ctx, name)
}

// AddNode implements PoolController.
func (s *StoredPools) AddNode(ctx context.Context, pool string, node *pb.PoolNode) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.AddNode(ctx, pool, node)
	return s.save(ctx, p, err)
}

// RemoveNode implements PoolController.
func (s *StoredPools) RemoveNode(ctx context.Context, pool, nodeID string) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.RemoveNode(ctx, pool, nodeID)
	return s.save(ctx, p, err)
}

// Initialize implements PoolController.
func (s *StoredPools) Initialize(ctx context.Context, name string) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.Initialize(ctx, name)
	return s.save(ctx, p, err)
}

// Load implements PoolController.
func (s *StoredPools) Load(ctx context.Context, name string) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.Load(ctx, name)
	return s.save(ctx, p, err)
}

// Unload implements PoolController.
func (s *StoredPools) Unload(ctx context.Context, name string) (*pb.Pool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.MemoryPools.Unload(ctx, name)
	return s.save(ctx, p, err)
}
