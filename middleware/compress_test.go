package middleware_test

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigJSON is a JSON body above the default threshold.
var bigJSON = `{"items":"` + strings.Repeat("abcdefgh", 200) + `"}`

func decode(t *testing.T, enc string, body []byte) string {
	t.Helper()
	var r io.Reader
	switch enc {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		require.NoError(t, err)
		r = zr
	case "deflate":
		r = flate.NewReader(bytes.NewReader(body))
	default:
		return string(body)
	}
	b, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(b)
}

type compressCase struct {
	name       string
	opts       middleware.CompressOptions
	method     string
	accept     string
	header     http.Header // set by the handler before sending
	status     int
	body       string
	wantStatus int
	wantHeader http.Header // the relevant headers of the response
}

// relevant keeps the headers Compress sets or must leave alone.
func relevant(h http.Header) http.Header {
	out := http.Header{}
	for _, k := range []string{"Content-Encoding", "Content-Length", "Vary", "Etag", "Content-Range"} {
		if v, ok := h[k]; ok {
			out[k] = v
		}
	}
	return out
}

func TestCompress(t *testing.T) {
	jsonType := http.Header{"Content-Type": {"application/json"}}
	gz := func(extra ...string) http.Header {
		h := http.Header{"Content-Encoding": {"gzip"}, "Vary": {"Accept-Encoding"}}
		for i := 0; i+1 < len(extra); i += 2 {
			h[extra[i]] = []string{extra[i+1]}
		}
		return h
	}
	plain := func(n int) http.Header {
		return http.Header{"Vary": {"Accept-Encoding"}, "Content-Length": {strconv.Itoa(n)}}
	}
	tests := []compressCase{
		{"gzip when asked", middleware.CompressOptions{}, "GET", "gzip", jsonType, 200, bigJSON, 200, gz()},
		{"deflate when only deflate is accepted", middleware.CompressOptions{}, "GET", "deflate", jsonType, 200, bigJSON, 200,
			http.Header{"Content-Encoding": {"deflate"}, "Vary": {"Accept-Encoding"}}},
		{"gzip on a tie whatever the order", middleware.CompressOptions{}, "GET", "deflate, gzip", jsonType, 200, bigJSON, 200, gz()},
		{"the higher q wins", middleware.CompressOptions{}, "GET", "gzip;q=0.5, deflate;q=0.8", jsonType, 200, bigJSON, 200,
			http.Header{"Content-Encoding": {"deflate"}, "Vary": {"Accept-Encoding"}}},
		{"a star accepts gzip", middleware.CompressOptions{}, "GET", "*", jsonType, 200, bigJSON, 200, gz()},
		{"x-gzip is gzip", middleware.CompressOptions{}, "GET", "x-gzip", jsonType, 200, bigJSON, 200, gz()},
		{"q=0 refuses", middleware.CompressOptions{}, "GET", "gzip;q=0, deflate;q=0", jsonType, 200, bigJSON, 200, plain(len(bigJSON))},
		{"a malformed q is ignored", middleware.CompressOptions{}, "GET", "gzip;q=2, deflate;q=x", jsonType, 200, bigJSON, 200, plain(len(bigJSON))},
		{"no Accept-Encoding", middleware.CompressOptions{}, "GET", "", jsonType, 200, bigJSON, 200, plain(len(bigJSON))},
		{"identity only", middleware.CompressOptions{}, "GET", "identity", jsonType, 200, bigJSON, 200, plain(len(bigJSON))},
		{"below the threshold", middleware.CompressOptions{}, "GET", "gzip", jsonType, 200, `{"a":1}`, 200, plain(7)},
		{"a lower threshold", middleware.CompressOptions{MinSize: 5}, "GET", "gzip", jsonType, 200, `{"a":1}`, 200, gz()},
		{"an incompressible type gets no Vary", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"image/png"}}, 200, bigJSON, 200,
			http.Header{"Content-Length": {strconv.Itoa(len(bigJSON))}}},
		{"a chosen type list", middleware.CompressOptions{ContentTypes: []string{"image/*"}}, "GET", "gzip", http.Header{"Content-Type": {"image/png"}}, 200, bigJSON, 200, gz()},
		{"outside a chosen type list", middleware.CompressOptions{ContentTypes: []string{"image/*"}}, "GET", "gzip", jsonType, 200, bigJSON, 200,
			http.Header{"Content-Length": {strconv.Itoa(len(bigJSON))}}},
		{"an already encoded body", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Content-Encoding": {"br"}}, 200, bigJSON, 200,
			http.Header{"Content-Encoding": {"br"}, "Content-Length": {strconv.Itoa(len(bigJSON))}}},
		{"no-transform", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Cache-Control": {"public, no-transform"}}, 200, bigJSON, 200,
			http.Header{"Content-Length": {strconv.Itoa(len(bigJSON))}}},
		{"a HEAD request", middleware.CompressOptions{}, "HEAD", "gzip", jsonType, 200, bigJSON, 200, plain(len(bigJSON))},
		{"a ranged response", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Content-Range": {"bytes 0-1599/4000"}}, 206, bigJSON, 206,
			http.Header{"Content-Range": {"bytes 0-1599/4000"}, "Content-Length": {strconv.Itoa(len(bigJSON))}}},
		{"a strong ETag is weakened", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Etag": {`"abc"`}}, 200, bigJSON, 200,
			gz("Etag", `W/"abc"`)},
		{"a weak ETag is kept", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Etag": {`W/"abc"`}}, 200, bigJSON, 200,
			gz("Etag", `W/"abc"`)},
		{"an existing Vary is merged", middleware.CompressOptions{}, "GET", "gzip", http.Header{"Content-Type": {"text/plain"}, "Vary": {"Origin"}}, 200, bigJSON, 200,
			http.Header{"Content-Encoding": {"gzip"}, "Vary": {"Origin, Accept-Encoding"}}},
	}
	for _, tt := range tests {
		for _, inApp := range []bool{false, true} {
			t.Run(tt.name+map[bool]string{false: " (net/http)", true: " (App)"}[inApp], func(t *testing.T) {
				runCompress(t, tt, inApp)
			})
		}
	}
}

