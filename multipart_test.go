package expresso_test

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// mpPart is one part of a test form: a field, or a file when File is set.
type mpPart struct{ Name, File, Value string }

// mpPost returns a multipart/form-data POST / with the given parts.
func mpPost(t testing.TB, unsized bool, parts ...mpPart) *http.Request {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	require.NoError(t, w.SetBoundary("XyZ"))
	for _, p := range parts {
		var pw io.Writer
		var err error
		if p.File != "" {
			pw, err = w.CreateFormFile(p.Name, p.File)
		} else {
			pw, err = w.CreateFormField(p.Name)
		}
		require.NoError(t, err)
		_, err = io.WriteString(pw, p.Value)
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return bdPost(w.FormDataContentType(), buf.String(), unsized)
}

// mpRead returns the content of an uploaded file.
func mpRead(t *testing.T, fh *multipart.FileHeader) string {
	t.Helper()
	f, err := fh.Open()
	require.NoError(t, err)
	defer func() { require.NoError(t, f.Close()) }()
	b, err := io.ReadAll(f)
	require.NoError(t, err)
	return string(b)
}

func TestMultipartForm(t *testing.T) {
	t.Parallel()
	type result struct {
		Values   map[string][]string
		Name     string
		Size     int64
		Content  string
		Same     bool
		Bound    bdForm
		BodyErr  string
		Multiple int
	}
	r := mpPost(t, true, mpPart{Name: "name", Value: "tobi"}, mpPart{Name: "tags", Value: "a"}, mpPart{Name: "tags", Value: "b"},
		mpPart{Name: "avatar", File: "me.png", Value: "PNG!"}, mpPart{Name: "avatar", File: "you.png", Value: "other"})
	got := rqValue(t, expresso.Config{}, r, func(c *expresso.Context) result {
		form, err := c.MultipartForm()
		require.NoError(t, err)
		again, err := c.MultipartForm()
		require.NoError(t, err)
		fh, err := c.FormFile("avatar")
		require.NoError(t, err)
		var bound bdForm
		require.NoError(t, c.Bind(&bound))
		_, bodyErr := c.Body()
		require.Error(t, bodyErr)
		return result{form.Value, fh.Filename, fh.Size, mpRead(t, fh), form == again, bound, bodyErr.Error(), len(form.File["avatar"])}
	})
	assert.Equal(t, result{
		Values: map[string][]string{"name": {"tobi"}, "tags": {"a", "b"}}, Name: "me.png", Size: 4, Content: "PNG!",
		Same: true, Bound: bdForm{Name: "tobi", Tags: []string{"a", "b"}},
		BodyErr: "expresso: Body: the body was already read by MultipartForm", Multiple: 2,
	}, got)
}

func TestMultipartFormShouldParseTheBytesBodyKept(t *testing.T) {
	t.Parallel()
	got := rqValue(t, expresso.Config{}, mpPost(t, false, mpPart{Name: "f", File: "a.txt", Value: "hello"}),
		func(c *expresso.Context) string {
			_, err := c.Body()
			require.NoError(t, err)
			fh, err := c.FormFile("f")
			require.NoError(t, err)
			return mpRead(t, fh)
		})
	assert.Equal(t, "hello", got)
}

func TestMultipartFormShouldRemoveItsTemporaryFiles(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("x", 3<<20) // beyond the 1 MiB kept in memory
	var path string
	got := rqValue(t, expresso.Config{BodyLimit: 8 << 20}, mpPost(t, false, mpPart{Name: "f", File: "big.bin", Value: big}),
		func(c *expresso.Context) int {
			fh, err := c.FormFile("f")
			require.NoError(t, err)
			f, err := fh.Open()
			require.NoError(t, err)
			osf, ok := f.(*os.File)
			require.True(t, ok, "a large upload must be on disk")
			path = osf.Name()
			require.NoError(t, f.Close())
			_, err = os.Stat(path)
			require.NoError(t, err)
			return int(fh.Size)
		})
	assert.Equal(t, len(big), got)
	_, err := os.Stat(path)
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestMultipartErrors(t *testing.T) {
	t.Parallel()
	noBoundary := bdPost("multipart/form-data", "x", false)
	malformed := bdPost("multipart/form-data; boundary=XyZ", "--XyZ\r\nno end", false)
	big := mpPart{Name: "f", File: "a", Value: strings.Repeat("x", 100)}
	formFile := func(c *expresso.Context) error { _, err := c.FormFile("avatar"); return err }
	cases := []struct {
		name   string
		cfg    expresso.Config
		r      *http.Request
		status int
		msg    string
		is     error
	}{
		{name: "should answer 415 for a body that is not multipart", r: bdPost("application/json", "{}", false),
			status: 415, msg: "unsupported Content-Type: application/json", is: http.ErrNotMultipart},
		{name: "should answer 400 without a boundary", r: noBoundary, status: 400,
			msg: "multipart body has no boundary", is: http.ErrMissingBoundary},
		{name: "should answer 400 for a malformed body", r: malformed, status: 400, msg: "malformed multipart body"},
		{name: "should answer 400 for a missing file", r: mpPost(t, false, mpPart{Name: "avatar", Value: "not a file"}),
			status: 400, msg: `missing file field "avatar"`, is: http.ErrMissingFile},
		{name: "should answer 413 for a Content-Length over BodyLimit", cfg: expresso.Config{BodyLimit: 50},
			r: mpPost(t, false, big), status: 413, msg: "request entity too large"},
		{name: "should answer 413 for a chunked form over BodyLimit", cfg: expresso.Config{BodyLimit: 50},
			r: mpPost(t, true, big), status: 413, msg: "request entity too large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got error
			bdFails(t, tc.cfg, tc.r, func(c *expresso.Context) error { got = formFile(c); return got }, tc.status, tc.msg)
			if tc.is != nil {
				assert.ErrorIs(t, got, tc.is)
			}
		})
	}
}

func TestSaveFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	got := rqValue(t, expresso.Config{}, mpPost(t, false, mpPart{Name: "f", File: "../../etc/passwd", Value: "data"}),
		func(c *expresso.Context) error {
			fh, err := c.FormFile("f")
			require.NoError(t, err)
			return c.SaveFile(fh, dir, filepath.Base(fh.Filename))
		})
	require.NoError(t, got)
	b, err := os.ReadFile(filepath.Join(dir, "passwd"))
	require.NoError(t, err)
	assert.Equal(t, "data", string(b))
}

