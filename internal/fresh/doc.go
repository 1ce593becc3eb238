// Package fresh decides whether a cached response is still fresh, following
// jshttp/fresh 2.0.0 (Express's req.fresh and pillarjs/send's 304 check), and
// matches entity tags for If-Match the way pillarjs/send does.
//
// Entity tags are compared weakly: a list item t matches the response tag e
// when t == e, t == "W/"+e or "W/"+t == e. Dates are parsed with
// [net/http.ParseTime], which accepts the three HTTP date formats; the
// JavaScript original uses Date.parse, which also accepts other formats
// (ISO 8601, for example) that are treated as unparsable here.
//
// Nothing in this package allocates, except that parsing a date that is not
// in IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37 GMT") may.
package fresh
