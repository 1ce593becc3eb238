package middleware

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/expresso-go/expresso/internal/vary"
)

// MethodOverrideOptions configures [MethodOverride]. The zero value reads
// the X-HTTP-Method-Override header, then the _method field of a
// URL-encoded form, and allows PUT, PATCH and DELETE.
type MethodOverrideOptions struct {
	// Header is the request header to read; empty means
	// "X-HTTP-Method-Override", "-" disables it.
	Header string
	// FormField is the field of an application/x-www-form-urlencoded body
	// to read; empty means "_method", "-" disables it.
	FormField string
	// Methods lists the methods a request may be overridden to; nil means
	// PUT, PATCH and DELETE. CONNECT and TRACE panic at construction.
	Methods []string
	// MaxFormBytes bounds the body read to find FormField; 0 means 1 MiB.
	// A larger body is passed on without an override.
	MaxFormBytes int64
}

// MethodOverride returns middleware that lets a POST request say which
// method it stands for, so that HTML forms can reach PUT, PATCH and DELETE
// routes: it mirrors the method-override package. Only POST requests are
// overridden, only to one of the allowed methods (case-insensitively);
// anything else passes through unchanged. The header wins over the form
// field, and when the header is read the response gets "Vary:
// X-HTTP-Method-Override", as method-override does.
//
// Unlike method-override, which needs a body parser before it for form
// fields, it reads a URL-encoded body itself (up to MaxFormBytes) and hands
// the next handler the whole body again, so [expresso.Context.Bind] still
// works. In an expresso App the router dispatches on the new method (a POST
// with "X-HTTP-Method-Override: DELETE" reaches the DELETE route).
func MethodOverride(opts ...MethodOverrideOptions) func(http.Handler) http.Handler {
	o := methodOverrideConfig(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost {
				next.ServeHTTP(w, r)
				return
			}
			m := ""
			if o.Header != "" {
				if v, err := vary.Append(w.Header().Get("Vary"), o.Header); err == nil {
					w.Header().Set("Vary", v)
				}
				m = r.Header.Get(o.Header)
			}
			if m == "" && o.FormField != "" {
				m = o.formMethod(r)
			}
			if m = strings.ToUpper(strings.TrimSpace(m)); m == "" || !o.allowed(m) {
				next.ServeHTTP(w, r)
				return
			}
			r2 := new(http.Request)
			*r2 = *r
			r2.Method = m
			next.ServeHTTP(w, r2)
		})
	}
}

// methodOverrideConfig checks the options and fills in the defaults.
func methodOverrideConfig(opts []MethodOverrideOptions) MethodOverrideOptions {
	var o MethodOverrideOptions
	switch len(opts) {
	case 0:
	case 1:
		o = opts[0]
	default:
		panic("middleware: MethodOverride takes at most one MethodOverrideOptions")
	}
	switch o.Header {
	case "":
		o.Header = "X-Http-Method-Override"
	case "-":
		o.Header = ""
	default:
		o.Header = http.CanonicalHeaderKey(o.Header)
	}
	switch o.FormField {
	case "":
		o.FormField = "_method"
	case "-":
		o.FormField = ""
	}
	if o.Methods == nil {
		o.Methods = []string{http.MethodPut, http.MethodPatch, http.MethodDelete}
	}
	ms := make([]string, len(o.Methods))
	for i, m := range o.Methods {
		m = strings.ToUpper(m)
		if m == http.MethodConnect || m == http.MethodTrace || m == "" || strings.ContainsAny(m, " \t\r\n") {
			panic("middleware: MethodOverrideOptions.Methods may not contain " + `"` + m + `"`)
		}
		ms[i] = m
	}
	o.Methods = ms
	if o.MaxFormBytes < 0 {
		panic("middleware: MethodOverrideOptions.MaxFormBytes must not be negative")
	}
	if o.MaxFormBytes == 0 {
		o.MaxFormBytes = 1 << 20
	}
	return o
}

func (o *MethodOverrideOptions) allowed(m string) bool {
	for _, a := range o.Methods {
		if a == m {
			return true
		}
	}
	return false
}

// formMethod returns the override field of a URL-encoded body, putting
// back every byte it read so the next handler sees the whole body.
func (o *MethodOverrideOptions) formMethod(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" || r.Body == nil || r.Body == http.NoBody {
		return ""
	}
	if r.ContentLength > o.MaxFormBytes {
		return ""
	}
	read, err := io.ReadAll(io.LimitReader(r.Body, o.MaxFormBytes+1))
	r.Body = overrideBody{io.MultiReader(bytes.NewReader(read), overrideErr{err}, r.Body), r.Body}
	if err != nil || int64(len(read)) > o.MaxFormBytes {
		return ""
	}
	vals, err := url.ParseQuery(string(read))
	if err != nil {
		return ""
	}
	return vals.Get(o.FormField)
}

// overrideBody reads from one reader and closes another.
type overrideBody struct {
	io.Reader
	io.Closer
}

// overrideErr returns its error once the bytes before it were read; a nil
// error reads as an immediate EOF so the reader after it takes over.
type overrideErr struct{ err error }

func (e overrideErr) Read([]byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}
