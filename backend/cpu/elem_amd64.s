#include "textflag.h"

// func roundBF16Blocks(dst *bfloat16.BFloat16, src *float32, n int) int
// dst[i] = roundBF16(src[i]) for whole blocks of 16 (returns how many):
// round to nearest even on the bits — b + 0x7fff + (b>>16 & 1), top half —
// and NaN kept quiet (b>>16 | 0x40), as roundBF16 in dotbf16.go.
TEXT ·roundBF16Blocks(SB), NOSPLIT, $0-32
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	XORQ BX, BX
	MOVL $0x7fff, AX; VPBROADCASTD AX, Z16
	MOVL $1, AX; VPBROADCASTD AX, Z17
	MOVL $0x7fffffff, AX; VPBROADCASTD AX, Z18
	MOVL $0x7f800000, AX; VPBROADCASTD AX, Z19
	MOVL $0x40, AX; VPBROADCASTD AX, Z20

rndLoop:
	CMPQ    CX, $16
	JLT     rndDone
	VMOVDQU32 (SI), Z0
	VPSRLD  $16, Z0, Z1
	VPANDD  Z17, Z1, Z2
	VPADDD  Z16, Z0, Z3
	VPADDD  Z2, Z3, Z3
	VPSRLD  $16, Z3, Z3
	VPANDD  Z18, Z0, Z4
	VPCMPUD $6, Z19, Z4, K1 // |b| > Inf: NaN
	VPORD   Z20, Z1, K1, Z3
	VPMOVDW Z3, Y5
	VMOVDQU Y5, (DI)
	ADDQ    $64, SI
	ADDQ    $32, DI
	ADDQ    $16, BX
	SUBQ    $16, CX
	JMP     rndLoop

rndDone:
	MOVQ BX, ret+24(FP)
	VZEROUPPER
	RET

// func prefetchFloats(p *float32, n int)
// Asks for the cache lines of p[0:n] (PREFETCHT0, one per 64 bytes).
TEXT ·prefetchFloats(SB), NOSPLIT, $0-16
	MOVQ p+0(FP), SI
	MOVQ n+8(FP), CX
	SHLQ $2, CX
	ADDQ SI, CX

pfLoop:
	CMPQ       SI, CX
	JGE        pfDone
	PREFETCHT0 (SI)
	ADDQ       $64, SI
	JMP        pfLoop

pfDone:
	RET
