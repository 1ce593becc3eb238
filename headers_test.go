package expresso_test

import (
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// sndEnd returns a handler that applies set, then ends the response with no
// body, so that exactly the headers set (and Content-Length: 0) are sent.
func sndEnd(set func(c *expresso.Context) *expresso.Context) expresso.Handler {
	return func(c *expresso.Context) error { return set(c).End() }
}

// sndEndWith returns the headers of an empty End with field set to value.
func sndEndWith(kv ...string) map[string]string {
	h := map[string]string{"Content-Length": "0"}
	for i := 0; i < len(kv); i += 2 {
		h[kv[i]] = kv[i+1]
	}
	return h
}

func TestStatus(t *testing.T) {
	t.Parallel()
	var cases []sndCase
	for _, code := range []int{200, 201, 404, 500, 599, 700, 800, 900, 999} {
		cases = append(cases, sndCase{
			name:    "should accept status " + strconv.Itoa(code),
			handler: func(c *expresso.Context) error { return c.Status(code).Send([]byte("x")) },
			status:  code, body: "x",
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "1", "Etag": `W/"1-EfatjsUqKYSrqv18O1FlA3hcIHI"`},
		})
	}
	cases = append(cases, sndCase{
		name:    "should let a later Status win",
		handler: func(c *expresso.Context) error { return c.Status(500).Status(201).End() },
		status:  201, body: "", headers: sndEndWith(),
	})
	sndRun(t, cases)
}

func TestStatusInvalid(t *testing.T) {
	t.Parallel()
	senders := map[string]func(c *expresso.Context) error{
		"Send":       func(c *expresso.Context) error { return c.Send("x") },
		"SendStatus": func(c *expresso.Context) error { return c.SendStatus(201) },
		"JSON":       func(c *expresso.Context) error { return c.JSON(1) },
		"JSONP":      func(c *expresso.Context) error { return c.JSONP(1) },
		"Redirect":   func(c *expresso.Context) error { return c.Redirect("/") },
		"End":        func(c *expresso.Context) error { return c.End("x") },
		"Write":      func(c *expresso.Context) error { _, err := c.Write([]byte("x")); return err },
		"WriteHead":  func(c *expresso.Context) error { return c.WriteHead(201) },
	}
	for _, code := range []int{99, 1000, 0, -200} {
		for name, sender := range senders {
			t.Run("should return the refused status "+strconv.Itoa(code)+" from "+name, func(t *testing.T) {
				t.Parallel()
				var first, second error
				var sentAfterRefusal bool
				var statusAfter int
				res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
					c.Status(code)
					statusAfter = c.Response().Status()
					first = sender(c)
					sentAfterRefusal = c.HeadersSent()
					second = c.Send("ok")
					return nil
				}})
				assert.ErrorIs(t, first, expresso.ErrInvalidStatus)
				assert.Contains(t, first.Error(), strconv.Itoa(code))
				assert.Equal(t, 200, statusAfter, "the refused status must leave the status unchanged")
				assert.False(t, sentAfterRefusal, "the sender must send nothing when it returns the refusal")
				assert.NoError(t, second, "the refusal is returned once")
				assert.Equal(t, 200, res.StatusCode)
				assert.Equal(t, "ok", sndBody(t, res))
			})
		}
	}
}

func TestSet(t *testing.T) {
	t.Parallel()
	set := func(field, value string) expresso.Handler {
		return sndEnd(func(c *expresso.Context) *expresso.Context { return c.Set(field, value) })
	}
	sndRun(t, []sndCase{
		{name: "should set a header", handler: set("X-Foo", "bar"), status: 200, headers: sndEndWith("X-Foo", "bar")},
		{name: "should canonicalise the field name", handler: set("x-foo", "bar"), status: 200, headers: sndEndWith("X-Foo", "bar")},
		{
			name: "should replace an earlier value", status: 200, headers: sndEndWith("X-Foo", "b"),
			handler: sndEnd(func(c *expresso.Context) *expresso.Context { return c.Set("X-Foo", "a").Set("x-foo", "b") }),
		},
		{
			name: "should treat a Content-Type without / as an extension", handler: set("Content-Type", "html"),
			status: 200, headers: sndEndWith("Content-Type", sndHTML),
		},
		{
			name: "should look up json for Content-Type", handler: set("content-type", "json"),
			status: 200, headers: sndEndWith("Content-Type", sndJSON),
		},
		{
			name: "should add a charset to a text Content-Type", handler: set("Content-Type", "text/plain"),
			status: 200, headers: sndEndWith("Content-Type", sndText),
		},
		{
			name: "should keep the charset of a Content-Type", handler: set("Content-Type", "text/html; charset=lol"),
			status: 200, headers: sndEndWith("Content-Type", "text/html; charset=lol"),
		},
		{
			name: "should add no charset to image/png", handler: set("Content-Type", "image/png"),
			status: 200, headers: sndEndWith("Content-Type", "image/png"),
		},
		{
			name: "should add no charset to application/vnd.amazon.ebook", handler: set("Content-Type", "application/vnd.amazon.ebook"),
			status: 200, headers: sndEndWith("Content-Type", "application/vnd.amazon.ebook"),
		},
	})
}

