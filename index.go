package expresso

import (
	"net/http"
	"net/url"
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
}

// add registers v under its httprouter path.
func (ix *index) add(v *variant) {
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
