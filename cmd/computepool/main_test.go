package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/internal/npy"
)

// run invokes a subcommand as the binary would and returns its stdout.
func run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	stdout = &out
	err := commands[args[0]].run(context.Background(), zaptest.NewLogger(t), args[1:])
	return out.String(), err
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, err := run(t, args...)
	if err != nil {
		t.Fatalf("computepool %s: %v", strings.Join(args, " "), err)
	}
	return out
}

// genmodel → generate, and the same forward pass run as two slices through
// hidden-state files gives the whole model's first logits row.
func TestGenerateWholeAndSliced(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "qwen2", "--preset", "tiny", "--out", model, "--seed", "5")

	logits := filepath.Join(dir, "logits.npy")
	out := mustRun(t, "generate", "--model", model, "--prompt-ids", "3,1,4,1,5,9", "--max-tokens", "5", "--ignore-eos", "--json", "--logits-out", logits)
	var res struct {
		TokenIDs     []int  `json:"token_ids"`
		FinishReason string `json:"finish_reason"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if len(res.TokenIDs) != 5 || res.FinishReason != "length" {
		t.Errorf("got %+v, want 5 tokens, finish_reason length", res)
	}
	whole, shape, err := npy.ReadFloat32(logits)
	if err != nil || shape[0] != 5 || shape[1] != 151936 {
		t.Fatalf("logits %v: %v", shape, err)
	}

	hidden, sliced := filepath.Join(dir, "h.npy"), filepath.Join(dir, "l.npy")
	mustRun(t, "generate", "--model", model, "--layers", "0:2", "--prompt-ids", "3,1,4,1,5,9", "--hidden-out", hidden)
	mustRun(t, "generate", "--model", model, "--layers", "2:6", "--hidden-in", hidden, "--logits-out", sliced)
	got, _, err := npy.ReadFloat32(sliced)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		if d := got[i] - whole[i]; d > 1e-4 || d < -1e-4 {
			t.Fatalf("sliced logit %d = %v, whole model %v", i, got[i], whole[i])
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"generate", "--model", model, "--layers", "4:9", "--prompt-ids", "1"}, "out of bounds"},
		{[]string{"generate", "--model", model, "--layers", "x", "--prompt-ids", "1"}, "want start:end"},
		{[]string{"generate", "--model", model, "--prompt-ids", "1,two"}, `"two" is not an integer`},
		{[]string{"generate", "--model", model, "--prompt-ids", "1,999999"}, "token id 999999 out of range"},
		{[]string{"generate", "--model", model, "--prompt-ids", "1", "--temperature", "-1"}, "temperature must be >= 0"},
		{[]string{"generate", "--model", model, "--layers", "2:6"}, "--hidden-in"},
		{[]string{"generate", "--model", model, "--prompt-ids", "1", "--backend", "xla:cuda"}, "not compiled in"},
		{[]string{"generate", "--model", filepath.Join(dir, "nope"), "--prompt-ids", "1"}, "config.json"},
		{[]string{"genmodel", "--arch", "gpt2", "--out", dir}, `unknown architecture "gpt2"`},
		{[]string{"bench", "fly"}, "unknown benchmark"},
	} {
		_, err := run(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("computepool %s: error %v, want it to mention %q", strings.Join(c.args, " "), err, c.want)
		}
	}
}

// Text in, text out: tokenize and chat-generate on a generated model with its real tokenizer.
func TestTokenizeAndChat(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m")
	mustRun(t, "genmodel", "--arch", "llama", "--preset", "tiny", "--out", model)
	var ids []int
	if err := json.Unmarshal([]byte(mustRun(t, "tokenize", "--model", model, "--text", "Hello, world!")), &ids); err != nil {
		t.Fatal(err)
	}
	if len(ids) != 4 { // "Hello" "," " world" "!"
		t.Errorf("ids = %v", ids)
	}
	if err := json.Unmarshal([]byte(mustRun(t, "tokenize", "--model", model, "--text", "Hi", "--chat")), &ids); err != nil || ids[0] != 128000 {
		t.Errorf("chat ids start %v, want <|begin_of_text|> (128000): %v", ids, err)
	}
	lines := filepath.Join(dir, "lines.txt")
	os.WriteFile(lines, []byte("one\ntwo three\n\n"), 0o644)
	if out := mustRun(t, "tokenize", "--model", model, "--file", lines); strings.Count(out, "\n") != 3 {
		t.Errorf("--file printed %q, want one array per line", out)
	}
	out := mustRun(t, "generate", "--model", model, "--prompt", "Tell me a story", "--chat", "--max-tokens", "6", "--ignore-eos", "--json")
	var res struct {
		TokenIDs []int  `json:"token_ids"`
		Text     string `json:"text"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res.TokenIDs) != 6 || res.Text == "" {
		t.Errorf("generate --prompt --json = %q (%v)", out, err)
	}
	if _, err := run(t, "generate", "--model", model, "--chat", "--prompt-ids", "1"); err == nil {
		t.Error("--chat without --prompt accepted")
	}
}
