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

	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/workers"
)

// TestAPIPoolsThroughTemporal: with --temporal the API's pool operations
// are pool workflows on a real Temporal server (a control worker runs them).
func TestAPIPoolsThroughTemporal(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	if err := workers.EnsureSearchAttributes(ctx, srv.GetDefaultClient(), srv.GetDefaultNamespace()); err != nil {
		t.Fatal(err)
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, nil) })
	t.Setenv(workers.EnvAddress, srv.GetFrontendHostPort())
	t.Setenv(workers.EnvNamespace, srv.GetDefaultNamespace())

	model := filepath.Join(t.TempDir(), "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	port := freePort(t)
	out := &syncBuffer{}
	stdout = out
	apiCtx, stopAPI := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- runAPI(apiCtx, zaptest.NewLogger(t), []string{"--model", model, "--no-auth", "--temporal",
			"--http", fmt.Sprintf("127.0.0.1:%d", port), "--grpc", fmt.Sprintf("127.0.0.1:%d", freePort(t))})
	}()
	defer func() { stopAPI(); <-done }()
	for !strings.Contains(out.String(), "ready: ") {
		select {
		case err := <-done:
			t.Fatalf("api exited: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	base := fmt.Sprintf("http://127.0.0.1:%d/api/v1/pools", port)
	resp, err := http.Post(base, "application/json", strings.NewReader(`{"name":"p1","model":"tiny"}`))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create pool: %d %s", resp.StatusCode, b)
	}
	// The pool is a workflow now: the Temporal client sees it.
	desc, err := srv.GetDefaultClient().DescribeWorkflowExecution(ctx, "pool/p1", "")
	if err != nil {
		t.Fatalf("no pool workflow behind the API's pool: %v", err)
	}
	if desc.WorkflowExecutionInfo.Type.Name == "" {
		t.Fatal("pool workflow without a type")
	}
	resp, err = http.Get(base + "/p1")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var got struct {
		Name  string `json:"name"`
		State string `json:"state"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(b, &got) != nil || got.Name != "p1" || !strings.Contains(got.State, "CREATED") {
		t.Fatalf("get pool: %d %s", resp.StatusCode, b)
	}
}
