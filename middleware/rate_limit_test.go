package middleware_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) Advance(d time.Duration) {
	f.mu.Lock()
	f.t = f.t.Add(d)
	f.mu.Unlock()
}

// limitHeaders returns the RateLimit-* headers of a passed request.
func limitHeaders(policy, limit, remaining, reset string) http.Header {
	return http.Header{"Ratelimit-Policy": {policy}, "Ratelimit-Limit": {limit},
		"Ratelimit-Remaining": {remaining}, "Ratelimit-Reset": {reset}}
}

// limitApp returns an App limited by opts whose GET / answers "ok".
func limitApp(cfg expresso.Config, opts middleware.RateLimitOptions) *expresso.App {
	app := expresso.New(cfg)
	app.Use(middleware.RateLimit(opts))
	app.Get("/", func(c *expresso.Context) error { return c.SendString("ok") })
	return app
}

// limitStep is one request of a rate-limit scenario and what it gets.
type limitStep struct {
	after  time.Duration // clock advance before the request
	from   string        // RemoteAddr
	xff    string
	status int
	header http.Header // the RateLimit-* and Retry-After headers
	body   string
}

func runLimitSteps(t *testing.T, app *expresso.App, clock *fakeClock, steps []limitStep) {
	t.Helper()
	for i, s := range steps {
		clock.Advance(s.after)
		r := rtReq("GET", "/", "Accept", "application/json")
		r.RemoteAddr = s.from + ":4321"
		if s.xff != "" {
			r.Header.Set("X-Forwarded-For", s.xff)
		}
		got := rtDo(t, app, r)
		want := s.header.Clone()
		if s.status == 200 {
			want["Content-Type"] = []string{"text/html; charset=utf-8"}
			want["Content-Length"] = []string{"2"}
			want["Etag"] = []string{etagFor("ok")}
		} else {
			want["Content-Type"] = []string{"application/json; charset=utf-8"}
			want["Content-Length"] = []string{fmt.Sprint(len(s.body))}
			want["Content-Security-Policy"] = []string{"default-src 'none'"}
			want["X-Content-Type-Options"] = []string{"nosniff"}
		}
		assert.Equal(t, rtResp{s.status, want, s.body}, got, "step %d", i)
	}
}

const tooMany = `{"status":429,"message":"Too many requests, please try again later."}`

func TestRateLimitFixedWindow(t *testing.T) {
	clock := newFakeClock()
	app := limitApp(expresso.Config{}, middleware.RateLimitOptions{Limit: 3,
		Store: middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{Now: clock.Now})})
	refused := func(reset, retry string) http.Header {
		h := limitHeaders("3;w=60", "3", "0", reset)
		h["Retry-After"] = []string{retry}
		return h
	}
	runLimitSteps(t, app, clock, []limitStep{
		{0, "10.0.0.1", "", 200, limitHeaders("3;w=60", "3", "2", "60"), "ok"},
		{10 * time.Second, "10.0.0.1", "", 200, limitHeaders("3;w=60", "3", "1", "50"), "ok"},
		{500 * time.Millisecond, "10.0.0.1", "", 200, limitHeaders("3;w=60", "3", "0", "50"), "ok"},
		{0, "10.0.0.1", "", 429, refused("50", "50"), tooMany},
		{0, "10.0.0.2", "", 200, limitHeaders("3;w=60", "3", "2", "60"), "ok"},
		{20 * time.Second, "10.0.0.1", "", 429, refused("30", "30"), tooMany},
		{0, "10.0.0.1", "a forged X-Forwarded-For buys nothing without TrustProxy", 429, refused("30", "30"), tooMany},
		{30 * time.Second, "10.0.0.1", "", 200, limitHeaders("3;w=60", "3", "2", "60"), "ok"},
	})
}

func TestRateLimitHonoursTrustProxy(t *testing.T) {
	clock := newFakeClock()
	app := limitApp(expresso.Config{TrustProxy: "loopback"}, middleware.RateLimitOptions{Limit: 1,
		Store: middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{Now: clock.Now})})
	refused := limitHeaders("1;w=60", "1", "0", "60")
	refused["Retry-After"] = []string{"60"}
	runLimitSteps(t, app, clock, []limitStep{
		{0, "127.0.0.1", "203.0.113.7", 200, limitHeaders("1;w=60", "1", "0", "60"), "ok"},
		{0, "127.0.0.1", "203.0.113.7", 429, refused, tooMany},
		{0, "127.0.0.1", "203.0.113.8", 200, limitHeaders("1;w=60", "1", "0", "60"), "ok"},
		{0, "127.0.0.1", "203.0.113.8, 203.0.113.7", 429, refused, tooMany},
	})
}

