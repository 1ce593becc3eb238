package middleware

import (
	"io/fs"
	"net/http"
	"path/filepath"
	"time"

	"github.com/expresso-go/expresso"
)

// StaticOptions are the options of [Static] and [StaticFS], those of
// express.static (serve-static). The zero value is serve-static's defaults.
type StaticOptions struct {
	// Dotfiles says what a request for a path with a segment starting
	// with a dot gets: "ignore" (the default, a 404), "deny" (a 403) or
	// "allow". Any other value panics in the constructor.
	Dotfiles string
	// Index lists the files tried, in order, for a path ending in "/".
	// nil means index.html; an empty non-nil slice disables it.
	Index []string
	// Extensions are tried in order (without the dot: "html") when the
	// file does not exist and its name has no extension.
	Extensions []string
	// MaxAge is the max-age of Cache-Control, in whole seconds, clamped to
	// 0–1 year.
	MaxAge time.Duration
	// Immutable adds the immutable directive to Cache-Control.
	Immutable bool
	// SetHeaders, when set, is called with the response, the file's path
	// (absolute for Static, the name inside the file system for StaticFS)
	// and its FileInfo once a file is chosen, before the default headers,
	// which it can therefore override. It is also called before a 304,
	// 412 or 416, never before a 404 or a redirect.
	SetHeaders func(w http.ResponseWriter, path string, fi fs.FileInfo)
	// Precompressed serves a sibling "name.br" or "name.gz", when it
	// exists and Accept-Encoding prefers that encoding, with
	// Content-Encoding set and the Content-Type of name; every file
	// response then carries Vary: Accept-Encoding.
	Precompressed bool
	// DisableFallthrough answers errors (400, 403, 404) itself through
	// the error handlers instead of passing the request on, and answers
	// methods other than GET and HEAD with 405 and Allow: GET, HEAD.
	DisableFallthrough bool
	// DisableRedirect answers a directory requested without a trailing
	// slash with a 404 instead of a 301 to the slash URL.
	DisableRedirect bool
	// DisableAcceptRanges leaves out Accept-Ranges and ignores Range;
	// DisableCacheControl leaves out Cache-Control; DisableLastModified
	// leaves out Last-Modified; DisableETag leaves out the ETag.
	DisableAcceptRanges, DisableCacheControl, DisableLastModified, DisableETag bool
}

// Static serves the files under the directory root, express.static.
// Requests are served relative to the mount point of the middleware
// (app.Use("/static", middleware.Static("public"))); only GET and HEAD
// are served. A missing file, a forbidden path or a malformed one passes
// the request on to the next handler (see DisableFallthrough); a directory
// requested without a trailing slash is redirected to it (301), one with
// a trailing slash gets its index file. Files are sent as
// [expresso.Context.SendFile] sends them: ETag, Last-Modified,
// Cache-Control, ranges, 304 and 412, HEAD, sendfile(2).
//
// Static is an [expresso.Handler], not a net/http middleware: it sends
// through the Context's funnel and calls c.Next to fall through.
//
// It differs from serve-static in these ways: root is opened as an
// [os.Root] (on the first request, and again until it exists), so a
// symbolic link that leads out of it is a 404 rather than followed; "%2F"
// and "%5C" in a request path never become separators (serve-static
// decodes them, which lets "/admin%2Fsecret" slip past a route guard on
// "/admin/"), such a request is a 404; bad options panic here rather than
// failing each request; and Precompressed is new. root must not be "".
func Static(root string, opts ...StaticOptions) expresso.Handler {
	if root == "" {
		panic("middleware: Static: root path required")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		panic("middleware: Static: " + err.Error())
	}
	s := newStatic("Static", opts)
	s.fsys = &rootFS{dir: abs}
	s.abs = abs
	return s.serve
}

// StaticFS serves the files of fsys, as [Static] serves a directory; use it
// with an embed.FS (fs.Sub it to the folder to serve). Ranges and
// conditional requests work for any fs.FS; files without a modification
// time (embed.FS) get no Last-Modified and an ETag that hashes their
// content. Whether a symbolic link can lead out of fsys is up to fsys
// (os.DirFS follows them; use Static for a directory).
func StaticFS(fsys fs.FS, opts ...StaticOptions) expresso.Handler {
	if fsys == nil {
		panic("middleware: StaticFS: nil file system")
	}
	s := newStatic("StaticFS", opts)
	s.fsys = fsys
	return s.serve
}

// static is one Static or StaticFS middleware.
type static struct {
	fsys  fs.FS
	abs   string // the absolute root of Static, for SetHeaders' path
	opts  StaticOptions
	index []string
	send  expresso.SendFileOptions
}

func newStatic(name string, opts []StaticOptions) *static {
	s := &static{}
	if len(opts) > 0 {
		s.opts = opts[0]
	}
	o := &s.opts
	switch o.Dotfiles {
	case "", "ignore", "deny", "allow":
	default:
		panic("middleware: " + name + `: dotfiles option must be "allow", "deny", or "ignore", not ` + o.Dotfiles)
	}
	s.index = []string{"index.html"}
	if o.Index != nil {
		s.index = append([]string(nil), o.Index...)
	}
	for _, list := range [][]string{s.index, o.Extensions} {
		for _, v := range list {
			if v == "" || !fs.ValidPath(v) {
				panic("middleware: " + name + ": invalid index or extension " + v)
			}
		}
	}
	s.send = expresso.SendFileOptions{MaxAge: o.MaxAge, Immutable: o.Immutable,
		DisableCacheControl: o.DisableCacheControl, DisableLastModified: o.DisableLastModified,
		DisableAcceptRanges: o.DisableAcceptRanges, DisableETag: o.DisableETag}
	return s
}

// serve is the middleware.
func (s *static) serve(c *expresso.Context) error {
	switch c.Method() {
	case http.MethodGet, http.MethodHead:
	default:
		if !s.opts.DisableFallthrough {
			return c.Next()
		}
		h := c.Response().Header()
		h["Allow"] = []string{"GET, HEAD"}
		return c.Status(http.StatusMethodNotAllowed).End()
	}
	name, trailing, err := s.cleanPath(c)
	if err != nil {
		return s.fail(c, err)
	}
	f, fi, chosen, err := s.resolve(c, name, trailing)
	if err != nil || f == nil {
		return s.fail(c, err)
	}
	defer f.Close()
	return s.sendFile(c, f, fi, chosen)
}

// fail ends a request for which no file was chosen: with fallthrough, an
// error below 500 continues the chain; anything else goes to the error
// handlers. A nil error means the response was sent (a redirect).
func (s *static) fail(c *expresso.Context, err error) error {
	if err == nil {
		return nil
	}
	if !s.opts.DisableFallthrough {
		if code := statusOf(err); code >= 400 && code < 500 {
			return c.Next()
		}
	}
	return err
}

// statusOf returns the status an *expresso.HTTPError carries, else 500.
func statusOf(err error) int {
	if he, ok := err.(*expresso.HTTPError); ok {
		return he.Code
	}
	return http.StatusInternalServerError
}
