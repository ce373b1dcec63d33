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

// func arithF32(op int, o, a, b *float32, n int) int
// o[i] = a[i] op b[i] (op: 0 add, 1 sub, 2 mul, 3 div) for whole blocks of
// 16; returns how many. Each lane is the scalar IEEE operation, so the
// bits equal a Go loop's.
TEXT ·arithF32(SB), NOSPLIT, $0-48
	MOVQ op+0(FP), AX
	MOVQ o+8(FP), DI
	MOVQ a+16(FP), SI
	MOVQ b+24(FP), DX
	MOVQ n+32(FP), CX
	SHRQ $4, CX
	MOVQ CX, BX
	SHLQ $4, BX
	MOVQ BX, ret+40(FP)
	TESTQ CX, CX
	JZ    arDone
	CMPQ  AX, $0
	JEQ   arAdd
	CMPQ  AX, $1
	JEQ   arSub
	CMPQ  AX, $2
	JEQ   arMul

arDiv:
	VMOVUPS (SI), Z0
	VDIVPS  (DX), Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    CX
	JNZ     arDiv
	JMP     arDone

arAdd:
	VMOVUPS (SI), Z0
	VADDPS  (DX), Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    CX
	JNZ     arAdd
	JMP     arDone

arSub:
	VMOVUPS (SI), Z0
	VSUBPS  (DX), Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    CX
	JNZ     arSub
	JMP     arDone

arMul:
	VMOVUPS (SI), Z0
	VMULPS  (DX), Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DX
	ADDQ    $64, DI
	DECQ    CX
	JNZ     arMul

arDone:
	VZEROUPPER
	RET

// func arithScalarF32(op int, o, a *float32, s float32, n int, flip bool) int
// o[i] = a[i] op s, or s op a[i] with flip, for whole blocks of 16; returns
// how many (ops as arithF32).
TEXT ·arithScalarF32(SB), NOSPLIT, $0-56
	MOVQ         op+0(FP), AX
	MOVQ         o+8(FP), DI
	MOVQ         a+16(FP), SI
	VBROADCASTSS s+24(FP), Z1
	MOVQ         n+32(FP), CX
	MOVBLZX      flip+40(FP), DX
	SHRQ         $4, CX
	MOVQ         CX, BX
	SHLQ         $4, BX
	MOVQ         BX, ret+48(FP)
	TESTQ        CX, CX
	JZ           asDone
	CMPQ         AX, $0
	JEQ          asAdd
	CMPQ         AX, $2
	JEQ          asMul
	TESTQ        DX, DX
	JNZ          asFlip
	CMPQ         AX, $1
	JEQ          asSub

asDiv:
	VMOVUPS (SI), Z0
	VDIVPS  Z1, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asDiv
	JMP     asDone

asSub:
	VMOVUPS (SI), Z0
	VSUBPS  Z1, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asSub
	JMP     asDone

asFlip:
	CMPQ AX, $1
	JEQ  asSubFlip

asDivFlip:
	VMOVUPS (SI), Z0
	VDIVPS  Z0, Z1, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asDivFlip
	JMP     asDone

asSubFlip:
	VMOVUPS (SI), Z0
	VSUBPS  Z0, Z1, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asSubFlip
	JMP     asDone

asAdd:
	VMOVUPS (SI), Z0
	VADDPS  Z1, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asAdd
	JMP     asDone

asMul:
	VMOVUPS (SI), Z0
	VMULPS  Z1, Z0, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, SI
	ADDQ    $64, DI
	DECQ    CX
	JNZ     asMul

asDone:
	VZEROUPPER
	RET
