package expresso

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPathOfKeepsThePathAsSent pins the path the router matches: the
// request target as the client sent it, without query or fragment; the
// URL's escaped path for a request built in Go or re-routed.
func TestPathOfKeepsThePathAsSent(t *testing.T) {
	cases := []struct {
		name, requestURI, urlPath string
		fromWire                  bool
		want                      string
	}{
		{"plain", "/users/42", "/users/42", true, "/users/42"},
		{"query cut", "/users/42?x=1", "/users/42", true, "/users/42"},
		{"fragment cut", "/a#b", "/a#b", true, "/a"},
		{"escaped slash kept", "/users/a%2Fb|c", "/users/a/b|c", true, "/users/a%2Fb|c"},
		{"raw characters kept", "/<la'me>", "/<la'me>", true, "/<la'me>"},
		{"no RequestURI", "", "/a b", true, "/a%20b"},
		{"asterisk", "*", "*", true, "*"},
		{"absolute form", "http://example.com/x?y", "/x", true, "/x"},
		{"re-routed", "/old", "/new", false, "/new"},
		{"empty", "", "", true, "/"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse("http://h")
			require.NoError(t, err)
			u.Path = tc.urlPath
			r := &http.Request{RequestURI: tc.requestURI, URL: u}
			assert.Equal(t, tc.want, pathOf(r, tc.fromWire))
		})
	}
}
