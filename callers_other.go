//go:build !amd64 && !arm64

package expresso

import "runtime"

// callers fills pcs with the return addresses of the calling goroutine's
// frames, starting at the caller of callers' caller (runtime.Callers on
// architectures without the frame-pointer walk of callers_fp.go).
func callers(pcs []uintptr) int { return runtime.Callers(2, pcs) }
