package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestPlan(t *testing.T) {
	model := filepath.Join(t.TempDir(), "m")
	mustRun(t, "genmodel", "--arch", "qwen3", "--preset", "tiny", "--out", model)
	var stages []struct {
		Layers string
		Fill   float64
	}
	if err := json.Unmarshal([]byte(mustRun(t, "plan", "--model", model, "--memory", "64MiB,32MiB,32MiB", "--slots", "1", "--capacity", "64")), &stages); err != nil {
		t.Fatal(err)
	}
	if len(stages) != 3 || !strings.HasPrefix(stages[0].Layers, "0:") || !strings.HasSuffix(stages[2].Layers, ":6") {
		t.Fatalf("plan %+v", stages)
	}
	// An int8 copy takes half the bytes: half the memory gives the same split.
	int8 := filepath.Join(t.TempDir(), "m8")
	mustRun(t, "quantize", "--model", model, "--out", int8)
	var halved []struct {
		Layers string
		Fill   float64
	}
	if err := json.Unmarshal([]byte(mustRun(t, "plan", "--model", int8, "--memory", "32MiB,16MiB,16MiB", "--slots", "1", "--capacity", "64")), &halved); err != nil {
		t.Fatal(err)
	}
	if len(halved) != 3 || halved[0].Layers != stages[0].Layers || halved[1].Layers != stages[1].Layers {
		t.Errorf("int8 plan on half the memory %+v, bf16 plan %+v", halved, stages)
	}
	if _, err := run(t, "plan", "--model", model, "--memory", "1MiB,1MiB"); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Fatalf("a model too big for its nodes: %v", err)
	}
	if _, err := run(t, "plan", "--model", model, "--memory", "lots"); err == nil || !strings.Contains(err.Error(), "--memory") {
		t.Fatalf("bad size: %v", err)
	}
}
