package expresso_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// FuzzSendFilePath checks that no path handed to SendFile under a Root
// serves anything but a file inside it: the file outside the root (reached
// by "..", an absolute path or a symbolic link) never comes back, and the
// answer is always one of send's statuses.
func FuzzSendFilePath(f *testing.F) {
	for _, s := range []string{"name.txt", "../outside.txt", "escape.txt", "escape-abs.txt", `..\outside.txt`,
		"users/../../outside.txt", "/../outside.txt", ".hidden/inside.txt", "blog/", "a\x00b", "%2e%2e/outside.txt", "loop1"} {
		f.Add(s)
	}
	root, _ := sfFixtures(f)
	app := sfSendApp(expresso.SendFileOptions{Root: root, Dotfiles: "allow"}, expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
	f.Fuzz(func(t *testing.T, p string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Header["X-Path"] = []string{p}
		res := app.Test(r)
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		switch res.StatusCode {
		case 200, 400, 403, 404, 500:
		default:
			t.Fatalf("status %d for %q", res.StatusCode, p)
		}
		require.NotEqual(t, "outside", string(body), "a file outside the root was served for %q", p)
	})
}
