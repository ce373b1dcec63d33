package axl

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/internal/freeport"
)

// TestStockNodeInterop runs against a stock AXL node (gensyn-ai/axl's
// cmd/node, which is not on the Go module proxy): scripts/axl_interop.sh
// builds it and sets AXL_STOCK_NODE. A stock /send reaches our handler, and
// our Send lands in the stock node's /recv, both ways over one Yggdrasil link.
func TestStockNodeInterop(t *testing.T) {
	bin := os.Getenv("AXL_STOCK_NODE")
	if bin == "" {
		t.Skip("AXL_STOCK_NODE is not set: run scripts/axl_interop.sh")
	}
	ib := newInbox()
	ours, err := New(Config{Listen: []string{"tls://127.0.0.1:0"}}, zaptest.NewLogger(t), ib.push)
	if err != nil {
		t.Fatal(err)
	}
	defer ours.Close()

	_, key, _ := ed25519.GenerateKey(rand.Reader)
	stockID := PeerIDOf(key.Public().(ed25519.PublicKey))
	api := freeTCPPort(t)
	dir := t.TempDir()
	cfg, _ := json.Marshal(map[string]any{"PrivateKey": hex.EncodeToString(key), "Peers": ours.ListenAddrs(), "Listen": []string{},
		"api_port": api, "bridge_addr": "127.0.0.1"})
	cfgPath := filepath.Join(dir, "node-config.json")
	os.WriteFile(cfgPath, cfg, 0o600)
	cmd := exec.Command(bin, "-config", cfgPath)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	bridge := fmt.Sprintf("http://127.0.0.1:%d", api)
	ours.Allow(stockID) // so we name the stock node by its full id

	// stock → ours, through the stock bridge's /send (a connection per message).
	deadline := time.Now().Add(30 * time.Second)
	for ib.count() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("nothing from the stock node's /send")
		}
		req, _ := http.NewRequest(http.MethodPost, bridge+"/send", strings.NewReader("hello from stock"))
		req.Header.Set("X-Destination-Peer-Id", string(ours.ID()))
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		if resp, err := http.DefaultClient.Do(req.WithContext(ctx)); err == nil {
			resp.Body.Close()
		}
		cancel()
		time.Sleep(200 * time.Millisecond)
	}
	got := ib.wait(t, 1)[0]
	if string(got.data) != "hello from stock" || got.from != stockID {
		t.Fatalf("got %q from %s, want from %s", got.data, got.from, stockID)
	}

	// ours → stock, read from the stock bridge's /recv.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := ours.Send(ctx, stockID, []byte("hello from ours")); err != nil {
		t.Fatal(err)
	}
	for {
		resp, err := http.Get(bridge + "/recv")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				from := resp.Header.Get("X-From-Peer-Id")
				if string(body) != "hello from ours" || from[:16] != string(ours.ID())[:16] {
					t.Fatalf("stock /recv: %q from %s", body, from)
				}
				return
			}
		}
		if ctx.Err() != nil {
			t.Fatal("our message never reached the stock node's /recv")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func freeTCPPort(t *testing.T) int {
	t.Helper()
	port, err := freeport.TCP("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return port
}
