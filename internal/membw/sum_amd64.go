package membw

import "golang.org/x/sys/cpu"

var hasSIMD = cpu.X86.HasAVX2

//go:noescape
func sumAVX2(p *uint64, n int) uint64

// sum adds p's elements; len(p) must be a multiple of 16.
func sum(p []uint64) uint64 {
	if !hasSIMD || len(p) == 0 {
		return sumGeneric(p)
	}
	return sumAVX2(&p[0], len(p))
}
