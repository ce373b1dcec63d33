package cpu

import (
	"syscall"
	"unsafe"
)

// hugePages asks the kernel to back a large new array with 2 MiB pages
// where transparent huge pages are on "madvise" (the common default), before
// anything touches it. Loading is where it shows: the 1b preset's 2.5 GB of
// weights went into 4 KiB pages in ~9 s on the development VM, nearly all of
// it page faults (the files read at 13 GB/s from the page cache), and in
// ~7 s with the advice (the kernel finds huge pages for part of it). Decode
// speed did not change. Advice only: an error changes nothing.
func hugePages(p unsafe.Pointer, bytes int) {
	const huge = 2 << 20
	if bytes < 2*huge {
		return
	}
	// madvise wants a page-aligned start; the huge pages themselves only
	// cover the 2 MiB-aligned part, which the kernel works out.
	skip := int((4096 - uintptr(p)%4096) % 4096)
	b := unsafe.Slice((*byte)(unsafe.Add(p, skip)), bytes-skip)
	_ = syscall.Madvise(b, syscall.MADV_HUGEPAGE)
}

// mapArray returns bytes of zeroed memory outside the Go heap (an anonymous
// mapping, 2 MiB aligned, with the huge-page advice), or nil if the kernel
// refuses. See pool.go for why large arrays live there.
func mapArray(bytes int) unsafe.Pointer {
	const huge = 2 << 20
	bytes = pageRound(bytes)
	// Map a huge page more than asked and trim both ends, so the array starts
	// on a huge-page boundary.
	m, err := syscall.Mmap(-1, 0, bytes+huge, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return nil
	}
	base := unsafe.Pointer(unsafe.SliceData(m))
	head := int((huge - uintptr(base)%huge) % huge)
	if head > 0 {
		_ = munmap(uintptr(base), head)
	}
	if tail := huge - head; tail > 0 {
		_ = munmap(uintptr(base)+uintptr(head+bytes), tail)
	}
	p := unsafe.Add(base, head)
	hugePages(p, bytes)
	return p
}

// unmapArray returns memory from mapArray to the kernel.
func unmapArray(p unsafe.Pointer, bytes int) { _ = munmap(uintptr(p), pageRound(bytes)) }

func pageRound(bytes int) int { return (bytes + 4095) &^ 4095 }

func munmap(addr uintptr, bytes int) error {
	if _, _, e := syscall.Syscall(syscall.SYS_MUNMAP, addr, uintptr(bytes), 0); e != 0 {
		return e
	}
	return nil
}
