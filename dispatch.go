package expresso

import (
	"net/http"
	"net/url"
	"unicode/utf8"
	"unsafe"
)

// frame is the dispatch state of one Router a request is in.
type frame struct {
	rt     *Router
	off    int     // where this router's path starts in c.path
	c0, c1 int     // this router's route candidates: c.cands[c0:c1]
	ci     int     // next candidate
	mi     int     // next Use layer: rt.mw[mi]
	parent []Param // the params when the router was entered
	nf     bool    // the router's NotFound handler already ran
}

// cand is a route layer whose pattern matched the path.
type cand struct {
	layer  int
	p0, p1 int   // its params: c.pstore[p0:p1]
	err    error // a parameter that failed to decode (400)
}

// Next passes the request to the next handler: the next handler of the
// current layer, else the next matching middleware or route, falling through
// mounted routers to their parents, and at the very end to the 404 handler.
// It returns the error that the rest of the chain returned, so middleware
// can see (and handle, wrap or log) it. It mirrors Express's next(); use a
// returned [NextRoute] or [NextRouter] for next('route') and next('router'),
// and a returned error for next(err).
func (c *Context) Next() error {
	c.live()
	if c.hi+1 < len(c.chain) {
		c.hi++
		return c.call(c.chain[c.hi])
	}
	return c.nextLayer()
}

// call runs h and interprets what it returns.
func (c *Context) call(h Handler) error {
	depth := len(c.frames) - 1
	err := h(c)
	if err == nil {
		return nil
	}
	switch err {
	case NextRoute:
		return c.nextLayer()
	case NextRouter:
		return c.exitRouter()
	}
	if !sameError(err, c.errVal) {
		c.errVal, c.errDepth = err, depth
	}
	return err
}

// nextLayer finds and runs the next matching layer.
func (c *Context) nextLayer() error {
	for {
		f := &c.frames[len(c.frames)-1]
		rt := f.rt
		li, cd := -1, (*cand)(nil)
		if f.mi < len(rt.mw) {
			li = rt.mw[f.mi]
		}
		if f.ci < f.c1 && (li < 0 || c.cands[f.ci].layer < li) {
			cd = &c.cands[f.ci]
			li = cd.layer
			f.ci++
		} else if li >= 0 {
			f.mi++
		}
		if li < 0 {
			if err, done := c.endRouter(); done {
				return err
			}
			continue
		}
		l := rt.layers[li]
		if cd == nil {
			if err, ran := c.runUse(f, l); ran {
				return err
			}
			continue
		}
		r := l.route
		chain := r.chain(c.mi, c.method)
		if chain == nil {
			if c.mi >= 0 {
				c.allow |= r.allowMask()
			}
			for m := range r.custom {
				c.allowCustom = append(c.allowCustom, m)
			}
			continue
		}
		if cd.err != nil {
			c.errVal, c.errDepth = cd.err, len(c.frames)-1
			return cd.err
		}
		c.off = f.off
		c.setParams(f, c.pstore[cd.p0:cd.p1])
		if err := c.runParams(rt, c.pstore[cd.p0:cd.p1]); err != nil {
			if err == NextRoute {
				continue
			}
			return err
		}
		c.chain, c.hi = chain, 0
		return c.call(chain[0])
	}
}

// runUse runs a Use layer if its prefix matches, reporting whether it ran.
func (c *Context) runUse(f *frame, l *layer) (error, bool) {
	n, p0 := 0, len(c.pstore)
	if l.prefix != nil {
		path := c.routePath(f)
		ok := false
		for i := range l.prefix {
			v := &l.prefix[i]
			if n, ok = v.match(path, c.vals[:]); ok {
				for k, name := range v.names {
					val, err := decodeParam(c.vals[k])
					if err != nil {
						c.errVal, c.errDepth = err, len(c.frames)-1
						return err, true
					}
					c.pstore = append(c.pstore, Param{Key: name, Value: val})
				}
				break
			}
		}
		if !ok {
			return nil, false
		}
	}
	c.off = f.off + n
	own := c.pstore[p0:]
	c.setParams(f, own)
	if err := c.runParams(f.rt, own); err != nil {
		if err == NextRoute {
			return nil, false
		}
		return err, true
	}
	if l.sub != nil {
		return c.enter(l.sub, c.off), true
	}
	c.one[0] = l.handler
	c.chain, c.hi = c.one[:], 0
	return c.call(l.handler), true
}

// setParams makes own the current params, after the parent's when the
// router merges params.
func (c *Context) setParams(f *frame, own []Param) {
	if !f.rt.cfg.MergeParams || len(f.parent) == 0 {
		c.params = own
		return
	}
	p0 := len(c.pstore)
	for _, p := range f.parent {
		if !hasKey(own, p.Key) {
			c.pstore = append(c.pstore, p)
		}
	}
	c.pstore = append(c.pstore, own...)
	c.params = c.pstore[p0:]
}

func hasKey(ps []Param, k string) bool {
	for _, p := range ps {
		if p.Key == k {
			return true
		}
	}
	return false
}

// enter runs the request through a mounted router whose path starts at off,
// then gives errors that arose inside it to its error handlers.
func (c *Context) enter(rt *Router, off int) error {
	depth := len(c.frames)
	c.frames = append(c.frames, frame{rt: rt, off: off, parent: c.params})
	c.lookup(&c.frames[depth])
	err := c.nextLayer()
	if err == nil || isControl(err) || c.errDepth < depth || !sameError(err, c.errVal) {
		return err
	}
	for _, h := range rt.onError {
		if err = h(c, err); err == nil {
			c.errVal = nil
			return nil
		}
	}
	c.errVal, c.errDepth = err, depth-1
	return err
}

