package expresso_test

import (
	"crypto/sha1"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rndFS holds the views most render tests use, after Express's
// test/fixtures.
var rndFS = fstest.MapFS{
	"views/user.html":            {Data: []byte("<p>{{.name}}</p>")},
	"views/email.html":           {Data: []byte("<p>This is an email</p>")},
	"views/blog/post/index.html": {Data: []byte("<h1>blog post</h1>")},
	"views/page.tmpl":            {Data: []byte("tmpl")},
	"a/only-a.html":              {Data: []byte("only in a")},
	"a/both.html":                {Data: []byte("both from a")},
	"b/both.html":                {Data: []byte("both from b")},
	"b/only-b.html":              {Data: []byte("only in b")},
	"b/dir/index.html":           {Data: []byte("index in b")},
	"other/abs.html":             {Data: []byte("absolute")},
}

// rndCase is one render through an App, with the exact response expected.
type rndCase struct {
	name    string
	cfg     expresso.Config
	method  string      // GET when empty
	header  http.Header // request headers
	handler expresso.Handler
	status  int
	headers map[string]string
	body    string
}

func rndLogger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// rndApp returns an App with logging discarded that runs h on GET /.
func rndApp(cfg expresso.Config, h expresso.Handler) *expresso.App {
	if cfg.Logger == nil {
		cfg.Logger = rndLogger()
	}
	app := expresso.New(cfg)
	app.Get("/", h)
	return app
}

// rndDo serves one request to app.
func rndDo(t *testing.T, app *expresso.App, method string, header http.Header) (int, map[string]string, string) {
	t.Helper()
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, "/", nil)
	for k, vs := range header {
		req.Header[k] = vs
	}
	res := app.Test(req)
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.NoError(t, res.Body.Close())
	headers := map[string]string{}
	for k, vs := range res.Header {
		if len(vs) > 0 {
			headers[k] = strings.Join(vs, "\n")
		}
	}
	return res.StatusCode, headers, string(b)
}

func rndRun(t *testing.T, cases []rndCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			status, headers, body := rndDo(t, rndApp(tc.cfg, tc.handler), tc.method, tc.header)
			assert.Equal(t, tc.status, status)
			assert.Equal(t, tc.headers, headers)
			assert.Equal(t, tc.body, body)
		})
	}
}

// rndView returns a handler that renders view with data.
func rndView(view string, data any) expresso.Handler {
	return func(c *expresso.Context) error { return c.Render(view, data) }
}

// rndOK is the header set of the rendered page body.
func rndOK(body string) map[string]string {
	return map[string]string{"Content-Type": "text/html; charset=utf-8",
		"Content-Length": strconv.Itoa(len(body)), "Etag": rndTag(body)}
}

// rndTag is jshttp/etag's weak ETag of body, computed independently of
// the package.
func rndTag(body string) string {
	sum := sha1.Sum([]byte(body))
	return `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`
}

// rndErr is the header set of the default error handler's text answer.
func rndErr(body string) map[string]string {
	return map[string]string{
		"Content-Type":            "text/plain; charset=utf-8",
		"Content-Length":          strconv.Itoa(len(body)),
		"Content-Security-Policy": "default-src 'none'",
		"X-Content-Type-Options":  "nosniff",
	}
}

var rndPlain = http.Header{"Accept": {"text/plain"}}

func TestRenderLooksViewsUp(t *testing.T) {
	html := expresso.Config{ViewsFS: rndFS, ViewEngine: "html"}
	ab := expresso.Config{ViewsFS: rndFS, ViewEngine: "html", Views: []string{"a", "b"}}
	rndRun(t, []rndCase{
		{name: "should render a name with its extension", cfg: expresso.Config{ViewsFS: rndFS},
			handler: rndView("email.html", nil),
			status:  200, headers: rndOK("<p>This is an email</p>"), body: "<p>This is an email</p>"},
		{name: "should add the default extension", cfg: html,
			handler: rndView("email", nil),
			status:  200, headers: rndOK("<p>This is an email</p>"), body: "<p>This is an email</p>"},
		{name: "should accept a default extension with its dot",
			cfg:     expresso.Config{ViewsFS: rndFS, ViewEngine: ".html"},
			handler: rndView("email", nil),
			status:  200, headers: rndOK("<p>This is an email</p>"), body: "<p>This is an email</p>"},
		{name: "should find name/index with the extension", cfg: html,
			handler: rndView("blog/post", nil),
			status:  200, headers: rndOK("<h1>blog post</h1>"), body: "<h1>blog post</h1>"},
		{name: "should find name/index when the name has the extension", cfg: html,
			handler: rndView("blog/post.html", nil),
			status:  200, headers: rndOK("<h1>blog post</h1>"), body: "<h1>blog post</h1>"},
		{name: "should look in the second root", cfg: ab,
			handler: rndView("only-b", nil),
			status:  200, headers: rndOK("only in b"), body: "only in b"},
		{name: "should take the first root that has the view", cfg: ab,
			handler: rndView("both", nil),
			status:  200, headers: rndOK("both from a"), body: "both from a"},
		{name: "should find name/index in a later root", cfg: ab,
			handler: rndView("dir", nil),
			status:  200, headers: rndOK("index in b"), body: "index in b"},
		{name: "should take a name starting with a slash from the root of ViewsFS", cfg: html,
			handler: rndView("/other/abs", nil),
			status:  200, headers: rndOK("absolute"), body: "absolute"},
	})
}

