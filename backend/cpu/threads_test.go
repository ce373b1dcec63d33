package cpu

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Every index of every op is run exactly once, whether the helpers are
// spinning, parked (ops spaced past spinFor) or the crew is busy with
// another caller's op (concurrent callers fall back to fresh goroutines).
func TestCrewRunsEveryBlockOnce(t *testing.T) {
	c := newCrew(3)
	defer c.close()
	check := func(n, per int) {
		hits := make([]atomic.Int32, n)
		c.do(n, per, func(lo, hi int) {
			for i := lo; i < hi; i++ {
				hits[i].Add(1)
			}
		})
		for i := range hits {
			if h := hits[i].Load(); h != 1 {
				t.Fatalf("n=%d per=%d: index %d ran %d times", n, per, i, h)
			}
		}
	}
	for _, np := range [][2]int{{1, 1}, {7, 2}, {100, 3}, {1000, 64}, {5, 10}} {
		check(np[0], np[1])
	}
	time.Sleep(2 * spinFor) // helpers park
	check(1000, 7)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				check(64+i, 1+i%5)
			}
		}()
	}
	wg.Wait()
}

// BenchmarkHandoff: what splitting a small op over two threads costs when
// 20 µs of serial work (a step's small ops) separates it from the last one,
// on fresh goroutines (as before the crew) and on the crew's helpers. ns/op
// includes the 20 µs.
func BenchmarkHandoff(b *testing.B) {
	work := func(lo, hi int) {}
	serial := func() {
		for start := time.Now(); time.Since(start) < 20*time.Microsecond; {
		}
	}
	c := newCrew(2)
	defer c.close()
	for _, mode := range []string{"spawn", "crew"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				serial()
				if mode == "spawn" {
					c.spawn(8, 1, work)
				} else {
					c.do(8, 1, work)
				}
			}
		})
	}
}
