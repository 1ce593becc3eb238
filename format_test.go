package expresso_test

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// fmReply is one expected response of a Format test.
type fmReply struct {
	status int
	header http.Header
	body   string
}

var (
	fmText = fmReply{200, http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "Vary": {"Accept"},
		"Content-Length": {"3"}, "Etag": {`W/"3-f1UKn0xEFzo3Zk2TjxNV8PkqR6c"`}}, "hey"}
	fmHTML = fmReply{200, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Vary": {"Accept"},
		"Content-Length": {"10"}, "Etag": {`W/"a-TCBUSok3wduEtDfkQYiOkVWpRqk"`}}, "<p>hey</p>"}
	fmJSON = fmReply{200, http.Header{"Content-Type": {"application/json; charset=utf-8"}, "Vary": {"Accept"},
		"Content-Length": {"17"}, "Etag": {`W/"11-ZlkyF/mTmOcDIgAa9+oyGaGnT0Y"`}}, `{"message":"hey"}`}
)

func fmSendText(c *expresso.Context) error { return c.Send("hey") }
func fmSendHTML(c *expresso.Context) error { return c.Send("<p>hey</p>") }
func fmSendJSON(c *expresso.Context) error { return c.JSON(map[string]string{"message": "hey"}) }

// fmOffers are text/plain, text/html and application/json, in that order,
// under the given type names.
func fmOffers(text, html, json string) []expresso.Offer {
	return []expresso.Offer{{Type: text, Handler: fmSendText}, {Type: html, Handler: fmSendHTML},
		{Type: json, Handler: fmSendJSON}}
}

// fmServe answers GET / with c.Format(offers...) and returns the response
// and what Format returned.
func fmServe(t *testing.T, accept []string, offers []expresso.Offer) (*http.Response, string, error) {
	t.Helper()
	app, _ := rsApp(expresso.Config{Env: "development"})
	var got error
	app.Get("/", func(c *expresso.Context) error {
		got = c.Format(offers...)
		return got
	})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	if accept != nil {
		r.Header["Accept"] = accept
	}
	res, body := rsDo(t, app, r)
	return res, body, got
}

func TestFormatShouldPickTheOfferTheClientPrefers(t *testing.T) {
	t.Parallel()
	full := fmOffers("text/plain", "text/html", "application/json")
	cases := []struct {
		name   string
		accept []string
		offers []expresso.Offer
		want   fmReply
	}{
		{name: "should pick the first offer without an Accept header", offers: full, want: fmText},
		{name: "should pick the first offer for an empty Accept header", accept: []string{""}, offers: full, want: fmText},
		{name: "should pick the exact type", accept: []string{"text/html"}, offers: full, want: fmHTML},
		{name: "should pick application/json", accept: []string{"application/json"}, offers: full, want: fmJSON},
		{name: "should follow q-values", accept: []string{"text/html;q=0.5, application/json"}, offers: full, want: fmJSON},
		{name: "should follow offer order for */*", accept: []string{"*/*"}, offers: full, want: fmText},
		{name: "should rank a type by its most specific range",
			accept: []string{"text/plain;q=0.1, text/*"}, offers: full, want: fmHTML},
		{name: "should break q ties by header order before offer order",
			accept: []string{"text/html, text/plain"}, offers: full, want: fmHTML},
		{name: "should match wildcard subtypes", accept: []string{"application/*;q=0.9, text/*;q=0.5"},
			offers: full, want: fmJSON},
		{name: "should never pick a type with q=0", accept: []string{"*/*, text/plain;q=0"}, offers: full, want: fmHTML},
		{name: "should read several Accept lines", accept: []string{"image/png", "application/json"},
			offers: full, want: fmJSON},
		{name: "should map extension offers to types", accept: []string{"application/json"},
			offers: fmOffers("text", "html", "json"), want: fmJSON},
		{name: "should set the type of an extension offer", accept: []string{"text/plain"},
			offers: fmOffers("text", "html", "json"), want: fmText},
		{name: "should strip the parameters of a full type offer", accept: []string{"text/html"},
			offers: fmOffers("text/plain", "text/html; level=1", "application/json"), want: fmHTML},
		{name: "should match Accept parameters against the offer's", accept: []string{"text/html;level=1, */*;q=0.1"},
			offers: fmOffers("text/plain", "text/html; level=1", "application/json"), want: fmHTML},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, body, err := fmServe(t, tc.accept, tc.offers)
			require.NoError(t, err)
			assert.Equal(t, tc.want.status, res.StatusCode)
			assert.Equal(t, tc.want.header, rsHeader(res.Header))
			assert.Equal(t, tc.want.body, body)
		})
	}
}

