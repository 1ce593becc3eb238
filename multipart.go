package expresso

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// multipartMemory is how many bytes of files MultipartForm keeps in
// memory; the rest goes to temporary files. Go's multipart reader also
// caps the non-file fields at this plus 10 MiB, and the parts and headers
// at 1000 and 10000.
const multipartMemory = 1 << 20

// ErrInvalidFileName is wrapped by the error of [Context.SaveFile] for a
// name that is empty, ".", "..", or holds a path separator or NUL.
var ErrInvalidFileName = errors.New("expresso: invalid file name")

// MultipartForm parses a multipart/form-data body and returns it, once per
// request (later calls return the same form). Express has no multipart
// parser of its own; this plays the part of multer. The whole body counts
// against Config.BodyLimit, Content-Encoding and Config.BodyMinRate apply
// as for [Context.Body], and its errors are the same [*HTTPError]s. Files
// beyond 1 MiB in total are kept in temporary files, which are removed
// when the request is over (see [Response.OnFinish]): a handler that wants
// to keep an upload saves it with [Context.SaveFile].
//
// A request that is not multipart/form-data is a 415 wrapping
// [http.ErrNotMultipart]; a body that does not parse is a 400. After
// MultipartForm read the body, [Context.Body] returns an error; when Body
// read it first, MultipartForm parses the bytes Body kept.
func (c *Context) MultipartForm() (*multipart.Form, error) {
	c.live()
	if c.bst.formRead {
		return c.bst.form, c.bst.formErr
	}
	f, err := c.readMultipart()
	c.bst.form, c.bst.formErr, c.bst.formRead = f, err, true
	if f != nil {
		c.res.OnFinish(func() {
			if err := f.RemoveAll(); err != nil {
				c.app.log.Error("expresso: removing the temporary files of a multipart form", "err", err)
			}
		})
	}
	return f, err
}

// readMultipart reads the body as a multipart form.
func (c *Context) readMultipart() (*multipart.Form, error) {
	ct := first(c.req.Header["Content-Type"])
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" {
		if ct == "" {
			ct = "none"
		}
		return nil, &HTTPError{Code: http.StatusUnsupportedMediaType, Message: "unsupported Content-Type: " + ct,
			Err: http.ErrNotMultipart}
	}
	boundary := params["boundary"]
	if boundary == "" {
		return nil, &HTTPError{Code: http.StatusBadRequest, Message: "multipart body has no boundary",
			Err: http.ErrMissingBoundary}
	}
	if c.bodyRead {
		if c.bodyErr != nil {
			return nil, c.bodyErr
		}
		return parseMultipart(bytes.NewReader(c.body), boundary, nil)
	}
	r := c.req
	if r.Body == nil || r.Body == http.NoBody {
		return parseMultipart(strings.NewReader(""), boundary, nil)
	}
	enc, err := contentEncoding(r.Header)
	if err != nil {
		return nil, err
	}
	limit := c.bodyLimit()
	if enc == "" && limit >= 0 && r.ContentLength > limit {
		c.abandonBody()
		return nil, tooLarge()
	}
	c.bst.consumed = true
	src := newBodySource(c)
	rd, err := decoded(src, enc)
	if err == nil {
		if limit >= 0 {
			rd = &maxReader{r: rd, n: limit}
		}
		var f *multipart.Form
		f, err = parseMultipart(rd, boundary, src)
		src.finish(c, err == nil)
		return f, err
	}
	src.finish(c, false)
	return nil, src.mapError(err)
}

// parseMultipart reads a form from r; src, when not nil, is the network
// source whose errors win.
func parseMultipart(r io.Reader, boundary string, src *bodySource) (*multipart.Form, error) {
	f, err := multipart.NewReader(r, boundary).ReadForm(multipartMemory)
	if err == nil {
		return f, nil
	}
	var he *HTTPError
	switch {
	case src != nil && src.err != nil:
		return nil, src.mapError(err)
	case errors.Is(err, errTooLarge), errors.Is(err, multipart.ErrMessageTooLarge):
		return nil, tooLarge()
	case errors.As(err, &he):
		return nil, he
	}
	return nil, &HTTPError{Code: http.StatusBadRequest, Message: "malformed multipart body", Err: err}
}

// FormFile returns the first file uploaded in the multipart form field
// name, as multer's req.file for upload.single(name). A form without that
// file is a 400 wrapping [http.ErrMissingFile]; the form's own errors are
// those of [Context.MultipartForm].
func (c *Context) FormFile(name string) (*multipart.FileHeader, error) {
	f, err := c.MultipartForm()
	if err != nil {
		return nil, err
	}
	if fhs := f.File[name]; len(fhs) > 0 {
		return fhs[0], nil
	}
	return nil, &HTTPError{Code: http.StatusBadRequest, Message: "missing file field " + strconv.Quote(name),
		Err: http.ErrMissingFile}
}

// SaveFile writes the uploaded file fh to dir/name, replacing a file of
// that name. It never writes outside dir: name must be a plain file name,
// so one that is empty, ".", "..", or holds '/', '\' or NUL is a 400
// wrapping [ErrInvalidFileName], and the file is opened through an
// [os.Root] on dir, so a symbolic link in dir that leads outside it is an
// error too. dir must exist. Express has no equivalent (multer's
// diskStorage plays its part).
func (c *Context) SaveFile(fh *multipart.FileHeader, dir, name string) error {
	c.live()
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") {
		return &HTTPError{Code: http.StatusBadRequest, Message: "invalid file name " + strconv.Quote(name),
			Err: ErrInvalidFileName}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	src, err := fh.Open()
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		_ = dst.Close() // the copy's error is the one to report
		return err
	}
	return dst.Close()
}
