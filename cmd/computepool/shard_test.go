package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/computepool/computepool/axl"

	"github.com/computepool/computepool/internal/freeport"
)

// TestMain lets a test start this test binary as `computepool …`: the
// multi-process pipeline tests run real shard processes this way.
func TestMain(m *testing.M) {
	if args := os.Getenv("COMPUTEPOOL_TEST_EXEC"); args != "" {
		os.Args = append([]string{"computepool"}, strings.Split(args, "\x1f")...)
		selfCommand = testBinaryCommand // its own children (dev's) are re-executions too
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testBinaryCommand is selfCommand for tests: this test binary, told by
// COMPUTEPOOL_TEST_EXEC to run `computepool args…`.
func testBinaryCommand(args ...string) (*exec.Cmd, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), "COMPUTEPOOL_TEST_EXEC="+strings.Join(args, "\x1f"))
	return cmd, nil
}

// startProcess runs `computepool args…` as a child process, stopped (SIGTERM)
// when the test ends.
func startProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "COMPUTEPOOL_TEST_EXEC="+strings.Join(args, "\x1f"), "COMPUTEPOOL_LOG_LEVEL=warn")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		if t.Failed() {
			t.Logf("%s stderr:\n%s", args[0], stderr.String())
		}
	})
	return cmd
}

func freePort(t *testing.T) int {
	t.Helper()
	port, err := freeport.TCP("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	return port
}

// TestPipelineOfShardProcesses: greedy generation through 2 and 4 stages,
// each a separate `computepool shard` process behind its own AXL node,
// yields exactly the single-process tokens, for every architecture. (Not
// parallel: run() swaps the package's stdout.)
func TestPipelineOfShardProcesses(t *testing.T) {
	cases := []struct {
		arch   string
		splits []string
		int8   bool // the stages run an int8 copy (computepool quantize)
	}{
		{"llama", []string{"0:3", "3:6"}, false},
		{"qwen2", []string{"0:3", "3:6"}, false},
		{"qwen3", []string{"0:1", "1:3", "3:5", "5:6"}, false},
		{"llama", []string{"0:2", "2:6"}, true},
	}
	for _, c := range cases {
		name := fmt.Sprintf("%s/%dstages", c.arch, len(c.splits))
		if c.int8 {
			name += "/int8"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			model := filepath.Join(dir, "m")
			mustRun(t, "genmodel", "--arch", c.arch, "--preset", "tiny", "--out", model, "--seed", "9")
			if c.int8 {
				mustRun(t, "quantize", "--model", model, "--out", model+"8")
				model += "8"
			}
			prompt := "12,7,99,1024,5,3,8,60000,31,2,77"
			var want struct {
				TokenIDs []int32 `json:"token_ids"`
			}
			json.Unmarshal([]byte(mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "10", "--ignore-eos", "--json")), &want)

			// Identities first: every member's peer id is known up front
			// (stages, then the generate head, then the API's head).
			n := len(c.splits)
			var ids, dirs, listen []string
			for i := 0; i <= n+1; i++ {
				d := filepath.Join(dir, fmt.Sprintf("axl%d", i))
				cfg, err := axl.LoadOrInitDir(d)
				if err != nil {
					t.Fatal(err)
				}
				ids, dirs = append(ids, string(cfg.ID())), append(dirs, d)
				listen = append(listen, fmt.Sprintf("tls://127.0.0.1:%d", freePort(t)))
			}
			allow := strings.Join(ids, ",")
			for i, layers := range c.splits {
				startProcess(t, "shard", "--model", model, "--layers", layers, "--index", fmt.Sprint(i),
					"--next", ids[(i+1)%n], "--axl-dir", dirs[i], "--listen", listen[i],
					"--peer", strings.Join(listen[:i], ","), "--allow", allow, "--slots", "2", "--capacity", "64")
			}
			out := mustRun(t, "generate", "--model", model, "--prompt-ids", prompt, "--max-tokens", "10", "--ignore-eos", "--json",
				"--pipeline", strings.Join(ids[:n], ","), "--axl-dir", dirs[n], "--listen", listen[n],
				"--peer", strings.Join(listen[:n], ","), "--allow", allow)
			var got struct {
				TokenIDs []int32 `json:"token_ids"`
			}
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatalf("%q: %v", out, err)
			}
			if len(want.TokenIDs) != 10 || fmt.Sprint(got.TokenIDs) != fmt.Sprint(want.TokenIDs) {
				t.Fatalf("pipeline %v, single process %v", got.TokenIDs, want.TokenIDs)
			}
			if c.arch == "llama" && !c.int8 {
				apiThroughPipeline(t, model, strings.Join(ids[:n], ","), listen[:n], allow, dirs[n+1], listen[n+1])
			}
		})
	}
}

// apiThroughPipeline: the OpenAI surface of `computepool api --pipeline`
// answers exactly as `computepool api` with the model in process.
func apiThroughPipeline(t *testing.T, model, stages string, stageListen []string, allow, headDir, headListen string) {
	answer := func(extra ...string) (string, int) {
		port := freePort(t)
		args := append([]string{"api", "--model", model, "--id", "m", "--no-auth", "--http", fmt.Sprintf("127.0.0.1:%d", port),
			"--grpc", fmt.Sprintf("127.0.0.1:%d", freePort(t))}, extra...)
		startProcess(t, args...)
		body := `{"model":"m","messages":[{"role":"user","content":"Name three colours."}],"max_tokens":6,"temperature":0}`
		deadline := time.Now().Add(90 * time.Second)
		for {
			resp, err := http.Post(fmt.Sprintf("http://127.0.0.1:%d/v1/chat/completions", port), "application/json", strings.NewReader(body))
			if err == nil {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("status %d: %s", resp.StatusCode, b)
				}
				var out struct {
					Choices []struct {
						Message struct{ Content string } `json:"message"`
					} `json:"choices"`
					Usage struct {
						CompletionTokens int `json:"completion_tokens"`
					} `json:"usage"`
				}
				if err := json.Unmarshal(b, &out); err != nil || len(out.Choices) != 1 || out.Usage.CompletionTokens == 0 {
					t.Fatalf("answer %s: %v", b, err)
				}
				return fmt.Sprintf("%q/%d", out.Choices[0].Message.Content, out.Usage.CompletionTokens), port
			}
			if time.Now().After(deadline) {
				t.Fatalf("api never answered: %v", err)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	local, _ := answer()
	piped, port := answer("--pipeline", stages, "--axl-dir", headDir, "--listen", headListen, "--peer", strings.Join(stageListen, ","), "--allow", allow)
	if piped != local {
		t.Fatalf("through the pipeline %s, in process %s", piped, local)
	}
	// The head's ping round trips to every stage are on /metrics.
	resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d/metrics", port))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	metrics, _ := io.ReadAll(resp.Body)
	for i := range stageListen {
		if want := fmt.Sprintf("computepool_pipeline_ping_rtt_seconds_count{stage=\"%d\"}", i); !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
