//go:build !amd64

package cpu

func dot(a, b []float32) float32 { return dotGeneric(a, b) }
