#include "textflag.h"

// AVX-512 tiles of the bf16 product: several weight rows against several
// activation rows per pass, so a widened weight block and a loaded activation
// block each feed several FMAs (the AVX2 kernels re-read activations from L2
// for every weight row, which capped batch 8 at ~2.5× batch 1).
//
// A zmm accumulator over blocks of 16 holds in its lanes 0–7 exactly the AVX2
// kernels' accumulator A and in lanes 8–15 their B (same FMAs, same order),
// and the fold below is theirs, so every output is bit-identical to dotBF16's.

// WIDEN loads 16 bf16 at addr into z as float32 (zero-extend, shift by 16).
#define WIDEN(addr, z) \
	VPMOVZXWD addr, z \
	VPSLLD    $16, z, z

// FOLD sums zmm accumulator z like the AVX2 kernels (A+B, then 8 lanes to 1)
// and stores the float at dst. Clobbers Y0, Y1.
#define FOLD(z, dst) \
	VEXTRACTF64X4 $0, z, Y0 \
	VEXTRACTF64X4 $1, z, Y1 \
	VADDPS        Y1, Y0, Y0 \
	VEXTRACTF128  $1, Y0, X1 \
	VADDPS        X1, X0, X0 \
	VHADDPS       X0, X0, X0 \
	VHADDPS       X0, X0, X0 \
	MOVSS         X0, dst

// func dotBF16Tile4x4(a *float32, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int)
// Four activation rows of a (lda floats apart) against four bf16 weight rows
// of b (ldb elements apart), n (a positive multiple of 16) elements each;
// out[m·ldo + r] receives row m · weight row r. Accumulator of (m, r): Z(16+4m+r).
TEXT ·dotBF16Tile4x4(SB), NOSPLIT, $0-56
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R10
	SHLQ $2, R10
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R8
	SHLQ $1, R8
	MOVQ n+32(FP), CX
	LEAQ (R8)(R8*2), R9
	LEAQ (R10)(R10*2), R11
	LEAQ (DI)(R8*4), R12
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25
	VPXORD Z26, Z26, Z26
	VPXORD Z27, Z27, Z27
	VPXORD Z28, Z28, Z28
	VPXORD Z29, Z29, Z29
	VPXORD Z30, Z30, Z30
	VPXORD Z31, Z31, Z31

loop44:
	PREFETCHNTA 0(R12)
	PREFETCHNTA 0(R12)(R8*1)
	PREFETCHNTA 0(R12)(R8*2)
	PREFETCHNTA 0(R12)(R9*1)
	WIDEN(0(DI), Z0)
	WIDEN(0(DI)(R8*1), Z1)
	WIDEN(0(DI)(R8*2), Z2)
	WIDEN(0(DI)(R9*1), Z3)
	VMOVUPS     0(SI), Z4
	VFMADD231PS Z4, Z0, Z16
	VFMADD231PS Z4, Z1, Z17
	VFMADD231PS Z4, Z2, Z18
	VFMADD231PS Z4, Z3, Z19
	VMOVUPS     0(SI)(R10*1), Z5
	VFMADD231PS Z5, Z0, Z20
	VFMADD231PS Z5, Z1, Z21
	VFMADD231PS Z5, Z2, Z22
	VFMADD231PS Z5, Z3, Z23
	VMOVUPS     0(SI)(R10*2), Z6
	VFMADD231PS Z6, Z0, Z24
	VFMADD231PS Z6, Z1, Z25
	VFMADD231PS Z6, Z2, Z26
	VFMADD231PS Z6, Z3, Z27
	VMOVUPS     0(SI)(R11*1), Z7
	VFMADD231PS Z7, Z0, Z28
	VFMADD231PS Z7, Z1, Z29
	VFMADD231PS Z7, Z2, Z30
	VFMADD231PS Z7, Z3, Z31
	ADDQ        $64, SI
	ADDQ        $32, DI
	ADDQ        $32, R12
	SUBQ        $16, CX
	JNZ         loop44

	MOVQ out+40(FP), DX
	MOVQ ldo+48(FP), BX
	SHLQ $2, BX
	LEAQ (BX)(BX*2), R9
	FOLD(Z16, 0(DX))
	FOLD(Z17, 4(DX))
	FOLD(Z18, 8(DX))
	FOLD(Z19, 12(DX))
	FOLD(Z20, 0(DX)(BX*1))
	FOLD(Z21, 4(DX)(BX*1))
	FOLD(Z22, 8(DX)(BX*1))
	FOLD(Z23, 12(DX)(BX*1))
	FOLD(Z24, 0(DX)(BX*2))
	FOLD(Z25, 4(DX)(BX*2))
	FOLD(Z26, 8(DX)(BX*2))
	FOLD(Z27, 12(DX)(BX*2))
	FOLD(Z28, 0(DX)(R9*1))
	FOLD(Z29, 4(DX)(R9*1))
	FOLD(Z30, 8(DX)(R9*1))
	FOLD(Z31, 12(DX)(R9*1))
	VZEROUPPER
	RET

// func dotBF16Tile4x1(a *float32, b *bfloat16.BFloat16, ldb int, n int, out *float32)
// One activation row against four bf16 weight rows (four memory streams);
// out[r] receives a · weight row r.
TEXT ·dotBF16Tile4x1(SB), NOSPLIT, $0-40
	MOVQ   a+0(FP), SI
	MOVQ   b+8(FP), DI
	MOVQ   ldb+16(FP), R8
	SHLQ   $1, R8
	MOVQ   n+24(FP), CX
	LEAQ   (R8)(R8*2), R9
	LEAQ   (DI)(R8*4), R12
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19

