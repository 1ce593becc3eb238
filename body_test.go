package expresso_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// bdPost returns a POST / with body and Content-Type ct (none when "").
// An unsized body has no Content-Length, as a chunked upload.
func bdPost(ct, body string, unsized bool) *http.Request {
	var r *http.Request
	if unsized {
		r = httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(body)))
		r.TransferEncoding = []string{"chunked"}
	} else {
		r = httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

// bdEncoded returns a POST / whose body is body compressed with enc
// ("gzip", "deflate" or "raw" for a zlib-less deflate stream).
func bdEncoded(t *testing.T, ct, enc string, body []byte) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	var w io.WriteCloser
	switch enc {
	case "gzip":
		w = gzip.NewWriter(&buf)
	case "deflate":
		w = zlib.NewWriter(&buf)
	case "raw":
		fw, err := flate.NewWriter(&buf, flate.BestSpeed)
		require.NoError(t, err)
		w, enc = fw, "deflate"
	}
	_, err := w.Write(body)
	require.NoError(t, err)
	require.NoError(t, w.Close())
	r := bdPost(ct, buf.String(), false)
	r.Header.Set("Content-Encoding", enc)
	return r
}

// bdText is the error page's headers for a text/plain message.
func bdText(msg string) http.Header {
	return http.Header{
		"Content-Type":            {"text/plain; charset=utf-8"},
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Length":          {strconv.Itoa(len(msg))},
	}
}

// bdFails serves r with a route that returns call's error and checks that
// the error is an *HTTPError with status and msg, and that the client got
// exactly that error page.
func bdFails(t *testing.T, cfg expresso.Config, r *http.Request, call func(c *expresso.Context) error, status int, msg string) {
	t.Helper()
	bdFailsWith(t, cfg, r, call, status, msg, nil)
}

// bdFailsWith is bdFails for an error page that has the extra headers.
func bdFailsWith(t *testing.T, cfg expresso.Config, r *http.Request, call func(c *expresso.Context) error,
	status int, msg string, extra http.Header) {
	t.Helper()
	app, _ := rsApp(cfg)
	var got error
	app.Post("/", func(c *expresso.Context) error {
		got = call(c)
		return got
	})
	r.Header.Set("Accept", "text/plain")
	res, body := rsDo(t, app, r)
	var he *expresso.HTTPError
	require.ErrorAs(t, got, &he)
	assert.Equal(t, status, he.StatusCode())
	assert.EqualError(t, got, msg)
	assert.Equal(t, status, res.StatusCode)
	want := bdText(msg)
	for k, v := range extra {
		want[k] = v
	}
	assert.Equal(t, want, rsHeader(res.Header))
	assert.Equal(t, msg, body)
}

func bdBody(c *expresso.Context) error { _, err := c.Body(); return err }

func TestBodyShouldReadTheBodyOnce(t *testing.T) {
	t.Parallel()
	type result struct{ First, Second string }
	got := rqValue(t, expresso.Config{}, bdPost("text/plain", "hello", false), func(c *expresso.Context) result {
		a, err1 := c.Body()
		b, err2 := c.Body()
		require.NoError(t, err1)
		require.NoError(t, err2)
		return result{string(a), string(b)}
	})
	assert.Equal(t, result{"hello", "hello"}, got)
}

func TestBodyShouldBeEmptyWithoutABody(t *testing.T) {
	t.Parallel()
	got := rqValue(t, expresso.Config{}, httptest.NewRequest(http.MethodGet, "/", nil), func(c *expresso.Context) []byte {
		b, err := c.Body()
		require.NoError(t, err)
		return b
	})
	assert.Empty(t, got)
}

func TestBodyShouldInflate(t *testing.T) {
	t.Parallel()
	text := strings.Repeat("tobi ", 300)
	cases := []struct {
		name, enc, header string
	}{
		{name: "should inflate gzip", enc: "gzip", header: "gzip"},
		{name: "should inflate deflate", enc: "deflate", header: "deflate"},
		{name: "should match the coding without regard to case", enc: "gzip", header: "GZIP"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := bdEncoded(t, "text/plain", tc.enc, []byte(text))
			r.Header.Set("Content-Encoding", tc.header)
			got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) string {
				b, err := c.Body()
				require.NoError(t, err)
				return string(b)
			})
			assert.Equal(t, text, got)
		})
	}
}

