package expresso

import (
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"

	"github.com/julienschmidt/httprouter"
)

// anyMethod is the only method the internal httprouter trees know: methods
// are matched by the routes themselves, in registration order.
const anyMethod = "ANY"

// variant is one compiled form of a route's pattern, owned by a layer.
type variant struct {
	c     compiled
	layer int
}

// entry is every variant that shares one httprouter path.
type entry struct {
	variants []*variant
	maxVals  int
}

// tree is one httprouter tree. Patterns that httprouter cannot hold in one
// tree (a static segment beside a parameter, "/users/new" beside
// "/users/:id") go to the next tree, so every Express pattern can be
// registered; a lookup asks each tree.
type tree struct {
	r     *httprouter.Router
	paths []string
}

// index finds the routes of one Router that match a path.
type index struct {
	trees   []*tree
	entries map[string]*entry
	ci      bool
	static  atomic.Pointer[staticTable] // nil until built, and after a change
}

// add registers v under its httprouter path.
func (ix *index) add(v *variant) {
	ix.static.Store(nil)
	if ix.entries == nil {
		ix.entries = make(map[string]*entry)
	}
	hr := v.c.hrPath
	if e, ok := ix.entries[hr]; ok {
		e.variants = append(e.variants, v)
		e.maxVals = max(e.maxVals, len(v.c.dyn))
		return
	}
	e := &entry{variants: []*variant{v}, maxVals: len(v.c.dyn)}
	ix.entries[hr] = e
	for _, t := range ix.trees {
		if ix.tryAdd(t, hr) {
			return
		}
	}
	t := ix.newTree(nil)
	if !ix.tryAdd(t, hr) {
		panic("expresso: cannot route pattern for " + hr)
	}
	ix.trees = append(ix.trees, t)
}

// tryAdd adds the path to t, or leaves t as it was and reports false when
// httprouter refuses it.
func (ix *index) tryAdd(t *tree, hr string) (ok bool) {
	defer func() {
		if recover() != nil {
			// httprouter may have split nodes before refusing: rebuild.
			*t = *ix.newTree(t.paths)
			ok = false
		}
	}()
	t.r.Handle(anyMethod, hr, ix.handle(ix.entries[hr]))
	t.paths = append(t.paths, hr)
	return true
}

func (ix *index) newTree(paths []string) *tree {
	r := httprouter.New()
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	r.HandleMethodNotAllowed = false
	r.HandleOPTIONS = false
	r.NotFound = http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	t := &tree{r: r}
	for _, p := range paths {
		r.Handle(anyMethod, p, ix.handle(ix.entries[p]))
		t.paths = append(t.paths, p)
	}
	return t
}

// handle returns the httprouter handle for e: it hands the match to the
// lookup sink, which is the "ResponseWriter" of the lookup.
func (ix *index) handle(e *entry) httprouter.Handle {
	return func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		s := w.(*sink)
		s.e = e
		s.n = copy(s.vals[:], ps)
	}
}

// maxHRParams bounds the parameters one pattern may have.
const maxHRParams = 32

// sink receives one tree's match. It implements http.ResponseWriter only so
// that httprouter's allocation-free ServeHTTP path can deliver the match.
type sink struct {
	e    *entry
	vals [maxHRParams]httprouter.Param
	n    int
	req  http.Request
	url  url.URL
}

func (*sink) Header() http.Header         { return nil }
func (*sink) Write(p []byte) (int, error) { return len(p), nil }
func (*sink) WriteHeader(int)             {}

// offsetIn returns the offset of sub within s; sub must be a substring of s.
func offsetIn(s, sub string) int {
	return int(uintptr(unsafe.Pointer(unsafe.StringData(sub))) - uintptr(unsafe.Pointer(unsafe.StringData(s))))
}

// routePath returns the path as the router of f sees it.
func (c *Context) routePath(f *frame) string {
	if f.off >= len(c.path) {
		return "/"
	}
	return c.path[f.off:]
}

// lookup finds the route layers of f's router whose patterns match.
func (c *Context) lookup(f *frame) {
	d := &c.d
	f.c0, f.ci = len(d.cands), len(d.cands)
	f.c1 = f.c0
	ix := &f.rt.ix
	if len(ix.trees) == 0 {
		return
	}
	full := c.routePath(f)
	p := full
	if !f.rt.cfg.Strict && len(p) > 1 && p[len(p)-1] == '/' {
		p = p[:len(p)-1] // a non-strict route takes one trailing slash
	}
	lp := p
	if ix.ci {
		lp = c.lowerPath(p)
	}
	s := &c.scr.sink
	if cs, ok := ix.statics(s).find(lp); ok {
		c.d.cands = append(c.d.cands, cs...)
		f.c1 = len(d.cands)
		return
	}
	s.url.Path = lp
	s.req.URL, s.req.Method = &s.url, anyMethod
	for _, t := range ix.trees {
		s.e, s.n = nil, 0
		t.r.ServeHTTP(s, &s.req)
		if s.e == nil {
			continue
		}
		for i := 0; i < s.n; i++ {
			v := s.vals[i].Value
			c.scr.raw[i] = p[offsetIn(lp, v) : offsetIn(lp, v)+len(v)]
		}
		for _, v := range s.e.variants {
			if len(v.c.dyn) == 0 {
				// A static pattern: it matches, without params.
				c.pushCand(v.layer, len(d.pstore), nil)
				continue
			}
			c.addCand(v, c.scr.raw[:s.n], ix.ci, full, len(p) < len(full))
		}
	}
	s.url.Path = ""
	f.c1 = len(d.cands)
	if len(ix.trees) == 1 {
		return // one tree matches one entry, whose variants are in order
	}
	// Candidates from several trees: restore registration order.
	for i := f.c0 + 1; i < f.c1; i++ {
		for j := i; j > f.c0 && d.cands[j].layer < d.cands[j-1].layer; j-- {
			d.cands[j], d.cands[j-1] = d.cands[j-1], d.cands[j]
		}
	}
}