func TestFormatUnknownExtension(t *testing.T) {
	t.Parallel()
	offers := []expresso.Offer{
		{Type: "nosuchext", Handler: func(c *expresso.Context) error { return c.Send([]byte("raw")) }},
		{Type: "text/html", Handler: fmSendHTML},
	}
	t.Run("should send an unknown extension as application/octet-stream without Accept", func(t *testing.T) {
		t.Parallel()
		res, body, err := fmServe(t, nil, offers)
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, res.StatusCode)
		assert.Equal(t, http.Header{"Content-Type": {"application/octet-stream"}, "Vary": {"Accept"},
			"Content-Length": {"3"}, "Etag": {`W/"3-zhWAKoxejp2w/68QEw7yZSlunqQ"`}}, rsHeader(res.Header))
		assert.Equal(t, "raw", body)
	})
	t.Run("should never negotiate an unknown extension", func(t *testing.T) {
		t.Parallel()
		res, body, err := fmServe(t, []string{"*/*"}, offers)
		require.NoError(t, err)
		assert.Equal(t, fmHTML.status, res.StatusCode)
		assert.Equal(t, fmHTML.header, rsHeader(res.Header))
		assert.Equal(t, fmHTML.body, body)
	})
}

func TestFormatDefault(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		accept []string
		offers func(def expresso.Handler) []expresso.Offer
		ran    bool
	}{
		{name: "should run the default offer when nothing matches", accept: []string{"image/png"},
			offers: func(def expresso.Handler) []expresso.Offer {
				return []expresso.Offer{{Type: "text/html", Handler: fmSendHTML}, {Type: "default", Handler: def}}
			}, ran: true},
		{name: "should run a lone default offer without an Accept header",
			offers: func(def expresso.Handler) []expresso.Offer {
				return []expresso.Offer{{Type: "default", Handler: def}}
			}, ran: true},
		{name: "should prefer a match to the default wherever it stands", accept: []string{"text/html"},
			offers: func(def expresso.Handler) []expresso.Offer {
				return []expresso.Offer{{Type: "default", Handler: def}, {Type: "text/html", Handler: fmSendHTML}}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ran, typeSeen := false, "unset"
			def := func(c *expresso.Context) error {
				ran, typeSeen = true, c.Response().Header().Get("Content-Type")
				return c.Type("text/plain").Send("default")
			}
			res, body, err := fmServe(t, tc.accept, tc.offers(def))
			require.NoError(t, err)
			assert.Equal(t, tc.ran, ran)
			if !tc.ran {
				assert.Equal(t, fmHTML.header, rsHeader(res.Header))
				assert.Equal(t, fmHTML.body, body)
				return
			}
			assert.Equal(t, "", typeSeen, "Format must not set a Content-Type for the default offer")
			assert.Equal(t, http.StatusOK, res.StatusCode)
			assert.Equal(t, http.Header{"Content-Type": {"text/plain; charset=utf-8"}, "Vary": {"Accept"},
				"Content-Length": {"7"}, "Etag": {`W/"7-dQXWSlTgYbes1UzNWLSdxDUAtjU"`}}, rsHeader(res.Header))
			assert.Equal(t, "default", body)
		})
	}
}

