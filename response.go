package expresso

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strconv"
	"unsafe"
)

// State is the stage a [Response] is in. It only moves forward.
type State uint8

const (
	// Head is the state before anything was sent: status and headers may
	// still change.
	Head State = iota
	// Body is the state after the status line and headers went out: more
	// body may follow, but headers are frozen.
	Body
	// Finished is the state of a complete response: nothing more is sent.
	Finished
)

// String returns "Head", "Body" or "Finished".
func (s State) String() string {
	switch s {
	case Head:
		return "Head"
	case Body:
		return "Body"
	default:
		return "Finished"
	}
}

// Response is the guarded writer every response goes through. It implements
// [http.ResponseWriter], [http.Flusher], [http.Hijacker], [io.ReaderFrom] and
// Unwrap, so [http.ResponseController], [http.ServeContent] and any net/http
// handler work through it.
//
// A Response moves from [Head] to [Body] to [Finished] and never back. Once
// it left Head, a status or header change does nothing on the wire and
// yields an error matching [ErrHeadersSent]; once Finished, a write yields
// [ErrWriteAfterEnd]. The client always gets the first response intact.
// Refusals made through the plain http.ResponseWriter methods, which cannot
// return them, are recorded on the [Context] and logged after the handler.
type Response struct {
	w      http.ResponseWriter
	c      *Context
	status int
	state  State
	// head is set for HEAD requests: the body is dropped, headers are kept.
	head bool
	// n counts body bytes accepted for the client.
	n int64
	// committed and finished name the calls that moved the response out of
	// Head and into Finished.
	committed, finished site
	stack               bool // capture call stacks (development mode)
	detached            bool // a Copy: every send is refused
}

// reset prepares r for a new request.
// It sets each field rather than the whole struct so that the program
// counters of the sites, which are only read when their n says so, are not
// cleared on every request.
func (r *Response) reset(w http.ResponseWriter, c *Context, head, stack bool) {
	r.w, r.c, r.status, r.state, r.head, r.n = w, c, http.StatusOK, Head, head, 0
	r.stack, r.detached = stack, false
	r.committed.call, r.committed.n = "", 0
	r.finished.call, r.finished.n = "", 0
}

// Header returns the header map that will be sent. After the response left
// [Head], changes to it have no effect (except trailers declared before).
// The Response of a detached copy (see [Context.Copy]) has no writer: it
// returns a fresh map that is never sent.
func (r *Response) Header() http.Header {
	if r.w == nil {
		return http.Header{}
	}
	return r.w.Header()
}

// Status returns the status code set so far (200 by default).
func (r *Response) Status() int { return r.status }

// State returns the current [State].
func (r *Response) State() State { return r.state }

// Written returns the number of body bytes written for the client.
func (r *Response) Written() int64 { return r.n }

// OnFinish registers fn to run once the request is over, Node's
// res.on('finish'): after the handlers and error handlers returned and the
// response reached its final state (also when it was aborted), so that
// [Response.Status] and [Response.Written] are what the client got.
// Functions run in the order registered. A detached copy's Response (see
// [Context.Copy]) never finishes: fn is dropped.
func (r *Response) OnFinish(fn func()) {
	if r.detached || r.c == nil || fn == nil {
		return
	}
	r.c.finishers = append(r.c.finishers, fn)
}

// Unwrap returns the underlying http.ResponseWriter, for
// [http.ResponseController].
func (r *Response) Unwrap() http.ResponseWriter { return r.w }

// WriteHeader sends the status line and headers. Informational 1xx codes
// (other than 101) are passed through and leave the Response in Head. Called
// after the headers went out, it does nothing and the refusal is recorded on
// the Context.
func (r *Response) WriteHeader(code int) {
	if err := r.writeHeader("WriteHeader", code); err != nil {
		r.c.record(err)
	}
}

func (r *Response) writeHeader(call string, code int) error {
	if r.state != Head {
		return r.refuse(call, ErrHeadersSent)
	}
	if code < 100 || code > 999 {
		return invalidStatus(code)
	}
	if code < 200 && code != http.StatusSwitchingProtocols {
		r.w.WriteHeader(code)
		return nil
	}
	r.status = code
	r.commit(call, true)
	return nil
}

// commit sends the headers with the current status and moves to Body.
// body says whether body bytes may follow.
func (r *Response) commit(call string, body bool) {
	if body {
		h := r.w.Header()
		if _, ok := h["Content-Type"]; !ok {
			// net/http would sniff a Content-Type; Express sends none.
			h["Content-Type"] = nil
		}
	}
	r.committed.capture(call, r.stack)
	r.state = Body
	r.w.WriteHeader(r.status)
}

