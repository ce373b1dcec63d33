package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// bench decode --op-profile on the cpu backend: the per-op times of the
// decode steps are reported, the weight products and fused attention among
// them, and add up to no more than the steps took; other backends refuse it.
func TestBenchDecodeOpProfile(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	out := mustRun(t, "bench", "decode", "--model", model, "--backend", "cpu", "--batch", "2", "--prompt-tokens", "4",
		"--decode-tokens", "3", "--capacity", "16", "--bandwidth-mb", "8", "--op-profile", "--json")
	var res DecodeResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if res.WeightDType != "BFloat16" {
		t.Errorf("weight_dtype %q for a bf16 checkpoint on the cpu backend, want BFloat16", res.WeightDType)
	}
	var total float64
	var products, attention bool
	for _, o := range res.OpProfile {
		total += o.MsPerStep
		products = products || strings.HasPrefix(o.Op, "DotGeneral")
		attention = attention || strings.HasPrefix(o.Op, "attention(2 seqs)")
		if o.CallsPerStep <= 0 || o.MsPerStep < 0 {
			t.Errorf("op %+v: calls and time per step must be positive", o)
		}
	}
	if !products || !attention {
		t.Errorf("op profile %+v lacks the weight products or the fused attention", res.OpProfile)
	}
	// Every op runs inside a step: their sum cannot exceed the steps' mean.
	if mean := float64(res.Batch) / res.DecodeTokensPerS * 1000; total > mean {
		t.Errorf("ops sum to %.3f ms a step, more than the step's %.3f ms", total, mean)
	}

	_, err := run(t, "bench", "decode", "--model", model, "--backend", "go", "--decode-tokens", "1", "--op-profile")
	if err == nil || !strings.Contains(err.Error(), "--op-profile needs the cpu backend") {
		t.Errorf("--op-profile on the go backend: error %v, want it refused", err)
	}
}

// bench pipeline runs both sides over three rounds (order swapped in the
// second) and reports rates, their ratio and the per-token split.
func TestBenchPipeline(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	out := mustRun(t, "bench", "pipeline", "--model", model, "--stages", "2", "--tokens", "4", "--rounds", "3", "--json")
	var res PipelineResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if res.SingleTokensPerS <= 0 || res.PipelineTokensPerS <= 0 {
		t.Fatalf("rates %+v must be positive", res)
	}
	if r := res.PipelineTokensPerS / res.SingleTokensPerS; math.Abs(r-res.Ratio) > 1e-9 {
		t.Errorf("ratio %v, the rates give %v", res.Ratio, r)
	}
	if len(res.RoundRatios) != 3 {
		t.Errorf("round ratios %v: want one per round (3)", res.RoundRatios)
	}
	for _, r := range res.RoundRatios {
		if r <= 0 {
			t.Errorf("round ratios %v must be positive", res.RoundRatios)
		}
	}
	if res.PerTokenMs <= 0 || res.ComputeMs <= 0 || res.ComputeMs+res.SerializationMs > res.PerTokenMs {
		t.Errorf("per-token split %v = %v compute + %v coding + %v other: compute and coding must fit in the token's time",
			res.PerTokenMs, res.ComputeMs, res.SerializationMs, res.NetworkMs)
	}
}
