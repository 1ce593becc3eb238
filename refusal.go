package expresso

import (
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// pkgPrefix is the function-name prefix of this package's own frames, which
// the commit site skips to point at the caller's code.
const pkgPrefix = "github.com/expresso-go/expresso."

// site records where a response was committed: the name of the call, and in
// development mode the raw program counters of the stack, resolved to a
// file:line only when an error message needs it.
type site struct {
	call string
	pcs  [10]uintptr
	n    int
}

// capture records call and, when withStack is set, the current stack.
func (s *site) capture(call string, withStack bool) {
	s.call = call
	s.n = 0
	if withStack {
		s.n = callers(s.pcs[:])
	}
}

// where returns "file.go:42" for the first frame outside this package and
// the standard library packages a response is written through (net/http's
// ServeContent and ResponseController, io.Copy, bufio), so that it names the
// caller's code; failing that, the first frame outside this package; ""
// when no stack was captured.
func (s *site) where() string {
	if s.n == 0 {
		return ""
	}
	frames := runtime.CallersFrames(s.pcs[:s.n])
	fallback := ""
	for {
		f, more := frames.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, pkgPrefix) {
			at := filepath.Base(f.File) + ":" + strconv.Itoa(f.Line)
			if !isWriterPlumbing(f.Function) {
				return at
			}
			if fallback == "" {
				fallback = at
			}
		}
		if !more {
			return fallback
		}
	}
}

// isWriterPlumbing reports whether fn belongs to a standard library package
// that writes a response on behalf of its caller.
func isWriterPlumbing(fn string) bool {
	for _, p := range [...]string{"net/http.", "io.", "bufio."} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

// refusal is the error returned for a call the guarded writer refused. It
// matches its sentinel ([ErrHeadersSent] or [ErrWriteAfterEnd]) with
// errors.Is and names the refused call and the call that committed the
// response.
type refusal struct {
	call     string // the refused call, e.g. "JSON"
	sentinel error
	by       string // the call that committed the response, e.g. "Redirect"
	at       string // file:line of that call, development mode only
	detached bool   // the Context is a copy made by Copy
}

func (e *refusal) Error() string {
	var b strings.Builder
	b.WriteString("expresso: ")
	b.WriteString(e.call)
	b.WriteString(" refused: ")
	b.WriteString(strings.TrimPrefix(e.sentinel.Error(), "expresso: "))
	switch {
	case e.detached:
		b.WriteString(" (the Context is a detached copy made by Copy, which cannot respond")
	case e.by != "":
		if e.sentinel == ErrWriteAfterEnd {
			b.WriteString(" (response finished by ")
		} else {
			b.WriteString(" (response committed by ")
		}
		b.WriteString(e.by)
	default:
		b.WriteString(" (response committed")
	}
	if e.at != "" {
		b.WriteString(" at ")
		b.WriteString(e.at)
	}
	b.WriteString(")")
	return b.String()
}

func (e *refusal) Unwrap() error { return e.sentinel }
