//go:build linux && (amd64 || arm64 || 386 || arm || riscv64 || ppc64le || ppc64 || s390x || loong64)

package middleware

import (
	"io/fs"
	"os"
	"syscall"
	"unsafe"
)

// sysOpenat2 is openat2(2)'s number on these architectures.
const sysOpenat2 = 437

// The resolve flags of openat2: stay beneath the directory (a ".." or a
// symbolic link that leaves it fails with EXDEV), and never follow
// /proc's magic links.
const (
	resolveNoMagiclinks = 0x02
	resolveBeneath      = 0x08
)

// openHow is struct open_how.
type openHow struct {
	flags, mode, resolve uint64
}

// beneathDir is a directory descriptor files are opened beneath.
type beneathDir struct{ fd int }

// openBeneath opens dir for openat2, or returns nil.
func openBeneath(dir string) *beneathDir {
	fd, err := syscall.Open(dir, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	return &beneathDir{fd: fd}
}

// open opens name (slash-separated, relative) beneath d; path is the name
// the *os.File gets. ok is false when openat2 itself is unavailable.
func (d *beneathDir) open(name, path string) (f *os.File, ok bool, err error) {
	how := openHow{flags: syscall.O_RDONLY | syscall.O_CLOEXEC, resolve: resolveBeneath | resolveNoMagiclinks}
	p, err := syscall.BytePtrFromString(name)
	if err != nil {
		return nil, true, &fs.PathError{Op: "openat2", Path: name, Err: err}
	}
	for {
		fd, _, errno := syscall.Syscall6(sysOpenat2, uintptr(d.fd), uintptr(unsafe.Pointer(p)),
			uintptr(unsafe.Pointer(&how)), unsafe.Sizeof(how), 0, 0)
		switch errno {
		case 0:
			return os.NewFile(fd, path), true, nil
		case syscall.EINTR, syscall.EAGAIN:
			continue
		case syscall.ENOSYS, syscall.EPERM:
			return nil, false, nil
		}
		return nil, true, &fs.PathError{Op: "openat2", Path: name, Err: errno}
	}
}
