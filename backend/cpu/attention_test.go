package cpu

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	. "github.com/gomlx/gomlx/pkg/core/graph" //nolint:revive
	"github.com/gomlx/gomlx/pkg/core/tensors"
)

// The fused attention node gives the unfused chain's bits, for one sequence
// and for a Concatenate of several, on decode and prefill shapes, head
// sizes with and without the AVX-512 value kernel, rows that see no key,
// caches read whole and through a slice of their first rows, and without
// the scores' scale; and matches GoMLX's go backend.
func TestFusedAttention(t *testing.T) {
	r := rand.New(rand.NewPCG(41, 42))
	for _, c := range []attentionCase{
		{1, 1, 8, 4, 64, 64, 0, true},   // decode, one sequence
		{4, 1, 8, 4, 64, 70, 9, true},   // decode batch, keys not a multiple of 4
		{3, 1, 2, 4, 64, 37, 0, false},  // no scale
		{2, 5, 2, 2, 16, 9, 3, true},    // prefill chunk, small heads
		{1, 3, 1, 7, 24, 1, 2, true},    // one key: the first query rows see none
		{2, 2, 2, 8, 128, 33, 31, true}, // eight query heads per KV head
	} {
		name := fmt.Sprintf("%+v", c)
		inputs := c.inputs(r)
		run := func() []float32 {
			return tensors.MustCopyFlatData[float32](MustNewExec(ours, c.graph).MustExec(inputs...)[0])
		}
		before := fusedAttentions.Load()
		fused := run()
		if n := fusedAttentions.Load() - before; n != int64(c.B) {
			t.Fatalf("%s: %d of %d sequences' attention fused: the chain changed (see attention.go)", name, n, c.B)
		}
		fuseAttentions = false
		plain := run()
		fuseAttentions = true
		for i := range plain {
			if math.Float32bits(fused[i]) != math.Float32bits(plain[i]) {
				t.Fatalf("%s: value %d fused %v, unfused %v", name, i, fused[i], plain[i])
			}
		}
		tensorsIn := make([]*tensors.Tensor, len(inputs))
		for i, x := range inputs {
			tensorsIn[i] = x.(*tensors.Tensor)
		}
		checkOp(t, name, c.graph, tensorsIn...)
	}
}

// BenchmarkAttention: a decode step's attention for 8 sequences, fused and
// not, over 64 and 256 cached keys (the 1b preset's heads).
func BenchmarkAttention(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, T := range []int{64, 256} {
		c := attentionCase{8, 1, 8, 4, 64, T, 512 + 64 - T, true} // a 512-token cache with its chunk slack
		inputs := c.inputs(r)
		for _, fuse := range []bool{true, false} {
			fuseAttentions = fuse
			e := MustNewExec(ours, c.graph)
			fuseAttentions = true
			b.Run(fmt.Sprintf("keys=%d/fused=%v", T, fuse), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					e.MustExec(inputs...)[0].FinalizeAll()
				}
			})
			if !fuse {
				continue
			}
			// As in a decode step: the caches come from memory, the weight
			// stream between two layers' attention having evicted them.
			evict := make([]byte, 64<<20)
			b.Run(fmt.Sprintf("keys=%d/fused=%v/cold", T, fuse), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					for j := 0; j < len(evict); j += 64 {
						evict[j]++
					}
					b.StartTimer()
					e.MustExec(inputs...)[0].FinalizeAll()
				}
			})
		}
	}
}

// attentionCase: B sequences of C new tokens, kv KV heads of G query heads
// each of size D, T cached keys read from caches of T+slack rows.
type attentionCase struct {
	B, C, kv, G, D, T, slack int
	scaled                   bool
}

// inputs: q, K, V and a causal mask [C, T] per sequence, the chunk at the
// end of the keys (shifted by one for odd sequences).
func (c attentionCase) inputs(r *rand.Rand) []any {
	var in []any
	for b := 0; b < c.B; b++ {
		visible := make([]bool, c.C*c.T)
		for i := 0; i < c.C; i++ {
			for k := 0; k < c.T; k++ {
				visible[i*c.T+k] = k <= i+c.T-c.C-b%2
			}
		}
		in = append(in, randF32(r, c.C, c.kv, c.G, c.D), randF32(r, c.kv, c.T+c.slack, c.D), randF32(r, c.kv, c.T+c.slack, c.D),
			tensors.FromFlatDataAndDimensions(visible, c.C, c.T))
	}
	return in
}

// graph is model/decoder.go's attend for each sequence, over the first T
// rows of its caches, concatenated.
func (c attentionCase) graph(in []*Node) []*Node {
	ys := make([]*Node, c.B)
	for b := range ys {
		q, k, v, m := in[4*b], in[4*b+1], in[4*b+2], in[4*b+3]
		if c.slack > 0 {
			k, v = Slice(k, AxisRange(), AxisRange(0, c.T)), Slice(v, AxisRange(), AxisRange(0, c.T))
		}
		scores := DotGeneral(q, []int{3}, []int{1}, k, []int{2}, []int{0})
		if c.scaled {
			scores = MulScalar(scores, 1/math.Sqrt(float64(c.D)))
		}
		visible := BroadcastToDims(Reshape(m, 1, c.C, 1, c.T), c.kv, c.C, c.G, c.T)
		o := DotGeneral(MaskedSoftmax(scores, visible, -1), []int{3}, []int{0}, v, []int{1}, []int{0})
		ys[b] = Reshape(TransposeAllDims(o, 1, 0, 2, 3), c.C, c.kv*c.G*c.D)
	}
	return []*Node{Concatenate(ys, 0)}
}
