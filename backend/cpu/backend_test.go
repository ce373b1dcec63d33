package cpu

import "testing"

// Arithmetic names what changes the bits (dot=bf16, no AVX2, a GOAMD64=v3
// build's fused multiply-adds) and not what does not (the thread count,
// AVX-512: TestTilesEqualRowKernel and the batch-invariance tests hold those
// to the same bits).
func TestArithmetic(t *testing.T) {
	name := func(config string) string {
		t.Helper()
		b, err := New(config)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Finalize()
		return b.(*Backend).Arithmetic()
	}
	f32 := name("")
	if name("threads=1") != f32 || name("threads=3,dot=f32") != f32 {
		t.Errorf("the thread count changes the arithmetic's name")
	}
	suffix := ""
	if goFusesMultiplyAdd {
		suffix = "/gofma"
	}
	if hasFMA && f32 != "cpu/dot=f32"+suffix {
		t.Errorf("Arithmetic() = %q with AVX2, want cpu/dot=f32%s", f32, suffix)
	}
	if hasDPBF16 {
		if got := name("dot=bf16"); got != "cpu/dot=bf16"+suffix {
			t.Errorf("Arithmetic() = %q with dot=bf16", got)
		}
	}
	defer func(had bool) { hasFMA = had }(hasFMA)
	hasFMA = false
	if got := name(""); got == "cpu/dot=f32" {
		t.Errorf("without AVX2 (Go loops, another summation order) the arithmetic is still %q", got)
	}
}
