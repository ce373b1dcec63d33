package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/api/auth"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// childrenAreTestBinary makes the processes dev starts re-executions of
// this test binary (TestMain runs COMPUTEPOOL_TEST_EXEC's command) and
// captures what the command prints.
func childrenAreTestBinary(t *testing.T) *syncBuffer {
	saved, savedOut := selfCommand, stdout
	selfCommand = testBinaryCommand
	out := &syncBuffer{}
	stdout = out
	t.Cleanup(func() { selfCommand, stdout = saved, savedOut })
	return out
}

// TestBenchPool: `bench pool` times a tiny pool's activation → ready —
// twice over the same state directory: the second dev run finds the first
// one's pool workflow still running in the kept Temporal database (its dev
// was stopped, not unloaded) and ends it before starting its own.
func TestBenchPool(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	dir := filepath.Join(t.TempDir(), "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", dir, "--seed", "3")
	// A kept database and a fixed port, as `make demo` runs it.
	temporal := []string{"--temporal", fmt.Sprintf("127.0.0.1:%d", freePort(t)), "--temporal-db", filepath.Join(t.TempDir(), "temporal.db")}
	for run := 1; run <= 2; run++ {
		out := childrenAreTestBinary(t)
		start := time.Now()
		if err := benchPool(context.Background(), zaptest.NewLogger(t), append([]string{"--model", dir, "--json"}, temporal...)); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		var res PoolResult
		if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
			t.Fatalf("run %d: bench pool printed %q: %v", run, out.String(), err)
		}
		if res.ActivateSeconds <= 0 || res.LoadSeconds <= 0 || res.ReadySeconds != res.ActivateSeconds+res.LoadSeconds {
			t.Fatalf("run %d: times %+v", run, res)
		}
		// A restart over the kept database must not wait for the previous
		// run's cluster members to expire (it took ~45 s on new ports).
		if took := time.Since(start); res.StakeSeconds > 20 {
			t.Fatalf("run %d: the pool's setup took %.1f s of %s", run, res.StakeSeconds, took)
		}
	}
}

// TestDev runs the README's first command on a tiny model and checks the
// whole paid pool end to end: Temporal, the dev chain, the control worker,
// the facilitator, two shard processes over AXL and the API come up, the
// pool is activated, loaded and streaming to its providers on chain; the
// official openai npm client streams a keyed chat completion, a request
// without a key is asked to pay and the x402 npm client pays it; unloading
// the pool closes the streams, and the balances add up exactly: the payer
// paid the price once to the payee, the facilitator's balance is untouched,
// and what the providers received the operator paid. Ctrl-C stops every
// process.
func TestDev(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	out := childrenAreTestBinary(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runDev(ctx, zaptest.NewLogger(t), []string{"--preset", "tiny", "--http", "127.0.0.1:0", "--grpc", "127.0.0.1:0",
			"--chain", "127.0.0.1:0", "--facilitator", "127.0.0.1:0", "--shard-port", "0",
			"--temporal", "127.0.0.1:0", "--temporal-ui", "127.0.0.1:0"})
	}()
	var url string
	deadline := time.Now().Add(3 * time.Minute)
	for url == "" {
		if i := strings.Index(out.String(), "ready: "); i >= 0 {
			url = strings.TrimSpace(out.String()[i+len("ready: "):])
		}
		select {
		case err := <-done:
			t.Fatalf("dev exited before it was ready: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatal("dev not ready after 3 minutes")
		}
		time.Sleep(100 * time.Millisecond)
	}

	// A key of our own, in the key store the API reads.
	store, err := auth.Open(ctx, filepath.Join(os.Getenv("XDG_DATA_HOME"), "computepool", "dev", "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	key, err := store.Register(ctx, "test@computepool.local", "a password for the test")
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	body := `{"model":"llama-tiny","messages":[{"role":"user","content":"Hello!"}],"max_tokens":5,"temperature":0}`
	post := func(bearer string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodPost, url+"/v1/chat/completions", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if bearer != "" {
			req.Header.Set("Authorization", "Bearer "+bearer)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	resp, b := post(key.Secret)
	var answer struct {
		Usage struct {
			CompletionTokens int `json:"completion_tokens"`
		} `json:"usage"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(b, &answer) != nil || answer.Usage.CompletionTokens == 0 {
		t.Fatalf("keyed request: %d %s", resp.StatusCode, b)
	}
	if resp, b := post(""); resp.StatusCode != http.StatusPaymentRequired || resp.Header.Get("PAYMENT-REQUIRED") == "" {
		t.Fatalf("request without a key: %d %s %v", resp.StatusCode, b, resp.Header)
	}
	checkPaidPoolOnChain(ctx, t, url, key.Secret)

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("dev: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("dev did not stop within 30 s of Ctrl-C")
	}
	if _, err := http.Get(url + "/healthz"); err == nil {
		t.Fatal("the API still answers after dev stopped")
	}
}
