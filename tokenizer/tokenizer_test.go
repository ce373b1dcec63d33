package tokenizer

import (
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/dlclark/regexp2"
	"golang.org/x/text/unicode/norm"
)

var loadOnce = map[string]*sync.Once{"qwen3": {}, "llama3": {}}
var loaded = map[string]*Tokenizer{}

// realTokenizer loads one of the real tokenizer files the JS reference ships.
func realTokenizer(t testing.TB, name string) *Tokenizer {
	t.Helper()
	needNode(t)
	loadOnce[name].Do(func() {
		tok, err := Load(filepath.Join(jsDir, tokenizerFiles[name]))
		if err != nil {
			t.Fatal(err)
		}
		loaded[name] = tok
	})
	if loaded[name] == nil {
		t.Fatal("tokenizer failed to load earlier")
	}
	return loaded[name]
}

// The hand-written splitter equals regexp2 running the tokenizer.json pattern.
func TestSplitterMatchesRegex(t *testing.T) {
	for pattern, k := range map[string]int{llama3Pattern: 3, qwen2Pattern: 1} {
		re := regexp2.MustCompile(pattern, regexp2.None)
		for i, line := range corpus(t) {
			line = ValidUTF8(line)
			var want, got []string
			splitRegexp(re, line, func(s string) { want = append(want, s) })
			splitWords(line, k, func(s string) { got = append(got, s) })
			if !slices.Equal(got, want) {
				t.Fatalf("digits %d, line %d %q:\n got  %q\n want %q", k, i+1, line, got, want)
			}
		}
	}
}

func FuzzSplitter(f *testing.F) {
	for _, s := range []string{"Hello  world\n\n x", "I'M 12345 'll", " \t\n\r\n  a", "€€ !!\n", "ſ'S'ſ"} {
		f.Add(s)
	}
	re3 := regexp2.MustCompile(llama3Pattern, regexp2.None)
	f.Fuzz(func(t *testing.T, s string) {
		s = ValidUTF8(s)
		var want, got []string
		splitRegexp(re3, s, func(p string) { want = append(want, p) })
		splitWords(s, 3, func(p string) { got = append(got, p) })
		if !slices.Equal(got, want) {
			t.Fatalf("%q: got %q, want %q", s, got, want)
		}
	})
}

func TestSpecialTokens(t *testing.T) {
	tok := realTokenizer(t, "qwen3")
	imStart, _ := tok.TokenID("<|im_start|>")
	toolCall, _ := tok.TokenID("<tool_call>")
	text := "<|im_start|>user\nhi<tool_call><|im_end|>"
	parsed := tok.Encode(text, EncodeOptions{})
	if parsed[0] != imStart || !slices.Contains(parsed, toolCall) {
		t.Errorf("special tokens not parsed: %v", parsed)
	}
	plain := tok.Encode(text, EncodeOptions{SplitSpecialTokens: true})
	if slices.Contains(plain, imStart) {
		t.Errorf("SplitSpecialTokens still produced <|im_start|>: %v", plain)
	}
	if !slices.Contains(plain, toolCall) {
		t.Errorf("non-special added token <tool_call> should still be matched: %v", plain)
	}
	if s, _ := tok.Decode(plain, false); s != text {
		t.Errorf("plain encoding decodes to %q", s)
	}
	if s, _ := tok.Decode(parsed, true); s != "user\nhi<tool_call>" {
		t.Errorf("skip special: %q", s)
	}
}

// A TemplateProcessing post-processor adds BOS only when asked.
func TestAddSpecialTokens(t *testing.T) {
	json := `{"added_tokens":[{"id":256,"content":"<s>","special":true}],
	  "pre_tokenizer":{"type":"ByteLevel","add_prefix_space":false,"use_regex":true},
	  "post_processor":{"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<s>","type_id":0}},{"Sequence":{"id":"A","type_id":0}}],
	    "special_tokens":{"<s>":{"id":"<s>","ids":[256],"tokens":["<s>"]}}},
	  "decoder":{"type":"ByteLevel"},
	  "model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]}}`
	tok, err := Parse([]byte(json))
	if err != nil {
		t.Fatal(err)
	}
	if ids := tok.Encode("ab", EncodeOptions{AddSpecialTokens: true}); !slices.Equal(ids, []int32{256, tok.byteIDs['a'], tok.byteIDs['b']}) {
		t.Errorf("with BOS: %v", ids)
	}
	if ids := tok.Encode("ab", EncodeOptions{}); len(ids) != 2 {
		t.Errorf("without: %v", ids)
	}
}

func byteVocab() string {
	var b strings.Builder
	b.WriteString("{")
	for i := 0; i < 256; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(string(byteToRune[i])) + `":` + strconv.Itoa(i))
	}
	b.WriteString("}")
	return b.String()
}

