package expresso

import "net/http"

// enter runs the request through a router whose path starts at off (the
// App's router at 0, a mounted one at the end of its prefix), then gives
// the error that arose inside it, if any, to its error handlers.
func (c *Context) enter(rt *Router, off int) error {
	d := &c.d
	depth := len(d.frames)
	parent := d.params
	// Fill the frame in place: copying a frame built on the stack costs a
	// store-forwarding stall on every request.
	if depth < cap(d.frames) {
		d.frames = d.frames[:depth+1]
	} else {
		d.frames = append(d.frames, frame{})
	}
	f := &d.frames[depth]
	d.top = f
	f.rt, f.off, f.parent, f.cur, f.gen = rt, off, parent, -1, d.gen
	f.mi, f.nf, f.allow, f.custom = 0, false, 0, f.custom[:0]
	c.lookup(f)
	err := c.nextLayer()
	if err == nil {
		if d.err == nil || d.errAt < depth {
			return nil
		}
		if c.res.state != Head {
			d.err = nil // handled: a middleware answered and returned nil
			return nil
		}
		// A middleware dropped what Next returned and nothing answered:
		// the error still reaches the error handlers, as next(err) does.
		err = d.err
	} else if isControl(err) || d.errAt < depth {
		// Not this router's: it arose in a parent's layer the request
		// fell through to.
		return err
	}
	if depth >= len(d.frames) {
		return err // the router was left by a re-route
	}
	return c.routerError(depth, err)
}

// routerError gives err to the error handlers of the router at depth,
// returning nil when one handled it, else the error to pass on, which then
// belongs to the parent router.
func (c *Context) routerError(depth int, err error) error {
	d := &c.d
	f := &d.frames[depth]
	rt := f.rt
	if len(rt.onError) > 0 {
		// The error handlers see the request as the router does, as
		// Express's router-level error middleware: the path relative to
		// its mount point, and params only when it merges the parent's.
		c.off, d.params = f.off, nil
		if rt.cfg.MergeParams {
			d.params = f.parent
		}
	}
	d.inError = depth + 1
	for _, h := range rt.onError {
		if err = h(c, err); err == nil {
			break
		}
	}
	d.inError = 0
	if err == nil {
		d.err = nil
		return nil
	}
	d.err, d.errAt = err, depth-1
	return err
}

// panicked gives a panic's error to the error handlers, from the innermost
// router out (skipping the one whose error handler panicked), as a thrown
// error reaches Express's error middleware. It returns what none handled;
// a panic in an error handler here goes straight to the default handler.
func (c *Context) panicked(err error) (out error) {
	d := &c.d
	start := len(d.frames) - 1
	if d.inError > 0 {
		start = d.inError - 2
	}
	d.inError = 0
	defer func() {
		if v := recover(); v != nil {
			out = panicError(v)
		}
	}()
	for depth := start; depth >= 0; depth-- {
		if err = c.routerError(depth, err); err == nil {
			return nil
		}
	}
	return err
}

// endRouter handles the end of the innermost router's stack: its NotFound
// handler (unless the response was already committed, when there is
// nothing left to answer), else at the top the App's final answer, else
// (for a mounted router) its automatic OPTIONS answer, else back to the
// parent. done reports that err is the result of the dispatch.
func (c *Context) endRouter(f *frame) (err error, done bool) {
	d := &c.d
	if h := f.rt.notFound; h != nil && !f.nf && c.res.state == Head {
		f.nf = true
		c.off = f.off
		c.setParams(f, nil)
		d.chain, d.hi = nil, 0
		return c.call(h), true
	}
	if len(d.frames) == 1 {
		return c.app.end(c), true
	}
	if c.mi == mOptions && (f.allow != 0 || len(f.custom) > 0) && c.res.state == Head {
		return d.fail(c.answerOptions(f.allow, f.custom), len(d.frames)-1), true
	}
	c.pop(f)
	return nil, false
}

// exitRouter leaves the current router and continues in its parent, for
// [NextRouter]. Leaving the App's router ends in its 404 handler (its
// NotFound handler if it has one).
func (c *Context) exitRouter() error {
	d := &c.d
	f := d.top
	f.mi, f.ci = len(f.rt.mw), f.c1
	if len(d.frames) == 1 {
		return c.nextLayer()
	}
	if c.mi == mOptions && (f.allow != 0 || len(f.custom) > 0) && c.res.state == Head {
		return d.fail(c.answerOptions(f.allow, f.custom), len(d.frames)-1)
	}
	c.pop(f)
	return c.nextLayer()
}

// pop leaves the router of f, the innermost frame. The parent looks its
// routes up again if the request was re-routed meanwhile.
func (c *Context) pop(f *frame) {
	d := &c.d
	d.cands = d.cands[:f.c0]
	d.params = f.parent
	d.frames = d.frames[:len(d.frames)-1]
	d.top = &d.frames[len(d.frames)-1]
	if d.top.gen != d.gen {
		c.relookup(d.top)
	}
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

// reroute follows a change of the request's method or URL made by a
// middleware: the path and method are taken again, the routers whose mount
// prefix the new path no longer has are left, and each router still
// entered looks its routes up again, keeping only those registered after
// the layer it is at.
func (c *Context) reroute() {
	d := &c.d
	r := c.req
	c.method, c.mi = r.Method, methodIndex(r.Method)
	if r.URL.Path != d.upath || r.URL.RawPath != d.raw {
		old := c.path
		c.path = pathOf(r, false)
		d.upath, d.raw = r.URL.Path, r.URL.RawPath
		for len(d.frames) > 1 && !samePrefix(old, c.path, d.top.off) {
			f := d.top
			d.cands = d.cands[:f.c0]
			d.params = f.parent
			d.frames = d.frames[:len(d.frames)-1]
			d.top = &d.frames[len(d.frames)-1]
		}
	}
	d.gen++
	c.relookup(d.top)
}

// samePrefix reports whether the new path still has old's first off bytes
// as a whole prefix (ending at a segment boundary).
func samePrefix(old, new string, off int) bool {
	return len(new) >= off && new[:off] == old[:off] && (len(new) == off || new[off] == '/')
}

// relookup redoes f's route lookup for the current path, keeping the
// candidates registered after the layer f is at.
func (c *Context) relookup(f *frame) {
	d := &c.d
	d.cands = d.cands[:f.c0]
	c.lookup(f)
	for f.ci < f.c1 && d.cands[f.ci].layer <= f.cur {
		f.ci++
	}
	f.gen = d.gen
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
	d := &c.d
	depth := len(d.frames) - 1
	for _, p := range own {
		if !rt.hasParam(p.Key) {
			continue
		}
		done := -1
		for i := range d.paramsDone {
			if d.paramsDone[i].rt == rt && d.paramsDone[i].name == p.Key {
				done = i
				break
			}
		}
		if done >= 0 {
			pd := d.paramsDone[done]
			if pd.value == p.Value || pd.err != nil && pd.err != NextRoute {
				if pd.err == nil {
					continue
				}
				return d.fail(pd.err, depth)
			}
		} else {
			d.paramsDone = append(d.paramsDone, paramDone{rt: rt, name: p.Key})
			done = len(d.paramsDone) - 1
		}
		d.paramsDone[done].value, d.paramsDone[done].err = p.Value, nil
		for _, pf := range rt.params {
			if pf.name != p.Key {
				continue
			}
			if err := pf.fn(c, p.Value, p.Key); err != nil {
				d.paramsDone[done].err = err
				return d.fail(err, depth)
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
