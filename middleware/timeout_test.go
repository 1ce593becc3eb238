package middleware_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const deadline = 50 * time.Millisecond

// timeoutCase is a handler under Timeout(deadline), and what the client
// must get.
type timeoutCase struct {
	name       string
	handler    func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error
	wantStatus int
	wantHeader http.Header // checked keys
	wantBody   string
	wantLate   error // what the handler's write after the deadline returns
	quick      bool  // outside expresso, the client gets its answer while the handler still runs
}

func timeoutCases() []timeoutCase {
	sleep := func(d time.Duration) { time.Sleep(d) }
	return []timeoutCase{
		{name: "a fast handler is untouched", handler: func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error {
			w.Header().Set("X-Handler", "yes")
			_, err := io.WriteString(w, "fast")
			return err
		}, wantStatus: 200, wantHeader: http.Header{"X-Handler": {"yes"}, "X-Early": {"kept"}}, wantBody: "fast"},
		{name: "a slow handler that ignores its context gets a 503 at the deadline", handler: func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error {
			w.Header().Set("X-Handler", "yes")
			<-release // after the client got its answer (net/http), or well after the deadline (App)
			_, err := io.WriteString(w, "too late")
			return err
		}, wantStatus: 503, wantHeader: http.Header{"X-Handler": nil, "X-Early": {"kept"}, "Content-Type": {"text/plain; charset=utf-8"},
			"Content-Length": {"19"}, "X-Content-Type-Options": {"nosniff"}}, wantBody: "Service Unavailable", wantLate: http.ErrHandlerTimeout, quick: true},
		{name: "a handler that gives up on its context gets a 503", handler: func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error {
			<-r.Context().Done()
			return r.Context().Err()
		}, wantStatus: 503, wantHeader: http.Header{"Content-Length": {"19"}}, wantBody: "Service Unavailable"},
		{name: "a handler that wrote before the deadline keeps its response", handler: func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error {
			w.Header().Set("X-Handler", "yes")
			if _, err := io.WriteString(w, "partial,"); err != nil {
				return err
			}
			if err := http.NewResponseController(w).Flush(); err != nil {
				return err
			}
			sleep(3 * deadline)
			_, err := io.WriteString(w, "rest")
			return err
		}, wantStatus: 200, wantHeader: http.Header{"X-Handler": {"yes"}, "Content-Length": nil}, wantBody: "partial,rest"},
		{name: "a handler that set its status before the deadline keeps it", handler: func(w http.ResponseWriter, r *http.Request, release <-chan struct{}) error {
			w.WriteHeader(202)
			sleep(3 * deadline)
			_, err := io.WriteString(w, "accepted")
			return err
		}, wantStatus: 202, wantBody: "accepted"},
	}
}

func TestTimeoutNetHTTP(t *testing.T) {
	for _, tt := range timeoutCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			late := make(chan error, 1)
			release := make(chan struct{})
			h := middleware.Timeout(deadline)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				late <- tt.handler(w, r, release)
			}))
			early := func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("X-Early", "kept")
					next.ServeHTTP(w, r)
				})
			}
			if !tt.quick {
				close(release)
			}
			runTimeout(t, early(h), tt, late, release, tt.quick)
		})
	}
}

func TestTimeoutInsideAnApp(t *testing.T) {
	for _, tt := range timeoutCases() {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			late := make(chan error, 1)
			release := make(chan struct{})
			time.AfterFunc(3*deadline, func() { close(release) })
			app := expresso.New(expresso.Config{Env: "production", Logger: slog.New(slog.DiscardHandler)})
			app.Use(func(c *expresso.Context) error {
				c.Set("X-Early", "kept")
				return c.Next()
			})
			app.Use(middleware.Timeout(deadline))
			app.Get("/", func(c *expresso.Context) error {
				err := tt.handler(c.Response(), c.Request(), release)
				late <- err
				return err
			})
			runTimeout(t, app, tt, late, nil, false)
		})
	}
}

func runTimeout(t *testing.T, h http.Handler, tt timeoutCase, late chan error, release chan struct{}, quick bool) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	res.Body.Close()
	if quick {
		close(release) // the handler has been blocked all along
	}
	assert.Equal(t, tt.wantStatus, res.StatusCode)
	assert.Equal(t, tt.wantBody, string(body))
	for k, v := range tt.wantHeader {
		assert.Equal(t, v, res.Header[k], k)
	}
	lateErr := <-late
	if tt.wantLate != nil {
		assert.ErrorIs(t, lateErr, tt.wantLate)
	}
}

func TestTimeoutGivesTheHandlerADeadline(t *testing.T) {
	var got time.Time
	h := middleware.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = r.Context().Deadline()
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	assert.Equal(t, 200, rec.Code)
	assert.WithinDuration(t, time.Now().Add(time.Minute), got, 5*time.Second)
}

// TestTimeoutNeverRacesTheWriter has a handler write in a loop across the
// deadline; run with -race.
func TestTimeoutNeverRacesTheWriter(t *testing.T) {
	for range 20 {
		h := middleware.Timeout(2 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			for i := 0; i < 200; i++ {
				w.Header().Set("X-I", "i")
				if _, err := w.Write(nil); errors.Is(err, http.ErrHandlerTimeout) {
					return
				}
				time.Sleep(50 * time.Microsecond)
			}
		}))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		assert.Contains(t, []int{200, 503}, rec.Code)
	}
}

func TestTimeoutPassesTrailersOn(t *testing.T) {
	h := middleware.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Sum")
		_, _ = io.WriteString(w, "body")
		w.Header().Set("X-Sum", "42")
	}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL)
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, "body", string(body))
	assert.Equal(t, http.Header{"X-Sum": {"42"}}, res.Trailer)
}

func TestTimeoutDoesNotAnswerACancelledRequest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := middleware.Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel() // the client went away
		<-r.Context().Done()
		time.Sleep(5 * time.Millisecond)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil).WithContext(ctx))
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "", rec.Body.String())
	assert.False(t, rec.Flushed)
}

func TestTimeoutSetupPanics(t *testing.T) {
	assert.PanicsWithValue(t, "middleware: Timeout: the duration must be positive, not 0s", func() { middleware.Timeout(0) })
	assert.PanicsWithValue(t, "middleware: Timeout: the duration must be positive, not -1s", func() { middleware.Timeout(-time.Second) })
}
