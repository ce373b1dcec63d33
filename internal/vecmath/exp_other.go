//go:build !amd64

package vecmath

const hasAVX512 = false

func expBlocks(dst, src *float32, n int) int { return 0 }

func sigmoidBlocks(dst, src *float32, n int) int { return 0 }
