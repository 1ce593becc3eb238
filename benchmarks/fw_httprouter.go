package benchmarks

import (
	"net/http"

	"github.com/julienschmidt/httprouter"
)

// LoadHttpRouter registers routes on a raw httprouter.Router.
func LoadHttpRouter(routes []Route, hits *int) http.Handler {
	router := httprouter.New()
	h := func(http.ResponseWriter, *http.Request, httprouter.Params) { *hits++ }
	for _, r := range routes {
		router.Handle(r.Method, r.Path, h)
	}
	return router
}

// HttpRouterApp builds the scenario app on a raw httprouter.Router; the
// middleware wrap the router, as there is no other place for them.
func HttpRouterApp(n int) http.Handler {
	router := httprouter.New()
	items := Items(100)
	router.GET(PathPlainText, func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		writeText(w, Hello)
	})
	router.GET(PathJSON, func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		writeJSON(w, Message{Message: Hello})
	})
	router.GET(PathJSONList, func(w http.ResponseWriter, _ *http.Request, _ httprouter.Params) {
		writeJSON(w, items)
	})
	router.GET(PathParam, func(w http.ResponseWriter, _ *http.Request, ps httprouter.Params) {
		writeText(w, ps.ByName("id"))
	})
	return netHTTPMiddleware(router, n)
}
