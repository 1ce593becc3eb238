package expresso_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

func TestRoutesCaseAndSlash(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		cfg     expresso.Config
		pattern string
		target  string
		want    string // the params written by rtParams; "404" = no match
	}{
		{name: "should match case-insensitively by default", pattern: "/Users/:id", target: "/uSERS/AbC", want: "id=AbC"},
		{name: "should match static text case-insensitively by default", pattern: "/about/team", target: "/ABOUT/Team", want: ""},
		{name: "should match case-insensitively around a parameter", pattern: "/:file.JSON", target: "/Data.json", want: "file=Data"},
		{name: "should match a wildcard case-insensitively and keep its case", pattern: "/Files/*rest", target: "/files/A/b", want: "rest=A/b"},
		{name: "should match the exact case when case-sensitive", cfg: expresso.Config{CaseSensitive: true}, pattern: "/Users/:id", target: "/Users/AbC", want: "id=AbC"},
		{name: "should not match another case when case-sensitive", cfg: expresso.Config{CaseSensitive: true}, pattern: "/Users/:id", target: "/users/AbC", want: "404"},
		{name: "should not match another case around a parameter when case-sensitive", cfg: expresso.Config{CaseSensitive: true}, pattern: "/:file.JSON", target: "/Data.json", want: "404"},
		{name: "should accept a trailing slash by default", pattern: "/x", target: "/x/", want: ""},
		{name: "should accept a trailing slash after a parameter by default", pattern: "/users/:id", target: "/users/7/", want: "id=7"},
		{name: "should accept no trailing slash for a pattern with one by default", pattern: "/x/", target: "/x", want: ""},
		{name: "should accept only one trailing slash", pattern: "/x", target: "/x//", want: "404"},
		{name: "should not accept a trailing slash when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/x", target: "/x/", want: "404"},
		{name: "should not drop a pattern's trailing slash when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/x/", target: "/x", want: "404"},
		{name: "should match a pattern's trailing slash when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/x/", target: "/x/", want: ""},
		{name: "should match the root when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/", target: "/", want: ""},
		{name: "should not match an empty parameter when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/users/:id", target: "/users/", want: "404"},
		{name: "should not match an empty parameter in the middle", pattern: "/:a/:b/c", target: "//x/c", want: "404"},
		{name: "should not give the trailing slash to a parameter when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/users/:id", target: "/users/7/", want: "404"},
		{name: "should keep a trailing slash in a wildcard when strict", cfg: expresso.Config{StrictRouting: true}, pattern: "/files/*rest", target: "/files/a/", want: "rest=a/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app := expresso.New(tc.cfg)
			app.Get(tc.pattern, rtParams)
			want := rtSent(tc.want)
			if tc.want == "404" {
				want = rtNotFound("GET", tc.target)
			}
			assert.Equal(t, want, rtDo(t, app, "GET", tc.target))
		})
	}
}

// rtGuardApp has routes of every shape httprouter would redirect for.
func rtGuardApp(cfg expresso.Config) *expresso.App {
	app := expresso.New(cfg)
	app.Get("/:a/:b", rtParams)
	app.Get("/x/", rtText("x slash"))
	app.Get("/y", rtText("y"))
	app.Get("/files/*rest", rtParams)
	app.Get("/Mixed/Case", rtText("mixed"))
	return app
}

// rtRawRequest builds a request for a raw request-target, as a server
// parses it, without httptest.NewRequest's URL handling.
func rtRawRequest(t *testing.T, target string) *http.Request {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	require.NoError(t, err)
	return &http.Request{Method: "GET", URL: u, RequestURI: target, Host: "example.com",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: http.Header{}}
}

