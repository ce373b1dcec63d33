package devserver

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/sdk/client"
	"go.uber.org/zap"
)

// The dev server starts with the UI, has our search attributes, and keeps
// a workflow across a restart on the same database file.
func TestDevServerPersistsAndServesUI(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	db := filepath.Join(t.TempDir(), "temporal.db")
	sas := map[string]enumspb.IndexedValueType{"PoolState": enumspb.INDEXED_VALUE_TYPE_KEYWORD}
	cfg := Config{Frontend: "127.0.0.1:0", UI: "127.0.0.1:0", DBFile: db, SearchAttributes: sas, LogLevel: "fatal"}
	start := time.Now()
	s, err := Start(ctx, zap.NewNop(), cfg)
	require.NoError(t, err)
	t.Logf("started in %s: %s, UI %s", time.Since(start), s.FrontendAddr, s.UIURL)

	resp, err := http.Get(s.UIURL + "/api/v1/namespaces")
	require.NoError(t, err)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(body), `"default"`)

	c, err := client.Dial(client.Options{HostPort: s.FrontendAddr, Logger: nopLogger{}})
	require.NoError(t, err)
	got, err := c.OperatorService().ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "default"})
	require.NoError(t, err)
	require.Contains(t, got.CustomAttributes, "PoolState")
	run, err := c.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "pool/persist", TaskQueue: "nobody"}, "Pool")
	require.NoError(t, err)
	c.Close()
	stop := time.Now()
	s.Close()
	t.Logf("stopped in %s", time.Since(stop))

	s, err = Start(ctx, zap.NewNop(), Config{Frontend: "127.0.0.1:0", UI: "127.0.0.1:0", DBFile: db, SearchAttributes: sas, LogLevel: "fatal"})
	require.NoError(t, err)
	c, err = client.Dial(client.Options{HostPort: s.FrontendAddr, Logger: nopLogger{}})
	require.NoError(t, err)
	defer c.Close()
	t.Logf("restarted in %s", time.Since(stop))
	d, err := c.DescribeWorkflowExecution(ctx, "pool/persist", "")
	require.NoError(t, err)
	require.Equal(t, run.GetRunID(), d.GetWorkflowExecutionInfo().GetExecution().GetRunId())
	require.Equal(t, enumspb.WORKFLOW_EXECUTION_STATUS_RUNNING, d.GetWorkflowExecutionInfo().GetStatus())
	t.Logf("described after %s", time.Since(stop))
	c.Close()
	stop = time.Now()
	s.Close()
	// Stopping a server reopened on a file takes ~14 s here (the previous
	// run's members are still in the membership table); the first stop ~1 s.
	t.Logf("stopped again in %s", time.Since(stop))
}

// Two throwaway in-memory servers one after the other (the --ephemeral
// path: the SQLite plugin creates the schema itself in memory).
func TestDevServerEphemeral(t *testing.T) {
	for i := range 2 {
		s, err := Start(context.Background(), zap.NewNop(), Config{Frontend: "127.0.0.1:0", UI: "off", LogLevel: "fatal"})
		require.NoError(t, err, "run %d", i)
		c, err := client.Dial(client.Options{HostPort: s.FrontendAddr, Logger: nopLogger{}})
		require.NoError(t, err)
		_, err = c.ExecuteWorkflow(context.Background(), client.StartWorkflowOptions{ID: "pool/x", TaskQueue: "nobody"}, "Pool")
		require.NoError(t, err, "run %d: a fresh server takes the same workflow id", i)
		c.Close()
		s.Close()
	}
}
