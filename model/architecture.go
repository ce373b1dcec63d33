package model

import (
	"fmt"
	"sort"
)

// Architecture describes how one Hugging Face model class differs from the
// shared decoder layer (decoder.go). Each architecture registers itself from
// its own file, so adding a model is adding a file.
type Architecture struct {
	// Name is the Hugging Face class name in config.json "architectures".
	Name string
	// ModelType is config.json's model_type.
	ModelType string
	// QKVBias: the q/k/v projections carry a bias (Qwen2).
	QKVBias bool
	// QKNorm: RMSNorm over head_dim on each query and key head before RoPE (Qwen3).
	QKNorm bool
	// DefaultHeadDim gives head_dim when config.json leaves it out; nil means
	// hidden_size / num_attention_heads.
	DefaultHeadDim func(c *Config) int
}

func (a *Architecture) defaultHeadDim(c *Config) int {
	if a.DefaultHeadDim != nil {
		return a.DefaultHeadDim(c)
	}
	if c.NumAttentionHeads == 0 {
		return 0
	}
	return c.HiddenSize / c.NumAttentionHeads
}

var architectures = map[string]*Architecture{}

// Register makes an architecture loadable. It panics on a duplicate name:
// that is a programming error caught at init.
func Register(a *Architecture) {
	if _, dup := architectures[a.Name]; dup {
		panic(fmt.Sprintf("model: architecture %q registered twice", a.Name))
	}
	architectures[a.Name] = a
}

// ArchitectureNames lists the registered architectures.
func ArchitectureNames() []string {
	names := make([]string, 0, len(architectures))
	for n := range architectures {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupArchitecture finds a registered architecture by class name or model_type.
func LookupArchitecture(name string) (*Architecture, bool) {
	for _, a := range architectures {
		if a.Name == name || a.ModelType == name {
			return a, true
		}
	}
	return nil, false
}
