package model

import (
	"errors"
	"fmt"
	"math"
)

// StageBytes is the memory a stage over r needs: its weights at
// bytesPerParam (2 for bf16/f16, 4 for f32) plus float32 KV caches for
// kvTokens tokens (slots × capacity) in each of its layers.
func StageBytes(c *Config, r Range, bytesPerParam, kvTokens int) int64 {
	var params int64
	for _, w := range weightRefs[struct{}](c, r, true, nil) {
		n := int64(1)
		for _, d := range w.shape {
			n *= int64(d)
		}
		params += n
	}
	kv := int64(r.NumLayers()) * 2 * int64(c.NumKeyValueHeads*c.HeadDim) * int64(kvTokens) * 4
	return params*int64(bytesPerParam) + kv
}

// PlanStages splits the model's layers into len(memory) consecutive
// stages, stage i on a node with memory[i] bytes free, so that the fullest
// node is as empty as possible (the embedding lands on the first stage, the
// head on the last; each stage gets at least one layer). It returns the
// ranges and each stage's bytes; an error if even the best split overfills
// a node.
func PlanStages(c *Config, memory []int64, bytesPerParam, kvTokens int) ([]Range, []int64, error) {
	n, L := len(memory), c.NumHiddenLayers
	if n == 0 || n > L {
		return nil, nil, fmt.Errorf("cannot split %d layers into %d stages", L, n)
	}
	for i, m := range memory {
		if m <= 0 {
			return nil, nil, fmt.Errorf("node %d: free memory must be positive", i)
		}
	}
	// best[i][l]: the least possible highest fill when stages 0..i hold
	// layers [0, l); from[i][l] is where stage i starts in that split.
	best := make([][]float64, n)
	from := make([][]int, n)
	for i := range best {
		best[i], from[i] = make([]float64, L+1), make([]int, L+1)
		for l := range best[i] {
			best[i][l] = math.Inf(1)
		}
	}
	fill := func(i, a, b int) float64 {
		return float64(StageBytes(c, Range{a, b}, bytesPerParam, kvTokens)) / float64(memory[i])
	}
	for l := 1; l <= L-n+1; l++ {
		best[0][l] = fill(0, 0, l)
	}
	for i := 1; i < n; i++ {
		for l := i + 1; l <= L-(n-1-i); l++ {
			for k := i; k < l; k++ {
				if v := max(best[i-1][k], fill(i, k, l)); v < best[i][l] {
					best[i][l], from[i][l] = v, k
				}
			}
		}
	}
	ranges, bytes := make([]Range, n), make([]int64, n)
	for i, end := n-1, L; i >= 0; i-- {
		ranges[i] = Range{from[i][end], end}
		bytes[i] = StageBytes(c, ranges[i], bytesPerParam, kvTokens)
		end = from[i][end]
	}
	if worst := best[n-1][L]; worst > 1 {
		var errs []error
		for i, r := range ranges {
			if bytes[i] > memory[i] {
				errs = append(errs, fmt.Errorf("node %d (layers %s) needs %d bytes, has %d", i, r, bytes[i], memory[i]))
			}
		}
		return ranges, bytes, fmt.Errorf("the model does not fit these nodes even at best: %w", errors.Join(errs...))
	}
	return ranges, bytes, nil
}
