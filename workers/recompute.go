package workers

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/gomlx/gomlx/backends"
	"go.temporal.io/sdk/temporal"
	"go.uber.org/zap"

	"github.com/computepool/computepool/activities"
	"github.com/computepool/computepool/internal/npy"
	"github.com/computepool/computepool/model"
	"github.com/computepool/computepool/pipeline"
	"github.com/computepool/computepool/sample"
	"github.com/computepool/computepool/shard"
)

// ErrBadSample: the sample does not hold together (its input is missing or
// does not match its hash): nothing can be proven from it.
const ErrBadSample = "BadSample"

// HashFloat32 is the hash of a sampled step's input or output: 0x
// keccak256 of the little-endian float32 bytes.
func HashFloat32(v []float32) string {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(x))
	}
	return crypto.Keccak256Hash(b).Hex()
}

// newRuntime is shard.New (a test sees the options a verifier runs with:
// on a CPU backend they do not change the bytes, on an accelerator's
// kernels the graph shapes can).
var newRuntime = shard.New

// RecomputeStep verifies a sampled step on this host: it loads the
// sample's layer range of the model in dir onto be, runs the step in a
// fresh KV slot and returns the output's hash. opts are the pool's serving
// options (--capacity, --chunk of its shards; zero values are the shard
// defaults): the same graph shapes as an honest stage, so the same bytes.
//
// The step format (what a sampler stores at InputRef and what the hashes
// cover): InputRef is a local .npy path (or file:// URL) of float32 holding
// the stage's whole input from position 0 through Position — token ids
// [Position+1] on a range that starts at layer 0, hidden states
// [Position+1, hidden] otherwise; the output is the stage's hidden states
// [Position+1, hidden], or on the last stage the logits after the last
// token; both hashes are HashFloat32.
//
// Extensions (pipeline.Verify's samples), each off when zero: PromptLen
// replays the step as served — the prompt's prefill, then one decode step
// per position — so the graph shapes, and so the bytes, are the serving
// stage's; Wire "bf16" hashes the hidden states rounded to bf16 (as the
// next stage received them); Output "token" (last stage) hashes the token
// [1] sampled from the logits after Position with Sampling, the sampler
// replayed over every step since the prompt with the ids at ContextRef
// ([Position+1] float32, hashed in ContextHash) as the tokens it saw.
func RecomputeStep(ctx context.Context, be backends.Backend, dir string, req activities.RecomputeRequest, opts shard.Options, log *zap.Logger) (string, error) {
	s := req.Sample
	bad := func(format string, args ...any) (string, error) {
		return "", temporal.NewNonRetryableApplicationError(fmt.Sprintf(format, args...), ErrBadSample, nil)
	}
	data, shape, err := npy.ReadFloat32(strings.TrimPrefix(s.InputRef, "file://"))
	if err != nil {
		return bad("sample input %s: %v", s.InputRef, err)
	}
	if h := HashFloat32(data); h != s.InputHash {
		return bad("sample input %s hashes to %s, the sample says %s", s.InputRef, h, s.InputHash)
	}
	m, err := model.Load(ctx, dir, model.Range{Start: s.LayerStart, End: s.LayerEnd}, be, log)
	if err != nil {
		return "", fmt.Errorf("load %s layers %d:%d: %w", dir, s.LayerStart, s.LayerEnd, err)
	}
	defer m.Close()
	n := s.Position + 1
	in := shard.Input{}
	if m.Range.IsFirst() {
		if len(data) != n {
			return bad("sample input shape %v: want %d token ids", shape, n)
		}
		in.Tokens = make([]int32, n)
		for i, x := range data {
			in.Tokens[i] = int32(x)
		}
	} else {
		if len(data) != n*m.Config.HiddenSize {
			return bad("sample input shape %v: want [%d, %d]", shape, n, m.Config.HiddenSize)
		}
		in.Hidden = data
	}
	// The serving stage's capacity and chunk size (one slot: the step runs
	// alone, slots do not change a sequence's graph).
	if opts.Capacity <= 0 {
		opts.Capacity = 2048
	}
	rt, err := newRuntime(m, shard.Options{Slots: 1, Capacity: max(n, opts.Capacity), ChunkSize: opts.ChunkSize}, log)
	if err != nil {
		return "", err
	}
	defer rt.Close()
	slot, err := rt.Acquire()
	if err != nil {
		return "", err
	}
	defer rt.Release(slot)
	in.Slot = slot
	if s.PromptLen <= 0 {
		if s.Output == activities.OutputToken {
			return bad("a token output needs the prompt length (the sampler is replayed from the prompt on)")
		}
		outs, err := rt.Forward(ctx, []shard.Input{in})
		if err != nil {
			return "", fmt.Errorf("recompute layers %s: %w", m.Range, err)
		}
		if m.Range.IsLast(m.Config) {
			return HashFloat32(outs[0].Logits), nil
		}
		return hashHidden(outs[0].Hidden, s.Wire), nil
	}
	if s.PromptLen > n {
		return bad("prompt length %d past the sampled position %d", s.PromptLen, s.Position)
	}
	// As served: the prompt (chunked by Forward as the stage's work items
	// were), then each position alone.
	var pick func(logits []float32, pos int) (int32, error) // the token sampled after pos
	var tok int32
	if s.Output == activities.OutputToken {
		if !m.Range.IsLast(m.Config) || s.Sampling == nil {
			return bad("a token output is a last stage's and needs its sampling parameters")
		}
		ctxIDs, _, err := npy.ReadFloat32(strings.TrimPrefix(s.ContextRef, "file://"))
		if err != nil {
			return bad("sample context %s: %v", s.ContextRef, err)
		}
		if h := HashFloat32(ctxIDs); h != s.ContextHash || len(ctxIDs) != n {
			return bad("sample context %s: %d ids hashing to %s, the sample says %d ids and %s", s.ContextRef, len(ctxIDs), h, n, s.ContextHash)
		}
		seen := make([]int32, n)
		for i, x := range ctxIDs {
			seen[i] = int32(x)
		}
		sm, err := sample.New(*s.Sampling)
		if err != nil {
			return bad("sample sampling parameters: %v", err)
		}
		pick = func(logits []float32, pos int) (int32, error) { return sm.Next(logits, seen[:pos+1]) }
	}
	var hidden []float32
	for at := 0; at < n; {
		end := at + 1
		if at == 0 {
			end = s.PromptLen
		}
		step := shard.Input{Slot: slot}
		if in.Tokens != nil {
			step.Tokens = in.Tokens[at:end]
		} else {
			step.Hidden = in.Hidden[at*m.Config.HiddenSize : end*m.Config.HiddenSize]
		}
		outs, err := rt.Forward(ctx, []shard.Input{step})
		if err != nil {
			return "", fmt.Errorf("recompute layers %s at %d: %w", m.Range, at, err)
		}
		if pick != nil {
			if tok, err = pick(outs[0].Logits, end-1); err != nil {
				return "", fmt.Errorf("recompute layers %s: sample after %d: %w", m.Range, end-1, err)
			}
		}
		if end == n && m.Range.IsLast(m.Config) && pick == nil {
			return HashFloat32(outs[0].Logits), nil
		}
		hidden = append(hidden, outs[0].Hidden...)
		at = end
	}
	if pick != nil {
		return HashFloat32([]float32{float32(tok)}), nil
	}
	return hashHidden(hidden, s.Wire), nil
}

// hashHidden hashes hidden states as the next stage received them.
func hashHidden(h []float32, wire string) string {
	if wire == "bf16" {
		h = pipeline.RoundToWire(h, pipeline.DTypeBF16)
	}
	return HashFloat32(h)
}

var _ activities.Recomputer = (*ModelLoader)(nil)

// Recompute implements activities.Recomputer: the sample's range is loaded
// apart from what this host serves, and freed after, with the pool's
// serving options (ModelLoader.Options).
func (l *ModelLoader) Recompute(ctx context.Context, req activities.RecomputeRequest) (string, error) {
	return RecomputeStep(ctx, l.Backend, l.dir(req.Model), req, l.Options, l.Log)
}