func TestBodyShouldApplyTheLimitToTheInflatedSize(t *testing.T) {
	t.Parallel()
	// Compresses to far fewer than 1000 bytes, inflates to 1000: within.
	r := bdEncoded(t, "text/plain", "gzip", bytes.Repeat([]byte("a"), 1000))
	got := rqValue(t, expresso.Config{BodyLimit: 1000}, r, func(c *expresso.Context) int {
		b, err := c.Body()
		require.NoError(t, err)
		return len(b)
	})
	assert.Equal(t, 1000, got)
}

// bdCounting counts the bytes read from r.
type bdCounting struct {
	r io.Reader
	n int
}

func (c *bdCounting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestBodyShouldStopAGzipBombAtTheLimit(t *testing.T) {
	t.Parallel()
	// 64 MiB of zeros gzip to about 64 KiB; the limit is 1 MiB of output.
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	require.NoError(t, err)
	zero := make([]byte, 1<<20)
	for range 64 {
		_, err := zw.Write(zero)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	src := &bdCounting{r: bytes.NewReader(buf.Bytes())}
	r := httptest.NewRequest(http.MethodPost, "/", src)
	r.ContentLength = int64(buf.Len())
	r.Header.Set("Content-Type", "application/octet-stream")
	r.Header.Set("Content-Encoding", "gzip")
	bdFails(t, expresso.Config{}, r, bdBody, 413, "request entity too large")
	assert.Less(t, src.n, buf.Len()/8, "read %d of %d compressed bytes", src.n, buf.Len())
}

// bdAborting yields some bytes, then fails as a connection cut short does.
type bdAborting struct{ sent bool }

func (a *bdAborting) Read(p []byte) (int, error) {
	if a.sent {
		return 0, io.ErrUnexpectedEOF
	}
	a.sent = true
	return copy(p, "hello"), nil
}

// bdFailing fails with an error that is not a short body.
type bdFailing struct{}

func (bdFailing) Read([]byte) (int, error) { return 0, errors.New("invalid byte in chunk length") }

func TestBodyErrors(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 1<<20+1)
	aborted := httptest.NewRequest(http.MethodPost, "/", &bdAborting{})
	aborted.ContentLength = 100
	broken := httptest.NewRequest(http.MethodPost, "/", bdFailing{})
	broken.TransferEncoding = []string{"chunked"}
	corrupt := bdPost("text/plain", "not gzip at all", false)
	corrupt.Header.Set("Content-Encoding", "gzip")
	gz := bdEncoded(t, "text/plain", "gzip", []byte("hello, world"))
	gzBody, _ := io.ReadAll(gz.Body)
	truncated := bdPost("text/plain", string(gzBody[:len(gzBody)-6]), false)
	truncated.Header.Set("Content-Encoding", "gzip")
	badSum := append([]byte(nil), gzBody...)
	badSum[len(badSum)-5] ^= 0xFF
	checksum := bdPost("text/plain", string(badSum), false)
	checksum.Header.Set("Content-Encoding", "gzip")
	corruptDeflate := bdPost("text/plain", "\x78\x9c\xff\xff\xff\xff\xff", false)
	corruptDeflate.Header.Set("Content-Encoding", "deflate")
	emptyGzip := bdPost("text/plain", "", false)
	emptyGzip.Header.Set("Content-Encoding", "gzip")
	encoded := func(enc string) *http.Request {
		r := bdPost("text/plain", "hi", false)
		r.Header.Set("Content-Encoding", enc)
		return r
	}
	cases := []struct {
		name   string
		cfg    expresso.Config
		r      *http.Request
		status int
		msg    string
	}{
		{name: "should answer 413 for a Content-Length over BodyLimit", cfg: expresso.Config{BodyLimit: 10},
			r: bdPost("text/plain", "01234567890", false), status: 413, msg: "request entity too large"},
		{name: "should answer 413 for a chunked body over BodyLimit", cfg: expresso.Config{BodyLimit: 10},
			r: bdPost("text/plain", "01234567890", true), status: 413, msg: "request entity too large"},
		{name: "should answer 413 over the default 1 MiB", r: bdPost("text/plain", big, true),
			status: 413, msg: "request entity too large"},
		{name: "should answer 413 for an inflated body over BodyLimit", cfg: expresso.Config{BodyLimit: 999},
			r: bdEncoded(t, "text/plain", "deflate", bytes.Repeat([]byte("a"), 1000)), status: 413, msg: "request entity too large"},
		{name: "should answer 415 for br", r: encoded("br"), status: 415, msg: `unsupported content encoding "br"`},
		{name: "should answer 415 for x-gzip", r: encoded("x-gzip"), status: 415, msg: `unsupported content encoding "x-gzip"`},
		{name: "should answer 415 for stacked codings", r: encoded("gzip, br"), status: 415,
			msg: `unsupported content encoding "gzip, br"`},
		{name: "should name the coding in lower case", r: encoded("ZSTD"), status: 415, msg: `unsupported content encoding "zstd"`},
		{name: "should answer 400 for data that is not gzip", r: corrupt, status: 400, msg: "incorrect header check"},
		{name: "should answer 400 for a raw deflate stream", r: bdEncoded(t, "text/plain", "raw", []byte("hello")),
			status: 400, msg: "incorrect header check"},
		{name: "should answer 400 for a corrupt deflate stream", r: corruptDeflate, status: 400, msg: "invalid compressed data"},
		{name: "should answer 400 for truncated gzip", r: truncated, status: 400, msg: "unexpected end of file"},
		{name: "should answer 400 for an empty gzip body", r: emptyGzip, status: 400, msg: "unexpected end of file"},
		{name: "should answer 400 for a gzip checksum mismatch", r: checksum, status: 400, msg: "incorrect data check"},
		{name: "should answer 400 when the client aborts", r: aborted, status: 400, msg: "request aborted"},
		{name: "should answer 400 when the body cannot be read", r: broken, status: 400, msg: "request body could not be read"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bdFails(t, tc.cfg, tc.r, bdBody, tc.status, tc.msg)
		})
	}
}

