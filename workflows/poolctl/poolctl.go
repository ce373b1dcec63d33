// Package poolctl implements api.PoolController on the pool workflows: each
// call is a workflow start, an update (validated in the workflow, so a bad
// request is refused before it enters history) or a query. Point the API at
// Temporal with api.Config's pool controller = poolctl.New(client, …).
package poolctl

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/api"
	pb "github.com/computepool/computepool/proto/computepool/v1"
	"github.com/computepool/computepool/workers"
	"github.com/computepool/computepool/workflows/pool"
)

// Controller is an api.PoolController backed by Temporal.
type Controller struct {
	Client    client.Client
	Namespace string
	TaskQueue string
	// Template fills the pool config's chain and timing fields (stake
	// threshold, flowrate, NumLayers when known…); Name, Model and Price
	// come from the request.
	Template pool.Config
	// Directory, when set, fills in what the API's PoolNode does not carry:
	// the node's provider address (stake, stream), AXL peer id, memory and
	// task queue, from wherever nodes register.
	Directory func(ctx context.Context, nodeID string) (pool.Node, error)
}

var _ api.PoolController = (*Controller)(nil)

// New returns a controller starting pool workflows on taskQueue.
func New(c client.Client, namespace, taskQueue string, template pool.Config) *Controller {
	return &Controller{Client: c, Namespace: namespace, TaskQueue: taskQueue, Template: template}
}

// mapErr turns Temporal errors into the API's sentinel errors.
func mapErr(name string, err error) error {
	if err == nil {
		return nil
	}
	var nf *serviceerror.NotFound
	if errors.As(err, &nf) {
		return fmt.Errorf("pool %q: %w", name, api.ErrNotFound)
	}
	var started *serviceerror.WorkflowExecutionAlreadyStarted
	if errors.As(err, &started) {
		return fmt.Errorf("pool %q: %w", name, api.ErrAlreadyExists)
	}
	// Rejected by a validator or failed in the handler: the request does
	// not fit the pool's state.
	return fmt.Errorf("pool %q: %v: %w", name, err, api.ErrFailedPrecondition)
}

// CreatePool implements api.PoolController.
func (c *Controller) CreatePool(ctx context.Context, req *pb.CreatePoolRequest) (*pb.Pool, error) {
	cfg := c.Template
	cfg.Name, cfg.Model = req.Name, req.Model
	if req.Price != nil {
		b, err := protojson.Marshal(req.Price)
		if err != nil {
			return nil, fmt.Errorf("pool %q: encode price: %w", req.Name, err)
		}
		cfg.Price = string(b)
	}
	_, err := c.Client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{
		ID: pool.WorkflowID(req.Name), TaskQueue: c.TaskQueue,
		WorkflowIDReusePolicy:                    enumspb.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE,
		WorkflowIDConflictPolicy:                 enumspb.WORKFLOW_ID_CONFLICT_POLICY_FAIL,
		WorkflowExecutionErrorWhenAlreadyStarted: true,
	}, pool.WorkflowName, pool.Input{Config: cfg})
	if err != nil {
		return nil, mapErr(req.Name, err)
	}
	return c.GetPool(ctx, req.Name)
}

func (c *Controller) snapshot(ctx context.Context, name string) (pool.Snapshot, error) {
	v, err := c.Client.QueryWorkflow(ctx, pool.WorkflowID(name), "", pool.QueryState)
	if err != nil {
		return pool.Snapshot{}, mapErr(name, err)
	}
	var s pool.Snapshot
	if err := v.Get(&s); err != nil {
		return s, fmt.Errorf("pool %q: decode state: %w", name, err)
	}
	if s.State.Status == pool.StatusClosed {
		return s, fmt.Errorf("pool %q is closed: %w", name, api.ErrNotFound)
	}
	return s, nil
}

// PBState maps a workflow status to the API's enum (serving is READY).
func PBState(status string) pb.PoolState {
	switch status {
	case pool.StatusCreated:
		return pb.PoolState_POOL_STATE_CREATED
	case pool.StatusActivating:
		return pb.PoolState_POOL_STATE_ACTIVATING
	case pool.StatusWiring:
		return pb.PoolState_POOL_STATE_WIRING
	case pool.StatusLoading:
		return pb.PoolState_POOL_STATE_LOADING
	case pool.StatusReady, pool.StatusServing:
		return pb.PoolState_POOL_STATE_READY
	case pool.StatusUnloading:
		return pb.PoolState_POOL_STATE_UNLOADING
	case pool.StatusClosed:
		return pb.PoolState_POOL_STATE_CLOSED
	case pool.StatusDegraded:
		return pb.PoolState_POOL_STATE_DEGRADED
	}
	return pb.PoolState_POOL_STATE_UNSPECIFIED
}

