package model

// Llama 3.x (LlamaForCausalLM): the plain decoder layer; its long-context
// behaviour comes from the llama3 rope_scaling handled in rope.go.
func init() {
	Register(&Architecture{Name: "LlamaForCausalLM", ModelType: "llama"})
}
