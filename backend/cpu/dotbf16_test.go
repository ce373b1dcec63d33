package cpu

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"
)

// encodeDPBF16 is the EVEX encoding of VDPBF16PS zmm register form, Go's
// operand order (src2, src1, accumulator): EVEX.512.F3.0F38.W0 52 /r.
func encodeDPBF16(src2, src1, acc int) [4]byte {
	inv := func(x, bit int) byte { return byte(^x>>bit) & 1 }
	p0 := inv(acc, 3)<<7 | inv(src2, 4)<<6 | inv(src2, 3)<<5 | inv(acc, 4)<<4 | 0b10 // R X B R' 0 0 mm=0F38
	p1 := byte(^src1&0xf)<<3 | 1<<2 | 0b10                                           // W=0 vvvv 1 pp=F3
	p2 := byte(0b10)<<5 | inv(src1, 4)<<3                                            // z=0 L'L=512 b=0 V' aaa=0
	modrm := byte(0xc0) | byte(acc&7)<<3 | byte(src2&7)
	return [4]byte{p0, p1, p2, modrm}
}

// Every DPBF16 line of the assembly encodes the instruction its comment
// names (the bytes were written by hand: Go's assembler lacks the mnemonic).
// The encoder itself was checked against GNU as once:
// vdpbf16ps %zmm4,%zmm0,%zmm16 = 62 e2 7e 48 52 c4.
func TestDPBF16Encoding(t *testing.T) {
	if got := encodeDPBF16(4, 0, 16); got != [4]byte{0xe2, 0x7e, 0x48, 0xc4} {
		t.Fatalf("encoder: % x, GNU as gives e2 7e 48 c4", got)
	}
	f, err := os.Open("dot512_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	line := regexp.MustCompile(`DPBF16\(0x(..), 0x(..), 0x(..), 0x(..)\) // VDPBF16PS Z(\d+), Z(\d+), Z(\d+)$`)
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		text := sc.Text()
		if !regexp.MustCompile(`^\s+DPBF16\(`).MatchString(text) {
			continue
		}
		m := line.FindStringSubmatch(text)
		if m == nil {
			t.Fatalf("DPBF16 line without its instruction in a comment: %q", text)
		}
		var got [4]byte
		for i := range got {
			v, _ := strconv.ParseUint(m[1+i], 16, 8)
			got[i] = byte(v)
		}
		reg := func(s string) int { v, _ := strconv.Atoi(s); return v }
		if want := encodeDPBF16(reg(m[5]), reg(m[6]), reg(m[7])); got != want {
			t.Errorf("%q: bytes % x, the instruction is % x", text, got, want)
		}
		n++
	}
	if n != 16+4+1+2+72+48+8 {
		t.Fatalf("%d DPBF16 lines, want 151 (4x4 tile, 4x1 tile, row, pair, 8-row triple and blocked 8-row pair unrolled twice, 4-row pair)", n)
	}
}

// roundBF16 rounds to the nearest bf16, ties to even, checked against
// float64 arithmetic on random and edge values.
func TestRoundBF16(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	check := func(x float32) {
		got := roundBF16(x)
		if math.IsNaN(float64(x)) {
			if !math.IsNaN(float64(got.Float32())) {
				t.Fatalf("roundBF16(NaN) = %v", got.Float32())
			}
			return
		}
		lo := bfloat16.BFloat16(math.Float32bits(x) >> 16) // toward zero
		hi := lo + 1                                       // away from zero
		value := func(b bfloat16.BFloat16) float64 {
			if b&0x7fff == 0x7f80 { // one step past the largest bf16: 2¹²⁸, where IEEE rounding puts the overflow threshold
				return math.Copysign(math.Ldexp(1, 128), float64(x))
			}
			return float64(b.Float32())
		}
		dlo := math.Abs(float64(x) - value(lo))
		dhi := math.Abs(float64(x) - value(hi))
		want := lo
		if dhi < dlo || (dhi == dlo && lo&1 == 1) {
			want = hi
		}
		if math.IsInf(float64(x), 0) {
			want = lo
		}
		if got != want {
			t.Fatalf("roundBF16(%g = %#08x) = %#04x, want %#04x", x, math.Float32bits(x), uint16(got), uint16(want))
		}
	}
	for _, x := range []float32{0, float32(math.Copysign(0, -1)), 1, -1, 1.00390625, 1.01171875, math.MaxFloat32, -math.MaxFloat32,
		float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), math.SmallestNonzeroFloat32, 3.0e38} {
		check(x)
	}
	for i := 0; i < 100000; i++ {
		check(math.Float32frombits(r.Uint32()))
	}
	// roundRows (vector blocks and a scalar tail) gives roundBF16's bits.
	x := make([]float32, 10007)
	for i := range x {
		x[i] = math.Float32frombits(r.Uint32())
	}
	copy(x, []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1.00390625, 1.01171875, math.SmallestNonzeroFloat32, 3.0e38, math.MaxFloat32})
	_, rounded := roundRows(x)
	for i, v := range x {
		if rounded[i] != roundBF16(v) {
			t.Fatalf("roundRows element %d (%v, %#x): %#x, roundBF16 %#x", i, v, math.Float32bits(v), rounded[i], roundBF16(v))
		}
	}
}