// addCand matches v against the captured raw values (substrings of full,
// the path) and, if it matches, appends a candidate with its decoded
// params. trimmed reports that full's trailing slash was dropped for the
// lookup: a wildcard that ends the pattern takes it back, as
// path-to-regexp's greedy wildcard does ("/files/*rest" on "/files/a/"
// gives "a/").
func (c *Context) addCand(v *variant, raw []string, ci bool, full string, trimmed bool) {
	vals := c.scr.vals[:len(v.c.names)]
	k := 0
	for i, d := range v.c.dyn {
		val := raw[i]
		if d.tail {
			val = val[1:] // httprouter keeps the slash before a catch-all
			if val == "" {
				return
			}
			if trimmed && (d.toks == nil || d.toks[len(d.toks)-1].kind == tokWild) {
				o := offsetIn(full, val)
				val = full[o : o+len(val)+1]
			}
		}
		if d.toks == nil {
			if val == "" {
				// httprouter lets a parameter match an empty segment
				// ("//evil.com" against "/:a/:b"); Express's [^/]+ does not.
				return
			}
			vals[k] = val
			k++
			continue
		}
		n := 0
		for _, t := range d.toks {
			if t.kind != tokText {
				n++
			}
		}
		if !matchRegion(d.toks, val, ci, vals[k:k+n]) {
			return
		}
		k += n
	}
	var derr error
	p0 := len(c.d.pstore)
	for i, name := range v.c.names {
		val, err := decodeParam(vals[i])
		if err != nil && derr == nil {
			derr = err
		}
		c.d.pstore = append(c.d.pstore, Param{Key: name, Value: val})
	}
	c.pushCand(v.layer, p0, derr)
}

// pushCand appends the candidate for layer, whose params are c.pstore[p0:].
// It fills the slot in place: copying a cand built on the stack costs a
// store-forwarding stall.
func (c *Context) pushCand(layer, p0 int, err error) {
	d := &c.d
	d.cands = append(d.cands, cand{})
	cd := &d.cands[len(d.cands)-1]
	cd.layer, cd.p0, cd.p1, cd.err = layer, p0, len(d.pstore), err
}

// decodeParam decodes a parameter as decodeURIComponent; a malformed value
// is a 400, as in Express. A wildcard's value is decoded segment by segment
// there, so the message names the segment that failed.
func decodeParam(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	if v, ok := unescapeParam(s); ok {
		return v, nil
	}
	bad := s
	for seg := range strings.SplitSeq(s, "/") {
		if _, ok := unescapeParam(seg); !ok {
			bad = seg
			break
		}
	}
	return s, &HTTPError{Code: http.StatusBadRequest, Message: "Failed to decode param '" + bad + "'"}
}

// unescapeParam percent-decodes s, reporting false when the escapes are
// malformed or the result is not UTF-8 (decodeURIComponent's URIError).
func unescapeParam(s string) (string, bool) {
	v, err := url.PathUnescape(s)
	return v, err == nil && utf8.ValidString(v)
}

// pathOf returns the path the router matches: the request target's path
// exactly as the client sent it (Express matches parseurl's raw pathname,
// so an escaped "/" stays inside its segment and a 404 names the path as
// sent), without the query and any fragment. A request built in Go without
// a RequestURI, and one a middleware re-routed (fromWire false), use the
// URL's escaped path.
func pathOf(r *http.Request, fromWire bool) string {
	if u := r.RequestURI; fromWire && len(u) > 0 && u[0] == '/' {
		for i := 1; i < len(u); i++ {
			if u[i] == '?' || u[i] == '#' {
				return u[:i]
			}
		}
		return u
	}
	if p := r.URL.EscapedPath(); p != "" {
		return p
	}
	return "/"
}

// lowerPath returns p, a part of c.path, with ASCII letters lower-cased, in
// a buffer owned by c, or p itself when it has none. The result is valid
// until the next call.
func (c *Context) lowerPath(p string) string {
	i := 0
	for i < len(p) && !('A' <= p[i] && p[i] <= 'Z') {
		i++
	}
	if i == len(p) {
		return p
	}
	c.scr.lower = append(c.scr.lower[:0], p...)
	for ; i < len(c.scr.lower); i++ {
		if b := c.scr.lower[i]; 'A' <= b && b <= 'Z' {
			c.scr.lower[i] = b + 'a' - 'A'
		}
	}
	return unsafe.String(unsafe.SliceData(c.scr.lower), len(c.scr.lower))
}
