// Package membw measures memory read bandwidth, the roofline of decode: a
// token reads every weight once, so tokens/s can never exceed
// bandwidth ÷ weight bytes per token.
//
// The kernel is a SIMD sum (AVX2 assembly on amd64): a scalar Go loop is
// compute-bound and reports about half the real bandwidth (DESIGN.md §7).
package membw

import (
	"runtime"
	"sync"
	"time"
)

// Result of a measurement.
type Result struct {
	BytesPerSecond float64 `json:"bytes_per_second"`
	Threads        int     `json:"threads"`
	BufferBytes    int64   `json:"buffer_bytes"`
	SIMD           bool    `json:"simd"`
}

// Measure reads a buffer of size bytes with threads goroutines (0 = GOMAXPROCS)
// rounds times and returns the best round: the machine's attainable read rate.
func Measure(size int64, threads, rounds int) Result {
	if threads <= 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	const align = 16 * 8 // the kernel consumes 16 uint64 per iteration
	n := int(size/8) / (align / 8 * threads) * (align / 8 * threads)
	buf := make([]uint64, n)
	for i := range buf { // populate every page so we measure reads, not page faults
		buf[i] = uint64(i)
	}
	per := n / threads
	best := time.Duration(1<<63 - 1)
	var sink uint64
	var mu sync.Mutex
	for r := 0; r < rounds; r++ {
		var wg sync.WaitGroup
		start := time.Now()
		for t := 0; t < threads; t++ {
			wg.Add(1)
			go func(part []uint64) {
				defer wg.Done()
				s := sum(part)
				mu.Lock()
				sink += s
				mu.Unlock()
			}(buf[t*per : (t+1)*per])
		}
		wg.Wait()
		best = min(best, time.Since(start))
	}
	runtime.KeepAlive(sink)
	return Result{
		BytesPerSecond: float64(n*8) / best.Seconds(),
		Threads:        threads,
		BufferBytes:    int64(n * 8),
		SIMD:           hasSIMD,
	}
}

// sumGeneric is the portable kernel (and the test's reference).
func sumGeneric(p []uint64) uint64 {
	var a, b, c, d uint64
	for i := 0; i+4 <= len(p); i += 4 {
		a += p[i]
		b += p[i+1]
		c += p[i+2]
		d += p[i+3]
	}
	return a + b + c + d
}
