package expresso

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"github.com/expresso-go/expresso/internal/contentdisposition"
)

// SendFileOptions are the options of [Context.SendFile], [Context.Download]
// and [Context.SendContent], Express's sendFile options. The zero value is
// Express's defaults.
type SendFileOptions struct {
	// Root is the directory a relative path is resolved in. The file must
	// stay inside it: a ".." segment left after cleaning the path is a 403,
	// and a symbolic link that leads out of Root is a 404 (Root is opened
	// with [os.OpenRoot]). Without Root the path must be absolute.
	Root string
	// MaxAge is the max-age of Cache-Control, in whole seconds, clamped to
	// 0–1 year.
	MaxAge time.Duration
	// Immutable adds the immutable directive to Cache-Control.
	Immutable bool
	// Headers are set on the response when the file is found, before the
	// defaults below (each default is only set when absent).
	Headers http.Header
	// Dotfiles says what a path segment starting with a dot gets:
	// "ignore" (the default, a 404), "deny" (a 403) or "allow". Any other
	// value is an error.
	Dotfiles string
	// Index lists the files tried, in order, when the path ends in "/".
	// nil means index.html; an empty non-nil slice disables it.
	Index []string
	// Extensions are tried in order (without the dot: "html") when the
	// file does not exist and its name has no extension.
	Extensions []string
	// Start and End limit the bytes served to a window of the file, both
	// inclusive; End 0 means the last byte. Ranges apply inside the window.
	Start, End int64
	// DisableCacheControl leaves out Cache-Control (MaxAge and Immutable
	// then do nothing); DisableLastModified leaves out Last-Modified;
	// DisableAcceptRanges leaves out Accept-Ranges and ignores Range;
	// DisableETag leaves out the ETag.
	DisableCacheControl, DisableLastModified, DisableAcceptRanges, DisableETag bool
}

// ErrPathRequired is returned by [Context.SendFile] and [Context.Download]
// for an empty path, as Express's TypeError "path argument is required".
var ErrPathRequired = errors.New("expresso: path argument is required to SendFile")

// ErrPathNotAbsolute is returned by [Context.SendFile] for a relative path
// without SendFileOptions.Root, as Express's TypeError "path must be
// absolute or specify root to res.sendFile".
var ErrPathNotAbsolute = errors.New("expresso: path must be absolute or specify root to SendFile")

// ErrDotfilesOption is returned for a SendFileOptions.Dotfiles value other
// than "", "ignore", "deny" and "allow".
var ErrDotfilesOption = errors.New(`expresso: dotfiles option must be "allow", "deny", or "ignore"`)

// SendFile sends the file at path, Express's res.sendFile: with
// Content-Type from its extension, Content-Length, Accept-Ranges,
// Cache-Control, Last-Modified and a weak ETag from its size and
// modification time (when Config.ETag is not ETagOff), each unless already
// set; 412 for a failed If-Match or If-Unmodified-Since, 304 for a fresh
// request, 206 for one satisfiable Range (overlapping ranges combined; several
// disjoint ones get the whole file, as Express, never multipart), and 416
// with Content-Range "bytes */size" for an unsatisfiable one. HEAD gets
// the headers only. The status set before is kept for a whole file.
//
// path is a file-system path, taken literally (Express encodes and then
// decodes it, which gives the same bytes); without opts.Root it must be
// absolute. A NUL byte is a 400, a ".." segment a 403, a dotfile segment a
// 404 or 403 per opts.Dotfiles, a missing file or a directory a 404 (Express
// calls next() for a directory, which usually ends in the same 404). These
// are returned as [*HTTPError] for the error handlers; a 416 carries its
// Content-Range. The body goes to the client through sendfile(2) where the
// connection allows it, so memory does not grow with the file. A client
// that went away while the body was being sent is not an error: SendFile
// returns nil, and [Response.Written] says how much was sent.
func (c *Context) SendFile(path string, opts ...SendFileOptions) error {
	c.live()
	var o SendFileOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return c.sendFile("SendFile", path, &o, "")
}

