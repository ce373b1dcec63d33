package cpu

// FusedAttentions exposes the fusion counter to the external tests.
func FusedAttentions() int64 { return fusedAttentions.Load() }

// FusedRopes exposes the RoPE fusion counter to the external tests.
func FusedRopes() int64 { return fusedRopes.Load() }

// FusedRMSNorms exposes the RMSNorm fusion counter to the external tests.
func FusedRMSNorms() int64 { return fusedRMSNorms.Load() }

// FusedSiblings exposes the sibling-product counter to the external tests.
func FusedSiblings() int64 { return fusedSiblings.Load() }
