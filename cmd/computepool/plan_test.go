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
	if _, err := run(t, "plan", "--model", model, "--memory", "1MiB,1MiB"); err == nil || !strings.Contains(err.Error(), "does not fit") {
		t.Fatalf("a model too big for its nodes: %v", err)
	}
	if _, err := run(t, "plan", "--model", model, "--memory", "lots"); err == nil || !strings.Contains(err.Error(), "--memory") {
		t.Fatalf("bad size: %v", err)
	}
}
