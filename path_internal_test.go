package expresso

import (
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEscapedPathMatchesNetURL checks the fast path of escapedPath against
// net/url for every byte in a path, with and without a RawPath.
func TestEscapedPathMatchesNetURL(t *testing.T) {
	for b := range 256 {
		for _, path := range []string{"/a" + string(rune(b)) + "b", "/" + string([]byte{byte(b)})} {
			u := &url.URL{Path: path}
			got, upper := escapedPath(u)
			want := u.EscapedPath()
			assert.Equal(t, want, got, "byte %#x", b)
			assert.Equal(t, strings.ContainsAny(want, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), upper, "byte %#x", b)
		}
	}
	cases := []struct {
		name, target, path string
		upper              bool
	}{
		{"plain", "/users/42", "/users/42", false},
		{"upper", "/Users/42", "/Users/42", true},
		{"raw path kept", "/a%2Fb/C", "/a%2Fb/C", true},
		{"escaped space", "/a%20b", "/a%20b", false},
		{"empty", "", "/", false},
		{"asterisk", "*", "*", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := url.Parse(tc.target)
			require.NoError(t, err)
			got, upper := escapedPath(u)
			assert.Equal(t, tc.path, got)
			assert.Equal(t, tc.upper, upper)
		})
	}
}
