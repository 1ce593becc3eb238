package expresso

import (
	"errors"
	"mime/multipart"
	"net/http"
)

// bodyState is the per-request state of the body readers beyond the bytes
// Body keeps (Context.body): the multipart form, read once, and the
// reader of the request body.
type bodyState struct {
	form     *multipart.Form
	formErr  error
	formRead bool
	consumed bool // MultipartForm read the request body without keeping it
	src      bodySource
}

// errBodyIsForm is returned by Body after MultipartForm consumed the
// request body without keeping its bytes.
var errBodyIsForm = errors.New("expresso: Body: the body was already read by MultipartForm")

// Body reads the whole request body and returns it, as Express's
// express.raw() gives it in req.body: decompressed when the request has
// Content-Encoding gzip or deflate (another coding is a 415), and at most
// Config.BodyLimit bytes after decompression (1 MiB by default, where
// Express's default is 100 KiB).
//
// A Content-Length over the limit is refused before anything is read;
// otherwise the body is counted as it arrives, chunked or compressed, and
// reading stops one byte past the limit. After a failed read the rest of
// the body is abandoned: the error response goes out without waiting for
// it and the connection closes. A request without a body gives an empty
// slice. The body is read once and kept, so Body and Bind can both be
// called and see the same bytes; a failed read fails again the same way.
//
// Every failure is an [*HTTPError] with body-parser's status and message:
// 413 "request entity too large"; 415 "unsupported content encoding
// \"br\""; 400 "request aborted" when the client went away; 400 "request
// size did not match content length" for a body that is not the size it
// declared (possible only for a request built or rewritten in the
// process); 400 with the decompressor's message for corrupt data
// ("incorrect header check", "unexpected end of file", "incorrect data
// check", "invalid compressed data"); and 408 "request body arrived too
// slowly" when the body comes more slowly than Config.BodyMinRate allows.
// Body also sees the limit of [http.MaxBytesReader] (as set by
// middleware.BodyLimit) as the same 413.
func (c *Context) Body() ([]byte, error) {
	c.live()
	if c.bodyRead {
		return c.body, c.bodyErr
	}
	if c.bst.consumed {
		return nil, errBodyIsForm
	}
	b, err := c.readBody()
	c.body, c.bodyErr, c.bodyRead = b, err, true
	return b, err
}

// bodyLimit returns the App's body limit; negative means none.
func (c *Context) bodyLimit() int64 {
	if c.app.cfg.BodyLimit == 0 {
		return defaultBodyLimit
	}
	return c.app.cfg.BodyLimit
}

// readBody reads the request body: decompressed, within the limit and the
// minimum rate.
func (c *Context) readBody() ([]byte, error) {
	r := c.req
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	enc, err := contentEncoding(r.Header)
	if err != nil {
		return nil, err
	}
	limit := c.bodyLimit()
	if enc == "" && limit >= 0 && r.ContentLength > limit {
		c.abandonBody()
		return nil, tooLarge()
	}
	src := newBodySource(c)
	b, err := readAllLimited(src, enc, limit, r.ContentLength)
	src.finish(c, err == nil)
	if err != nil {
		return nil, src.mapError(err)
	}
	if enc == "" && r.ContentLength >= 0 && int64(len(b)) != r.ContentLength {
		// net/http frames bodies by Content-Length, so only a request built
		// or rewritten in the process gets here.
		return nil, &HTTPError{Code: http.StatusBadRequest, Message: "request size did not match content length"}
	}
	return b, nil
}

// tooLarge is body-parser's 413 entity.too.large.
func tooLarge() error {
	return &HTTPError{Code: http.StatusRequestEntityTooLarge, Message: "request entity too large"}
}

// unsupportedEncoding is body-parser's 415 encoding.unsupported.
func unsupportedEncoding(enc string) error {
	return &HTTPError{Code: http.StatusUnsupportedMediaType,
		Message: `unsupported content encoding "` + enc + `"`}
}

// unsupportedCharset is body-parser's 415 charset.unsupported; the message
// names the charset in upper case.
func unsupportedCharset(cs string) error {
	return &HTTPError{Code: http.StatusUnsupportedMediaType,
		Message: `unsupported charset "` + upperASCII(cs) + `"`}
}

// upperASCII upper-cases the ASCII letters of s, as JavaScript's
// toUpperCase does for a charset name.
func upperASCII(s string) string {
	b := []byte(s)
	for i, ch := range b {
		if 'a' <= ch && ch <= 'z' {
			b[i] = ch - 'a' + 'A'
		}
	}
	return string(b)
}