func TestSaveFileShouldNeverWriteOutsideDir(t *testing.T) {
	t.Parallel()
	outside := t.TempDir()
	dir := filepath.Join(t.TempDir(), "uploads")
	require.NoError(t, os.Mkdir(dir, 0o755))
	require.NoError(t, os.Symlink(filepath.Join(outside, "target"), filepath.Join(dir, "link")))
	require.NoError(t, os.Symlink(outside, filepath.Join(dir, "out")))
	for _, name := range []string{"", ".", "..", "../x", "a/b", `a\b`, `..\x`, "x\x00y", "/etc/x", "out/x"} {
		t.Run(name, func(t *testing.T) {
			var err error
			rqValue(t, expresso.Config{}, mpPost(t, false, mpPart{Name: "f", File: "a", Value: "data"}),
				func(c *expresso.Context) bool {
					fh, ferr := c.FormFile("f")
					require.NoError(t, ferr)
					err = c.SaveFile(fh, dir, name)
					return true
				})
			require.Error(t, err)
			if name != "out/x" {
				var he *expresso.HTTPError
				require.ErrorAs(t, err, &he)
				assert.Equal(t, 400, he.StatusCode())
				assert.ErrorIs(t, err, expresso.ErrInvalidFileName)
			}
		})
	}
	t.Run("symlink out of dir", func(t *testing.T) {
		var err error
		rqValue(t, expresso.Config{}, mpPost(t, false, mpPart{Name: "f", File: "a", Value: "data"}),
			func(c *expresso.Context) bool {
				fh, ferr := c.FormFile("f")
				require.NoError(t, ferr)
				err = c.SaveFile(fh, dir, "link")
				return true
			})
		require.Error(t, err)
	})
	entries, err := os.ReadDir(outside)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing may be written outside dir")
}

func FuzzMultipartForm(f *testing.F) {
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--XyZ--\r\n"), "XyZ")
	f.Add([]byte("--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XyZ--\r\n"), "XyZ")
	f.Add([]byte("--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n--b\r\n\r\n--b--"), "b")
	f.Add([]byte("--\r\n"), "")
	app := expresso.New(expresso.Config{Env: "production", BodyLimit: 64 << 10})
	app.Post("/", func(c *expresso.Context) error {
		form, err := c.MultipartForm()
		if err != nil {
			var he *expresso.HTTPError
			if !errors.As(err, &he) || he.StatusCode() >= 500 {
				panic("not a client error: " + err.Error())
			}
			return err
		}
		for _, fhs := range form.File {
			for _, fh := range fhs {
				file, err := fh.Open()
				if err != nil {
					return err
				}
				n, err := io.Copy(io.Discard, file)
				if err != nil || n != fh.Size {
					panic("file size mismatch")
				}
				if err := file.Close(); err != nil {
					return err
				}
			}
		}
		return c.SendStatus(204)
	})
	f.Fuzz(func(t *testing.T, body []byte, boundary string) {
		r := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		r.Header.Set("Content-Type", "multipart/form-data; boundary=\""+strings.ReplaceAll(boundary, `"`, "")+"\"")
		res := app.Test(r)
		if res.StatusCode != 204 && (res.StatusCode < 400 || res.StatusCode >= 500) {
			t.Fatalf("status %d", res.StatusCode)
		}
	})
}
