package expresso

import (
	"maps"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
	"unicode/utf8"
)

// Param is one route parameter: its name in the pattern and its decoded
// value.
type Param struct {
	// Key is the parameter's name in the pattern, without the ":" or "*".
	Key string
	// Value is the URI-decoded value.
	Value string
}

// Context is one request and its response, Express's req and res in one
// value. A Context is pooled: it is valid only until its handler returns.
// Using it afterwards is a bug that panics when detected (development mode
// keeps released Contexts out of reuse for a while to detect it); a
// goroutine that outlives the handler must take [Context.Copy].
type Context struct {
	// Locals holds values for this request, Express's res.locals: visible
	// to every later handler and merged into the data of Render. It is an
	// empty map at the start of each request.
	Locals map[string]any

	app    *App
	req    *http.Request
	res    *Response
	base   Response
	path   string // the path the router matches, as the client sent it
	method string
	mi     int // methodIndex(method)
	off    int // where the current layer's path starts in path
	d      dispatch

	pending     error // the first refusal recorded by a setter
	trailers    bool  // AddTrailers declared trailers
	body        []byte
	bodyRead    bool
	bodyErr     error // what the first Body call failed with, returned again
	stdErr      error // the chain's result, carried through net/http middleware
	stdURL      *url.URL
	stdStripped *url.URL
	stdStatus   int  // the status when a net/http middleware started
	stdHead     bool // and the Response's HEAD and stack flags
	stdStack    bool
	finishers   []func() // Response.OnFinish hooks, run by App.done

	scr *scratch
	bst bodyState // the body readers' state (body.go), per request

	released bool
	detached bool
}

// scratch holds a Context's reusable buffers. It is allocated once per
// pooled Context and kept across requests, so that releasing a Context only
// clears its small per-request fields.
type scratch struct {
	sink   sink
	lower  []byte
	raw    [maxHRParams]string
	vals   [maxNames]string
	locals map[string]any
	fbuf   [4]frame
	cbuf   [8]cand
	pbuf   [8]Param
	json   *jsonBuf // the buffer JSON and the error page encode into
	slab   slab     // header values, never shared (values.go)
}

// maxNames bounds the parameters one pattern may declare.
const maxNames = 64

func newContext(app *App) *Context {
	c := &Context{app: app, scr: &scratch{locals: make(map[string]any)}}
	c.d.frames, c.d.cands, c.d.pstore = c.scr.fbuf[:0], c.scr.cbuf[:0], c.scr.pbuf[:0]
	return c
}

// reset prepares c for a request.
func (c *Context) reset(w http.ResponseWriter, r *http.Request) {
	c.req = r
	c.res = &c.base
	c.method = r.Method
	c.mi = methodIndex(r.Method)
	c.base.reset(w, c, c.mi == mHead, !c.app.prod)
	c.path = pathOf(r, true)
	c.d.upath, c.d.raw = r.URL.Path, r.URL.RawPath
	if len(c.scr.locals) > 0 {
		clear(c.scr.locals)
	}
	c.Locals = c.scr.locals
	c.released = false
}

// release clears c for reuse and marks it released.
func (c *Context) release() {
	// Field by field, so that the Response's stack sites and the buffers
	// are not cleared on every request; context_internal_test.go checks
	// that no per-request field is forgotten.
	c.Locals, c.req, c.res, c.path, c.method, c.mi, c.off = nil, nil, nil, "", "", 0, 0
	c.base.w, c.base.c = nil, nil
	c.d.reset()
	c.pending, c.trailers, c.body, c.bodyRead, c.bodyErr = nil, false, nil, false, nil
	c.stdErr, c.stdURL, c.stdStripped = nil, nil, nil
	c.stdStatus, c.stdHead, c.stdStack = 0, false, false
	c.bst = bodyState{}
	clear(c.finishers)
	c.finishers = c.finishers[:0]
	c.detached, c.released = false, true
}

// live panics when c is used after its handler returned.
func (c *Context) live() {
	if c.released {
		panic("expresso: Context used after its handler returned; a goroutine that outlives the handler must use c.Copy()")
	}
}

// Copy returns a detached copy of c that stays valid after the handler
// returns, for goroutines: it reads the same request, params, a copy of
// Locals and a snapshot of the response headers and status (so Fresh
// works), but cannot respond: every sender, setter and write on it returns
// (or records) an error matching [ErrWriteAfterEnd]. It must not call
// Next.
func (c *Context) Copy() *Context {
	c.live()
	cp := &Context{
		app:      c.app,
		req:      c.req,
		path:     c.path,
		method:   c.method,
		mi:       c.mi,
		off:      c.off,
		d:        dispatch{params: append([]Param(nil), c.d.params...)},
		Locals:   maps.Clone(c.Locals),
		body:     c.body,
		bodyRead: c.bodyRead,
		bodyErr:  c.bodyErr,
		detached: true,
	}
	cp.res = &cp.base
	cp.base = Response{w: detachedWriter(c.res.Header().Clone()), c: cp, status: c.res.status,
		state: Finished, detached: true}
	if cp.Locals == nil {
		cp.Locals = map[string]any{}
	}
	return cp
}

// detachedWriter is the writer of a Copy: it holds a snapshot of the
// headers and writes nothing (the Response refuses every write before it
// gets here).
type detachedWriter http.Header

func (w detachedWriter) Header() http.Header       { return http.Header(w) }
func (detachedWriter) Write(p []byte) (int, error) { return 0, ErrWriteAfterEnd }
func (detachedWriter) WriteHeader(int)             {}

