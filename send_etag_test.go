package expresso_test

import (
	"net/http"
	"testing"

	"github.com/expresso-go/expresso"
)

func TestSendETagModes(t *testing.T) {
	t.Parallel()
	custom := func(body []byte) string { return `"custom-` + string(body) + `"` }
	none := func([]byte) string { return "" }
	html := func(n, tag string) map[string]string {
		h := map[string]string{"Content-Type": sndHTML, "Content-Length": n}
		if tag != "" {
			h["Etag"] = tag
		}
		return h
	}
	sndRun(t, []sndCase{
		{
			name: "should send a weak ETag by default", handler: send("kajdslfkasdf"),
			status: 200, body: "kajdslfkasdf", headers: html("12", `W/"c-IgR/L5SF7CJQff4wxKGF/vfPuZ0"`),
		},
		{
			name: "should send a weak ETag for hello, world!", handler: send("hello, world!"),
			status: 200, body: "hello, world!", headers: html("13", `W/"d-HwnTDHB9U/PRbFMN1z1wps51lqk"`),
		},
		{
			name: "should send a strong ETag with ETagStrong", cfg: expresso.Config{ETag: expresso.ETagStrong},
			handler: send("hello, world!"),
			status:  200, body: "hello, world!", headers: html("13", `"d-HwnTDHB9U/PRbFMN1z1wps51lqk"`),
		},
		{
			name: "should send a strong empty-body ETag with ETagStrong", cfg: expresso.Config{ETag: expresso.ETagStrong},
			handler: send(""),
			status:  200, body: "", headers: html("0", `"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`),
		},
		{
			name: "should send a strong ETag for []byte with ETagStrong", cfg: expresso.Config{ETag: expresso.ETagStrong},
			handler: send([]byte("hey")),
			status:  200, body: "hey",
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "3", "Etag": `"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`},
		},
		{
			name: "should send no ETag with ETagOff", cfg: expresso.Config{ETag: expresso.ETagOff},
			handler: send("hello, world!"),
			status:  200, body: "hello, world!", headers: html("13", ""),
		},
		{
			name: "should send no ETag for JSON with ETagOff", cfg: expresso.Config{ETag: expresso.ETagOff},
			handler: func(c *expresso.Context) error { return c.JSON(sndUser{Name: "tobi"}) },
			status:  200, body: `{"name":"tobi"}`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "15"},
		},
		{
			name: "should use ETagFunc's tag", cfg: expresso.Config{ETagFunc: custom},
			handler: send("hey"),
			status:  200, body: "hey", headers: html("3", `"custom-hey"`),
		},
		{
			name: "should prefer ETagFunc over ETagOff", cfg: expresso.Config{ETag: expresso.ETagOff, ETagFunc: custom},
			handler: send("hey"),
			status:  200, body: "hey", headers: html("3", `"custom-hey"`),
		},
		{
			name: "should send no ETag when ETagFunc returns empty", cfg: expresso.Config{ETagFunc: none},
			handler: send("hey"),
			status:  200, body: "hey", headers: html("3", ""),
		},
	})
}

func TestSendETagEveryStatusAndMethod(t *testing.T) {
	t.Parallel()
	tobi := map[string]string{"Content-Type": sndHTML, "Content-Length": "4", "Etag": `W/"4-whnE3Et/9r56cJBFm8bQaoeaFXc"`}
	statusSend := func(code int) expresso.Handler {
		return func(c *expresso.Context) error { return c.Status(code).Send("tobi") }
	}
	cases := []sndCase{
		{name: "should send an ETag for a 404 body", handler: statusSend(404), status: 404, body: "tobi", headers: tobi},
		{name: "should send an ETag for a 500 body", handler: statusSend(500), status: 500, body: "tobi", headers: tobi},
		{name: "should send an ETag for a 201 body", handler: statusSend(201), status: 201, body: "tobi", headers: tobi},
		{name: "should send an ETag for a 301 body", handler: statusSend(301), status: 301, body: "tobi", headers: tobi},
		{
			name: "should send an ETag for a 400 JSON body", handler: func(c *expresso.Context) error {
				return c.Status(400).JSON(sndUser{Name: "tobi"})
			},
			status: 400, body: `{"name":"tobi"}`,
			headers: map[string]string{"Content-Type": sndJSON, "Content-Length": "15", "Etag": `W/"f-qIK0X/nQnRj+NhHq0jdAWOGlL/c"`},
		},
	}
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		cases = append(cases, sndCase{
			name: "should send an ETag for " + m, method: m, handler: send("tobi"),
			status: 200, body: "tobi", headers: tobi,
		})
	}
	sndRun(t, cases)
}

func TestSendETagAlreadySet(t *testing.T) {
	t.Parallel()
	sndRun(t, []sndCase{
		{
			name: "should keep an ETag set with Set", handler: func(c *expresso.Context) error {
				return c.Set("ETag", `"asdf"`).Send("hey")
			},
			status: 200, body: "hey",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": `"asdf"`},
		},
		{
			name: "should keep an ETag set on the header map", handler: func(c *expresso.Context) error {
				c.Response().Header().Set("ETag", `W/"x"`)
				return c.Send([]byte("hey"))
			},
			status: 200, body: "hey",
			headers: map[string]string{"Content-Type": sndOctet, "Content-Length": "3", "Etag": `W/"x"`},
		},
		{
			name: "should keep an ETag set even with ETagFunc", cfg: expresso.Config{ETagFunc: func([]byte) string { return `"f"` }},
			handler: func(c *expresso.Context) error { return c.Set("ETag", `"asdf"`).Send("hey") },
			status:  200, body: "hey",
			headers: map[string]string{"Content-Type": sndHTML, "Content-Length": "3", "Etag": `"asdf"`},
		},
	})
}
