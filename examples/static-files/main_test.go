package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var lines int
	app := newApp("public", func(string, ...any) { mu.Lock(); lines++; mu.Unlock() })
	const css = "body {\n  font-family: sans-serif;\n}\n"
	const js = "console.log(\"app.js loaded\");\n"
	tests := []struct {
		name   string
		target string
		status int
		ctype  string
		body   string
	}{
		{"should serve hello.txt", "/hello.txt", 200, "text/plain; charset=utf-8", "hello from the public folder\n"},
		{"should serve js/app.js", "/js/app.js", 200, "text/javascript; charset=utf-8", js},
		{"should serve css/style.css", "/css/style.css", 200, "text/css; charset=utf-8", css},
		{"should serve under the /static prefix", "/static/js/app.js", 200, "text/javascript; charset=utf-8", js},
		{"should serve the css folder at the top", "/style.css", 200, "text/css; charset=utf-8", css},
		{"should redirect a folder to its slash", "/js", 301, "text/html; charset=UTF-8",
			"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Redirecting</title>\n</head>\n<body>\n<pre>Redirecting to /js/</pre>\n</body>\n</html>\n"},
		{"should answer a missing file with 404", "/missing.txt", 404, "text/html; charset=utf-8",
			"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /missing.txt</pre>\n</body>\n</html>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := app.Test(httptest.NewRequest(http.MethodGet, tt.target, nil))
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, tt.ctype, res.Header.Get("Content-Type"))
			assert.Equal(t, tt.body, string(body))
		})
	}
	t.Cleanup(func() { assert.Equal(t, len(tests), lines, "one log line per request") })
}
