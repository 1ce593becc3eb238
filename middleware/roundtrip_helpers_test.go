package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rtResp is what a client got: status, headers (without Date) and body.
type rtResp struct {
	Status int
	Header http.Header
	Body   string
}

// rtDo serves r with h through a recorder and returns what the client got.
// Header entries without values (which are never sent) are dropped.
func rtDo(t *testing.T, h http.Handler, r *http.Request) rtResp {
	t.Helper()
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				panic(v)
			}
		}()
		h.ServeHTTP(rec, r)
	}()
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	hdr := res.Header.Clone()
	for k, vs := range hdr {
		if len(vs) == 0 {
			delete(hdr, k)
		}
	}
	delete(hdr, "Date")
	return rtResp{Status: res.StatusCode, Header: hdr, Body: string(body)}
}

// rtReq builds a request with the given headers ("Name", "value" pairs).
func rtReq(method, target string, headers ...string) *http.Request {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	return r
}

// rtSink is a reusable ResponseWriter for benchmarks: it keeps nothing but
// the status.
type rtSink struct {
	h      http.Header
	status int
}

func (s *rtSink) Header() http.Header         { return s.h }
func (s *rtSink) WriteHeader(code int)        { s.status = code }
func (s *rtSink) Write(p []byte) (int, error) { return len(p), nil }

// rtBench serves r with h b.N times, checking the status of the first.
func rtBench(b *testing.B, h http.Handler, r *http.Request, status int) {
	b.Helper()
	w := &rtSink{h: make(http.Header)}
	h.ServeHTTP(w, r)
	if w.status != status {
		b.Fatalf("status %d, want %d", w.status, status)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		clear(w.h)
		h.ServeHTTP(w, r)
	}
}

// rtBareApp is an App whose GET / sends "ok", with mw in front if given.
func rtBareApp(mw ...any) *expresso.App {
	app := expresso.New(expresso.Config{Env: "production"})
	if len(mw) > 0 {
		app.Use(mw...)
	}
	app.Get("/", func(c *expresso.Context) error { return c.SendString("ok") })
	return app
}
