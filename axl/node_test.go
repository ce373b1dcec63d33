package axl

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

// inbox collects messages a node receives.
type inbox struct {
	mu   sync.Mutex
	msgs []received
	got  chan struct{}
}

func newInbox() *inbox { return &inbox{got: make(chan struct{}, 1024)} }

func (b *inbox) push(from PeerID, msg []byte) {
	b.mu.Lock()
	b.msgs = append(b.msgs, received{from, msg})
	b.mu.Unlock()
	b.got <- struct{}{}
}

func (b *inbox) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.msgs)
}

func (b *inbox) wait(t *testing.T, n int) []received {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		b.mu.Lock()
		if len(b.msgs) >= n {
			out := append([]received(nil), b.msgs...)
			b.mu.Unlock()
			return out
		}
		b.mu.Unlock()
		select {
		case <-b.got:
		case <-timeout:
			t.Fatalf("timed out waiting for %d messages", n)
		}
	}
}

// pair starts two nodes, b peered to a's listener.
func pair(t *testing.T, cfgA, cfgB Config) (*Node, *inbox, *Node, *inbox) {
	t.Helper()
	cfgA.Listen = []string{"tls://127.0.0.1:0"}
	ia, ib := newInbox(), newInbox()
	a, err := New(cfgA, zaptest.NewLogger(t), ia.push)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	cfgB.Peers = a.ListenAddrs()
	b, err := New(cfgB, zaptest.NewLogger(t), ib.push)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return a, ia, b, ib
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func TestSendBothWaysManyMessagesOneConnection(t *testing.T) {
	a, ia, b, ib := pair(t, Config{}, Config{})
	ctx := ctxT(t)
	sizes := []int{0, 1, 1280, 8192, 70000, 1 << 20}
	for _, n := range sizes {
		msg := make([]byte, n)
		rand.Read(msg)
		if err := a.Send(ctx, b.ID(), msg); err != nil {
			t.Fatal(err)
		}
		if err := b.Send(ctx, a.ID(), msg); err != nil {
			t.Fatal(err)
		}
	}
	gotB, gotA := ib.wait(t, len(sizes)), ia.wait(t, len(sizes))
	for i, n := range sizes {
		if len(gotB[i].data) != n || len(gotA[i].data) != n || !bytes.Equal(gotA[i].data, gotB[i].data) {
			t.Fatalf("message %d: sizes %d/%d want %d, or contents differ", i, len(gotA[i].data), len(gotB[i].data), n)
		}
		// Both know each other's full id once they have sent.
		if gotB[i].from != a.ID() || gotA[i].from != b.ID() {
			t.Fatalf("sender ids %s / %s, want %s / %s", gotB[i].from, gotA[i].from, a.ID(), b.ID())
		}
	}
	if s := a.Stats(); s.MessagesOut != uint64(len(sizes)) || s.MessagesIn != uint64(len(sizes)) {
		t.Fatalf("stats %+v", s)
	}
	// One persistent connection per direction, however many messages.
	a.mu.Lock()
	conns := len(a.conns)
	a.mu.Unlock()
	if conns != 1 {
		t.Fatalf("%d outbound connections, want 1", conns)
	}
}

func TestAllowListDropsAndCounts(t *testing.T) {
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	a, ia, b, _ := pair(t, Config{}, Config{})
	ctx := ctxT(t)
	a.Allow(PeerIDOf(stranger.Public().(ed25519.PublicKey)))
	if err := b.Send(ctx, a.ID(), []byte("from outside the pool")); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for a.Stats().Dropped == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if s := a.Stats(); s.Dropped != 1 || s.MessagesIn != 0 {
		t.Fatalf("stats %+v, want 1 dropped and none delivered", s)
	}
	a.Allow(b.ID())
	if err := b.Send(ctx, a.ID(), []byte("now a member")); err != nil {
		t.Fatal(err)
	}
	if got := ia.wait(t, 1); string(got[0].data) != "now a member" || got[0].from != b.ID() {
		t.Fatalf("got %q from %s", got[0].data, got[0].from)
	}
}

func TestOversizedMessageClosesConnection(t *testing.T) {
	a, ia, b, _ := pair(t, Config{MaxMessageSize: 1000}, Config{})
	ctx := ctxT(t)
	if err := b.Send(ctx, a.ID(), make([]byte, 1001)); err != nil {
		t.Fatal(err) // b's own limit is the default; a refuses it
	}
	deadline := time.Now().Add(10 * time.Second)
	for a.Stats().Oversized == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if a.Stats().Oversized != 1 {
		t.Fatalf("stats %+v, want one oversized", a.Stats())
	}
	// The sender recovers on a fresh connection (it may need a write to notice).
	for i := 0; i < 50; i++ {
		if err := b.Send(ctx, a.ID(), []byte("small")); err == nil && ia.count() > 0 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if got := ia.wait(t, 1); string(got[0].data) != "small" {
		t.Fatalf("got %q", got[0].data)
	}
	if err := a.Send(ctx, b.ID(), make([]byte, 1001)); err == nil {
		t.Fatal("sending over our own max_message_size succeeded")
	}
}

func TestStockConfigFormats(t *testing.T) {
	dir := t.TempDir()
	cfg, err := LoadOrInitDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	pemBytes, err := os.ReadFile(filepath.Join(dir, "private.pem"))
	if err != nil || !strings.Contains(string(pemBytes), "BEGIN PRIVATE KEY") {
		t.Fatalf("private.pem: %v %q", err, pemBytes)
	}
	again, err := LoadOrInitDir(dir)
	if err != nil || again.ID() != cfg.ID() {
		t.Fatalf("reloaded identity %s, want %s (%v)", again.ID(), cfg.ID(), err)
	}
	// The hex form Yggdrasil writes (PrivateKey) names the same identity.
	hexCfg := filepath.Join(dir, "hex.json")
	os.WriteFile(hexCfg, []byte(`{"PrivateKey":"`+hex.EncodeToString(cfg.key)+`","Peers":[],"Listen":[],"tcp_port":7000,"max_message_size":1024}`), 0o600)
	h, err := LoadConfig(hexCfg)
	if err != nil || h.ID() != cfg.ID() || h.MaxMessageSize != 1024 {
		t.Fatalf("hex config: id %s max %d err %v", h.ID(), h.MaxMessageSize, err)
	}
	os.WriteFile(hexCfg, []byte(`{"PrivateKey":"zz"}`), 0o600)
	if _, err := LoadConfig(hexCfg); err == nil || !strings.Contains(err.Error(), "PrivateKey") {
		t.Fatalf("bad key accepted or unclear error: %v", err)
	}
	if _, err := ParsePeerID("abc"); err == nil {
		t.Fatal("short peer id accepted")
	}
}

func TestBridgeSendRecvTopology(t *testing.T) {
	a, _, b, _ := pair(t, Config{}, Config{})
	bridgeA, bridgeB := NewBridge(a), NewBridge(b)
	a.Handle(bridgeA.Push)
	b.Handle(bridgeB.Push)
	srvA, srvB := httptest.NewServer(bridgeA), httptest.NewServer(bridgeB)
	defer srvA.Close()
	defer srvB.Close()

	req, _ := http.NewRequest(http.MethodPost, srvA.URL+"/send", strings.NewReader("hello over the bridge"))
	req.Header.Set("X-Destination-Peer-Id", string(b.ID()))
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("send: %v %v", err, resp)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(srvB.URL + "/recv")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			// b never heard of a, so like the stock node it names the sender
			// by the key bits a's overlay address carries.
			from := resp.Header.Get("X-From-Peer-Id")
			if string(body) != "hello over the bridge" || len(from) != 64 || from[:16] != string(a.ID())[:16] {
				t.Fatalf("recv %q from %s", body, resp.Header.Get("X-From-Peer-Id"))
			}
			break
		}
		if resp.StatusCode != http.StatusNoContent || time.Now().After(deadline) {
			t.Fatalf("recv status %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
	req, _ = http.NewRequest(http.MethodPost, srvA.URL+"/send", strings.NewReader("x"))
	req.Header.Set("X-Destination-Peer-Id", "nothex")
	if resp, _ := http.DefaultClient.Do(req); resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("bad peer id: status %d", resp.StatusCode)
	}
	resp, err = http.Get(srvA.URL + "/topology")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), string(a.ID())) || !strings.Contains(string(body), string(b.ID())) {
		t.Fatalf("topology lacks the node or its peer: %s", body)
	}
}

// TestStockFraming writes the stock wire format by hand on a raw overlay
// connection: a length prefix, then the payload, several per connection.
func TestStockFraming(t *testing.T) {
	a, ia, b, _ := pair(t, Config{}, Config{})
	ctx := ctxT(t)
	if err := b.Connect(ctx, a.ID()); err != nil {
		t.Fatal(err)
	}
	pc, _ := b.peer(a.ID())
	var wire []byte
	for _, m := range []string{"one", "two", "three"} {
		wire = binary.BigEndian.AppendUint32(wire, uint32(len(m)))
		wire = append(wire, m...)
	}
	pc.mu.Lock()
	_, err := pc.conn.Write(wire)
	pc.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	got := ia.wait(t, 3)
	if string(got[0].data)+string(got[1].data)+string(got[2].data) != "onetwothree" {
		t.Fatalf("got %q %q %q", got[0].data, got[1].data, got[2].data)
	}
}
