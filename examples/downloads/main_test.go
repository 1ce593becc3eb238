package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDownloads(t *testing.T) {
	t.Parallel()
	app := newApp("files")
	tests := []struct {
		name        string
		target      string
		status      int
		disposition string
		ctype       string
		body        string
	}{
		{"should have a link to amazing.txt", "/", 200, "", "text/html; charset=utf-8", index},
		{"should download a file in a folder", "/files/notes/groceries.txt", 200, "attachment; filename=groceries.txt",
			"text/plain; charset=utf-8", "- oat milk\n- eggs\n- rye bread\n"},
		{"should download amazing.txt", "/files/amazing.txt", 200, "attachment; filename=amazing.txt",
			"text/plain; charset=utf-8", "An amazing download.\n"},
		{"should encode a non-ASCII name", "/files/CCTV%E5%A4%A7%E8%B5%9B%E4%B8%8A%E6%B5%B7%E5%88%86%E8%B5%9B%E5%8C%BA.txt", 200,
			`attachment; filename="CCTV???????.txt"; filename*=UTF-8''CCTV%E5%A4%A7%E8%B5%9B%E4%B8%8A%E6%B5%B7%E5%88%86%E8%B5%9B%E5%8C%BA.txt`,
			"text/plain; charset=utf-8", "Results of the Shanghai round.\n"},
		{"should answer a missing file with 404", "/files/missing.txt", 404, "", "text/html; charset=utf-8", "Cannot find that file, sorry!"},
		{"should refuse a path out of the folder with 403", "/files/../main.go", 403, "", "text/html; charset=utf-8", forbiddenPage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := app.Test(httptest.NewRequest(http.MethodGet, tt.target, nil))
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, tt.status, res.StatusCode)
			assert.Equal(t, tt.disposition, res.Header.Get("Content-Disposition"))
			assert.Equal(t, tt.ctype, res.Header.Get("Content-Type"))
			assert.Equal(t, tt.body, string(body))
		})
	}
}

// forbiddenPage is the default error page for a 403.
const forbiddenPage = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Forbidden</pre>\n</body>\n</html>\n"
