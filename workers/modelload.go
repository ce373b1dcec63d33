package workers

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/gomlx/gomlx/backends"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/shard"
)

// ModelLoader is the shard host's activities.Loader: model.Load of the
// requested layer range from a model directory onto the host's backend,
// one model per pool, freed on unload.
type ModelLoader struct {
	Backend backends.Backend
	// ModelsDir resolves a model name that is not a path (default: the name is the directory).
	ModelsDir string
	// Options: the pool's serving options (capacity, chunk size), which a
	// recomputed step must use to hash as the serving stage did.
	Options shard.Options
	Log     *zap.Logger

	mu     sync.Mutex
	models map[string]*model.Model
}

var (
	_ activities.Loader        = (*ModelLoader)(nil)
	_ activities.Arithmetician = (*ModelLoader)(nil)
)

// Arithmetic implements activities.Arithmetician: the bits l.Backend computes.
func (l *ModelLoader) Arithmetic() string { return backend.Arithmetic(l.Backend) }

func (l *ModelLoader) dir(name string) string {
	if l.ModelsDir == "" || filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(l.ModelsDir, name)
}

// Load implements activities.Loader.
func (l *ModelLoader) Load(ctx context.Context, req activities.LoadRequest, progress func(string)) error {
	progress(fmt.Sprintf("loading %s layers %d:%d", req.Model, req.LayerStart, req.LayerEnd))
	m, err := model.Load(ctx, l.dir(req.Model), model.Range{Start: req.LayerStart, End: req.LayerEnd}, l.Backend, l.Log)
	if err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.models == nil {
		l.models = map[string]*model.Model{}
	}
	if old := l.models[req.Pool]; old != nil {
		old.Close()
	}
	l.models[req.Pool] = m
	progress("loaded")
	return nil
}

// Unload implements activities.Loader.
func (l *ModelLoader) Unload(_ context.Context, pool string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m := l.models[pool]; m != nil {
		m.Close()
		delete(l.models, pool)
	}
	return nil
}

// Model returns the model loaded for pool (nil if none): what the host's
// pipeline stage serves.
func (l *ModelLoader) Model(pool string) *model.Model {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.models[pool]
}
