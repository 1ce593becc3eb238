package expresso

import "net/http"

// frame is the dispatch state of one Router a request is in.
type frame struct {
	rt     *Router
	off    int     // where this router's path starts in c.path
	c0, c1 int     // this router's route candidates: c.cands[c0:c1]
	ci     int     // next candidate
	mi     int     // next Use layer: rt.mw[mi]
	parent []Param // the params when the router was entered
	nf     bool    // the router's NotFound handler already ran
	simple bool    // the router has no Param handlers and merges no params
	// allow and custom collect the methods of this router's routes that
	// matched the path but not the method, for its automatic OPTIONS
	// answer (Express answers OPTIONS per router, at the end of its stack).
	allow  uint16
	custom []string
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
	if c.detached {
		return c.res.refuse("Next", ErrWriteAfterEnd)
	}
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

// nextLayer finds and runs the next matching layer. The common cases, a
// plain middleware or a route that handles the method in a router without
// Param handlers or merged params, take a short path; everything else goes
// through the general loop.
func (c *Context) nextLayer() error {
	f := c.top
	if !f.simple {
		return c.nextLayerLoop()
	}
	rt := f.rt
	li := -1
	if f.mi < len(rt.mw) {
		li = rt.mw[f.mi]
	}
	if f.ci < f.c1 && (li < 0 || c.cands[f.ci].layer < li) {
		cd := &c.cands[f.ci]
		if cd.err != nil {
			return c.nextLayerLoop()
		}
		chain := rt.layers[cd.layer].route.chain(c.mi, c.method)
		if chain == nil {
			return c.nextLayerLoop()
		}
		f.ci++
		c.off, c.params = f.off, c.pstore[cd.p0:cd.p1]
		c.chain, c.hi = chain, 0
		return c.call(chain[0])
	}
	if li < 0 {
		return c.nextLayerLoop()
	}
	l := rt.layers[li]
	if l.prefix != nil || l.sub != nil {
		return c.nextLayerLoop()
	}
	f.mi++
	c.off, c.hi = f.off, 0
	// Skip the pointer writes (and their write barriers) when a chain of
	// middleware leaves these as they were.
	if c.params != nil {
		c.params = nil
	}
	if c.chain != nil {
		c.chain = nil // one handler: Next goes to the next layer
	}
	return c.call(l.handler)
}

// nextLayerLoop is the general form of nextLayer.
func (c *Context) nextLayerLoop() error {
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
			if l.prefix == nil && l.sub == nil && len(rt.params) == 0 && !rt.cfg.MergeParams {
				// The common middleware: no prefix, no params to run.
				c.off, c.params = f.off, nil
				c.chain, c.hi = nil, 0
				return c.call(l.handler)
			}
			if err, ran := c.runUse(f, l); ran {
				return err
			}
			continue
		}
		if cd.err != nil {
			// A parameter that cannot be decoded is an error whatever the
			// method, as Express's layer match fails before the method test.
			c.errVal, c.errDepth = cd.err, len(c.frames)-1
			return cd.err
		}
		r := l.route
		chain := r.chain(c.mi, c.method)
		if chain == nil {
			m := r.allowMask()
			c.allow |= m
			f.allow |= m
			for name := range r.custom {
				c.allowCustom = append(c.allowCustom, name)
				f.custom = append(f.custom, name)
			}
			continue
		}
		c.off = f.off
		own := c.pstore[cd.p0:cd.p1]
		if rt.cfg.MergeParams {
			c.setParams(f, own)
		} else {
			c.params = own
		}
		if len(rt.params) > 0 {
			if err := c.runParams(rt, own); err != nil {
				switch err {
				case NextRoute:
					continue
				case NextRouter:
					return c.exitRouter()
				}
				return err
			}
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
			if n, ok = v.match(path, c.scr.vals[:]); ok {
				for k, name := range v.names {
					val, err := decodeParam(c.scr.vals[k])
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
		switch err {
		case NextRoute:
			return nil, false
		case NextRouter:
			return c.exitRouter(), true
		}
		return err, true
	}
	if l.sub != nil {
		return c.enter(l.sub, c.off), true
	}
	c.chain, c.hi = nil, 0
	return c.call(l.handler), true
}

// setParams makes own the current params, merged over the parent's when
// the router merges params. The order is that of Express's merged object:
// the parent's keys first (taking the child's value on a conflict), then the
// child's other keys.
func (c *Context) setParams(f *frame, own []Param) {
	if !f.rt.cfg.MergeParams || len(f.parent) == 0 {
		c.params = own
		return
	}
	p0 := len(c.pstore)
	for _, p := range f.parent {
		if i := keyIndex(own, p.Key); i >= 0 {
			p.Value = own[i].Value
		}
		c.pstore = append(c.pstore, p)
	}
	for _, p := range own {
		if keyIndex(f.parent, p.Key) < 0 {
			c.pstore = append(c.pstore, p)
		}
	}
	c.params = c.pstore[p0:]
}

func keyIndex(ps []Param, k string) int {
	for i, p := range ps {
		if p.Key == k {
			return i
		}
	}
	return -1
}

// enter runs the request through a mounted router whose path starts at off,
// then gives errors that arose inside it to its error handlers.
func (c *Context) enter(rt *Router, off int) error {
	depth := len(c.frames)
	parent := c.params
	// Fill the frame in place: copying a frame built on the stack costs a
	// store-forwarding stall on every request.
	if depth < cap(c.frames) {
		c.frames = c.frames[:depth+1]
	} else {
		c.frames = append(c.frames, frame{})
	}
	f := &c.frames[depth]
	c.top = f
	f.rt, f.off, f.parent = rt, off, parent
	f.mi, f.nf, f.allow, f.custom = 0, false, 0, f.custom[:0]
	f.simple = len(rt.params) == 0 && !rt.cfg.MergeParams
	c.lookup(f)
	err := c.nextLayer()
	if err == nil || isControl(err) || c.errDepth < depth || !sameError(err, c.errVal) {
		return err
	}
	if len(rt.onError) > 0 {
		// The error handlers see the request as the router does, as
		// Express's router-level error middleware: the path relative to
		// its mount point, and params only when it merges the parent's.
		c.off, c.params = off, nil
		if rt.cfg.MergeParams {
			c.params = parent
		}
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
// handler (unless the response was already committed, when there is
// nothing left to answer), else (for a mounted router) its automatic
// OPTIONS answer, else back to the parent, else the end of the request.
// done reports that err is the result of the dispatch.
func (c *Context) endRouter() (err error, done bool) {
	f := &c.frames[len(c.frames)-1]
	if h := f.rt.notFound; h != nil && !f.nf && c.res.state == Head {
		f.nf = true
		c.off = f.off
		c.setParams(f, nil)
		c.chain, c.hi = nil, 0
		return c.call(h), true
	}
	if len(c.frames) == 1 {
		return c.app.end(c), true
	}
	if c.mi == mOptions && (f.allow != 0 || len(f.custom) > 0) && c.res.state == Head {
		return c.answerOptions(f.allow, f.custom), true
	}
	c.pop(f)
	return nil, false
}

// exitRouter leaves the current router and continues in its parent, for
// [NextRouter]. Leaving the App's router ends in its 404 handler (its
// NotFound handler if it has one).
func (c *Context) exitRouter() error {
	f := &c.frames[len(c.frames)-1]
	f.mi, f.ci = len(f.rt.mw), f.c1
	if len(c.frames) == 1 {
		return c.nextLayer()
	}
	if c.mi == mOptions && (f.allow != 0 || len(f.custom) > 0) && c.res.state == Head {
		return c.answerOptions(f.allow, f.custom)
	}
	c.pop(f)
	return c.nextLayer()
}

// pop leaves the router of f, the innermost frame.
func (c *Context) pop(f *frame) {
	c.cands = c.cands[:f.c0]
	c.params = f.parent
	c.frames = c.frames[:len(c.frames)-1]
	c.top = &c.frames[len(c.frames)-1]
}

// answerOptions is Express's automatic OPTIONS answer: 200 with the sorted
// methods in Allow and as a text/plain body (no charset).
func (c *Context) answerOptions(mask uint16, custom []string) error {
	allow := allowHeader(mask, custom)
	h := c.res.Header()
	h["Allow"] = c.hv(allow)
	h["Content-Type"] = c.hv(ctTextPlainNoCharset)
	h["X-Content-Type-Options"] = c.hv(nosniff)
	return c.wholeString("OPTIONS", http.StatusOK, allow)
}

// runParams runs the router's Param handlers for the layer's own params,
// in pattern order, as Express's process_params: once per request per
// value. A value seen before is skipped, and so is a layer whose earlier
// call with the same value returned [NextRoute]; an error is remembered and
// returned to every later layer declaring the parameter, whatever its value.
func (c *Context) runParams(rt *Router, own []Param) error {
	if len(rt.params) == 0 {
		return nil
	}
	for _, p := range own {
		if !rt.hasParam(p.Key) {
			continue
		}
		done := -1
		for i := range c.paramsDone {
			if c.paramsDone[i].rt == rt && c.paramsDone[i].name == p.Key {
				done = i
				break
			}
		}
		if done >= 0 {
			d := c.paramsDone[done]
			if d.value == p.Value || d.err != nil && d.err != NextRoute {
				if d.err == nil {
					continue
				}
				if !isControl(d.err) {
					c.errVal, c.errDepth = d.err, len(c.frames)-1
				}
				return d.err
			}
		} else {
			c.paramsDone = append(c.paramsDone, paramDone{rt: rt, name: p.Key})
			done = len(c.paramsDone) - 1
		}
		c.paramsDone[done].value, c.paramsDone[done].err = p.Value, nil
		for _, pf := range rt.params {
			if pf.name != p.Key {
				continue
			}
			if err := pf.fn(c, p.Value); err != nil {
				c.paramsDone[done].err = err
				if !isControl(err) {
					c.errVal, c.errDepth = err, len(c.frames)-1
				}
				return err
			}
		}
	}
	return nil
}

// hasParam reports whether the router has Param handlers for name.
func (rt *Router) hasParam(name string) bool {
	for _, pf := range rt.params {
		if pf.name == name {
			return true
		}
	}
	return false
}

type paramDone struct {
	rt    *Router
	name  string
	value string
	err   error
}