loop41:
	PREFETCHNTA 0(R12)
	PREFETCHNTA 0(R12)(R8*1)
	PREFETCHNTA 0(R12)(R8*2)
	PREFETCHNTA 0(R12)(R9*1)
	WIDEN(0(DI), Z0)
	WIDEN(0(DI)(R8*1), Z1)
	WIDEN(0(DI)(R8*2), Z2)
	WIDEN(0(DI)(R9*1), Z3)
	VMOVUPS     0(SI), Z4
	VFMADD231PS Z4, Z0, Z16
	VFMADD231PS Z4, Z1, Z17
	VFMADD231PS Z4, Z2, Z18
	VFMADD231PS Z4, Z3, Z19
	ADDQ        $64, SI
	ADDQ        $32, DI
	ADDQ        $32, R12
	SUBQ        $16, CX
	JNZ         loop41

	MOVQ out+32(FP), DX
	FOLD(Z16, 0(DX))
	FOLD(Z17, 4(DX))
	FOLD(Z18, 8(DX))
	FOLD(Z19, 12(DX))
	VZEROUPPER
	RET

// func dotF32Rows4(a *float32, lda int, b *float32, n int, out *float32, ldo int)
// Four float32 rows of a (lda floats apart) against one row of b: attention's
// query heads of one KV group against a cached key, the key read once.
// out[r·ldo] receives row r's sum, summed exactly as dotF32x1 sums it.
TEXT ·dotF32Rows4(SB), NOSPLIT, $0-48
	MOVQ   a+0(FP), SI
	MOVQ   lda+8(FP), R10
	SHLQ   $2, R10
	MOVQ   b+16(FP), DI
	MOVQ   n+24(FP), CX
	LEAQ   (R10)(R10*2), R11
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19

loopf4:
	VMOVUPS     0(DI), Z0
	VFMADD231PS 0(SI), Z0, Z16
	VFMADD231PS 0(SI)(R10*1), Z0, Z17
	VFMADD231PS 0(SI)(R10*2), Z0, Z18
	VFMADD231PS 0(SI)(R11*1), Z0, Z19
	ADDQ        $64, SI
	ADDQ        $64, DI
	SUBQ        $16, CX
	JNZ         loopf4

	MOVQ out+32(FP), DX
	MOVQ ldo+40(FP), BX
	SHLQ $2, BX
	LEAQ (BX)(BX*2), R9
	FOLD(Z16, 0(DX))
	FOLD(Z17, 0(DX)(BX*1))
	FOLD(Z18, 0(DX)(BX*2))
	FOLD(Z19, 0(DX)(R9*1))
	VZEROUPPER
	RET

// func axpyRows4x64(y *float32, ldy int, p *float32, ldp int, v *float32, ldv int, n int)
// y[r·ldy + j] = Σ_k p[r·ldp + k] · v[k·ldv + j] for r < 4, j < 64, k < n
// (n ≥ 1): attention's probabilities · V for a KV group's four query
// heads, each V row read once, the 4×64 sums held in registers; per output
// the FMAs run in k order from zero, exactly as repeated axpy calls do.
TEXT ·axpyRows4x64(SB), NOSPLIT, $0-56
	MOVQ p+16(FP), SI
	MOVQ ldp+24(FP), R10
	SHLQ $2, R10
	LEAQ (R10)(R10*2), R11
	MOVQ v+32(FP), DI
	MOVQ ldv+40(FP), R8
	SHLQ $2, R8
	MOVQ n+48(FP), CX
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25
	VPXORD Z26, Z26, Z26
	VPXORD Z27, Z27, Z27
	VPXORD Z28, Z28, Z28
	VPXORD Z29, Z29, Z29
	VPXORD Z30, Z30, Z30
	VPXORD Z31, Z31, Z31

loopv4:
	VMOVUPS 0(DI), Z0
	VMOVUPS 64(DI), Z1
	VMOVUPS 128(DI), Z2
	VMOVUPS 192(DI), Z3
	VBROADCASTSS 0(SI), Z4
	VFMADD231PS Z0, Z4, Z16
	VFMADD231PS Z1, Z4, Z17
	VFMADD231PS Z2, Z4, Z18
	VFMADD231PS Z3, Z4, Z19
	VBROADCASTSS 0(SI)(R10*1), Z5
	VFMADD231PS Z0, Z5, Z20
	VFMADD231PS Z1, Z5, Z21
	VFMADD231PS Z2, Z5, Z22
	VFMADD231PS Z3, Z5, Z23
	VBROADCASTSS 0(SI)(R10*2), Z6
	VFMADD231PS Z0, Z6, Z24
	VFMADD231PS Z1, Z6, Z25
	VFMADD231PS Z2, Z6, Z26
	VFMADD231PS Z3, Z6, Z27
	VBROADCASTSS 0(SI)(R11*1), Z7
	VFMADD231PS Z0, Z7, Z28
	VFMADD231PS Z1, Z7, Z29
	VFMADD231PS Z2, Z7, Z30
	VFMADD231PS Z3, Z7, Z31
	ADDQ $4, SI
	ADDQ R8, DI
	DECQ CX
	JNZ  loopv4

	MOVQ y+0(FP), DX
	MOVQ ldy+8(FP), BX
	SHLQ $2, BX
	LEAQ (BX)(BX*2), R9
	VMOVUPS Z16, 0(DX)
	VMOVUPS Z17, 64(DX)
	VMOVUPS Z18, 128(DX)
	VMOVUPS Z19, 192(DX)
	VMOVUPS Z20, 0(DX)(BX*1)
	VMOVUPS Z21, 64(DX)(BX*1)
	VMOVUPS Z22, 128(DX)(BX*1)
	VMOVUPS Z23, 192(DX)(BX*1)
	VMOVUPS Z24, 0(DX)(BX*2)
	VMOVUPS Z25, 64(DX)(BX*2)
	VMOVUPS Z26, 128(DX)(BX*2)
	VMOVUPS Z27, 192(DX)(BX*2)
	VMOVUPS Z28, 0(DX)(R9*1)
	VMOVUPS Z29, 64(DX)(R9*1)
	VMOVUPS Z30, 128(DX)(R9*1)
	VMOVUPS Z31, 192(DX)(R9*1)
	VZEROUPPER
	RET