func TestRateLimitCountsIPv6ClientsBySubnet(t *testing.T) {
	clock := newFakeClock()
	store := func() middleware.RateLimitStore {
		return middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{Now: clock.Now})
	}
	refused := limitHeaders("1;w=60", "1", "0", "60")
	refused["Retry-After"] = []string{"60"}
	passed := limitHeaders("1;w=60", "1", "0", "60")
	t.Run("the same /56 shares a budget", func(t *testing.T) {
		app := limitApp(expresso.Config{}, middleware.RateLimitOptions{Limit: 1, Store: store()})
		runLimitSteps(t, app, clock, []limitStep{
			{0, "[2001:db8:aa:bb00::1]", "", 200, passed, "ok"},
			{0, "[2001:db8:aa:bbff:ffff::2]", "", 429, refused, tooMany},
			{0, "[2001:db8:aa:cc00::1]", "", 200, passed, "ok"},
			{0, "[::ffff:10.0.0.1]", "", 200, passed, "ok"},
			{0, "[::ffff:10.0.0.2]", "", 200, passed, "ok"},
		})
	})
	t.Run("IPv6Subnet 128 counts each address", func(t *testing.T) {
		app := limitApp(expresso.Config{}, middleware.RateLimitOptions{Limit: 1, IPv6Subnet: 128, Store: store()})
		runLimitSteps(t, app, clock, []limitStep{
			{0, "[2001:db8::1]", "", 200, passed, "ok"},
			{0, "[2001:db8::2]", "", 200, passed, "ok"},
			{0, "[2001:db8::1]", "", 429, refused, tooMany},
		})
	})
}

func TestRateLimitSlidingWindow(t *testing.T) {
	clock := newFakeClock()
	app := limitApp(expresso.Config{}, middleware.RateLimitOptions{Limit: 10, Sliding: true,
		Store: middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{Now: clock.Now})})
	var steps []limitStep
	for i := 0; i < 10; i++ {
		steps = append(steps, limitStep{0, "10.0.0.1", "", 200,
			limitHeaders("10;w=60", "10", fmt.Sprint(9-i), "60"), "ok"})
	}
	refused := func(reset, retry string) http.Header {
		h := limitHeaders("10;w=60", "10", "0", reset)
		h["Retry-After"] = []string{retry}
		return h
	}
	steps = append(steps,
		// 15s into the next window, 45/60 of the previous 10 still count: 7 + 1.
		limitStep{75 * time.Second, "10.0.0.1", "", 200, limitHeaders("10;w=60", "10", "2", "45"), "ok"},
		limitStep{0, "10.0.0.1", "", 200, limitHeaders("10;w=60", "10", "1", "45"), "ok"},
		limitStep{0, "10.0.0.1", "", 200, limitHeaders("10;w=60", "10", "0", "45"), "ok"},
		// 7 + 4 = 11: refused; with 4 here, a 5th passes once 7 drops to 5:
		// 10·(45−t)/60 ≤ 5, t = 15s.
		limitStep{0, "10.0.0.1", "", 429, refused("45", "15"), tooMany},
		limitStep{15 * time.Second, "10.0.0.1", "", 200, limitHeaders("10;w=60", "10", "0", "30"), "ok"},
	)
	runLimitSteps(t, app, clock, steps)
}

// failingLimitStore fails every call.
type failingLimitStore struct{}

func (failingLimitStore) Hit(context.Context, string, time.Duration) (middleware.RateLimitHit, error) {
	return middleware.RateLimitHit{}, errors.New("connection refused")
}
func (failingLimitStore) Reset(context.Context, string) error {
	return errors.New("connection refused")
}

