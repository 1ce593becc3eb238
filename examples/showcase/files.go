package main

import (
	"embed"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// seed holds the files the shelf starts with.
//
//go:embed files
var seed embed.FS

// seedFiles copies the embedded starter files into dir.
func seedFiles(dir string) error {
	entries, err := seed.ReadDir("files")
	if err != nil {
		return err
	}
	for _, e := range entries {
		b, err := seed.ReadFile("files/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fileShelf lists, takes and hands out the files of one folder.
type fileShelf struct {
	dir string
}

// sharedFile is a file of the shelf, as the page lists it.
type sharedFile struct {
	Name string
	Size int64
}

// list shows the files with download links, and the upload form.
func (sh *fileShelf) list(c *expresso.Context) error {
	entries, err := os.ReadDir(sh.dir)
	if err != nil {
		return err
	}
	files := make([]sharedFile, 0, len(entries))
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue // removed meanwhile, or not a file
		}
		files = append(files, sharedFile{Name: e.Name(), Size: info.Size()})
	}
	return page(c, "files", "Files", map[string]any{"files": files})
}

// upload saves the posted file (multipart field "file") under its own
// name and redirects to the list. SaveFile refuses a name that would leave
// the folder ("../x") with a 400.
func (sh *fileShelf) upload(c *expresso.Context) error {
	fh, err := c.FormFile("file")
	if err != nil {
		return err
	}
	if err := c.SaveFile(fh, sh.dir, fh.Filename); err != nil {
		return err
	}
	middleware.SessionFrom(c).Flash("info", "Uploaded "+fh.Filename+" ("+strconv.FormatInt(fh.Size, 10)+" bytes).")
	return c.Redirect("/files", http.StatusSeeOther)
}

// download sends a file of the shelf as an attachment. Download keeps the
// path inside the folder; a missing file is a 404 for the error handlers.
func (sh *fileShelf) download(c *expresso.Context) error {
	err := c.Download(c.Param("name"), "", expresso.SendFileOptions{Root: sh.dir})
	var he *expresso.HTTPError
	if errors.As(err, &he) && he.Code == http.StatusNotFound {
		return expresso.NewHTTPError(http.StatusNotFound, "No file named "+c.Param("name")+".")
	}
	return err
}