// Request returns the *http.Request.
func (c *Context) Request() *http.Request { c.live(); return c.req }

// SetRequest replaces the request the Context reads, for middleware that
// derives one (r.WithContext). It does not re-route.
func (c *Context) SetRequest(r *http.Request) { c.live(); c.req = r }

// Response returns the guarded writer, an http.ResponseWriter.
func (c *Context) Response() *Response { c.live(); return c.res }

// App returns the application serving the request, Express's req.app.
func (c *Context) App() *App { return c.app }

// Method returns the request method, Express's req.method.
func (c *Context) Method() string { c.live(); return c.method }

// Path returns the path of the request URL relative to the current mount
// point, still percent-encoded, Express's req.path.
func (c *Context) Path() string {
	c.live()
	if c.off >= len(c.path) {
		return "/"
	}
	return c.path[c.off:]
}

// BaseURL returns the part of the path the routers the request is in were
// mounted at ("" at the top level), Express's req.baseUrl.
func (c *Context) BaseURL() string {
	c.live()
	if c.off >= len(c.path) {
		return strings.TrimSuffix(c.path, "/")
	}
	return c.path[:c.off]
}

// OriginalURL returns the request URL as received (path and query),
// Express's req.originalUrl.
func (c *Context) OriginalURL() string {
	c.live()
	if c.req.RequestURI != "" {
		return c.req.RequestURI
	}
	return c.req.URL.RequestURI()
}

// Param returns the decoded value of the named route parameter, or "",
// Express's req.params[name]. A trailing wildcard's value is the rest of the
// path without its leading slash.
func (c *Context) Param(name string) string {
	c.live()
	for _, p := range c.d.params {
		if p.Key == name {
			return p.Value
		}
	}
	return ""
}

// Params returns the route parameters in pattern order, Express's
// req.params. The slice is valid until the handler returns; it is nil when
// there are none.
func (c *Context) Params() []Param {
	c.live()
	if len(c.d.params) == 0 {
		return nil
	}
	return c.d.params
}

// Query returns the first value of the named query parameter, decoded, or
// "", Express's req.query[name] with the simple parser. It allocates only
// when the value needs decoding.
func (c *Context) Query(name string) string {
	c.live()
	q := c.req.URL.RawQuery
	for q != "" {
		var kv string
		kv, q, _ = strings.Cut(q, "&")
		k, v, _ := strings.Cut(kv, "=")
		if k != name && (!needsUnescape(k) || unescapeQuery(k) != name) {
			continue
		}
		return unescapeQuery(v)
	}
	return ""
}

// QueryValues returns every query parameter, Express's req.query with the
// "simple" parser (Node's querystring): a fresh map on each call, which the
// caller may keep and change. Repeated keys keep every value, in order. A
// malformed escape spoils only its own pair's text (kept as sent), and an
// escape that is not UTF-8 decodes to U+FFFD, as querystring does.
func (c *Context) QueryValues() url.Values {
	c.live()
	v := url.Values{}
	for q := c.req.URL.RawQuery; q != ""; {
		var kv string
		kv, q, _ = strings.Cut(q, "&")
		if kv == "" {
			continue
		}
		k, val, _ := strings.Cut(kv, "=")
		k = unescapeQuery(k)
		v[k] = append(v[k], unescapeQuery(val))
	}
	return v
}

func needsUnescape(s string) bool { return strings.ContainsAny(s, "%+") }

// unescapeQuery decodes a query component as Node's querystring.unescape:
// "+" is a space, each well-formed %XX is a byte and a malformed "%" stays
// as it is, and bytes that are not UTF-8 become U+FFFD.
func unescapeQuery(s string) string {
	if !needsUnescape(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '+':
			b = append(b, ' ')
		case s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, s[i])
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]rune, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b) // utf8.RuneError for each invalid byte
		out = append(out, r)
		b = b[n:]
	}
	return string(out)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// Get returns the request header field (case-insensitive), Express's
// req.get: "Referer" and "Referrer" are interchangeable, and repeated
// fields are read as Node reads them: the first value of the fields Node
// keeps once (User-Agent, Referer, Authorization, Content-Type, …), the
// values joined with "; " for Cookie and with ", " for the others.
func (c *Context) Get(field string) string {
	c.live()
	key := textproto.CanonicalMIMEHeaderKey(field)
	switch key {
	case "Referer", "Referrer":
		// Express reads headers.referrer || headers.referer.
		if v := c.header("Referrer", ", "); v != "" {
			return v
		}
		return first(c.req.Header["Referer"])
	case "Host":
		return c.req.Host
	case "Cookie":
		return c.header(key, "; ")
	}
	if singleHeader(key) {
		return first(c.req.Header[key])
	}
	return c.header(key, ", ")
}

// singleHeader reports whether Node discards the duplicates of the request
// field key (http.IncomingMessage's matchKnownFields).
func singleHeader(key string) bool {
	switch key {
	case "Age", "Authorization", "Content-Length", "Content-Type", "Etag", "Expires", "From", "Host",
		"If-Modified-Since", "If-Unmodified-Since", "Last-Modified", "Location", "Max-Forwards",
		"Proxy-Authorization", "Referer", "Retry-After", "Server", "User-Agent":
		return true
	}
	return false
}

func (c *Context) header(key, sep string) string {
	vs := c.req.Header[key]
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	return strings.Join(vs, sep)
}

// record keeps the first refusal of a setter, returned by the next sender
// and logged after the handler.
func (c *Context) record(err error) {
	if c.pending == nil {
		c.pending = err
	}
}
