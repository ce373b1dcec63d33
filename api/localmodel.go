package api

import (
	"context"
	"fmt"

	"go.uber.org/zap"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/shard"
)

// LocalOptions size a model served in this process.
type LocalOptions struct {
	// ID names the model (default: the directory's name).
	ID string
	// Backend is a backend spec for backend.New ("" = the default).
	Backend string
	// Slots is how many generations run at once (default 4); Capacity the
	// context length in tokens (default 2048, capped by the model's own).
	Slots, Capacity int
	// Queue is how many generations may wait for a slot before new ones are
	// refused with ErrOverloaded (default DefaultQueue; negative = none).
	Queue int
}

// LoadLocal loads a whole model from a Hugging Face directory and serves it
// in this process through a ChainGenerator. close releases it.
func LoadLocal(ctx context.Context, dir string, opts LocalOptions, log *zap.Logger) (m *Model, close func(), err error) {
	cfg, err := model.LoadConfig(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("model %s: %w", dir, err)
	}
	if opts.Slots <= 0 {
		opts.Slots = 4
	}
	if opts.Capacity <= 0 {
		opts.Capacity = 2048
	}
	if cfg.MaxPositionEmbeddings > 0 {
		opts.Capacity = min(opts.Capacity, cfg.MaxPositionEmbeddings)
	}
	be, err := backend.New(opts.Backend)
	if err != nil {
		return nil, nil, err
	}
	weights, err := model.Load(ctx, dir, model.Range{Start: 0, End: cfg.NumHiddenLayers}, be, log)
	if err != nil {
		return nil, nil, err
	}
	rt, err := shard.New(weights, shard.Options{Slots: opts.Slots, Capacity: opts.Capacity}, log)
	if err != nil {
		weights.Close()
		return nil, nil, err
	}
	if opts.Queue == 0 {
		opts.Queue = DefaultQueue
	}
	gen, err := NewChainGeneratorQueue(shard.Chain{rt}, opts.Queue)
	if err != nil {
		rt.Close()
		weights.Close()
		return nil, nil, err
	}
	m, err = LoadModelFiles(dir, opts.ID, gen)
	if err != nil {
		rt.Close()
		weights.Close()
		return nil, nil, err
	}
	m.ContextLength = opts.Capacity
	return m, func() { rt.Close(); weights.Close() }, nil
}
