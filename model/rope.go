package model

import "math"

// InvFrequencies returns RoPE's inverse frequencies θ^(-2i/d) for i < d/2,
// adjusted by llama3 rope_scaling when the config has it. Computed in float64
// once; the graph multiplies them by positions.
func InvFrequencies(c *Config) []float64 {
	half := c.HeadDim / 2
	inv := make([]float64, half)
	for i := range inv {
		inv[i] = 1 / math.Pow(c.RopeTheta, float64(2*i)/float64(c.HeadDim))
	}
	if c.RopeScaling != nil && c.RopeScaling.Kind() == "llama3" {
		llama3Scale(inv, c.RopeScaling)
	}
	return inv
}

// llama3Scale applies Llama 3.1's frequency-dependent scaling: wavelengths
// longer than original_context/low_freq_factor are stretched by factor,
// shorter than original_context/high_freq_factor are kept, and the band in
// between is interpolated smoothly.
func llama3Scale(inv []float64, rs *RopeScaling) {
	orig := float64(rs.OriginalMaxPositionEmbeddings)
	lowWavelen := orig / rs.LowFreqFactor
	highWavelen := orig / rs.HighFreqFactor
	for i, f := range inv {
		wavelen := 2 * math.Pi / f
		switch {
		case wavelen < highWavelen:
			// high frequency: unchanged
		case wavelen > lowWavelen:
			inv[i] = f / rs.Factor
		default:
			smooth := (orig/wavelen - rs.LowFreqFactor) / (rs.HighFreqFactor - rs.LowFreqFactor)
			inv[i] = (1-smooth)*f/rs.Factor + smooth*f
		}
	}
}
