package pool_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// Environment of the shard worker child process (this test binary again).
const (
	envChildShard   = "COMPUTEPOOL_TEST_POOL_SHARD_WORKER"
	envChildFront   = "COMPUTEPOOL_TEST_FRONTEND"
	envChildNS      = "COMPUTEPOOL_TEST_NAMESPACE"
	envChildNode    = "COMPUTEPOOL_TEST_NODE"
	envChildLayerMS = "COMPUTEPOOL_TEST_LAYER_MS"
)

func TestMain(m *testing.M) {
	if os.Getenv(envChildShard) == "1" {
		os.Exit(childShardWorker())
	}
	os.Exit(m.Run())
}

// slowLoader loads one layer every delay, reporting each as progress (the
// activity heartbeats it) and on stdout for the parent.
type slowLoader struct{ delay time.Duration }

func (l slowLoader) Load(ctx context.Context, r activities.LoadRequest, progress func(string)) error {
	fmt.Printf("load started attempt %d\n", activity.GetInfo(ctx).Attempt)
	for i := r.LayerStart; i < r.LayerEnd; i++ {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(l.delay):
		}
		p := fmt.Sprintf("layer %d/%d", i+1-r.LayerStart, r.LayerEnd-r.LayerStart)
		progress(p)
		fmt.Println(p)
	}
	fmt.Println("loaded")
	return nil
}

func (slowLoader) Unload(context.Context, string) error { return nil }

// childShardWorker is a shard host's worker process: the real
// activities.Shard on its node's task queue, loading slowly.
func childShardWorker() int {
	c, err := client.Dial(client.Options{HostPort: os.Getenv(envChildFront), Namespace: os.Getenv(envChildNS)})
	if err != nil {
		return 5
	}
	ms, _ := strconv.Atoi(os.Getenv(envChildLayerMS))
	w := workers.NewShard(c, zap.NewNop(), os.Getenv(envChildNode), &activities.Shard{Loader: slowLoader{delay: time.Duration(ms) * time.Millisecond}, Log: zap.NewNop()})
	if err := w.Run(worker.InterruptCh()); err != nil {
		return 6
	}
	return 0
}

// startShardProcess starts a shard worker process for node and returns it
// with a channel of its stdout lines.
func startShardProcess(ctx context.Context, t *testing.T, srv *temporaltest.TestServer, node string, layerMS int) (*exec.Cmd, <-chan string) {
	t.Helper()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), envChildShard+"=1", envChildFront+"="+srv.GetFrontendHostPort(),
		envChildNS+"="+srv.GetDefaultNamespace(), envChildNode+"="+node, envChildLayerMS+"="+strconv.Itoa(layerMS))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := make(chan string, 100)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
		io.Copy(io.Discard, out) //nolint:errcheck // drain
	}()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() }) //nolint:errcheck // already dead in the good case
	return cmd, lines
}

func waitLine(t *testing.T, lines <-chan string, prefix string, within time.Duration) string {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the process ended before printing %q", prefix)
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-deadline:
			t.Fatalf("no %q within %s", prefix, within)
		}
	}
}

// Issue #6's fault test: the worker process serving shard n1's load
// activity is SIGKILLed mid-load (after 2 of its 8 layers); a restarted
// process gets the retried attempt once the heartbeat timeout notices the
// dead one, loads, and the pool workflow reaches ready.
func TestPoolLoadSurvivesShardWorkerKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts worker processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) {
		r.RegisterWorkflowWithOptions(pool.Workflow, workflow.RegisterOptions{Name: pool.WorkflowName})
	})
	n0 := newMemLoader()
	srv.NewWorker(activities.ShardTaskQueue("n0"), func(r worker.Registry) {
		workers.RegisterShard(r, &activities.Shard{Loader: n0, Log: zap.NewNop()})
	})
	first, lines := startShardProcess(ctx, t, srv, "n1", 1000)

	const name = "p-kill"
	id := pool.WorkflowID(name)
	_, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: id, TaskQueue: workers.ControlTaskQueue}, pool.WorkflowName,
		pool.Input{Config: pool.Config{Name: name, Model: "tiny", NumLayers: 16, HeartbeatTimeout: 2 * time.Second,
			RetryInitialInterval: 100 * time.Millisecond}})
	require.NoError(t, err)
	update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n0", LayerStart: 0, LayerEnd: 8})
	update(ctx, t, c, id, pool.UpdateAddNode, pool.Node{ID: "n1", LayerStart: 8, LayerEnd: 16})
	update(ctx, t, c, id, pool.UpdateInitialize)

	loaded := make(chan pool.State, 1)
	go func() {
		h, err := c.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{WorkflowID: id, UpdateName: pool.UpdateLoad,
			WaitForStage: client.WorkflowUpdateStageCompleted})
		var st pool.State
		if err == nil {
			err = h.Get(ctx, &st)
		}
		if err != nil {
			st.LastError = err.Error()
		}
		loaded <- st
	}()
	require.Equal(t, "load started attempt 1", waitLine(t, lines, "load started", 30*time.Second))
	waitLine(t, lines, "layer 2/8", 30*time.Second)
	require.Equal(t, pool.StatusLoading, queryState(ctx, t, c, id).Status)
	require.NoError(t, first.Process.Signal(syscall.SIGKILL))
	_ = first.Wait()
	killed := time.Now()

	_, lines = startShardProcess(ctx, t, srv, "n1", 10)
	started := waitLine(t, lines, "load started", 60*time.Second)
	require.NotEqual(t, "load started attempt 1", started, "the restarted process runs a retry")
	waitLine(t, lines, "loaded", 30*time.Second)
	var st pool.State
	select {
	case st = <-loaded:
	case <-ctx.Done():
		t.Fatal("the load update never completed")
	}
	require.Empty(t, st.LastError)
	require.Equal(t, pool.StatusReady, st.Status)
	for _, n := range st.Nodes {
		require.True(t, n.Loaded, n.ID)
	}
	_, ok := n0.holds(name)
	require.True(t, ok)
	t.Logf("ready %s after the kill (%s)", time.Since(killed).Round(10*time.Millisecond), started)
}
