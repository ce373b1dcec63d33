// Package cpu is ComputePool's own GoMLX backend for transformer inference on
// CPUs, registered as "cpu" (not to be confused with XLA's "xla:cpu").
//
// It implements exactly the ops the stage graphs use (model/decoder.go), with
// kernels built for decode: matrix-vector products over [out, in] weights
// parallel over output rows on every core, SIMD through assembly where Go
// does not vectorize, and a fixed reduction order per output row so a
// sequence's results do not depend on what else shares its batch.
package cpu

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/backends/notimplemented"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
)

// Name is the name the backend registers under.
const Name = "cpu"

func init() { backends.Register(Name, New) }

// Backend runs graphs on the host CPU.
type Backend struct {
	notimplemented.Backend
	threads   int
	bf16Dot   bool // dot=bf16: activations rounded to bf16 for VDPBF16PS (dotbf16.go)
	crew      *crew
	profile   atomic.Pointer[opProfile] // non-nil while ops are timed (profile.go)
	finalized bool
}

var _ backends.Backend = (*Backend)(nil)

// New creates the backend from a config of comma-separated options:
// "threads=N" (default: all cores) and "dot=f32|bf16": how products with
// bf16 weights treat the activations — kept in float32 (default) or rounded
// to bf16 for the CPU's bf16 dot-product instruction, as llama.cpp does
// (faster where compute bound: batches, prefill; see dotbf16.go). int8
// weights always meet float32 activations (dotint8.go).
func New(config string) (backends.Backend, error) {
	b := &Backend{threads: runtime.NumCPU()}
	for _, opt := range strings.Split(config, ",") {
		if opt == "" {
			continue
		}
		key, value, _ := strings.Cut(opt, "=")
		switch key {
		case "threads":
			n, err := strconv.Atoi(value)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("backend %q: threads must be a positive integer, got %q", Name, value)
			}
			b.threads = n
		case "dot":
			switch value {
			case "f32":
				b.bf16Dot = false
			case "bf16":
				if !hasDPBF16 {
					return nil, fmt.Errorf("backend %q: dot=bf16 needs a CPU with AVX512_BF16 (VDPBF16PS), which this one lacks; use dot=f32", Name)
				}
				b.bf16Dot = true
			default:
				return nil, fmt.Errorf("backend %q: dot must be f32 or bf16, got %q", Name, value)
			}
		default:
			return nil, fmt.Errorf("backend %q: unknown option %q (known: threads=N, dot=f32|bf16)", Name, key)
		}
	}
	b.crew = newCrew(b.threads)
	return b, nil
}

func (b *Backend) Name() string   { return Name }
func (b *Backend) String() string { return Name }
func (b *Backend) Description() string {
	if b.bf16Dot {
		return fmt.Sprintf("ComputePool CPU backend (%d threads, bf16 dot products)", b.threads)
	}
	return fmt.Sprintf("ComputePool CPU backend (%d threads)", b.threads)
}
func (b *Backend) NumDevices() int { return 1 }
func (b *Backend) DeviceDescription(backends.DeviceNum) string {
	return fmt.Sprintf("host CPU, %d threads", b.threads)
}

// Arithmetic names the bits this backend computes. Hosts with the same
// arithmetic compute the same bytes for the same graph and inputs, whatever
// their thread counts and whether they have AVX-512 (its kernels sum in the
// AVX2 kernels' order): a pool's verifier recomputes a step on another host
// and compares hashes, so it must run the serving host's arithmetic.
// dot=bf16 rounds activations to bf16 (AVX512_BF16 only); without AVX2 the
// products are Go loops summing in another order; and a binary built for
// GOAMD64=v3 or higher lets the compiler fuse the Go code's multiply-adds
// (the kernels' tails, the elementwise ops), which rounds differently.
func (b *Backend) Arithmetic() string {
	var a string
	switch {
	case b.bf16Dot:
		a = Name + "/dot=bf16"
	case hasFMA:
		a = Name + "/dot=f32"
	default:
		return Name + "/dot=f32/generic/" + runtime.GOARCH
	}
	if goFusesMultiplyAdd {
		a += "/gofma"
	}
	return a
}

// goFusesMultiplyAdd: this amd64 binary was built for GOAMD64 v3 or v4, where
// the compiler may turn x*y+z into one fused instruction.
var goFusesMultiplyAdd = func() bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range info.Settings {
		if s.Key == "GOAMD64" {
			return s.Value >= "v3"
		}
	}
	return false
}()

// NativeBF16Weights tells the model loader to keep bf16 checkpoints in bf16:
// DotGeneral reads them directly (see dot.go).
func (b *Backend) NativeBF16Weights() bool { return true }

// Threads is the number of goroutines kernels split work over.
func (b *Backend) Threads() int { return b.threads }

func (b *Backend) Capabilities() backends.Capabilities {
	ops := map[backends.OpType]bool{}
	for _, op := range supportedOps {
		ops[op] = true
	}
	return backends.Capabilities{
		Operations: ops,
		DTypes: map[dtypes.DType]bool{
			dtypes.Float32: true, dtypes.BFloat16: true, dtypes.Int8: true, dtypes.Int32: true, dtypes.Bool: true,
		},
	}
}

func (b *Backend) Builder(name string) backends.Builder { return newBuilder(b, name) }
func (b *Backend) Finalize() {
	b.crew.close()
	b.finalized = true
}
func (b *Backend) IsFinalized() bool { return b.finalized }