func TestSetRefusesInvalid(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, field, value string }{
		{"should refuse CR LF in a value", "X-Foo", "a\r\nX-Evil: 1"},
		{"should refuse LF in a value", "X-Foo", "a\nb"},
		{"should refuse NUL in a value", "X-Foo", "a\x00b"},
		{"should refuse a space in a name", "X Foo", "a"},
		{"should refuse a colon in a name", "X-Foo:", "a"},
		{"should refuse an empty name", "", "a"},
	}
	for _, tc := range cases {
		for _, via := range []string{"Set", "Append"} {
			t.Run(tc.name+" via "+via, func(t *testing.T) {
				t.Parallel()
				var first, second error
				res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
					if via == "Set" {
						c.Set(tc.field, tc.value)
					} else {
						c.Append(tc.field, tc.value)
					}
					first = c.End()
					//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
					second = c.End()
					return nil
				}})
				assert.Error(t, first)
				assert.NoError(t, second)
				assert.Equal(t, 200, res.StatusCode)
				assert.Equal(t, map[string]string{"Content-Length": "0"}, sndHeaders(res.Header))
			})
		}
	}
}

func TestAppend(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		set    func(c *expresso.Context) *expresso.Context
		field  string
		expect []string
	}{
		{
			name: "should send each appended Set-Cookie as its own line",
			set: func(c *expresso.Context) *expresso.Context {
				return c.Append("Set-Cookie", "a=1").Append("set-cookie", "b=2")
			},
			field: "Set-Cookie", expect: []string{"a=1", "b=2"},
		},
		{
			name:  "should append several values at once",
			set:   func(c *expresso.Context) *expresso.Context { return c.Append("Link", "<a>", "<b>") },
			field: "Link", expect: []string{"<a>", "<b>"},
		},
		{
			name:  "should append to a value set by Set",
			set:   func(c *expresso.Context) *expresso.Context { return c.Set("X-A", "1").Append("X-A", "2") },
			field: "X-A", expect: []string{"1", "2"},
		},
		{
			name:  "should let Set reset appended values",
			set:   func(c *expresso.Context) *expresso.Context { return c.Append("X-A", "1", "2").Set("X-A", "3") },
			field: "X-A", expect: []string{"3"},
		},
		{
			name:  "should apply the Content-Type rules when appending the first Content-Type",
			set:   func(c *expresso.Context) *expresso.Context { return c.Append("Content-Type", "text/plain") },
			field: "Content-Type", expect: []string{sndText},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, err := sndServe(t, sndCase{handler: sndEnd(tc.set)})
			assert.NoError(t, err)
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, tc.expect, res.Header.Values(tc.field))
			assert.Len(t, res.Header, 2, "only the appended field and Content-Length")
		})
	}
}

func TestAppendContentTypeRefused(t *testing.T) {
	t.Parallel()
	var err error
	res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
		c.Type("html").Append("Content-Type", "text/plain")
		err = c.End()
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		return c.End()
	}})
	assert.Error(t, err)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, map[string]string{"Content-Type": sndHTML, "Content-Length": "0"}, sndHeaders(res.Header))
}

