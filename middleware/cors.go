package middleware

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso/internal/token"
	"github.com/expresso-go/expresso/internal/vary"
)

// CORSOptions configures [CORS]. The zero value is the cors package's
// defaults: any origin ("*"), the methods GET, HEAD, PUT, PATCH, POST and
// DELETE, the request headers a preflight asks for, no credentials, and a
// 204 for preflight requests.
type CORSOptions struct {
	// AllowOrigins lists the origins allowed to read responses. Each entry
	// is "*" (any origin, alone in the list), an exact origin such as
	// "https://app.example.com" or "http://localhost:3000" (scheme, host
	// and port, no path, no trailing slash), or a pattern with "*" as its
	// leftmost host labels, such as "https://*.example.com", which matches
	// one or more labels (https://a.example.com, https://a.b.example.com)
	// but not https://example.com itself. Origins compare exactly, byte for
	// byte, as browsers send them (lower-case): no substring, prefix or
	// suffix matching. Nil means "*" unless AllowOriginFunc is set.
	AllowOrigins []string

	// AllowOriginFunc, when set, decides instead of AllowOrigins (which
	// must then be empty) whether an origin is allowed. It is called with
	// the Origin header as sent.
	AllowOriginFunc func(origin string) bool

	// AllowMethods is sent as Access-Control-Allow-Methods on preflight
	// responses. Nil means GET, HEAD, PUT, PATCH, POST, DELETE.
	AllowMethods []string

	// AllowHeaders is sent as Access-Control-Allow-Headers on preflight
	// responses. Nil means the headers the preflight asks for
	// (Access-Control-Request-Headers), reflected, with
	// "Vary: Access-Control-Request-Headers".
	AllowHeaders []string

	// ExposeHeaders is sent as Access-Control-Expose-Headers on actual
	// responses: the response headers scripts may read.
	ExposeHeaders []string

	// AllowCredentials sends Access-Control-Allow-Credentials: true, letting
	// browsers send cookies and read the response. It cannot be combined
	// with the "*" origin (the default).
	AllowCredentials bool

	// MaxAge, rounded down to seconds, is sent as Access-Control-Max-Age on
	// preflight responses: how long browsers may cache them. Zero sends
	// nothing (browsers then cache for 5 seconds).
	MaxAge time.Duration

	// PreflightContinue passes preflight requests on to the next handler
	// after setting the CORS headers, instead of answering them.
	PreflightContinue bool

	// OptionsSuccessStatus is the status of a preflight answer. Zero means
	// 204; some old browsers need 200.
	OptionsSuccessStatus int
}

// CORS returns a middleware that implements Cross-Origin Resource Sharing.
//
// A preflight request (OPTIONS with Origin and
// Access-Control-Request-Method) is answered with OptionsSuccessStatus and
// "Content-Length: 0", carrying Access-Control-Allow-Origin,
// -Allow-Methods, -Allow-Headers, -Allow-Credentials and -Max-Age when the
// origin is allowed, and only "Vary: Origin" when it is not (so the browser
// blocks the request). Any other request passes to the next handler, with
// Access-Control-Allow-Origin (the origin, or "*"), -Allow-Credentials and
// -Expose-Headers when its origin is allowed. "Vary: Origin" is added to
// every response whose CORS headers depend on the origin.
//
// A dangerous or impossible configuration panics: the "*" origin with
// AllowCredentials, "*" mixed with other origins, an origin with a path, a
// query or a trailing slash, the "null" origin (shared by sandboxed
// documents and file: pages, so allowing it allows them all), a malformed
// pattern, or a method or header that is not a valid token.
//
// CORS mirrors the cors package. It differs in that only an OPTIONS request
// carrying Origin and Access-Control-Request-Method is a preflight (cors
// treats every OPTIONS request as one), a disallowed preflight gets no CORS
// headers at all, origins are matched exactly or by host-label patterns
// instead of regular expressions, and unsafe configurations panic.
func CORS(opts CORSOptions) func(http.Handler) http.Handler {
	c := newCORS(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if c.serve(w, r) {
				next.ServeHTTP(w, r)
			}
		})
	}
}

// cors is a compiled CORSOptions.
type cors struct {
	any      bool // "*"
	exact    map[string]bool
	patterns []originPattern
	fn       func(string) bool
	methods  string
	headers  string // "" reflects the request's
	expose   string
	creds    bool
	maxAge   string
	cont     bool
	status   int
}

