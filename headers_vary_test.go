package expresso_test

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

func TestVary(t *testing.T) {
	t.Parallel()
	vary := func(set func(c *expresso.Context) *expresso.Context, expect string) (expresso.Handler, map[string]string) {
		return sndEnd(set), sndEndWith("Vary", expect)
	}
	var rc []sndCase
	for _, tc := range []struct {
		name   string
		set    func(c *expresso.Context) *expresso.Context
		expect string
	}{
		{"should set Vary", func(c *expresso.Context) *expresso.Context { return c.Vary("Origin") }, "Origin"},
		{"should append a field", func(c *expresso.Context) *expresso.Context { return c.Vary("Origin").Vary("Accept") }, "Origin, Accept"},
		{"should take several fields", func(c *expresso.Context) *expresso.Context { return c.Vary("Origin", "User-Agent") }, "Origin, User-Agent"},
		{"should take a comma list", func(c *expresso.Context) *expresso.Context { return c.Vary("Origin ,User-Agent") }, "Origin, User-Agent"},
		{
			"should not repeat a field, compared case-insensitively, keeping the first case",
			func(c *expresso.Context) *expresso.Context {
				return c.Vary("Origin").Vary("origin", "ACCEPT").Vary("accept")
			},
			"Origin, ACCEPT",
		},
		{"should set *", func(c *expresso.Context) *expresso.Context { return c.Vary("*") }, "*"},
		{"should turn a list into * when * is added", func(c *expresso.Context) *expresso.Context { return c.Vary("Origin").Vary("Accept, *") }, "*"},
		{"should keep * when a field is added", func(c *expresso.Context) *expresso.Context { return c.Vary("*").Vary("Origin") }, "*"},
		{
			"should merge with values appended on several lines",
			func(c *expresso.Context) *expresso.Context { return c.Append("Vary", "A", "B").Vary("C", "b") },
			"A, B, C",
		},
	} {
		h, hdr := vary(tc.set, tc.expect)
		rc = append(rc, sndCase{name: tc.name, handler: h, status: 200, headers: hdr})
	}
	sndRun(t, rc)
}

func TestVaryRefused(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		set  func(c *expresso.Context) *expresso.Context
	}{
		{"should return an error from the next sender for an invalid field", func(c *expresso.Context) *expresso.Context { return c.Vary("bad:name") }},
		{"should return an error from the next sender for an empty field", func(c *expresso.Context) *expresso.Context { return c.Vary("") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var err error
			res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
				tc.set(c)
				err = c.Send([]byte("x"))
				//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
				return c.End()
			}})
			assert.Error(t, err)
			assert.Equal(t, 200, res.StatusCode)
			assert.Equal(t, map[string]string{"Content-Length": "0"}, sndHeaders(res.Header))
		})
	}
}

func TestVaryWithoutFieldsDoesNothing(t *testing.T) {
	t.Parallel()
	var err error
	res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
		err = c.Vary().Send([]byte("x"))
		return err
	}})
	assert.NoError(t, err)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, map[string]string{"Content-Length": "1", "Content-Type": "application/octet-stream",
		"Etag": `W/"1-EfatjsUqKYSrqv18O1FlA3hcIHI"`}, sndHeaders(res.Header))
	body, rerr := io.ReadAll(res.Body)
	require.NoError(t, rerr)
	assert.Equal(t, "x", string(body))
}

func TestLinks(t *testing.T) {
	t.Parallel()
	const (
		next = "http://api.example.com/users?page=2"
		last = "http://api.example.com/users?page=5"
	)
	sndRun(t, []sndCase{
		{
			name:    "should set Link from rel, URL pairs in order",
			handler: sndEnd(func(c *expresso.Context) *expresso.Context { return c.Links("next", next, "last", last) }),
			status:  200, headers: sndEndWith("Link", `<`+next+`>; rel="next", <`+last+`>; rel="last"`),
		},
		{
			name:    "should give one entry per URL for a repeated rel",
			handler: sndEnd(func(c *expresso.Context) *expresso.Context { return c.Links("next", "/a", "next", "/b") }),
			status:  200, headers: sndEndWith("Link", `</a>; rel="next", </b>; rel="next"`),
		},
		{
			name: "should append to an existing Link",
			handler: sndEnd(func(c *expresso.Context) *expresso.Context {
				return c.Set("Link", `<http://example.com>; rel="home"`).Links("next", next).Links("last", last)
			}),
			status: 200, headers: sndEndWith("Link", `<http://example.com>; rel="home", <`+next+`>; rel="next", <`+last+`>; rel="last"`),
		},
		{
			name:    "should neither encode nor escape",
			handler: sndEnd(func(c *expresso.Context) *expresso.Context { return c.Links("a b", "/ü?x=<y>") }),
			status:  200, headers: sndEndWith("Link", `</ü?x=<y>>; rel="a b"`),
		},
	})
}

func TestLinksOddArguments(t *testing.T) {
	t.Parallel()
	var err error
	res, _ := sndServe(t, sndCase{handler: func(c *expresso.Context) error {
		c.Links("next")
		err = c.End()
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		return c.End()
	}})
	assert.Error(t, err)
	assert.Equal(t, map[string]string{"Content-Length": "0"}, sndHeaders(res.Header))
}
