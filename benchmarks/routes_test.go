package benchmarks

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseRoutes(t *testing.T) {
	tests := []struct {
		name  string
		table string
		want  []Route
	}{
		{
			name:  "should read one route per line, skipping comments and blank lines",
			table: "# users\nGET /users\n\nDELETE   /users/:id\n",
			want:  []Route{{Method: "GET", Path: "/users"}, {Method: "DELETE", Path: "/users/:id"}},
		},
		{name: "should return no routes for an empty table", table: "\n", want: []Route{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, parseRoutes(tt.table))
		})
	}
}

func TestParseRoutesPanicsOnALineWithoutPath(t *testing.T) {
	assert.PanicsWithValue(t, "benchmarks: malformed route line GET", func() { parseRoutes("GET\n") })
}

func TestPatternRewrites(t *testing.T) {
	tests := []struct {
		name, path, chi, serveMux string
	}{
		{name: "should leave a static path alone", path: "/user/repos", chi: "/user/repos", serveMux: "/user/repos"},
		{name: "should brace every param", path: "/repos/:owner/:repo", chi: "/repos/{owner}/{repo}", serveMux: "/repos/{owner}/{repo}"},
		{name: "should anchor a trailing slash for ServeMux", path: "/articles/", chi: "/articles/", serveMux: "/articles/{$}"},
		{name: "should anchor the root for ServeMux", path: "/", chi: "/", serveMux: "/{$}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.chi, braces(tt.path))
			assert.Equal(t, tt.serveMux, serveMuxPattern(tt.path))
		})
	}
}

func TestStaticFilesReadsDirectoriesAndContinuations(t *testing.T) {
	routes := StaticFiles()
	assert.Equal(t, Route{Method: "GET", Path: "/"}, routes[0])
	assert.Equal(t, Route{Method: "GET", Path: "/cmd.html"}, routes[1])
	assert.Contains(t, routes, Route{Method: "GET", Path: "/gccgo_contribute.html"}, "a continuation line belongs to the directory above")
	assert.Contains(t, routes, Route{Method: "GET", Path: "/articles/wiki/test_Test.txt.good"})
	assert.Equal(t, Route{Method: "GET", Path: "/progs/update.bash"}, routes[len(routes)-1])
}

func TestDiscardWriter(t *testing.T) {
	w := NewDiscardWriter()
	w.Header().Set("Content-Type", TextPlain)
	w.WriteHeader(201)
	n, err := w.Write([]byte("abc"))
	assert.NoError(t, err)
	assert.Equal(t, 3, n)
	n, err = w.WriteString("de")
	assert.NoError(t, err)
	assert.Equal(t, 2, n)
	assert.Equal(t, 201, w.Status)
	assert.Equal(t, 5, w.Written)
	assert.Equal(t, TextPlain, w.Header().Get("Content-Type"))

	w.Reset()
	assert.Empty(t, w.Header())
	assert.Zero(t, w.Status)
	assert.Zero(t, w.Written)
}

func TestItemsEncodeToAboutTenKilobytes(t *testing.T) {
	list, err := json.Marshal(Items(100))
	assert.NoError(t, err)
	assert.Equal(t, 11207, len(list), "100 items of about 112 bytes")
}