func TestBadFiles(t *testing.T) {
	cases := map[string]string{
		"not json":           `{`,
		"wordpiece":          `{"model":{"type":"WordPiece","vocab":{"a":0}}}`,
		"empty vocab":        `{"model":{"type":"BPE","vocab":{},"merges":[]},"decoder":{"type":"ByteLevel"}}`,
		"not byte-level":     `{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"decoder":{"type":"ByteLevel"}}`,
		"bad merge":          `{"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":["a"]},"decoder":{"type":"ByteLevel"}}`,
		"merge not in vocab": `{"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[["a","b"]]},"decoder":{"type":"ByteLevel"}}`,
		"bad regex":          `{"pre_tokenizer":{"type":"Split","pattern":{"Regex":"(("},"behavior":"Isolated"},"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]},"decoder":{"type":"ByteLevel"}}`,
		"unknown normalizer": `{"normalizer":{"type":"Lowercase"},"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]},"decoder":{"type":"ByteLevel"}}`,
		"no decoder":         `{"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]}}`,
		"byte fallback":      `{"model":{"type":"BPE","byte_fallback":true,"vocab":{"a":0},"merges":[]}}`,
		"empty added token":  `{"added_tokens":[{"id":300,"content":""}],"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]},"decoder":{"type":"ByteLevel"}}`,
	}
	for name, js := range cases {
		if _, err := Parse([]byte(js)); err == nil {
			t.Errorf("%s: accepted", name)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"model":{"type":"BPE","vocab":` + byteVocab() + `,"merges":[]},"decoder":{"type":"ByteLevel"}}`))
	f.Add([]byte(`{"added_tokens":[{"id":3,"content":"x"}],"model":{"type":"BPE","vocab":{"a":0},"merges":["a a"]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := Parse(data)
		if err != nil {
			return
		}
		ids := tok.Encode("hello wörld 12345 \xff", EncodeOptions{AddSpecialTokens: true})
		if _, err := tok.Decode(ids, false); err != nil {
			t.Fatalf("decoding its own ids: %v", err)
		}
	})
}

// Encoding then decoding gives back the (UTF-8-repaired, NFC for Qwen) text.
func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"Hello, world!", "你好 👋🏽\n\n", "e\u0301\xff\xe2\x82", "<|im_start|>x<|im_end|>", "   \t12345"} {
		f.Add(s)
	}
	llama, qwen := realTokenizer(f, "llama3"), realTokenizer(f, "qwen3")
	f.Fuzz(func(t *testing.T, s string) {
		want := ValidUTF8(s)
		if got, _ := llama.Decode(llama.Encode(s, EncodeOptions{}), false); got != want {
			t.Fatalf("llama3: %q → %q", want, got)
		}
		if got, _ := qwen.Decode(qwen.Encode(s, EncodeOptions{SplitSpecialTokens: true}), false); got != norm.NFC.String(want) && !strings.Contains(want, "<") {
			t.Fatalf("qwen3: %q → %q", want, got)
		}
		st := llama.NewStream(false)
		var b strings.Builder
		for _, id := range llama.Encode(s, EncodeOptions{}) {
			p, _ := st.Next(id)
			b.WriteString(p)
		}
		b.WriteString(st.Flush())
		if b.String() != want || !utf8.ValidString(b.String()) {
			t.Fatalf("stream: %q → %q", want, b.String())
		}
	})
}

func TestDecodeErrors(t *testing.T) {
	tok := realTokenizer(t, "qwen3")
	if _, err := tok.Decode([]int32{1, 9999999}, false); err == nil || !strings.Contains(err.Error(), "9999999") {
		t.Errorf("err = %v", err)
	}
	if _, err := tok.NewStream(false).Next(-1); err == nil {
		t.Error("negative id accepted")
	}
}

func TestValidUTF8(t *testing.T) {
	cases := map[string]string{
		"ok":               "ok",
		"\xff":             "\uFFFD",
		"\xe2\x82A":        "\uFFFDA", // one replacement for the truncated sequence
		"\xf0\x9f\x98":     "\uFFFD",
		"\xc0\x80":         "\uFFFD\uFFFD", // overlong: each byte is its own subpart
		"\xed\xa0\x80":     "\uFFFD\uFFFD\uFFFD",
		"a\xe2\x28\xa1b":   "a\uFFFD(\uFFFDb",
		"\xf4\x90\x80\x80": "\uFFFD\uFFFD\uFFFD\uFFFD",
	}
	for in, want := range cases {
		if got := ValidUTF8(in); got != want {
			t.Errorf("ValidUTF8(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkSplitter compares the hand-written pre-tokenizer with regexp2
// running the same pattern (the choice docs/BENCHMARKS.md records).
func BenchmarkSplitter(b *testing.B) {
	lines := corpus(b)
	for i, l := range lines {
		lines[i] = ValidUTF8(l)
	}
	var size int64
	for _, l := range lines {
		size += int64(len(l))
	}
	re := regexp2.MustCompile(qwen2Pattern, regexp2.None)
	b.Run("hand", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				splitWords(l, 1, func(string) {})
			}
		}
	})
	b.Run("regexp2", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, l := range lines {
				splitRegexp(re, l, func(string) {})
			}
		}
	})
}
