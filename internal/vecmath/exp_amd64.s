#include "textflag.h"

// exp and sigmoid over 16 float32 lanes (AVX-512F). Each computes, per
// lane, exactly the float32 operations of its Go counterpart in the same
// order (no fused multiply-adds), so results are bit-identical to the
// scalar code whichever path an element takes (TestExpKernels).

// EXP(x, tmp..., out): Cephes' expf as exp.go writes it, for lanes already
// checked to lie in [minX, 88] (no overflow, no subnormal, no NaN).
// Constants: Z16 log2e, Z17 shifter, Z18 ln2Hi, Z19 ln2Lo, Z20–Z25 the
// polynomial, Z26 one, Z29 127.
#define EXP(x, out) \
	VMULPS  Z16, x, Z1 \
	VADDPS  Z17, Z1, Z1 \
	VSUBPS  Z17, Z1, Z2 \
	VMULPS  Z18, Z2, Z3 \
	VSUBPS  Z3, x, Z4 \
	VMULPS  Z19, Z2, Z3 \
	VSUBPS  Z3, Z4, Z4 \
	VMULPS  Z20, Z4, Z5 \
	VADDPS  Z21, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VADDPS  Z22, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VADDPS  Z23, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VADDPS  Z24, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VADDPS  Z25, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VMULPS  Z4, Z5, Z5 \
	VADDPS  Z4, Z5, Z5 \
	VADDPS  Z26, Z5, Z5 \
	VPSUBD  Z17, Z1, Z1 \
	VPADDD  Z29, Z1, Z1 \
	VPSLLD  $23, Z1, Z1 \
	VMULPS  Z1, Z5, out

#define CONSTS \
	MOVL $0x3fb8aa3b, AX; VPBROADCASTD AX, Z16 \
	MOVL $0x4b400000, AX; VPBROADCASTD AX, Z17 \
	MOVL $0x3f318000, AX; VPBROADCASTD AX, Z18 \
	MOVL $0xb95e8083, AX; VPBROADCASTD AX, Z19 \
	MOVL $0x39506967, AX; VPBROADCASTD AX, Z20 \
	MOVL $0x3ab743ce, AX; VPBROADCASTD AX, Z21 \
	MOVL $0x3c088908, AX; VPBROADCASTD AX, Z22 \
	MOVL $0x3d2aa9c1, AX; VPBROADCASTD AX, Z23 \
	MOVL $0x3e2aaaaa, AX; VPBROADCASTD AX, Z24 \
	MOVL $0x3f000000, AX; VPBROADCASTD AX, Z25 \
	MOVL $0x3f800000, AX; VPBROADCASTD AX, Z26 \
	MOVL $0xc2aeac50, AX; VPBROADCASTD AX, Z27 \
	MOVL $0x42b00000, AX; VPBROADCASTD AX, Z28 \
	MOVL $127, AX; VPBROADCASTD AX, Z29 \
	MOVL $0x80000000, AX; VPBROADCASTD AX, Z30

// INRANGE(x, label): jump to label unless every lane of x is in [minX, 88].
#define INRANGE(x, label) \
	VCMPPS $0x1d, Z27, x, K1 \
	VCMPPS $0x12, Z28, x, K2 \
	KANDW  K1, K2, K3 \
	KMOVW  K3, AX \
	CMPL   AX, $0xffff \
	JNE    label

// func expBlocks(dst, src *float32, n int) int
// dst[i] = expf(src[i]) for whole blocks of 16, stopping before the first
// block with a lane the vector path does not take; returns how many it did.
TEXT ·expBlocks(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX
	CONSTS

expLoop:
	CMPQ    CX, $16
	JLT     expDone
	VMOVUPS (SI), Z0
	INRANGE(Z0, expDone)
	EXP(Z0, Z6)
	VMOVUPS Z6, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $16, BX
	SUBQ    $16, CX
	JMP     expLoop

expDone:
	MOVQ BX, ret+24(FP)
	VZEROUPPER
	RET

// func sigmoidBlocks(dst, src *float32, n int) int
// dst[i] = 1 / (1 + expf(-src[i])), as expBlocks.
TEXT ·sigmoidBlocks(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX
	CONSTS

sigLoop:
	CMPQ    CX, $16
	JLT     sigDone
	VMOVUPS (SI), Z0
	VPXORD  Z30, Z0, Z0
	INRANGE(Z0, sigDone)
	EXP(Z0, Z6)
	VADDPS  Z26, Z6, Z6
	VDIVPS  Z6, Z26, Z6
	VMOVUPS Z6, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	ADDQ    $16, BX
	SUBQ    $16, CX
	JMP     sigLoop

sigDone:
	MOVQ BX, ret+24(FP)
	VZEROUPPER
	RET