func TestRoutesNeverRedirect(t *testing.T) {
	t.Parallel()
	lax := rtGuardApp(expresso.Config{})
	strict := rtGuardApp(expresso.Config{StrictRouting: true, CaseSensitive: true})
	cases := []struct {
		target           string
		laxCode, strCode int
	}{
		{"//evil.com/", 404, 404},
		{"//evil.com", 404, 404},
		{"///evil.com/", 404, 404},
		{"/\\evil.com/", 404, 404},
		{"/%5Cevil.com/", 404, 404},
		{"//evil.com/x/", 404, 404},
		{"/x", 200, 404},
		{"/x/", 200, 200},
		{"/x//", 404, 404},
		{"//x/", 404, 404},
		{"/y/", 200, 404},
		{"/y//", 404, 404},
		{"//y", 404, 404},
		{"/files", 404, 404},
		{"/files/", 404, 404},
		{"//files/a", 404, 404},
		{"/mixed/case/", 200, 404},
		{"/MIXED//CASE", 404, 404},
		{"/a/b/", 200, 404},
		{"/a//b", 404, 404},
		{"/./x", 200, 200},
		{"/x/..", 200, 200},
		{"//", 404, 404},
	}
	for _, tc := range cases {
		for _, run := range []struct {
			name string
			app  *expresso.App
			code int
		}{{"default", lax, tc.laxCode}, {"strict and case-sensitive", strict, tc.strCode}} {
			t.Run("should answer "+tc.target+" with "+strconv.Itoa(run.code)+", never a redirect ("+run.name+")", func(t *testing.T) {
				t.Parallel()
				w := httptest.NewRecorder()
				app := run.app
				app.ServeHTTP(w, rtRawRequest(t, tc.target))
				assert.Equal(t, run.code, w.Code)
				assert.Empty(t, w.Header().Values("Location"))
			})
		}
	}
}

func TestRoutesDoubleSlashGuard(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		target string
		want   rtResp
	}{
		{name: "should answer 404, not a redirect, for //evil.com/ against /:a/:b", target: "//evil.com/",
			want: rtNotFound("GET", "//evil.com/")},
		{name: "should answer 404 for a backslash host against /:a/:b", target: "/\\evil.com/",
			want: rtNotFound("GET", "/\\evil.com/")}, // as sent: encodeurl keeps "\\"
		{name: "should answer 404 for a doubled slash inside a path", target: "/a//b", want: rtNotFound("GET", "/a//b")},
		{name: "should answer 404 for a missing trailing slash under a wildcard", target: "/files", want: rtNotFound("GET", "/files")},
		{name: "should match /:a/:b with a trailing slash in place", target: "/a/b/", want: rtSent("a=a,b=b")},
	}
	app := rtGuardApp(expresso.Config{})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := httptest.NewRecorder()
			app.ServeHTTP(w, rtRawRequest(t, tc.target))
			res := w.Result()
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tc.want, rtResp{Status: res.StatusCode, Header: res.Header, Body: string(body)})
		})
	}
}

func TestRoutesDoubleSlashGuardOverTheWire(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(rtGuardApp(expresso.Config{}))
	t.Cleanup(srv.Close)
	for _, target := range []string{"//evil.com/", "//evil.com", "/\\evil.com/", "/y/", "/x"} {
		t.Run("should answer "+target+" without a redirect on the wire", func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", srv.Listener.Addr().String())
			require.NoError(t, err)
			defer conn.Close()
			_, err = io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: example.com\r\nConnection: close\r\n\r\n")
			require.NoError(t, err)
			res, err := http.ReadResponse(bufio.NewReader(conn), nil)
			require.NoError(t, err)
			defer res.Body.Close()
			_, err = io.Copy(io.Discard, res.Body)
			require.NoError(t, err)
			assert.False(t, res.StatusCode >= 300 && res.StatusCode < 400, "status %d", res.StatusCode)
			assert.Empty(t, res.Header.Values("Location"))
			want := 404
			if strings.HasPrefix(target, "/y") || target == "/x" {
				want = 200
			}
			assert.Equal(t, want, res.StatusCode)
		})
	}
}
