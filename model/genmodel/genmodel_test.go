package genmodel

import (
	"slices"
	"strings"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/tokenizer"
	"github.com/computepool/computepool/tokenizer/chattemplate"
)

// Every generated model carries a real tokenizer and chat template that fit
// its config: the vocabulary fits vocab_size, BOS/EOS ids name the right
// tokens, and the template renders.
func TestGeneratedModelHasMatchingTokenizer(t *testing.T) {
	cases := map[string]struct{ bos, eos, header string }{
		"llama": {"<|begin_of_text|>", "<|eot_id|>", "<|start_header_id|>assistant<|end_header_id|>\n\n"},
		"qwen2": {"<|endoftext|>", "<|im_end|>", "<|im_start|>assistant\n"},
		"qwen3": {"<|endoftext|>", "<|im_end|>", "<|im_start|>assistant\n"},
	}
	for arch, want := range cases {
		t.Run(arch, func(t *testing.T) {
			c, err := Preset(arch, "tiny")
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if err := Write(dir, c, Options{Seed: 1}, zaptest.NewLogger(t)); err != nil {
				t.Fatal(err)
			}
			cfg, err := model.LoadConfig(dir)
			if err != nil {
				t.Fatal(err)
			}
			tok, err := tokenizer.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if tok.VocabSize() > cfg.VocabSize || tok.VocabSize() != tokenizerAssets[arch].vocabSize {
				t.Errorf("tokenizer has %d ids (recorded %d), vocab_size is %d", tok.VocabSize(), tokenizerAssets[arch].vocabSize, cfg.VocabSize)
			}
			if id, _ := tok.TokenID(want.bos); cfg.BOSTokenID == nil || int(id) != *cfg.BOSTokenID {
				t.Errorf("bos_token_id %v, tokenizer says %s is %d", cfg.BOSTokenID, want.bos, id)
			}
			if id, _ := tok.TokenID(want.eos); !slices.Contains(cfg.EOSTokenID, int(id)) {
				t.Errorf("eos_token_id %v lacks %s (%d)", cfg.EOSTokenID, want.eos, id)
			}
			tpl, err := chattemplate.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			prompt, err := tpl.Render([]chattemplate.Message{{Role: "user", Content: "hi"}}, true)
			if err != nil || !strings.HasSuffix(prompt, want.header) {
				t.Errorf("rendered %q, %v", prompt, err)
			}
			ids := tok.Encode(prompt, tokenizer.EncodeOptions{})
			if text, _ := tok.Decode(ids, false); text != prompt {
				t.Errorf("prompt does not round-trip: %q", text)
			}
		})
	}
}

// Llama's tokenizer adds <|begin_of_text|> when asked, as the published one does.
func TestLlamaAddsBOS(t *testing.T) {
	c, _ := Preset("llama", "tiny")
	dir := t.TempDir()
	if err := Write(dir, c, Options{}, zaptest.NewLogger(t)); err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ids := tok.Encode("Hello", tokenizer.EncodeOptions{AddSpecialTokens: true}); ids[0] != 128000 || len(ids) != 2 {
		t.Errorf("ids = %v, want [128000 <Hello>]", ids)
	}
}
