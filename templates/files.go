package templates

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// files reads templates from the disk (fsys nil) or from an fs.FS. Paths
// on the disk are operating-system paths; paths in an fs.FS are
// slash-separated, and a leading "/" means the root of the FS.
type files struct {
	fsys fs.FS
}

// join joins path elements the way the file system expects.
func (f files) join(elem ...string) string {
	if f.fsys == nil {
		return filepath.Join(elem...)
	}
	return path.Join(elem...)
}

// abs reports whether name is absolute: from the disk's root, or from the
// FS's root when it starts with "/".
func (f files) abs(name string) bool {
	if f.fsys == nil {
		return filepath.IsAbs(name)
	}
	return strings.HasPrefix(name, "/")
}

// fsName turns name into a name fs.FS accepts.
func fsName(name string) string {
	return path.Clean(strings.TrimLeft(name, "/"))
}

func (f files) stat(name string) (fs.FileInfo, error) {
	if f.fsys == nil {
		return os.Stat(name)
	}
	return fs.Stat(f.fsys, fsName(name))
}

func (f files) read(name string) ([]byte, error) {
	if f.fsys == nil {
		return os.ReadFile(name)
	}
	return fs.ReadFile(f.fsys, fsName(name))
}

func (f files) glob(pattern string) ([]string, error) {
	if f.fsys == nil {
		return filepath.Glob(pattern)
	}
	return fs.Glob(f.fsys, fsName(pattern))
}

// ext returns the extension of name.
func (f files) ext(name string) string {
	if f.fsys == nil {
		return filepath.Ext(name)
	}
	return path.Ext(name)
}

func (f files) dir(name string) string {
	if f.fsys == nil {
		return filepath.Dir(name)
	}
	return path.Dir(name)
}

func (f files) base(name string) string {
	if f.fsys == nil {
		return filepath.Base(name)
	}
	return path.Base(name)
}

// stamp is what a parsed set remembers of a file or directory it read, to
// tell later whether it changed: its modification time and size, or that
// it did not exist.
type stamp struct {
	name    string
	mod     time.Time
	size    int64
	missing bool
}

// stampOf stats name now.
func (f files) stampOf(name string) stamp {
	fi, err := f.stat(name)
	if err != nil {
		return stamp{name: name, missing: true}
	}
	return stamp{name: name, mod: fi.ModTime(), size: fi.Size()}
}

// changed reports whether the file or directory s describes changed since.
func (f files) changed(s stamp) bool {
	now := f.stampOf(s.name)
	return now.missing != s.missing || !now.mod.Equal(s.mod) || now.size != s.size
}
