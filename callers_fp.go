//go:build amd64 || arm64

package expresso

import "unsafe"

// framePointer returns the frame pointer of its caller (assembly,
// callers_amd64.s and callers_arm64.s).
func framePointer() unsafe.Pointer

// callers fills pcs with the return addresses of the calling goroutine's
// frames, starting at the caller of callers' caller, as runtime.Callers
// does but by following the frame-pointer chain Go keeps on amd64 and
// arm64: a few loads instead of the unwinder's hundreds of instructions.
// The result is read with runtime.CallersFrames, which expands inlined
// calls. This is the package's one walk over raw stack memory; it stops at
// the outermost frame (a nil frame pointer) and reads only the current
// goroutine's own stack, which cannot move while no call is made.
func callers(pcs []uintptr) int {
	fp := framePointer() // callers' own frame
	n := 0
	for n < len(pcs) && fp != nil {
		pcs[n] = *(*uintptr)(unsafe.Add(fp, unsafe.Sizeof(uintptr(0))))
		fp = *(*unsafe.Pointer)(fp)
		n++
	}
	return n
}
