package middleware_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// TestSessionCookieOnAStreamedResponse reads the wire: the session is saved
// and its cookie sent with the headers of a chunked response, before the
// first chunk, while the handler is still writing.
func TestSessionCookieOnAStreamedResponse(t *testing.T) {
	release := make(chan struct{})
	app := expresso.New()
	app.Use(middleware.ResponseTime(), middleware.Session(middleware.SessionOptions{Secret: sessSecret}))
	app.Get("/stream", func(c *expresso.Context) error {
		middleware.SessionFrom(c).Set("seen", true)
		if _, err := c.Write([]byte("first")); err != nil {
			return err
		}
		<-release
		return c.End("second")
	})
	srv := httptest.NewServer(app)
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	br := bufio.NewReader(conn)
	var head []string
	for {
		line, err := br.ReadString('\n')
		require.NoError(t, err)
		if line == "\r\n" {
			break
		}
		head = append(head, strings.TrimRight(line, "\r\n"))
	}
	chunk, err := br.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "5\r\n", chunk, "the first chunk came before the handler finished")
	close(release)

	assert.Equal(t, "HTTP/1.1 200 OK", head[0])
	var cookie, rt, te string
	for _, l := range head[1:] {
		k, v, _ := strings.Cut(l, ": ")
		switch k {
		case "Set-Cookie":
			cookie = v
		case "X-Response-Time":
			rt = v
		case "Transfer-Encoding":
			te = v
		}
	}
	assert.Regexp(t, `^sid=s%3A[A-Za-z0-9_-]{43}\.[^;]+; Path=/; HttpOnly$`, cookie)
	assert.Regexp(t, `^\d+\.\d{3}ms$`, rt)
	assert.Equal(t, "chunked", te)
}

// TestSessionConcurrentClients runs many clients at once against the
// memory store, under -race.
func TestSessionConcurrentClients(t *testing.T) {
	app := expresso.New()
	app.Use(middleware.Session(middleware.SessionOptions{Secret: sessSecret}))
	app.Get("/count", func(c *expresso.Context) error {
		s := middleware.SessionFrom(c)
		n, _ := middleware.SessionValue[int](s, "n")
		s.Set("n", n+1)
		return c.JSON(n + 1)
	})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cookie := ""
			for j := 1; j <= 20; j++ {
				r := rtReq("GET", "/count")
				if cookie != "" {
					r.Header.Set("Cookie", cookie)
				}
				res := app.Test(r)
				body, _ := io.ReadAll(res.Body)
				if !assert.Equal(t, http.StatusOK, res.StatusCode) || !assert.Equal(t, strconv.Itoa(j), string(body)) {
					return
				}
				cookie = cookieOf(res.Header.Get("Set-Cookie"))
			}
		}()
	}
	wg.Wait()
}
