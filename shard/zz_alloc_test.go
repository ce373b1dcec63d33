package shard

import (
	"context"
	"runtime"
	"testing"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/safetensors"
)

func TestZZAllocs(t *testing.T) {
	dir := tinyModel(t, "llama", safetensors.BF16, func(c *model.Config) { c.VocabSize = 65536 })
	ctx := context.Background()
	for _, B := range []int{1, 8} {
		st := loadChain(t, dir, Options{Slots: B, Capacity: 128, ChunkSize: 16})[0]
		var in []Input
		for i := 0; i < B; i++ {
			slot, _ := st.Acquire()
			in = append(in, Input{Slot: slot, Tokens: []int32{1, 2, 3}})
		}
		st.Forward(ctx, in)
		for i := range in {
			in[i].Tokens = []int32{5}
		}
		for i := 0; i < 5; i++ {
			st.Forward(ctx, in)
		}
		var a, b runtime.MemStats
		runtime.ReadMemStats(&a)
		const n = 20
		for i := 0; i < n; i++ {
			st.Forward(ctx, in)
		}
		runtime.ReadMemStats(&b)
		t.Logf("B=%d per step: %d bytes, %d allocs", B, (b.TotalAlloc-a.TotalAlloc)/n, (b.Mallocs-a.Mallocs)/n)
	}
}
