package expresso_test

import (
	"net/http"
	"testing"

	"github.com/expresso-go/expresso"
)

func TestDownload(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := expresso.New()
	app.Get("/", func(c *expresso.Context) error {
		return c.Download(c.Get("X-Path"), c.Get("X-Name"), expresso.SendFileOptions{
			Root:    root,
			Headers: http.Header{"content-disposition": {"inline"}, "X-Extra": {"1"}},
		})
	})
	named := func(name string) http.Header { return http.Header{"X-Name": {name}} }
	file := func(ctype string, size int, disposition string) map[string]string {
		return with(sfFile(ctype, size), "Content-Disposition", disposition, "X-Extra", "1")
	}
	sfRun(t, app, []sfCase{
		{name: "should name the attachment after the file", path: "user.html", status: 200,
			headers: file(sfHTML, 20, "attachment; filename=user.html"), body: "<p>{{user.name}}</p>"},
		{name: "should use the base name of a path", path: "blog/post.txt", status: 200,
			headers: file(sfText, 4, "attachment; filename=post.txt"), body: "post"},
		{name: "should use the given name and the file's type", path: "user.html", header: named("document"), status: 200,
			headers: file(sfHTML, 20, "attachment; filename=document"), body: "<p>{{user.name}}</p>"},
		{name: "should quote a name with a space", path: "name.txt", header: named("my report.txt"), status: 200,
			headers: file(sfText, 4, `attachment; filename="my report.txt"`), body: "tobi"},
		{name: "should encode a non-ASCII name", path: "日本語.txt", status: 200,
			headers: file(sfText, 7, `attachment; filename="???.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`), body: "nihongo"},
		{name: "should encode a Latin-1 name", path: "name.txt", header: named("café.txt"), status: 200,
			headers: file(sfText, 4, `attachment; filename="caf?.txt"; filename*=UTF-8''caf%C3%A9.txt`), body: "tobi"},
		{name: "should escape quotes and backslashes", path: "name.txt", header: named(`evil"na\me.txt`), status: 200,
			headers: file(sfText, 4, `attachment; filename="evil\"na\\me.txt"`), body: "tobi"},
		{name: "should keep a header injection attempt inside the value", path: "name.txt", header: named("a\r\nSet-Cookie: x=1.txt"), status: 200,
			headers: file(sfText, 4, `attachment; filename="a??Set-Cookie: x=1.txt"; filename*=UTF-8''a%0D%0ASet-Cookie%3A%20x%3D1.txt`), body: "tobi"},
		{name: "should strip directories from a traversal name", path: "name.txt", header: named("../../etc/passwd"), status: 200,
			headers: file(sfText, 4, "attachment; filename=passwd"), body: "tobi"},
		{name: "should encode a percent escape in the name", path: "name.txt", header: named("100%25.txt"), status: 200,
			headers: file(sfText, 4, `attachment; filename=100%25.txt; filename*=UTF-8''100%2525.txt`), body: "tobi"},
		{name: "should set no Content-Disposition on a 404", path: "missing.txt", status: 404, headers: sfError("Not Found", nil), body: "Not Found"},
		{name: "should set no Content-Disposition on a 403", path: "../x", status: 403, headers: sfError("Forbidden", nil), body: "Forbidden"},
		{name: "should send a range of a download", path: "nums.txt", header: http.Header{"Range": {"bytes=0-0"}}, status: 206,
			headers: with(file(sfText, 9, "attachment; filename=nums.txt"), "Content-Range", "bytes 0-0/9", "Content-Length", "1"), body: "1"},
	})
}
