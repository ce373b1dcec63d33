package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.uber.org/zap"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/backend"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/shard"
	"github.com/computepool/computepool/workers"
)

// The shard process's loader serves one stage: loading pool b drops pool
// a (the probe and a repeated load of a see it), a failed rewire leaves
// nothing held, and --metrics follows whatever stage is loaded.
func TestStageLoaderHoldsOneStage(t *testing.T) {
	ctx := context.Background()
	log := zaptest.NewLogger(t, zaptest.Level(zap.WarnLevel))
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model, "--seed", "9")
	be, err := backend.New("")
	if err != nil {
		t.Fatal(err)
	}
	af := axlFlags{dir: filepath.Join(dir, "axl")}
	node, err := af.start(log)
	if err != nil {
		t.Fatal(err)
	}
	defer node.Close()
	l := &stageLoader{node: node, backend: be, model: model, index: 1, next: node.ID(), wire: pipeline.DTypeF32,
		opts: shard.Options{Slots: 1, Capacity: 64}, log: log}
	defer l.close()
	sh := &activities.Shard{Loader: l, Log: log}
	reg := prometheus.NewRegistry()
	reg.MustRegister(stageCollector{l: l})
	series := func() int {
		n, err := testutil.GatherAndCount(reg)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := series(); n != 0 {
		t.Fatalf("%d series before any load", n)
	}

	a := activities.LoadRequest{Pool: "a", NodeID: "n0", Model: model, LayerStart: 0, LayerEnd: 3}
	b := activities.LoadRequest{Pool: "b", NodeID: "n0", Model: model, LayerStart: 3, LayerEnd: 6}
	for _, r := range []activities.LoadRequest{a, b} {
		if err := l.Load(ctx, r, func(string) {}); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok := l.Holds("a"); ok {
		t.Fatal("pool a is held after pool b was loaded")
	}
	if h, _ := sh.ShardHealth(ctx, "a"); h.Loaded {
		t.Fatalf("probe of pool a: %+v", h)
	}
	if h, _ := sh.ShardHealth(ctx, "b"); !h.Loaded || h.LayerStart != 3 || h.LayerEnd != 6 {
		t.Fatalf("probe of pool b: %+v", h)
	}
	if series() == 0 {
		t.Fatal("no metrics for the loaded stage")
	}
	if err := testutil.GatherAndCompare(reg, strings.NewReader(`
# HELP computepool_stage_kv_slots_in_use Requests holding a KV slot on this stage.
# TYPE computepool_stage_kv_slots_in_use gauge
computepool_stage_kv_slots_in_use{pool="b",stage="1"} 0
`), "computepool_stage_kv_slots_in_use"); err != nil {
		t.Fatal(err)
	}

	l.wire = 99 // the stage cannot restart
	rb := b
	rb.Next = string(node.ID())
	if err := l.Rewire(ctx, rb); err == nil {
		t.Fatal("rewire with a bad wire dtype")
	}
	if _, ok := l.Holds("b"); ok {
		t.Fatal("pool b is held after its stage failed to restart")
	}
	if n := series(); n != 0 {
		t.Fatalf("%d series with no stage", n)
	}
}

// `shard --temporal --layers` is refused: the workflow assigns the layers.
func TestShardTemporalRejectsLayers(t *testing.T) {
	t.Setenv(workers.EnvAddress, "127.0.0.1:1")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stdout = &strings.Builder{}
	err := commands["shard"].run(ctx, zap.NewNop(), []string{"--temporal", "--node", "n0", "--layers", "0:3",
		"--axl-dir", filepath.Join(t.TempDir(), "axl")})
	if err == nil || !strings.Contains(err.Error(), "--layers is not allowed") {
		t.Fatalf("shard --temporal --layers: %v", err)
	}
}
