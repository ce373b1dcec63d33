package cpu

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/gomlx/gomlx/backends"
)

// OpTime is the time one kind of op took over the profiled executions.
type OpTime struct {
	Op    string        `json:"op"` // the op, with its shape for products and fusions
	Calls int           `json:"calls"`
	Total time.Duration `json:"total_ns"`
}

// opProfile sums the wall time of each op while profiling is on
// (`computepool bench decode --op-profile`): where a step's time goes,
// measured inside the backend rather than guessed from a sampling profile.
// Times are kept per node (cheap to add) and grouped by label on reading.
type opProfile struct {
	mu    sync.Mutex
	nodes map[*node]*nodeTime
}

type nodeTime struct {
	calls int
	total time.Duration
}

// ProfileOps starts (or, with on false, stops) timing every op this backend
// runs, clearing earlier figures. Off by default: timing costs two clock
// reads per op.
func (b *Backend) ProfileOps(on bool) {
	if !on {
		b.profile.Store(nil)
		return
	}
	b.profile.Store(&opProfile{nodes: map[*node]*nodeTime{}})
}

// OpProfile returns the profiled op times grouped by label, largest total
// first.
func (b *Backend) OpProfile() []OpTime {
	p := b.profile.Load()
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	byLabel := map[string]*OpTime{}
	for n, t := range p.nodes {
		label := opLabel(n)
		o := byLabel[label]
		if o == nil {
			o = &OpTime{Op: label}
			byLabel[label] = o
		}
		o.Calls += t.calls
		o.Total += t.total
	}
	out := make([]OpTime, 0, len(byLabel))
	for _, o := range byLabel {
		out = append(out, *o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Total > out[j].Total })
	return out
}

func (p *opProfile) add(n *node, d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t := p.nodes[n]
	if t == nil {
		t = &nodeTime{}
		p.nodes[n] = t
	}
	t.calls++
	t.total += d
}

// opLabel names an op for the profile: products by their operand shapes
// (each weight matrix is its own line), fusions by what they fuse.
func opLabel(n *node) string {
	switch {
	case n.attention != nil:
		return fmt.Sprintf("attention(%d seqs)", len(n.attention))
	case n.fused != nil:
		return fmt.Sprintf("fused elementwise → %s", n.shape)
	case n.rmsNorm != nil:
		return fmt.Sprintf("rmsnorm → %s", n.shape)
	case n.rope:
		return fmt.Sprintf("rope → %s", n.shape)
	case n.softmax:
		return "masked softmax"
	case n.op == backends.OpTypeDotGeneral:
		label := fmt.Sprintf("DotGeneral %s · %s", n.inputs[0].shape, n.inputs[1].shape)
		for _, s := range n.siblings {
			label += fmt.Sprintf(" + %v", s.inputs[1].shape.Dimensions)
		}
		return label
	}
	return n.op.String()
}
