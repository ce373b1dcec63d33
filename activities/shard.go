package activities

import (
	"context"
	"fmt"
	"sync"
	"time"

	"go.temporal.io/sdk/activity"
	"go.uber.org/zap"
)

// ShardTaskQueue is the task queue of one shard host: load and unload run
// there, on the machine that holds the weights.
func ShardTaskQueue(nodeID string) string { return "computepool-shard/" + nodeID }

// LoadRequest asks a shard host to load layers [LayerStart, LayerEnd) of Model for Pool.
type LoadRequest struct {
	Pool       string `json:"pool"`
	NodeID     string `json:"nodeId"`
	Model      string `json:"model"` // the model directory or name the host resolves
	LayerStart int    `json:"layerStart"`
	LayerEnd   int    `json:"layerEnd"`
}

// LoadResult reports what the host holds.
type LoadResult struct {
	NodeID        string `json:"nodeId"`
	AlreadyLoaded bool   `json:"alreadyLoaded,omitempty"`
	Millis        int64  `json:"millis"`
}

// Loader is what a shard host does to hold a pool's layers: model.Load of a
// range onto its backend (workers.ModelLoader) in production, anything that
// loads and frees in tests. Load must be idempotent for the same request.
type Loader interface {
	Load(ctx context.Context, req LoadRequest, progress func(string)) error
	Unload(ctx context.Context, pool string) error
}

// Shard runs load/unload on this host, heartbeating while loading so that a
// dead host is noticed within the heartbeat timeout, not the load timeout.
type Shard struct {
	Loader Loader
	Log    *zap.Logger

	mu     sync.Mutex
	loaded map[string]LoadRequest // pool → what is loaded
}

// LoadShard loads the request's layers unless they are already loaded here.
func (s *Shard) LoadShard(ctx context.Context, req LoadRequest) (LoadResult, error) {
	s.mu.Lock()
	if s.loaded == nil {
		s.loaded = map[string]LoadRequest{}
	}
	have, ok := s.loaded[req.Pool]
	s.mu.Unlock()
	if ok && have == req {
		return LoadResult{NodeID: req.NodeID, AlreadyLoaded: true}, nil
	}
	if ok { // another range of the same pool: free it first
		if err := s.Loader.Unload(ctx, req.Pool); err != nil {
			return LoadResult{}, fmt.Errorf("node %s: free pool %q's old layers: %w", req.NodeID, req.Pool, err)
		}
	}
	start := time.Now()
	stop := make(chan struct{})
	defer close(stop)
	last := "starting"
	var lmu sync.Mutex
	go func() { // heartbeat even while a single tensor read blocks
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				lmu.Lock()
				p := last
				lmu.Unlock()
				activity.RecordHeartbeat(ctx, p)
			}
		}
	}()
	progress := func(p string) {
		lmu.Lock()
		last = p
		lmu.Unlock()
	}
	if err := s.Loader.Load(ctx, req, progress); err != nil {
		return LoadResult{}, fmt.Errorf("node %s: load %s layers %d:%d for pool %q: %w", req.NodeID, req.Model, req.LayerStart, req.LayerEnd, req.Pool, err)
	}
	s.mu.Lock()
	s.loaded[req.Pool] = req
	s.mu.Unlock()
	ms := time.Since(start).Milliseconds()
	s.Log.Info("shard loaded", zap.String("pool", req.Pool), zap.String("node", req.NodeID), zap.Int64("ms", ms))
	return LoadResult{NodeID: req.NodeID, Millis: ms}, nil
}

// UnloadShard frees the pool's layers on this host (nothing to do is success).
func (s *Shard) UnloadShard(ctx context.Context, pool string) error {
	if err := s.Loader.Unload(ctx, pool); err != nil {
		return fmt.Errorf("unload pool %q: %w", pool, err)
	}
	s.mu.Lock()
	delete(s.loaded, pool)
	s.mu.Unlock()
	return nil
}
