package cpu

import (
	"sync"
	"unsafe"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// pool recycles the flat arrays of intermediate results between steps: a
// decode step produces the same shapes every time, so in steady state it
// allocates (and page-faults) no arrays, and the garbage collector has
// little to wait for (TestDecodeStepAllocatesNoArrays in package shard). Arrays come back dirty: kernels overwrite every element.
var pool = bufferPool{free: map[poolKey][]any{}}

type poolKey struct {
	dtype dtypes.DType
	size  int
}

type bufferPool struct {
	mu   sync.Mutex
	free map[poolKey][]any
}

// maxPooled bounds how many arrays of one size are kept.
const maxPooled = 256

func (p *bufferPool) get(dtype dtypes.DType, size int) any {
	p.mu.Lock()
	list := p.free[poolKey{dtype, size}]
	if n := len(list); n > 0 {
		flat := list[n-1]
		p.free[poolKey{dtype, size}] = list[:n-1]
		p.mu.Unlock()
		return flat
	}
	p.mu.Unlock()
	switch dtype {
	case dtypes.Float32:
		if n := groupOf(4 * size); n > 1 {
			return p.group(dtype, size, n)
		}
		flat := make([]float32, size)
		hugePages(unsafe.Pointer(unsafe.SliceData(flat)), 4*size)
		return flat
	case dtypes.BFloat16:
		flat := make([]bfloat16.BFloat16, size)
		hugePages(unsafe.Pointer(unsafe.SliceData(flat)), 2*size)
		return flat
	case dtypes.Int32:
		return make([]int32, size)
	case dtypes.Bool:
		return make([]bool, size)
	}
	return nil
}

func (p *bufferPool) put(dtype dtypes.DType, flat any) {
	var size int
	switch f := flat.(type) {
	case []float32:
		size = len(f)
	case []bfloat16.BFloat16:
		size = len(f)
	case []int32:
		size = len(f)
	case []bool:
		size = len(f)
	default:
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	k := poolKey{dtype, size}
	if len(p.free[k]) < maxPooled {
		p.free[k] = append(p.free[k], flat)
	}
}

// Arrays of 512 KiB to 4 MiB — a sequence's KV cache for one layer, 1 MiB
// for the 1b preset — are too small for a huge page of their own, and a
// step reads hundreds of them (batch 8: 256), each from memory: with 4 KiB
// pages every 4 KiB of a cache costs a TLB miss whose page walk itself
// misses the caches. So they are made in groups that fill several huge
// pages, one allocation with the advice, cut into arrays of the size asked
// for; the rest go to the free list.
const (
	groupMin   = 512 << 10
	groupBytes = 16 << 20
)

// groupOf returns how many arrays of this many bytes to make at once.
func groupOf(bytes int) int {
	if bytes < groupMin || bytes >= 2*(2<<20) {
		return 1
	}
	return groupBytes / bytes
}

// group makes n float32 arrays of size in one huge-page allocation, keeps
// n-1 in the free list and returns one.
func (p *bufferPool) group(dtype dtypes.DType, size, n int) any {
	all := make([]float32, n*size)
	hugePages(unsafe.Pointer(unsafe.SliceData(all)), 4*len(all))
	p.mu.Lock()
	defer p.mu.Unlock()
	k := poolKey{dtype, size}
	for i := 1; i < n && len(p.free[k]) < maxPooled; i++ {
		p.free[k] = append(p.free[k], all[i*size:(i+1)*size:(i+1)*size])
	}
	return all[:size:size]
}