// Kernels over bf16 activations (backend option dot=bf16): VDPBF16PS
// multiplies 32 bf16 pairs into 16 float32 lanes per instruction — twice the
// FMA's work, and no widening — which is what llama.cpp runs for bf16
// weights. Go's assembler does not know AVX512_BF16, so the instruction is
// emitted as bytes: DPBF16(p0, p1, p2, modrm) is EVEX.512.F3.0F38.W0 52 /r,
// register form, with the instruction in Go's operand order (sources, then
// the accumulator) in the comment beside it (TestDPBF16Encoding re-encodes
// every such line).
//
// Per output, lane i of its accumulator adds pairs (2i, 2i+1) of each block
// of 32, blocks in order, then FOLD sums the lanes; every kernel below does
// exactly this per output, so tile shape (batching) never changes a result.
#define DPBF16(p0, p1, p2, modrm) \
	BYTE $0x62; BYTE $p0; BYTE $p1; BYTE $p2; BYTE $0x52; BYTE $modrm

// func dpbf16Tile4x4(a *bfloat16.BFloat16, lda int, b *bfloat16.BFloat16, ldb int, n int, out *float32, ldo int)
// Four bf16 activation rows of a (lda elements apart) against four bf16
// weight rows of b (ldb apart), n (a positive multiple of 32) elements each;
// out[m·ldo + r] receives row m · weight row r. Accumulator of (m, r): Z(16+4m+r).
TEXT ·dpbf16Tile4x4(SB), NOSPLIT, $0-56
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R10
	SHLQ $1, R10
	MOVQ b+16(FP), DI
	MOVQ ldb+24(FP), R8
	SHLQ $1, R8
	MOVQ n+32(FP), CX
	LEAQ (R8)(R8*2), R9
	LEAQ (R10)(R10*2), R11
	LEAQ (DI)(R8*4), R12
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25
	VPXORD Z26, Z26, Z26
	VPXORD Z27, Z27, Z27
	VPXORD Z28, Z28, Z28
	VPXORD Z29, Z29, Z29
	VPXORD Z30, Z30, Z30
	VPXORD Z31, Z31, Z31

dp44:
	PREFETCHNTA 0(R12)
	PREFETCHNTA 0(R12)(R8*1)
	PREFETCHNTA 0(R12)(R8*2)
	PREFETCHNTA 0(R12)(R9*1)
	VMOVDQU32   0(DI), Z0
	VMOVDQU32   0(DI)(R8*1), Z1
	VMOVDQU32   0(DI)(R8*2), Z2
	VMOVDQU32   0(DI)(R9*1), Z3
	VMOVDQU32   0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	DPBF16(0xE2, 0x6E, 0x48, 0xD4) // VDPBF16PS Z4, Z2, Z18
	DPBF16(0xE2, 0x66, 0x48, 0xDC) // VDPBF16PS Z4, Z3, Z19
	VMOVDQU32   0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xE5) // VDPBF16PS Z5, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xED) // VDPBF16PS Z5, Z1, Z21
	DPBF16(0xE2, 0x6E, 0x48, 0xF5) // VDPBF16PS Z5, Z2, Z22
	DPBF16(0xE2, 0x66, 0x48, 0xFD) // VDPBF16PS Z5, Z3, Z23
	VMOVDQU32   0(SI)(R10*2), Z6
	DPBF16(0x62, 0x7E, 0x48, 0xC6) // VDPBF16PS Z6, Z0, Z24
	DPBF16(0x62, 0x76, 0x48, 0xCE) // VDPBF16PS Z6, Z1, Z25
	DPBF16(0x62, 0x6E, 0x48, 0xD6) // VDPBF16PS Z6, Z2, Z26
	DPBF16(0x62, 0x66, 0x48, 0xDE) // VDPBF16PS Z6, Z3, Z27
	VMOVDQU32   0(SI)(R11*1), Z7
	DPBF16(0x62, 0x7E, 0x48, 0xE7) // VDPBF16PS Z7, Z0, Z28
	DPBF16(0x62, 0x76, 0x48, 0xEF) // VDPBF16PS Z7, Z1, Z29
	DPBF16(0x62, 0x6E, 0x48, 0xF7) // VDPBF16PS Z7, Z2, Z30
	DPBF16(0x62, 0x66, 0x48, 0xFF) // VDPBF16PS Z7, Z3, Z31
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R12
	SUBQ        $32, CX
	JNZ         dp44

	MOVQ out+40(FP), DX
	MOVQ ldo+48(FP), BX
	SHLQ $2, BX
	LEAQ (BX)(BX*2), R9
	FOLD(Z16, 0(DX))
	FOLD(Z17, 4(DX))
	FOLD(Z18, 8(DX))
	FOLD(Z19, 12(DX))
	FOLD(Z20, 0(DX)(BX*1))
	FOLD(Z21, 4(DX)(BX*1))
	FOLD(Z22, 8(DX)(BX*1))
	FOLD(Z23, 12(DX)(BX*1))
	FOLD(Z24, 0(DX)(BX*2))
	FOLD(Z25, 4(DX)(BX*2))
	FOLD(Z26, 8(DX)(BX*2))
	FOLD(Z27, 12(DX)(BX*2))
	FOLD(Z28, 0(DX)(R9*1))
	FOLD(Z29, 4(DX)(R9*1))
	FOLD(Z30, 8(DX)(R9*1))
	FOLD(Z31, 12(DX)(R9*1))
	VZEROUPPER
	RET

