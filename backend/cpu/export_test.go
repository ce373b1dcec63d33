package cpu

// FusedAttentions exposes the fusion counter to the external tests.
func FusedAttentions() int64 { return fusedAttentions.Load() }
