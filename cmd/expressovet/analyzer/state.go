package analyzer

import (
	"go/token"
	"go/types"
)

// event is a call that sends, or may send, the response of a Context.
type event struct {
	pos  token.Pos
	what string // "c.JSON", "renderUser"
}

// condKind says on which result a helper sends.
type condKind int

const (
	condAlways condKind = iota // whatever it returns
	condFalse                  // only when its bool result is false
	condTrue                   // only when its bool result is true
	condErr                    // only when its error result is non-nil
	condNilErr                 // only when its error result is nil
)

func (k condKind) String() string {
	switch k {
	case condFalse:
		return " if false"
	case condTrue:
		return " if true"
	case condErr:
		return " if err != nil"
	case condNilErr:
		return " if err == nil"
	}
	return ""
}

// pending is a send that happened only if a result turns out one way: the
// helper call is resolved by the condition that tests its result.
type pending struct {
	v    *types.Var // the Context
	ev   *event
	when condKind
}

// state is what is known at one point of a function: which Contexts may
// have been sent, which sends hang on a result not yet tested, and which
// deferred calls will touch a Context when the function returns.
type state struct {
	sent     map[*types.Var]*event
	pend     map[any]pending // keyed by the result variable, or the *ast.CallExpr in a condition
	deferred map[*types.Var]*event
	flags    map[types.Object]boolFlag // bool variables set after a send: sent = true
}

// boolFlag says that wherever its Context may have been sent, a bool
// variable holds value: found := true after a send lets if !found
// { … } know nothing was sent.
type boolFlag struct {
	v     *types.Var
	value bool
}

func newState() *state {
	return &state{sent: map[*types.Var]*event{}, pend: map[any]pending{}, deferred: map[*types.Var]*event{},
		flags: map[types.Object]boolFlag{}}
}

// mayBeSent reports whether v may have been sent, or hangs on a result.
func (s *state) mayBeSent(v *types.Var) bool {
	if _, ok := s.sent[v]; ok {
		return true
	}
	for _, p := range s.pend {
		if p.v == v {
			return true
		}
	}
	return false
}

// clear records that v was not sent.
func (s *state) clear(v *types.Var) {
	delete(s.sent, v)
	for k, p := range s.pend {
		if p.v == v {
			delete(s.pend, k)
		}
	}
	for x, fl := range s.flags {
		if fl.v == v {
			delete(s.flags, x)
		}
	}
}

// newSend drops the flags of v: they were set before this send.
func (s *state) newSend(v *types.Var) {
	for x, fl := range s.flags {
		if fl.v == v {
			delete(s.flags, x)
		}
	}
}

func (s *state) clone() *state {
	c := newState()
	for k, v := range s.sent {
		c.sent[k] = v
	}
	for k, v := range s.pend {
		c.pend[k] = v
	}
	for k, v := range s.deferred {
		c.deferred[k] = v
	}
	for k, v := range s.flags {
		c.flags[k] = v
	}
	return c
}

// join merges o into s and reports whether s changed. Of two events for
// one Context the earlier one is kept, so the result does not depend on
// the order blocks are visited.
func (s *state) join(o *state) bool {
	changed := s.joinFlags(o) // before the sends merge: it asks each side
	if joinEvents(s.sent, o.sent) {
		changed = true
	}
	if joinEvents(s.deferred, o.deferred) {
		changed = true
	}
	for k, p := range o.pend {
		if q, ok := s.pend[k]; !ok || p.ev.pos < q.ev.pos {
			s.pend[k] = p
			changed = true
		}
	}
	return changed
}

// joinFlags keeps a flag where every side that may have sent its
// Context holds it with the same value.
func (s *state) joinFlags(o *state) bool {
	changed := false
	for x, fl := range o.flags {
		if _, ok := s.flags[x]; !ok && !s.mayBeSent(fl.v) {
			s.flags[x] = fl
			changed = true
		}
	}
	for x, fl := range s.flags {
		if ofl, ok := o.flags[x]; (ok && ofl != fl) || (!ok && o.mayBeSent(fl.v)) {
			delete(s.flags, x)
			changed = true
		}
	}
	return changed
}

func joinEvents(dst, src map[*types.Var]*event) bool {
	changed := false
	for k, e := range src {
		if d, ok := dst[k]; !ok || e.pos < d.pos {
			dst[k] = e
			changed = true
		}
	}
	return changed
}

// markSent records that v may have been sent by e, keeping an earlier event.
func (s *state) markSent(v *types.Var, e *event) {
	if d, ok := s.sent[v]; !ok || e.pos < d.pos {
		s.sent[v] = e
	}
}

// settle turns every pending send on v into a possible send: v is used
// before the result its send hangs on was tested.
func (s *state) settle(v *types.Var) {
	for k, p := range s.pend {
		if p.v == v {
			s.markSent(v, p.ev)
			delete(s.pend, k)
		}
	}
}

// resolve applies the outcome of testing the result a pending send hangs
// on (the bool result, or whether the value is non-nil). An outcome the
// send cannot have produced cancels it, under every result it hangs on;
// any other outcome leaves it pending, to become a possible send when the
// Context is used again.
func (s *state) resolve(key any, outcome bool) {
	p, ok := s.pend[key]
	if !ok {
		return
	}
	var possible bool
	switch p.when {
	case condFalse, condNilErr:
		possible = !outcome
	case condTrue, condErr:
		possible = outcome
	default:
		possible = true
	}
	if possible {
		return
	}
	for k, q := range s.pend {
		if q.ev == p.ev {
			delete(s.pend, k)
		}
	}
}