// func dpbf16Tile4x1(a *bfloat16.BFloat16, b *bfloat16.BFloat16, ldb int, n int, out *float32)
// One bf16 activation row against four bf16 weight rows (four memory
// streams); out[r] receives a · weight row r.
TEXT ·dpbf16Tile4x1(SB), NOSPLIT, $0-40
	MOVQ   a+0(FP), SI
	MOVQ   b+8(FP), DI
	MOVQ   ldb+16(FP), R8
	SHLQ   $1, R8
	MOVQ   n+24(FP), CX
	LEAQ   (R8)(R8*2), R9
	LEAQ   (DI)(R8*4), R12
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19

dp41:
	PREFETCHNTA 0(R12)
	PREFETCHNTA 0(R12)(R8*1)
	PREFETCHNTA 0(R12)(R8*2)
	PREFETCHNTA 0(R12)(R9*1)
	VMOVDQU32   0(SI), Z4
	VMOVDQU32   0(DI), Z0
	VMOVDQU32   0(DI)(R8*1), Z1
	VMOVDQU32   0(DI)(R8*2), Z2
	VMOVDQU32   0(DI)(R9*1), Z3
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	DPBF16(0xE2, 0x6E, 0x48, 0xD4) // VDPBF16PS Z4, Z2, Z18
	DPBF16(0xE2, 0x66, 0x48, 0xDC) // VDPBF16PS Z4, Z3, Z19
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R12
	SUBQ        $32, CX
	JNZ         dp41

	MOVQ out+32(FP), DX
	FOLD(Z16, 0(DX))
	FOLD(Z17, 4(DX))
	FOLD(Z18, 8(DX))
	FOLD(Z19, 12(DX))
	VZEROUPPER
	RET

// func dpbf16Row(a *bfloat16.BFloat16, b *bfloat16.BFloat16, n int) float32
// One bf16 activation row against one bf16 weight row.
TEXT ·dpbf16Row(SB), NOSPLIT, $0-28
	MOVQ   a+0(FP), SI
	MOVQ   b+8(FP), DI
	MOVQ   n+16(FP), CX
	VPXORD Z16, Z16, Z16

dp11:
	VMOVDQU32 0(SI), Z4
	VMOVDQU32 0(DI), Z0
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	ADDQ      $64, SI
	ADDQ      $64, DI
	SUBQ      $32, CX
	JNZ       dp11

	VEXTRACTF64X4 $0, Z16, Y0
	VEXTRACTF64X4 $1, Z16, Y1
	VADDPS        Y1, Y0, Y0
	VEXTRACTF128  $1, Y0, X1
	VADDPS        X1, X0, X0
	VHADDPS       X0, X0, X0
	VHADDPS       X0, X0, X0
	VZEROUPPER
	MOVSS         X0, ret+24(FP) // FOLD(Z16), spelled out for vet's frame check
	RET

// func dpbf16Pair(a *bfloat16.BFloat16, b0, b1 *bfloat16.BFloat16, n int, out *float32)
// Decode: one bf16 activation row against two weight rows far apart (the
// two halves of a thread's block: two memory streams, each prefetched 2 KiB
// ahead, as the float32 decode kernel does); out[0], out[1] receive them.
TEXT ·dpbf16Pair(SB), NOSPLIT, $0-40
	MOVQ   a+0(FP), SI
	MOVQ   b0+8(FP), DI
	MOVQ   b1+16(FP), R8
	MOVQ   n+24(FP), CX
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17

dp12:
	PREFETCHNTA 2048(DI)
	PREFETCHNTA 2048(R8)
	VMOVDQU32   0(SI), Z4
	VMOVDQU32   0(DI), Z0
	VMOVDQU32   0(R8), Z1
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R8
	SUBQ        $32, CX
	JNZ         dp12

	MOVQ out+32(FP), DX
	FOLD(Z16, 0(DX))
	FOLD(Z17, 4(DX))
	VZEROUPPER
	RET

