package cpu

import (
	"fmt"
	"math/rand/v2"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
)

func BenchmarkAttnCold(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, T := range []int{64, 256} {
		c := attentionCase{8, 1, 8, 4, 64, T, true}
		var sets [][]any
		for l := 0; l < 16; l++ {
			sets = append(sets, c.inputs(r))
		}
		evict := make([]float32, 16<<20) // 64 MB
		e := MustNewExec(ours, c.graph)
		for _, cold := range []bool{false, true} {
			b.Run(fmt.Sprintf("keys=%d/cold=%v", T, cold), func(b *testing.B) {
				var s float32
				for i := 0; i < b.N; i++ {
					if cold {
						b.StopTimer()
						for j := 0; j < len(evict); j += 16 {
							s += evict[j]
						}
						b.StartTimer()
					}
					e.MustExec(sets[i%16]...)[0].FinalizeAll()
				}
				_ = s
			})
		}
	}
}
