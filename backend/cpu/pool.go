package cpu

import (
	"sync"
	"unsafe"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// pool recycles the flat arrays of intermediate results between steps: a
// decode step produces the same shapes every time, so in steady state it
// allocates (and page-faults) nothing, and the garbage collector has nothing
// to wait for. Arrays come back dirty: kernels overwrite every element.
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
