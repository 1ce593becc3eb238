package middleware

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"io"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/expresso-go/expresso/internal/vary"
)

// CompressOptions configures [Compress]. The zero value is the compression
// package's defaults: the default compression level, a 1 KiB threshold and
// the compressible content types.
type CompressOptions struct {
	// Level is the gzip/deflate level, 1 (fastest) to 9 (smallest). Zero
	// means the default level (6).
	Level int

	// MinSize is the smallest body compressed, in bytes. Zero means 1024;
	// a negative value compresses every body. A body whose size is unknown
	// (no Content-Length) is held back until MinSize bytes arrived, the
	// handler returned, or it flushed (a stream is compressed whatever its
	// size).
	MinSize int

	// ContentTypes lists the media types to compress, each exact
	// ("application/json") or a type with a "*" subtype ("text/*").
	// Nil means the compressible types: text/*, JSON, JavaScript, XML and
	// the +json and +xml types, SVG, WebAssembly, and the font formats that
	// are not already compressed.
	ContentTypes []string
}

// Compress returns a middleware that compresses response bodies with gzip
// or deflate, whichever the request's Accept-Encoding prefers by q-value
// (gzip on a tie), and adds "Vary: Accept-Encoding" to every response whose
// type it would compress.
//
// It leaves alone responses without a body (HEAD, 1xx, 204, 304), ranged
// responses (206 or Content-Range), responses already encoded
// (Content-Encoding), responses marked Cache-Control: no-transform, types
// outside ContentTypes, and bodies smaller than MinSize. When it
// compresses it drops Content-Length and weakens a strong ETag (the
// compressed bytes are another representation). A Flush compresses and
// flushes what was written so far, so server-sent events and other streams
// keep streaming. The writer it passes on keeps Unwrap, for
// [http.ResponseController].
//
// Inside an expresso App, a response that the error handlers send after
// the rest of the chain returned an error is not compressed: only what
// passes through the middleware is.
//
// Compress mirrors the compression package. It differs in that a body of
// unknown size is held back up to the threshold instead of being
// compressed whatever its size, strong ETags are weakened, ranged
// responses are skipped, and brotli is not offered.
func Compress(opts CompressOptions) func(http.Handler) http.Handler {
	cm := newCompressor(opts)
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			cw := cm.writers.Get().(*compressWriter)
			cw.w, cw.r = w, r
			finished := false
			defer func() {
				if !finished {
					cw.abandon()
				}
			}()
			next.ServeHTTP(cw, r)
			finished = true
			cw.finish()
		})
	}
}

// compressor is a configured Compress with its pools.
type compressor struct {
	level   int
	minSize int
	types   []string // exact types, or "type/" prefixes for "type/*"
	writers sync.Pool
	gzips   sync.Pool
	flates  sync.Pool
}

func newCompressor(o CompressOptions) *compressor {
	cm := &compressor{level: o.Level, minSize: o.MinSize}
	switch {
	case cm.level == 0:
		cm.level = gzip.DefaultCompression
	case cm.level < 1 || cm.level > 9:
		panic("middleware: CompressOptions.Level must be 1 to 9 (or 0 for the default), not " + strconv.Itoa(o.Level))
	}
	switch {
	case cm.minSize == 0:
		cm.minSize = 1024
	case cm.minSize < 0:
		cm.minSize = 0
	}
	for _, t := range o.ContentTypes {
		mt, params, err := mime.ParseMediaType(t)
		if err != nil || len(params) > 0 || !strings.Contains(mt, "/") || strings.HasPrefix(mt, "*") {
			panic("middleware: CompressOptions.ContentTypes: " + strconv.Quote(t) + " is not a media type such as text/html or text/*")
		}
		cm.types = append(cm.types, strings.TrimSuffix(mt, "*"))
	}
	cm.writers.New = func() any { return &compressWriter{cm: cm} }
	return cm
}

// compressible reports whether a response of Content-Type ct is
// compressed.
func (cm *compressor) compressible(ct string) bool {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	ct = strings.TrimSpace(ct)
	if ct == "" {
		return false
	}
	if cm.types == nil {
		return defaultCompressible(ct)
	}
	for _, t := range cm.types {
		if strings.HasSuffix(t, "/") && len(ct) > len(t) && strings.EqualFold(ct[:len(t)], t) || strings.EqualFold(ct, t) {
			return true
		}
	}
	return false
}

// defaultCompressible is the compressible package's rule: text/*, the
// +json, +text and +xml suffixes, and the types mime-db marks compressible.
func defaultCompressible(ct string) bool {
	ct = strings.ToLower(ct)
	if strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "+json") || strings.HasSuffix(ct, "+xml") ||
		strings.HasSuffix(ct, "+text") {
		return true
	}
	switch ct {
	case "application/json", "application/javascript", "application/x-javascript", "application/ecmascript",
		"application/xml", "application/xhtml+xml", "application/wasm", "application/x-www-form-urlencoded",
		"application/graphql", "application/x-ndjson", "application/vnd.ms-fontobject", "application/x-font-ttf",
		"font/ttf", "font/otf", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon", "image/bmp":
		return true
	}
	return false
}

