package expresso

// dispatch is a request's routing state: the routers it is in (frames,
// innermost last), the route candidates their lookups found, the params,
// the handler chain of the current layer, and the error the request
// carries. It lives in the Context and is reused across requests.
type dispatch struct {
	frames []frame
	top    *frame // &frames[len(frames)-1]
	cands  []cand
	pstore []Param // the params of every candidate and prefix
	params []Param // the current layer's params
	chain  []Handler
	hi     int // the running handler: chain[hi]
	// allow and allowCustom collect the methods of routes that matched the
	// path but not the method, for the 405 and OPTIONS answers.
	allow       uint16
	allowCustom []string
	paramsDone  []paramDone
	// err is the error the request carries until an error handler handles
	// it, and errAt the depth of the router it belongs to: the one whose
	// handler returned it.
	err   error
	errAt int
	// The URL and method the lookups were made for: a middleware that
	// changes them re-routes the rest of the request (see Context.Next).
	upath, raw string
	gen        int // bumped by each re-route; frames looked up before are stale
	inError    int // 1 + the depth of the router whose error handlers run, or 0
}

// reset clears d for the next request, keeping the capacity of its slices.
// The frames beyond the length are left as they are: they hold routers and
// slices of the Context's own buffers, nothing a request owns.
func (d *dispatch) reset() {
	d.frames, d.top, d.cands, d.pstore, d.params = d.frames[:0], nil, d.cands[:0], d.pstore[:0], nil
	d.chain, d.hi, d.allow, d.allowCustom, d.paramsDone = nil, 0, 0, d.allowCustom[:0], d.paramsDone[:0]
	d.err, d.errAt, d.upath, d.raw, d.gen, d.inError = nil, 0, "", "", 0, 0
}

// frame is the dispatch state of one Router a request is in.
type frame struct {
	rt     *Router
	off    int     // where this router's path starts in c.path
	c0, c1 int     // this router's route candidates: cands[c0:c1]
	ci     int     // next candidate
	mi     int     // next Use layer: rt.mw[mi]
	cur    int     // the layer running (or last run), -1 before the first
	gen    int     // the dispatch generation the lookup was made in
	parent []Param // the params when the router was entered
	nf     bool    // the router's NotFound handler already ran
	// allow and custom collect the methods of this router's routes that
	// matched the path but not the method, for its automatic OPTIONS
	// answer (Express answers OPTIONS per router, at the end of its stack).
	allow  uint16
	custom []string
}

// cand is a route layer whose pattern matched the path.
type cand struct {
	layer  int
	p0, p1 int   // its params: pstore[p0:p1]
	err    error // a parameter that failed to decode (400)
}

// fail records err, a non-control error, as arising in the router at depth
// (unless it is the error already carried) and returns it.
func (d *dispatch) fail(err error, depth int) error {
	if err != nil && !isControl(err) && !sameError(err, d.err) {
		d.err, d.errAt = err, depth
	}
	return err
}

// Next passes the request to the next handler: the next handler of the
// current layer, else the next matching middleware or route, falling through
// mounted routers to their parents, and at the very end to the 404 handler.
// It returns the error that the rest of the chain returned, so middleware
// can see (and handle, wrap or log) it. It mirrors Express's next(); use a
// returned [NextRoute] or [NextRouter] for next('route') and next('router'),
// and a returned error for next(err). An error is never lost by discarding
// what Next returned: unless the response was sent, it still reaches the
// error handlers.
//
// As Express re-reads req.url and req.method on each next(), a middleware
// that changed the request's method or URL path (method override, URL
// rewriting) before calling Next routes the rest of the request by the new
// ones; the handlers of the current route still run.
func (c *Context) Next() error {
	c.live()
	if c.detached {
		return c.res.refuse("Next", ErrWriteAfterEnd)
	}
	d := &c.d
	if r := c.req; r.Method != c.method || r.URL.Path != d.upath || r.URL.RawPath != d.raw {
		c.reroute()
	}
	if d.hi+1 < len(d.chain) {
		d.hi++
		return c.call(d.chain[d.hi])
	}
	return c.nextLayer()
}

// call runs h, a handler of the innermost router, and interprets what it
// returns: control values continue the dispatch, errors are recorded as
// arising in that router.
func (c *Context) call(h Handler) error {
	depth := len(c.d.frames) - 1
	err := h(c)
	switch err {
	case nil:
		return nil
	case NextRoute:
		return c.nextLayer()
	case NextRouter:
		return c.exitRouter()
	}
	return c.d.fail(err, depth)
}

