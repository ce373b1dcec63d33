package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"

	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/settlement"
)

// ControlCollector exports the control plane's state to Prometheus, read
// from Temporal at scrape time (so every worker and the server agree):
// settlements by state, those an operator retried, and each running pool's
// status and payment stream.
type ControlCollector struct {
	c         client.Client
	namespace string
	log       *zap.Logger

	settlements, retried, poolStatus, streamOpen *prometheus.Desc
}

// NewControlCollector reads through c in namespace.
func NewControlCollector(c client.Client, namespace string, log *zap.Logger) *ControlCollector {
	return &ControlCollector{c: c, namespace: namespace, log: log,
		settlements: prometheus.NewDesc("computepool_settlements", "x402 settlement workflows by state (settling, settled, failed).", []string{"state"}, nil),
		retried:     prometheus.NewDesc("computepool_settlements_retried", "Settlement workflows an operator retried (search attribute SettlementRetried).", nil, nil),
		poolStatus:  prometheus.NewDesc("computepool_pool_status", "1 for each running pool workflow's current status.", []string{"pool", "status"}, nil),
		streamOpen:  prometheus.NewDesc("computepool_pool_stream_open", "1 while a pool's payment stream to its providers is open.", []string{"pool"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (cc *ControlCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cc.settlements
	ch <- cc.retried
	ch <- cc.poolStatus
	ch <- cc.streamOpen
}

// Collect implements prometheus.Collector; a failed read is logged and its
// series left out rather than reported as zero.
func (cc *ControlCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, state := range []string{settlement.StatusSettling, settlement.StatusSettled, settlement.StatusFailed} {
		n, err := cc.count(ctx, fmt.Sprintf("WorkflowType = '%s' AND %s = '%s'", settlement.WorkflowName, settlement.SAState.GetName(), state))
		if err != nil {
			cc.log.Warn("metrics: counting settlements", zap.String("state", state), zap.Error(err))
			continue
		}
		ch <- prometheus.MustNewConstMetric(cc.settlements, prometheus.GaugeValue, float64(n), state)
	}
	if n, err := cc.retriedSettlements(ctx); err != nil {
		cc.log.Warn("metrics: reading settlement retries", zap.Error(err))
	} else {
		ch <- prometheus.MustNewConstMetric(cc.retried, prometheus.GaugeValue, float64(n))
	}
	cc.collectPools(ctx, ch)
}

func (cc *ControlCollector) count(ctx context.Context, query string) (int64, error) {
	resp, err := cc.c.CountWorkflow(ctx, &workflowservice.CountWorkflowExecutionsRequest{Namespace: cc.namespace, Query: query})
	if err != nil {
		return 0, fmt.Errorf("count workflows (%s): %w", query, err)
	}
	return resp.GetCount(), nil
}

// retriedSettlements counts the settlements an operator retried: the
// workflow sets SettlementRetried on the retry signal.
func (cc *ControlCollector) retriedSettlements(ctx context.Context) (int64, error) {
	return cc.count(ctx, fmt.Sprintf("WorkflowType = '%s' AND %s = true", settlement.WorkflowName, settlement.SARetried.GetName()))
}

func (cc *ControlCollector) collectPools(ctx context.Context, ch chan<- prometheus.Metric) {
	resp, err := cc.c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: cc.namespace, PageSize: 1000,
		Query: fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus = 'Running'", pool.WorkflowName)})
	if err != nil {
		cc.log.Warn("metrics: listing pools", zap.Error(err))
		return
	}
	for _, e := range resp.GetExecutions() {
		id := e.GetExecution().GetWorkflowId()
		v, err := cc.c.QueryWorkflow(ctx, id, "", pool.QueryState)
		var snap pool.Snapshot
		if err == nil {
			err = v.Get(&snap)
		}
		if err != nil {
			cc.log.Warn("metrics: querying a pool", zap.String("workflow", id), zap.Error(err))
			continue
		}
		name := snap.Config.Name
		ch <- prometheus.MustNewConstMetric(cc.poolStatus, prometheus.GaugeValue, 1, name, snap.State.Status)
		open := 0.0
		if snap.State.StreamOpen {
			open = 1
		}
		ch <- prometheus.MustNewConstMetric(cc.streamOpen, prometheus.GaugeValue, open, name)
	}
}
