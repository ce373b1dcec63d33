package settlement

import (
	"context"
	"fmt"
	"strings"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.temporal.io/sdk/converter"
)

// TaskQueue is the control worker's queue, where settlements run by default.
const TaskQueue = "computepool-control"

// StartOptions: the nonce is the idempotency key — a workflow ID that is
// never reused, so a payment submitted twice is settled once.
func StartOptions(taskQueue, nonceHex string) client.StartWorkflowOptions {
	return client.StartWorkflowOptions{
		ID:                       WorkflowID(nonceHex),
		TaskQueue:                taskQueue,
		WorkflowIDReusePolicy:    enumspb.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE,
		WorkflowIDConflictPolicy: enumspb.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING,
	}
}

// Start starts the settlement of p: what the x402 facilitator calls after
// verifying a payment. It is idempotent: for a nonce already submitted
// (running or finished) it returns that workflow's run, whose Get gives the
// original outcome; nothing is started twice.
func Start(ctx context.Context, c client.Client, taskQueue string, p Payment, pol Policy) (client.WorkflowRun, error) {
	run, err := c.ExecuteWorkflow(ctx, StartOptions(taskQueue, p.Nonce), WorkflowName, Request{Payment: p, Policy: pol})
	if err != nil {
		return nil, fmt.Errorf("start settlement of %s: %w", p.Nonce, err)
	}
	return run, nil
}

// Summary is one line of `computepool settlements list`.
type Summary struct {
	WorkflowID string `json:"workflowId"`
	RunID      string `json:"runId"`
	Status     string `json:"status"` // from the SettlementState search attribute
	Payer      string `json:"payer,omitempty"`
	Execution  string `json:"execution"` // Running, Completed, …
}

// List returns settlements whose state is status ("" = all), newest first,
// up to limit (0 = 100).
func List(ctx context.Context, c client.Client, namespace, status string, limit int) ([]Summary, error) {
	if limit <= 0 {
		limit = 100
	}
	q := fmt.Sprintf("WorkflowType = '%s'", WorkflowName)
	if status != "" {
		if strings.ContainsAny(status, `'"\`) {
			return nil, fmt.Errorf("bad status %q", status)
		}
		q += fmt.Sprintf(" AND %s = '%s'", SAState.GetName(), status)
	}
	var out []Summary
	var token []byte
	for len(out) < limit {
		resp, err := c.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{
			Namespace: namespace, Query: q, PageSize: int32(min(limit-len(out), 1000)), NextPageToken: token})
		if err != nil {
			return nil, fmt.Errorf("list settlements (%s): %w", q, err)
		}
		for _, e := range resp.Executions {
			s := Summary{WorkflowID: e.GetExecution().GetWorkflowId(), RunID: e.GetExecution().GetRunId(),
				Execution: strings.TrimPrefix(e.GetStatus().String(), "WORKFLOW_EXECUTION_STATUS_")}
			for name, p := range e.GetSearchAttributes().GetIndexedFields() {
				var v string
				if err := converter.GetDefaultDataConverter().FromPayload(p, &v); err != nil {
					continue
				}
				switch name {
				case SAState.GetName():
					s.Status = v
				case SAPayer.GetName():
					s.Payer = v
				}
			}
			out = append(out, s)
		}
		if token = resp.NextPageToken; len(token) == 0 {
			break
		}
	}
	return out, nil
}

// Retry sends the operator's retry signal to the settlement of nonceHex (or
// a full workflow ID).
func Retry(ctx context.Context, c client.Client, nonceOrID string) error {
	id := nonceOrID
	if !strings.HasPrefix(id, IDPrefix) {
		id = WorkflowID(id)
	}
	if err := c.SignalWorkflow(ctx, id, "", SignalRetry, nil); err != nil {
		return fmt.Errorf("signal retry to %s: %w", id, err)
	}
	return nil
}

// Query returns the settlement's state.
func Query(ctx context.Context, c client.Client, nonceOrID string) (State, error) {
	id := nonceOrID
	if !strings.HasPrefix(id, IDPrefix) {
		id = WorkflowID(id)
	}
	v, err := c.QueryWorkflow(ctx, id, "", QueryState)
	if err != nil {
		return State{}, fmt.Errorf("query %s: %w", id, err)
	}
	var st State
	if err := v.Get(&st); err != nil {
		return State{}, fmt.Errorf("decode state of %s: %w", id, err)
	}
	return st, nil
}
