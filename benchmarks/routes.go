package benchmarks

import (
	"strings"
)

// Route is one registered method and path pattern, written in httprouter
// syntax: ":name" is a named segment. The route sets hold no catch-alls.
type Route struct {
	Method string
	Path   string
}

// parseRoutes reads a route table: one "METHOD /path" per line; blank
// lines and lines starting with '#' are skipped.
func parseRoutes(table string) []Route {
	routes := make([]Route, 0, strings.Count(table, "\n"))
	for line := range strings.Lines(table) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		method, path, ok := strings.Cut(line, " ")
		if !ok {
			panic("benchmarks: malformed route line " + line)
		}
		routes = append(routes, Route{Method: method, Path: strings.TrimSpace(path)})
	}
	return routes
}

// braces rewrites a ":name" pattern into the "{name}" syntax of chi and
// net/http's ServeMux.
func braces(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, ":") {
			segs[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(segs, "/")
}

// RouteSet is a named list of routes benchmarked as a whole.
type RouteSet struct {
	Name   string
	Routes []Route
}

// RouteSets returns the four route sets: GitHub's REST API (203 routes),
// the Go website's static files (157), Parse's REST API (26) and a subset of
// Google+'s API (13). They are the sets of the well-known
// go-http-routing-benchmark, re-expressed as tables.
func RouteSets() []RouteSet {
	return []RouteSet{
		{Name: "GitHub", Routes: GitHubAPI()},
		{Name: "Static", Routes: StaticFiles()},
		{Name: "Parse", Routes: ParseAPI()},
		{Name: "GPlus", Routes: GPlusAPI()},
	}
}
