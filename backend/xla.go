//go:build xla

package backend

// XLA (CPU or CUDA through a PJRT plugin) is compiled in only on request:
// it needs cgo and the plugin library at run time.
import _ "github.com/gomlx/gomlx/backends/xla"
