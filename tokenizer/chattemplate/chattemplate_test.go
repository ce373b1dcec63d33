package chattemplate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each template renders byte-identical text to @huggingface/jinja (the Jinja
// engine transformers.js uses) for the conversations in conversations().
var templates = map[string]struct{ file, bos, eos string }{
	"llama-3.2":  {"llama-3.2-instruct.jinja", "<|begin_of_text|>", "<|eot_id|>"},
	"qwen2.5":    {"qwen2.5-instruct.jinja", "", "<|im_end|>"},
	"qwen3-2507": {"qwen3-instruct-2507.jinja", "", "<|im_end|>"},
}

type renderCase struct {
	Messages            []Message `json:"messages"`
	AddGenerationPrompt bool      `json:"add_generation_prompt"`
	BOSToken            string    `json:"bos_token"`
	EOSToken            string    `json:"eos_token"`
}

func conversations() [][]Message {
	sys := Message{"system", "You are ComputePool's assistant. Answer briefly."}
	return [][]Message{
		{sys, {"user", "Hi there!"}, {"assistant", "Hello. How can I help?"}, {"user", "Split a model across machines."}},
		{{"user", "What is 2+2?"}},
		{sys, {"user", "  leading and trailing spaces  \n"}, {"assistant", "\nok\n"}, {"user", "多语言 — émoji 👋🏽 and\nnew lines\n\n"}},
		{sys, {"user", "Literal template syntax: {{ x }} {% if %} <|im_start|> <|eot_id|>"}},
		{{"user", "first"}, {"assistant", "second"}, {"user", "third"}, {"assistant", "fourth"}, {"user", "fifth"}},
		{sys, {"user", ""}},
		{{"system", "Only a system prompt, then a user."}, {"user", "Go."}, {"assistant", "Done."}},
	}
}

func TestRenderMatchesReference(t *testing.T) {
	jsDir := filepath.Join("..", "testdata", "js")
	_, errNode := exec.LookPath("node")
	if _, err := os.Stat(filepath.Join(jsDir, "node_modules", "@huggingface", "jinja")); err != nil || errNode != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("the JS reference is not installed: run `make deps`")
		}
		t.Skip("JS reference not installed; `make deps` installs it")
	}
	for name, tc := range templates {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			tpl, err := Parse(string(src), tc.bos, tc.eos)
			if err != nil {
				t.Fatal(err)
			}
			tpl.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }
			var cases []renderCase
			for _, conv := range conversations() {
				for _, gen := range []bool{true, false} {
					cases = append(cases, renderCase{conv, gen, tc.bos, tc.eos})
				}
			}
			casesPath := filepath.Join(t.TempDir(), "cases.json")
			b, _ := json.Marshal(cases)
			os.WriteFile(casesPath, b, 0o644)
			absTpl, _ := filepath.Abs(filepath.Join("testdata", tc.file))
			cmd := exec.Command("node", "reference.mjs", "chat", absTpl, casesPath)
			cmd.Dir = jsDir
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("reference: %v", err)
			}
			sc := bufio.NewScanner(bytes.NewReader(out))
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for i := 0; sc.Scan(); i++ {
				var want string
				if err := json.Unmarshal(sc.Bytes(), &want); err != nil {
					t.Fatal(err)
				}
				got, err := tpl.Render(cases[i].Messages, cases[i].AddGenerationPrompt)
				if err != nil {
					t.Fatalf("case %d: %v", i, err)
				}
				if got != want {
					t.Errorf("case %d (generation prompt %v):\n got  %q\n want %q", i, cases[i].AddGenerationPrompt, got, want)
				}
			}
		})
	}
}

func TestStrftime(t *testing.T) {
	d := time.Date(2026, 3, 5, 7, 8, 9, 0, time.UTC)
	if got := strftime(d, "%d %b %Y|%B %m/%y %H:%M:%S %a %A %j %%"); got != "05 Mar 2026|March 03/26 07:08:09 Thu Thursday 064 %" {
		t.Errorf("strftime = %q", got)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Parse("{% if %}", "", ""); err == nil {
		t.Error("bad template accepted")
	}
	tpl, err := Parse(`{{ raise_exception("roles must alternate") }}`, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tpl.Render([]Message{{"user", "x"}}, true); err == nil || !strings.Contains(err.Error(), "roles must alternate") {
		t.Errorf("raise_exception: %v", err)
	}
	if _, err := tpl.Render(nil, true); err == nil {
		t.Error("empty conversation accepted")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "tokenizer_config.json"), []byte(`{"bos_token": {"content": "<s>"}}`), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "no chat_template") {
		t.Errorf("missing template: %v", err)
	}
}