// Download sends the file at path as an attachment, Express's res.download:
// Content-Disposition names filename (the base name of path when filename
// is ""), encoded as Express's content-disposition does, and the rest is
// [Context.SendFile] with opts. Without opts.Root a relative path is
// resolved against the working directory. The Content-Type comes from the
// file, not from filename; a Content-Disposition in opts.Headers is
// replaced; on an error no Content-Disposition is set.
func (c *Context) Download(path, filename string, opts ...SendFileOptions) error {
	c.live()
	var o SendFileOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if filename == "" {
		filename = path
	}
	disposition := contentdisposition.Attachment(filepath.Base(filename), true)
	if o.Root == "" && path != "" && !filepath.IsAbs(path) {
		abs, err := filepath.Abs(path)
		if err != nil {
			return err
		}
		path = abs
	}
	return c.sendFile("Download", path, &o, disposition)
}

// sendFile resolves p per o and sends the file.
func (c *Context) sendFile(call, p string, o *SendFileOptions, disposition string) error {
	if p == "" {
		return ErrPathRequired
	}
	if o.Root == "" && !filepath.IsAbs(p) {
		return ErrPathNotAbsolute
	}
	f, fi, err := openFile(p, o)
	if err != nil {
		return err
	}
	defer f.Close()
	return c.serveFile(call, f, fi, o, c.etagOn() && !o.DisableETag, disposition)
}

// SendContent sends f, a file already open, the way [Context.SendFile]
// sends the file it found (headers, 412, 304, ranges, HEAD, sendfile(2)
// for an *os.File), for files from an [fs.FS] such as an embed.FS. fi is
// f's FileInfo (nil: f.Stat is called); the Content-Type comes from the
// extension of fi.Name() unless one is set. Root, Dotfiles, Index and
// Extensions are not used, and only opts.DisableETag turns the ETag off
// (Config.ETag is not consulted, as express.static ignores the app's etag
// setting). A file with no modification time (embed.FS) gets no
// Last-Modified, and an ETag from a hash of its content, which is read
// once more for it. SendContent does not close f.
func (c *Context) SendContent(f fs.File, fi fs.FileInfo, opts ...SendFileOptions) error {
	c.live()
	var o SendFileOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if fi == nil {
		var err error
		if fi, err = f.Stat(); err != nil {
			return statError(err)
		}
	}
	if fi.IsDir() {
		return notFound(&fs.PathError{Op: "read", Path: fi.Name(), Err: errIsDir})
	}
	return c.serveFile("SendContent", f, fi, &o, !o.DisableETag, "")
}

// errIsDir is the cause of the 404 for a directory.
var errIsDir = errors.New("is a directory")

// statError maps a file-system error to the HTTP error send gives it: 404
// for a missing file, a name too long, a path through a non-directory or
// out of an os.Root; 500 (the error itself) for anything else.
func statError(err error) error {
	if errors.Is(err, fs.ErrNotExist) || isNotFoundErrno(err) || isRootEscape(err) {
		return notFound(err)
	}
	return err
}

func notFound(cause error) *HTTPError {
	return NewHTTPError(http.StatusNotFound).WithCause(cause)
}

// isRootEscape reports whether err is os.Root refusing a path that leads
// out of the root through a symbolic link: a path error whose cause is not
// a system call's error.
func isRootEscape(err error) bool {
	var pe *fs.PathError
	var errno syscall.Errno
	return errors.As(err, &pe) && !errors.As(pe.Err, &errno)
}

// isNotFoundErrno reports whether err is ENOTDIR or ENAMETOOLONG, which
// send answers with a 404.
func isNotFoundErrno(err error) bool {
	return errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.ENAMETOOLONG)
}

// openRoot opens o.Root.
func openRoot(dir string) (*os.Root, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, statError(err)
	}
	return r, nil
}
