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
	"sort"
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
	p    Params
	rng  *rand.Rand
	work []candidate
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
	if s.p.RepetitionPenalty > 0 && s.p.RepetitionPenalty != 1 && len(seen) > 0 {
		s.penalize(seen)
	}
	if s.p.Temperature == 0 {
		return argmax(c), nil
	}
	for i := range c {
		c[i].logit /= s.p.Temperature
	}
	// Most likely first; ties by id so results do not depend on sort internals.
	sort.Slice(c, func(i, j int) bool {
		if c[i].logit != c[j].logit {
			return c[i].logit > c[j].logit
		}
		return c[i].id < c[j].id
	})
	if s.p.TopK > 0 && s.p.TopK < len(c) {
		c = c[:s.p.TopK]
	}
	probs := softmax(c)
	if s.p.TopP > 0 && s.p.TopP < 1 {
		var cum float64
		for i, p := range probs {
			cum += p
			if cum >= s.p.TopP {
				c, probs = c[:i+1], probs[:i+1]
				break
			}
		}
	}
	if s.p.MinP > 0 {
		threshold := s.p.MinP * probs[0]
		n := 1
		for n < len(probs) && probs[n] >= threshold {
			n++
		}
		c, probs = c[:n], probs[:n]
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

func argmax(c []candidate) int32 {
	best := c[0]
	for _, x := range c[1:] {
		if x.logit > best.logit {
			best = x
		}
	}
	return best.id
}

// softmax of candidates sorted by decreasing logit.
func softmax(c []candidate) []float64 {
	probs := make([]float64, len(c))
	var sum float64
	for i, x := range c {
		probs[i] = math.Exp(x.logit - c[0].logit)
		sum += probs[i]
	}
	for i := range probs {
		probs[i] /= sum
	}
	return probs
}

// IsStop reports whether id is one of the stop (EOS) ids.
func IsStop(id int32, stops []int) bool { return slices.Contains(stops, int(id)) }
