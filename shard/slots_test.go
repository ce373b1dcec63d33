package shard

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/computepool/computepool/safetensors"
)

// Acquire, Length and Release answer while a step computes (a stage's
// network side takes slots for new prompts during a long prefill and must
// keep answering its peers meanwhile). A slot released during a step that
// uses it keeps none of that step's tokens, and works for its next sequence.
func TestSlotCallsDoNotWaitForAStep(t *testing.T) {
	dir := tinyModel(t, "llama", safetensors.F32, nil)
	st := loadChain(t, dir, Options{Slots: 3, Capacity: 32})[0]
	ctx := context.Background()
	prompt := randomIDs(5, 512, 60)
	a, _ := st.Acquire()
	b, _ := st.Acquire()

	entered, resume := make(chan struct{}), make(chan struct{})
	var once sync.Once
	st.testHookCompute = func() { once.Do(func() { close(entered); <-resume }) }
	type result struct {
		outs []Output
		err  error
	}
	done := make(chan result, 1)
	go func() {
		outs, err := st.Forward(ctx, []Input{{Slot: a, Tokens: prompt}, {Slot: b, Tokens: prompt}})
		done <- result{outs, err}
	}()
	<-entered

	answered := make(chan int, 1)
	go func() {
		c, err := st.Acquire()
		if err != nil {
			t.Error(err)
		}
		st.Length(a)
		st.Release(b) // released mid-step...
		answered <- c
	}()
	var c int
	select {
	case c = <-answered:
	case <-time.After(10 * time.Second):
		close(resume)
		t.Fatal("slot calls waited for the step to finish")
	}
	b2, err := st.Acquire() // ...and taken by a new sequence
	if err != nil {
		t.Fatal(err)
	}
	close(resume)
	res := <-done
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got := st.Length(a); got != len(prompt) {
		t.Fatalf("slot %d holds %d tokens after the step, want %d", a, got, len(prompt))
	}
	if got := st.Length(b2); got != 0 {
		t.Fatalf("slot %d, released during the step and acquired again, holds %d tokens, want 0", b2, got)
	}
	if res.outs[0].Logits == nil || res.outs[1].Logits != nil {
		t.Fatalf("outputs: kept slot has logits %v, released slot has logits %v", res.outs[0].Logits != nil, res.outs[1].Logits != nil)
	}
	// The re-acquired slot runs its new sequence as a fresh slot does.
	fresh, err := st.Forward(ctx, []Input{{Slot: b2, Tokens: prompt}, {Slot: c, Tokens: prompt}})
	if err != nil {
		t.Fatal(err)
	}
	for j := range fresh[0].Logits {
		if fresh[0].Logits[j] != fresh[1].Logits[j] {
			t.Fatalf("logit %d: re-acquired slot %v, fresh slot %v", j, fresh[0].Logits[j], fresh[1].Logits[j])
		}
	}
}
