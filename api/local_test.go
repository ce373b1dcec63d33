package api

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/tokenizer"
)

// TestQueueSheds: with one slot and a queue of one, a third concurrent
// generation is refused at once; cancelling the first lets the queued one run.
func TestQueueSheds(t *testing.T) {
	m := tinyForInternal(t)
	chain := m.Generator.(*ChainGenerator).chain
	g, err := NewChainGeneratorQueue(shard.Chain{chain[0]}, 1)
	if err != nil {
		t.Fatal(err)
	}
	g.slots = make(chan struct{}, 1)
	prompt := m.Tokenizer.Encode("hello", tokenizer.EncodeOptions{})
	req := TokenRequest{Prompt: prompt, MaxTokens: 200}

	ctxA, cancelA := context.WithCancel(context.Background())
	if _, err := g.Generate(ctxA, req); err != nil { // holds the slot: nobody reads its events
		t.Fatal(err)
	}
	queued := make(chan error, 1)
	go func() {
		ev, err := g.Generate(context.Background(), TokenRequest{Prompt: prompt, MaxTokens: 2})
		if err == nil {
			for e := range ev {
				if e.Final {
					err = e.Err
				}
			}
		}
		queued <- err
	}()
	for deadline := time.Now().Add(10 * time.Second); len(g.queue) == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the second generation never queued")
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := g.Generate(context.Background(), req); !errors.Is(err, ErrOverloaded) {
		t.Fatalf("third generation = %v, want ErrOverloaded", err)
	}
	cancelA()
	select {
	case err := <-queued:
		if err != nil {
			t.Fatalf("queued generation: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the queued generation did not run after the first was cancelled")
	}
}