// func dpbf16Pair8(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, out0, out1 *float32, ldo int)
// Eight bf16 activation rows of a (lda elements apart) against two bf16 weight
// rows b0 and b1, walked as two memory streams like dpbf16Pair; out0[m·ldo]
// and out1[m·ldo] receive row m · b0 and row m · b1. Accumulator of (m, r):
// Z(16+2m+r). The loop takes two blocks of 32 per turn (one first when n/32
// is odd): 11 % faster than one per turn in interleaved runs at batch 8.
TEXT ·dpbf16Pair8(SB), NOSPLIT, $0-64
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R10
	SHLQ $1, R10
	MOVQ b0+16(FP), DI
	MOVQ b1+24(FP), R8
	MOVQ n+32(FP), CX
	LEAQ (R10)(R10*2), R11
	LEAQ (SI)(R10*4), R13
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23
	VPXORD Z24, Z24, Z24
	VPXORD Z25, Z25, Z25
	VPXORD Z26, Z26, Z26
	VPXORD Z27, Z27, Z27
	VPXORD Z28, Z28, Z28
	VPXORD Z29, Z29, Z29
	VPXORD Z30, Z30, Z30
	VPXORD Z31, Z31, Z31
	TESTQ $32, CX
	JZ dpp8loop
	PREFETCHNTA 2048(DI)
	PREFETCHNTA 2048(R8)
	VMOVDQU32 0(DI), Z0
	VMOVDQU32 0(R8), Z1
	VMOVDQU32 0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	VMOVDQU32 0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xD5) // VDPBF16PS Z5, Z0, Z18
	DPBF16(0xE2, 0x76, 0x48, 0xDD) // VDPBF16PS Z5, Z1, Z19
	VMOVDQU32 0(SI)(R10*2), Z6
	DPBF16(0xE2, 0x7E, 0x48, 0xE6) // VDPBF16PS Z6, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xEE) // VDPBF16PS Z6, Z1, Z21
	VMOVDQU32 0(SI)(R11*1), Z7
	DPBF16(0xE2, 0x7E, 0x48, 0xF7) // VDPBF16PS Z7, Z0, Z22
	DPBF16(0xE2, 0x76, 0x48, 0xFF) // VDPBF16PS Z7, Z1, Z23
	VMOVDQU32 0(R13), Z8
	DPBF16(0x42, 0x7E, 0x48, 0xC0) // VDPBF16PS Z8, Z0, Z24
	DPBF16(0x42, 0x76, 0x48, 0xC8) // VDPBF16PS Z8, Z1, Z25
	VMOVDQU32 0(R13)(R10*1), Z9
	DPBF16(0x42, 0x7E, 0x48, 0xD1) // VDPBF16PS Z9, Z0, Z26
	DPBF16(0x42, 0x76, 0x48, 0xD9) // VDPBF16PS Z9, Z1, Z27
	VMOVDQU32 0(R13)(R10*2), Z10
	DPBF16(0x42, 0x7E, 0x48, 0xE2) // VDPBF16PS Z10, Z0, Z28
	DPBF16(0x42, 0x76, 0x48, 0xEA) // VDPBF16PS Z10, Z1, Z29
	VMOVDQU32 0(R13)(R11*1), Z11
	DPBF16(0x42, 0x7E, 0x48, 0xF3) // VDPBF16PS Z11, Z0, Z30
	DPBF16(0x42, 0x76, 0x48, 0xFB) // VDPBF16PS Z11, Z1, Z31
	ADDQ $64, SI
	ADDQ $64, R13
	ADDQ $64, DI
	ADDQ $64, R8
	SUBQ $32, CX
	JZ dpp8done