// nextLayer is the dispatch loop: it finds the next layer of the innermost
// router that applies to the request, a Use layer or a matching route,
// whichever was registered first, and runs it; at the end of a router's
// stack it goes on in the parent, and at the end of the App's it answers
// 404 (or 405, or OPTIONS).
func (c *Context) nextLayer() error {
	d := &c.d
	for {
		f := d.top
		rt := f.rt
		li := len(rt.layers) // the end of the stack
		if f.mi < len(rt.mw) {
			li = rt.mw[f.mi]
		}
		if f.ci < f.c1 && d.cands[f.ci].layer < li {
			cd := &d.cands[f.ci]
			f.ci++
			f.cur = cd.layer
			if err, done := c.runRoute(f, cd); done {
				return err
			}
			continue
		}
		if li == len(rt.layers) {
			if err, done := c.endRouter(f); done {
				return err
			}
			continue
		}
		f.mi++
		f.cur = li
		l := rt.layers[li]
		if l.plain {
			c.off = f.off
			c.setParams(f, nil)
			d.chain, d.hi = nil, 0
			return c.call(l.handler)
		}
		if err, done := c.runUse(f, l); done {
			return err
		}
	}
}

// runRoute runs the route of cd if it handles the method, after the
// router's Param handlers; done reports that err is the dispatch's result.
func (c *Context) runRoute(f *frame, cd *cand) (err error, done bool) {
	d := &c.d
	if cd.err != nil {
		// A parameter that cannot be decoded is an error whatever the
		// method, as Express's layer match fails before the method test.
		return d.fail(cd.err, len(d.frames)-1), true
	}
	rt := f.rt
	r := rt.layers[cd.layer].route
	chain := r.chain(c.mi, c.method)
	if chain == nil {
		m := r.allowMask()
		d.allow |= m
		f.allow |= m
		for name := range r.custom {
			d.allowCustom = append(d.allowCustom, name)
			f.custom = append(f.custom, name)
		}
		return nil, false
	}
	c.off = f.off
	own := d.pstore[cd.p0:cd.p1]
	c.setParams(f, own)
	if res, done, run := c.afterParams(c.runParams(rt, own)); !run {
		return res, done
	}
	d.chain, d.hi = chain, 0
	return c.call(chain[0]), true
}

// runUse runs a Use layer with a prefix or a mounted router, if its prefix
// matches; done reports that err is the dispatch's result.
func (c *Context) runUse(f *frame, l *layer) (err error, done bool) {
	d := &c.d
	n, p0 := 0, len(d.pstore)
	if l.prefix != nil {
		ok := false
		if n, ok, err = c.matchPrefix(f, l); err != nil {
			return d.fail(err, len(d.frames)-1), true
		}
		if !ok {
			return nil, false
		}
	}
	c.off = f.off + n
	own := d.pstore[p0:]
	c.setParams(f, own)
	if res, done, run := c.afterParams(c.runParams(f.rt, own)); !run {
		return res, done
	}
	if l.sub != nil {
		return c.enter(l.sub, c.off), true
	}
	d.chain, d.hi = nil, 0
	return c.call(l.handler), true
}

// afterParams interprets what a layer's Param handlers returned: run
// reports that the layer runs; otherwise result and done are the dispatch
// loop's (NextRoute skips the layer, NextRouter leaves the router, an error
// ends the dispatch).
func (c *Context) afterParams(err error) (result error, done, run bool) {
	switch err {
	case nil:
		return nil, false, true
	case NextRoute:
		return nil, false, false
	case NextRouter:
		return c.exitRouter(), true, false
	}
	return err, true, false
}

// matchPrefix matches l's prefix against the path of f's router, storing
// its decoded params in pstore; n is the length of the matched prefix.
func (c *Context) matchPrefix(f *frame, l *layer) (n int, ok bool, err error) {
	path := c.routePath(f)
	for i := range l.prefix {
		v := &l.prefix[i]
		if n, ok = v.match(path, c.scr.vals[:]); !ok {
			continue
		}
		for k, name := range v.names {
			val, err := decodeParam(c.scr.vals[k])
			if err != nil {
				return 0, false, err
			}
			c.d.pstore = append(c.d.pstore, Param{Key: name, Value: val})
		}
		return n, true, nil
	}
	return 0, false, nil
}

// setParams makes own the current params, merged over the parent's when
// the router merges params. The order is that of Express's merged object:
// the parent's keys first (taking the child's value on a conflict), then the
// child's other keys.
func (c *Context) setParams(f *frame, own []Param) {
	d := &c.d
	if !f.rt.cfg.MergeParams || len(f.parent) == 0 {
		d.params = own
		return
	}
	p0 := len(d.pstore)
	for _, p := range f.parent {
		if i := keyIndex(own, p.Key); i >= 0 {
			p.Value = own[i].Value
		}
		d.pstore = append(d.pstore, p)
	}
	for _, p := range own {
		if keyIndex(f.parent, p.Key) < 0 {
			d.pstore = append(d.pstore, p)
		}
	}
	d.params = d.pstore[p0:]
}

func keyIndex(ps []Param, k string) int {
	for i, p := range ps {
		if p.Key == k {
			return i
		}
	}
	return -1
}
