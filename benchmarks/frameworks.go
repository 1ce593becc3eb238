package benchmarks

import (
	"fmt"
	"net/http"
)

// Router is one router of the routing benchmarks.
type Router struct {
	Name string
	// Load registers every route with a handler that only counts the hit in
	// *hits and writes nothing.
	Load func(routes []Route, hits *int) http.Handler
}

// Build calls Load and turns a registration panic (a route set the router
// cannot hold) into an error, so that the set is skipped for that router.
func (rt Router) Build(routes []Route, hits *int) (h http.Handler, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s cannot register this route set: %v", rt.Name, p)
		}
	}()
	return rt.Load(routes, hits), nil
}

// Routers returns the routers of the routing benchmarks. Fiber is not among
// them: it does not serve net/http requests, so it cannot share the
// DiscardWriter; it is measured in the handler benchmarks instead.
func Routers() []Router {
	return []Router{
		{Name: "Expresso", Load: LoadExpresso},
		{Name: "HttpRouter", Load: LoadHttpRouter},
		{Name: "Gin", Load: LoadGin},
		{Name: "Echo", Load: LoadEcho},
		{Name: "Chi", Load: LoadChi},
		{Name: "ServeMux", Load: LoadServeMux},
	}
}

// Framework is one net/http-based framework of the handler benchmarks.
type Framework struct {
	Name string
	// App builds an app serving PathPlainText, PathJSON, PathJSONList and
	// PathParam, with n no-op middleware in front of every route.
	App func(n int) http.Handler
}

// Frameworks returns the net/http-based frameworks of the handler
// benchmarks. "Expresso" runs with ETag off, as its peers compute none;
// "ExpressoDefaults" keeps Express's default weak ETag. Both run in
// production mode. Fiber is built by [FiberApp].
func Frameworks() []Framework {
	return []Framework{
		{Name: "Expresso", App: ExpressoApp},
		{Name: "ExpressoDefaults", App: ExpressoDefaultsApp},
		{Name: "HttpRouter", App: HttpRouterApp},
		{Name: "Gin", App: GinApp},
		{Name: "Echo", App: EchoApp},
		{Name: "Chi", App: ChiApp},
		{Name: "ServeMux", App: ServeMuxApp},
	}
}
