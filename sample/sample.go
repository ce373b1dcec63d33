// Package sample picks the next token from a row of logits, with the
// controls users expect from Hugging Face's generate and OpenAI's API:
// greedy, temperature, top-k, top-p, min-p, repetition penalty and a seed.
// Processing order follows Hugging Face: repetition penalty, temperature,
// top-k, top-p, min-p, then a draw.
package sample

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/computepool/computepool/internal/vecmath"
)

// Params are a request's sampling settings. The zero value is greedy.
type Params struct {
	// Temperature 0 means greedy (argmax); otherwise logits are divided by it.
	Temperature float64 `json:"temperature"`
	// TopK keeps the k most likely tokens (0 = off).
	TopK int `json:"top_k,omitempty"`
	// TopP keeps the smallest set whose probability reaches p (0 or 1 = off).
	TopP float64 `json:"top_p,omitempty"`
	// MinP drops tokens less likely than min_p × the top token's probability (0 = off).
	MinP float64 `json:"min_p,omitempty"`
	// RepetitionPenalty divides positive (multiplies negative) logits of tokens
	// already seen (1 or 0 = off), as in CTRL and Hugging Face.
	RepetitionPenalty float64 `json:"repetition_penalty,omitempty"`
	// Seed makes a sampled generation reproducible.
	Seed uint64 `json:"seed,omitempty"`
}

// Validate rejects settings that have no meaning.
func (p Params) Validate() error {
	switch {
	case p.Temperature < 0 || math.IsNaN(p.Temperature):
		return fmt.Errorf("temperature must be >= 0, got %g", p.Temperature)
	case p.TopK < 0:
		return fmt.Errorf("top_k must be >= 0, got %d", p.TopK)
	case p.TopP < 0 || p.TopP > 1 || math.IsNaN(p.TopP):
		return fmt.Errorf("top_p must be in [0, 1], got %g", p.TopP)
	case p.MinP < 0 || p.MinP > 1 || math.IsNaN(p.MinP):
		return fmt.Errorf("min_p must be in [0, 1], got %g", p.MinP)
	case p.RepetitionPenalty < 0 || math.IsNaN(p.RepetitionPenalty):
		return fmt.Errorf("repetition_penalty must be > 0, got %g", p.RepetitionPenalty)
	}
	return nil
}

// Sampler draws tokens for one sequence; it is not safe for concurrent use.
type Sampler struct {
	p     Params
	rng   *rand.Rand
	work  []candidate
	exps  []float32 // softmax's buffers, reused from token to token
	probs []float64
}

type candidate struct {
	id    int32
	logit float64
}

// New returns a sampler seeded from p.Seed.
func New(p Params) (*Sampler, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &Sampler{p: p, rng: rand.New(rand.NewPCG(p.Seed, 0x9e3779b97f4a7c15))}, nil
}

// ErrNoCandidates is returned when every logit is NaN or -Inf.
var ErrNoCandidates = errors.New("no token has a finite logit")

// Next picks a token from logits, given the tokens seen so far (prompt and
// generated) for the repetition penalty. logits is not modified.
func (s *Sampler) Next(logits []float32, seen []int32) (int32, error) {
	penalize := s.p.RepetitionPenalty > 0 && s.p.RepetitionPenalty != 1 && len(seen) > 0
	if s.p.Temperature == 0 && !penalize {
		// Plain greedy needs no candidate list: one pass over the row
		// (a 128K vocabulary: ~0.4 ms through the list, per sequence and token).
		return greedy(logits)
	}
	c := s.work[:0]
	for i, l := range logits {
		if !math.IsNaN(float64(l)) && !math.IsInf(float64(l), -1) {
			c = append(c, candidate{int32(i), float64(l)})
		}
	}
	s.work = c
	if len(c) == 0 {
		return 0, ErrNoCandidates
	}
	if penalize {
		s.penalize(seen)
	}
	if s.p.Temperature == 0 {
		return argmax(c), nil
	}
	// Sorting a whole vocabulary (128K for Llama 3) per token cost ~35 ms;
	// only the filters that need an order get one, over few candidates.
	if s.p.TopK > 0 && s.p.TopK < len(c) {
		c = topK(c, s.p.TopK)
	}
	probs := s.softmax(c, s.p.Temperature) // after top-k: dividing by the temperature keeps the order
	if s.p.TopP > 0 && s.p.TopP < 1 {
		c, probs = nucleus(c, probs, s.p.TopP)
	}
	if s.p.MinP > 0 {
		c, probs = minP(c, probs, s.p.MinP)
	}
	var total float64
	for _, p := range probs {
		total += p
	}
	u := s.rng.Float64() * total
	for i, p := range probs {
		u -= p
		if u < 0 {
			return c[i].id, nil
		}
	}
	return c[len(c)-1].id, nil
}

// before orders candidates most likely first, ties by id, so results do not
// depend on sort internals.
func before(a, b candidate) bool {
	if a.logit != b.logit {
		return a.logit > b.logit
	}
	return a.id < b.id
}

