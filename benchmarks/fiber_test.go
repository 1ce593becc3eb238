package benchmarks

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/valyala/fasthttp"
)

// fiberRequest returns a fasthttp request context for GET path, the
// fasthttp counterpart of httptest.NewRequest.
func fiberRequest(path string) *fasthttp.RequestCtx {
	ctx := &fasthttp.RequestCtx{}
	ctx.Request.Header.SetMethod(http.MethodGet)
	ctx.Request.SetRequestURI(path)
	return ctx
}

// benchFiber drives app's fasthttp handler with one reused request
// context, resetting the response between requests as the DiscardWriter is
// reset for the net/http frameworks.
func benchFiber(b *testing.B, app *fiber.App, path string) {
	h := app.Handler()
	ctx := fiberRequest(path)
	b.ReportAllocs()
	for b.Loop() {
		ctx.Response.Reset()
		h(ctx)
	}
}
