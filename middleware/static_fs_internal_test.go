package middleware

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// TestRootFSContainment checks both ways rootFS opens files: openat2 where
// the system has it, and os.Root, its fallback.
func TestRootFSContainment(t *testing.T) {
	t.Parallel()
	base := t.TempDir()
	dir := filepath.Join(base, "root")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sub"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sub", "a.txt"), []byte("a"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(base, "out.txt"), []byte("out"), 0o644))
	require.NoError(t, os.Symlink("../../out.txt", filepath.Join(dir, "sub", "escape.txt")))
	require.NoError(t, os.Symlink("a.txt", filepath.Join(dir, "sub", "inside.txt")))
	for _, withOpenat2 := range []bool{true, false} {
		r := &rootFS{dir: dir}
		_, _, err := r.get()
		require.NoError(t, err)
		if !withOpenat2 {
			r.beneath = nil
		}
		for name, want := range map[string]string{"sub/a.txt": "a", "sub/inside.txt": "a"} {
			f, err := r.Open(name)
			require.NoError(t, err, name)
			b, err := io.ReadAll(f)
			require.NoError(t, err)
			assert.Equal(t, want, string(b), name)
			_, isOS := f.(*os.File)
			assert.True(t, isOS, "an *os.File, for sendfile")
			require.NoError(t, f.Close())
		}
		_, err = r.Open("sub/escape.txt")
		require.Error(t, err)
		he, ok := classify(err, "sub/escape.txt").(*expresso.HTTPError)
		require.True(t, ok, "%v", err)
		assert.Equal(t, http.StatusNotFound, he.Code, "openat2 %v", withOpenat2)
	}
}
