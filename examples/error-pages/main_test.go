package main

import (
	"crypto/sha1"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

const header = `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Error</title>
</head>

<body>
<h1>An error occurred!</h1>
`

const footer = "</body>\n</html>\n"

// htmlHeaders are the headers of an HTML page rendered with body.
func htmlHeaders(body string, extra ...string) map[string]string {
	return headers("text/html; charset=utf-8", body, extra...)
}

// headers are the headers of a body sent with the Content-Type ct, and the
// extra name and value pairs.
func headers(ct, body string, extra ...string) map[string]string {
	sum := sha1.Sum([]byte(body))
	h := map[string]string{
		"Content-Type":   ct,
		"Content-Length": strconv.Itoa(len(body)),
		"Etag":           `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + base64.StdEncoding.EncodeToString(sum[:])[:27] + `"`,
	}
	for i := 0; i+1 < len(extra); i += 2 {
		h[extra[i]] = extra[i+1]
	}
	return h
}

func TestErrorPages(t *testing.T) {
	index, err := views.ReadFile("views/index.html")
	require.NoError(t, err)
	notFoundPage := header + "<h2>Cannot find /404</h2>\n" + footer
	cases := []struct {
		name    string
		env     string
		target  string
		accept  string
		status  int
		headers map[string]string
		body    string
	}{
		{"should render the index", "development", "/", "", 200, htmlHeaders(string(index)), string(index)},
		{"should render the 404 page for /404", "development", "/404", "", 404,
			htmlHeaders(notFoundPage, "Vary", "Accept"), notFoundPage},
		{"should render the 404 page for a path no route has", "development", "/notfound?x=<y>", "text/html", 404,
			htmlHeaders(header+"<h2>Cannot find /notfound?x=&lt;y&gt;</h2>\n"+footer, "Vary", "Accept"),
			header + "<h2>Cannot find /notfound?x=&lt;y&gt;</h2>\n" + footer},
		{"should answer a 404 in JSON to a JSON client", "development", "/notfound", "application/json", 404,
			headers("application/json; charset=utf-8", `{"error":"Not found"}`, "Vary", "Accept"),
			`{"error":"Not found"}`},
		{"should answer a 404 in text to other clients", "development", "/notfound", "image/png", 404,
			headers("text/plain; charset=utf-8", "Not found", "Vary", "Accept"),
			"Not found"},
		{"should render the 403 with the error's details", "development", "/403", "", 403,
			htmlHeaders(header + "<h2>Error: not allowed!</h2>\n  <pre>*expresso.HTTPError: not allowed!</pre>\n" + footer),
			header + "<h2>Error: not allowed!</h2>\n  <pre>*expresso.HTTPError: not allowed!</pre>\n" + footer},
		{"should render the 500 with the error's details", "development", "/500", "", 500,
			htmlHeaders(header + "<h2>Error: keyboard cat!</h2>\n  <pre>*errors.errorString: keyboard cat!</pre>\n" + footer),
			header + "<h2>Error: keyboard cat!</h2>\n  <pre>*errors.errorString: keyboard cat!</pre>\n" + footer},
		{"should hide the details in production", "production", "/500", "", 500,
			htmlHeaders(header + "<h2>Error: keyboard cat!</h2>\n  <p>An error occurred!</p>\n" + footer),
			header + "<h2>Error: keyboard cat!</h2>\n  <p>An error occurred!</p>\n" + footer},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(expresso.Config{Env: tc.env, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			req := httptest.NewRequest(http.MethodGet, tc.target, nil)
			if tc.accept != "" {
				req.Header.Set("Accept", tc.accept)
			}
			res := app.Test(req)
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			got := map[string]string{}
			for k := range res.Header {
				got[k] = res.Header.Get(k)
			}
			assert.Equal(t, tc.status, res.StatusCode)
			assert.Equal(t, tc.headers, got)
			assert.Equal(t, tc.body, string(body))
		})
	}
}
