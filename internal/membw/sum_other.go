//go:build !amd64

package membw

const hasSIMD = false

func sum(p []uint64) uint64 { return sumGeneric(p) }
