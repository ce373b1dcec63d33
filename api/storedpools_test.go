package api_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/auth"
	pb "github.com/computepool/computepool/proto/computepool/v1"
)

// TestStoredPoolsSurviveARestart: pools created, changed and deleted
// through StoredPools are found as they were by a new process on the same
// SQLite file (Postgres runs the same queries: api/auth TestPostgres).
func TestStoredPoolsSurviveARestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "api.db")
	open := func() (*auth.Store, *api.StoredPools) {
		st, err := auth.OpenWith(ctx, path, auth.Options{PasswordIterations: 1000})
		if err != nil {
			t.Fatal(err)
		}
		pools, err := api.NewStoredPools(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		return st, pools
	}
	st, pools := open()
	if _, err := pools.CreatePool(ctx, &pb.CreatePoolRequest{Name: "p1", Model: "tiny"}); err != nil {
		t.Fatal(err)
	}
	if _, err := pools.CreatePool(ctx, &pb.CreatePoolRequest{Name: "gone", Model: "tiny"}); err != nil {
		t.Fatal(err)
	}
	if _, err := pools.AddNode(ctx, "p1", &pb.PoolNode{NodeId: "n1", LayerStart: 0, LayerEnd: 6}); err != nil {
		t.Fatal(err)
	}
	want, err := pools.Initialize(ctx, "p1")
	if err != nil {
		t.Fatal(err)
	}
	if err := pools.DeletePool(ctx, "gone"); err != nil {
		t.Fatal(err)
	}
	st.Close()

	st, pools = open()
	defer st.Close()
	list, err := pools.ListPools(ctx)
	if err != nil || len(list) != 1 || !proto.Equal(list[0], want) {
		t.Fatalf("after a restart: %v, %v; want only %v", list, err, want)
	}
	if _, err := pools.Load(ctx, "p1"); err != nil { // the restored pool keeps working
		t.Fatal(err)
	}
}

// A change the store does not take (its database is closed) is not made in
// memory either: create, add a node, a transition and a delete all fail
// and leave the pools as they were.
func TestStoredPoolsFailedSaveLeavesMemoryUnchanged(t *testing.T) {
	ctx := context.Background()
	st, err := auth.OpenWith(ctx, filepath.Join(t.TempDir(), "api.db"), auth.Options{PasswordIterations: 1000})
	if err != nil {
		t.Fatal(err)
	}
	pools, err := api.NewStoredPools(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	want, err := pools.CreatePool(ctx, &pb.CreatePoolRequest{Name: "p1", Model: "tiny"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	if _, err := pools.CreatePool(ctx, &pb.CreatePoolRequest{Name: "p2", Model: "tiny"}); err == nil {
		t.Fatal("create saved to a closed store")
	}
	if _, err := pools.AddNode(ctx, "p1", &pb.PoolNode{NodeId: "n1", LayerStart: 0, LayerEnd: 6}); err == nil {
		t.Fatal("add node saved to a closed store")
	}
	if err := pools.DeletePool(ctx, "p1"); err == nil {
		t.Fatal("delete done in a closed store")
	}
	list, err := pools.ListPools(ctx)
	if err != nil || len(list) != 1 || !proto.Equal(list[0], want) {
		t.Fatalf("after failed saves: %v, %v; want only %v", list, err, want)
	}
	if _, err := pools.Initialize(ctx, "p1"); err == nil || !errors.Is(err, api.ErrFailedPrecondition) {
		t.Fatalf("initialize without nodes: %v (the node was not added)", err)
	}
}
