package cpu

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/shapes"
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// BenchmarkMatVec: decode-shaped products, x [M, K] · W[N, K]ᵀ for the MLP's
// up (N, K = 8192, 2048) and down (2048, 8192) projections, with W in bf16
// and int8 (read natively) and f32; bytes/s counts the weights read. The products
// take turns over four copies of W, so that a last-level cache holding one
// copy does not serve the reads a model's 2.5 GB of weights would not.
func BenchmarkMatVec(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, nk := range [][2]int{{8192, 2048}, {2048, 8192}} {
		n, k := nk[0], nk[1]
		if testing.Short() {
			n = 256 * 2048 / k // 1 MiB of bf16: fits in cache, shows the compute limit
		}
		matVecShape(b, r, n, k)
	}
}

func matVecShape(b *testing.B, r *rand.Rand, n, k int) {
	for _, dt := range []dtypes.DType{dtypes.BFloat16, dtypes.Float32, dtypes.Int8} {
		for _, m := range []int{1, 4, 8, 16} {
			w := randF32(r, n, k)
			exec := MustNewExec(ours, func(x, w *Node) *Node {
				return DotGeneral(x, []int{1}, nil, ConvertDType(w, dtypes.Float32), []int{1}, nil)
			})
			convert := MustNewExec(ours, func(w *Node) *Node { return ConvertDType(w, dt) })
			var wt [4]*tensors.Tensor
			for i := range wt {
				wt[i] = convert.MustExec1(w)
			}
			x := randF32(r, m, k)
			for _, kernel := range kernelChoices() {
				if dt == dtypes.Int8 && kernel.name != "tiles" {
					continue // int8 has one kernel: the tiles (dot=bf16 does not apply)
				}
				b.Run(fmt.Sprintf("%dx%d/%s/M=%d/%s", n, k, dt, m, kernel.name), func(b *testing.B) {
					defer kernel.use()()
					b.SetBytes(int64(shapes.Make(dt, n, k).Memory()))
					for i := 0; i < b.N; i++ {
						out := exec.MustExec1(x, wt[i%len(wt)])
						out.FinalizeAll()
					}
				})
			}
		}
	}
}

// BenchmarkDotKernel times the bf16 row kernel alone on one core, over 1 MiB
// of weights (cache-resident: its compute limit) and 64 MiB (memory).
func BenchmarkDotKernel(b *testing.B) {
	const k = 2048
	x := make([]float32, k)
	for i := range x {
		x[i] = float32(i%7) - 3
	}
	for _, rows := range []int{256, 16384} {
		w := make([]bfloat16.BFloat16, rows*k)
		for i := range w {
			w[i] = bfloat16.FromFloat32(float32(i%5) - 2)
		}
		b.Run(fmt.Sprintf("rows=%d", rows), func(b *testing.B) {
			b.SetBytes(int64(len(w) * 2))
			var sink float32
			for i := 0; i < b.N; i++ {
				for r := 0; r < rows; r++ {
					sink += dotBF16(x, w[r*k:(r+1)*k])
				}
			}
			_ = sink
		})
		b.Run(fmt.Sprintf("pairs/rows=%d", rows), func(b *testing.B) {
			b.SetBytes(int64(len(w) * 2))
			var out [2]float32
			half := rows / 2
			for i := 0; i < b.N; i++ {
				for r := 0; r < half; r++ {
					dotBF16Pair(x, w[r*k:(r+1)*k], w[(half+r)*k:(half+r+1)*k], &out)
				}
			}
		})
	}
}

// kernelChoice selects the batched bf16 kernel for a benchmark: the AVX-512
// tiles where the CPU has them, the AVX2 row kernels beside them, and the
// bf16-pair kernels of dot=bf16 where the CPU has AVX512_BF16.
type kernelChoice struct {
	name      string
	tiles, dp bool
}

func kernelChoices() []kernelChoice {
	choices := []kernelChoice{{name: "rows"}}
	if hasTiles {
		choices = append(choices, kernelChoice{name: "tiles", tiles: true})
	}
	if hasDPBF16 {
		choices = append(choices, kernelChoice{name: "dp", tiles: true, dp: true}) // dot=bf16 needs AVX-512 anyway
	}
	return choices
}

// use sets the choice on the shared test backend and returns the restore.
func (c kernelChoice) use() func() {
	be := ours.(*Backend)
	savedTiles, savedDP := hasTiles, be.bf16Dot
	hasTiles, be.bf16Dot = c.tiles, c.dp
	return func() { hasTiles, be.bf16Dot = savedTiles, savedDP }
}
