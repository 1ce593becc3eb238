package expresso_test

import (
	"context"
	"net"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// addrListener is a loopback listener that reports another address, so
// that a test can stand for a server bound to every interface.
type addrListener struct {
	net.Listener
	addr net.Addr
}

func (l addrListener) Addr() net.Addr { return l.addr }

func TestServeShouldWarnWhenDevelopmentIsReachableFromTheNetwork(t *testing.T) {
	t.Parallel()
	const warning = `level=WARN msg="expresso: serving in development mode on a non-loopback address: ` +
		`error messages and panic values are sent to clients; set EXPRESSO_ENV=production or Config.Env = \"production\""`
	cases := []struct {
		name   string
		env    string
		addr   net.Addr
		expect int // warnings logged
	}{
		{"should warn on every interface in development", "development", &net.TCPAddr{IP: net.IPv6unspecified, Port: 3000}, 1},
		{"should warn on a public address in development", "development", &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 3000}, 1},
		{"should stay quiet on loopback in development", "development", &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 3000}, 0},
		{"should stay quiet in production", "production", &net.TCPAddr{IP: net.IPv6unspecified, Port: 3000}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			app, logs := rsApp(expresso.Config{Env: tc.env})
			l, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			served := make(chan error, 1)
			go func() { served <- app.Serve(addrListener{l, tc.addr}) }()
			// Shut down once Serve has registered its server.
			for {
				require.NoError(t, app.Shutdown(context.Background()))
				if err, ok := tryRecv(served); ok {
					require.NoError(t, err)
					break
				}
			}
			assert.Equal(t, tc.expect, strings.Count(logs.String(), warning), logs.String())
			if tc.expect > 0 {
				assert.Contains(t, logs.String(), "addr="+tc.addr.String())
			}
		})
	}
}

// tryRecv receives from ch if a value arrives within a few milliseconds.
func tryRecv[T any](ch <-chan T) (T, bool) {
	select {
	case v := <-ch:
		return v, true
	case <-time.After(5 * time.Millisecond):
		var zero T
		return zero, false
	}
}

func TestPanicLoggingShouldBeBoundedPerCallSite(t *testing.T) {
	t.Parallel()
	for _, env := range []string{"development", "production"} {
		t.Run("should log the first five stacks of a call site in "+env, func(t *testing.T) {
			t.Parallel()
			app, logs := rsApp(expresso.Config{Env: env})
			app.Get("/a", func(c *expresso.Context) error { panic("boom a") })
			app.Get("/b", func(c *expresso.Context) error { panic("boom b") })
			for range 20 {
				assert.Equal(t, 500, app.Test(httptest.NewRequest("GET", "/a", nil)).StatusCode)
			}
			for range 2 {
				assert.Equal(t, 500, app.Test(httptest.NewRequest("GET", "/b", nil)).StatusCode)
			}
			out := logs.String()
			assert.Equal(t, 5, strings.Count(out, `err="expresso: panic: boom a"`), out)
			assert.Equal(t, 2, strings.Count(out, `err="expresso: panic: boom b"`), out)
			assert.Equal(t, 7, strings.Count(out, "stack="), out)
		})
	}
}