func runCompress(t *testing.T, tt compressCase, inApp bool) {
	var h http.Handler
	if inApp {
		app := expresso.New(expresso.Config{Env: "production", ETag: expresso.ETagOff})
		app.Use(middleware.Compress(tt.opts))
		app.All("/", func(c *expresso.Context) error {
			for k, v := range tt.header {
				c.Set(k, v[0])
			}
			return c.Status(tt.status).Send([]byte(tt.body))
		})
		h = app
	} else {
		h = middleware.Compress(tt.opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for k, v := range tt.header {
				w.Header()[k] = v
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(tt.body)))
			w.WriteHeader(tt.status)
			if r.Method != "HEAD" {
				_, _ = w.Write([]byte(tt.body))
			}
		}))
	}
	r := httptest.NewRequest(tt.method, "/", nil)
	if tt.accept != "" {
		r.Header.Set("Accept-Encoding", tt.accept)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	assert.Equal(t, tt.wantStatus, rec.Code)
	assert.Equal(t, tt.wantHeader, relevant(rec.Header()))
	want := tt.body
	if tt.method == "HEAD" {
		want = ""
	}
	assert.Equal(t, want, decode(t, rec.Header().Get("Content-Encoding"), rec.Body.Bytes()))
}

func TestCompressBodiesOfUnknownSize(t *testing.T) {
	tests := []struct {
		name     string
		writes   []string
		wantEnc  string
		wantVary bool
	}{
		{"small writes that stay below the threshold", []string{"a", "b", "c"}, "", true},
		{"writes that reach the threshold", []string{strings.Repeat("x", 600), strings.Repeat("y", 600)}, "gzip", true},
		{"one large write", []string{strings.Repeat("x", 5000)}, "gzip", true},
		{"nothing written", nil, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := middleware.Compress(middleware.CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(200)
				for _, s := range tt.writes {
					_, _ = io.WriteString(w, s)
				}
			}))
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			assert.Equal(t, 200, rec.Code)
			assert.Equal(t, tt.wantEnc, rec.Header().Get("Content-Encoding"))
			assert.Equal(t, "Accept-Encoding", rec.Header().Get("Vary"))
			assert.Equal(t, strings.Join(tt.writes, ""), decode(t, tt.wantEnc, rec.Body.Bytes()))
		})
	}
}

func TestCompressLeavesNoBodyResponsesAlone(t *testing.T) {
	for _, status := range []int{204, 304} {
		t.Run(strconv.Itoa(status), func(t *testing.T) {
			app := expresso.New(expresso.Config{Env: "production"})
			app.Use(middleware.Compress(middleware.CompressOptions{MinSize: -1}))
			app.Get("/", func(c *expresso.Context) error { return c.Type("json").SendStatus(status) })
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			assert.Equal(t, status, rec.Code)
			assert.Equal(t, "", rec.Header().Get("Content-Encoding"))
			assert.Equal(t, "", rec.Body.String())
		})
	}
}

func TestCompressLetsTheErrorHandlersAnswerUncompressed(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(middleware.Compress(middleware.CompressOptions{MinSize: -1}))
	app.Get("/", func(c *expresso.Context) error { return expresso.NewHTTPError(400, "bad input") })
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	r.Header.Set("Accept", "text/plain")
	rec := httptest.NewRecorder()
	app.ServeHTTP(rec, r)
	assert.Equal(t, 400, rec.Code)
	assert.Equal(t, "", rec.Header().Get("Content-Encoding"))
	assert.Equal(t, "bad input", rec.Body.String())
}

