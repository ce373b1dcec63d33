package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/axl"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// TestShardProcessesServeTemporalLoads: two `computepool shard --temporal`
// processes start with no layers and poll their nodes' task queues; the
// pool workflow's load runs in them (layer ranges and next-stage peer ids
// from the workflow), and generation through the pipeline they now serve
// gives exactly the single-process tokens. Unload stops the stages.
func TestShardProcessesServeTemporalLoads(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c := srv.GetDefaultClient()
	if err := workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()); err != nil {
		t.Fatal(err)
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, nil) })
	t.Setenv(workers.EnvAddress, srv.GetFrontendHostPort())
	t.Setenv(workers.EnvNamespace, srv.GetDefaultNamespace())

	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model, "--seed", "9")
	prompt := "12,7,99,1024,5,3,8,60000,31,2,77"
	var want, got struct {
		TokenIDs []int32 `json:"token_ids"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "8", "--ignore-eos", "--json")), &want); err != nil {
		t.Fatal(err)
	}

	var ids, dirs, listen []string
	for i := 0; i < 3; i++ { // two stages and the generate head
		d := filepath.Join(dir, fmt.Sprintf("axl%d", i))
		cfg, err := axl.LoadOrInitDir(d)
		if err != nil {
			t.Fatal(err)
		}
		ids, dirs = append(ids, string(cfg.ID())), append(dirs, d)
		listen = append(listen, fmt.Sprintf("tls://127.0.0.1:%d", freePort(t)))
	}
	allow := strings.Join(ids, ",")
	for i := 0; i < 2; i++ {
		startProcess(t, "shard", "--temporal", "--node", fmt.Sprintf("n%d", i), "--index", fmt.Sprint(i),
			"--axl-dir", dirs[i], "--listen", listen[i], "--peer", strings.Join(listen[:i], ","), "--allow", allow,
			"--slots", "2", "--capacity", "64")
	}

	id := pool.WorkflowID("p1")
	if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue}, pool.WorkflowName,
		pool.Input{Config: pool.Config{Name: "p1", Model: model, NumLayers: 6, RetryInitialInterval: 200 * time.Millisecond}}); err != nil {
		t.Fatal(err)
	}
	upd := func(name string, args ...any) pool.State {
		t.Helper()
		h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: name, Args: args,
			WaitForStage: client.WorkflowUpdateStageCompleted})
		var st pool.State
		if err == nil {
			err = h.Get(ctx, &st)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return st
	}
	upd(pool.UpdateAddNode, pool.Node{ID: "n0", PeerID: ids[0], LayerStart: 0, LayerEnd: 3})
	upd(pool.UpdateAddNode, pool.Node{ID: "n1", PeerID: ids[1], LayerStart: 3, LayerEnd: 6})
	upd(pool.UpdateInitialize)
	if st := upd(pool.UpdateLoad); st.Status != pool.StatusReady {
		t.Fatalf("after load: %s (%s)", st.Status, st.LastError)
	}

	out := mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "8", "--ignore-eos", "--json",
		"--pipeline", strings.Join(ids[:2], ","), "--axl-dir", dirs[2], "--listen", listen[2],
		"--peer", strings.Join(listen[:2], ","), "--allow", allow)
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if len(want.TokenIDs) != 8 || fmt.Sprint(got.TokenIDs) != fmt.Sprint(want.TokenIDs) {
		t.Fatalf("pipeline loaded by the workflow: %v, single process: %v", got.TokenIDs, want.TokenIDs)
	}
	if st := upd(pool.UpdateUnload); st.Status != pool.StatusWiring {
		t.Fatalf("after unload: %s (%s)", st.Status, st.LastError)
	}
	upd(pool.UpdateClose)
}

// TestSlashedShardProcessIsReplacedByStandby: three `shard --temporal`
// processes, n0 and n1 loaded by the pool workflow, n2 a standby. n1 is
// SIGKILLed; its missed heartbeats are evidence, the standby loads n1's
// layers, n0 is reloaded with its new next stage, and generation through
// n0 → n2 gives exactly the single-process tokens.
func TestSlashedShardProcessIsReplacedByStandby(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	c := srv.GetDefaultClient()
	if err := workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()); err != nil {
		t.Fatal(err)
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, nil) })
	t.Setenv(workers.EnvAddress, srv.GetFrontendHostPort())
	t.Setenv(workers.EnvNamespace, srv.GetDefaultNamespace())

	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "qwen3", "--preset", "tiny", "--out", model, "--seed", "3")
	prompt := "5,6,7,8,9,10,11"
	var want, got struct {
		TokenIDs []int32 `json:"token_ids"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "6", "--ignore-eos", "--json")), &want); err != nil {
		t.Fatal(err)
	}
	var ids, dirs, listen []string
	for i := 0; i < 4; i++ { // n0, n1, standby n2, the generate head
		d := filepath.Join(dir, fmt.Sprintf("axl%d", i))
		cfg, err := axl.LoadOrInitDir(d)
		if err != nil {
			t.Fatal(err)
		}
		ids, dirs = append(ids, string(cfg.ID())), append(dirs, d)
		listen = append(listen, fmt.Sprintf("tls://127.0.0.1:%d", freePort(t)))
	}
	allow := strings.Join(ids, ",")
	procs := make([]interface{ Kill() error }, 3)
	metricsAddr := fmt.Sprintf("127.0.0.1:%d", freePort(t)) // n0's /metrics: the stage it is given
	for i := 0; i < 3; i++ {
		args := []string{"shard", "--temporal", "--node", fmt.Sprintf("n%d", i), "--index", fmt.Sprint(i),
			"--axl-dir", dirs[i], "--listen", listen[i], "--peer", strings.Join(listen[:i], ","), "--allow", allow,
			"--slots", "2", "--capacity", "64"}
		if i == 0 {
			args = append(args, "--metrics", metricsAddr)
		}
		p := startProcess(t, args...)
		procs[i] = p.Process
	}

	id := pool.WorkflowID("p2")
	if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue}, pool.WorkflowName,
		pool.Input{Config: pool.Config{Name: "p2", Model: model, NumLayers: 6, RetryInitialInterval: 200 * time.Millisecond,
			Health: pool.HealthPolicy{Interval: 500 * time.Millisecond, Timeout: 2 * time.Second, MaxMissed: 3}}}); err != nil {
		t.Fatal(err)
	}
	upd := func(name string, args ...any) pool.State {
		t.Helper()
		h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: name, Args: args,
			WaitForStage: client.WorkflowUpdateStageCompleted})
		var st pool.State
		if err == nil {
			err = h.Get(ctx, &st)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return st
	}
	upd(pool.UpdateAddNode, pool.Node{ID: "n0", PeerID: ids[0], LayerStart: 0, LayerEnd: 2})
	upd(pool.UpdateAddNode, pool.Node{ID: "n1", PeerID: ids[1], LayerStart: 2, LayerEnd: 6})
	upd(pool.UpdateAddNode, pool.Node{ID: "n2", PeerID: ids[2], Standby: true})
	upd(pool.UpdateInitialize)
	if st := upd(pool.UpdateLoad); st.Status != pool.StatusReady {
		t.Fatalf("after load: %s (%s)", st.Status, st.LastError)
	}

	if err := procs[1].Kill(); err != nil {
		t.Fatal(err)
	}
	var st pool.State
	deadline := time.Now().Add(90 * time.Second)
	for {
		v, err := c.QueryWorkflow(ctx, id, "", pool.QueryState)
		if err != nil {
			t.Fatal(err)
		}
		var s pool.Snapshot
		if err := v.Get(&s); err != nil {
			t.Fatal(err)
		}
		st = s.State
		if len(st.Evidence) == 1 && st.Status == pool.StatusReady && len(st.Nodes) == 2 && st.Nodes[1].ID == "n2" && st.Nodes[1].Loaded {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no replacement: %+v", st)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if r := st.Evidence[0]; r.Evidence.Kind != pool.EvidenceMissedHeartbeats || r.Evidence.NodeID != "n1" || r.Replacement != "n2" {
		t.Fatalf("evidence %+v", r)
	}
	// n0 was pointed at n2 without reloading its weights.
	rewired := false
	scheduled := map[int64]string{} // event id → activity type
	for it := c.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT); it.HasNext(); {
		e, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if a := e.GetActivityTaskScheduledEventAttributes(); a != nil {
			scheduled[e.GetEventId()] = a.GetActivityType().GetName()
		}
		a := e.GetActivityTaskCompletedEventAttributes()
		if a == nil || scheduled[a.GetScheduledEventId()] != "LoadShard" {
			continue
		}
		var r activities.LoadResult
		if err := converter.GetDefaultDataConverter().FromPayloads(a.GetResult(), &r); err != nil {
			t.Fatalf("LoadShard result: %v", err)
		}
		rewired = rewired || (r.Rewired && r.NodeID == "n0")
	}
	if !rewired {
		t.Fatal("n0 was reloaded instead of rewired")
	}
	resp, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || !strings.Contains(string(body), `computepool_stage_kv_slots_in_use{pool="p2",stage="0"}`) {
		t.Fatalf("shard --temporal --metrics: %v\n%s", err, body)
	}

	out := mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "6", "--ignore-eos", "--json",
		"--pipeline", ids[0]+","+ids[2], "--axl-dir", dirs[3], "--listen", listen[3],
		"--peer", listen[0]+","+listen[2], "--allow", allow)
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%q: %v", out, err)
	}
	if len(want.TokenIDs) != 6 || fmt.Sprint(got.TokenIDs) != fmt.Sprint(want.TokenIDs) {
		t.Fatalf("pipeline after the replacement: %v, single process: %v", got.TokenIDs, want.TokenIDs)
	}
}
