package expresso

import (
	"bytes"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// panicLog bounds the log of recovered panics, in every environment. For
// each call site (the file:line that panicked) it lets the first
// panicBurst stacks of a minute be logged in full and counts the rest;
// when the minute is over it logs one line, "expresso: N more panics at
// file:line in the last minute". A route that panics under load thus logs
// a few stacks a minute instead of one per request. The zero value is
// ready to use.
type panicLog struct {
	mu     sync.Mutex
	sites  map[string]*panicSite
	window time.Duration // zero means panicWindow; tests shorten it
}

// panicSite is one call site's current window.
type panicSite struct {
	start      time.Time
	logged     int
	suppressed int
}

const (
	panicBurst    = 5
	panicWindow   = time.Minute
	panicSitesMax = 1024 // sites tracked at once; more share one entry
)

// admit reports whether the panic with this stack is to be logged with
// its stack; when not, it is counted for the call site's summary, which
// is logged to log when the window ends.
func (pl *panicLog) admit(log *slog.Logger, stack []byte) bool {
	site := panicCallSite(stack)
	window := orDuration(pl.window, panicWindow)
	now := time.Now()
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if pl.sites == nil {
		pl.sites = make(map[string]*panicSite)
	}
	ps := pl.sites[site]
	if ps == nil && len(pl.sites) >= panicSitesMax {
		site = "(other call sites)"
		ps = pl.sites[site]
	}
	if ps != nil && now.Sub(ps.start) >= window {
		pl.summarize(log, site, ps, now.Sub(ps.start)) // its timer may not have run yet
		ps = nil
	}
	if ps == nil {
		ps = &panicSite{start: now}
		pl.sites[site] = ps
	}
	if ps.logged < panicBurst {
		ps.logged++
		return true
	}
	ps.suppressed++
	if ps.suppressed == 1 {
		time.AfterFunc(ps.start.Add(window).Sub(now), func() {
			pl.mu.Lock()
			defer pl.mu.Unlock()
			pl.summarize(log, site, ps, window)
		})
	}
	return false
}

// flush logs the summaries of every call site now, so that a shutdown
// does not lose them.
func (pl *panicLog) flush(log *slog.Logger) {
	now := time.Now()
	pl.mu.Lock()
	defer pl.mu.Unlock()
	for site, ps := range pl.sites {
		pl.summarize(log, site, ps, now.Sub(ps.start))
	}
}

// summarize logs the count of ps's unlogged panics, once, and ends its
// window, which lasted d. pl.mu is held.
func (pl *panicLog) summarize(log *slog.Logger, site string, ps *panicSite, d time.Duration) {
	if pl.sites[site] == ps {
		delete(pl.sites, site)
	}
	if ps.suppressed == 0 {
		return
	}
	n := ps.suppressed
	ps.suppressed = 0
	log.Error("expresso: "+strconv.Itoa(n)+" more panics at "+site+" in the last "+windowText(d),
		"site", site, "count", n)
}

// windowText names a window's length: "minute" for the default.
func windowText(d time.Duration) string {
	if d == time.Minute {
		return "minute"
	}
	if d >= time.Second {
		d = d.Round(time.Second)
	}
	return d.String()
}

// panicCallSite returns the file:line where the panic of this stack (as
// debug.Stack prints it) was raised: the first frame below panic() that is
// not in the runtime, as a nil dereference or an index out of range goes
// through runtime frames first.
func panicCallSite(stack []byte) string {
	lines := bytes.Split(stack, []byte("\n"))
	i := 0
	for i < len(lines) && !bytes.HasPrefix(lines[i], []byte("panic(")) {
		i++
	}
	// Frames are pairs of lines: "pkg.func(args)", then "\tfile:line +0x..".
	for i += 2; i+1 < len(lines); i += 2 {
		if bytes.HasPrefix(lines[i], []byte("runtime.")) {
			continue
		}
		loc := bytes.TrimPrefix(lines[i+1], []byte("\t"))
		if sp := bytes.LastIndexByte(loc, ' '); sp >= 0 {
			loc = loc[:sp]
		}
		return string(loc)
	}
	return "(unknown call site)"
}
