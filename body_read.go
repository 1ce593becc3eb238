package expresso

import (
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// contentEncoding returns the request's Content-Encoding lower-cased, ""
// for identity, or the 415 for a coding Body cannot decode. As in
// body-parser, a list of codings ("gzip, br") is not decoded.
func contentEncoding(h http.Header) (string, error) {
	enc := strings.ToLower(first(h["Content-Encoding"]))
	switch enc {
	case "", "identity":
		return "", nil
	case "gzip", "deflate":
		return enc, nil
	}
	return "", unsupportedEncoding(enc)
}

// readAllLimited reads src through the decoder for enc and returns the
// bytes, or a 413 once more than limit bytes (negative: no limit) come
// out. size is the declared Content-Length (-1 if unknown): an identity
// body within the limit is read into a buffer of exactly that size, up to
// 64 KiB (a client's claim does not reserve more memory than that before
// its bytes arrive).
func readAllLimited(src *bodySource, enc string, limit, size int64) ([]byte, error) {
	rd, err := decoded(src, enc)
	if err != nil {
		return nil, err
	}
	if limit >= 0 {
		src.lim = io.LimitedReader{R: rd, N: limit + 1}
		rd = &src.lim
	}
	capacity := 512
	if enc == "" && size >= 0 && (limit < 0 || size <= limit) {
		capacity = int(min(size, maxPrealloc)) + 1 // room to see EOF without growing
	}
	b := make([]byte, 0, capacity)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := rd.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if limit >= 0 && int64(len(b)) > limit {
		return nil, tooLarge()
	}
	return b, nil
}

// maxPrealloc caps the buffer readAllLimited reserves from Content-Length.
const maxPrealloc = 64 << 10

// decoded returns src decompressed for enc ("" for none); the
// decompressor's errors come out as body-parser's 400s.
func decoded(src io.Reader, enc string) (io.Reader, error) {
	var rd io.Reader
	var err error
	switch enc {
	case "gzip":
		rd, err = gzip.NewReader(src)
	case "deflate":
		rd, err = zlib.NewReader(src)
	default:
		return src, nil
	}
	if err != nil {
		return nil, inflateError(err)
	}
	return inflateReader{rd}, nil
}

// inflateReader maps a decompressor's errors with inflateError.
type inflateReader struct{ r io.Reader }

func (z inflateReader) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		err = inflateError(err)
	}
	return n, err
}

// inflateError maps a decompressor's error to body-parser's 400, whose
// message is zlib's. Go's decoders cannot tell every zlib reason apart; a
// corrupt stream, or any other failure, is "invalid compressed data".
func inflateError(err error) error {
	var msg string
	switch {
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader), errors.Is(err, zlib.ErrDictionary):
		msg = "incorrect header check"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		msg = "unexpected end of file"
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		msg = "incorrect data check"
	default:
		msg = "invalid compressed data"
	}
	return &HTTPError{Code: http.StatusBadRequest, Message: msg, Err: err}
}

// maxReader returns errTooLarge, rather than io.EOF, once more than n
// bytes were read from r.
type maxReader struct {
	r io.Reader
	n int64 // bytes still allowed
}

// errTooLarge is maxReader's error, mapped to the 413.
var errTooLarge = errors.New("expresso: request entity too large")

func (m *maxReader) Read(p []byte) (int, error) {
	if m.n < 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > m.n+1 {
		p = p[:m.n+1]
	}
	n, err := m.r.Read(p)
	m.n -= int64(n)
	if m.n < 0 {
		return n, errTooLarge
	}
	return n, err
}

// bodySource reads the request body for Body: it keeps the network's
// error apart from the decompressor's, and enforces the minimum rate by
// moving the connection's read deadline as bytes arrive.
type bodySource struct {
	r        io.Reader
	lim      io.LimitedReader // readAllLimited's limit, kept here to save an allocation
	rc       http.ResponseController
	deadline bool // the connection supports read deadlines
	start    time.Time
	grace    time.Duration
	rate     int64 // bytes per second; 0 means no minimum
	n        int64
	err      error // the first error other than io.EOF from r
}

// newBodySource prepares the Context's bodySource for a read.
func newBodySource(c *Context) *bodySource {
	s := &c.bst.src
	*s = bodySource{r: c.req.Body, start: time.Now()}
	s.rate = c.app.cfg.BodyMinRate
	if s.rate == 0 {
		s.rate = defaultBodyMinRate
	}
	if s.rate < 0 {
		s.rate = 0
		return s
	}
	s.grace = c.app.cfg.BodyMinRateGrace
	if s.grace <= 0 {
		s.grace = defaultBodyMinRateGrace
	}
	s.rc = *http.NewResponseController(c.res)
	s.deadline = s.rc.SetReadDeadline(s.next()) == nil
	return s
}

// next is the time by which more bytes must arrive: the grace period plus
// the time the bytes received so far are worth at the minimum rate.
func (s *bodySource) next() time.Time {
	secs := min(float64(s.n)/float64(s.rate), 1e9) // a 30-year allowance is no limit either
	return s.start.Add(s.grace + time.Duration(secs*float64(time.Second)))
}

func (s *bodySource) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	s.n += int64(n)
	if s.rate > 0 {
		if err == nil && !s.deadline && time.Now().After(s.next()) {
			err = os.ErrDeadlineExceeded
		}
		if err == nil && s.deadline {
			_ = s.rc.SetReadDeadline(s.next()) // supported: checked in newBodySource
		}
	}
	if err != nil && err != io.EOF {
		s.err = err
	}
	return n, err
}

// finish clears the read deadline after a complete read, and abandons the
// rest of the body after a failed one.
func (s *bodySource) finish(c *Context, ok bool) {
	switch {
	case !ok:
		c.abandonBody()
	case s.deadline:
		_ = s.rc.SetReadDeadline(time.Time{}) // supported: checked in newBodySource
	}
}

// abandonBody makes net/http give up the unread rest of the request body:
// with the read deadline in the past, its drain before the response fails
// at once, so the error response goes out without waiting for the client
// and the connection is closed after it (as http.MaxBytesReader arranges).
// body-parser instead reads the whole body before answering. A writer
// without read deadlines (a test recorder) is left as it is.
func (c *Context) abandonBody() {
	_ = http.NewResponseController(c.res).SetReadDeadline(time.Now()) // unsupported: nothing to abandon
}

// mapError turns a failed read into body-parser's error: the network's
// error wins over the decompressor's, since the latter follows from it.
func (s *bodySource) mapError(err error) error {
	if s.err == nil {
		return err
	}
	err = s.err
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		return tooLarge()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return &HTTPError{Code: http.StatusRequestTimeout, Message: "request body arrived too slowly",
			Header: http.Header{"Connection": {"close"}}, Err: err}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &HTTPError{Code: http.StatusBadRequest, Message: "request aborted", Err: err}
	}
	return &HTTPError{Code: http.StatusBadRequest, Message: "request body could not be read", Err: err}
}
