package api

import (
	"context"
	"errors"
	"testing"

	"go.uber.org/zap"
)

// countingGenerator emits n tokens and a final event with usage.
type countingGenerator struct{ n int }

func (g countingGenerator) Generate(ctx context.Context, req TokenRequest) (<-chan TokenEvent, error) {
	ch := make(chan TokenEvent, g.n+1)
	for i := 0; i < g.n; i++ {
		ch <- TokenEvent{Token: int32(i)}
	}
	ch <- TokenEvent{Final: true, FinishReason: FinishLength,
		Usage: Usage{PromptTokens: len(req.Prompt), CompletionTokens: g.n, TotalTokens: len(req.Prompt) + g.n}}
	close(ch)
	return ch, nil
}

func TestMeteredGeneratorBatchesAndNeverDrops(t *testing.T) {
	var reported [][2]int64
	fail := true
	m := NewMeteredGenerator(countingGenerator{n: 4}, 0, func(_ context.Context, r, tk int64) error {
		if fail {
			return errors.New("control plane unreachable")
		}
		reported = append(reported, [2]int64{r, tk})
		return nil
	}, zap.NewNop())
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		events, err := m.Generate(ctx, TokenRequest{Prompt: []int32{1, 2}, MaxTokens: 4})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for range events {
			n++
		}
		if n != 5 {
			t.Fatalf("%d events passed through, want 5", n)
		}
	}
	m.Flush(ctx) // fails: kept
	fail = false
	m.Flush(ctx)
	m.Flush(ctx) // nothing new: no report
	if len(reported) != 1 || reported[0] != [2]int64{3, 18} {
		t.Fatalf("reports %v, want one batch of 3 requests, 18 tokens", reported)
	}
}
