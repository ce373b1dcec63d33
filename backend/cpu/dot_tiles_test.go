package cpu

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// The AVX-512 tiles give every output the bits the one-row kernel gives it,
// on shapes that exercise every remainder: activation rows not a multiple of
// 4, weight rows not a multiple of 4 or of the thread split, lengths with and
// without a tail past the blocks of 16, and passes over long batches.
func TestTilesEqualRowKernel(t *testing.T) {
	if !hasTiles {
		t.Skip("no AVX-512 on this CPU: the tile kernels are not used here")
	}
	r := rand.New(rand.NewPCG(11, 12))
	for _, mnk := range [][3]int{{2, 4, 16}, {4, 4, 16}, {5, 9, 48}, {8, 33, 2048}, {16, 13, 100}, {7, 6, 31}, {3, 17, 8192}, {70, 8, 1024}} {
		m, n, k := mnk[0], mnk[1], mnk[2]
		t.Run(fmt.Sprint(mnk), func(t *testing.T) {
			x := make([]float32, m*k)
			for i := range x {
				x[i] = r.Float32()*2 - 1
			}
			w := make([]bfloat16.BFloat16, n*k)
			for i := range w {
				w[i] = bfloat16.FromFloat32(r.Float32()*2 - 1)
			}
			tiles := &dotKernel{L: x, R16: w, M: m, N: n, K: k, o: make([]float32, m*n)}
			for lo := 0; lo < n; lo += 5 { // uneven thread blocks
				tiles.tilesBF16(lo, min(n, lo+5))
			}
			for i := 0; i < m; i++ {
				for j := 0; j < n; j++ {
					want := dotBF16(x[i*k:(i+1)*k], w[j*k:(j+1)*k])
					if got := tiles.o[i*n+j]; got != want {
						t.Fatalf("out[%d,%d] = %v by tiles, %v by the row kernel", i, j, got, want)
					}
				}
			}
		})
	}
}
