// Package backend chooses the GoMLX backend that stages compute on.
//
// The pure-Go CPU backend ("go") is always compiled in and is the default.
// XLA ("xla:cpu", "xla:cuda") is compiled in only with `-tags xla`: it needs
// cgo and a PJRT plugin on disk (see docs/gpu.md), and CPU-only builds should
// not pay for either.
package backend

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gomlx/gomlx/backends"
	_ "github.com/gomlx/gomlx/backends/simplego" // registers "go"
)

// Default is the backend used when neither a flag nor COMPUTEPOOL_BACKEND names one.
const Default = "go"

// EnvVar overrides the default backend, e.g. COMPUTEPOOL_BACKEND=xla:cuda.
const EnvVar = "COMPUTEPOOL_BACKEND"

// New opens a backend from a spec "name[:config]" ("go", "go:parallelism=2",
// "xla:cpu", "xla:cuda"); an empty spec means $COMPUTEPOOL_BACKEND, else Default.
func New(spec string) (b backends.Backend, err error) {
	if spec == "" {
		spec = os.Getenv(EnvVar)
	}
	if spec == "" {
		spec = Default
	}
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
	return backends.NewWithConfig(spec)
}

// Available lists the compiled-in backends.
func Available() []string {
	l := backends.List()
	slices.Sort(l)
	return l
}