// originPattern is "scheme://*.suffix[:port]".
type originPattern struct {
	scheme, suffix, port string // suffix starts with '.'
}

func newCORS(o CORSOptions) *cors {
	c := &cors{fn: o.AllowOriginFunc, creds: o.AllowCredentials, cont: o.PreflightContinue, status: o.OptionsSuccessStatus}
	switch {
	case o.AllowOriginFunc != nil && len(o.AllowOrigins) > 0:
		panic("middleware: CORSOptions: set AllowOrigins or AllowOriginFunc, not both")
	case o.AllowOriginFunc == nil && len(o.AllowOrigins) == 0:
		c.any = true
	}
	for _, origin := range o.AllowOrigins {
		c.addOrigin(origin, len(o.AllowOrigins))
	}
	if c.any && c.creds {
		panic(`middleware: CORSOptions: AllowCredentials cannot be used with the "*" origin (browsers refuse it, and reflecting any origin instead would let every site read credentialed responses); list the allowed origins`)
	}
	c.methods = joinTokens("AllowMethods", o.AllowMethods, "GET,HEAD,PUT,PATCH,POST,DELETE")
	c.headers = joinTokens("AllowHeaders", o.AllowHeaders, "")
	c.expose = joinTokens("ExposeHeaders", o.ExposeHeaders, "")
	switch {
	case o.MaxAge < 0:
		panic("middleware: CORSOptions.MaxAge must not be negative")
	case o.MaxAge >= time.Second:
		c.maxAge = strconv.FormatInt(int64(o.MaxAge/time.Second), 10)
	}
	switch {
	case c.status == 0:
		c.status = http.StatusNoContent
	case c.status < 200 || c.status > 299:
		panic("middleware: CORSOptions.OptionsSuccessStatus must be a 2xx status, not " + strconv.Itoa(c.status))
	}
	return c
}

// addOrigin validates and adds one entry of AllowOrigins.
func (c *cors) addOrigin(origin string, n int) {
	bad := func(why string) {
		panic("middleware: CORSOptions.AllowOrigins: " + strconv.Quote(origin) + ": " + why)
	}
	if origin == "*" {
		if n > 1 {
			bad(`"*" allows every origin and cannot be combined with others`)
		}
		c.any = true
		return
	}
	if origin == "null" {
		bad("the null origin is shared by sandboxed documents and file: pages; allowing it allows them all")
	}
	scheme, host, port, ok := splitOrigin(strings.ToLower(origin))
	if !ok {
		bad("an origin is scheme://host[:port], without path, query or trailing slash")
	}
	if rest, wild := strings.CutPrefix(host, "*."); wild {
		if rest == "" || strings.Contains(rest, "*") || !validHost(rest) {
			bad(`"*" may only stand for the leftmost host labels, as https://*.example.com`)
		}
		c.patterns = append(c.patterns, originPattern{scheme: scheme, suffix: "." + rest, port: port})
		return
	}
	if !validHost(host) {
		bad("invalid host")
	}
	if c.exact == nil {
		c.exact = map[string]bool{}
	}
	c.exact[strings.ToLower(origin)] = true
}

// splitOrigin splits "scheme://host[:port]". ok is false for anything with
// a path, query, fragment, user info or an empty part.
func splitOrigin(origin string) (scheme, host, port string, ok bool) {
	scheme, rest, found := strings.Cut(origin, "://")
	if !found || scheme == "" || rest == "" || strings.ContainsAny(rest, "/?#@\\ ") {
		return "", "", "", false
	}
	for i := 0; i < len(scheme); i++ {
		ch := scheme[i]
		if !('a' <= ch && ch <= 'z' || i > 0 && ('0' <= ch && ch <= '9' || ch == '+' || ch == '-' || ch == '.')) {
			return "", "", "", false
		}
	}
	host = rest
	if i := strings.LastIndexByte(rest, ':'); i >= 0 && !strings.HasSuffix(rest, "]") {
		host, port = rest[:i], rest[i+1:]
		if port == "" || len(port) > 5 {
			return "", "", "", false
		}
		for j := 0; j < len(port); j++ {
			if port[j] < '0' || port[j] > '9' {
				return "", "", "", false
			}
		}
	}
	return scheme, host, port, host != ""
}

