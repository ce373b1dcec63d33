package cpu

// Products with int8 weights (checkpoints written by model/quantize): each
// output is Σ a[i]·float32(w[i]), the int8 widened exactly inside the
// kernel; the graph scales each output row afterwards. Half the bytes of
// bf16 per weight, so decode — one read of every weight per token — can
// run up to twice as fast where memory bandwidth is the limit.
//
// Summation order, fixed by K alone: where the CPU has AVX2 or AVX-512,
// blocks of 16 into one 16-lane accumulator folded as the bf16 kernels fold
// (dotint8_amd64.s), then the elements past the last block added in order;
// elsewhere one sum in order. Every path below follows it, so a sequence's
// results depend neither on its batch nor on which kernel ran — nor on
// whether the host has AVX-512 (a pool's verifier recomputes a step on
// another node and compares hashes).

// i8Len is the part of K the assembly kernels take (blocks of 16).
func i8Len(k int) int { return simdLen(k) }

// i8Prefetch is how far ahead the kernels prefetch each weight row: the
// same column of the next group of four rows, the rows a thread reads next.
// Measured at batch 1 with the distances taking turns in one run (GB/s of
// int8): [8192, 2048] 48–53 against 26–31 for 1 KiB along the row;
// [2048, 8192] (32 KiB ahead) 56–60 against 53–55 for 1 KiB and 47–52 for
// 4 KiB.
func i8Prefetch(k int) int { return 4 * k }

// dotI8Tail sums a[i]·w[i] in order: the elements past the SIMD blocks, or
// the whole product where there are none.
func dotI8Tail(a []float32, w []int8) float32 {
	var s float32
	for i := range a {
		s += a[i] * float32(w[i])
	}
	return s
}

// dotI8 is one activation row against one int8 weight row.
func dotI8(a []float32, w []int8) float32 {
	n := i8Len(len(w))
	var s float32
	switch {
	case n > 0 && hasTiles:
		s = dotI8x1(&a[0], &w[0], n)
	case n > 0:
		s = dotI8x1AVX2(&a[0], &w[0], n)
	}
	return s + dotI8Tail(a[n:len(w)], w[n:])
}

// rowsI8: every activation row against int8 weight rows [lo, hi), four
// weight rows at a time so each widened block feeds four (decode) or
// sixteen (4×4 tiles, batches) multiply-adds. Long batches go in passes of
// rows that fit in L2, as tilesBF16 does.
func (k *dotKernel) rowsI8(lo, hi int) {
	K, M, N := k.K, k.M, k.N
	simd, pf := i8Len(K), i8Prefetch(K)
	pass := max(4, tileActBytes/(4*K)&^3)
	for m0 := 0; m0 < M; m0 += pass {
		m1 := min(M, m0+pass)
		n := lo
		for ; hasTiles && simd > 0 && n+4 <= hi; n += 4 {
			w := &k.R8[n*K]
			m := m0
			for ; m+4 <= m1; m += 4 {
				dotI8Tile4x4(&k.L[m*K], K, w, K, simd, &k.o[m*N+n], N, pf)
			}
			for ; m < m1; m++ {
				dotI8Tile4x1(&k.L[m*K], w, K, simd, &k.o[m*N+n], pf)
			}
			if simd < K {
				for m := m0; m < m1; m++ {
					for r := n; r < n+4; r++ {
						k.o[m*N+r] += dotI8Tail(k.L[m*K+simd:(m+1)*K], k.R8[r*K+simd:(r+1)*K])
					}
				}
			}
		}
		for ; n < hi; n++ {
			row := k.R8[n*K : (n+1)*K]
			for m := m0; m < m1; m++ {
				k.o[m*N+n] = dotI8(k.L[m*K:(m+1)*K], row)
			}
		}
	}
}
