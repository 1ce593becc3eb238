package expresso

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// Shutdown stops the servers started by Listen, ListenTLS and Serve, as
// they stop on SIGINT or SIGTERM, and returns when they have stopped:
//
//  1. Lame duck: the listeners close, and the response to every request
//     that arrives from then on carries "Connection: close", so a client
//     that writes a request on a kept-alive connection gets its answer and
//     then the close, instead of a connection reset. Idle connections stay
//     open for their next request, and so do connections whose response
//     was already under way. This lasts until every connection has been
//     answered with a close, or at most a second (half the time left, when
//     ctx has a deadline); then idle connections are closed.
//  2. Drain: in-flight requests finish and their connections close.
//  3. At ctx's deadline, less a grace period (a tenth of the time left, at
//     most a second), or when ctx is cancelled, every request's context
//     is cancelled; the handlers get the grace period to return, then the
//     remaining connections are closed.
//
// The summaries of panics not yet logged (see [Config.Logger]) are logged
// before it returns. Shutdown returns nil when every request finished, and otherwise an error
// that matches ctx's error (context.DeadlineExceeded or context.Canceled)
// once the remaining connections are closed. Serve, Listen and ListenTLS
// return as soon as the listener closes when Shutdown is called directly;
// on a signal they wait for this whole sequence.
func (app *App) Shutdown(ctx context.Context) error {
	app.srvMu.Lock()
	srvs := slices.Clone(app.srvs)
	app.srvMu.Unlock()
	errs := make(chan error, len(srvs))
	for _, s := range srvs {
		go func() { errs <- s.shutdown(ctx) }()
	}
	var first error
	for range srvs {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	app.panics.flush(app.log)
	return first
}

// Bounds of the lame-duck phase and of the grace period before the
// remaining connections are closed.
const (
	maxLameDuck = time.Second
	maxGrace    = time.Second
	lamePoll    = 5 * time.Millisecond
)

// shutdown runs the sequence documented on App.Shutdown for one server.
func (s *server) shutdown(ctx context.Context) error {
	cancelAt, grace := drainPlan(ctx)
	s.stopping.Store(true)
	s.lame.Store(true)
	lnErr := s.ln.Close()
	s.lameDuck(ctx, cancelAt)

	dctx, dcancel := ctx, context.CancelFunc(func() {})
	if !cancelAt.IsZero() {
		dctx, dcancel = context.WithDeadline(ctx, cancelAt)
	}
	err := s.hs.Shutdown(dctx)
	dcancel()
	if err == nil {
		return lnErr
	}
	s.cancel()
	if grace > 0 {
		gctx, gcancel := context.WithTimeout(context.Background(), grace)
		_ = s.hs.Shutdown(gctx) // returns early once the handlers are done; Close follows either way
		gcancel()
	}
	if cerr := s.hs.Close(); cerr != nil {
		err = errors.Join(err, cerr)
	}
	return fmt.Errorf("expresso: shutdown did not finish in time: request contexts cancelled, connections closed: %w", err)
}

// drainPlan returns when to cancel the requests' contexts for a shutdown
// bounded by ctx (zero: when ctx ends) and the grace period after it.
func drainPlan(ctx context.Context) (cancelAt time.Time, grace time.Duration) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return time.Time{}, 0
	}
	grace = min(time.Until(deadline)/10, maxGrace)
	return deadline.Add(-max(grace, 0)), max(grace, 0)
}

// lameDuck waits until no connection is idle or new and none is serving a
// request that began before the phase, so that each one has had the
// chance to send a request and get an answer that closes it.
func (s *server) lameDuck(ctx context.Context, cancelAt time.Time) {
	limit := maxLameDuck
	if !cancelAt.IsZero() {
		limit = min(limit, time.Until(cancelAt)/2)
	}
	if limit <= 0 || s.settled() {
		return
	}
	end := time.NewTimer(limit)
	defer end.Stop()
	tick := time.NewTicker(lamePoll)
	defer tick.Stop()
	for !s.settled() {
		select {
		case <-ctx.Done():
			return
		case <-end.C:
			return
		case <-tick.C:
		}
	}
}

// settled reports whether every open connection has a request in flight
// that began in the lame-duck phase, so that its response closes it.
func (s *server) settled() bool {
	return s.quiet.Load() == 0 && s.early.Load() == 0
}
