package middleware

import (
	"io/fs"
	"os"
	"sync"
)

// rootFS is the file system of Static: the directory opened as an
// [os.Root] on first use (and again on later requests while it cannot be
// opened, so that a root created after the middleware works), which keeps
// every open, symbolic links included, inside it.
type rootFS struct {
	dir  string
	mu   sync.Mutex
	root *os.Root
}

// Open opens name inside the root. The file is an *os.File, so that the
// body reaches the client through sendfile(2).
func (r *rootFS) Open(name string) (fs.File, error) {
	root, err := r.get()
	if err != nil {
		return nil, err
	}
	return root.Open(name)
}

func (r *rootFS) get() (*os.Root, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.root != nil {
		return r.root, nil
	}
	root, err := os.OpenRoot(r.dir)
	if err != nil {
		return nil, err
	}
	r.root = root
	return root, nil
}
