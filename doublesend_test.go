package expresso_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// dsFirst is a call (or pair of calls) that completes a response.
type dsFirst struct {
	name string
	// commitBy and finishBy are the calls the refusals must name: the one
	// that sent the headers and the one that finished the response.
	commitBy, finishBy string
	// status and body pin the response the client must receive.
	status int
	body   string
	// run completes the response and returns the file:line of the
	// committing and the finishing call.
	run func(c *expresso.Context) (commitAt, finishAt string, err error)
}

// dsFirsts are the ways a handler completes a response.
var dsFirsts = []dsFirst{
	{name: "Send", commitBy: "Send", finishBy: "Send", status: 200, body: "hello",
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.Send("hello")
			return at, at, err
		}},
	{name: "JSON", commitBy: "JSON", finishBy: "JSON", status: 200, body: `{"a":1}`,
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.JSON(map[string]int{"a": 1})
			return at, at, err
		}},
	{name: "JSONP", commitBy: "JSONP", finishBy: "JSONP", status: 200, body: `/**/ typeof cb === 'function' && cb({"a":1});`,
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.JSONP(map[string]int{"a": 1})
			return at, at, err
		}},
	{name: "Redirect", commitBy: "Redirect", finishBy: "Redirect", status: 302, body: "Found. Redirecting to /next",
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.Redirect("/next")
			return at, at, err
		}},
	{name: "SendStatus", commitBy: "SendStatus", finishBy: "SendStatus", status: 201, body: "Created",
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.SendStatus(201)
			return at, at, err
		}},
	{name: "End", commitBy: "End", finishBy: "End", status: 200, body: "bye",
		run: func(c *expresso.Context) (string, string, error) {
			at, err := gwHere(), c.End("bye")
			return at, at, err
		}},
	{name: "Write then End", commitBy: "Write", finishBy: "End", status: 200, body: "partend",
		run: func(c *expresso.Context) (string, string, error) {
			wat, werr := gwHere(), gwErr(c.Write([]byte("part")))
			if werr != nil {
				return wat, "", werr
			}
			eat, err := gwHere(), c.End("end")
			return wat, eat, err
		}},
	{name: "WriteHead then End", commitBy: "WriteHead", finishBy: "End", status: 201, body: "made",
		run: func(c *expresso.Context) (string, string, error) {
			hat, herr := gwHere(), c.WriteHead(201, http.Header{"X-Head": {"1"}})
			if herr != nil {
				return hat, "", herr
			}
			eat, err := gwHere(), c.End("made")
			return hat, eat, err
		}},
}

// dsWant is one refusal a second call must return (or leave to be logged).
type dsWant struct {
	call     string
	sentinel error
}

var (
	dsHS  = expresso.ErrHeadersSent
	dsWAE = expresso.ErrWriteAfterEnd
)

// dsSecond is a call made after the response was completed.
type dsSecond struct {
	name string
	// want lists the refusals run returns, in order; with logged set, the
	// single refusal is not returned but must be logged after the handler.
	want   []dsWant
	logged bool
	run    func(c *expresso.Context) []error
}

func dsOne(err error) []error { return []error{err} }

// dsSetter makes the two seconds of a chained setter: its refusal returned
// by the next sender, and its refusal logged when no sender follows.
func dsSetter(call string, set func(c *expresso.Context)) []dsSecond {
	return []dsSecond{
		{name: call + " then Send", want: []dsWant{{call, dsHS}},
			run: func(c *expresso.Context) []error { set(c); return dsOne(c.Send("again")) }},
		{name: call + " alone", want: []dsWant{{call, dsHS}}, logged: true,
			run: func(c *expresso.Context) []error { set(c); return nil }},
	}
}

// dsSeconds are the calls every completed response must refuse.
var dsSeconds = func() []dsSecond {
	s := []dsSecond{
		{name: "Send", want: []dsWant{{"Send", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.Send("again")) }},
		{name: "Send of a struct", want: []dsWant{{"Send", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.Send(struct{ B int }{2})) }},
		{name: "JSON", want: []dsWant{{"JSON", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.JSON(map[string]int{"b": 2})) }},
		{name: "JSONP", want: []dsWant{{"JSONP", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.JSONP(map[string]int{"b": 2})) }},
		{name: "Redirect", want: []dsWant{{"Redirect", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.Redirect("/elsewhere", 301)) }},
		{name: "SendStatus", want: []dsWant{{"SendStatus", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.SendStatus(500)) }},
		{name: "End", want: []dsWant{{"End", dsWAE}},
			run: func(c *expresso.Context) []error { return dsOne(c.End("again")) }},
		{name: "Write then End", want: []dsWant{{"Write", dsWAE}, {"End", dsWAE}},
			run: func(c *expresso.Context) []error {
				return []error{gwErr(c.Write([]byte("again"))), c.End()}
			}},
		{name: "WriteHead then End", want: []dsWant{{"WriteHead", dsHS}, {"End", dsWAE}},
			run: func(c *expresso.Context) []error {
				return []error{c.WriteHead(500, http.Header{"X-Late": {"1"}}), c.End("again")}
			}},
		{name: "Cookie", want: []dsWant{{"Cookie", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.Cookie("sid", "1")) }},
		{name: "ClearCookie", want: []dsWant{{"ClearCookie", dsHS}},
			run: func(c *expresso.Context) []error { return dsOne(c.ClearCookie("sid")) }},
		{name: "Response().Write", want: []dsWant{{"Write", dsWAE}},
			run: func(c *expresso.Context) []error { return dsOne(gwErr(c.Response().Write([]byte("again")))) }},
		{name: "Response().WriteHeader", want: []dsWant{{"WriteHeader", dsHS}}, logged: true,
			run: func(c *expresso.Context) []error { c.Response().WriteHeader(500); return nil }},
	}
	s = append(s, dsSetter("Set", func(c *expresso.Context) { c.Set("X-Late", "1") })...)
	s = append(s, dsSetter("Status", func(c *expresso.Context) { c.Status(500) })...)
	s = append(s, dsSetter("Type", func(c *expresso.Context) { c.Type("json") })...)
	s = append(s, dsSetter("Vary", func(c *expresso.Context) { c.Vary("Origin") })...)
	s = append(s, dsSetter("Append", func(c *expresso.Context) { c.Append("X-Late", "1") })...)
	s = append(s, dsSetter("Location", func(c *expresso.Context) { c.Location("/x") })...)
	s = append(s, dsSetter("Links", func(c *expresso.Context) { c.Links("next", "/p2") })...)
	s = append(s, dsSetter("Attachment", func(c *expresso.Context) { c.Attachment("a.txt") })...)
	return s
}()