func TestFormatNotAcceptable(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		accept  string
		offers  []expresso.Offer
		offered []string
		header  http.Header
		body    string
	}{
		{name: "should answer 406 in text when the client accepts no text/html",
			accept: "image/png", offers: fmOffers("text/plain", "text/html", "json"),
			offered: []string{"text/plain", "text/html", "application/json"},
			header:  http.Header{"Content-Type": {"text/plain; charset=utf-8"}}, body: "Not Acceptable"},
		{name: "should answer 406 with the HTML error page when the client accepts HTML",
			accept:  "image/png, text/html;q=0.1",
			offers:  []expresso.Offer{{Type: "application/json; q=1", Handler: fmSendJSON}},
			offered: []string{"application/json"},
			header:  http.Header{"Content-Type": {"text/html; charset=utf-8"}}, body: rsFinalHTML("Not Acceptable")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			res, body, err := fmServe(t, []string{tc.accept}, tc.offers)
			var he *expresso.HTTPError
			require.ErrorAs(t, err, &he)
			assert.Equal(t, http.StatusNotAcceptable, he.StatusCode())
			assert.Equal(t, tc.offered, he.Offered)
			assert.Equal(t, "Not Acceptable", he.Error())
			assert.Equal(t, http.StatusNotAcceptable, res.StatusCode)
			h := tc.header.Clone()
			h["Vary"] = []string{"Accept"}
			h["Content-Security-Policy"] = []string{"default-src 'none'"}
			h["X-Content-Type-Options"] = []string{"nosniff"}
			h["Content-Length"] = []string{strconv.Itoa(len(tc.body))}
			assert.Equal(t, h, rsHeader(res.Header))
			assert.Equal(t, tc.body, body)
		})
	}
}

func TestFormatShouldMergeVaryWithExistingFields(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	app.Get("/", func(c *expresso.Context) error {
		return c.Vary("Origin").Format(fmOffers("text/plain", "text/html", "application/json")...)
	})
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Accept", "text/plain")
	res, body := rsDo(t, app, r)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	want := fmText.header.Clone()
	want["Vary"] = []string{"Origin, Accept"}
	assert.Equal(t, want, rsHeader(res.Header))
	assert.Equal(t, "hey", body)
}

func TestFormatShouldReturnTheOfferHandlersError(t *testing.T) {
	t.Parallel()
	boom := expresso.NewHTTPError(http.StatusTeapot, "short and stout")
	res, body, err := fmServe(t, nil, []expresso.Offer{{Type: "text", Handler: func(*expresso.Context) error { return boom }}})
	assert.Same(t, boom, err)
	assert.Equal(t, http.StatusTeapot, res.StatusCode)
	assert.Equal(t, http.Header{
		"Content-Type":            {"text/html; charset=utf-8"},
		"Vary":                    {"Accept"},
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Length":          {strconv.Itoa(len(rsFinalHTML("short and stout")))},
	}, rsHeader(res.Header))
	assert.Equal(t, rsFinalHTML("short and stout"), body)
}

func TestFormatAfterTheHeadersWentOut(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{})
	var got error
	app.Get("/", func(c *expresso.Context) error {
		if err := c.Send("first"); err != nil {
			return err
		}
		//expressovet:ignore this test sends again on purpose: it pins the run-time refusal
		got = c.Format(fmOffers("text/plain", "text/html", "application/json")...)
		return nil
	})
	res, body := rsDo(t, app, httptest.NewRequest(http.MethodGet, "/", nil))
	assert.ErrorIs(t, got, expresso.ErrHeadersSent)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Content-Length": {"5"},
		"Etag": {`W/"5-4JlqN8E9RMOwYHSTnUP6N1m9MsE"`}}, rsHeader(res.Header))
	assert.Equal(t, "first", body)
}

func TestFormatShouldAnswer500ForANilHandler(t *testing.T) {
	t.Parallel()
	app, _ := rsApp(expresso.Config{Env: "development"})
	app.Get("/", func(c *expresso.Context) error { return c.Format(expresso.Offer{Type: "json"}) })
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Accept", "text/plain")
	res, body := rsDo(t, app, r)
	const msg = `expresso: panic: expresso: Format: offer "json" has a nil Handler`
	assert.Equal(t, http.StatusInternalServerError, res.StatusCode)
	assert.Equal(t, http.Header{
		"Content-Type":            {"text/plain; charset=utf-8"},
		"Vary":                    {"Accept"},
		"Content-Security-Policy": {"default-src 'none'"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Length":          {strconv.Itoa(len(msg))},
	}, rsHeader(res.Header))
	assert.Equal(t, msg, body)
}
