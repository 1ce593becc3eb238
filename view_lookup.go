package expresso

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// ErrViewNotFound is matched (with [errors.Is]) by the error of a render
// whose view is in none of the view directories.
var ErrViewNotFound = errors.New("expresso: view not found")

// ErrNoViewEngine is matched (with [errors.Is]) by the error of a render
// whose view has no extension and no Config.ViewEngine is set, or whose
// extension has no engine registered.
var ErrNoViewEngine = errors.New("expresso: no view engine")

// ViewError is the error of a render that found no view or no engine. Its
// message is Express's: `Failed to lookup view "x" in views directory
// "views"` (`directories "a" or "b"` when there are several), or `No
// default engine was specified and no extension was provided.`. It
// unwraps to [ErrViewNotFound] or [ErrNoViewEngine]; the default error
// handler answers it with a 500.
type ViewError struct {
	// View is the name given to Render.
	View string
	// Ext is the extension whose engine is missing, with its dot; empty
	// when no extension was given and no default is set.
	Ext string
	// Dirs are the view directories searched.
	Dirs []string
	// Err is ErrViewNotFound or ErrNoViewEngine.
	Err error
}

// Error returns Express's message for the failure.
func (e *ViewError) Error() string {
	if e.Err == ErrViewNotFound {
		var b strings.Builder
		b.WriteString(`Failed to lookup view "` + e.View + `" in views `)
		if len(e.Dirs) == 1 {
			b.WriteString(`directory "` + e.Dirs[0] + `"`)
			return b.String()
		}
		b.WriteString(`directories "` + strings.Join(e.Dirs[:len(e.Dirs)-1], `", "`))
		b.WriteString(`" or "` + e.Dirs[len(e.Dirs)-1] + `"`)
		return b.String()
	}
	if e.Ext == "" {
		return "No default engine was specified and no extension was provided."
	}
	return `No view engine is registered for the extension "` + e.Ext + `" (see App.Engine).`
}

// Unwrap returns Err.
func (e *ViewError) Unwrap() error { return e.Err }

// view is a resolved view: the engine for its extension and its file.
type view struct {
	engine ViewEngine
	path   string
}

// viewSet is an App's view settings, engines and lookup cache.
type viewSet struct {
	fsys   fs.FS
	roots  []string
	defExt string
	cache  bool

	engMu   sync.Mutex // serialises Engine
	engines atomic.Pointer[map[string]ViewEngine]

	mu    sync.RWMutex
	found map[string]view // with the cache on: name → view
}

// init reads the view settings of cfg.
func (vs *viewSet) init(cfg *Config, prod bool) {
	vs.fsys = cfg.ViewsFS
	vs.roots = append([]string(nil), cfg.Views...)
	if len(vs.roots) == 0 {
		vs.roots = []string{"views"}
	}
	if e := cfg.ViewEngine; e != "" && e[0] != '.' {
		vs.defExt = "." + e
	} else {
		vs.defExt = e
	}
	vs.cache = cfg.ViewCache == ViewCacheOn || cfg.ViewCache == ViewCacheAuto && prod
	vs.engines.Store(&map[string]ViewEngine{})
	vs.found = map[string]view{}
}

// lookup resolves name, from the cache when it is on.
func (vs *viewSet) lookup(name string) (view, error) {
	if vs.cache {
		vs.mu.RLock()
		v, ok := vs.found[name]
		vs.mu.RUnlock()
		if ok {
			return v, nil
		}
	}
	v, err := vs.resolve(name)
	if err == nil && vs.cache {
		vs.mu.Lock()
		vs.found[name] = v
		vs.mu.Unlock()
	}
	return v, err
}

// resolve finds the engine and the file of name, as Express's View: the
// extension (or the default one), its engine, then in each root in turn
// the file and <name>/index<ext>.
func (vs *viewSet) resolve(name string) (view, error) {
	ext := vs.ext(name)
	file := name
	if ext == "" {
		if vs.defExt == "" {
			return view{}, &ViewError{View: name, Dirs: slices.Clone(vs.roots), Err: ErrNoViewEngine}
		}
		ext = vs.defExt
		file += ext
	}
	eng := (*vs.engines.Load())[ext]
	if eng == nil {
		return view{}, &ViewError{View: name, Ext: ext, Dirs: slices.Clone(vs.roots), Err: ErrNoViewEngine}
	}
	roots := vs.roots
	if vs.abs(file) {
		roots = roots[:1] // the root plays no part
	}
	for _, root := range roots {
		if p, ok := vs.find(root, file, ext); ok {
			return view{engine: eng, path: p}, nil
		}
	}
	return view{}, &ViewError{View: name, Dirs: slices.Clone(vs.roots), Err: ErrViewNotFound}
}

// find looks for file under root: the file itself, then
// <dir>/<base without ext>/index<ext>.
func (vs *viewSet) find(root, file, ext string) (string, bool) {
	if vs.fsys == nil {
		loc := file
		if !filepath.IsAbs(file) {
			loc = filepath.Join(root, file)
		}
		if isRegular(os.Stat(loc)) {
			return loc, true
		}
		dir, base := filepath.Split(loc)
		loc = filepath.Join(dir, trimExt(base, ext), "index"+ext)
		return loc, isRegular(os.Stat(loc))
	}
	loc := path.Join(root, file)
	if vs.abs(file) {
		loc = path.Clean(strings.TrimLeft(file, "/"))
	}
	if fs.ValidPath(loc) && isRegular(fs.Stat(vs.fsys, loc)) {
		return loc, true
	}
	dir, base := path.Split(loc)
	loc = path.Join(dir, trimExt(base, ext), "index"+ext)
	return loc, fs.ValidPath(loc) && isRegular(fs.Stat(vs.fsys, loc))
}

// ext returns the extension of a view name, as Node's path.extname: ""
// for a base name that is only a dot and letters (".profile").
func (vs *viewSet) ext(name string) string {
	ext, base := path.Ext(name), path.Base(name)
	if vs.fsys == nil {
		ext, base = filepath.Ext(name), filepath.Base(name)
	}
	if ext == base {
		return ""
	}
	return ext
}

// abs reports whether a view name is absolute: a path from the disk's
// root, or from the root of ViewsFS when it starts with "/".
func (vs *viewSet) abs(name string) bool {
	if vs.fsys == nil {
		return filepath.IsAbs(name)
	}
	return strings.HasPrefix(name, "/")
}

// trimExt removes ext from the end of base, as Node's path.basename(base,
// ext), which keeps a base that is only the extension.
func trimExt(base, ext string) string {
	if base == ext {
		return base
	}
	return strings.TrimSuffix(base, ext)
}

func isRegular(fi fs.FileInfo, err error) bool {
	return err == nil && fi.Mode().IsRegular()
}
