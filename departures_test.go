package expresso_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each test here pins a departure from Express that README lists: what
// net/http decides before expresso runs, and what expresso chose.

// wireDo sends raw on a fresh connection to srv and returns the response.
func wireDo(t *testing.T, srv *httptest.Server, raw string) (*http.Response, string) {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(5*time.Second)))
	_, err = io.WriteString(conn, raw)
	require.NoError(t, err)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(body)
}

func departureServer(t *testing.T) *httptest.Server {
	t.Helper()
	app := expresso.New()
	app.Get("/a", func(c *expresso.Context) error { return c.Send("a " + c.Query("q")) })
	app.Get("/*rest", func(c *expresso.Context) error { return c.Send("rest " + c.Param("rest")) })
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return srv
}

func TestDeparturesDecidedByNetHTTP(t *testing.T) {
	t.Parallel()
	srv := departureServer(t)
	t.Run("a malformed escape in the request line is a 400 from net/http", func(t *testing.T) {
		res, body := wireDo(t, srv, "GET /a%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		assert.Equal(t, 400, res.StatusCode)
		assert.Equal(t, "400 Bad Request", body)
	})
	t.Run("a malformed Host is a 400 from net/http", func(t *testing.T) {
		res, body := wireDo(t, srv, "GET /a HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n")
		assert.Equal(t, 400, res.StatusCode)
		assert.Equal(t, "400 Bad Request: malformed Host header", body)
	})
	t.Run("OPTIONS * is answered by net/http", func(t *testing.T) {
		res, body := wireDo(t, srv, "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "0", res.Header.Get("Content-Length"))
		assert.Equal(t, "", body)
	})
	t.Run("Pragma: no-cache becomes Cache-Control: no-cache, so no 304", func(t *testing.T) {
		res, _ := wireDo(t, srv, "GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		etag := res.Header.Get("Etag")
		require.NotEmpty(t, etag)
		res, body := wireDo(t, srv, "GET /a HTTP/1.1\r\nHost: x\r\nIf-None-Match: "+etag+
			"\r\nPragma: no-cache\r\nConnection: close\r\n\r\n")
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "a ", body)
	})
	t.Run("a fragment in the request target is dropped, as parseurl does", func(t *testing.T) {
		res, body := wireDo(t, srv, "GET /a#frag HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		assert.Equal(t, 200, res.StatusCode)
		assert.Equal(t, "a ", body)
	})
}

func TestQueryReturnsTheFirstOfRepeatedKeys(t *testing.T) {
	t.Parallel()
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		return c.Send(c.Query("a") + " " + strings.Join(c.QueryValues()["a"], ","))
	})
	assert.Equal(t, rtSent("1 1,2"), rtDo(t, app, "GET", "/?a=1&a=2"))
}
