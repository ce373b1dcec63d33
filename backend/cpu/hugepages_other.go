//go:build !linux

package cpu

import "unsafe"

// hugePages is advice for Linux's transparent huge pages: nothing here.
func hugePages(p unsafe.Pointer, bytes int) {}
