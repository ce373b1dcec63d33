package cpu

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive // graph code reads best unqualified
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// Products with int8 weights against a float64 sum, within float32's error
// bound for a sum of K terms (relative to Σ|a·w|: the terms cancel, so the
// result itself can be far smaller than they are). On the AVX-512 kernels
// where the CPU has them and on the AVX2 row kernel: K below, at and past the
// blocks of 16 and 64, weight rows past the groups of 4, activation rows
// past the 4×4 tiles, and a batch long enough to take two passes.
func TestInt8Weights(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 32))
	shapes := [][3]int{{1, 1, 1}, {1, 5, 15}, {1, 8, 16}, {3, 7, 64}, {4, 9, 80}, {6, 13, 129}, {9, 4, 300}, {1, 12, 2053}, {70, 5, 1024}}
	for _, tiles := range []bool{hasTiles, false} {
		saved := hasTiles
		hasTiles = tiles
		for _, mnk := range shapes {
			m, n, k := mnk[0], mnk[1], mnk[2]
			x, w := randF32(r, m, k), randI8(r, n, k)
			e := MustNewExec(ours, func(x, w *Node) *Node {
				return DotGeneral(x, []int{1}, nil, ConvertDType(w, dtypes.Float32), []int{1}, nil)
			})
			got := tensors.MustCopyFlatData[float32](e.MustExec1(x, w))
			xs, ws := tensors.MustCopyFlatData[float32](x), tensors.MustCopyFlatData[int8](w)
			for i := range m {
				for j := range n {
					var want, mag float64
					for c := range k {
						p := float64(xs[i*k+c]) * float64(ws[j*k+c])
						want += p
						mag += math.Abs(p)
					}
					if d := math.Abs(float64(got[i*n+j]) - want); d > float64(k)*0x1p-24*mag+1e-30 {
						t.Fatalf("%v tiles=%v: out[%d, %d] = %v, want %v (error %.3g, bound %.3g)", mnk, tiles, i, j, got[i*n+j], want, d, float64(k)*0x1p-24*mag)
					}
				}
			}
		}
		hasTiles = saved
	}
}

// The kernels the int8 path picks from — 4×4 tiles, 4×1 tiles, single rows,
// Go tails, and the AVX2 row kernel of CPUs without AVX-512 — sum every
// output in the same order: each output is the same bits whatever the batch,
// the row's position and the host's vector width.
func TestInt8KernelsAgree(t *testing.T) {
	if !hasTiles || !hasFMA {
		t.Skip("needs a CPU with AVX-512 to compare its kernels with the AVX2 one")
	}
	r := rand.New(rand.NewPCG(33, 34))
	for _, mnk := range [][3]int{{1, 9, 80}, {4, 8, 64}, {7, 10, 2053}, {13, 6, 129}} {
		m, n, k := mnk[0], mnk[1], mnk[2]
		x, w := tensors.MustCopyFlatData[float32](randF32(r, m, k)), tensors.MustCopyFlatData[int8](randI8(r, n, k))
		run := func(tiles bool) []float32 {
			saved := hasTiles
			defer func() { hasTiles = saved }()
			hasTiles = tiles
			out := make([]float32, m*n)
			(&dotKernel{L: x, R8: w, M: m, N: n, K: k, o: out}).rowsI8(0, n)
			return out
		}
		avx512, avx2 := run(true), run(false)
		for i := range m {
			for j := range n {
				alone := dotI8(x[i*k:(i+1)*k], w[j*k:(j+1)*k])
				if got := avx512[i*n+j]; got != alone || avx2[i*n+j] != alone {
					t.Fatalf("%v: out[%d, %d] = %v (AVX-512 kernels), %v (AVX2), the single-row kernel gives %v", mnk, i, j, got, avx2[i*n+j], alone)
				}
			}
		}
	}
}

// dot=bf16 leaves products with int8 weights alone: the activations stay
// float32 and every output equals dot=f32's bit for bit. (Widening int8 to
// bf16 for VDPBF16PS was measured and not kept: BENCHMARKS, "int8 weights".)
func TestInt8IgnoresDotBF16(t *testing.T) {
	if !hasDPBF16 {
		t.Skip("dot=bf16 needs AVX512_BF16")
	}
	r := rand.New(rand.NewPCG(35, 36))
	for _, mnk := range [][3]int{{1, 7, 64}, {8, 50, 2048}, {16, 31, 100}} {
		x, w := randF32(r, mnk[0], mnk[2]), randI8(r, mnk[1], mnk[2])
		product := func(be backends.Backend) []float32 {
			e := MustNewExec(be, func(x, w *Node) *Node {
				return DotGeneral(x, []int{1}, nil, ConvertDType(w, dtypes.Float32), []int{1}, nil)
			})
			xc, _ := x.LocalClone() // a tensor may live on one backend only
			wc, _ := w.LocalClone()
			return tensors.MustCopyFlatData[float32](e.MustExec1(xc, wc))
		}
		f32, bf16 := product(ours), product(must(New("dot=bf16")))
		for i := range f32 {
			if math.Float32bits(f32[i]) != math.Float32bits(bf16[i]) {
				t.Fatalf("%v: output %d is %v with dot=bf16, %v with dot=f32", mnk, i, bf16[i], f32[i])
			}
		}
	}
}

// dotint8_amd64.s is what scripts/gen_dotint8.py writes: nobody edited the
// generated file by hand, nor the generator without regenerating.
func TestDotInt8Generated(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	out := filepath.Join(t.TempDir(), "dotint8_amd64.s")
	if b, err := exec.Command(python, "../../scripts/gen_dotint8.py", out).CombinedOutput(); err != nil {
		t.Fatalf("gen_dotint8.py: %v\n%s", err, b)
	}
	want, _ := os.ReadFile(out)
	got, err := os.ReadFile("dotint8_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("dotint8_amd64.s differs from what scripts/gen_dotint8.py writes: run `python3 scripts/gen_dotint8.py` from the repository root")
	}
}