// Content codings a compressWriter may choose.
const (
	encIdentity = iota
	encGzip
	encDeflate
)

// compressWriter is the ResponseWriter Compress passes on; pooled.
type compressWriter struct {
	cm      *compressor
	w       http.ResponseWriter
	r       *http.Request
	status  int  // the status to send, once WriteHeader or Write was called
	decided bool // the coding is chosen and the headers sent
	enc     int
	zw      interface {
		io.Writer
		Flush() error
		Close() error
	}
	buf []byte // body held back while undecided
	// abandoned is set when the handler panicked after compressing began:
	// nothing more is written.
	abandoned bool
}

// Header returns the underlying header map.
func (cw *compressWriter) Header() http.Header { return cw.w.Header() }

// WriteHeader records the status; the headers go out once the coding is
// chosen. Informational statuses pass straight through.
func (cw *compressWriter) WriteHeader(code int) {
	if cw.decided {
		cw.w.WriteHeader(code) // net/http reports the superfluous call
		return
	}
	if code < 200 && code != http.StatusSwitchingProtocols {
		cw.w.WriteHeader(code)
		return
	}
	if cw.status == 0 {
		cw.status = code
	}
	if cw.bodyless() || cw.w.Header().Get("Content-Length") != "" {
		cw.decide(false)
	}
}

// Write compresses p, or holds it back while the coding is undecided.
func (cw *compressWriter) Write(p []byte) (int, error) {
	if !cw.decided {
		if cw.status == 0 {
			cw.status = http.StatusOK
		}
		if len(cw.buf)+len(p) < cw.cm.minSize {
			cw.buf = append(cw.buf, p...)
			return len(p), nil
		}
		if err := cw.decideAndFlushBuf(true); err != nil {
			return 0, err
		}
	}
	if cw.zw != nil {
		return cw.zw.Write(p)
	}
	if cw.abandoned {
		return 0, http.ErrAbortHandler
	}
	return cw.w.Write(p)
}

// FlushError sends what was written so far: the coding is chosen (a stream
// is compressed whatever its size), the compressor flushed, then the
// underlying writer.
func (cw *compressWriter) FlushError() error {
	if !cw.decided {
		if cw.status == 0 {
			cw.status = http.StatusOK
		}
		if err := cw.decideAndFlushBuf(true); err != nil {
			return err
		}
	}
	if cw.zw != nil {
		if err := cw.zw.Flush(); err != nil {
			return err
		}
	}
	return http.NewResponseController(cw.w).Flush()
}

// Flush is FlushError for [http.Flusher].
func (cw *compressWriter) Flush() { _ = cw.FlushError() }

// Hijack hands the connection over, for libraries that assert
// [http.Hijacker]; nothing more is compressed.
func (cw *compressWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(cw.w).Hijack()
	if err == nil {
		cw.decided, cw.buf, cw.zw = true, cw.buf[:0], nil
	}
	return conn, rw, err
}

// Unwrap returns the underlying writer, for [http.ResponseController].
func (cw *compressWriter) Unwrap() http.ResponseWriter { return cw.w }

// bodyless reports whether the response can have no body to compress.
func (cw *compressWriter) bodyless() bool {
	s := cw.status
	return cw.r.Method == http.MethodHead || s < 200 || s == http.StatusNoContent || s == http.StatusNotModified ||
		s == http.StatusPartialContent
}

// decideAndFlushBuf chooses the coding and writes the held-back bytes.
func (cw *compressWriter) decideAndFlushBuf(stream bool) error {
	cw.decide(stream)
	if len(cw.buf) == 0 {
		return nil
	}
	var err error
	if cw.zw != nil {
		_, err = cw.zw.Write(cw.buf)
	} else {
		_, err = cw.w.Write(cw.buf)
	}
	cw.buf = cw.buf[:0]
	return err
}

// decide chooses the coding and sends the headers. stream is true when
// more body may follow the held-back bytes.
func (cw *compressWriter) decide(stream bool) {
	cw.decided = true
	h := cw.w.Header()
	if cw.status == 0 {
		cw.status = http.StatusOK
	}
	if cw.eligible(h, stream) {
		cw.enc = chooseEncoding(cw.r.Header["Accept-Encoding"])
	}
	if cw.enc != encIdentity && !cw.bodyless() {
		cw.start(h)
	} else {
		cw.enc = encIdentity
	}
	cw.w.WriteHeader(cw.status)
}

