// Package backend chooses the GoMLX backend that stages compute on.
//
// ComputePool's own CPU backend ("cpu", backend/cpu) is the default; GoMLX's
// pure-Go backend ("go") is compiled in too, so the model graphs keep running
// on a backend the project does not own. XLA ("xla:cpu", "xla:cuda") is
// compiled in only with `-tags xla`: it needs cgo and a PJRT plugin on disk
// (see docs/gpu.md), and CPU-only builds should not pay for either.
package backend

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/gomlx/gomlx/backends"
	_ "github.com/gomlx/gomlx/backends/simplego" // registers "go"

	_ "github.com/computepool/computepool/backend/cpu" // registers "cpu"
)

// Default is the backend used when neither a flag nor COMPUTEPOOL_BACKEND
// names one: ComputePool's own CPU backend (backend/cpu), 7–12× faster than
// GoMLX's pure-Go one on the 1b preset (docs/BENCHMARKS.md).
const Default = "cpu"

// GoBackend is GoMLX's pure-Go backend with the two options it needs here,
// both measured (docs/BENCHMARKS.md); a bare "go" means this spec (write
// "go:" for GoMLX's own defaults). Tests run the model on it too, so the
// graph code stays backend-neutral.
//
//   - dotgeneral_small: the "large" matmul path repacks the weight matrix
//     into blocks on every call; for decode (one row against [out, in]
//     weights) the "small" path reads weights in place, 3.8× faster.
//   - ops_sequential: with ops running in parallel, GoMLX v0.26's worker pool
//     can deadlock — op tasks hold every worker slot while waiting for slots
//     for their own batch-parallel matmul (seen hanging TestBatchedEqualsAlone)
//     — and its parallel executor trips the race detector. Sequential ops
//     cost ~15 % of decode speed.
const GoBackend = "go:dotgeneral_small,ops_sequential"

// EnvVar overrides the default backend, e.g. COMPUTEPOOL_BACKEND=xla:cuda.
const EnvVar = "COMPUTEPOOL_BACKEND"

// New opens a backend from a spec "name[:config]" ("cpu", "cpu:threads=2",
// GoBackend, "xla:cpu", "xla:cuda"); an empty spec means $COMPUTEPOOL_BACKEND,
// else Default.
func New(spec string) (b backends.Backend, err error) {
	spec = Resolve(spec)
	name, _, _ := strings.Cut(spec, ":")
	if !slices.Contains(backends.List(), name) {
		hint := ""
		if name == "xla" {
			hint = " (build with -tags xla and install a PJRT plugin: see docs/gpu.md)"
		}
		return nil, fmt.Errorf("backend %q is not compiled in%s; available: %v", name, hint, Available())
	}
	// GoMLX reports a failed start (e.g. a missing PJRT plugin) by panicking.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("starting backend %q: %v", spec, p)
		}
	}()
	b, err = backends.NewWithConfig(spec)
	if _, names := b.(arithmetician); err == nil && !names {
		opened.Store(b, spec)
	}
	return b, err
}

// opened maps the backends New opened that do not name their arithmetic
// (GoMLX's, XLA) to their specs: their options change the bits.
var opened sync.Map

// arithmetician is a backend that names its arithmetic (backend/cpu).
type arithmetician interface{ Arithmetic() string }

// Arithmetic names the bits b computes (see cpu.Backend.Arithmetic): a pool
// verifies a host's step only on a host of the same arithmetic. Backends that
// do not name theirs (GoMLX's, XLA) are named by the spec New opened them
// with, the architecture and their description (XLA's names its plugin and
// devices), which assumes nothing across options, devices or plugins.
func Arithmetic(b backends.Backend) string {
	if a, ok := b.(arithmetician); ok {
		return a.Arithmetic()
	}
	name := b.Name()
	if spec, ok := opened.Load(b); ok {
		name = spec.(string)
	}
	return name + "/" + runtime.GOARCH + "/" + b.Description()
}

// Resolve returns the backend spec New would use for spec.
func Resolve(spec string) string {
	if spec == "" {
		spec = os.Getenv(EnvVar)
	}
	switch spec {
	case "":
		return Default
	case "go":
		return GoBackend
	}
	return spec
}

// Available lists the compiled-in backends.
func Available() []string {
	l := backends.List()
	slices.Sort(l)
	return l
}