// The pair kernels against an independent float64 sum of the rounded
// operands, within the float32 rounding of a sum of that length, on shapes
// with every remainder (rows not multiples of 4, lengths not multiples of
// 32, lengths below one block, long passes); and every tile shape gives
// each output the bits a single-row product gives it (batch invariance).
func TestDPKernels(t *testing.T) {
	if !hasDPBF16 {
		t.Skip("no AVX512_BF16 on this CPU: dot=bf16 is refused here")
	}
	r := rand.New(rand.NewPCG(23, 24))
	for _, mnk := range [][3]int{{1, 1, 32}, {1, 9, 2048}, {1, 13, 100}, {1, 2, 16}, {2, 4, 16}, {4, 4, 32}, {5, 9, 48}, {8, 33, 2048}, {16, 13, 100}, {7, 6, 31}, {3, 17, 8192}, {13, 9, 2048}, {12, 7, 100}, {15, 11, 96}, {17, 5, 64}, {300, 8, 1024},
		// K past dpBlock: 8-row groups go in blocked passes (tails, several groups, a 4-row rest).
		{8, 40, 4160}, {16, 70, 4128}, {12, 37, 8223}, {9, 3, 4096},
		// 8-row triples with one and two weight rows left over, and none.
		{8, 35, 2048}, {8, 34, 96}, {16, 36, 64}, {8, 2, 2048}, {16, 53, 2047}} {
		m, n, k := mnk[0], mnk[1], mnk[2]
		t.Run(fmt.Sprint(mnk), func(t *testing.T) {
			x, w := randProduct(r, m, n, k)
			_, x16 := roundRows(x)
			kern := &dotKernel{L: x, L16: x16, R16: w, M: m, N: n, K: k, o: make([]float32, m*n)}
			for lo := 0; lo < n; lo += 6 { // uneven thread blocks
				kern.rows(lo, min(n, lo+6))
			}
			whole := &dotKernel{L: x, L16: x16, R16: w, M: m, N: n, K: k, o: make([]float32, m*n)}
			whole.rows(0, n) // one block: more row pairs than a blocked group
			if !slices.Equal(whole.o, kern.o) {
				t.Fatalf("one block of %d rows and blocks of 6 differ", n)
			}
			for i := 0; i < m; i++ {
				for j := 0; j < n; j++ {
					a, b := x16[i*k:(i+1)*k], w[j*k:(j+1)*k]
					var want, mag float64
					for e := range a {
						p := float64(a[e].Float32()) * float64(b[e].Float32())
						want += p
						mag += math.Abs(p)
					}
					got := kern.o[i*n+j]
					if math.Abs(float64(got)-want) > 1e-6*mag*math.Sqrt(float64(k))+1e-30 {
						t.Fatalf("out[%d,%d] = %v, float64 reference %v (Σ|terms| %v)", i, j, got, want, mag)
					}
					if alone := dpRow(a, b); got != alone {
						t.Fatalf("out[%d,%d] = %v in a %d×%d tile pass, %v alone", i, j, got, m, n, alone)
					}
				}
			}
		})
	}
}

// The backend's options: dot=bf16 is taken where the CPU has the
// instruction and refused with the reason elsewhere; a wrong value names
// the choices.
func TestDotOption(t *testing.T) {
	be, err := New("threads=2,dot=bf16")
	switch {
	case hasDPBF16 && err != nil:
		t.Fatalf("dot=bf16 refused on a CPU with AVX512_BF16: %v", err)
	case hasDPBF16 && !be.(*Backend).bf16Dot:
		t.Fatal("dot=bf16 accepted but not set")
	case !hasDPBF16 && (err == nil || !strings.Contains(err.Error(), "AVX512_BF16")):
		t.Fatalf("dot=bf16 on a CPU without AVX512_BF16: err %v, want the reason", err)
	}
	if _, err := New("dot=int4"); err == nil || !strings.Contains(err.Error(), "f32 or bf16") {
		t.Fatalf("dot=int4: err %v, want the choices named", err)
	}
}
