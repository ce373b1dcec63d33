package model

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// allSplits calls f with every split of L layers into n non-empty stages.
func allSplits(L, n int, f func([]Range)) {
	var rec func(start int, acc []Range)
	rec = func(start int, acc []Range) {
		if len(acc) == n-1 {
			f(append(acc, Range{start, L}))
			return
		}
		for end := start + 1; end <= L-(n-1-len(acc)); end++ {
			rec(end, append(acc, Range{start, end}))
		}
	}
	rec(0, nil)
}

// TestPlanStagesIsOptimal: on random node memories the plan's fullest node
// is exactly as full as the best of every possible split (brute force).
func TestPlanStagesIsOptimal(t *testing.T) {
	c := &Config{HiddenSize: 64, IntermediateSize: 128, NumHiddenLayers: 9, NumAttentionHeads: 4, NumKeyValueHeads: 2, HeadDim: 16, VocabSize: 1000, Arch: &Architecture{}}
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 40; trial++ {
		n := 1 + rng.IntN(4)
		mem := make([]int64, n)
		for i := range mem {
			mem[i] = int64(200_000 + rng.IntN(2_000_000))
		}
		ranges, bytes, err := PlanStages(c, mem, 2, 64)
		worst := 0.0
		for i, r := range ranges {
			if r.NumLayers() < 1 || (i > 0 && r.Start != ranges[i-1].End) || bytes[i] != StageBytes(c, r, 2, 64) {
				t.Fatalf("bad plan %v", ranges)
			}
			worst = max(worst, float64(bytes[i])/float64(mem[i]))
		}
		brute := math.Inf(1)
		allSplits(c.NumHiddenLayers, n, func(rs []Range) {
			w := 0.0
			for i, r := range rs {
				w = max(w, float64(StageBytes(c, r, 2, 64))/float64(mem[i]))
			}
			brute = min(brute, w)
		})
		if math.Abs(worst-brute) > 1e-12 {
			t.Fatalf("trial %d: plan fills %.6f, best split %.6f (%v, mem %v)", trial, worst, brute, ranges, mem)
		}
		if (worst > 1) != (err != nil) {
			t.Fatalf("trial %d: fill %.3f but err %v", trial, worst, err)
		}
		if err != nil && !strings.Contains(err.Error(), "does not fit") {
			t.Fatalf("unclear error: %v", err)
		}
	}
	if _, _, err := PlanStages(c, make([]int64, 10), 2, 64); err == nil {
		t.Fatal("10 stages for 9 layers accepted")
	}
}
