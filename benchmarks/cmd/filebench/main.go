// Command filebench measures SendFile against http.ServeFile for one large
// file over loopback: throughput (best of -rounds, the two servers
// interleaved) and how much the process's resident memory grows while
// expresso sends it.
//
//	cd benchmarks && go run ./cmd/filebench -size 64 -rounds 5
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/expresso-go/expresso"
)

func main() {
	sizeMiB := flag.Int("size", 64, "file size in MiB")
	rounds := flag.Int("rounds", 5, "rounds per server, interleaved")
	flag.Parse()
	dir, err := os.MkdirTemp("", "filebench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	p := filepath.Join(dir, "big.bin")
	size := int64(*sizeMiB) << 20
	if err := writeFile(p, size); err != nil {
		log.Fatal(err)
	}

	app := expresso.New(expresso.Config{Env: "production"})
	app.Get("/big.bin", func(c *expresso.Context) error { return c.SendFile(p) })
	std := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, p) })
	expURL, stopExp := serve(app)
	defer stopExp()
	stdURL, stopStd := serve(std)
	defer stopStd()

	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get(client, expURL, size) // warm up both, so that the baseline
	get(client, stdURL, size) // includes the connections and buffers
	runtime.GC()
	base := rss()
	var peak atomic.Int64
	stop := sample(&peak)

	best := map[string]float64{}
	for i := 0; i < *rounds; i++ {
		for _, s := range []struct{ name, url string }{{"expresso.SendFile", expURL}, {"http.ServeFile", stdURL}} {
			d := get(client, s.url, size)
			mibs := float64(size) / (1 << 20) / d.Seconds()
			fmt.Printf("round %d %-18s %8.1f MiB/s\n", i+1, s.name, mibs)
			best[s.name] = max(best[s.name], mibs)
		}
	}
	stop()
	fmt.Printf("best of %d: expresso.SendFile %.1f MiB/s, http.ServeFile %.1f MiB/s, ratio %.2f\n",
		*rounds, best["expresso.SendFile"], best["http.ServeFile"], best["expresso.SendFile"]/best["http.ServeFile"])
	fmt.Printf("RSS: baseline %.1f MiB, peak %.1f MiB, growth %.1f MiB (file %d MiB)\n",
		mib(base), mib(peak.Load()), mib(peak.Load()-base), *sizeMiB)
}

// serve starts h on a loopback listener.
func serve(h http.Handler) (string, func()) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/big.bin", func() { srv.Close() }
}

// get downloads url and returns how long it took.
func get(client *http.Client, url string, size int64) time.Duration {
	start := time.Now()
	res, err := client.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil || n != size || res.StatusCode != http.StatusOK {
		log.Fatalf("%s: status %d, %d of %d bytes, %v", url, res.StatusCode, n, size, err)
	}
	return time.Since(start)
}

// sample records the peak RSS every millisecond until stopped.
func sample(peak *atomic.Int64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if r := rss(); r > peak.Load() {
				peak.Store(r)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// rss returns the resident set size in bytes (Linux).
func rss() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// writeFile writes size bytes of a pattern to p.
func writeFile(p string, size int64) error {
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	buf := make([]byte, 1<<20)
	for i := range buf {
		buf[i] = byte(i)
	}
	for n := int64(0); n < size; n += int64(len(buf)) {
		if _, err := f.Write(buf[:min(int64(len(buf)), size-n)]); err != nil {
			f.Close()
			return err
		}
	}
	return f.Close()
}
