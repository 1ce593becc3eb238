package expresso_test

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// rndConfigurable records what App.Engine told it.
type rndConfigurable struct {
	rndEngineFunc
	fsys  fs.FS
	dirs  []string
	cache bool
	calls int
}

func (e *rndConfigurable) ConfigureViews(fsys fs.FS, dirs []string, cache bool) {
	e.fsys, e.dirs, e.cache = fsys, dirs, cache
	e.calls++
}

func TestAppEngine(t *testing.T) {
	t.Run("should panic on a nil engine", func(t *testing.T) {
		assert.PanicsWithValue(t, `expresso: App.Engine: nil ViewEngine for extension "pug"`, func() {
			expresso.New().Engine("pug", nil)
		})
	})
	t.Run("should panic on an empty extension", func(t *testing.T) {
		for _, ext := range []string{"", "."} {
			assert.PanicsWithValue(t, "expresso: App.Engine: empty extension", func() {
				expresso.New().Engine(ext, rndDump)
			})
		}
	})
	t.Run("should register an extension given with or without its dot", func(t *testing.T) {
		app := expresso.New(expresso.Config{ViewsFS: fstest.MapFS{"views/a.x": {}, "views/b.y": {}}})
		app.Engine("x", rndDump)
		app.Engine(".y", rndDump)
		var sb strings.Builder
		require.NoError(t, app.Render(&sb, "a.x", nil))
		require.NoError(t, app.Render(&sb, "b.y", nil))
		assert.Equal(t, "views/a.x mapviews/b.y map", sb.String())
	})
	t.Run("should replace the html/template engine for html", func(t *testing.T) {
		app := expresso.New(expresso.Config{ViewsFS: rndFS})
		app.Engine("html", rndDump)
		var sb strings.Builder
		require.NoError(t, app.Render(&sb, "email.html", nil))
		assert.Equal(t, "views/email.html map", sb.String())
	})
	t.Run("should tell a ViewConfigurer the App's view settings", func(t *testing.T) {
		e := &rndConfigurable{rndEngineFunc: rndDump}
		expresso.New(expresso.Config{ViewsFS: rndFS, Views: []string{"a", "b"}, Env: "production"}).Engine("x", e)
		assert.Equal(t, rndFS, e.fsys)
		assert.Equal(t, []string{"a", "b"}, e.dirs)
		assert.True(t, e.cache)
		assert.Equal(t, 1, e.calls)

		e = &rndConfigurable{rndEngineFunc: rndDump}
		expresso.New(expresso.Config{Env: "development"}).Engine("x", e)
		assert.Nil(t, e.fsys)
		assert.Equal(t, []string{"views"}, e.dirs)
		assert.False(t, e.cache)
	})
}

func TestAppRender(t *testing.T) {
	t.Run("should write the output with app.Locals under the data", func(t *testing.T) {
		app := expresso.New(expresso.Config{ViewsFS: rndDumpFS, ViewEngine: "dump"})
		app.Engine("dump", rndDump)
		app.Locals["a"], app.Locals["b"] = "app", "app"
		var sb strings.Builder
		require.NoError(t, app.Render(&sb, "v", map[string]any{"b": "data"}))
		assert.Equal(t, "views/v.dump map a=app b=data", sb.String())
	})
	t.Run("should write nothing when the engine fails", func(t *testing.T) {
		app := expresso.New(expresso.Config{ViewsFS: rndDumpFS})
		broke := errors.New("broke")
		app.Engine("dump", rndEngineFunc(func(w io.Writer, _ string, _ any) error {
			io.WriteString(w, "partial")
			return broke
		}))
		var sb strings.Builder
		assert.Equal(t, broke, app.Render(&sb, "v.dump", nil))
		assert.Equal(t, "", sb.String())
	})
	t.Run("should render html/template views", func(t *testing.T) {
		app := expresso.New(expresso.Config{ViewsFS: rndFS})
		var sb strings.Builder
		require.NoError(t, app.Render(&sb, "user.html", map[string]any{"name": "<tobi>"}))
		assert.Equal(t, "<p>&lt;tobi&gt;</p>", sb.String())
	})
}
