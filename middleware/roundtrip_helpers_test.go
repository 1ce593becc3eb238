package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"
)

// rtResp is what a client got: status, headers (without Date) and body.
type rtResp struct {
	Status int
	Header http.Header
	Body   string
}

// rtDo serves r with h through a recorder and returns what the client got.
// Header entries without values (which are never sent) are dropped.
func rtDo(t *testing.T, h http.Handler, r *http.Request) rtResp {
	t.Helper()
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if v := recover(); v != nil && v != http.ErrAbortHandler {
				panic(v)
			}
		}()
		h.ServeHTTP(rec, r)
	}()
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	hdr := res.Header.Clone()
	for k, vs := range hdr {
		if len(vs) == 0 {
			delete(hdr, k)
		}
	}
	delete(hdr, "Date")
	return rtResp{Status: res.StatusCode, Header: hdr, Body: string(body)}
}

// rtReq builds a request with the given headers ("Name", "value" pairs).
func rtReq(method, target string, headers ...string) *http.Request {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Add(headers[i], headers[i+1])
	}
	return r
}