// finish marks the response complete.
func (r *Response) finish(call string) {
	if r.state == Finished {
		return
	}
	if r.stack && r.committed.call == call {
		r.finished = r.committed
	} else {
		r.finished.capture(call, r.stack)
	}
	r.state = Finished
}

// refuse builds the error for a refused call. A detached copy (see
// [Context.Copy]) never responds, so everything it refuses is a write after
// end.
func (r *Response) refuse(call string, sentinel error) error {
	if r.detached {
		return &refusal{call: call, sentinel: ErrWriteAfterEnd, detached: true}
	}
	e := &refusal{call: call, sentinel: sentinel}
	s := &r.committed
	if sentinel == ErrWriteAfterEnd && r.finished.call != "" {
		s = &r.finished
	}
	e.by, e.at = s.call, s.where()
	return e
}

// Write writes body bytes, sending the headers first if they were not sent.
// For HEAD requests and 204 or 304 responses the bytes are counted but
// dropped, without an error, as Node does. After the response finished it
// writes nothing and returns an error matching [ErrWriteAfterEnd].
func (r *Response) Write(p []byte) (int, error) { return r.write("Write", p) }

func (r *Response) write(call string, p []byte) (int, error) {
	switch r.state {
	case Finished:
		return 0, r.refuse(call, ErrWriteAfterEnd)
	case Head:
		r.commit(call, true)
	}
	if r.dropsBody() {
		r.n += int64(len(p))
		return len(p), nil
	}
	n, err := r.w.Write(p)
	r.n += int64(n)
	return n, err
}

// WriteString is Write for a string.
func (r *Response) WriteString(s string) (int, error) { return r.writeString("Write", s) }

func (r *Response) writeString(call string, s string) (int, error) {
	// io.Writer implementations must not modify or keep p, so the string's
	// bytes can be lent without a copy.
	return r.write(call, unsafe.Slice(unsafe.StringData(s), len(s)))
}

// ReadFrom copies src to the client, using the underlying writer's
// io.ReaderFrom (sendfile) when it has one.
func (r *Response) ReadFrom(src io.Reader) (int64, error) {
	switch r.state {
	case Finished:
		return 0, r.refuse("ReadFrom", ErrWriteAfterEnd)
	case Head:
		r.commit("ReadFrom", true)
	}
	if r.dropsBody() {
		n, err := io.Copy(io.Discard, src)
		r.n += n
		return n, err
	}
	var n int64
	var err error
	if rf, ok := r.w.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		n, err = io.Copy(writerOnly{r.w}, src)
	}
	r.n += n
	return n, err
}

// dropsBody reports whether body bytes are dropped: for HEAD and for the
// statuses that have no body (204, 304), where Node discards what is
// written without an error (net/http would return ErrBodyNotAllowed).
func (r *Response) dropsBody() bool {
	return r.head || r.status == http.StatusNoContent || r.status == http.StatusNotModified
}

// writerOnly hides every method but Write, so io.Copy does not loop back
// into ReadFrom.
type writerOnly struct{ io.Writer }

// Flush sends the headers if needed and flushes buffered body bytes to the
// client. Errors are recorded on the Context; use FlushError to get them.
func (r *Response) Flush() {
	if err := r.FlushError(); err != nil {
		r.c.record(err)
	}
}

// FlushError is Flush that returns the error; [http.ResponseController]
// prefers it.
func (r *Response) FlushError() error {
	if r.state == Head {
		r.commit("Flush", true)
	}
	if r.head {
		return nil
	}
	return http.NewResponseController(r.w).Flush()
}

// Hijack lets the caller take over the connection, as [http.Hijacker]. The
// response counts as finished afterwards.
func (r *Response) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if r.state == Finished {
		return nil, nil, r.refuse("Hijack", ErrWriteAfterEnd)
	}
	conn, rw, err := http.NewResponseController(r.w).Hijack()
	if err == nil {
		if r.state == Head {
			r.committed.capture("Hijack", r.stack)
		}
		r.finish("Hijack")
	}
	return conn, rw, err
}

// invalidStatus is the error for a status code outside 100–999, as
// Express's RangeError from res.status.
func invalidStatus(code int) error {
	return &HTTPError{Code: http.StatusInternalServerError, Err: ErrInvalidStatus,
		Message: "expresso: invalid status code: " + strconv.Itoa(code) + ". Status code must be greater than 99 and less than 1000"}
}
