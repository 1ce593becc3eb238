package expresso

import (
	"crypto/sha1"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/expresso-go/expresso/internal/etag"
	"github.com/expresso-go/expresso/internal/mimetypes"
)

// maxMaxAge is send's limit on max-age: one year.
const maxMaxAge = 365 * 24 * time.Hour

// serveFile sends the open file f as pillarjs/send does once it found it:
// headers, preconditions, freshness, the window and ranges, then the body
// through the funnel.
func (c *Context) serveFile(call string, f fs.File, fi fs.FileInfo, o *SendFileOptions, etagOn bool, disposition string) error {
	res := c.res
	if c.pending != nil || res.state != Head {
		return c.send(&outgoing{call: call, mode: modeSend})
	}
	h := res.Header()
	for k, vs := range o.Headers {
		k = http.CanonicalHeaderKey(k)
		if disposition != "" && k == "Content-Disposition" {
			continue
		}
		h[k] = slices.Clone(vs)
	}
	if disposition != "" {
		h["Content-Disposition"] = c.hv(disposition)
	}
	c.fileHeaders(h, f, fi, o, etagOn)
	ctype := ""
	if _, set := h["Content-Type"]; !set {
		ctype = fileType(fi.Name())
	}
	if err := c.preconditions(h); err != nil {
		return err
	}
	if c.conditional() && c.fresh(res.status) {
		delete(h, "Content-Encoding")
		delete(h, "Content-Language")
		return c.send(&outgoing{call: call, mode: modeSend, noETag: true})
	}
	off, n, err := c.window(h, fi.Size(), o)
	if err != nil {
		return err
	}
	body, err := section(f, off, n)
	if err != nil {
		return err
	}
	delete(h, "Content-Length")
	err = c.send(&outgoing{call: call, r: body, size: n, mode: modeSend, noETag: true, ctype: ctype})
	if err == nil && res.Written() < n && (res.status == http.StatusOK || res.status == http.StatusPartialContent) {
		// The file shrank after Stat: the client got less than
		// Content-Length announced (net/http closes the connection).
		return &fs.PathError{Op: "read", Path: fi.Name(), Err: io.ErrUnexpectedEOF}
	}
	return clientGone(err)
}

// fileHeaders sets Accept-Ranges, Cache-Control, Last-Modified and the ETag
// per o, each unless already set.
func (c *Context) fileHeaders(h http.Header, f fs.File, fi fs.FileInfo, o *SendFileOptions, etagOn bool) {
	if _, set := h["Accept-Ranges"]; !set && !o.DisableAcceptRanges {
		h["Accept-Ranges"] = c.hv("bytes")
	}
	if _, set := h["Cache-Control"]; !set && !o.DisableCacheControl {
		h["Cache-Control"] = c.cacheControl(o.MaxAge, o.Immutable)
	}
	mtime := fi.ModTime()
	var buf [64]byte
	if _, set := h["Last-Modified"]; !set && !o.DisableLastModified && !mtime.IsZero() {
		h["Last-Modified"] = c.hvBytes(mtime.UTC().AppendFormat(buf[:0], http.TimeFormat))
	}
	if _, set := h["Etag"]; !set && etagOn {
		if mtime.IsZero() {
			if t := contentETag(buf[:0], f, fi.Size()); t != nil {
				h["Etag"] = c.hvBytes(t)
			}
			return
		}
		h["Etag"] = c.hvBytes(etag.AppendStat(buf[:0], fi.Size(), mtime.UnixMilli(), true))
	}
}

// cacheControl returns send's Cache-Control value.
func (c *Context) cacheControl(maxAge time.Duration, immutable bool) []string {
	if maxAge <= 0 && !immutable {
		return c.hv("public, max-age=0")
	}
	maxAge = min(max(maxAge, 0), maxMaxAge)
	var buf [48]byte
	b := append(buf[:0], "public, max-age="...)
	b = strconv.AppendInt(b, int64(maxAge/time.Second), 10)
	if immutable {
		b = append(b, ", immutable"...)
	}
	return c.hvBytes(b)
}

// contentETag appends a weak tag of f's size and a hash of its content to
// dst, for files without a modification time, and rewinds f. It returns
// nil when f cannot be rewound or read.
func contentETag(dst []byte, f fs.File, size int64) []byte {
	s, ok := f.(io.Seeker)
	if !ok {
		return nil
	}
	hash := sha1.New()
	if _, err := io.Copy(hash, f); err != nil {
		return nil
	}
	if _, err := s.Seek(0, io.SeekStart); err != nil {
		return nil
	}
	var sum [sha1.Size]byte
	var enc [28]byte
	base64.StdEncoding.Encode(enc[:], hash.Sum(sum[:0]))
	dst = append(dst, `W/"`...)
	dst = strconv.AppendInt(dst, size, 16)
	dst = append(dst, '-')
	dst = append(dst, enc[:27]...)
	return append(dst, '"')
}

// fileType returns the Content-Type send gives a file name.
func fileType(name string) string {
	if ext := extname(name); ext != "" {
		if t := mimetypes.ContentType(ext); t != "" {
			return t
		}
	}
	return ctOctetStream
}

// section returns a reader of n bytes of f from off: f itself limited when
// f is an *os.File (so that net/http reaches sendfile(2)) or can seek, a
// section reader when it can read at offsets, else f with off bytes
// skipped.
func section(f fs.File, off, n int64) (io.Reader, error) {
	if off > 0 {
		switch s := f.(type) {
		case *os.File, io.Seeker:
			if _, err := s.(io.Seeker).Seek(off, io.SeekStart); err != nil {
				return nil, err
			}
		case io.ReaderAt:
			return io.NewSectionReader(s, off, n), nil
		default:
			if _, err := io.CopyN(io.Discard, f, off); err != nil {
				return nil, err
			}
		}
	}
	return &io.LimitedReader{R: f, N: n}, nil
}

// clientGone drops the error of a body write that failed because the
// client went away, as Express ignores ECONNABORTED. Refusals and errors
// reading the file are returned.
func clientGone(err error) error {
	if err == nil || errors.Is(err, ErrHeadersSent) || errors.Is(err, ErrWriteAfterEnd) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && strings.HasPrefix(pe.Op, "read") {
		return err
	}
	return nil
}
