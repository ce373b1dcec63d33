package model

// Qwen3 (Qwen3ForCausalLM): no projection biases; an RMSNorm over head_dim on
// every query and key head (q_norm, k_norm) before RoPE. Hugging Face's
// Qwen3Config defaults head_dim to 128 rather than hidden/heads.
func init() {
	Register(&Architecture{
		Name:           "Qwen3ForCausalLM",
		ModelType:      "qwen3",
		QKNorm:         true,
		DefaultHeadDim: func(*Config) int { return 128 },
	})
}