func TestCompressKeepsUnwrap(t *testing.T) {
	var inner http.ResponseWriter
	h := middleware.Compress(middleware.CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inner = w.(interface{ Unwrap() http.ResponseWriter }).Unwrap()
		assert.NoError(t, http.NewResponseController(w).Flush())
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Same(t, rec, inner)
	assert.True(t, rec.Flushed)
}

// TestCompressStreamsServerSentEvents reads a compressed event stream over
// a real connection, each event before the next is written.
func TestCompressStreamsServerSentEvents(t *testing.T) {
	for _, inApp := range []bool{false, true} {
		t.Run(map[bool]string{false: "net/http", true: "App"}[inApp], func(t *testing.T) {
			step := make(chan struct{}, 1)
			send := func(w io.Writer, flush func() error) {
				for i := range 3 {
					<-step
					_, err := io.WriteString(w, "data: event "+strconv.Itoa(i)+"\n\n")
					require.NoError(t, err)
					require.NoError(t, flush())
				}
			}
			var h http.Handler
			if inApp {
				app := expresso.New(expresso.Config{Env: "production"})
				app.Use(middleware.Compress(middleware.CompressOptions{}))
				app.Get("/events", func(c *expresso.Context) error {
					c.Set("Content-Type", "text/event-stream")
					send(c, c.Flush)
					return c.End()
				})
				h = app
			} else {
				h = middleware.Compress(middleware.CompressOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/event-stream")
					send(w, http.NewResponseController(w).Flush)
				}))
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			req, err := http.NewRequest("GET", srv.URL+"/events", nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Encoding", "gzip")
			step <- struct{}{}
			res, err := http.DefaultTransport.RoundTrip(req)
			require.NoError(t, err)
			defer res.Body.Close()
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, "gzip", res.Header.Get("Content-Encoding"))
			assert.Equal(t, "Accept-Encoding", res.Header.Get("Vary"))
			zr, err := gzip.NewReader(res.Body)
			require.NoError(t, err)
			br := bufio.NewReader(zr)
			for i := range 3 {
				line, err := br.ReadString('\n')
				require.NoError(t, err)
				assert.Equal(t, "data: event "+strconv.Itoa(i)+"\n", line)
				blank, err := br.ReadString('\n')
				require.NoError(t, err)
				assert.Equal(t, "\n", blank)
				if i < 2 {
					step <- struct{}{} // the next event is written only now
				}
			}
			rest, err := io.ReadAll(br)
			require.NoError(t, err)
			assert.Equal(t, "", string(rest))
		})
	}
}

func TestCompressSetupPanics(t *testing.T) {
	tests := []struct {
		name string
		opts middleware.CompressOptions
		want string
	}{
		{"a level above 9", middleware.CompressOptions{Level: 10}, "middleware: CompressOptions.Level must be 1 to 9 (or 0 for the default), not 10"},
		{"a negative level", middleware.CompressOptions{Level: -1}, "middleware: CompressOptions.Level must be 1 to 9 (or 0 for the default), not -1"},
		{"a type without a subtype", middleware.CompressOptions{ContentTypes: []string{"text"}},
			`middleware: CompressOptions.ContentTypes: "text" is not a media type such as text/html or text/*`},
		{"a type with parameters", middleware.CompressOptions{ContentTypes: []string{"text/html; charset=utf-8"}},
			`middleware: CompressOptions.ContentTypes: "text/html; charset=utf-8" is not a media type such as text/html or text/*`},
		{"a star type", middleware.CompressOptions{ContentTypes: []string{"*/*"}},
			`middleware: CompressOptions.ContentTypes: "*/*" is not a media type such as text/html or text/*`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.PanicsWithValue(t, tt.want, func() { middleware.Compress(tt.opts) })
		})
	}
}

func TestCompressAPanicBelowItIsAnsweredUncompressed(t *testing.T) {
	for _, withRecover := range []bool{false, true} {
		t.Run(map[bool]string{false: "the App's recovery", true: "Recover"}[withRecover], func(t *testing.T) {
			app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
			if withRecover {
				app.Use(middleware.Recover(middleware.RecoverOptions{Logger: slog.New(slog.DiscardHandler)}))
			}
			app.Use(middleware.Compress(middleware.CompressOptions{MinSize: -1}))
			app.Get("/", func(c *expresso.Context) error { panic("boom") })
			r := httptest.NewRequest("GET", "/", nil)
			r.Header.Set("Accept-Encoding", "gzip")
			r.Header.Set("Accept", "text/plain")
			rec := httptest.NewRecorder()
			app.ServeHTTP(rec, r)
			assert.Equal(t, 500, rec.Code)
			assert.Equal(t, http.Header{"Content-Length": {"21"}, "Content-Security-Policy": {"default-src 'none'"},
				"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"}}, rec.Header())
			assert.Equal(t, "Internal Server Error", rec.Body.String())
		})
	}
}

func TestCompressAPanicAfterCompressingBeganAbortsTheConnection(t *testing.T) {
	app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	app.Use(middleware.Compress(middleware.CompressOptions{}))
	app.Get("/", func(c *expresso.Context) error {
		c.Type("text")
		_, _ = c.Write([]byte(bigJSON))
		panic("late")
	})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { app.ServeHTTP(rec, r) })
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
}
