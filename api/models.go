package api

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Models is the set of served models, by id. The first one added is the
// default for requests that name none.
type Models struct {
	mu      sync.RWMutex
	byID    map[string]*Model
	order   []string
	metrics *Metrics
}

// setMetrics makes every model, present and future, record into m.
func (s *Models) setMetrics(m *Metrics) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.metrics = m
	for _, model := range s.byID {
		model.metrics.Store(m)
	}
}

// NewModels returns a set holding ms.
func NewModels(ms ...*Model) *Models {
	s := &Models{byID: map[string]*Model{}}
	for _, m := range ms {
		s.Add(m)
	}
	return s
}

// Add serves m (replacing a model with the same id).
func (s *Models) Add(m *Model) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.byID[m.ID]; !ok {
		s.order = append(s.order, m.ID)
	}
	if s.metrics != nil {
		m.metrics.Store(s.metrics)
	}
	s.byID[m.ID] = m
}

// Get returns a model by id; "" means the default.
func (s *Models) Get(id string) (*Model, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if id == "" && len(s.order) > 0 {
		id = s.order[0]
	}
	m, ok := s.byID[id]
	if !ok {
		return nil, fmt.Errorf("model %q: %w (served: %s)", id, ErrNotFound, strings.Join(s.order, ", "))
	}
	return m, nil
}

// List returns the models in the order they were added.
func (s *Models) List() []*Model {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*Model, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.byID[id])
	}
	return slices.Clip(out)
}