dpp8loop:
	PREFETCHNTA 2048(DI)
	PREFETCHNTA 2048(R8)
	VMOVDQU32 0(DI), Z0
	VMOVDQU32 0(R8), Z1
	VMOVDQU32 0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	VMOVDQU32 0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xD5) // VDPBF16PS Z5, Z0, Z18
	DPBF16(0xE2, 0x76, 0x48, 0xDD) // VDPBF16PS Z5, Z1, Z19
	VMOVDQU32 0(SI)(R10*2), Z6
	DPBF16(0xE2, 0x7E, 0x48, 0xE6) // VDPBF16PS Z6, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xEE) // VDPBF16PS Z6, Z1, Z21
	VMOVDQU32 0(SI)(R11*1), Z7
	DPBF16(0xE2, 0x7E, 0x48, 0xF7) // VDPBF16PS Z7, Z0, Z22
	DPBF16(0xE2, 0x76, 0x48, 0xFF) // VDPBF16PS Z7, Z1, Z23
	VMOVDQU32 0(R13), Z8
	DPBF16(0x42, 0x7E, 0x48, 0xC0) // VDPBF16PS Z8, Z0, Z24
	DPBF16(0x42, 0x76, 0x48, 0xC8) // VDPBF16PS Z8, Z1, Z25
	VMOVDQU32 0(R13)(R10*1), Z9
	DPBF16(0x42, 0x7E, 0x48, 0xD1) // VDPBF16PS Z9, Z0, Z26
	DPBF16(0x42, 0x76, 0x48, 0xD9) // VDPBF16PS Z9, Z1, Z27
	VMOVDQU32 0(R13)(R10*2), Z10
	DPBF16(0x42, 0x7E, 0x48, 0xE2) // VDPBF16PS Z10, Z0, Z28
	DPBF16(0x42, 0x76, 0x48, 0xEA) // VDPBF16PS Z10, Z1, Z29
	VMOVDQU32 0(R13)(R11*1), Z11
	DPBF16(0x42, 0x7E, 0x48, 0xF3) // VDPBF16PS Z11, Z0, Z30
	DPBF16(0x42, 0x76, 0x48, 0xFB) // VDPBF16PS Z11, Z1, Z31
	PREFETCHNTA 2112(DI)
	PREFETCHNTA 2112(R8)
	VMOVDQU32 64(DI), Z2
	VMOVDQU32 64(R8), Z3
	VMOVDQU32 64(SI), Z4
	DPBF16(0xE2, 0x6E, 0x48, 0xC4) // VDPBF16PS Z4, Z2, Z16
	DPBF16(0xE2, 0x66, 0x48, 0xCC) // VDPBF16PS Z4, Z3, Z17
	VMOVDQU32 64(SI)(R10*1), Z5
	DPBF16(0xE2, 0x6E, 0x48, 0xD5) // VDPBF16PS Z5, Z2, Z18
	DPBF16(0xE2, 0x66, 0x48, 0xDD) // VDPBF16PS Z5, Z3, Z19
	VMOVDQU32 64(SI)(R10*2), Z6
	DPBF16(0xE2, 0x6E, 0x48, 0xE6) // VDPBF16PS Z6, Z2, Z20
	DPBF16(0xE2, 0x66, 0x48, 0xEE) // VDPBF16PS Z6, Z3, Z21
	VMOVDQU32 64(SI)(R11*1), Z7
	DPBF16(0xE2, 0x6E, 0x48, 0xF7) // VDPBF16PS Z7, Z2, Z22
	DPBF16(0xE2, 0x66, 0x48, 0xFF) // VDPBF16PS Z7, Z3, Z23
	VMOVDQU32 64(R13), Z8
	DPBF16(0x42, 0x6E, 0x48, 0xC0) // VDPBF16PS Z8, Z2, Z24
	DPBF16(0x42, 0x66, 0x48, 0xC8) // VDPBF16PS Z8, Z3, Z25
	VMOVDQU32 64(R13)(R10*1), Z9
	DPBF16(0x42, 0x6E, 0x48, 0xD1) // VDPBF16PS Z9, Z2, Z26
	DPBF16(0x42, 0x66, 0x48, 0xD9) // VDPBF16PS Z9, Z3, Z27
	VMOVDQU32 64(R13)(R10*2), Z10
	DPBF16(0x42, 0x6E, 0x48, 0xE2) // VDPBF16PS Z10, Z2, Z28
	DPBF16(0x42, 0x66, 0x48, 0xEA) // VDPBF16PS Z10, Z3, Z29
	VMOVDQU32 64(R13)(R11*1), Z11
	DPBF16(0x42, 0x6E, 0x48, 0xF3) // VDPBF16PS Z11, Z2, Z30
	DPBF16(0x42, 0x66, 0x48, 0xFB) // VDPBF16PS Z11, Z3, Z31
	ADDQ $128, SI
	ADDQ $128, R13
	ADDQ $128, DI
	ADDQ $128, R8
	SUBQ $64, CX
	JNZ dpp8loop
dpp8done:
	MOVQ out0+40(FP), DX
	MOVQ out1+48(FP), R9
	MOVQ ldo+56(FP), BX
	SHLQ $2, BX
	FOLD(Z16, 0(DX))
	FOLD(Z17, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z18, 0(DX))
	FOLD(Z19, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z20, 0(DX))
	FOLD(Z21, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z22, 0(DX))
	FOLD(Z23, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z24, 0(DX))
	FOLD(Z25, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z26, 0(DX))
	FOLD(Z27, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z28, 0(DX))
	FOLD(Z29, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z30, 0(DX))
	FOLD(Z31, 0(R9))
	VZEROUPPER
	RET

// func dpbf16Pair8Acc(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, acc *float32, pf0, pf1 unsafe.Pointer)
// dpbf16Pair8 over one block of a longer product: the 16 accumulators start
// from acc (accumulator i at acc[16i:16i+16], i = 2m+r) and are stored back
// unfolded, so a product split into blocks sums each lane in the same order
// as one call would. It prefetches the next call's rows, pf0 and pf1, instead
// of its own rows further on (those belong to the next block).
TEXT ·dpbf16Pair8Acc(SB), NOSPLIT, $0-64
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R10
	SHLQ $1, R10
	MOVQ b0+16(FP), DI
	MOVQ b1+24(FP), R8
	MOVQ n+32(FP), CX
	LEAQ (R10)(R10*2), R11
	LEAQ (SI)(R10*4), R13
	MOVQ acc+40(FP), AX
	MOVQ pf0+48(FP), R9
	MOVQ pf1+56(FP), R12
	VMOVUPS 0(AX), Z16
	VMOVUPS 64(AX), Z17
	VMOVUPS 128(AX), Z18
	VMOVUPS 192(AX), Z19
	VMOVUPS 256(AX), Z20
	VMOVUPS 320(AX), Z21
	VMOVUPS 384(AX), Z22
	VMOVUPS 448(AX), Z23
	VMOVUPS 512(AX), Z24
	VMOVUPS 576(AX), Z25
	VMOVUPS 640(AX), Z26
	VMOVUPS 704(AX), Z27
	VMOVUPS 768(AX), Z28
	VMOVUPS 832(AX), Z29
	VMOVUPS 896(AX), Z30
	VMOVUPS 960(AX), Z31
	TESTQ $32, CX
	JZ dpa8loop
	PREFETCHNTA 0(R9)
	PREFETCHNTA 0(R12)
	VMOVDQU32 0(DI), Z0
	VMOVDQU32 0(R8), Z1
	VMOVDQU32 0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	VMOVDQU32 0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xD5) // VDPBF16PS Z5, Z0, Z18
	DPBF16(0xE2, 0x76, 0x48, 0xDD) // VDPBF16PS Z5, Z1, Z19
	VMOVDQU32 0(SI)(R10*2), Z6
	DPBF16(0xE2, 0x7E, 0x48, 0xE6) // VDPBF16PS Z6, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xEE) // VDPBF16PS Z6, Z1, Z21
	VMOVDQU32 0(SI)(R11*1), Z7
	DPBF16(0xE2, 0x7E, 0x48, 0xF7) // VDPBF16PS Z7, Z0, Z22
	DPBF16(0xE2, 0x76, 0x48, 0xFF) // VDPBF16PS Z7, Z1, Z23
	VMOVDQU32 0(R13), Z8
	DPBF16(0x42, 0x7E, 0x48, 0xC0) // VDPBF16PS Z8, Z0, Z24
	DPBF16(0x42, 0x76, 0x48, 0xC8) // VDPBF16PS Z8, Z1, Z25
	VMOVDQU32 0(R13)(R10*1), Z9
	DPBF16(0x42, 0x7E, 0x48, 0xD1) // VDPBF16PS Z9, Z0, Z26
	DPBF16(0x42, 0x76, 0x48, 0xD9) // VDPBF16PS Z9, Z1, Z27
	VMOVDQU32 0(R13)(R10*2), Z10
	DPBF16(0x42, 0x7E, 0x48, 0xE2) // VDPBF16PS Z10, Z0, Z28
	DPBF16(0x42, 0x76, 0x48, 0xEA) // VDPBF16PS Z10, Z1, Z29
	VMOVDQU32 0(R13)(R11*1), Z11
	DPBF16(0x42, 0x7E, 0x48, 0xF3) // VDPBF16PS Z11, Z0, Z30
	DPBF16(0x42, 0x76, 0x48, 0xFB) // VDPBF16PS Z11, Z1, Z31
	ADDQ $64, SI
	ADDQ $64, R13
	ADDQ $64, DI
	ADDQ $64, R8
	ADDQ $64, R9
	ADDQ $64, R12
	SUBQ $32, CX
	JZ dpa8done
