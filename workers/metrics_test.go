package workers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// On a real Temporal server: a running pool shows its status and a closed
// stream; no settlement exists in any state.
func TestControlCollector(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) { workers.RegisterControl(r, nil, nil) })
	_, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: pool.WorkflowID("p1"), TaskQueue: workers.ControlTaskQueue},
		pool.WorkflowName, pool.Input{Config: pool.Config{Name: "p1", Model: "m"}})
	require.NoError(t, err)

	cc := workers.NewControlCollector(c, srv.GetDefaultNamespace(), zaptest.NewLogger(t))
	reg := prometheus.NewRegistry()
	reg.MustRegister(cc)
	want := `
# HELP computepool_pool_status 1 for each running pool workflow's current status.
# TYPE computepool_pool_status gauge
computepool_pool_status{pool="p1",status="created"} 1
# HELP computepool_pool_stream_open 1 while a pool's payment stream to its providers is open.
# TYPE computepool_pool_stream_open gauge
computepool_pool_stream_open{pool="p1"} 0
# HELP computepool_settlements x402 settlement workflows by state (settling, settled, failed).
# TYPE computepool_settlements gauge
computepool_settlements{state="failed"} 0
computepool_settlements{state="settled"} 0
computepool_settlements{state="settling"} 0
`
	// Visibility is eventually consistent: the new pool shows up shortly.
	require.Eventually(t, func() bool {
		return testutil.GatherAndCompare(reg, strings.NewReader(want),
			"computepool_pool_status", "computepool_pool_stream_open", "computepool_settlements") == nil
	}, 20*time.Second, 200*time.Millisecond)
	n, err := testutil.GatherAndCount(reg, "computepool_settlements_retried")
	require.NoError(t, err)
	require.Equal(t, 1, n)
}
