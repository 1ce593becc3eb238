package expresso

import (
	"slices"
	"strings"
)

// staticTable answers a router's lookups for the paths of its static
// routes without walking the httprouter trees: for each such path, the
// candidates every tree would give, when none of them has parameters.
// Paths a parametered pattern also matches ("/users/new" beside
// "/users/:id") are left to the trees. A Router builds its table on the
// first request after a route was added.
type staticTable struct {
	// lens has bit n set when some path in paths has length n (n < 256),
	// so that most other paths are told apart without hashing them.
	lens  [4]uint64
	paths map[string][]cand
}

// find returns the candidates for the lookup path p, if it is in t.
func (t *staticTable) find(p string) ([]cand, bool) {
	if n := len(p); n < 256 && t.lens[n>>6]&(1<<(n&63)) == 0 {
		return nil, false
	}
	cs, ok := t.paths[p]
	return cs, ok
}

// statics returns the index's static table, building it when a route was
// added since the last build. Concurrent first requests may each build
// one; they are equal, and the last stored wins.
func (ix *index) statics(s *sink) *staticTable {
	if t := ix.static.Load(); t != nil {
		return t
	}
	t := ix.buildStatic(s)
	ix.static.Store(t)
	return t
}

func (ix *index) buildStatic(s *sink) *staticTable {
	t := &staticTable{paths: make(map[string][]cand)}
	for hr, e := range ix.entries {
		if e.maxVals > 0 || strings.ContainsAny(hr, ":*") {
			continue
		}
		cs, ok := ix.staticCands(s, hr)
		if !ok {
			continue
		}
		t.paths[hr] = cs
		if n := len(hr); n < 256 {
			t.lens[n>>6] |= 1 << (n & 63)
		}
	}
	return t
}

// staticCands asks every tree for path and returns the candidates, in
// registration order, or false when a parametered pattern matches too.
// Static candidates have no params: p0 and p1 are 0.
func (ix *index) staticCands(s *sink, path string) ([]cand, bool) {
	var cs []cand
	s.url.Path = path
	s.req.URL, s.req.Method = &s.url, anyMethod
	defer func() { s.url.Path = "" }()
	for _, tr := range ix.trees {
		s.e, s.n = nil, 0
		tr.r.ServeHTTP(s, &s.req)
		if s.e == nil {
			continue
		}
		for _, v := range s.e.variants {
			if len(v.c.dyn) > 0 {
				return nil, false
			}
			cs = append(cs, cand{layer: v.layer})
		}
	}
	slices.SortStableFunc(cs, func(a, b cand) int { return a.layer - b.layer })
	return slices.Clip(cs), true
}