func TestType(t *testing.T) {
	t.Parallel()
	cases := []struct{ given, expect string }{
		{"json", sndJSON},
		{"html", sndHTML},
		{".html", sndHTML},
		{"txt", sndText},
		{"foo.js", "text/javascript; charset=utf-8"},
		{"FILE.JSON", sndJSON},
		{"file@test.json", sndJSON},
		{"file.tar.gz", "application/gzip"},
		{"png", "image/png"},
		{"rawr", sndOctet},
		{"", sndOctet},
		{"image/png", "image/png"},
		{"application/json", sndJSON},
		{"application/vnd.amazon.ebook", "application/vnd.amazon.ebook"},
		{"text/x-foo", "text/x-foo; charset=utf-8"},
		{"text/html; charset=lol", "text/html; charset=lol"},
	}
	var rc []sndCase
	for _, tc := range cases {
		rc = append(rc, sndCase{
			name:    "should set Content-Type " + tc.expect + " for " + strconv.Quote(tc.given),
			handler: sndEnd(func(c *expresso.Context) *expresso.Context { return c.Type(tc.given) }),
			status:  200, headers: sndEndWith("Content-Type", tc.expect),
		})
	}
	sndRun(t, rc)
}

func TestLocation(t *testing.T) {
	t.Parallel()
	loc := func(url string) expresso.Handler {
		return sndEnd(func(c *expresso.Context) *expresso.Context { return c.Location(url) })
	}
	sndRun(t, []sndCase{
		{name: "should set Location", handler: loc("http://google.com/"), status: 200, headers: sndEndWith("Location", "http://google.com/")},
		{name: "should encode the URL", handler: loc("/ü b<c>"), status: 200, headers: sndEndWith("Location", "/%C3%BC%20b%3Cc%3E")},
		{name: "should keep escapes and backslashes", handler: loc(`/%e2%98%83\x`), status: 200, headers: sndEndWith("Location", `/%e2%98%83\x`)},
		{name: "should encode CR LF instead of refusing", handler: loc("/a\r\nb"), status: 200, headers: sndEndWith("Location", "/a%0D%0Ab")},
		{name: "should keep back as a literal", handler: loc("back"), status: 200, headers: sndEndWith("Location", "back")},
		{
			name: "should keep back as a literal even with a Referer", header: http.Header{"Referer": {"/prev"}},
			handler: loc("back"), status: 200, headers: sndEndWith("Location", "back"),
		},
	})
}

func TestAttachment(t *testing.T) {
	t.Parallel()
	att := func(name ...string) expresso.Handler {
		return sndEnd(func(c *expresso.Context) *expresso.Context { return c.Attachment(name...) })
	}
	cd := func(ct, disposition string) map[string]string {
		if ct == "" {
			return sndEndWith("Content-Disposition", disposition)
		}
		return sndEndWith("Content-Type", ct, "Content-Disposition", disposition)
	}
	sndRun(t, []sndCase{
		{name: "should set attachment without a name", handler: att(), status: 200, headers: cd("", "attachment")},
		{
			name: "should set the file name and its type", handler: att("/path/to/image.png"),
			status: 200, headers: cd("image/png", "attachment; filename=image.png"),
		},
		{
			name: "should set a text type with charset", handler: att("user.html"),
			status: 200, headers: cd(sndHTML, "attachment; filename=user.html"),
		},
		{
			name: "should set application/octet-stream for a name without extension", handler: att("document"),
			status: 200, headers: cd(sndOctet, "attachment; filename=document"),
		},
		{
			name: "should quote a name that is not a token", handler: att("my report.pdf"),
			status: 200, headers: cd("application/pdf", `attachment; filename="my report.pdf"`),
		},
		{
			name: "should add filename* for a non-ASCII name", handler: att("日本語.txt"),
			status: 200, headers: cd(sndText, `attachment; filename="???.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`),
		},
		{
			name: "should add filename* for a Latin-1 name", handler: att("café.txt"),
			status: 200, headers: cd(sndText, `attachment; filename="caf?.txt"; filename*=UTF-8''caf%C3%A9.txt`),
		},
		{
			name: "should treat a dot file as having no extension", handler: att(".json"),
			status: 200, headers: cd(sndOctet, "attachment; filename=.json"),
		},
		{
			name: "should set an empty file name without a type", handler: att(""),
			status: 200, headers: cd("", `attachment; filename=""`),
		},
	})
}