func TestRenderLookupErrors(t *testing.T) {
	rndRun(t, []rndCase{
		{name: "should name the directory of a missing view",
			cfg:     expresso.Config{ViewsFS: rndFS, ViewEngine: "html"},
			header:  rndPlain,
			handler: rndView("nope", nil),
			status:  500, headers: rndErr(`Failed to lookup view "nope" in views directory "views"`),
			body: `Failed to lookup view "nope" in views directory "views"`},
		{name: "should name two directories with or",
			cfg:     expresso.Config{ViewsFS: rndFS, ViewEngine: "html", Views: []string{"a", "b"}},
			header:  rndPlain,
			handler: rndView("nope", nil),
			status:  500, headers: rndErr(`Failed to lookup view "nope" in views directories "a" or "b"`),
			body: `Failed to lookup view "nope" in views directories "a" or "b"`},
		{name: "should name three directories with commas and or",
			cfg:     expresso.Config{ViewsFS: rndFS, ViewEngine: "html", Views: []string{"a", "b", "c"}},
			header:  rndPlain,
			handler: rndView("user/x", nil),
			status:  500, headers: rndErr(`Failed to lookup view "user/x" in views directories "a", "b" or "c"`),
			body: `Failed to lookup view "user/x" in views directories "a", "b" or "c"`},
		{name: "should keep the status set before a missing view",
			cfg:    expresso.Config{ViewsFS: rndFS, ViewEngine: "html"},
			header: rndPlain,
			handler: func(c *expresso.Context) error {
				return c.Status(404).Render("nope", nil)
			},
			status: 404, headers: rndErr(`Failed to lookup view "nope" in views directory "views"`),
			body: `Failed to lookup view "nope" in views directory "views"`},
		{name: "should refuse a name without extension when there is no default engine",
			cfg:     expresso.Config{ViewsFS: rndFS},
			header:  rndPlain,
			handler: rndView("user", nil),
			status:  500, headers: rndErr("No default engine was specified and no extension was provided."),
			body: "No default engine was specified and no extension was provided."},
		{name: "should refuse an extension without an engine",
			cfg:     expresso.Config{ViewsFS: rndFS},
			header:  rndPlain,
			handler: rndView("page.tmpl", nil),
			status:  500, headers: rndErr(`No view engine is registered for the extension ".tmpl" (see App.Engine).`),
			body: `No view engine is registered for the extension ".tmpl" (see App.Engine).`},
		{name: "should refuse a name that leaves ViewsFS",
			cfg:     expresso.Config{ViewsFS: rndFS},
			header:  rndPlain,
			handler: rndView("../../views/user.html", nil),
			status:  500, headers: rndErr(`Failed to lookup view "../../views/user.html" in views directory "views"`),
			body: `Failed to lookup view "../../views/user.html" in views directory "views"`},
		{name: "should hide the message in production",
			cfg:     expresso.Config{ViewsFS: rndFS, Env: "production"},
			header:  rndPlain,
			handler: rndView("nope.html", nil),
			status:  500, headers: rndErr("Internal Server Error"),
			body: "Internal Server Error"},
	})
}

func TestRenderErrorsMatchSentinels(t *testing.T) {
	app := expresso.New(expresso.Config{ViewsFS: rndFS})
	var sb strings.Builder
	err := app.Render(&sb, "nope.html", nil)
	var ve *expresso.ViewError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, expresso.ErrViewNotFound)
	assert.Equal(t, &expresso.ViewError{View: "nope.html", Dirs: []string{"views"}, Err: expresso.ErrViewNotFound}, ve)

	err = app.Render(&sb, "nope", nil)
	assert.ErrorIs(t, err, expresso.ErrNoViewEngine)
	err = app.Render(&sb, "page.tmpl", nil)
	assert.ErrorIs(t, err, expresso.ErrNoViewEngine)
	assert.Equal(t, "", sb.String())
}

// rndReadAll reads and closes a response body.
func rndReadAll(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	assert.NoError(t, err)
	assert.NoError(t, res.Body.Close())
	return string(b)
}
