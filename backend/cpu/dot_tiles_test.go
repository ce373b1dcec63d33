package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
	"github.com/gomlx/gomlx/pkg/core/shapes"
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
			x, w := randProduct(r, m, n, k)
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

// The float32 kernels of attention's scores (four query rows against one
// key, or against four keys at once) give each output the bits dot gives
// it: with and without a tail, for evenly and unevenly spaced query rows,
// keys packed or strided as a KV cache's rows are ([T, kv, D]: kv·D apart),
// and thread blocks that split groups of four keys.
func TestF32RowsEqualDot(t *testing.T) {
	if !hasTiles {
		t.Skip("no AVX-512 on this CPU: the four-row kernel is not used here")
	}
	r := rand.New(rand.NewPCG(13, 14))
	for _, tc := range []struct{ m, n, k, step, kstride, block int }{
		{4, 9, 64, 64, 0, 9}, {8, 5, 100, 100, 0, 5}, {6, 3, 16, 40, 0, 3}, {4, 2, 7, 7, 0, 2}, {4, 3, 64, 0, 0, 3},
		{4, 70, 64, 64, 512, 70}, {8, 37, 128, 128, 1024, 6}, {12, 19, 80, 80, 95, 5}, {5, 16, 64, 64, 64, 16}, {4, 11, 64, 0, 512, 4},
	} {
		t.Run(fmt.Sprint(tc), func(t *testing.T) {
			lf := make([]int, tc.m)
			for i := range lf {
				lf[i] = i * max(tc.step, tc.k)
				if tc.step == 0 && i == 2 { // uneven: the kernel must not be used blindly
					lf[i] += 3
				}
			}
			kstride := max(tc.kstride, tc.k)
			L := make([]float32, lf[tc.m-1]+tc.k+8)
			R := make([]float32, tc.n*kstride)
			for i := range L {
				L[i] = r.Float32()*2 - 1
			}
			for i := range R {
				R[i] = r.Float32()*2 - 1
			}
			rf := make([]int, tc.n)
			for i := range rf {
				rf[i] = i * kstride
			}
			k := &dotKernel{L: L, R: R, lb: []int{0}, lf: lf, rb: []int{0}, rf: rf, M: tc.m, N: tc.n, K: tc.k, o: make([]float32, tc.m*tc.n)}
			for lo := 0; lo < tc.n; lo += tc.block {
				k.rows(lo, min(tc.n, lo+tc.block))
			}
			for i := 0; i < tc.m; i++ {
				for j := 0; j < tc.n; j++ {
					want := dot(L[lf[i]:lf[i]+tc.k], R[rf[j]:rf[j]+tc.k])
					if got := k.o[i*tc.n+j]; got != want {
						t.Fatalf("out[%d,%d] = %v, dot gives %v", i, j, got, want)
					}
				}
			}
		})
	}
}

// The four-row probabilities · V kernel gives each output the bits of the
// axpy loop it replaces (head sizes 64 and 128, one and many keys).
func TestAxpyRows4EqualAxpy(t *testing.T) {
	if !hasTiles {
		t.Skip("no AVX-512 on this CPU: the four-row kernel is not used here")
	}
	r := rand.New(rand.NewPCG(15, 16))
	for _, tc := range []struct{ n, k, ldv int }{{64, 1, 64}, {64, 37, 512}, {128, 300, 128}} {
		L := make([]float32, 4*tc.k)
		R := make([]float32, tc.k*tc.ldv+tc.n)
		for i := range L {
			L[i] = r.Float32()
		}
		for i := range R {
			R[i] = r.Float32()*2 - 1
		}
		contract := make([]int, tc.k)
		for i := range contract {
			contract[i] = i * tc.ldv
		}
		want := make([]float32, 4*tc.n)
		axpyRows(want, L, 0, []int{0, tc.k, 2 * tc.k, 3 * tc.k}, tc.k, tc.n, R, 0, contract)
		got := make([]float32, 4*tc.n)
		for c := 0; c < tc.n; c += 64 {
			axpyRows4x64(&got[c], tc.n, &L[0], tc.k, &R[c], tc.ldv, tc.k)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%+v: out[%d] = %v, the axpy loop gives %v", tc, i, got[i], want[i])
			}
		}
	}
}

// Reductions over trailing axes (a softmax's max and sum) take the run
// path, split over the threads (the runs hold enough elements); each output
// is its elements reduced in order, as the general walk reduces them.
func TestTrailingReductionsInOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	e := &executable{backend: ours.(*Backend)}
	x, err := newBuffer(shapes.Make(dtypes.Float32, 4, 6, 345))
	if err != nil {
		t.Fatal(err)
	}
	a := x.flat.([]float32)
	for i := range a {
		a[i] = r.Float32()*2 - 1
	}
	for _, axes := range [][]int{{2}, {1, 2}, {2, 1}} {
		inner, outShape := 345, shapes.Make(dtypes.Float32, 4, 6)
		if len(axes) == 2 {
			inner, outShape = 6*345, shapes.Make(dtypes.Float32, 4)
		}
		for _, op := range []backends.OpType{backends.OpTypeReduceSum, backends.OpTypeReduceMax} {
			out, err := e.reduce(op, x, outShape, axes)
			if err != nil {
				t.Fatal(err)
			}
			for i, got := range out.flat.([]float32) {
				want := float32(0)
				if op == backends.OpTypeReduceMax {
					want = float32(math.Inf(-1))
				}
				for _, v := range a[i*inner : (i+1)*inner] {
					if op == backends.OpTypeReduceMax {
						want = max(want, v)
					} else {
						want += v
					}
				}
				if got != want {
					t.Fatalf("%s over %v: out[%d] = %v, in order %v", op, axes, i, got, want)
				}
			}
		}
	}
}

// randProduct draws a product's operands: m activation rows and n bf16
// weight rows of k elements each, uniform in [-1, 1).
func randProduct(r *rand.Rand, m, n, k int) ([]float32, []bfloat16.BFloat16) {
	x := make([]float32, m*k)
	for i := range x {
		x[i] = r.Float32()*2 - 1
	}
	w := make([]bfloat16.BFloat16, n*k)
	for i := range w {
		w[i] = bfloat16.FromFloat32(r.Float32()*2 - 1)
	}
	return x, w
}
