// Package middleware is expresso's catalogue of the middleware Express
// developers reach for (morgan, cors, compression, helmet, express-session,
// express-rate-limit, …) and that every serious Go framework ships.
//
// # How a middleware is written here
//
// Most middleware in this package has the net/http form
//
//	func(http.Handler) http.Handler
//
// so it works in any net/http stack (http.ServeMux, chi, a plain
// http.Server) as well as in an expresso App, whose Use accepts that form:
//
//	app := expresso.New()
//	app.Use(middleware.RequestID(), middleware.Logger(middleware.LoggerOptions{Format: "dev"}))
//
//	mux := http.NewServeMux()
//	http.ListenAndServe(":3000", middleware.CORS(middleware.CORSOptions{})(mux))
//
// A middleware takes the expresso Context form, an [expresso.Handler], only
// where it needs the Context: to hand an error to the App's error handlers
// ([Recover]) or to read request state only the Context has. Where such a
// middleware also makes sense outside expresso, a net/http variant sits
// beside it ([RecoverHTTP]).
//
// Inside an expresso App, a net/http middleware that wraps the
// ResponseWriter sees everything the rest of the chain sends; errors
// returned by later handlers travel back past it to the error handlers,
// which answer after the middleware returned. [Logger] therefore logs from
// the Response's finish hook ([expresso.Response.OnFinish]), so that it logs
// what the client actually got.
//
// # Options
//
// A middleware that can be configured takes an options struct, by value,
// named after it (CORSOptions for [CORS]); where the defaults are what most
// applications want, the struct is an optional, variadic argument (at most
// one), so that the common call stays short: [RequestID](), [Recover](). The zero value of every options
// struct is the defaults of the Express package the middleware mirrors;
// where that package turns something on by default, the field is phrased as
// its opposite (DisableHSTS), so that the zero value stays the default.
// Options are validated once, when the middleware is built: an impossible
// or dangerous configuration (CORS's "*" origin with credentials, an
// unknown logger token) panics at setup with a message that starts with
// "middleware:" and names the option. Problems of a request are answered
// with the right 4xx, or returned as errors to the error handlers, never
// panicked.
//
// # Catalogue
//
// Each middleware lives in its own file, named after it.
//
//	Middleware       Express equivalent        What it does
//	Static, StaticFS serve-static              files from a directory or an fs.FS
//	BodyLimit        body-parser's limit       caps the request body
//	Logger           morgan                    access log: dev, combined, common, short, tiny, custom, or slog
//	Recover          the router's try/catch    a panic becomes an error for the error handlers
//	RequestID        express-request-id        keeps or makes an X-Request-Id
//	Timeout          connect-timeout           a request deadline, 503 if nothing was sent
//	CORS             cors                      Cross-Origin Resource Sharing and preflight
//	Compress         compression               gzip or deflate by Accept-Encoding
//	Secure           helmet                    security headers (CSP, HSTS, nosniff, …)
//	CSRF             csurf                     cross-origin protection, tokens for forms
//	BasicAuth        express-basic-auth        HTTP Basic authentication
//	KeyAuth          passport-headerapikey     API keys from a header, query or cookie
//	Session          express-session           signed-cookie sessions over a Store
//	RateLimit        express-rate-limit        requests per window per client, 429
//	MethodOverride   method-override           the method of a POST from a header
//	ResponseTime     response-time             an X-Response-Time header
//	NoCache          nocache                   headers that turn caching off
//	Favicon          serve-favicon             /favicon.ico from memory
//	Proxy            http-proxy-middleware     a reverse proxy for a path prefix
//
// The documentation of each constructor says what it mirrors and where it
// differs from its Express counterpart.
package middleware