// eligible applies the rules that do not depend on the request's
// Accept-Encoding, adding Vary once the type qualifies.
func (cw *compressWriter) eligible(h http.Header, stream bool) bool {
	if len(h["Content-Range"]) > 0 || cw.status == http.StatusPartialContent {
		return false
	}
	if ce := h.Get("Content-Encoding"); ce != "" && !strings.EqualFold(ce, "identity") {
		return false
	}
	if cc := h["Cache-Control"]; len(cc) > 0 && hasDirective(cc, "no-transform") {
		return false
	}
	if !cw.cm.compressible(h.Get("Content-Type")) {
		return false
	}
	addVaryField(h, "Accept-Encoding")
	if cl := h.Get("Content-Length"); cl != "" {
		n, err := strconv.ParseInt(cl, 10, 64)
		return err == nil && n >= int64(cw.cm.minSize)
	}
	return stream || len(cw.buf) > 0 && len(cw.buf) >= cw.cm.minSize
}

// start switches the response to the chosen coding.
func (cw *compressWriter) start(h http.Header) {
	delete(h, "Content-Length")
	if et := h["Etag"]; len(et) == 1 && strings.HasPrefix(et[0], `"`) {
		h["Etag"] = []string{"W/" + et[0]}
	}
	if cw.enc == encGzip {
		h["Content-Encoding"] = []string{"gzip"}
		zw, _ := cw.cm.gzips.Get().(*gzip.Writer)
		if zw == nil {
			zw, _ = gzip.NewWriterLevel(cw.w, cw.cm.level) // the level was checked
		} else {
			zw.Reset(cw.w)
		}
		cw.zw = zw
		return
	}
	h["Content-Encoding"] = []string{"deflate"}
	zw, _ := cw.cm.flates.Get().(*flate.Writer)
	if zw == nil {
		zw, _ = flate.NewWriter(cw.w, cw.cm.level)
	} else {
		zw.Reset(cw.w)
	}
	cw.zw = zw
}

// finish ends the response once the handler returned and releases cw.
// A response nothing was written to is left untouched, for the error
// handlers that may still answer it.
func (cw *compressWriter) finish() {
	if !cw.decided && cw.status != 0 {
		_ = cw.decideAndFlushBuf(false) // a write error reaches the client as a cut response
	}
	if cw.zw != nil {
		_ = cw.zw.Close()
		switch zw := cw.zw.(type) {
		case *gzip.Writer:
			cw.cm.gzips.Put(zw)
		case *flate.Writer:
			cw.cm.flates.Put(zw)
		}
	}
	buf := cw.buf[:0]
	if cap(buf) > 64<<10 {
		buf = nil
	}
	*cw = compressWriter{cm: cw.cm, buf: buf}
	cw.cm.writers.Put(cw)
}

// abandon is finish for a handler that panicked: cw is not pooled, as an
// error handler may still hold it, and turns into a pass-through, so that
// an error page sent through it reaches the client uncompressed. Bytes
// already compressed are left as they are: the response had started, and
// the connection will be aborted.
func (cw *compressWriter) abandon() {
	if !cw.decided {
		cw.decided, cw.enc, cw.buf = true, encIdentity, nil
	}
	if cw.zw != nil {
		cw.zw = nil
		cw.enc = encIdentity
		cw.abandoned = true
	}
}

// chooseEncoding returns the coding Accept-Encoding prefers: gzip or
// deflate by q-value, gzip on a tie, identity when neither is acceptable.
func chooseEncoding(values []string) int {
	qGzip, qDeflate, qStar := -1.0, -1.0, -1.0
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.TrimSpace(name)
			q, ok := qValue(params)
			if !ok {
				continue
			}
			switch {
			case strings.EqualFold(name, "gzip") || strings.EqualFold(name, "x-gzip"):
				qGzip = max(qGzip, q)
			case strings.EqualFold(name, "deflate"):
				qDeflate = max(qDeflate, q)
			case name == "*":
				qStar = max(qStar, q)
			}
		}
	}
	if qGzip < 0 {
		qGzip = qStar
	}
	if qDeflate < 0 {
		qDeflate = qStar
	}
	switch {
	case qGzip > 0 && qGzip >= qDeflate:
		return encGzip
	case qDeflate > 0:
		return encDeflate
	}
	return encIdentity
}

// qValue returns the q parameter of an Accept-Encoding element (1 when
// absent); ok is false when it is malformed.
func qValue(params string) (q float64, ok bool) {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return 0, false
		}
		return f, true
	}
	return 1, true
}

// hasDirective reports whether a Cache-Control header has directive d.
func hasDirective(values []string, d string) bool {
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			name, _, _ := strings.Cut(part, "=")
			if strings.EqualFold(strings.TrimSpace(name), d) {
				return true
			}
		}
	}
	return false
}

// addVaryField adds field to the Vary header, merging with what is there.
func addVaryField(h http.Header, field string) {
	old := h["Vary"]
	cur := ""
	if len(old) == 1 {
		cur = old[0]
	} else if len(old) > 1 {
		cur = strings.Join(old, ", ")
	}
	if v, _ := vary.Append(cur, field); v != cur || len(old) > 1 {
		h["Vary"] = []string{v}
	}
}
