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
// little to wait for (TestDecodeStepAllocatesNoArrays in package shard).
// Arrays come back dirty: kernels overwrite every element.
//
// Arrays of offHeapMin bytes and more — the weights above all — live
// outside the Go heap (mapArray). The collector's next goal is a multiple
// of the live heap: with 2.5 GB of weights in it, a step's few hundred KB
// of small garbage piled up to ~1.7 GB before a collection (a batch-8
// decode grew its RSS by 12 MB/s), and a shard sized to fill a machine's
// memory would run out of it. Off the heap they leave a heap of the KV
// caches and bookkeeping, collected every few MB.
var pool = bufferPool{free: map[poolKey][]any{}, mapped: map[unsafe.Pointer]int{}}

// offHeapMin is the size from which arrays are mapped outside the Go heap:
// the weight matrices and the largest intermediates (a batch's logits),
// not the grouped cache arrays below it.
const offHeapMin = 4 << 20

type poolKey struct {
	dtype dtypes.DType
	size  int
}

type bufferPool struct {
	mu     sync.Mutex
	free   map[poolKey][]any
	mapped map[unsafe.Pointer]int // arrays from mapArray: bytes
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
		if m := p.mapArray(4 * size); m != nil {
			return unsafe.Slice((*float32)(m), size)
		}
		flat := make([]float32, size)
		hugePages(unsafe.Pointer(unsafe.SliceData(flat)), 4*size)
		return flat
	case dtypes.BFloat16:
		if m := p.mapArray(2 * size); m != nil {
			return unsafe.Slice((*bfloat16.BFloat16)(m), size)
		}
		flat := make([]bfloat16.BFloat16, size)
		hugePages(unsafe.Pointer(unsafe.SliceData(flat)), 2*size)
		return flat
	case dtypes.Int8:
		if m := p.mapArray(size); m != nil {
			return unsafe.Slice((*int8)(m), size)
		}
		flat := make([]int8, size)
		hugePages(unsafe.Pointer(unsafe.SliceData(flat)), size)
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
	var data unsafe.Pointer
	switch f := flat.(type) {
	case []float32:
		size, data = len(f), unsafe.Pointer(unsafe.SliceData(f))
	case []bfloat16.BFloat16:
		size, data = len(f), unsafe.Pointer(unsafe.SliceData(f))
	case []int8:
		size, data = len(f), unsafe.Pointer(unsafe.SliceData(f))
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
		return
	}
	if bytes, ok := p.mapped[data]; ok { // the collector would not free it
		delete(p.mapped, data)
		unmapArray(data, bytes)
	}
}

// mapArray returns an array of bytes outside the Go heap for sizes of
// offHeapMin and more; nil for smaller ones, or where there is no mapping.
func (p *bufferPool) mapArray(bytes int) unsafe.Pointer {
	if bytes < offHeapMin {
		return nil
	}
	m := mapArray(bytes)
	if m != nil {
		p.mu.Lock()
		p.mapped[m] = bytes
		p.mu.Unlock()
	}
	return m
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
