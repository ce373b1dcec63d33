package pool

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
)

// Histories recorded on a real server (poolctl's integration test with
// COMPUTEPOOL_RECORD_HISTORY=1: create, activate, a failed and a good load,
// usage, unload, close) must replay against today's code.
func TestPoolReplaysRecordedHistories(t *testing.T) {
	files, err := filepath.Glob("testdata/history-*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files, "recorded histories are missing")
	for _, f := range files {
		r := worker.NewWorkflowReplayer()
		r.RegisterWorkflowWithOptions(Workflow, workflow.RegisterOptions{Name: WorkflowName})
		require.NoError(t, r.ReplayWorkflowHistoryFromJSONFile(nil, f), f)
	}
}
