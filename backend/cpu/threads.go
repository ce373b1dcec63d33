package cpu

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// crew runs the blocks of one parallel op on the calling goroutine and
// threads-1 helper goroutines that outlive the op. Handing work to fresh
// goroutines after a few µs of serial work costs ~9 µs on this VM (the
// other vCPU has gone to sleep: BenchmarkHandoff), against ~1 µs for a
// helper still spinning, and a decode step runs hundreds of parallel ops, so
// helpers spin a while after each op before they park: the next op of the
// step finds them awake. (Batch-1 decode of the 1b preset: 17–18 → 20–21
// tokens/s.)
type crew struct {
	helpers int
	mu      sync.Mutex // one op at a time; a concurrent op runs on fresh goroutines
	gen     atomic.Uint64
	cur     atomic.Pointer[crewJob]
	parked  atomic.Int32
	wake    chan struct{}
	quit    chan struct{}
	start   sync.Once
	stop    sync.Once
}

// crewJob is one op split into blocks of per items, claimed in order.
type crewJob struct {
	run     func(lo, hi int)
	n, per  int
	next    atomic.Int64 // start of the next unclaimed block
	pending atomic.Int64 // blocks not yet finished
}

// spinFor is how long an idle helper polls for the next op before parking:
// longer than the serial gaps inside a step, short enough that an idle
// shard does not hold a core.
const spinFor = 200 * time.Microsecond

func newCrew(threads int) *crew {
	return &crew{helpers: threads - 1, wake: make(chan struct{}, threads), quit: make(chan struct{})}
}

// do runs run over [0, n) in blocks of per, on all threads; it returns when
// every block is done.
func (c *crew) do(n, per int, run func(lo, hi int)) {
	if !c.mu.TryLock() {
		c.spawn(n, per, run) // another op holds the crew (two graphs in one process)
		return
	}
	defer c.mu.Unlock()
	c.start.Do(func() {
		for range c.helpers {
			go c.help()
		}
	})
	j := &crewJob{run: run, n: n, per: per}
	j.pending.Store(int64((n + per - 1) / per))
	c.cur.Store(j)
	c.gen.Add(1)
	for i := c.parked.Load(); i > 0; i-- {
		select {
		case c.wake <- struct{}{}:
		default:
		}
	}
	j.work()
	for j.pending.Load() > 0 {
		// Helpers are finishing their last blocks: at most one block each.
		// Yield, in case one waits for this P (threads > GOMAXPROCS).
		runtime.Gosched()
	}
	c.cur.Store(nil)
}

// work claims and runs blocks until none are left.
func (j *crewJob) work() {
	for {
		lo := int(j.next.Add(int64(j.per))) - j.per
		if lo >= j.n {
			return
		}
		j.run(lo, min(lo+j.per, j.n))
		j.pending.Add(-1)
	}
}

// help is a helper's loop: run the current op, then wait for the next one,
// spinning for spinFor before parking.
func (c *crew) help() {
	seen := c.gen.Load()
	for {
		if g := c.gen.Load(); g != seen {
			seen = g
			if j := c.cur.Load(); j != nil {
				j.work()
			}
			continue
		}
		if !c.idle(seen) {
			return
		}
	}
}

// idle waits until the generation moves past seen; false once the crew stops.
func (c *crew) idle(seen uint64) bool {
	deadline := time.Now().Add(spinFor)
	for i := 0; ; i++ {
		if c.gen.Load() != seen {
			return true
		}
		if i%256 == 255 {
			if time.Now().After(deadline) {
				break
			}
			runtime.Gosched() // spinning must not keep the process's other goroutines (network, timers) off this P
		}
	}
	c.parked.Add(1)
	defer c.parked.Add(-1)
	if c.gen.Load() != seen { // an op published before we counted ourselves parked
		return true
	}
	select {
	case <-c.wake:
		return true
	case <-c.quit:
		return false
	}
}

// spawn runs an op on fresh goroutines (the crew is busy with another op).
func (c *crew) spawn(n, per int, run func(lo, hi int)) {
	j := &crewJob{run: run, n: n, per: per}
	var wg sync.WaitGroup
	for range c.helpers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			j.work()
		}()
	}
	j.work()
	wg.Wait()
}

// close stops the helpers (Backend.Finalize).
func (c *crew) close() { c.stop.Do(func() { close(c.quit) }) }
