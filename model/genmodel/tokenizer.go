package genmodel

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The real tokenizer files of each family (assets/README.md says where they
// come from and under which licences), written into every generated model.
//
//go:generate go run ./assets/generate.go
//go:embed assets/*/tokenizer.json.gz assets/*/tokenizer_config.json
var assets embed.FS

var tokenizerAssets = map[string]string{"llama": "llama3", "qwen2": "qwen2", "qwen3": "qwen3"}

func writeTokenizer(dir, modelType string) error {
	name, ok := tokenizerAssets[modelType]
	if !ok {
		return fmt.Errorf("no tokenizer files for model type %q", modelType)
	}
	gz, err := assets.ReadFile("assets/" + name + "/tokenizer.json.gz")
	if err != nil {
		return err
	}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "tokenizer.json"))
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	cfg, err := assets.ReadFile("assets/" + name + "/tokenizer_config.json")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "tokenizer_config.json"), cfg, 0o644)
}