func toPB(s pool.Snapshot) *pb.Pool {
	p := &pb.Pool{Name: s.Config.Name, Model: s.Config.Model, State: PBState(s.State.Status)}
	if !s.State.Created.IsZero() {
		p.CreateTime = timestamppb.New(s.State.Created)
	}
	if s.Config.Price != "" {
		price := &pb.Price{}
		if protojson.Unmarshal([]byte(s.Config.Price), price) == nil {
			p.Price = price
		}
	}
	for _, n := range s.State.Nodes {
		p.Nodes = append(p.Nodes, &pb.PoolNode{NodeId: n.ID, LayerStart: int32(n.LayerStart), LayerEnd: int32(n.LayerEnd), Loaded: n.Loaded})
	}
	return p
}

// GetPool implements api.PoolController.
func (c *Controller) GetPool(ctx context.Context, name string) (*pb.Pool, error) {
	s, err := c.snapshot(ctx, name)
	if err != nil {
		return nil, err
	}
	return toPB(s), nil
}

// ListPools implements api.PoolController: running pool workflows, by name.
func (c *Controller) ListPools(ctx context.Context) ([]*pb.Pool, error) {
	q := fmt.Sprintf("WorkflowType = '%s' AND ExecutionStatus = 'Running'", pool.WorkflowName)
	var out []*pb.Pool
	var token []byte
	for {
		resp, err := c.Client.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: c.Namespace, Query: q, NextPageToken: token})
		if err != nil {
			return nil, fmt.Errorf("list pools: %w", err)
		}
		for _, e := range resp.Executions {
			name := strings.TrimPrefix(e.GetExecution().GetWorkflowId(), pool.IDPrefix)
			p, err := c.GetPool(ctx, name)
			if errors.Is(err, api.ErrNotFound) {
				continue // closed since listed
			}
			if err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		if token = resp.NextPageToken; len(token) == 0 {
			break
		}
	}
	slices.SortFunc(out, func(a, b *pb.Pool) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (c *Controller) update(ctx context.Context, name, update string, args ...any) (pool.State, error) {
	h, err := c.Client.UpdateWorkflow(ctx, client.UpdateWorkflowOptions{
		WorkflowID: pool.WorkflowID(name), UpdateName: update, Args: args, WaitForStage: client.WorkflowUpdateStageCompleted,
	})
	if err != nil {
		return pool.State{}, mapErr(name, err)
	}
	var st pool.State
	if err := h.Get(ctx, &st); err != nil {
		return st, mapErr(name, err)
	}
	return st, nil
}

func (c *Controller) updatePool(ctx context.Context, name, update string, args ...any) (*pb.Pool, error) {
	if _, err := c.update(ctx, name, update, args...); err != nil {
		return nil, err
	}
	return c.GetPool(ctx, name)
}

// DeletePool implements api.PoolController: closes the pool's workflow; a
// loaded pool must be unloaded first (as MemoryPools).
func (c *Controller) DeletePool(ctx context.Context, name string) error {
	s, err := c.snapshot(ctx, name)
	if err != nil {
		return err
	}
	switch s.State.Status {
	case pool.StatusLoading, pool.StatusReady, pool.StatusServing:
		return fmt.Errorf("pool %q is %s: unload it first: %w", name, s.State.Status, api.ErrFailedPrecondition)
	}
	_, err = c.update(ctx, name, pool.UpdateClose)
	return err
}

// AddNode implements api.PoolController.
func (c *Controller) AddNode(ctx context.Context, name string, n *pb.PoolNode) (*pb.Pool, error) {
	node := pool.Node{ID: n.NodeId}
	if c.Directory != nil {
		d, err := c.Directory(ctx, n.NodeId)
		if err != nil {
			return nil, fmt.Errorf("node %s: %w", n.NodeId, err)
		}
		node = d
		node.ID = n.NodeId
	}
	node.LayerStart, node.LayerEnd = int(n.LayerStart), int(n.LayerEnd)
	return c.updatePool(ctx, name, pool.UpdateAddNode, node)
}

// RemoveNode implements api.PoolController.
func (c *Controller) RemoveNode(ctx context.Context, name, nodeID string) (*pb.Pool, error) {
	return c.updatePool(ctx, name, pool.UpdateRemoveNode, nodeID)
}

// Initialize implements api.PoolController.
func (c *Controller) Initialize(ctx context.Context, name string) (*pb.Pool, error) {
	return c.updatePool(ctx, name, pool.UpdateInitialize)
}

// Load implements api.PoolController.
func (c *Controller) Load(ctx context.Context, name string) (*pb.Pool, error) {
	return c.updatePool(ctx, name, pool.UpdateLoad)
}

// Unload implements api.PoolController.
func (c *Controller) Unload(ctx context.Context, name string) (*pb.Pool, error) {
	return c.updatePool(ctx, name, pool.UpdateUnload)
}

// State implements api.PoolController.
func (c *Controller) State(ctx context.Context, name string) (*pb.PoolStatus, error) {
	s, err := c.snapshot(ctx, name)
	if err != nil {
		return nil, err
	}
	return &pb.PoolStatus{Name: name, State: PBState(s.State.Status), Message: s.State.LastError, TokensServed: s.State.Tokens}, nil
}

// ReportUsage sends a usage batch from the hot path (api's generator).
func (c *Controller) ReportUsage(ctx context.Context, name string, u pool.Usage) error {
	_, err := c.update(ctx, name, pool.UpdateReportUsage, u)
	return err
}

// ReportFault reports a dead stage (pipeline.HeadConfig.OnStageDown).
func (c *Controller) ReportFault(ctx context.Context, name string, f pool.Fault) error {
	_, err := c.update(ctx, name, pool.UpdateReportFault, f)
	return err
}

// Dial connects to Temporal as configured by COMPUTEPOOL_TEMPORAL_* (the
// pools' health and slashing policy from COMPUTEPOOL_POOL_*) and returns a
// controller on the control worker's queue, plus its closer: what
// `computepool api` needs to manage pools through Temporal.
func Dial(ctx context.Context, log *zap.Logger, template pool.Config) (*Controller, func(), error) {
	template, err := TemplateFromEnv(template)
	if err != nil {
		return nil, nil, err
	}
	cfg := workers.ClientConfigFromEnv()
	c, err := workers.Dial(ctx, cfg, log)
	if err != nil {
		return nil, nil, err
	}
	return New(c, cfg.Namespace, workers.ControlTaskQueue, template), c.Close, nil
}

// Environment of the pool template's health and slashing policy (pool.Config.Health, SlashAmount, SlashHarmed).
const (
	EnvHealthInterval  = "COMPUTEPOOL_POOL_HEALTH_INTERVAL"   // e.g. 10s; unset or 0: no health probes
	EnvHealthTimeout   = "COMPUTEPOOL_POOL_HEALTH_TIMEOUT"    // a probe unanswered this long is missed (default: the interval)
	EnvHealthMaxMissed = "COMPUTEPOOL_POOL_HEALTH_MAX_MISSED" // consecutive misses (default 3)…
	EnvHealthGrace     = "COMPUTEPOOL_POOL_HEALTH_GRACE"      // …and no heartbeat this long (default max-missed × interval)
	EnvSlashAmount     = "COMPUTEPOOL_POOL_SLASH_AMOUNT"      // base units per proven fault; unset: evidence recorded, nobody slashed
	EnvSlashHarmed     = "COMPUTEPOOL_POOL_SLASH_HARMED"      // address receiving the harmed share
)

// TemplateFromEnv fills the health and slashing fields of t that are unset
// from the COMPUTEPOOL_POOL_* variables.
func TemplateFromEnv(t pool.Config) (pool.Config, error) {
	dur := func(env string, into *time.Duration) error {
		if v := os.Getenv(env); v != "" && *into == 0 {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("%s=%q: want a duration such as 10s", env, v)
			}
			*into = d
		}
		return nil
	}
	for env, into := range map[string]*time.Duration{EnvHealthInterval: &t.Health.Interval, EnvHealthTimeout: &t.Health.Timeout, EnvHealthGrace: &t.Health.Grace} {
		if err := dur(env, into); err != nil {
			return t, err
		}
	}
	if v := os.Getenv(EnvHealthMaxMissed); v != "" && t.Health.MaxMissed == 0 {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return t, fmt.Errorf("%s=%q: want a count ≥ 1", EnvHealthMaxMissed, v)
		}
		t.Health.MaxMissed = n
	}
	if v := os.Getenv(EnvSlashAmount); v != "" && t.SlashAmount == "" {
		if n, ok := new(big.Int).SetString(v, 10); !ok || n.Sign() < 0 {
			return t, fmt.Errorf("%s=%q: want base units", EnvSlashAmount, v)
		}
		t.SlashAmount = v
	}
	if v := os.Getenv(EnvSlashHarmed); v != "" && t.SlashHarmed == "" {
		if !common.IsHexAddress(v) {
			return t, fmt.Errorf("%s=%q: want an address", EnvSlashHarmed, v)
		}
		t.SlashHarmed = v
	}
	return t, nil
}

// Snapshot is the pool's `state` query (config and state, evidence included).
func (c *Controller) Snapshot(ctx context.Context, name string) (pool.Snapshot, error) {
	return c.snapshot(ctx, name)
}

// ReportWrongResult submits a sampled step for verification on another
// node; a disagreement is recorded as evidence and slashes the node.
func (c *Controller) ReportWrongResult(ctx context.Context, name string, s activities.StepSample) (pool.State, error) {
	return c.update(ctx, name, pool.UpdateReportWrongResult, s)
}

// AddStandby adds a spare node (no layers) that takes over a slashed
// node's range; a degraded pool with a vacant range uses it at once.
func (c *Controller) AddStandby(ctx context.Context, name string, n pool.Node) (pool.State, error) {
	n.Standby, n.LayerStart, n.LayerEnd = true, 0, 0
	return c.update(ctx, name, pool.UpdateAddNode, n)
}
