package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// counts are the keep-alive client's totals.
type counts struct {
	sent, answered, lost, refused, writeErr atomic.Int64
}

// keepaliveCmd runs -conns keep-alive clients for -duration, each sending
// its next request as soon as the last is answered, redialling when the
// server closes, and stopping when a dial is refused. A request whose
// bytes were written and which got no response is lost.
func keepaliveCmd(args []string) error {
	fs := flag.NewFlagSet("keepalive", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "server address")
	conns := fs.Int("conns", 64, "connections")
	duration := fs.Duration("duration", 10*time.Second, "how long to send")
	path := fs.String("path", "/plaintext", "request path")
	_ = fs.Parse(args)

	var c counts
	req := []byte("GET " + *path + " HTTP/1.1\r\nHost: soak\r\n\r\n")
	stop := time.Now().Add(*duration)
	var wg sync.WaitGroup
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(stop) && keepaliveConn(*addr, req, stop, &c) {
			}
		}()
	}
	wg.Wait()
	fmt.Printf("keep-alive clients=%d: sent=%d answered=%d lost=%d (written, never answered) refused-dials=%d write-errors=%d\n",
		*conns, c.sent.Load(), c.answered.Load(), c.lost.Load(), c.refused.Load(), c.writeErr.Load())
	return nil
}

// keepaliveConn serves one connection's worth of requests and reports
// whether to dial again.
func keepaliveConn(addr string, req []byte, stop time.Time, c *counts) bool {
	conn, err := net.DialTimeout("tcp", addr, time.Second)
	if err != nil {
		c.refused.Add(1)
		return false
	}
	defer conn.Close()
	br := bufio.NewReader(conn)
	for time.Now().Before(stop) {
		if _, err := conn.Write(req); err != nil {
			c.writeErr.Add(1)
			return true
		}
		c.sent.Add(1)
		_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		res, err := http.ReadResponse(br, nil)
		if err == nil {
			_, err = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		if err != nil {
			c.lost.Add(1)
			return true
		}
		c.answered.Add(1)
		if res.Close {
			return true
		}
	}
	return false
}

// headersCmd opens -conns connections that each send a request line and
// -size bytes of one header field, never finishing the header, then hold
// the connection for -hold; meanwhile it samples the server's RSS.
func headersCmd(args []string) error {
	fs := flag.NewFlagSet("headers", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "server address")
	conns := fs.Int("conns", 1000, "connections")
	size := fs.Int("size", 1<<20, "bytes of the unfinished header field")
	hold := fs.Duration("hold", 5*time.Second, "how long to hold each connection")
	pid := fs.Int("pid", 0, "server process id, for RSS")
	_ = fs.Parse(args)

	var opened, cut, answered431 atomic.Int64
	var peak atomic.Int64
	done := make(chan struct{})
	go func() { // sample the server's RSS every 50 ms
		for {
			rss, _ := procMemory(*pid)
			if rss > peak.Load() {
				peak.Store(rss)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	chunk := []byte(strings.Repeat("a", 64<<10))
	var wg sync.WaitGroup
	for range *conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := net.DialTimeout("tcp", *addr, 10*time.Second)
			if err != nil {
				return
			}
			defer conn.Close()
			opened.Add(1)
			go func() { // what the server answers, if anything
				b := make([]byte, 64)
				if n, _ := io.ReadAtLeast(conn, b, 12); n >= 12 && string(b[9:12]) == "431" {
					answered431.Add(1)
				}
			}()
			if _, err := conn.Write([]byte("GET / HTTP/1.1\r\nHost: soak\r\nX-Fill: ")); err != nil {
				cut.Add(1)
				return
			}
			for sent := 0; sent < *size; sent += len(chunk) {
				if _, err := conn.Write(chunk[:min(len(chunk), *size-sent)]); err != nil {
					cut.Add(1)
					break
				}
			}
			time.Sleep(*hold)
		}()
	}
	wg.Wait()
	close(done)
	rss, hwm := procMemory(*pid)
	fmt.Printf("unfinished %d KiB headers: conns=%d opened=%d answered-431=%d cut-by-server=%d; server RSS sampled max=%.1f MiB, VmHWM=%.1f MiB, after=%.1f MiB\n",
		*size>>10, *conns, opened.Load(), answered431.Load(), cut.Load(), float64(peak.Load())/1024, float64(hwm)/1024, float64(rss)/1024)
	return nil
}