// dsTarget is the request of every case; the callback makes JSONP pad.
const dsTarget = "/?callback=cb"

func TestDoubleSendMatrix(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"development", "production"} {
		t.Run(env, func(t *testing.T) {
			t.Parallel()
			for _, f := range dsFirsts {
				t.Run("after "+f.name, func(t *testing.T) {
					t.Parallel()
					ref := dsReference(t, env, f)
					for _, s := range dsSeconds {
						t.Run("should refuse "+s.name+" and leave the response intact", func(t *testing.T) {
							t.Parallel()
							dsCheckPair(t, env, f, s, ref)
						})
					}
				})
			}
		})
	}
}

// dsReference serves a handler that calls only f and returns the wire
// response, after pinning its status and body.
func dsReference(t *testing.T, env string, f dsFirst) string {
	t.Helper()
	app := expresso.New(expresso.Config{Env: env})
	errc := make(chan error, 1)
	app.Get("/", func(c *expresso.Context) error {
		_, _, err := f.run(c)
		errc <- err
		return nil
	})
	raw := gwWire(t, app, httptest.NewRequest(http.MethodGet, dsTarget, nil))
	require.NoError(t, <-errc)
	res := gwParse(t, raw)
	require.Equal(t, f.status, res.status, raw)
	require.Equal(t, f.body, res.body, raw)
	return raw
}

// dsCheckPair serves a handler that calls f then s and checks the wire
// response against ref and the refusals s got.
func dsCheckPair(t *testing.T, env string, f dsFirst, s dsSecond, ref string) {
	app, logs := gwApp(expresso.Config{Env: env})
	type result struct {
		commitAt, finishAt string
		first              error
		second             []error
		before, after      http.Header
		status             [2]int
	}
	done := make(chan result, 1)
	app.Get("/", func(c *expresso.Context) error {
		var r result
		r.commitAt, r.finishAt, r.first = f.run(c)
		r.before, r.status[0] = c.Response().Header().Clone(), c.Response().Status()
		r.second = s.run(c)
		r.after, r.status[1] = c.Response().Header().Clone(), c.Response().Status()
		done <- r
		return nil
	})
	raw := gwWire(t, app, httptest.NewRequest(http.MethodGet, dsTarget, nil))
	r := <-done
	require.NoError(t, r.first)

	assert.Equal(t, ref, raw, "the client must receive exactly the first response")
	assert.Equal(t, r.before, r.after, "a refused call must not touch the header map")
	assert.Equal(t, r.status[0], r.status[1], "a refused call must not change the status")

	wantMsg := func(w dsWant) string {
		by, at := f.commitBy, r.commitAt
		text := "cannot set headers after they are sent to the client (response committed by "
		if w.sentinel == dsWAE {
			by, at = f.finishBy, r.finishAt
			text = "write after end (response finished by "
		}
		msg := "expresso: " + w.call + " refused: " + text + by
		if env != "production" {
			msg += " at " + at
		}
		return msg + ")"
	}
	records := logs.records(t)
	if s.logged {
		require.Len(t, records, 1, "the unreturned refusal must be logged once")
		assert.Equal(t, "expresso: a refused call was not returned by any sender", records[0]["msg"])
		assert.Equal(t, wantMsg(s.want[0]), records[0]["err"])
		return
	}
	assert.Empty(t, records, "a refusal returned by a sender must not be logged again")
	require.Len(t, r.second, len(s.want))
	for i, w := range s.want {
		err := r.second[i]
		require.Error(t, err, "call %d (%s) must be refused", i, w.call)
		assert.ErrorIs(t, err, w.sentinel)
		other := dsHS
		if w.sentinel == dsHS {
			other = dsWAE
		}
		assert.False(t, errors.Is(err, other), "%v must match only %v", err, w.sentinel)
		assert.Equal(t, wantMsg(w), err.Error())
	}
}