// validHost reports whether h is a lower-case host name of DNS labels, an
// IPv4 address, or a bracketed IPv6 address.
func validHost(h string) bool {
	if strings.HasPrefix(h, "[") {
		if !strings.HasSuffix(h, "]") || len(h) < 4 {
			return false
		}
		for i := 1; i < len(h)-1; i++ {
			ch := h[i]
			if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || ch == ':' || ch == '.') {
				return false
			}
		}
		return true
	}
	for _, label := range strings.Split(h, ".") {
		if !validLabel(label) {
			return false
		}
	}
	return true
}

func validLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		ch := l[i]
		if !('a' <= ch && ch <= 'z' || '0' <= ch && ch <= '9' || ch == '-' || ch == '_') {
			return false
		}
	}
	return true
}

// joinTokens validates a list of tokens and joins it with ",".
func joinTokens(field string, list []string, def string) string {
	if list == nil {
		return def
	}
	for _, s := range list {
		if !token.Is(s) {
			panic("middleware: CORSOptions." + field + ": " + strconv.Quote(s) + " is not a valid token")
		}
	}
	return strings.Join(list, ",")
}

// allowed reports whether origin may read responses.
func (c *cors) allowed(origin string) bool {
	switch {
	case c.any:
		return true
	case c.fn != nil:
		return c.fn(origin)
	case c.exact[origin]:
		return true
	}
	if len(c.patterns) == 0 {
		return false
	}
	scheme, host, port, ok := splitOrigin(origin)
	if !ok {
		return false
	}
	for _, p := range c.patterns {
		if p.scheme != scheme || p.port != port || len(host) <= len(p.suffix) || !strings.HasSuffix(host, p.suffix) {
			continue
		}
		if validHost(host[:len(host)-len(p.suffix)]) && !strings.HasPrefix(host, "[") {
			return true
		}
	}
	return false
}

// serve sets the CORS headers, answering preflight requests; it reports
// whether the request goes on to the next handler.
func (c *cors) serve(w http.ResponseWriter, r *http.Request) bool {
	h := w.Header()
	var origin string
	if v := r.Header["Origin"]; len(v) > 0 {
		origin = v[0]
	}
	preflight := r.Method == http.MethodOptions && origin != "" && len(r.Header["Access-Control-Request-Method"]) > 0
	// One allocation for every header value set below; each value gets a
	// slice of its own, capped, so no later append can overwrite another.
	vals := make([]string, 0, 8)
	set := func(k, v string) {
		vals = append(vals, v)
		h[k] = vals[len(vals)-1 : len(vals) : len(vals)]
	}
	addVary := func(field string) {
		old := h["Vary"]
		cur := ""
		if len(old) == 1 {
			cur = old[0]
		} else if len(old) > 1 {
			cur = strings.Join(old, ", ")
		}
		if v, _ := vary.Append(cur, field); v != cur || len(old) != 1 {
			set("Vary", v)
		}
	}
	ok := origin != "" && c.allowed(origin)
	if !c.any || preflight {
		addVary("Origin")
	}
	if ok || c.any {
		if c.any {
			set("Access-Control-Allow-Origin", "*")
		} else {
			set("Access-Control-Allow-Origin", origin)
		}
		if c.creds {
			set("Access-Control-Allow-Credentials", "true")
		}
	}
	if !preflight {
		if (ok || c.any) && c.expose != "" {
			set("Access-Control-Expose-Headers", c.expose)
		}
		return true
	}
	if ok {
		set("Access-Control-Allow-Methods", c.methods)
		if c.headers != "" {
			set("Access-Control-Allow-Headers", c.headers)
		} else if req := strings.Join(r.Header["Access-Control-Request-Headers"], ","); req != "" {
			if validTokenList(req) {
				set("Access-Control-Allow-Headers", req)
			}
			addVary("Access-Control-Request-Headers")
		}
		if c.maxAge != "" {
			set("Access-Control-Max-Age", c.maxAge)
		}
	}
	if c.cont {
		return true
	}
	set("Content-Length", "0")
	w.WriteHeader(c.status)
	return false
}

// validTokenList reports whether s is a comma-separated list of tokens.
func validTokenList(s string) bool {
	for part := range strings.SplitSeq(s, ",") {
		if !token.Is(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}
