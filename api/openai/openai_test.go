package openai_test

import (
	"bufio"
	"context"
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

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/api/apitest"
	"github.com/computepool/computepool/api/auth"
	"github.com/computepool/computepool/api/openai"
	"github.com/computepool/computepool/api/x402"
)

var tiny *api.Model

func TestMain(m *testing.M) {
	os.Exit(func() int {
		model, _, closeModel, err := apitest.TinyModel(context.Background())
		if err != nil {
			fmt.Fprintln(os.Stderr, "generating the test model:", err)
			return 1
		}
		defer closeModel()
		tiny = model
		return m.Run()
	}())
}

type server struct {
	base string
	key  string
}

// start serves the OpenAI routes on a real server with API keys (and
// payments when pay is set).
func start(t testing.TB, pay *x402.Middleware) *server {
	t.Helper()
	ctx := context.Background()
	// Few PBKDF2 rounds: the production count costs a second per hash under -race.
	store, err := auth.OpenWith(ctx, filepath.Join(t.TempDir(), "auth.db"), auth.Options{PasswordIterations: 1000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	log := zaptest.NewLogger(t)
	models := api.NewModels(tiny)
	srv, err := api.New(api.Config{HTTPAddr: "127.0.0.1:0", GRPCAddr: "127.0.0.1:0", Models: models, Auth: store, Log: log,
		Handlers: map[string]http.Handler{"/v1/": api.Guard(store, pay, openai.New(models, log), openai.WriteError)}})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	k, err := store.Register(ctx, "ada@example.com", "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	return &server{base: "http://" + srv.HTTPAddr(), key: k.Secret}
}

// needNode skips (or fails in CI) when node or an npm package the test
// drives is not installed.
func needNode(t *testing.T, pkg string) {
	t.Helper()
	_, errNode := exec.LookPath("node")
	_, errMods := os.Stat(filepath.Join("../testdata/js/node_modules", pkg, "package.json"))
	if errNode == nil && errMods == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("node or the npm package %s is not installed: run `make deps` (npm ci in api/testdata/js)", pkg)
	}
	t.Skipf("node or %s not installed; `make deps` installs it", pkg)
}

func TestOfficialClient(t *testing.T) {
	needNode(t, "openai")
	s := start(t, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", "client.mjs", s.base+"/v1", s.key, apitest.ModelID)
	cmd.Dir = "../testdata/js"
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node client: %v\n%s", err, stderr.String())
	}
	var got struct {
		Stream struct {
			Text         string
			Chunks       int
			FinishReason string `json:"finish_reason"`
			Usage        *api.Usage
			Roles        []string
		}
		Chat struct {
			Text         string
			FinishReason string `json:"finish_reason"`
			Usage        api.Usage
			Object       string
		}
		Completion struct {
			Text         string
			FinishReason string `json:"finish_reason"`
			Usage        api.Usage
		}
		CompletionStream struct {
			Text  string
			Usage *api.Usage
		}
		Models []string
		Model  string
		Bad    *struct {
			Status  int
			Message string
			Param   string
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("client output %s: %v", out, err)
	}
	st := got.Stream
	if st.Usage == nil || st.Usage.CompletionTokens < 1 || st.Usage.CompletionTokens > 10 || st.Usage.PromptTokens < 5 ||
		st.Usage.TotalTokens != st.Usage.PromptTokens+st.Usage.CompletionTokens {
		t.Errorf("stream usage %+v", st.Usage)
	}
	if st.FinishReason == "" || len(st.Roles) != 1 || st.Roles[0] != "assistant" || st.Chunks < 3 {
		t.Errorf("stream: %+v", st)
	}
	// Greedy: the streamed and the non-streamed answers are the same text.
	if got.Chat.Object != "chat.completion" || got.Chat.Text != st.Text || got.Chat.Usage != *st.Usage || got.Chat.FinishReason != st.FinishReason {
		t.Errorf("chat %+v differs from the stream %+v", got.Chat, st)
	}
	if c := got.Completion; c.Usage.CompletionTokens < 1 || c.Usage.CompletionTokens > 5 || c.FinishReason == "" {
		t.Errorf("completion %+v", c)
	}
	if cs := got.CompletionStream; cs.Usage == nil || cs.Usage.CompletionTokens < 1 || cs.Usage.CompletionTokens > 5 {
		t.Errorf("streamed completion %+v", cs)
	}
	if len(got.Models) != 1 || got.Models[0] != apitest.ModelID || got.Model != apitest.ModelID {
		t.Errorf("models %v, model %q", got.Models, got.Model)
	}
	if got.Bad == nil || got.Bad.Status != 400 || got.Bad.Param != "temperature" || !strings.Contains(got.Bad.Message, "between 0 and 2") {
		t.Errorf("bad request seen by the client as %+v", got.Bad)
	}
}

// post sends a JSON body and returns the status and body.
func (s *server) post(t *testing.T, path, key, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", s.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestErrors(t *testing.T) {
	s := start(t, nil)
	msgs := `"messages":[{"role":"user","content":"hi"}]`
	for _, tc := range []struct {
		path, body string
		status     int
		param      string
	}{
		{"/v1/chat/completions", `{` + msgs + `,"temperature":"hot"}`, 400, "temperature"},
		{"/v1/chat/completions", `{` + msgs + `,"temprature":1}`, 400, "temprature"},
		{"/v1/chat/completions", `{` + msgs + `,"n":2}`, 400, "n"},
		{"/v1/chat/completions", `{` + msgs + `,"max_tokens":0}`, 400, "max_tokens"},
		{"/v1/chat/completions", `{` + msgs + `,"top_p":1.5}`, 400, "top_p"},
		{"/v1/chat/completions", `{` + msgs + `,"stop":["a","b","c","d","e"]}`, 400, "stop"},
		{"/v1/chat/completions", `{` + msgs + `,"max_tokens":100000}`, 400, "max_tokens"},
		{"/v1/chat/completions", `{"messages":[]}`, 400, "messages"},
		{"/v1/chat/completions", `{"messages":[{"role":"robot","content":"x"}]}`, 400, "messages[0].role"},
		{"/v1/chat/completions", `{` + msgs, 400, ""},
		{"/v1/chat/completions", ``, 400, ""},
		{"/v1/chat/completions", `{` + msgs + `,"model":"gpt-9"}`, 404, "model"},
		{"/v1/completions", `{"prompt":["a","b"]}`, 400, "prompt"},
		{"/v1/completions", `{"prompt":"a","echo":true}`, 400, "echo"},
		{"/v1/completions", `{"prompt":"a","stream_options":{"include_usage":true}}`, 400, "stream_options"},
	} {
		resp, body := s.post(t, tc.path, s.key, tc.body)
		var e openai.ErrorResponse
		if err := json.Unmarshal([]byte(body), &e); err != nil || resp.StatusCode != tc.status || e.Error.Message == "" {
			t.Errorf("%s %s: status %d, body %s; want %d in OpenAI's error shape", tc.path, tc.body, resp.StatusCode, body, tc.status)
			continue
		}
		param := ""
		if e.Error.Param != nil {
			param = *e.Error.Param
		}
		if param != tc.param {
			t.Errorf("%s: param %q, want %q (message %q)", tc.body, param, tc.param, e.Error.Message)
		}
	}
	// Keys: missing, wrong.
	for _, key := range []string{"", "cp_not-a-key"} {
		resp, body := s.post(t, "/v1/chat/completions", key, `{`+msgs+`}`)
		var e openai.ErrorResponse
		if json.Unmarshal([]byte(body), &e); resp.StatusCode != 401 || e.Error.Message == "" {
			t.Errorf("key %q: status %d, body %s", key, resp.StatusCode, body)
		}
	}
}

// TestStopString: a stop string cuts the text before it and is not sent.
func TestStopString(t *testing.T) {
	s := start(t, nil)
	body := `{"prompt":"The capital of France","max_tokens":24,"temperature":0}`
	_, full := s.post(t, "/v1/completions", s.key, body)
	var c openai.Completion
	if err := json.Unmarshal([]byte(full), &c); err != nil {
		t.Fatal(err)
	}
	text := c.Choices[0].Text
	if len([]rune(text)) < 6 {
		t.Fatalf("the greedy completion is too short to cut: %q", text)
	}
	r := []rune(text)
	stop := string(r[len(r)/2 : len(r)/2+2])
	want := text[:strings.Index(text, stop)]
	stopJSON, _ := json.Marshal(stop)
	for _, stream := range []bool{false, true} {
		req := fmt.Sprintf(`{"prompt":"The capital of France","max_tokens":24,"temperature":0,"stop":%s,"stream":%v}`, stopJSON, stream)
		resp, out := s.post(t, "/v1/completions", s.key, req)
		if resp.StatusCode != 200 {
			t.Fatalf("status %d: %s", resp.StatusCode, out)
		}
		got, reason := "", ""
		if !stream {
			var c openai.Completion
			json.Unmarshal([]byte(out), &c)
			got, reason = c.Choices[0].Text, *c.Choices[0].FinishReason
		} else {
			sc := bufio.NewScanner(strings.NewReader(out))
			for sc.Scan() {
				data, ok := strings.CutPrefix(sc.Text(), "data: ")
				if !ok || data == "[DONE]" {
					continue
				}
				var c openai.Completion
				if err := json.Unmarshal([]byte(data), &c); err != nil {
					t.Fatal(err)
				}
				got += c.Choices[0].Text
				if c.Choices[0].FinishReason != nil {
					reason = *c.Choices[0].FinishReason
				}
			}
		}
		if got != want || reason != "stop" {
			t.Errorf("stream=%v stop %q: text %q (%s), want %q (stop); full text %q", stream, stop, got, reason, want, text)
		}
	}
}

// TestClientDisconnectCancels: a client that goes away frees its slot, so
// later requests still run (the model has 4 slots; 8 abandoned streams
// would otherwise block it).
func TestClientDisconnectCancels(t *testing.T) {
	s := start(t, nil)
	for i := 0; i < 8; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "POST", s.base+"/v1/completions",
			strings.NewReader(`{"prompt":"go on","max_tokens":400,"stream":true,"temperature":1}`))
		req.Header.Set("Authorization", "Bearer "+s.key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		bufio.NewReader(resp.Body).ReadString('\n') // the stream has started
		cancel()
		resp.Body.Close()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		resp, body := s.post(t, "/v1/completions", s.key, `{"prompt":"hi","max_tokens":3}`)
		if resp.StatusCode != 200 {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("a request after abandoned streams did not finish: cancelled generations keep their slots")
	}
}