dpa8loop:
	PREFETCHNTA 0(R9)
	PREFETCHNTA 0(R12)
	VMOVDQU32 0(DI), Z0
	VMOVDQU32 0(R8), Z1
	VMOVDQU32 0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	VMOVDQU32 0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xD5) // VDPBF16PS Z5, Z0, Z18
	DPBF16(0xE2, 0x76, 0x48, 0xDD) // VDPBF16PS Z5, Z1, Z19
	VMOVDQU32 0(SI)(R10*2), Z6
	DPBF16(0xE2, 0x7E, 0x48, 0xE6) // VDPBF16PS Z6, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xEE) // VDPBF16PS Z6, Z1, Z21
	VMOVDQU32 0(SI)(R11*1), Z7
	DPBF16(0xE2, 0x7E, 0x48, 0xF7) // VDPBF16PS Z7, Z0, Z22
	DPBF16(0xE2, 0x76, 0x48, 0xFF) // VDPBF16PS Z7, Z1, Z23
	VMOVDQU32 0(R13), Z8
	DPBF16(0x42, 0x7E, 0x48, 0xC0) // VDPBF16PS Z8, Z0, Z24
	DPBF16(0x42, 0x76, 0x48, 0xC8) // VDPBF16PS Z8, Z1, Z25
	VMOVDQU32 0(R13)(R10*1), Z9
	DPBF16(0x42, 0x7E, 0x48, 0xD1) // VDPBF16PS Z9, Z0, Z26
	DPBF16(0x42, 0x76, 0x48, 0xD9) // VDPBF16PS Z9, Z1, Z27
	VMOVDQU32 0(R13)(R10*2), Z10
	DPBF16(0x42, 0x7E, 0x48, 0xE2) // VDPBF16PS Z10, Z0, Z28
	DPBF16(0x42, 0x76, 0x48, 0xEA) // VDPBF16PS Z10, Z1, Z29
	VMOVDQU32 0(R13)(R11*1), Z11
	DPBF16(0x42, 0x7E, 0x48, 0xF3) // VDPBF16PS Z11, Z0, Z30
	DPBF16(0x42, 0x76, 0x48, 0xFB) // VDPBF16PS Z11, Z1, Z31
	PREFETCHNTA 64(R9)
	PREFETCHNTA 64(R12)
	VMOVDQU32 64(DI), Z2
	VMOVDQU32 64(R8), Z3
	VMOVDQU32 64(SI), Z4
	DPBF16(0xE2, 0x6E, 0x48, 0xC4) // VDPBF16PS Z4, Z2, Z16
	DPBF16(0xE2, 0x66, 0x48, 0xCC) // VDPBF16PS Z4, Z3, Z17
	VMOVDQU32 64(SI)(R10*1), Z5
	DPBF16(0xE2, 0x6E, 0x48, 0xD5) // VDPBF16PS Z5, Z2, Z18
	DPBF16(0xE2, 0x66, 0x48, 0xDD) // VDPBF16PS Z5, Z3, Z19
	VMOVDQU32 64(SI)(R10*2), Z6
	DPBF16(0xE2, 0x6E, 0x48, 0xE6) // VDPBF16PS Z6, Z2, Z20
	DPBF16(0xE2, 0x66, 0x48, 0xEE) // VDPBF16PS Z6, Z3, Z21
	VMOVDQU32 64(SI)(R11*1), Z7
	DPBF16(0xE2, 0x6E, 0x48, 0xF7) // VDPBF16PS Z7, Z2, Z22
	DPBF16(0xE2, 0x66, 0x48, 0xFF) // VDPBF16PS Z7, Z3, Z23
	VMOVDQU32 64(R13), Z8
	DPBF16(0x42, 0x6E, 0x48, 0xC0) // VDPBF16PS Z8, Z2, Z24
	DPBF16(0x42, 0x66, 0x48, 0xC8) // VDPBF16PS Z8, Z3, Z25
	VMOVDQU32 64(R13)(R10*1), Z9
	DPBF16(0x42, 0x6E, 0x48, 0xD1) // VDPBF16PS Z9, Z2, Z26
	DPBF16(0x42, 0x66, 0x48, 0xD9) // VDPBF16PS Z9, Z3, Z27
	VMOVDQU32 64(R13)(R10*2), Z10
	DPBF16(0x42, 0x6E, 0x48, 0xE2) // VDPBF16PS Z10, Z2, Z28
	DPBF16(0x42, 0x66, 0x48, 0xEA) // VDPBF16PS Z10, Z3, Z29
	VMOVDQU32 64(R13)(R11*1), Z11
	DPBF16(0x42, 0x6E, 0x48, 0xF3) // VDPBF16PS Z11, Z2, Z30
	DPBF16(0x42, 0x66, 0x48, 0xFB) // VDPBF16PS Z11, Z3, Z31
	ADDQ $128, SI
	ADDQ $128, R13
	ADDQ $128, DI
	ADDQ $128, R8
	ADDQ $128, R9
	ADDQ $128, R12
	SUBQ $64, CX
	JNZ dpa8loop
