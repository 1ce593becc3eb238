package expresso

import (
	"errors"
	"net/http"
	"unsafe"

	"github.com/expresso-go/expresso/internal/statuses"
)

// ErrHeadersSent is the error every refused header change or second send
// matches (with [errors.Is]): the status line and headers already went out,
// so the call did nothing on the wire. It is Go's form of Node's
// ERR_HTTP_HEADERS_SENT ("Cannot set headers after they are sent to the
// client").
var ErrHeadersSent = errors.New("expresso: cannot set headers after they are sent to the client")

// ErrWriteAfterEnd is the error a body write matches (with [errors.Is]) when
// the response was already finished, as Node's ERR_STREAM_WRITE_AFTER_END.
var ErrWriteAfterEnd = errors.New("expresso: write after end")

// ErrInvalidStatus is wrapped by the error for a status code outside
// 100–999 (Express throws a RangeError there).
var ErrInvalidStatus = errors.New("expresso: invalid status code")

// NextRoute, returned by a handler, skips the remaining handlers of the
// current route and continues with the next matching route or middleware:
// Express's next('route'). It is control flow, never treated as an error.
var NextRoute = errors.New("expresso: next route")

// NextRouter, returned by a handler, leaves the current [Router] and continues
// in its parent: Express's next('router'). At the top level it ends in the
// 404 handler. It is control flow, never treated as an error.
var NextRouter = errors.New("expresso: next router")

// HTTPError is an error with an HTTP status. The default error handler
// answers with its status and headers; its message is shown to the client
// for 4xx statuses, and for 5xx statuses only outside production.
type HTTPError struct {
	// Code is the HTTP status code, 400–599 for errors.
	Code int
	// Message is the public message; empty means the status text.
	Message string
	// Header holds headers sent with the error response, such as Allow on a
	// 405, Content-Range on a 416 or WWW-Authenticate on a 401.
	Header http.Header
	// Offered lists the media types that were offered when the error is the
	// 406 of [Context.Format].
	Offered []string
	// Err is the wrapped cause, if any. It is never shown to the client.
	Err error
}

// NewHTTPError returns an [HTTPError] with the given status code and, if
// given, message (several are joined with spaces). It mirrors Express's
// http-errors createError(status, message).
func NewHTTPError(code int, message ...string) *HTTPError {
	e := &HTTPError{Code: code}
	for i, m := range message {
		if i > 0 {
			e.Message += " "
		}
		e.Message += m
	}
	return e
}

// StatusCode returns the error's HTTP status code.
func (e *HTTPError) StatusCode() int { return e.Code }

// Error returns the public message, or the status text when there is none.
func (e *HTTPError) Error() string {
	if e.Message != "" {
		return e.Message
	}
	if t := statuses.Text(e.Code); t != "" {
		return t
	}
	return "Error"
}

// Unwrap returns the wrapped cause.
func (e *HTTPError) Unwrap() error { return e.Err }

// WithCause returns e with Err set to cause, so that e can be built and
// wrapped in one expression: NewHTTPError(400).WithCause(err).
func (e *HTTPError) WithCause(cause error) *HTTPError {
	e.Err = cause
	return e
}

// statusCoder is implemented by errors that carry an HTTP status, such as
// *HTTPError.
type statusCoder interface{ StatusCode() int }

// isControl reports whether err is one of the control-flow sentinels.
func isControl(err error) bool { return err == NextRoute || err == NextRouter }

// sameError reports whether a and b are the same error value: the same
// dynamic type and the same data word, which is what passing an error on
// unchanged preserves. Unlike ==, it never panics on error types that are
// not comparable, and it needs no reflection; two equal values boxed
// separately are different errors, as they are for the dispatch (an error
// a middleware builds anew is its own).
func sameError(a, b error) bool {
	return *(*[2]unsafe.Pointer)(unsafe.Pointer(&a)) == *(*[2]unsafe.Pointer)(unsafe.Pointer(&b))
}
