package workers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/temporal"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/temporaltest"
	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/settlement"
)

// On a real Temporal server: a running pool shows its status and a closed
// stream; of three settlements one is settled and two failed, one of them
// retried by an operator (and failed again).
func TestControlCollector(t *testing.T) {
	srv := temporaltest.NewServer(temporaltest.WithT(t))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := srv.GetDefaultClient()
	require.NoError(t, workers.EnsureSearchAttributes(ctx, c, srv.GetDefaultNamespace()))
	// Settle succeeds for nonce 0x…01 and refuses the others for good.
	settle := func(_ context.Context, p settlement.Payment) (settlement.Result, error) {
		if strings.HasSuffix(p.Nonce, "01") {
			return settlement.Result{TxHash: "0xabc"}, nil
		}
		return settlement.Result{}, temporal.NewNonRetryableApplicationError("expired", settlement.ErrTypeInvalid, nil)
	}
	srv.NewWorker(workers.ControlTaskQueue, func(r worker.Registry) {
		workers.RegisterControl(r, nil, nil)
		r.RegisterActivityWithOptions(settle, activity.RegisterOptions{Name: "Settle"})
	})
	nonce := func(last string) string { return "0x" + strings.Repeat("00", 31) + last }
	for _, n := range []string{"01", "02", "03"} {
		_, err := settlement.Start(ctx, c, workers.ControlTaskQueue, settlement.Payment{From: "0x00000000000000000000000000000000000000Bb", Nonce: nonce(n)},
			settlement.Policy{AttemptsPerRound: 1, MaxRounds: 1})
		require.NoError(t, err)
	}
	require.Eventually(t, func() bool {
		st, err := settlement.Query(ctx, c, nonce("03"))
		return err == nil && st.Status == settlement.StatusFailed
	}, 20*time.Second, 100*time.Millisecond)
	require.NoError(t, settlement.Retry(ctx, c, nonce("03")))
	require.Eventually(t, func() bool { // the retried round fails again
		st, err := settlement.Query(ctx, c, nonce("03"))
		return err == nil && st.Retries == 1 && st.Status == settlement.StatusFailed
	}, 20*time.Second, 100*time.Millisecond)
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
computepool_settlements{state="failed"} 2
computepool_settlements{state="settled"} 1
computepool_settlements{state="settling"} 0
# HELP computepool_settlements_retried Settlement workflows an operator retried (search attribute SettlementRetried).
# TYPE computepool_settlements_retried gauge
computepool_settlements_retried 1
`
	// Visibility is eventually consistent: the new pool shows up shortly.
	require.Eventually(t, func() bool {
		return testutil.GatherAndCompare(reg, strings.NewReader(want),
			"computepool_pool_status", "computepool_pool_stream_open", "computepool_settlements", "computepool_settlements_retried") == nil
	}, 20*time.Second, 200*time.Millisecond)
}
