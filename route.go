package expresso

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// The methods routes index directly; others are looked up by name.
const (
	mGet = iota
	mHead
	mPost
	mPut
	mPatch
	mDelete
	mOptions
	mConnect
	mTrace
	mQuery
	numMethods
)

var methodNames = [numMethods]string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT", "TRACE", "QUERY"}

// methodIndex returns the index of a standard method, or -1.
func methodIndex(m string) int {
	switch m {
	case http.MethodGet:
		return mGet
	case http.MethodHead:
		return mHead
	case http.MethodPost:
		return mPost
	case http.MethodPut:
		return mPut
	case http.MethodPatch:
		return mPatch
	case http.MethodDelete:
		return mDelete
	case http.MethodOptions:
		return mOptions
	case http.MethodConnect:
		return mConnect
	case http.MethodTrace:
		return mTrace
	case "QUERY":
		return mQuery
	}
	return -1
}

// Route is one path with handlers per method, Express's Route from
// router.route(path). Its methods chain.
type Route struct {
	path  string
	stack []routeHandler
	// chains[m] is the handler chain for standard method m, nil when the
	// route does not handle it.
	chains   [numMethods][]Handler
	custom   map[string][]Handler // explicit non-standard methods
	all      []Handler            // the chain for other methods when hasAll
	explicit uint16               // standard methods with their own handlers
	hasAll   bool
}

type routeHandler struct {
	method string // "" for All
	h      Handler
}

// Path returns the pattern the route was registered with.
func (r *Route) Path() string { return r.path }

// Get adds GET handlers (also used for HEAD when the route has no HEAD
// handlers), Express's route.get.
func (r *Route) Get(h ...Handler) *Route { return r.Handle(http.MethodGet, h...) }

// Post adds POST handlers, Express's route.post.
func (r *Route) Post(h ...Handler) *Route { return r.Handle(http.MethodPost, h...) }

// Put adds PUT handlers, Express's route.put.
func (r *Route) Put(h ...Handler) *Route { return r.Handle(http.MethodPut, h...) }

// Patch adds PATCH handlers, Express's route.patch.
func (r *Route) Patch(h ...Handler) *Route { return r.Handle(http.MethodPatch, h...) }

// Delete adds DELETE handlers, Express's route.delete.
func (r *Route) Delete(h ...Handler) *Route { return r.Handle(http.MethodDelete, h...) }

// Head adds HEAD handlers, Express's route.head.
func (r *Route) Head(h ...Handler) *Route { return r.Handle(http.MethodHead, h...) }

// Options adds OPTIONS handlers, Express's route.options.
func (r *Route) Options(h ...Handler) *Route { return r.Handle(http.MethodOptions, h...) }

// All adds handlers for every method, Express's route.all.
func (r *Route) All(h ...Handler) *Route { return r.add("", "All", h) }

// Handle adds handlers for method (upper-cased), Express's route[method].
func (r *Route) Handle(method string, h ...Handler) *Route {
	m := strings.ToUpper(method)
	if m == "" || strings.ContainsAny(m, " \t/:") {
		panic("expresso: invalid method " + strconv.Quote(method) + " for route " + strconv.Quote(r.path))
	}
	return r.add(m, m, h)
}

func (r *Route) add(method, what string, hs []Handler) *Route {
	if len(hs) == 0 {
		panic("expresso: " + what + " " + strconv.Quote(r.path) + " requires at least one handler")
	}
	for i, h := range hs {
		if h == nil {
			panic("expresso: " + what + " " + strconv.Quote(r.path) + ": handler " + strconv.Itoa(i+1) + " is nil")
		}
		r.stack = append(r.stack, routeHandler{method: method, h: h})
	}
	if method == "" {
		r.hasAll = true
	} else if i := methodIndex(method); i >= 0 {
		r.explicit |= 1 << i
	} else if r.custom == nil {
		r.custom = map[string][]Handler{method: nil}
	} else {
		r.custom[method] = nil
	}
	r.rebuild()
	return r
}

// rebuild recomputes the per-method chains from the stack, keeping
// registration order: for GET the chain is every GET and All handler.
func (r *Route) rebuild() {
	for i := range r.chains {
		m := methodNames[i]
		if !r.handles(i) {
			r.chains[i] = nil
			continue
		}
		if i == mHead && r.explicit&(1<<mHead) == 0 {
			m = http.MethodGet
		}
		r.chains[i] = r.filter(m)
	}
	for m := range r.custom {
		r.custom[m] = r.filter(m)
	}
	r.all = r.filter("")
}

func (r *Route) filter(m string) []Handler {
	var c []Handler
	for _, rh := range r.stack {
		if rh.method == "" || rh.method == m {
			c = append(c, rh.h)
		}
	}
	return c
}

// handles reports whether the route answers standard method i.
func (r *Route) handles(i int) bool {
	return r.hasAll || r.explicit&(1<<i) != 0 || i == mHead && r.explicit&(1<<mGet) != 0
}

// chain returns the handlers for method (standard index mi, or -1 and its
// name), nil when the route does not handle it.
func (r *Route) chain(mi int, method string) []Handler {
	if mi >= 0 {
		return r.chains[mi]
	}
	if c, ok := r.custom[method]; ok {
		return c
	}
	if r.hasAll {
		return r.all
	}
	return nil
}

// allowMask returns the standard methods the route lists in Allow (GET adds
// HEAD), as Express's route._methods.
func (r *Route) allowMask() uint16 {
	m := r.explicit
	if m&(1<<mGet) != 0 {
		m |= 1 << mHead
	}
	return m
}

// allowHeader formats the sorted Allow list for a mask and custom methods.
func allowHeader(mask uint16, custom []string) string {
	names := make([]string, 0, numMethods+len(custom))
	for i := 0; i < numMethods; i++ {
		if mask&(1<<i) != 0 {
			names = append(names, methodNames[i])
		}
	}
	for _, m := range custom {
		dup := false
		for _, n := range names {
			dup = dup || n == m
		}
		if !dup {
			names = append(names, m)
		}
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