func TestBodyShouldNotLimitANegativeBodyLimit(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 2<<20)
	got := rqValue(t, expresso.Config{BodyLimit: -1}, bdPost("text/plain", big, true), func(c *expresso.Context) int {
		b, err := c.Body()
		require.NoError(t, err)
		return len(b)
	})
	assert.Equal(t, len(big), got)
}

func TestBodyShouldAcceptABodyOfExactlyBodyLimit(t *testing.T) {
	t.Parallel()
	for _, unsized := range []bool{false, true} {
		got := rqValue(t, expresso.Config{BodyLimit: 5}, bdPost("text/plain", "12345", unsized), func(c *expresso.Context) string {
			b, err := c.Body()
			require.NoError(t, err)
			return string(b)
		})
		assert.Equal(t, "12345", got)
	}
}

func TestBodyShouldFailAgainAfterAFailedRead(t *testing.T) {
	t.Parallel()
	type result struct {
		First, Second string
		Rest          int
	}
	r := bdPost("text/plain", strings.Repeat("x", 20), true)
	got := rqValue(t, expresso.Config{BodyLimit: 10}, r, func(c *expresso.Context) result {
		b1, err1 := c.Body()
		b2, err2 := c.Body()
		require.Error(t, err1)
		require.Error(t, err2)
		return result{err1.Error(), err2.Error(), len(b1) + len(b2)}
	})
	assert.Equal(t, result{"request entity too large", "request entity too large", 0}, got)
}

func TestBodyShouldNotReserveWhatContentLengthClaims(t *testing.T) {
	t.Parallel()
	// Without a limit, a claimed terabyte must not be allocated up front;
	// the body that came is not the size declared.
	r := bdPost("text/plain", "hello", false)
	r.ContentLength = 1 << 40
	bdFails(t, expresso.Config{BodyLimit: -1}, r, bdBody, 400, "request size did not match content length")
}
