package benchmarks

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// routingCase is one routing benchmark: a route set and the requests one
// benchmark operation sends through it.
type routingCase struct {
	name     string
	routes   []Route
	requests []*http.Request
}

// routingCases returns the routing benchmarks, in report order. An "All"
// case sends one request per route, each route's pattern used as its path,
// so one operation is a whole pass over the set.
func routingCases() []routingCase {
	github := GitHubAPI()
	cases := []routingCase{
		{name: "Static1", routes: parseRoutes("GET /user/repos"), requests: oneRequest("/user/repos")},
		{name: "Param1", routes: parseRoutes("GET /user/:name"), requests: oneRequest("/user/gordon")},
		{name: "Param5", routes: parseRoutes("GET /:a/:b/:c/:d/:e"), requests: oneRequest("/test/test/test/test/test")},
		{name: "GitHubStatic", routes: github, requests: oneRequest("/user/repos")},
		{name: "GitHubParam", routes: github, requests: oneRequest("/repos/julienschmidt/httprouter/stargazers")},
	}
	for _, set := range RouteSets() {
		cases = append(cases, routingCase{name: set.Name + "All", routes: set.Routes, requests: allRequests(set.Routes)})
	}
	return cases
}

func oneRequest(path string) []*http.Request {
	return []*http.Request{httptest.NewRequest(http.MethodGet, path, nil)}
}

func allRequests(routes []Route) []*http.Request {
	reqs := make([]*http.Request, len(routes))
	for i, r := range routes {
		reqs[i] = httptest.NewRequest(r.Method, r.Path, nil)
	}
	return reqs
}

func BenchmarkRouting(b *testing.B) {
	for _, rc := range routingCases() {
		b.Run(rc.name, func(b *testing.B) {
			for _, rt := range Routers() {
				b.Run(rt.Name, func(b *testing.B) {
					hits := 0
					h, err := rt.Build(rc.routes, &hits)
					if err != nil {
						b.Skip(err)
					}
					w := NewDiscardWriter()
					b.ReportAllocs()
					for b.Loop() {
						for _, r := range rc.requests {
							w.Reset()
							h.ServeHTTP(w, r)
						}
					}
					if hits == 0 {
						b.Fatal("no request reached a handler")
					}
				})
			}
		})
	}
}

// TestRoutersServeEveryRoute checks that every router registers every
// route set and routes each request to a handler, so that no routing
// benchmark measures a 404.
func TestRoutersServeEveryRoute(t *testing.T) {
	for _, rc := range routingCases() {
		for _, rt := range Routers() {
			t.Run(rc.name+"/"+rt.Name, func(t *testing.T) {
				hits := 0
				h, err := rt.Build(rc.routes, &hits)
				require.NoError(t, err)
				for i, r := range rc.requests {
					w := NewDiscardWriter()
					h.ServeHTTP(w, r)
					assert.Equal(t, i+1, hits, "%s %s should reach its handler", r.Method, r.URL.Path)
					assert.Zero(t, w.Written, "%s %s should write no body", r.Method, r.URL.Path)
				}
			})
		}
	}
}

func TestRouteSetsHaveTheirSizeAndNoDuplicates(t *testing.T) {
	want := map[string]int{"GitHub": 203, "Static": 157, "Parse": 26, "GPlus": 13}
	for _, set := range RouteSets() {
		t.Run(set.Name, func(t *testing.T) {
			assert.Equal(t, want[set.Name], len(set.Routes))
			seen := map[Route]bool{}
			for _, r := range set.Routes {
				assert.False(t, seen[r], "duplicate route %v", r)
				seen[r] = true
			}
		})
	}
}
