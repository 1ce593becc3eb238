package middleware

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// rootFS is the file system of Static: the directory opened on first use
// (and again on later requests while it cannot be opened, so that a root
// created after the middleware works), every open kept inside it, symbolic
// links included. On Linux a file is opened with one openat2(2) call
// resolving beneath the directory; elsewhere, or where openat2 is not
// allowed, through an [os.Root], which walks the path one directory at a
// time.
type rootFS struct {
	dir string

	mu      sync.Mutex
	root    *os.Root
	beneath *beneathDir // nil when openat2 is not used
}

// Open opens name inside the root. The file is an *os.File, so that the
// body reaches the client through sendfile(2).
func (r *rootFS) Open(name string) (fs.File, error) {
	root, beneath, err := r.get()
	if err != nil {
		return nil, err
	}
	if beneath != nil {
		f, ok, err := beneath.open(name, filepath.Join(r.dir, filepath.FromSlash(name)))
		if ok {
			if err != nil {
				return nil, err // not a typed nil *os.File
			}
			return f, nil
		}
		r.mu.Lock()
		r.beneath = nil // openat2 refused (seccomp, old kernel): use os.Root
		r.mu.Unlock()
	}
	return root.Open(name)
}

func (r *rootFS) get() (*os.Root, *beneathDir, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.root != nil {
		return r.root, r.beneath, nil
	}
	root, err := os.OpenRoot(r.dir)
	if err != nil {
		return nil, nil, err
	}
	r.root, r.beneath = root, openBeneath(r.dir)
	return root, r.beneath, nil
}
