package cpu

import (
	"testing"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// Arrays made in a group (512 KiB to 4 MiB) are distinct, exactly their
// size in length and capacity (an append cannot spill into a neighbour),
// and come back through the free list.
func TestPoolGroups(t *testing.T) {
	const size = 200_000 // 800 KB of float32
	p := bufferPool{free: map[poolKey][]any{}}
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
