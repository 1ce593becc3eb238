// Package expresso is a stub of github.com/expresso-go/expresso for the
// analyzer's tests: the same Context method set and Handler types, with
// empty bodies.
package expresso

import (
	"errors"
	"net/http"
	"net/url"
	"time"
)

// ErrHeadersSent is the refusal of a header change after the headers went out.
var ErrHeadersSent = errors.New("expresso: cannot set headers after they are sent to the client")

// Handler is a route handler or middleware.
type Handler func(c *Context) error

// ErrorHandler is an error-handling middleware.
type ErrorHandler func(c *Context, err error) error

// Param is one route parameter.
type Param struct{ Key, Value string }

// Offer is one representation for Format.
type Offer struct {
	Type    string
	Handler Handler
}

// CookieOptions are the options of Cookie.
type CookieOptions struct {
	MaxAge   time.Duration
	HttpOnly bool
}

// SendFileOptions are the options of SendFile.
type SendFileOptions struct{ Root string }

// Response is the guarded writer.
type Response struct{}

// Status returns the status code.
func (r *Response) Status() int { return 200 }

// Header returns the header map.
func (r *Response) Header() http.Header { return http.Header{} }

// WriteHeader sets the status.
func (r *Response) WriteHeader(code int) {}

// Write writes body bytes.
func (r *Response) Write(p []byte) (int, error) { return len(p), nil }

// WriteString writes a body string.
func (r *Response) WriteString(s string) (int, error) { return len(s), nil }

// Router is a router.
type Router struct{}

// App is an application.
type App struct{ *Router }

// Route is one path's handlers.
type Route struct{}

// New returns an App.
func New() *App { return &App{Router: &Router{}} }

// NewRouter returns a Router.
func NewRouter() *Router { return &Router{} }

// Use adds middleware.
func (rt *Router) Use(args ...any) *Router { return rt }

// Get adds a GET route.
func (rt *Router) Get(path string, h ...Handler) *Router { return rt }

// Post adds a POST route.
func (rt *Router) Post(path string, h ...Handler) *Router { return rt }

// Route returns the Route of path.
func (rt *Router) Route(path string) *Route { return &Route{} }

// Param adds a param callback.
func (rt *Router) Param(name string, fn func(c *Context, value string) error) *Router { return rt }

// OnError adds an error handler.
func (rt *Router) OnError(h ErrorHandler) *Router { return rt }

// Get adds a GET handler.
func (r *Route) Get(h ...Handler) *Route { return r }

// Context is one request and its response.
type Context struct {
	Locals map[string]any
}

func (c *Context) Accepts(types ...string) string                                { return "" }
func (c *Context) AcceptsCharsets(charsets ...string) string                     { return "" }
func (c *Context) AcceptsEncodings(encodings ...string) string                   { return "" }
func (c *Context) AcceptsLanguages(langs ...string) string                       { return "" }
func (c *Context) AddTrailers(h http.Header) error                               { return nil }
func (c *Context) App() *App                                                     { return nil }
func (c *Context) Append(field string, values ...string) *Context                { return c }
func (c *Context) Attachment(filename ...string) *Context                        { return c }
func (c *Context) BaseURL() string                                               { return "" }
func (c *Context) Bind(v any) error                                              { return nil }
func (c *Context) Body() ([]byte, error)                                         { return nil, nil }
func (c *Context) ClearCookie(name string, opts ...CookieOptions) error          { return nil }
func (c *Context) Cookie(name string, value any, opts ...CookieOptions) error    { return nil }
func (c *Context) CookieJSON(name string, v any) error                           { return nil }
func (c *Context) Cookies(name string) string                                    { return "" }
func (c *Context) Copy() *Context                                                { return &Context{} }
func (c *Context) Download(path, filename string, opts ...SendFileOptions) error { return nil }
func (c *Context) End(body ...any) error                                         { return nil }
func (c *Context) Finished() bool                                                { return false }
func (c *Context) Flush() error                                                  { return nil }
func (c *Context) FlushHeaders() error                                           { return nil }
func (c *Context) Format(offers ...Offer) error                                  { return nil }
func (c *Context) Fresh() bool                                                   { return false }
func (c *Context) Get(field string) string                                       { return "" }
func (c *Context) HeadersSent() bool                                             { return false }
func (c *Context) Host() string                                                  { return "" }
func (c *Context) Hostname() string                                              { return "" }
func (c *Context) IP() string                                                    { return "" }
func (c *Context) IPs() []string                                                 { return nil }
func (c *Context) Is(types ...string) string                                     { return "" }
func (c *Context) JSON(v any) error                                              { return nil }
func (c *Context) JSONP(v any) error                                             { return nil }
func (c *Context) Links(relURL ...string) *Context                               { return c }
func (c *Context) Location(url string) *Context                                  { return c }
func (c *Context) Method() string                                                { return "" }
func (c *Context) Next() error                                                   { return nil }
func (c *Context) OriginalURL() string                                           { return "" }
func (c *Context) Param(name string) string                                      { return "" }
func (c *Context) Params() []Param                                               { return nil }
func (c *Context) Path() string                                                  { return "" }
func (c *Context) Protocol() string                                              { return "" }
func (c *Context) Query(name string) string                                      { return "" }
func (c *Context) QueryValues() url.Values                                       { return nil }
func (c *Context) Redirect(url string, status ...int) error                      { return nil }
func (c *Context) Render(view string, data any) error                            { return nil }
func (c *Context) Request() *http.Request                                        { return nil }
func (c *Context) Response() *Response                                           { return &Response{} }
func (c *Context) Secure() bool                                                  { return false }
func (c *Context) Send(body any) error                                           { return nil }
func (c *Context) SendFile(path string, opts ...SendFileOptions) error           { return nil }
func (c *Context) SendStatus(code int) error                                     { return nil }
func (c *Context) SendString(s string) error                                     { return nil }
func (c *Context) Set(field, value string) *Context                              { return c }
func (c *Context) SetRequest(r *http.Request)                                    {}
func (c *Context) SignedCookie(name string) (value string, ok bool)              { return "", false }
func (c *Context) Stale() bool                                                   { return true }
func (c *Context) Status(code int) *Context                                      { return c }
func (c *Context) Subdomains() []string                                          { return nil }
func (c *Context) Type(t string) *Context                                        { return c }
func (c *Context) Vary(fields ...string) *Context                                { return c }
func (c *Context) Write(p []byte) (int, error)                                   { return len(p), nil }
func (c *Context) WriteContinue() error                                          { return nil }
func (c *Context) WriteEarlyHints(hints http.Header) error                       { return nil }
func (c *Context) WriteHead(status int, headers ...http.Header) error            { return nil }
func (c *Context) WriteString(s string) (int, error)                             { return len(s), nil }
func (c *Context) XHR() bool                                                     { return false }
