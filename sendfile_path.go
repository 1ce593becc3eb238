package expresso

import (
	"errors"
	"github.com/expresso-go/expresso/internal/pathseg"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// opener opens a cleaned path: relative inside an os.Root, or absolute.
type opener struct {
	root *os.Root
}

func (op opener) open(name string) (*os.File, error) {
	if op.root != nil {
		return op.root.Open(name)
	}
	return os.Open(name)
}

// openFile checks p as pillarjs/send does (NUL, "..", dotfiles) and opens
// the file it names, trying o.Index for a path ending in "/" and
// o.Extensions for a missing file without extension. The caller closes
// the file.
func openFile(p string, o *SendFileOptions) (*os.File, fs.FileInfo, error) {
	name, trailing, err := cleanFilePath(p, o)
	if err != nil {
		return nil, nil, err
	}
	var op opener
	if o.Root != "" {
		r, err := openRoot(o.Root)
		if err != nil {
			return nil, nil, err
		}
		defer r.Close()
		op.root = r
	}
	if trailing {
		index := o.Index
		if index == nil {
			index = defaultIndex[:]
		}
		if len(index) > 0 {
			return openIndex(op, name, index)
		}
	}
	f, fi, err := openRegular(op, name)
	if err == nil {
		if trailing {
			f.Close()
			return nil, nil, notFound(&fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist})
		}
		return f, fi, nil
	}
	if errors.Is(err, fs.ErrNotExist) && len(o.Extensions) > 0 && !trailing && extname(path.Base(name)) == "" {
		for _, ext := range o.Extensions {
			f, fi, e := openRegular(op, name+"."+ext)
			if e == nil {
				return f, fi, nil
			}
		}
	}
	return nil, nil, statError(err)
}

// defaultIndex is send's default index list. It is never handed out.
var defaultIndex = [1]string{"index.html"}

// openRegular opens name and checks that it is not a directory.
func openRegular(op opener, name string) (*os.File, fs.FileInfo, error) {
	f, err := op.open(name)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if fi.IsDir() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: errIsDir}
	}
	return f, fi, nil
}

// openIndex opens the first regular file of index in the directory dir.
func openIndex(op opener, dir string, index []string) (*os.File, fs.FileInfo, error) {
	var last error = fs.ErrNotExist
	for _, idx := range index {
		f, fi, err := openRegular(op, path.Join(dir, idx))
		if err == nil {
			return f, fi, nil
		}
		last = err
	}
	if errors.Is(last, errIsDir) {
		return nil, nil, notFound(last)
	}
	return nil, nil, statError(last)
}

// cleanFilePath applies send's path checks to p and returns the cleaned
// name to open (relative to o.Root when set, else absolute) and whether p
// ends in "/".
func cleanFilePath(p string, o *SendFileOptions) (name string, trailing bool, err error) {
	switch o.Dotfiles {
	case "", "ignore", "deny", "allow":
	default:
		return "", false, ErrDotfilesOption
	}
	if strings.IndexByte(p, 0) >= 0 {
		return "", false, NewHTTPError(http.StatusBadRequest)
	}
	trailing = strings.HasSuffix(p, "/")
	if o.Root == "" {
		if pathseg.HasDotDot(p) {
			return "", false, NewHTTPError(http.StatusForbidden)
		}
		name = path.Clean(p)
	} else {
		name = path.Clean("./" + p)
		if pathseg.HasDotDot(name) {
			return "", false, NewHTTPError(http.StatusForbidden)
		}
	}
	if o.Dotfiles != "allow" && pathseg.HasDotfile(name) {
		if o.Dotfiles == "deny" {
			return "", false, NewHTTPError(http.StatusForbidden)
		}
		return "", false, notFound(&fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist})
	}
	return name, trailing, nil
}