dpa8done:
	VMOVUPS Z16, 0(AX)
	VMOVUPS Z17, 64(AX)
	VMOVUPS Z18, 128(AX)
	VMOVUPS Z19, 192(AX)
	VMOVUPS Z20, 256(AX)
	VMOVUPS Z21, 320(AX)
	VMOVUPS Z22, 384(AX)
	VMOVUPS Z23, 448(AX)
	VMOVUPS Z24, 512(AX)
	VMOVUPS Z25, 576(AX)
	VMOVUPS Z26, 640(AX)
	VMOVUPS Z27, 704(AX)
	VMOVUPS Z28, 768(AX)
	VMOVUPS Z29, 832(AX)
	VMOVUPS Z30, 896(AX)
	VMOVUPS Z31, 960(AX)
	VZEROUPPER
	RET

// func dpbf16Pair4(a *bfloat16.BFloat16, lda int, b0, b1 *bfloat16.BFloat16, n int, out0, out1 *float32, ldo int)
// Four bf16 activation rows of a (lda elements apart) against two bf16 weight
// rows b0 and b1, walked as two memory streams like dpbf16Pair; out0[m·ldo]
// and out1[m·ldo] receive row m · b0 and row m · b1. Accumulator of (m, r): Z(16+2m+r).
TEXT ·dpbf16Pair4(SB), NOSPLIT, $0-64
	MOVQ a+0(FP), SI
	MOVQ lda+8(FP), R10
	SHLQ $1, R10
	MOVQ b0+16(FP), DI
	MOVQ b1+24(FP), R8
	MOVQ n+32(FP), CX
	LEAQ (R10)(R10*2), R11
	VPXORD Z16, Z16, Z16
	VPXORD Z17, Z17, Z17
	VPXORD Z18, Z18, Z18
	VPXORD Z19, Z19, Z19
	VPXORD Z20, Z20, Z20
	VPXORD Z21, Z21, Z21
	VPXORD Z22, Z22, Z22
	VPXORD Z23, Z23, Z23

dpp4:
	PREFETCHT0  4096(DI)
	PREFETCHT0  4096(R8)
	VMOVDQU32   0(DI), Z0
	VMOVDQU32   0(R8), Z1
	VMOVDQU32   0(SI), Z4
	DPBF16(0xE2, 0x7E, 0x48, 0xC4) // VDPBF16PS Z4, Z0, Z16
	DPBF16(0xE2, 0x76, 0x48, 0xCC) // VDPBF16PS Z4, Z1, Z17
	VMOVDQU32   0(SI)(R10*1), Z5
	DPBF16(0xE2, 0x7E, 0x48, 0xD5) // VDPBF16PS Z5, Z0, Z18
	DPBF16(0xE2, 0x76, 0x48, 0xDD) // VDPBF16PS Z5, Z1, Z19
	VMOVDQU32   0(SI)(R10*2), Z6
	DPBF16(0xE2, 0x7E, 0x48, 0xE6) // VDPBF16PS Z6, Z0, Z20
	DPBF16(0xE2, 0x76, 0x48, 0xEE) // VDPBF16PS Z6, Z1, Z21
	VMOVDQU32   0(SI)(R11*1), Z7
	DPBF16(0xE2, 0x7E, 0x48, 0xF7) // VDPBF16PS Z7, Z0, Z22
	DPBF16(0xE2, 0x76, 0x48, 0xFF) // VDPBF16PS Z7, Z1, Z23
	ADDQ        $64, SI
	ADDQ        $64, DI
	ADDQ        $64, R8
	SUBQ        $32, CX
	JNZ         dpp4

	MOVQ out0+40(FP), DX
	MOVQ out1+48(FP), R9
	MOVQ ldo+56(FP), BX
	SHLQ $2, BX
	FOLD(Z16, 0(DX))
	FOLD(Z17, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z18, 0(DX))
	FOLD(Z19, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z20, 0(DX))
	FOLD(Z21, 0(R9))
	ADDQ BX, DX
	ADDQ BX, R9
	FOLD(Z22, 0(DX))
	FOLD(Z23, 0(R9))
	VZEROUPPER
	RET
