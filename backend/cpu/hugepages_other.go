//go:build !linux

package cpu

import "unsafe"

// hugePages is advice for Linux's transparent huge pages: nothing here.
func hugePages(p unsafe.Pointer, bytes int) {}

// mapArray has no mapping to offer here: large arrays stay in the Go heap.
func mapArray(bytes int) unsafe.Pointer { return nil }

func unmapArray(p unsafe.Pointer, bytes int) {}
