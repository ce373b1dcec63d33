//go:build !amd64

package cpu

import "github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"

func dot(a, b []float32) float32 { return dotGeneric(a, b) }

func dotBF16(a []float32, b []bfloat16.BFloat16) float32 { return dotBF16Generic(a, b) }

func widen(dst []float32, src []bfloat16.BFloat16) { widenBF16(dst, src) }
