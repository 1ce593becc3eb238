package middleware

import (
	"github.com/expresso-go/expresso/internal/pathseg"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/expresso-go/expresso"
)

// cleanPath turns the request path (relative to the mount point, still
// percent-encoded) into a name inside the file system, as serve-static and
// send do: the mount point's own path becomes the root directory, a
// malformed escape or a NUL is a 400, "%2F" and "%5C" are a 404, a ".."
// left after cleaning is a 403, and a dotfile segment follows Dotfiles.
// trailing reports whether the raw path ends in "/".
func (s *static) cleanPath(c *expresso.Context) (name string, trailing bool, err error) {
	raw := c.Path()
	if raw == "/" && !strings.HasSuffix(originalPath(c), "/") {
		raw = ""
	}
	return cleanURLPath(raw, s.opts.Dotfiles)
}

// cleanURLPath is cleanPath for the raw path p.
func cleanURLPath(p, dotfiles string) (name string, trailing bool, err error) {
	trailing = strings.HasSuffix(p, "/")
	decoded := p
	if strings.IndexByte(p, '%') >= 0 {
		d, uerr := url.PathUnescape(p)
		if uerr != nil || !utf8.ValidString(d) {
			return "", false, expresso.NewHTTPError(http.StatusBadRequest).WithCause(uerr)
		}
		if hasEncodedSeparator(p) {
			return "", false, notFound(p)
		}
		decoded = d
	}
	if strings.IndexByte(decoded, 0) >= 0 {
		return "", false, expresso.NewHTTPError(http.StatusBadRequest)
	}
	name = path.Clean("./" + decoded)
	if pathseg.HasDotDot(name) {
		return "", false, expresso.NewHTTPError(http.StatusForbidden)
	}
	if dotfiles != "allow" && pathseg.HasDotfile(name) {
		if dotfiles == "deny" {
			return "", false, expresso.NewHTTPError(http.StatusForbidden)
		}
		return "", false, notFound(p)
	}
	return name, trailing, nil
}

// hasEncodedSeparator reports whether p holds %2F or %5C (any case).
func hasEncodedSeparator(p string) bool {
	for i := 0; i+2 < len(p); i++ {
		if p[i] != '%' {
			continue
		}
		switch p[i+1 : i+3] {
		case "2F", "2f", "5C", "5c":
			return true
		}
	}
	return false
}

// originalPath returns the path of the request as received, without the
// query.
func originalPath(c *expresso.Context) string {
	u := c.OriginalURL()
	if i := strings.IndexByte(u, '?'); i >= 0 {
		return u[:i]
	}
	return u
}

// notFound is the 404 for name.
func notFound(name string) *expresso.HTTPError {
	return expresso.NewHTTPError(http.StatusNotFound).WithCause(&fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist})
}
