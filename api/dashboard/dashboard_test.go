package dashboard_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/apitest"
	"github.com/computepool/computepool/api/dashboard"
	pb "github.com/computepool/computepool/proto/computepool/v1"
	"go.uber.org/zap/zaptest"
)

// startAPI serves the tiny model and one pool of two nodes, with the
// dashboard linking to a Temporal UI, and generates a few tokens.
func startAPI(t *testing.T) (base string, model string) {
	t.Helper()
	ctx := context.Background()
	m, _, closeModel, err := apitest.TinyModel(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(closeModel)
	pools := api.NewMemoryPools()
	if _, err := pools.CreatePool(ctx, &pb.CreatePoolRequest{Name: "pool-a", Model: m.ID}); err != nil {
		t.Fatal(err)
	}
	for i, id := range []string{"node-0", "node-1"} {
		n := &pb.PoolNode{NodeId: id, LayerStart: int32(i), LayerEnd: int32(i + 1)}
		if _, err := pools.AddNode(ctx, "pool-a", n); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := api.New(api.Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0", Models: api.NewModels(m),
		Pools: pools, Log: zaptest.NewLogger(t),
		Dashboard: &dashboard.Config{TemporalUI: "http://127.0.0.1:8233", WorkflowID: func(p string) string { return "pool/" + p }}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Shutdown(context.Background()) })
	base = "http://" + srv.HTTPAddr()
	res, err := http.Post(base+"/api/v1/generate", "application/json", strings.NewReader(`{"prompt":"hello","maxTokens":4}`))
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return base, m.ID
}

func TestStateJSON(t *testing.T) {
	base, model := startAPI(t)
	res, err := http.Get(base + "/dashboard/state.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var st dashboard.State
	if err := json.NewDecoder(res.Body).Decode(&st); err != nil {
		t.Fatal(err)
	}
	if len(st.Pools) != 1 || st.Pools[0].Name != "pool-a" || len(st.Pools[0].Nodes) != 2 {
		t.Fatalf("pools = %+v", st.Pools)
	}
	p := st.Pools[0]
	if p.State != "created" || p.Nodes[1].Layers != "1:2" || p.WorkflowURL != "http://127.0.0.1:8233/namespaces/default/workflows/pool%2Fpool-a" {
		t.Errorf("pool view = %+v", p)
	}
	if st.Tokens[model] < 1 {
		t.Errorf("tokens generated = %v, want the generation's tokens under %q", st.Tokens, model)
	}
}

// TestPageInChromium renders the page in headless Chromium and reads the DOM
// its script built; COMPUTEPOOL_DASHBOARD_SCREENSHOT=FILE also saves a PNG.
func TestPageInChromium(t *testing.T) {
	browser := chromium()
	if browser == "" {
		t.Skip("chromium is not installed (make deps installs it from apt)")
	}
	base, _ := startAPI(t)
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--virtual-time-budget=4000"}
	out, err := exec.Command(browser, append(args, "--dump-dom", base+"/dashboard/")...).Output()
	if err != nil {
		t.Fatalf("%s --dump-dom: %v", browser, err)
	}
	dom := string(out)
	for _, want := range []string{`data-pool="pool-a"`, ">created<", ">node-1<", ">1:2<", `href="http://127.0.0.1:8233/namespaces/default/workflows/pool%2Fpool-a"`, "tokens generated"} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %s:\n%s", want, dom)
		}
	}
	if shot := os.Getenv("COMPUTEPOOL_DASHBOARD_SCREENSHOT"); shot != "" {
		cmd := exec.Command(browser, append(args, "--window-size=1000,420", "--screenshot="+shot, base+"/dashboard/")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
	}
}

func chromium() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome-headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}
