package api

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/model/genmodel"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/safetensors"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

// collectTokens drains a Generator's events.
func collectTokens(t *testing.T, events <-chan TokenEvent) ([]int32, TokenEvent) {
	t.Helper()
	var toks []int32
	for ev := range events {
		if ev.Final {
			return toks, ev
		}
		toks = append(toks, ev.Token)
	}
	t.Fatal("no final event")
	return nil, TokenEvent{}
}

// TestPipelineGeneratorEqualsChain: the API's view of a two-stage pipeline
// over AXL (tokens, finish reason, usage) equals the in-process generator's.
func TestPipelineGeneratorEqualsChain(t *testing.T) {
	c, err := genmodel.Preset("llama", "tiny")
	if err != nil {
		t.Fatal(err)
	}
	genmodel.ShrinkVocab(c, 512)
	dir := t.TempDir()
	if err := genmodel.Write(dir, c, genmodel.Options{DType: safetensors.F32, Seed: 3}, zap.NewNop()); err != nil {
		t.Fatal(err)
	}
	be, err := backend.New("")
	if err != nil {
		t.Fatal(err)
	}
	load := func(r model.Range) *shard.Runtime {
		m, err := model.Load(context.Background(), dir, r, be, zap.NewNop())
		if err != nil {
			t.Fatal(err)
		}
		rt, err := shard.New(m, shard.Options{Slots: 2, Capacity: 64}, zap.NewNop())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rt.Close(); m.Close() })
		return rt
	}
	whole, err := NewChainGenerator(shard.Chain{load(model.Range{Start: 0, End: 6})})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	l, err := pipeline.StartLocal(ctx, []*shard.Runtime{load(model.Range{Start: 0, End: 3}), load(model.Range{Start: 3, End: 6})}, pipeline.LocalOptions{}, zap.NewNop())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	piped := NewPipelineGenerator(l.Head)
	rng := rand.New(rand.NewPCG(1, 1))
	for i, sp := range []sample.Params{{}, {Temperature: 0.8, TopK: 20, Seed: 4}} {
		prompt := make([]int32, 9)
		for j := range prompt {
			prompt[j] = int32(rng.IntN(500))
		}
		req := TokenRequest{Prompt: prompt, MaxTokens: 7, Sampling: sp, StopIDs: []int{511}}
		ev, err := whole.Generate(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		want, wantEnd := collectTokens(t, ev)
		ev, err = piped.Generate(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		got, gotEnd := collectTokens(t, ev)
		if len(got) != len(want) || gotEnd.FinishReason != wantEnd.FinishReason || gotEnd.Usage != wantEnd.Usage || gotEnd.Err != nil {
			t.Fatalf("request %d: pipeline %v %+v, in process %v %+v", i, got, gotEnd, want, wantEnd)
		}
		for j := range got {
			if got[j] != want[j] {
				t.Fatalf("request %d: pipeline %v, in process %v", i, got, want)
			}
		}
	}
}
