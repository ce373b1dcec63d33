package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"
)

// TestAPICommand: `computepool api --model DIR` serves a generated model:
// a user registers over REST and gets a chat completion over the OpenAI API.
func TestAPICommand(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "tiny")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)

	pr, pw := io.Pipe()
	stdout = pw
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- commands["api"].run(ctx, zaptest.NewLogger(t), []string{"--model", model, "--http", "127.0.0.1:0",
			"--grpc", "127.0.0.1:0", "--db", filepath.Join(dir, "api.db"), "--capacity", "256"})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("no ready line: %v (command: %v)", err, <-done)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "ready: ")
	if !ok {
		t.Fatalf("ready line %q", line)
	}
	post := func(path, key, body string) (int, map[string]any) {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		if key != "" {
			req.Header.Set("X-API-Key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp.StatusCode, out
	}
	status, k := post("/api/v1/auth/register", "", `{"email":"ops@example.com","password":"long enough"}`)
	key, _ := k["key"].(string)
	if status != 200 || key == "" {
		t.Fatalf("register: %d %v", status, k)
	}
	status, c := post("/v1/chat/completions", key, `{"model":"tiny","messages":[{"role":"user","content":"hi"}],"max_tokens":3}`)
	usage, _ := c["usage"].(map[string]any)
	if status != 200 || usage["completion_tokens"] == nil {
		t.Fatalf("chat: %d %v", status, c)
	}
	if status, _ := post("/v1/chat/completions", "", `{"messages":[{"role":"user","content":"hi"}]}`); status != 401 {
		t.Fatalf("chat without a key: %d, want 401", status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("api command: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("api command did not stop on cancel")
	}
}
