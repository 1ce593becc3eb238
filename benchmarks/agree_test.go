package benchmarks

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// answer is what a framework sent back.
type answer struct {
	status      int
	contentType string
	body        string
}

// want is the answer a framework must give for a scenario, with the
// spelling differences the frameworks are known for: Echo writes
// "charset=UTF-8" for text, no charset for JSON, and ends JSON with a
// newline; a 404 is each framework's own default page.
func want(sc scenario, framework string) answer {
	a := answer{status: sc.status, contentType: sc.contentType, body: sc.body}
	if sc.name == "NotFound" {
		a.contentType, a.body = notFoundResponse(framework)
		return a
	}
	if framework == "Echo" && a.contentType == AppJSON {
		a.contentType = "application/json"
		a.body += "\n"
	}
	return a
}

// notFoundResponse returns a framework's default 404 for GET /missing.
func notFoundResponse(framework string) (contentType, body string) {
	switch framework {
	case "Expresso", "ExpressoDefaults":
		return "text/html; charset=utf-8", "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
			"<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /missing</pre>\n</body>\n</html>\n"
	case "Gin":
		return "text/plain", "404 page not found"
	case "Echo":
		return "application/json", "{\"message\":\"Not Found\"}\n"
	case "Fiber":
		return TextPlain, "Not Found"
	default: // net/http's http.NotFound: HttpRouter, Chi, ServeMux
		return TextPlain, "404 page not found\n"
	}
}

// TestAllFrameworksAgree checks that every framework answers every
// scenario with the right status, Content-Type and body: a benchmark of a
// broken handler is worthless.
func TestAllFrameworksAgree(t *testing.T) {
	for _, sc := range scenarios() {
		for _, fw := range Frameworks() {
			t.Run(sc.name+"/"+fw.Name, func(t *testing.T) {
				w := httptest.NewRecorder()
				fw.App(sc.middleware).ServeHTTP(w, httptest.NewRequest(http.MethodGet, sc.path, nil))
				got := answer{status: w.Code, contentType: w.Header().Get("Content-Type"), body: w.Body.String()}
				assertAnswer(t, want(sc, fw.Name), got)
				wantETag := fw.Name == "ExpressoDefaults" && sc.status == http.StatusOK
				assert.Equal(t, wantETag, w.Header().Get("ETag") != "",
					"only ExpressoDefaults computes an ETag; got %q", w.Header().Get("ETag"))

				// The benchmarks' writer must see the same response.
				d := NewDiscardWriter()
				fw.App(sc.middleware).ServeHTTP(d, httptest.NewRequest(http.MethodGet, sc.path, nil))
				status := d.Status
				if status == 0 {
					status = http.StatusOK // no WriteHeader call means 200, as in net/http
				}
				assert.Equal(t, got.status, status, "status through the DiscardWriter")
				assert.Equal(t, len(got.body), d.Written, "body bytes through the DiscardWriter")
				assert.Equal(t, got.contentType, d.Header().Get("Content-Type"), "Content-Type through the DiscardWriter")
			})
		}
		t.Run(sc.name+"/Fiber", func(t *testing.T) {
			ctx := fiberRequest(sc.path)
			FiberApp(sc.middleware).Handler()(ctx)
			got := answer{
				status:      ctx.Response.StatusCode(),
				contentType: string(ctx.Response.Header.ContentType()),
				body:        string(ctx.Response.Body()),
			}
			assertAnswer(t, want(sc, "Fiber"), got)
		})
	}
}

// assertAnswer compares two answers; the Content-Type compares without
// regard to case, as "charset=UTF-8" and "charset=utf-8" are the same.
func assertAnswer(t *testing.T, want, got answer) {
	t.Helper()
	assert.Equal(t, want.status, got.status, "status")
	assert.Equal(t, strings.ToLower(want.contentType), strings.ToLower(got.contentType), "Content-Type")
	assert.Equal(t, want.body, got.body, "body")
}