func TestRateLimitStoreErrors(t *testing.T) {
	t.Run("fail closed: a 500 through the error handlers", func(t *testing.T) {
		app := limitApp(expresso.Config{Env: "production"}, middleware.RateLimitOptions{Store: failingLimitStore{}})
		var seen error
		app.OnError(func(c *expresso.Context, err error) error { seen = err; return err })
		got := rtDo(t, app, rtReq("GET", "/", "Accept", "application/json"))
		body := `{"status":500,"message":"Internal Server Error"}`
		assert.Equal(t, rtResp{500, http.Header{"Content-Type": {"application/json; charset=utf-8"},
			"Content-Length": {fmt.Sprint(len(body))}, "Content-Security-Policy": {"default-src 'none'"},
			"X-Content-Type-Options": {"nosniff"}}, body}, got)
		var se *middleware.RateLimitStoreError
		require.ErrorAs(t, seen, &se)
		assert.Equal(t, "middleware: RateLimit store: connection refused", se.Error())
	})
	t.Run("fail open: the request passes without headers", func(t *testing.T) {
		app := limitApp(expresso.Config{}, middleware.RateLimitOptions{Store: failingLimitStore{}, PassOnStoreError: true})
		got := rtDo(t, app, rtReq("GET", "/"))
		assert.Equal(t, rtResp{200, http.Header{"Content-Type": {"text/html; charset=utf-8"},
			"Content-Length": {"2"}, "Etag": {etagFor("ok")}}, "ok"}, got)
	})
}

func TestRateLimitCustomKeyPrefixAndMessage(t *testing.T) {
	store := middleware.NewMemoryRateLimitStore()
	app := expresso.New()
	app.Use(middleware.RateLimit(middleware.RateLimitOptions{Limit: 1, Window: 90 * time.Second, Store: store,
		Prefix: "api:", Message: "slow down", Key: func(c *expresso.Context) string { return c.Get("X-User") }}))
	app.Get("/", func(c *expresso.Context) error { return c.SendString("ok") })
	assert.Equal(t, 200, rtDo(t, app, rtReq("GET", "/", "X-User", "ann")).Status)
	got := rtDo(t, app, rtReq("GET", "/", "X-User", "ann", "Accept", "text/plain"))
	assert.Equal(t, 429, got.Status)
	assert.Equal(t, "slow down", got.Body)
	assert.Equal(t, "1;w=90", got.Header.Get("Ratelimit-Policy"))
	assert.Equal(t, 200, rtDo(t, app, rtReq("GET", "/", "X-User", "bob")).Status)
	require.NoError(t, store.Reset(context.Background(), "api:ann"))
	assert.Equal(t, 200, rtDo(t, app, rtReq("GET", "/", "X-User", "ann")).Status)
}

func TestRateLimitRejectsBadOptions(t *testing.T) {
	assert.PanicsWithValue(t, "middleware: RateLimitOptions.Limit must not be negative, got -1", func() {
		middleware.RateLimit(middleware.RateLimitOptions{Limit: -1})
	})
	assert.PanicsWithValue(t, "middleware: RateLimitOptions.Window must be at least 1ms, got 1µs", func() {
		middleware.RateLimit(middleware.RateLimitOptions{Window: time.Microsecond})
	})
	assert.PanicsWithValue(t, "middleware: RateLimitOptions.IPv6Subnet must be within 1–128, got 129", func() {
		middleware.RateLimit(middleware.RateLimitOptions{IPv6Subnet: 129})
	})
	assert.PanicsWithValue(t, "middleware: NewMemoryRateLimitStore: MemoryStoreOptions.MaxEntries must not be negative", func() {
		middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{MaxEntries: -1})
	})
}

func TestMemoryRateLimitStore(t *testing.T) {
	clock := newFakeClock()
	s := middleware.NewMemoryRateLimitStore(middleware.MemoryStoreOptions{MaxEntries: 2, Now: clock.Now})
	ctx := context.Background()
	hit := func(key string) middleware.RateLimitHit {
		h, err := s.Hit(ctx, key, time.Minute)
		require.NoError(t, err)
		return h
	}
	assert.Equal(t, middleware.RateLimitHit{Count: 1, ResetIn: time.Minute}, hit("a"))
	clock.Advance(time.Second)
	assert.Equal(t, middleware.RateLimitHit{Count: 2, ResetIn: 59 * time.Second}, hit("a"))
	assert.Equal(t, middleware.RateLimitHit{Count: 1, ResetIn: time.Minute}, hit("b"))
	clock.Advance(time.Minute)
	assert.Equal(t, middleware.RateLimitHit{Count: 1, Previous: 2, ResetIn: 59 * time.Second}, hit("a"),
		"the next window remembers the previous count")
	clock.Advance(2 * time.Minute)
	assert.Equal(t, middleware.RateLimitHit{Count: 1, ResetIn: time.Minute}, hit("a"),
		"after an idle window the previous count is gone")
	hit("c") // evicts b, the least recently used
	assert.Equal(t, 2, s.Len())
	assert.Equal(t, middleware.RateLimitHit{Count: 1, ResetIn: time.Minute}, hit("b"))
	_, err := s.Hit(ctx, "a", 0)
	assert.EqualError(t, err, "middleware: rate limit window must be positive")
}

