package cpu

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// Arrays made in a group (512 KiB to 4 MiB) are distinct, exactly their
// size in length and capacity (an append cannot spill into a neighbour),
// and come back through the free list.
func TestPoolGroups(t *testing.T) {
	const size = 200_000 // 800 KB of float32
	p := bufferPool{free: map[poolKey][]any{}, mapped: map[unsafe.Pointer]int{}}
	n := groupOf(4 * size)
	if n < 2 {
		t.Fatalf("groupOf(%d bytes) = %d, want a group", 4*size, n)
	}
	seen := map[*float32]bool{}
	arrays := make([][]float32, n+1) // one more than a group: a second group
	for i := range arrays {
		a := p.get(dtypes.Float32, size).([]float32)
		if len(a) != size || cap(a) != size {
			t.Fatalf("array %d: len %d cap %d, want %d", i, len(a), cap(a), size)
		}
		if seen[&a[0]] {
			t.Fatalf("array %d handed out twice", i)
		}
		seen[&a[0]] = true
		for j := range a {
			a[j] = float32(i)
		}
		arrays[i] = a
	}
	for i, a := range arrays {
		if a[0] != float32(i) || a[size-1] != float32(i) {
			t.Fatalf("array %d overwritten by another: %v … %v", i, a[0], a[size-1])
		}
	}
	if groupOf(4<<20) != 1 || groupOf(100<<10) != 1 {
		t.Error("arrays under 512 KiB or of 4 MiB and more must not be grouped")
	}
}

// Arrays of offHeapMin bytes and more come from mappings outside the Go
// heap (the heap does not grow by them), are writable to the last element,
// and an array the full free list cannot take is unmapped.
func TestPoolOffHeap(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("arrays are mapped outside the heap on Linux only")
	}
	p := bufferPool{free: map[poolKey][]any{}, mapped: map[unsafe.Pointer]int{}}
	defer func() {
		for m, bytes := range p.mapped {
			unmapArray(m, bytes)
		}
	}()
	const size = 3 << 20 // 12 MiB of float32
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	arrays := make([][]float32, maxPooled+1)
	for i := range arrays {
		a := p.get(dtypes.Float32, size).([]float32)
		a[0], a[size-1] = float32(i), float32(i)
		arrays[i] = a
	}
	runtime.ReadMemStats(&after)
	if grew := after.HeapAlloc - before.HeapAlloc; grew > 4*size {
		t.Errorf("the Go heap grew by %d bytes for %d arrays of %d bytes: they are not off the heap", grew, len(arrays), 4*size)
	}
	if len(p.mapped) != len(arrays) {
		t.Fatalf("%d arrays mapped, want %d", len(p.mapped), len(arrays))
	}
	for i, a := range arrays {
		if a[0] != float32(i) || a[size-1] != float32(i) {
			t.Fatalf("array %d overwritten by another", i)
		}
		p.put(dtypes.Float32, a)
	}
	if len(p.mapped) != maxPooled || len(p.free[poolKey{dtypes.Float32, size}]) != maxPooled {
		t.Errorf("after giving back %d arrays: %d mapped, %d free; want the one past the free list unmapped",
			len(arrays), len(p.mapped), len(p.free[poolKey{dtypes.Float32, size}]))
	}
	if b := p.get(dtypes.BFloat16, offHeapMin/2-1).([]bfloat16.BFloat16); len(p.mapped) != maxPooled || len(b) != offHeapMin/2-1 {
		t.Error("an array under offHeapMin was mapped")
	}
}
