// Package model loads Hugging Face decoder-only checkpoints (Llama, Qwen2,
// Qwen3) and builds GoMLX graphs for any contiguous slice of their layers.
//
// A stage owns layers [Start, End). The first stage also owns the token
// embedding; the last owns the final norm and the LM head. A stage reads only
// the tensors it owns, so a pool of machines can serve a model none of them
// could hold alone.
package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Config mirrors the fields of a Hugging Face config.json that these
// architectures use. Derived values are filled in by Validate.
type Config struct {
	Architectures         []string     `json:"architectures"`
	ModelType             string       `json:"model_type"`
	HiddenSize            int          `json:"hidden_size"`
	IntermediateSize      int          `json:"intermediate_size"`
	NumHiddenLayers       int          `json:"num_hidden_layers"`
	NumAttentionHeads     int          `json:"num_attention_heads"`
	NumKeyValueHeads      int          `json:"num_key_value_heads"`
	HeadDim               int          `json:"head_dim,omitempty"`
	VocabSize             int          `json:"vocab_size"`
	MaxPositionEmbeddings int          `json:"max_position_embeddings"`
	RMSNormEps            float64      `json:"rms_norm_eps"`
	RopeTheta             float64      `json:"rope_theta"`
	RopeScaling           *RopeScaling `json:"rope_scaling,omitempty"`
	TieWordEmbeddings     bool         `json:"tie_word_embeddings"`
	HiddenAct             string       `json:"hidden_act"`
	AttentionBias         bool         `json:"attention_bias,omitempty"`
	MLPBias               bool         `json:"mlp_bias,omitempty"`
	UseSlidingWindow      bool         `json:"use_sliding_window,omitempty"`
	TorchDType            string       `json:"torch_dtype,omitempty"`
	BOSTokenID            *int         `json:"bos_token_id,omitempty"`
	EOSTokenID            TokenIDs     `json:"eos_token_id,omitempty"`
	// Quantization is config.json's quantization_config, nil for float
	// checkpoints (model/quantize writes one; model.Load goes by the
	// tensors' dtypes, not by it).
	Quantization *Quantization `json:"quantization_config,omitempty"`

	// Arch is the registered architecture named by Architectures[0].
	Arch *Architecture `json:"-"`
}

// Quantization is the part of a compressed-tensors quantization_config
// that says how many bits the weights take.
type Quantization struct {
	QuantMethod  string `json:"quant_method,omitempty"`
	Format       string `json:"format,omitempty"`
	ConfigGroups map[string]struct {
		Weights struct {
			NumBits int `json:"num_bits"`
		} `json:"weights"`
	} `json:"config_groups,omitempty"`
}

// WeightBytes is the bytes per weight of a matrix as stored: 1 for an int8
// checkpoint, else 2 (bf16 and f16; the cpu backend keeps bf16 as it is).
func (c *Config) WeightBytes() int {
	if q := c.Quantization; q != nil {
		for _, g := range q.ConfigGroups {
			if g.Weights.NumBits == 8 {
				return 1
			}
		}
	}
	return 2
}

// RopeScaling is config.json's rope_scaling. Only the "llama3" type is
// supported (plus "default", meaning none).
type RopeScaling struct {
	RopeType                      string  `json:"rope_type,omitempty"`
	Type                          string  `json:"type,omitempty"` // older spelling of rope_type
	Factor                        float64 `json:"factor"`
	LowFreqFactor                 float64 `json:"low_freq_factor"`
	HighFreqFactor                float64 `json:"high_freq_factor"`
	OriginalMaxPositionEmbeddings int     `json:"original_max_position_embeddings"`
}

// Kind returns the rope scaling type whichever key spells it.
func (r *RopeScaling) Kind() string {
	if r.RopeType != "" {
		return r.RopeType
	}
	return r.Type
}

// TokenIDs is a token id field that config files write as a number or a list.
type TokenIDs []int

// UnmarshalJSON accepts 5, [5, 6] and null.
func (t *TokenIDs) UnmarshalJSON(b []byte) error {
	var one *int
	if err := json.Unmarshal(b, &one); err == nil {
		if one != nil {
			*t = TokenIDs{*one}
		}
		return nil
	}
	var many []int
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("token id must be a number or a list of numbers: %w", err)
	}
	*t = many
	return nil
}

