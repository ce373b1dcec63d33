// Package workers says which workflows and activities each Temporal worker
// registers, on which task queue: the control worker (pool and settlement
// workflows, chain activities) on computepool-control, and one shard worker
// per shard host on computepool-shard/<node id> (load/unload run where the
// weights live).
package workers

import (
	"context"
	"errors"
	"fmt"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/sdk/activity"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/workflows/pool"
	"github.com/computepool/computepool/workflows/settlement"
)

// ControlTaskQueue is where pool and settlement workflows and the chain
// activities run.
const ControlTaskQueue = settlement.TaskQueue

// APISettlementTaskQueue is where `api --temporal --settle-in-process`
// starts its settlements and its in-process worker polls (settlement
// workflow and activities only: a pool workflow must never land on an API
// process, so not the control queue).
const APISettlementTaskQueue = "computepool-settlement-api"

// NewSettlement returns a worker of settlement workflows and activities
// only, on taskQueue (not started).
func NewSettlement(c client.Client, log *zap.Logger, taskQueue string, acts *settlement.Activities) worker.Worker {
	w := worker.New(c, taskQueue, worker.Options{})
	w.RegisterWorkflowWithOptions(settlement.Workflow, workflow.RegisterOptions{Name: settlement.WorkflowName})
	w.RegisterActivity(acts)
	log.Info("settlement worker", zap.String("taskQueue", taskQueue))
	return w
}

// SearchAttributes the workflows upsert (keywords, and the Bool
// SettlementRetried).
func SearchAttributes() map[string]enumspb.IndexedValueType {
	out := map[string]enumspb.IndexedValueType{settlement.SARetried.GetName(): enumspb.INDEXED_VALUE_TYPE_BOOL}
	for _, k := range []string{settlement.SAState.GetName(), settlement.SAPayer.GetName(), pool.SAPoolID.GetName(),
		pool.SAModel.GetName(), pool.SAState.GetName(), pool.SAOwner.GetName()} {
		out[k] = enumspb.INDEXED_VALUE_TYPE_KEYWORD
	}
	return out
}

// EnsureSearchAttributes registers the search attributes on namespace,
// skipping those that exist. On Temporal Cloud the operator API is not open
// to namespace API keys: create them once with `tcld` or the Cloud UI.
func EnsureSearchAttributes(ctx context.Context, c client.Client, namespace string) error {
	have, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes of namespace %s: %w", namespace, err)
	}
	missing := map[string]enumspb.IndexedValueType{}
	for k, v := range SearchAttributes() {
		if _, ok := have.GetCustomAttributes()[k]; !ok {
			missing[k] = v
		}
	}
	if len(missing) == 0 {
		return nil
	}
	_, err = c.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: namespace, SearchAttributes: missing})
	var exists *serviceerror.AlreadyExists
	if err != nil && !errors.As(err, &exists) {
		return fmt.Errorf("register search attributes on namespace %s: %w", namespace, err)
	}
	return nil
}

// RegisterControl registers the control worker's workflows and activities.
// chainActs and settleActs may be nil where no chain is configured (pools
// without stake or stream, no settlement).
func RegisterControl(r worker.Registry, chainActs *activities.Chain, settleActs *settlement.Activities) {
	r.RegisterWorkflowWithOptions(pool.Workflow, workflow.RegisterOptions{Name: pool.WorkflowName})
	r.RegisterWorkflowWithOptions(settlement.Workflow, workflow.RegisterOptions{Name: settlement.WorkflowName})
	if chainActs != nil {
		r.RegisterActivity(chainActs)
	}
	if settleActs != nil {
		r.RegisterActivity(settleActs)
	}
}

// RegisterShard registers a shard host's load/unload/health/recompute activities.
func RegisterShard(r worker.Registry, sh *activities.Shard) {
	r.RegisterActivityWithOptions(sh.LoadShard, activity.RegisterOptions{Name: "LoadShard"})
	r.RegisterActivityWithOptions(sh.UnloadShard, activity.RegisterOptions{Name: "UnloadShard"})
	r.RegisterActivityWithOptions(sh.ShardHealth, activity.RegisterOptions{Name: "ShardHealth"})
	r.RegisterActivityWithOptions(sh.RecomputeStep, activity.RegisterOptions{Name: "RecomputeStep"})
}

// NewControl returns the control worker (not started).
func NewControl(c client.Client, log *zap.Logger, chainActs *activities.Chain, settleActs *settlement.Activities) worker.Worker {
	w := worker.New(c, ControlTaskQueue, worker.Options{})
	RegisterControl(w, chainActs, settleActs)
	log.Info("control worker", zap.String("taskQueue", ControlTaskQueue))
	return w
}

// NewShard returns the shard worker of nodeID (not started).
func NewShard(c client.Client, log *zap.Logger, nodeID string, sh *activities.Shard) worker.Worker {
	return NewShardOnQueue(c, log, "", nodeID, sh)
}

// NewShardOnQueue is NewShard polling taskQueue ("" = the node's own,
// activities.ShardTaskQueue(nodeID)).
func NewShardOnQueue(c client.Client, log *zap.Logger, taskQueue, nodeID string, sh *activities.Shard) worker.Worker {
	tq := taskQueue
	if tq == "" {
		tq = activities.ShardTaskQueue(nodeID)
	}
	w := worker.New(c, tq, worker.Options{MaxConcurrentActivityExecutionSize: 2})
	RegisterShard(w, sh)
	log.Info("shard worker", zap.String("taskQueue", tq))
	return w
}
