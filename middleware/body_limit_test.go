package middleware_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// blEcho answers with the length of the body it read, or the read error.
func blEcho(w http.ResponseWriter, r *http.Request) {
	b, err := io.ReadAll(r.Body)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		http.Error(w, "max bytes "+mbe.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	_, _ = io.WriteString(w, "read "+string(b))
}

// blRequest returns a POST / with body, chunked when unsized.
func blRequest(body string, unsized bool) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	if unsized {
		r = httptest.NewRequest(http.MethodPost, "/", io.MultiReader(strings.NewReader(body)))
		r.TransferEncoding = []string{"chunked"}
	}
	r.Header.Set("Content-Type", "text/plain")
	return r
}

func TestBodyLimit(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		body    string
		unsized bool
		status  int
		header  http.Header
		want    string
	}{
		{name: "should pass a body within the limit", body: "0123456789", status: 200,
			header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, want: "read 0123456789"},
		{name: "should pass a chunked body within the limit", body: "0123456789", unsized: true, status: 200,
			header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, want: "read 0123456789"},
		{name: "should answer 413 for a declared length over the limit", body: "0123456789X", status: 413,
			header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"},
				"Content-Length": {"24"}, "Connection": {"close"}},
			want: "request entity too large"},
		{name: "should fail the read of a chunked body over the limit", body: "0123456789X", unsized: true, status: 413,
			header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"}},
			want:   "max bytes http: request body too large\n"},
	}
	h := middleware.BodyLimit(10)(http.HandlerFunc(blEcho))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, blRequest(tc.body, tc.unsized))
			assert.Equal(t, tc.status, rec.Code)
			assert.Equal(t, tc.header, rec.Header())
			assert.Equal(t, tc.want, rec.Body.String())
		})
	}
}

func TestBodyLimitShouldAnswerBeforeTheBodyArrives(t *testing.T) {
	t.Parallel()
	called := make(chan struct{}, 1)
	srv := httptest.NewServer(middleware.BodyLimit(1024)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		called <- struct{}{}
	})))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	// Headers only: the 10 MB body never comes.
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	assert.Equal(t, 413, res.StatusCode)
	assert.Equal(t, "request entity too large", string(body))
	assert.True(t, res.Close, "the connection must close")
	assert.Empty(t, called, "the next handler must not run")
}

func TestBodyLimitInsideExpresso(t *testing.T) {
	t.Parallel()
	app := expresso.New(expresso.Config{Env: "production"})
	app.Use(middleware.BodyLimit(10))
	app.Post("/", func(c *expresso.Context) error {
		b, err := c.Body()
		if err != nil {
			return err
		}
		return c.Send(b)
	})
	cases := []struct {
		name    string
		body    string
		unsized bool
		status  int
		header  http.Header
		want    string
	}{
		{name: "should read a body within the limit", body: "0123456789", unsized: true, status: 200,
			header: http.Header{"Content-Type": {"application/octet-stream"}, "Content-Length": {"10"},
				"Etag": {`W/"a-h6zsF82dzSCnFsws9nQXtxyKcBY"`}},
			want: "0123456789"},
		{name: "should turn a chunked body over the limit into the 413 of Body", body: "0123456789X", unsized: true,
			status: 413, header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "Content-Length": {"24"},
				"Content-Security-Policy": {"default-src 'none'"}, "X-Content-Type-Options": {"nosniff"}},
			want: "request entity too large"},
		{name: "should answer 413 for a declared length over the limit", body: "0123456789X", status: 413,
			header: http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "X-Content-Type-Options": {"nosniff"},
				"Content-Length": {"24"}, "Connection": {"close"}},
			want: "request entity too large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := blRequest(tc.body, tc.unsized)
			r.Header.Set("Accept", "text/plain")
			res := app.Test(r)
			b, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.header, res.Header)
			assert.Equal(t, tc.want, string(b))
		})
	}
}

func TestBodyLimitShouldPanicOnANegativeLimit(t *testing.T) {
	t.Parallel()
	assert.PanicsWithValue(t, "middleware: BodyLimit: the limit must not be negative, got -1", func() { middleware.BodyLimit(-1) })
}

func ExampleBodyLimit() {
	h := middleware.BodyLimit(5)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "ok")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader("too long")))
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 413 request entity too large
}