func sortMostLikely(c []candidate) {
	slices.SortFunc(c, func(a, b candidate) int {
		switch {
		case before(a, b):
			return -1
		case before(b, a):
			return 1
		}
		return 0
	})
}

// topK returns the k most likely candidates, most likely first: one pass
// keeping a min-heap of k (the least likely kept at its root).
func topK(c []candidate, k int) []candidate {
	h := make([]candidate, 0, k)
	less := func(i, j int) bool { return before(h[j], h[i]) } // min-heap by likelihood
	down := func(i int) {
		for {
			l, small := 2*i+1, i
			if l < len(h) && less(l, small) {
				small = l
			}
			if r := l + 1; r < len(h) && less(r, small) {
				small = r
			}
			if small == i {
				return
			}
			h[i], h[small] = h[small], h[i]
			i = small
		}
	}
	for _, x := range c {
		switch {
		case len(h) < k:
			h = append(h, x)
			for i := len(h) - 1; i > 0 && less(i, (i-1)/2); i = (i - 1) / 2 {
				h[i], h[(i-1)/2] = h[(i-1)/2], h[i]
			}
		case before(x, h[0]):
			h[0] = x
			down(0)
		}
	}
	sortMostLikely(h)
	return h
}

// nucleus keeps the smallest most-likely-first set whose probability
// reaches p. Only candidates above a threshold are sorted; the threshold is
// lowered until their mass reaches p (every candidate left out is less
// likely than every one kept, so the set is the same as a full sort's).
func nucleus(c []candidate, probs []float64, p float64) ([]candidate, []float64) {
	top := slices.Max(probs)
	for t := top * 1e-3; ; t *= 1e-3 {
		var idx []int
		var mass float64
		for i, q := range probs {
			if q >= t {
				idx = append(idx, i)
				mass += q
			}
		}
		if mass < p && t > 0 && len(idx) < len(probs) {
			continue
		}
		slices.SortFunc(idx, func(a, b int) int {
			switch {
			case before(c[a], c[b]):
				return -1
			case before(c[b], c[a]):
				return 1
			}
			return 0
		})
		keptC, keptP := make([]candidate, 0, len(idx)), make([]float64, 0, len(idx))
		var cum float64
		for _, i := range idx {
			keptC, keptP = append(keptC, c[i]), append(keptP, probs[i])
			if cum += probs[i]; cum >= p {
				break
			}
		}
		return keptC, keptP
	}
}

// minP drops candidates less likely than minP × the most likely one.
func minP(c []candidate, probs []float64, minP float64) ([]candidate, []float64) {
	threshold := minP * slices.Max(probs)
	n := 0
	for i, q := range probs {
		if q >= threshold {
			c[n], probs[n] = c[i], q
			n++
		}
	}
	return c[:n], probs[:n]
}

// penalize applies the repetition penalty to the candidates of seen tokens.
func (s *Sampler) penalize(seen []int32) {
	pen := s.p.RepetitionPenalty
	seenSet := make(map[int32]bool, len(seen))
	for _, id := range seen {
		seenSet[id] = true
	}
	for i := range s.work {
		if !seenSet[s.work[i].id] {
			continue
		}
		if s.work[i].logit > 0 {
			s.work[i].logit /= pen
		} else {
			s.work[i].logit *= pen
		}
	}
}

// greedy is argmax over the candidates Next would list (NaN and -Inf
// excluded), without listing them: the first of equal maxima wins.
func greedy(logits []float32) (int32, error) {
	best, bestID := float32(math.Inf(-1)), int32(-1)
	for i, l := range logits {
		if l > best { // never for NaN or -Inf
			best, bestID = l, int32(i)
		}
	}
	if bestID < 0 {
		return 0, ErrNoCandidates
	}
	return bestID, nil
}

func argmax(c []candidate) int32 {
	best := c[0]
	for _, x := range c[1:] {
		if x.logit > best.logit {
			best = x
		}
	}
	return best.id
}

// softmax of the candidates' logits divided by temperature, in their
// order, into the sampler's buffer. The exponentials are float32 (within
// 2 ulp, 16 at a time: vecmath), summed in float64: float64 math.Exp over a
// 128K vocabulary cost ~1.5 ms per token and sequence, serial in the last
// stage.
func (s *Sampler) softmax(c []candidate, temperature float64) []float64 {
	top := c[0].logit
	for _, x := range c[1:] {
		if x.logit > top { // candidates hold no NaN
			top = x.logit
		}
	}
	e := grow(&s.exps, len(c))
	inv := 1 / temperature
	for i, x := range c {
		e[i] = float32((x.logit - top) * inv)
	}
	vecmath.ExpSlice(e, e)
	var sum float64
	for _, v := range e {
		sum += float64(v)
	}
	probs := grow(&s.probs, len(c))
	inv = 1 / sum
	for i, v := range e {
		probs[i] = float64(v) * inv
	}
	return probs
}

// grow returns (*buf)[:n], reallocating *buf when it is too short.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	return (*buf)[:n]
}

// IsStop reports whether id is one of the stop (EOS) ids.
func IsStop(id int32, stops []int) bool { return slices.Contains(stops, int(id)) }
