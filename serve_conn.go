package expresso

import (
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
)

// connListener is the listener a server accepts on. It holds back Accept
// while Config.MaxConns connections are open, and wraps each plain TCP
// connection in a trackedConn, which follows its HTTP state and watches
// its request headers for ambiguous framing.
type connListener struct {
	net.Listener
	srv   *server
	slots chan struct{} // one token per open connection; nil without a cap
	done  chan struct{} // closed by Close
	once  sync.Once
	cerr  error
}

func newConnListener(l net.Listener, srv *server, maxConns int) *connListener {
	cl := &connListener{Listener: l, srv: srv, done: make(chan struct{})}
	if maxConns > 0 {
		cl.slots = make(chan struct{}, maxConns)
	}
	return cl
}

// Accept waits for a free slot, then for a connection.
func (cl *connListener) Accept() (net.Conn, error) {
	if cl.slots != nil {
		select {
		case cl.slots <- struct{}{}:
		case <-cl.done:
			return nil, net.ErrClosed
		}
	}
	c, err := cl.Listener.Accept()
	if err != nil {
		cl.release()
		return nil, err
	}
	if _, ok := c.(interface{ ConnectionState() tls.ConnectionState }); ok {
		// A TLS listener given to Serve: net/http must see the *tls.Conn
		// itself (or the ConnectionState method of another TLS
		// connection), so this connection is neither tracked nor scanned.
		cl.release()
		return c, nil
	}
	tc := &trackedConn{Conn: c, cl: cl}
	tc.scan = !cl.srv.tls
	return tc, nil
}

// release frees a slot taken by Accept.
func (cl *connListener) release() {
	if cl.slots != nil {
		<-cl.slots
	}
}

// Close stops accepting; it may be called more than once.
func (cl *connListener) Close() error {
	cl.once.Do(func() {
		close(cl.done)
		cl.cerr = cl.Listener.Close()
	})
	return cl.cerr
}

// trackedConn is an accepted connection: it records the HTTP state
// net/http reports for it and scans what is read for header blocks that
// carry Transfer-Encoding (with or without Content-Length).
type trackedConn struct {
	net.Conn
	cl    *connListener
	state atomic.Int32 // the last http.ConnState, plus one (0: none yet)
	scan  bool         // plaintext: the headers can be read here
	off   atomic.Bool  // hijacked: stop scanning
	early atomic.Bool  // its request began before the lame-duck phase
	hs    headerScan
}

func (tc *trackedConn) Read(p []byte) (int, error) {
	n, err := tc.Conn.Read(p)
	if n > 0 && tc.scan && !tc.off.Load() {
		tc.hs.scan(p[:n])
	}
	return n, err
}

// ReadFrom keeps net/http's sendfile and splice path: it is the
// connection's own ReadFrom when it has one.
func (tc *trackedConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := tc.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(connWriter{tc.Conn}, r)
}

// connWriter hides every method of a connection but Write, so that
// io.Copy does not call ReadFrom again.
type connWriter struct{ io.Writer }

// CloseWrite half-closes the connection when it can, which net/http does
// before closing a connection whose request it refused, so that the client
// reads the response rather than a reset.
func (tc *trackedConn) CloseWrite() error {
	if cw, ok := tc.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// trackedOf returns the trackedConn under c, or nil.
func trackedOf(c net.Conn) *trackedConn {
	switch c := c.(type) {
	case *trackedConn:
		return c
	case *tls.Conn:
		tc, _ := c.NetConn().(*trackedConn)
		return tc
	}
	return nil
}

// connState is the server's http.Server.ConnState hook. It keeps count
// of open connections, of quiet ones (new or idle: no request in flight)
// and of early ones (serving a request that began before the lame-duck
// phase, whose response may keep the connection open), which the lame-duck
// phase waits for; and it frees the MaxConns slot of a connection that
// closes or is hijacked. The counts of the new state go up before those
// of the old state go down, so that they never read zero in between.
func (s *server) connState(c net.Conn, st http.ConnState) {
	tc := trackedOf(c)
	if tc == nil {
		return
	}
	old := http.ConnState(tc.state.Swap(int32(st)+1) - 1) // -1: none yet
	if old == st {
		return
	}
	switch st {
	case http.StateNew:
		s.open.Add(1)
		s.quiet.Add(1)
	case http.StateActive:
		// An HTTP/2 connection stays active until it closes; net/http's
		// GOAWAY ends it, so the lame-duck phase does not wait for it.
		if !s.lame.Load() && !isHTTP2(c) {
			s.early.Add(1)
			tc.early.Store(true)
		}
	case http.StateIdle:
		s.quiet.Add(1)
	case http.StateHijacked, http.StateClosed:
		if old != http.StateHijacked && old != http.StateClosed {
			s.open.Add(-1)
			tc.cl.release()
		}
		tc.off.Store(true)
	}
	if quietState(old) {
		s.quiet.Add(-1)
	}
	if old == http.StateActive && tc.early.Swap(false) {
		s.early.Add(-1)
	}
}

// quietState reports whether st is a connection with no request in
// flight.
func quietState(st http.ConnState) bool {
	return st == http.StateNew || st == http.StateIdle
}

// isHTTP2 reports whether c negotiated HTTP/2 over TLS.
func isHTTP2(c net.Conn) bool {
	t, ok := c.(*tls.Conn)
	return ok && t.ConnectionState().NegotiatedProtocol == "h2"
}
