package model

// Qwen2 and Qwen2.5 (Qwen2ForCausalLM): a bias on the q, k and v projections
// (never on o_proj).
func init() {
	Register(&Architecture{Name: "Qwen2ForCausalLM", ModelType: "qwen2", QKVBias: true})
}