// LoadConfig reads and validates dir/config.json.
func LoadConfig(dir string) (*Config, error) {
	path := filepath.Join(dir, "config.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &c, nil
}

// Validate checks the config and fills in defaults and derived values.
func (c *Config) Validate() error {
	if len(c.Architectures) == 0 {
		return errors.New(`"architectures" is missing: cannot tell which model class this is`)
	}
	arch, ok := architectures[c.Architectures[0]]
	if !ok {
		return fmt.Errorf("unknown architecture %q (supported: %v)", c.Architectures[0], ArchitectureNames())
	}
	c.Arch = arch
	if c.NumKeyValueHeads == 0 {
		c.NumKeyValueHeads = c.NumAttentionHeads
	}
	if c.RopeTheta == 0 {
		c.RopeTheta = 10000
	}
	if c.HiddenAct == "" {
		c.HiddenAct = "silu"
	}
	if c.HeadDim == 0 {
		c.HeadDim = arch.defaultHeadDim(c)
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"hidden_size", c.HiddenSize}, {"intermediate_size", c.IntermediateSize}, {"num_hidden_layers", c.NumHiddenLayers},
		{"num_attention_heads", c.NumAttentionHeads}, {"head_dim", c.HeadDim}, {"vocab_size", c.VocabSize}} {
		if f.v <= 0 {
			return fmt.Errorf("%s must be positive, got %d", f.name, f.v)
		}
	}
	if c.NumAttentionHeads%c.NumKeyValueHeads != 0 {
		return fmt.Errorf("num_attention_heads (%d) must be divisible by num_key_value_heads (%d)", c.NumAttentionHeads, c.NumKeyValueHeads)
	}
	if c.HeadDim%2 != 0 {
		return fmt.Errorf("head_dim (%d) must be even for rotary embeddings", c.HeadDim)
	}
	for _, id := range c.EOSTokenID {
		if id < 0 || id >= c.VocabSize {
			return fmt.Errorf("eos_token_id %d is outside the vocabulary [0, %d)", id, c.VocabSize)
		}
	}
	if c.BOSTokenID != nil && (*c.BOSTokenID < 0 || *c.BOSTokenID >= c.VocabSize) {
		return fmt.Errorf("bos_token_id %d is outside the vocabulary [0, %d)", *c.BOSTokenID, c.VocabSize)
	}
	if c.RMSNormEps <= 0 {
		return fmt.Errorf("rms_norm_eps must be positive, got %g", c.RMSNormEps)
	}
	if c.HiddenAct != "silu" {
		return fmt.Errorf("hidden_act %q is not supported (only silu)", c.HiddenAct)
	}
	if c.UseSlidingWindow {
		return errors.New("use_sliding_window is not supported")
	}
	if c.MLPBias {
		return errors.New("mlp_bias is not supported")
	}
	if rs := c.RopeScaling; rs != nil {
		switch rs.Kind() {
		case "", "default":
			c.RopeScaling = nil
		case "llama3":
			if rs.Factor <= 0 || rs.LowFreqFactor <= 0 || rs.HighFreqFactor <= rs.LowFreqFactor || rs.OriginalMaxPositionEmbeddings <= 0 {
				return fmt.Errorf("rope_scaling llama3 needs factor > 0, 0 < low_freq_factor < high_freq_factor and original_max_position_embeddings > 0, got %+v", *rs)
			}
		default:
			return fmt.Errorf("rope_scaling type %q is not supported (only llama3)", rs.Kind())
		}
	}
	return nil
}

// QueriesPerKV is the grouped-query attention group size.
func (c *Config) QueriesPerKV() int { return c.NumAttentionHeads / c.NumKeyValueHeads }

// GenerationConfig holds the generation_config.json fields the runtime uses.
type GenerationConfig struct {
	BOSTokenID  *int     `json:"bos_token_id,omitempty"`
	EOSTokenID  TokenIDs `json:"eos_token_id,omitempty"`
	Temperature *float64 `json:"temperature,omitempty"`
	TopP        *float64 `json:"top_p,omitempty"`
	TopK        *int     `json:"top_k,omitempty"`
	DoSample    *bool    `json:"do_sample,omitempty"`
}

// LoadGenerationConfig reads dir/generation_config.json; a missing file gives
// the config.json's eos ids.
func LoadGenerationConfig(dir string, cfg *Config) (*GenerationConfig, error) {
	path := filepath.Join(dir, "generation_config.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &GenerationConfig{BOSTokenID: cfg.BOSTokenID, EOSTokenID: cfg.EOSTokenID}, nil
	}
	if err != nil {
		return nil, err
	}
	var g GenerationConfig
	if err := json.Unmarshal(b, &g); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(g.EOSTokenID) == 0 {
		g.EOSTokenID = cfg.EOSTokenID
	}
	return &g, nil
}
