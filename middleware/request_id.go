package middleware

import (
	"context"
	"crypto/rand"
	"net/http"
	"net/textproto"
	"strconv"

	"github.com/expresso-go/expresso/internal/token"
)

// RequestIDOptions configures [RequestID]. The zero value is
// express-request-id's defaults: the X-Request-Id header, a random UUID
// (version 4) for requests that come without a usable id.
type RequestIDOptions struct {
	// Header is the request and response header that carries the id.
	// Empty means "X-Request-Id". It must be a valid header name.
	Header string

	// Generator makes a new id. Nil means a random version 4 UUID from
	// crypto/rand. It must return a well-formed id (see [RequestID]); an
	// ill-formed one is replaced by a UUID.
	Generator func() string

	// DisableIncoming ignores the id a request comes with and always makes
	// a new one, for servers that face untrusted clients directly.
	DisableIncoming bool
}

// requestIDKey is the request-context key of the request id.
type requestIDKey struct{}

// requestIDValue is the context value of the request id.
type requestIDValue struct {
	id     string
	header [1]string
}

// maxRequestIDLen is the longest incoming id kept.
const maxRequestIDLen = 128

// RequestID returns a middleware that gives every request an id: it keeps
// a well-formed id the request came with, else makes one, puts it in the
// request's context (read it with [RequestIDFrom]) and in the response
// header, and [Logger] prints it as the :id token.
//
// A well-formed id is 1 to 128 bytes of ASCII letters, digits and
// "-_.:+/=", which covers UUIDs, ULIDs and tracing ids; anything else
// (spaces, quotes, control bytes, an empty or overlong value) is replaced,
// so that an id can be logged and echoed safely.
//
// At most one [RequestIDOptions] may be given (more panic); the variadic
// form keeps RequestID() short for the common case.
//
// RequestID mirrors express-request-id. It differs in that it checks the
// incoming id instead of trusting any value.
func RequestID(opts ...RequestIDOptions) func(http.Handler) http.Handler {
	if len(opts) > 1 {
		panic("middleware: RequestID takes at most one RequestIDOptions")
	}
	var o RequestIDOptions
	if len(opts) == 1 {
		o = opts[0]
	}
	header := "X-Request-Id"
	if o.Header != "" {
		if !token.Is(o.Header) {
			panic("middleware: RequestIDOptions.Header: invalid header name " + strconv.Quote(o.Header))
		}
		header = textproto.CanonicalMIMEHeaderKey(o.Header)
	}
	gen := o.Generator
	incoming := !o.DisableIncoming
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			id := ""
			if incoming {
				if v := r.Header[header]; len(v) == 1 && wellFormedID(v[0]) {
					id = v[0]
				}
			}
			if id == "" && gen != nil {
				if id = gen(); !wellFormedID(id) {
					id = ""
				}
			}
			if id == "" {
				id = newUUID()
			}
			// One allocation holds the id for the context and the header's
			// value slice.
			v := &requestIDValue{id: id}
			v.header[0] = id
			w.Header()[header] = v.header[:1:1]
			if s, ok := r.Context().Value(logSlotKey{}).(*logRecord); ok {
				s.id = id
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, v)))
		})
	}
}

// RequestIDFrom returns the request id [RequestID] gave the request whose
// context ctx is, or "" when there is none.
func RequestIDFrom(ctx context.Context) string {
	if v, ok := ctx.Value(requestIDKey{}).(*requestIDValue); ok {
		return v.id
	}
	return ""
}

// wellFormedID reports whether id may be kept as a request id.
func wellFormedID(id string) bool {
	if len(id) == 0 || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '_' || c == '.' || c == ':' || c == '+' || c == '/' || c == '=':
		default:
			return false
		}
	}
	return true
}

// newUUID returns a random version 4 UUID in its 36-byte text form.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never returns an error
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	const hexDigits = "0123456789abcdef"
	var s [36]byte
	j := 0
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			s[j] = '-'
			j++
		}
		s[j], s[j+1] = hexDigits[x>>4], hexDigits[x&0x0f]
		j += 2
	}
	return string(s[:])
}