func TestMemoryRateLimitStoreCountsAtomically(t *testing.T) {
	s := middleware.NewMemoryRateLimitStore()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				_, err := s.Hit(context.Background(), "k", time.Hour)
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	h, err := s.Hit(context.Background(), "k", time.Hour)
	require.NoError(t, err)
	assert.Equal(t, 801, h.Count)
}

func ExampleRateLimit() {
	app := expresso.New()
	app.Use(middleware.RateLimit(middleware.RateLimitOptions{Limit: 2, Window: time.Minute}))
	app.Get("/", func(c *expresso.Context) error { return c.Send("ok") })
	for i := 0; i < 3; i++ {
		res := app.Test(rtReq("GET", "/"))
		fmt.Printf("%d remaining=%s retry-after=%q\n", res.StatusCode,
			res.Header.Get("RateLimit-Remaining"), res.Header.Get("Retry-After"))
	}
	// Output:
	// 200 remaining=1 retry-after=""
	// 200 remaining=0 retry-after=""
	// 429 remaining=0 retry-after="60"
}

func BenchmarkRateLimit(b *testing.B) {
	b.Run("bare", func(b *testing.B) { rtBench(b, rtBareApp(), rtReq("GET", "/"), 200) })
	b.Run("RateLimit", func(b *testing.B) {
		mw := middleware.RateLimit(middleware.RateLimitOptions{Limit: 1 << 30})
		rtBench(b, rtBareApp(mw), rtReq("GET", "/"), 200)
	})
}

// fixedLimitStore answers every Hit with the same counts.
type fixedLimitStore struct{ hit middleware.RateLimitHit }

func (s fixedLimitStore) Hit(context.Context, string, time.Duration) (middleware.RateLimitHit, error) {
	return s.hit, nil
}
func (fixedLimitStore) Reset(context.Context, string) error { return nil }

func TestRateLimitLargeCountsDoNotOverflow(t *testing.T) {
	tests := []struct {
		name    string
		opts    middleware.RateLimitOptions
		hit     middleware.RateLimitHit
		status  int
		headers []string // Remaining, Reset, Retry-After
	}{
		{"sliding, a day, millions",
			middleware.RateLimitOptions{Limit: 1_000_000, Window: 24 * time.Hour, Sliding: true},
			middleware.RateLimitHit{Count: 10, Previous: 2_000_000, ResetIn: 12 * time.Hour},
			429, []string{"0", "43200", "1"}},
		{"sliding, over the limit in this window",
			middleware.RateLimitOptions{Limit: 1_000_000, Window: 24 * time.Hour, Sliding: true},
			middleware.RateLimitHit{Count: 2_000_000, Previous: 0, ResetIn: time.Hour},
			429, []string{"0", "3600", "46801"}}, // 1h + 24h·(1−999999/2e6)
		{"sliding, under the limit",
			middleware.RateLimitOptions{Limit: 1_000_000, Window: 24 * time.Hour, Sliding: true},
			middleware.RateLimitHit{Count: 10, Previous: 1_000_000, ResetIn: 6 * time.Hour},
			200, []string{"749990", "21600", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Store = fixedLimitStore{tt.hit}
			got := rtDo(t, limitApp(expresso.Config{}, tt.opts), rtReq("GET", "/"))
			assert.Equal(t, tt.status, got.Status)
			assert.Equal(t, tt.headers, []string{got.Header.Get("Ratelimit-Remaining"),
				got.Header.Get("Ratelimit-Reset"), got.Header.Get("Retry-After")})
		})
	}
}
