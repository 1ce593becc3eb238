package middleware

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/internal/encodeurl"
	"github.com/expresso-go/expresso/internal/htmlescape"
)

// errIsDir marks a directory met where a file was wanted.
var errIsDir = errors.New("is a directory")

// resolve finds the file for name as send does: the index files for a
// path ending in "/", the name itself, then name plus each extension. A
// directory without the trailing slash is redirected (the response is
// sent: f and err are both nil) or, with DisableRedirect, a 404.
func (s *static) resolve(c *expresso.Context, name string, trailing bool) (f fs.File, fi fs.FileInfo, chosen string, err error) {
	if trailing && len(s.index) > 0 {
		var last error = fs.ErrNotExist
		for _, idx := range s.index {
			p := path.Join(name, idx)
			if f, fi, err = s.open(p); err == nil {
				return f, fi, p, nil
			}
			last = err
		}
		return nil, nil, "", classify(last, name)
	}
	f, fi, err = s.open(name)
	switch {
	case errors.Is(err, errIsDir) && !trailing && !s.opts.DisableRedirect:
		return nil, nil, "", s.redirect(c)
	case err == nil && trailing:
		f.Close()
		return nil, nil, "", notFound(name)
	case err == nil:
		return f, fi, name, nil
	}
	if errors.Is(err, fs.ErrNotExist) && len(s.opts.Extensions) > 0 && !trailing && !strings.Contains(path.Base(name), ".") {
		for _, ext := range s.opts.Extensions {
			p := name + "." + ext
			if f, fi, e := s.open(p); e == nil {
				return f, fi, p, nil
			}
		}
	}
	return nil, nil, "", classify(err, name)
}

// open opens name and checks that it is a regular file (errIsDir for a
// directory).
func (s *static) open(name string) (fs.File, fs.FileInfo, error) {
	f, err := s.fsys.Open(name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil && fi.IsDir() {
		err = errIsDir
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// classify maps an open error to send's status: 404 for a missing file, a
// directory, a name too long, a path through a file or out of the root;
// 500 for anything else (a symbolic link loop, a permission error).
func classify(err error, name string) error {
	var errno syscall.Errno
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, errIsDir),
		errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.ENAMETOOLONG),
		errors.Is(err, syscall.EXDEV), errors.Is(err, fs.ErrInvalid):
		// EXDEV: openat2 refusing a path that leaves the root.
		return expresso.NewHTTPError(http.StatusNotFound).WithCause(err)
	case errors.As(err, &pe) && !errors.As(pe.Err, &errno):
		// os.Root refusing a symbolic link that leads out of it.
		return expresso.NewHTTPError(http.StatusNotFound).WithCause(err)
	}
	return err
}

// redirect answers a directory requested without its trailing slash with
// serve-static's 301 to the slash URL.
func (s *static) redirect(c *expresso.Context) error {
	u := c.OriginalURL()
	p, q := u, ""
	if i := strings.IndexByte(u, '?'); i >= 0 {
		p, q = u[:i], u[i:]
	}
	p = "/" + strings.TrimLeft(p, "/") + "/"
	if p == "//" {
		p = "/"
	}
	loc := encodeurl.Encode(p + q)
	body := "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n</head>\n<body>\n<pre>Redirecting to " +
		htmlescape.Escape(loc) + "</pre>\n</body>\n</html>\n"
	h := c.Response().Header()
	h["Content-Type"] = []string{"text/html; charset=UTF-8"}
	h["Content-Security-Policy"] = []string{"default-src 'none'"}
	h["X-Content-Type-Options"] = []string{"nosniff"}
	h["Location"] = []string{loc}
	return c.Status(http.StatusMovedPermanently).End(body)
}

// sendFile sends the chosen file, or its precompressed sibling.
func (s *static) sendFile(c *expresso.Context, f fs.File, fi fs.FileInfo, name string) error {
	h := c.Response().Header()
	if s.opts.SetHeaders != nil {
		p := name
		if s.abs != "" {
			p = filepath.Join(s.abs, filepath.FromSlash(name))
		}
		s.opts.SetHeaders(c.Response(), p, fi)
	}
	if s.opts.Precompressed {
		c.Vary("Accept-Encoding")
		if vf, vfi, enc := s.variant(c, name); vf != nil {
			defer vf.Close()
			if _, set := h["Content-Type"]; !set {
				c.Type(typeOf(name))
			}
			h["Content-Encoding"] = []string{enc}
			f, fi = vf, vfi
		}
	}
	return c.SendContent(f, fi, s.send)
}

// variant opens the precompressed sibling of name in the encoding the
// client prefers, if it exists: brotli before gzip at equal q-values, the
// other one when the preferred sibling is missing, none when identity has
// a higher q-value than both.
func (s *static) variant(c *expresso.Context, name string) (fs.File, fs.FileInfo, string) {
	ae := c.Get("Accept-Encoding")
	if ae == "" {
		return nil, nil, ""
	}
	br, gz, id := codingQ(ae, "br"), codingQ(ae, "gzip"), codingQ(ae, "identity")
	order := [2]string{"br", "gzip"}
	if gz > br {
		order = [2]string{"gzip", "br"}
	}
	for _, enc := range order {
		q, ext := br, ".br"
		if enc == "gzip" {
			q, ext = gz, ".gz"
		}
		if q <= 0 || id > q {
			continue
		}
		if f, fi, err := s.open(name + ext); err == nil {
			return f, fi, enc
		}
	}
	return nil, nil, ""
}

// codingQ returns the q-value Accept-Encoding ae gives coding: its own
// entry's, else that of "*", else 0 (identity: -1 when not listed, so
// that it never outranks a listed coding).
func codingQ(ae, coding string) float64 {
	star, own := -1.0, -1.0
	for item := range strings.SplitSeq(ae, ",") {
		name, params, _ := strings.Cut(item, ";")
		name = strings.TrimSpace(name)
		q, _ := qValue(params) // compress.go: 0 when malformed
		switch {
		case strings.EqualFold(name, coding):
			own = max(own, q)
		case name == "*":
			star = max(star, q)
		}
	}
	switch {
	case own >= 0:
		return own
	case coding == "identity":
		return -1
	case star >= 0:
		return star
	}
	return 0
}

// typeOf returns the extension of name for Context.Type, or "bin" (which
// gives application/octet-stream) when it has none.
func typeOf(name string) string {
	base := path.Base(name)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[i+1:]
	}
	return "bin"
}
