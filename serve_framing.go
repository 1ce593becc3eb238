package expresso

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"sync/atomic"
)

// net/http answers a request that carries both Content-Length and
// Transfer-Encoding: chunked by the chunked framing and drops the
// Content-Length header before the handler runs, and for HTTP/1.0 it drops
// Transfer-Encoding and keeps Content-Length. Either way the handler cannot
// tell, and the connection stays open; behind a proxy that frames by the
// other header, the bytes after the body are a smuggled request. RFC 9112
// §6.1 and §6.3 ask for the connection to be closed. So the server reads
// the raw header blocks on the connection (headerScan, in trackedConn's
// Read) and the handler answers such a request 400 and closes.

// Sticky flags of a headerScan: some header block on the connection had
// these fields.
const (
	sawTE   = 1 << iota // Transfer-Encoding
	sawBoth             // Transfer-Encoding and Content-Length
)

// headerScan follows the lines read on a connection. A header block is a
// run of non-empty lines; it records, for the block being read, whether a
// line starts with the field name Content-Length or Transfer-Encoding, and
// sets the sticky flags when the block ends. Body bytes are scanned too,
// which can only add flags, never hide one: every header net/http parses
// passes through here line by line before its handler runs.
type headerScan struct {
	n      int      // bytes of the current line so far
	head   [18]byte // its first bytes: "transfer-encoding:" is 18
	cl, te bool     // the current block's lines so far
	flags  atomic.Uint32
}

// scan consumes the bytes p read from the connection.
func (h *headerScan) scan(p []byte) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		seg := p
		if i >= 0 {
			seg = p[:i]
		}
		if h.n < len(h.head) {
			copy(h.head[h.n:], seg)
		}
		h.n += len(seg)
		if i < 0 {
			return
		}
		h.endLine()
		p = p[i+1:]
	}
}

// endLine classifies the line just ended.
func (h *headerScan) endLine() {
	n := min(h.n, len(h.head))
	empty := h.n == 0 || h.n == 1 && h.head[0] == '\r'
	h.n = 0
	if empty {
		if h.te {
			f := uint32(sawTE)
			if h.cl {
				f |= sawBoth
			}
			h.flags.Or(f)
		}
		h.cl, h.te = false, false
		return
	}
	line := h.head[:n]
	switch {
	case isFieldLine(line, "content-length"):
		h.cl = true
	case isFieldLine(line, "transfer-encoding"):
		h.te = true
	}
}

// isFieldLine reports whether line starts with the field name (lower
// case), in any case, followed by a colon or white space.
func isFieldLine(line []byte, name string) bool {
	if len(line) <= len(name) {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := line[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	switch line[len(name)] {
	case ':', ' ', '\t':
		return true
	}
	return false
}

// trackedKey is the context key of the request's trackedConn.
type trackedKey struct{}

// connContext is the server's ConnContext hook: it makes the trackedConn
// reachable from the request.
func (s *server) connContext(ctx context.Context, c net.Conn) context.Context {
	if tc := trackedOf(c); tc != nil {
		return context.WithValue(ctx, trackedKey{}, tc)
	}
	return ctx
}

// refuseFraming answers 400 and closes the connection when r arrived with
// ambiguous framing, and reports whether it did. On a connection it cannot
// scan (TLS) it cannot tell, so it lets every chunked or HTTP/1.0 request
// through but closes the connection after the response, which leaves no
// later bytes to smuggle.
func refuseFraming(w http.ResponseWriter, r *http.Request) bool {
	tc, _ := r.Context().Value(trackedKey{}).(*trackedConn)
	if tc == nil || !tc.scan {
		w.Header().Set("Connection", "close")
		return false
	}
	f := tc.hs.flags.Load()
	if r.ProtoAtLeast(1, 1) && f&sawBoth == 0 || !r.ProtoAtLeast(1, 1) && f&sawTE == 0 {
		return false
	}
	h := w.Header()
	clear(h)
	h.Set("Connection", "close")
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = w.Write([]byte("400 Bad Request")) // the connection closes after it either way
	return true
}
