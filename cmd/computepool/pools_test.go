package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/poolctl"
)

// verifyingHost loads nothing and recomputes every step to "0xgood".
type verifyingHost struct{}

func (verifyingHost) Load(context.Context, activities.LoadRequest, func(string)) error { return nil }
func (verifyingHost) Unload(context.Context, string) error                             { return nil }
func (verifyingHost) Recompute(context.Context, activities.RecomputeRequest) (string, error) {
	return "0xgood", nil
}

// TestPoolsEvidenceCLI: `pools add-standby` adds a spare; a wrong result
// verified on it is evidence that `pools evidence` lists (and --json gives
// with its hash and JSON), the standby having taken the node's place.
func TestPoolsEvidenceCLI(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := srv.GetDefaultClient()
	if err := workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()); err != nil {
		t.Fatal(err)
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, nil) })
	for _, id := range []string{"n0", "n1", "n2"} {
		srv.NewWorker(activities.ShardTaskQueue(id), func(r worker.Registry) {
			workers.RegisterShard(r, &activities.Shard{Loader: verifyingHost{}, Log: zap.NewNop()})
		})
	}
	t.Setenv(workers.EnvAddress, srv.GetFrontendHostPort())
	t.Setenv(workers.EnvNamespace, srv.GetDefaultNamespace())

	ctl := poolctl.New(c, srv.GetDefaultNamespace(), workers.ControlTaskQueue, pool.Config{})
	if _, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: pool.WorkflowID("p1"), TaskQueue: workers.ControlTaskQueue},
		pool.WorkflowName, pool.Input{Config: pool.Config{Name: "p1", Model: "tiny", NumLayers: 16}}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []struct {
		name string
		args []any
	}{
		{pool.UpdateAddNode, []any{pool.Node{ID: "n0", LayerStart: 0, LayerEnd: 8}}},
		{pool.UpdateAddNode, []any{pool.Node{ID: "n1", LayerStart: 8, LayerEnd: 16}}},
		{pool.UpdateInitialize, nil},
		{pool.UpdateLoad, nil},
	} {
		h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: pool.WorkflowID("p1"), UpdateName: u.name, Args: u.args,
			WaitForStage: client.WorkflowUpdateStageCompleted})
		if err == nil {
			err = h.Get(ctx, nil)
		}
		if err != nil {
			t.Fatalf("%s: %v", u.name, err)
		}
	}
	var st pool.State
	if err := json.Unmarshal([]byte(mustRun(t, "pools", "add-standby", "p1", "--node", "n2")), &st); err != nil || len(st.Standby) != 1 {
		t.Fatalf("add-standby: %+v %v", st, err)
	}
	if _, err := ctl.ReportWrongResult(ctx, "p1", activities.StepSample{NodeID: "n1", RequestID: "r1", Position: 3,
		InputRef: "file:///tmp/in.npy", InputHash: "0xin", OutputHash: "0xbad"}); err != nil {
		t.Fatal(err)
	}
	table := mustRun(t, "pools", "evidence", "p1")
	for _, want := range []string{"wrong_result", "n1", pool.EvidenceNotSlashed, "n2"} {
		if !strings.Contains(table, want) {
			t.Fatalf("pools evidence lacks %q:\n%s", want, table)
		}
	}
	var recs []pool.EvidenceRecord
	if err := json.Unmarshal([]byte(mustRun(t, "pools", "evidence", "p1", "--json")), &recs); err != nil || len(recs) != 1 {
		t.Fatalf("pools evidence --json: %v %v", recs, err)
	}
	if err := pool.VerifyEvidence(recs[0]); err != nil {
		t.Fatal(err)
	}
	if recs[0].Evidence.RecomputedHash != "0xgood" || recs[0].Evidence.Verifier != "n2" || recs[0].Replacement != "n2" {
		t.Fatalf("record %+v", recs[0])
	}
	out := mustRun(t, "pools", "state", "p1")
	if !strings.Contains(out, `"slashed":[{"id":"n1"`) {
		t.Fatalf("pools state: %s", out)
	}
}

// A wrong verb, a missing name, -h or a missing --node are usage errors
// before Temporal is dialed (the address here answers nothing).
func TestPoolsUsageBeforeDial(t *testing.T) {
	t.Setenv(workers.EnvAddress, "127.0.0.1:1")
	for _, args := range [][]string{
		{"pools"},
		{"pools", "-h"},
		{"pools", "stat", "p1"},
		{"pools", "state"},
		{"pools", "state", "-h"},
		{"pools", "evidence", "p1", "-h"},
		{"pools", "add-standby", "p1"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		var out strings.Builder
		stdout = &out
		err := commands["pools"].run(ctx, zap.NewNop(), args[1:])
		late := ctx.Err()
		cancel()
		if err == nil || strings.Contains(err.Error(), "127.0.0.1:1") || strings.Contains(strings.ToLower(err.Error()), "dial") || late != nil {
			t.Errorf("%v: %v (want a usage error)", args, err)
		}
	}
}
