package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func mustNew(t *testing.T, p Params) *Sampler {
	t.Helper()
	s, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func draw(t *testing.T, s *Sampler, logits []float32, seen []int32) int32 {
	t.Helper()
	id, err := s.Next(logits, seen)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

var logits = []float32{1, 3, 2.5, -1, 0, 2.9}

func TestGreedy(t *testing.T) {
	if got := draw(t, mustNew(t, Params{}), logits, nil); got != 1 {
		t.Errorf("greedy picked %d, want 1", got)
	}
}

// Filters that keep only the top token make sampling greedy.
func TestFiltersDownToTop(t *testing.T) {
	for _, p := range []Params{
		{Temperature: 1, TopK: 1},
		{Temperature: 1, TopP: 0.01},
		{Temperature: 1, MinP: 0.99},
	} {
		s := mustNew(t, p)
		for i := 0; i < 50; i++ {
			if got := draw(t, s, logits, nil); got != 1 {
				t.Fatalf("%+v picked %d, want only 1", p, got)
			}
		}
	}
}

// Sampled frequencies follow softmax(logits / T), and filtered tokens never appear.
func TestDistribution(t *testing.T) {
	const n = 40000
	s := mustNew(t, Params{Temperature: 0.7, TopK: 4, Seed: 42})
	counts := make([]int, len(logits))
	for i := 0; i < n; i++ {
		counts[draw(t, s, logits, nil)]++
	}
	// Top 4 by logit: ids 1, 5, 2, 0.
	var z float64
	keep := []int{1, 5, 2, 0}
	for _, id := range keep {
		z += math.Exp(float64(logits[id]) / 0.7)
	}
	for _, id := range keep {
		want := math.Exp(float64(logits[id])/0.7) / z
		got := float64(counts[id]) / n
		if sd := math.Sqrt(want * (1 - want) / n); math.Abs(got-want) > 5*sd {
			t.Errorf("token %d: frequency %.4f, want %.4f ± %.4f", id, got, want, 5*sd)
		}
	}
	if counts[3]+counts[4] != 0 {
		t.Errorf("tokens outside top-k were drawn: %v", counts)
	}
}

func TestTopPKeepsSmallestSet(t *testing.T) {
	// probs ∝ exp: ids 1 (e^3) and 5 (e^2.9) together exceed 0.6 of the mass.
	s := mustNew(t, Params{Temperature: 1, TopP: 0.6, Seed: 1})
	seen := map[int32]bool{}
	for i := 0; i < 2000; i++ {
		seen[draw(t, s, logits, nil)] = true
	}
	if len(seen) != 2 || !seen[1] || !seen[5] {
		t.Errorf("top-p 0.6 drew %v, want exactly {1, 5}", seen)
	}
}

func TestSeedReproducible(t *testing.T) {
	run := func(seed uint64) []int32 {
		s := mustNew(t, Params{Temperature: 1.5, Seed: seed})
		out := make([]int32, 64)
		for i := range out {
			out[i] = draw(t, s, logits, nil)
		}
		return out
	}
	a, b, c := run(9), run(9), run(10)
	same := func(x, y []int32) bool {
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	if !same(a, b) {
		t.Error("same seed gave different tokens")
	}
	if same(a, c) {
		t.Error("different seeds gave identical 64-token sequences")
	}
}

func TestRepetitionPenalty(t *testing.T) {
	s := mustNew(t, Params{RepetitionPenalty: 1.3})
	// Token 1 (logit 3) penalised to 3/1.3 ≈ 2.31 < 2.9: greedy moves to 5.
	if got := draw(t, s, logits, []int32{1}); got != 5 {
		t.Errorf("picked %d, want 5", got)
	}
	// Negative logits get more negative, not less.
	neg := []float32{-1, -1.2}
	if got := draw(t, s, neg, []int32{0}); got != 1 {
		t.Errorf("picked %d, want 1 (penalised -1 becomes -1.3)", got)
	}
	if logits[1] != 3 {
		t.Error("Next modified the caller's logits")
	}
}

// Plain greedy takes one pass over the row; it picks what argmax over the
// candidate list picks, ties (first wins) and non-finite logits included.
func TestGreedyMatchesCandidates(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	special := []float32{float32(math.NaN()), float32(math.Inf(-1)), float32(math.Inf(1))}
	for trial := 0; trial < 2000; trial++ {
		row := make([]float32, 1+r.IntN(40))
		for i := range row {
			row[i] = float32(r.IntN(5)) // few values: many ties
			if r.IntN(6) == 0 {
				row[i] = special[r.IntN(len(special))]
			}
		}
		var c []candidate
		for i, l := range row {
			if !math.IsNaN(float64(l)) && !math.IsInf(float64(l), -1) {
				c = append(c, candidate{int32(i), float64(l)})
			}
		}
		got, err := greedy(row)
		if len(c) == 0 {
			if err != ErrNoCandidates {
				t.Fatalf("%v: err %v, want ErrNoCandidates", row, err)
			}
			continue
		}
		if want := argmax(c); err != nil || got != want {
			t.Fatalf("%v: greedy %d (%v), argmax over candidates %d", row, got, err, want)
		}
	}
}

func TestNonFiniteLogits(t *testing.T) {
	nan := float32(math.NaN())
	if got := draw(t, mustNew(t, Params{Temperature: 1}), []float32{nan, float32(math.Inf(-1)), 0.5}, nil); got != 2 {
		t.Errorf("picked %d, want the only finite token 2", got)
	}
	if _, err := mustNew(t, Params{}).Next([]float32{nan}, nil); err != ErrNoCandidates {
		t.Errorf("err = %v, want ErrNoCandidates", err)
	}
}

func TestValidate(t *testing.T) {
	for _, p := range []Params{{Temperature: -1}, {TopK: -2}, {TopP: 1.5}, {MinP: -0.1}, {RepetitionPenalty: -1}, {Temperature: math.NaN()}} {
		if _, err := New(p); err == nil {
			t.Errorf("%+v accepted", p)
		}
	}
}

// The filters keep exactly what a full sort would keep, on a large random
// vocabulary (they sort only a few candidates; the reference sorts all).
func TestFiltersMatchFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	c := make([]candidate, 5000)
	for i := range c {
		c[i] = candidate{id: int32(i), logit: r.NormFloat64() * 3}
	}
	c[7].logit, c[9].logit = c[3].logit, c[3].logit // ties, broken by id
	ref := slices.Clone(c)
	sortMostLikely(ref)
	ids := func(x []candidate) []int32 {
		out := make([]int32, len(x))
		for i, y := range x {
			out[i] = y.id
		}
		return out
	}
	for _, k := range []int{1, 2, 40, 4999} {
		if got, want := ids(topK(slices.Clone(c), k)), ids(ref[:k]); !slices.Equal(got, want) {
			t.Fatalf("top-%d: %v…, want %v…", k, got[:min(5, k)], want[:min(5, k)])
		}
	}
	refProbs := new(Sampler).softmax(ref, 1)
	for _, p := range []float64{0.01, 0.5, 0.9, 0.999999} {
		n := 0
		for cum := 0.0; n < len(ref); n++ {
			if cum += refProbs[n]; cum >= p {
				n++
				break
			}
		}
		got, _ := nucleus(c, new(Sampler).softmax(c, 1), p)
		if !slices.Equal(ids(got), ids(ref[:n])) {
			t.Fatalf("top-p %g kept %d candidates, a full sort keeps %d", p, len(got), n)
		}
	}
}

// BenchmarkNext: one token from a Llama-3-sized vocabulary.
func BenchmarkNext(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	logits := make([]float32, 128256)
	for i := range logits {
		logits[i] = float32(r.NormFloat64() * 3)
	}
	for _, p := range []Params{{}, {Temperature: 1}, {Temperature: 0.7, TopP: 0.9}, {Temperature: 0.7, TopK: 40}, {Temperature: 0.8, MinP: 0.05}} {
		b.Run(fmt.Sprintf("T=%g,top_k=%d,top_p=%g,min_p=%g", p.Temperature, p.TopK, p.TopP, p.MinP), func(b *testing.B) {
			s, _ := New(p)
			for i := 0; i < b.N; i++ {
				s.Next(logits, nil)
			}
		})
	}
}
