package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestBenchAPI: `bench api` drives the real API server with concurrent
// keyed clients and every request is answered.
func TestBenchAPI(t *testing.T) {
	model := filepath.Join(t.TempDir(), "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	var res APIResult
	if err := json.Unmarshal([]byte(mustRun(t, "bench", "api", "--model", model, "--clients", "8", "--duration", "1s", "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if res.Requests == 0 || res.Errors != 0 || res.RequestsPerS <= 0 || res.TokensPerS <= 0 || res.Clients != 8 {
		t.Fatalf("bench api = %+v", res)
	}
}

// TestBenchX402Temporal: with --temporal the workflow-settled rounds (the
// worker on its own client and the in-process one) are paid exactly once
// each too, on a dev server keeping its state in a file (WAL) as
// `computepool dev` does.
func TestBenchX402Temporal(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	var res X402Result
	if err := json.Unmarshal([]byte(mustRun(t, "bench", "x402", "--model", model, "--rounds", "2", "--temporal",
		"--temporal-db", filepath.Join(dir, "temporal.db"), "--json")), &res); err != nil {
		t.Fatal(err)
	}
	// 3 paid paths × 4 requests (2 warm-up) × 1000 base units, one payee.
	if res.Settlements != 4 || res.TemporalSettlements != 4 || res.Transactions != 4 || res.PaidTotal != "12000" ||
		res.TemporalPaidP50Ms <= 0 || res.InProcessPaidP50Ms <= 0 {
		t.Fatalf("bench x402 --temporal = %+v", res)
	}
}
