package vecmath

import "golang.org/x/sys/cpu"

// hasAVX512 enables the vector kernels (exp_amd64.s).
var hasAVX512 = cpu.X86.HasAVX512F

//go:noescape
func expBlocks(dst, src *float32, n int) int

//go:noescape
func sigmoidBlocks(dst, src *float32, n int) int
