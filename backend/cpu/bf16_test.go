package cpu

import "github.com/gomlx/gomlx/pkg/core/dtypes/bfloat16"

type bfloat16T = bfloat16.BFloat16
