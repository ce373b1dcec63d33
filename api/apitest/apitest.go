// Package apitest serves a real random-weight model for the api tests: a
// tiny Llama generated into a temporary directory with the real Llama 3
// tokenizer and chat template.
package apitest

import (
	"context"
	"os"
	"path/filepath"

	"go.uber.org/zap"

	"github.com/computepool/computepool/api"
	"github.com/computepool/computepool/model/genmodel"
)

// ModelID is the id the tiny model is served under.
const ModelID = "tiny-llama"

// TinyModel generates a tiny Llama under a new temporary directory and
// serves it in-process. close frees it and removes the directory. A test
// binary calls it once, from TestMain: generating and loading take seconds.
func TinyModel(ctx context.Context) (m *api.Model, dir string, close func(), err error) {
	tmp, err := os.MkdirTemp("", "apitest-")
	if err != nil {
		return nil, "", nil, err
	}
	c, err := genmodel.Preset("llama", "tiny")
	if err != nil {
		os.RemoveAll(tmp)
		return nil, "", nil, err
	}
	dir = filepath.Join(tmp, ModelID)
	if err := genmodel.Write(dir, c, genmodel.Options{Seed: 11}, zap.NewNop()); err != nil {
		os.RemoveAll(tmp)
		return nil, "", nil, err
	}
	m, closeModel, err := api.LoadLocal(ctx, dir, api.LocalOptions{Capacity: 512}, zap.NewNop())
	if err != nil {
		os.RemoveAll(tmp)
		return nil, "", nil, err
	}
	return m, dir, func() { closeModel(); os.RemoveAll(tmp) }, nil
}
