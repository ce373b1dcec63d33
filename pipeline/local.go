package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"go.uber.org/zap"

	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/shard"
)

// LocalOptions tune StartLocal.
type LocalOptions struct {
	Wire DType
	Head HeadConfig // Node and Stages are filled in
	// Stage, when set, adjusts each stage's config before it starts
	// (verification, a dishonest stage in tests).
	Stage func(index int, c *StageConfig)
}

// Local is a whole pipeline in one process, each stage and the head behind
// its own AXL node on loopback: the same frames, netstack and Yggdrasil
// links as separate machines, without the processes.
type Local struct {
	Head   *Head
	Stages []*Stage
	Nodes  []*axl.Node // stages' nodes, then the head's
}

// StartLocal wires runtimes (consecutive layer slices) into a pipeline and
// waits until every stage answers the head.
func StartLocal(ctx context.Context, runtimes []*shard.Runtime, opts LocalOptions, log *zap.Logger) (_ *Local, err error) {
	if len(runtimes) == 0 {
		return nil, errors.New("pipeline: no stages")
	}
	l := &Local{}
	defer func() {
		if err != nil {
			l.Close()
		}
	}()
	var ids []axl.PeerID
	var listen []string
	for i := 0; i <= len(runtimes); i++ {
		// Full mesh: each node peers with every earlier one, so every hop is
		// one direct Yggdrasil link.
		n, err := axl.New(axl.Config{Listen: []string{"tls://127.0.0.1:0"}, Peers: append([]string(nil), listen...)},
			log.Named(fmt.Sprintf("axl%d", i)), nil)
		if err != nil {
			return nil, err
		}
		l.Nodes = append(l.Nodes, n)
		ids = append(ids, n.ID())
		listen = append(listen, n.ListenAddrs()...)
	}
	for _, n := range l.Nodes {
		n.Allow(ids...)
	}
	for i, rt := range runtimes {
		next := ids[(i+1)%len(runtimes)]
		// The stages share this process's cores: one batch going round
		// beats groups taking turns (Gather).
		sc := StageConfig{Index: i, Runtime: rt, Node: l.Nodes[i], Next: next, Wire: opts.Wire, Gather: true, Log: log}
		if opts.Stage != nil {
			opts.Stage(i, &sc)
		}
		st, err := NewStage(sc)
		if err != nil {
			return nil, err
		}
		l.Stages = append(l.Stages, st)
	}
	connected := make(chan error, 1)
	go func() { connected <- connectStages(ctx, l.Stages) }()
	hc := opts.Head
	hc.Node, hc.Stages = l.Nodes[len(runtimes)], ids[:len(runtimes)]
	if hc.Log == nil {
		hc.Log = log
	}
	if l.Head, err = NewHead(hc); err != nil {
		return nil, err
	}
	if err := l.Head.Ready(ctx); err != nil {
		<-connected
		return nil, err
	}
	if err := <-connected; err != nil {
		return nil, err
	}
	return l, nil
}

// Close stops the head, the stages and the nodes.
func (l *Local) Close() {
	if l.Head != nil {
		l.Head.Close()
	}
	for _, s := range l.Stages {
		s.Close()
	}
	for _, n := range l.Nodes {
		n.Close()
	}
}

// connectStages waits until every stage's link to its next stage is up
// (each stage dials it as it starts, warmNext), so the pipeline takes no
// request before then. A new mesh's paths can take longer to form than a
// send may wait mid-generation (StageConfig.SendTimeout: a 3-stage test
// pipeline failed that way now and then); here the wait is bounded by ctx.
func connectStages(ctx context.Context, stages []*Stage) error {
	errs := make([]error, len(stages))
	var wg sync.WaitGroup
	for i, st := range stages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := st.cfg.Node.Connect(ctx, st.cfg.Next); err != nil {
				errs[i] = fmt.Errorf("pipeline: stage %d cannot reach its next stage %s: %w", i, st.cfg.Next.Short(), err)
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
