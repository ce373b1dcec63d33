package genmodel

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/computepool/computepool/model"
)

// The real tokenizer files of each family (assets/README.md says where they
// come from and under which licences), written into every generated model.
//
//go:generate go run ./assets/generate.go
//go:embed assets/*/tokenizer.json.gz assets/*/tokenizer_config.json
var assets embed.FS

var tokenizerAssets = map[string]struct {
	dir       string
	vocabSize int // ids the tokenizer uses (model and added tokens)
}{
	"llama": {"llama3", 128256},
	"qwen2": {"qwen2", 151665},
	"qwen3": {"qwen3", 151669},
}

// writeTokenizer writes the family's tokenizer files, unless the config's
// vocabulary is too small for them (tests shrink it): a model never carries
// a tokenizer whose ids it cannot embed.
func writeTokenizer(dir string, c *model.Config, log *zap.Logger) error {
	asset, ok := tokenizerAssets[c.Arch.ModelType]
	if !ok {
		return fmt.Errorf("no tokenizer files for model type %q", c.Arch.ModelType)
	}
	if c.VocabSize < asset.vocabSize {
		log.Info("vocabulary smaller than the real tokenizer: writing no tokenizer files",
			zap.Int("vocab_size", c.VocabSize), zap.Int("tokenizer_ids", asset.vocabSize))
		return nil
	}
	name := asset.dir
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