// endRouter handles the end of the current router's stack: its NotFound
// handler, else back to the parent, else the end of the request. done
// reports that err is the result of the dispatch.
func (c *Context) endRouter() (err error, done bool) {
	f := &c.frames[len(c.frames)-1]
	if h := f.rt.notFound; h != nil && !f.nf {
		f.nf = true
		c.off = f.off
		c.one[0] = h
		c.chain, c.hi = c.one[:], 0
		return c.call(h), true
	}
	if len(c.frames) == 1 {
		return c.app.end(c), true
	}
	c.cands = c.cands[:f.c0]
	c.params = f.parent
	c.frames = c.frames[:len(c.frames)-1]
	return nil, false
}

// exitRouter leaves the current router and continues in its parent.
func (c *Context) exitRouter() error {
	f := &c.frames[len(c.frames)-1]
	f.mi, f.ci = len(f.rt.mw), f.c1
	if len(c.frames) == 1 {
		return c.app.end(c)
	}
	c.cands = c.cands[:f.c0]
	c.params = f.parent
	c.frames = c.frames[:len(c.frames)-1]
	return c.nextLayer()
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
	f.c0, f.ci = len(c.cands), len(c.cands)
	f.c1 = f.c0
	ix := &f.rt.ix
	if len(ix.trees) == 0 {
		return
	}
	p := c.routePath(f)
	if !f.rt.cfg.Strict && len(p) > 1 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	lp := p
	if ix.ci {
		lp = c.lowerPath(p)
	}
	s := &c.sink
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
			c.raw[i] = p[offsetIn(lp, v) : offsetIn(lp, v)+len(v)]
		}
		for _, v := range s.e.variants {
			c.addCand(v, c.raw[:s.n], ix.ci)
		}
	}
	s.url.Path = ""
	f.c1 = len(c.cands)
	// Candidates from several trees: restore registration order.
	for i := f.c0 + 1; i < f.c1; i++ {
		for j := i; j > f.c0 && c.cands[j].layer < c.cands[j-1].layer; j-- {
			c.cands[j], c.cands[j-1] = c.cands[j-1], c.cands[j]
		}
	}
}

// addCand matches v against the captured raw values and, if it matches,
// appends a candidate with its decoded params.
func (c *Context) addCand(v *variant, raw []string, ci bool) {
	vals := c.vals[:len(v.c.names)]
	k := 0
	for i, d := range v.c.dyn {
		val := raw[i]
		if d.tail {
			val = val[1:] // httprouter keeps the slash before a catch-all
			if val == "" {
				return
			}
		}
		if d.toks == nil {
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
	cd := cand{layer: v.layer, p0: len(c.pstore)}
	for i, name := range v.c.names {
		val, err := decodeParam(vals[i])
		if err != nil && cd.err == nil {
			cd.err = err
		}
		c.pstore = append(c.pstore, Param{Key: name, Value: val})
	}
	cd.p1 = len(c.pstore)
	c.cands = append(c.cands, cd)
}

// decodeParam decodes a parameter as decodeURIComponent; a malformed value
// is a 400, as in Express.
func decodeParam(s string) (string, error) {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			v, err := url.PathUnescape(s)
			if err != nil || !utf8.ValidString(v) {
				return s, &HTTPError{Code: http.StatusBadRequest, Message: "Failed to decode param '" + s + "'", Err: err}
			}
			return v, nil
		}
	}
	return s, nil
}

// lowerPath returns p with ASCII letters lower-cased, in a buffer owned by
// c, or p itself when it has none. The result is valid until the next call.
func (c *Context) lowerPath(p string) string {
	i := 0
	for i < len(p) && !('A' <= p[i] && p[i] <= 'Z') {
		i++
	}
	if i == len(p) {
		return p
	}
	c.lower = append(c.lower[:0], p...)
	for ; i < len(c.lower); i++ {
		if b := c.lower[i]; 'A' <= b && b <= 'Z' {
			c.lower[i] = b + 'a' - 'A'
		}
	}
	return unsafe.String(unsafe.SliceData(c.lower), len(c.lower))
}

// runParams runs the router's Param handlers for the layer's own params,
// once per request per value.
func (c *Context) runParams(rt *Router, own []Param) error {
	if len(rt.params) == 0 {
		return nil
	}
	for _, p := range own {
		done := -1
		for i := range c.paramsDone {
			if c.paramsDone[i].rt == rt && c.paramsDone[i].name == p.Key {
				done = i
			}
		}
		if done >= 0 {
			d := c.paramsDone[done]
			if d.err != nil {
				return d.err
			}
			if d.value == p.Value {
				continue
			}
		}
		for _, pf := range rt.params {
			if pf.name != p.Key {
				continue
			}
			err := pf.fn(c, p.Value)
			if err == NextRoute {
				return err
			}
			if done < 0 {
				c.paramsDone = append(c.paramsDone, paramDone{rt: rt, name: p.Key})
				done = len(c.paramsDone) - 1
			}
			c.paramsDone[done].value, c.paramsDone[done].err = p.Value, err
			if err != nil {
				c.errVal, c.errDepth = err, len(c.frames)-1
				return err
			}
		}
	}
	return nil
}

type paramDone struct {
	rt    *Router
	name  string
	value string
	err   error
}
