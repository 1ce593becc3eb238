package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// stats is what /stats reports about the server process.
type stats struct {
	Goroutines int   `json:"goroutines"`
	RSSKiB     int64 `json:"rss_kib"`  // VmRSS
	PeakKiB    int64 `json:"peak_kib"` // VmHWM
}

// readStats reads this process's goroutines and memory.
func readStats() stats {
	st := stats{Goroutines: runtime.NumGoroutine()}
	st.RSSKiB, st.PeakKiB = procMemory(os.Getpid())
	return st
}

// procMemory returns VmRSS and VmHWM of process pid, in KiB.
func procMemory(pid int) (rss, peak int64) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return -1, -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n
		case "VmHWM":
			peak = n
		}
	}
	return rss, peak
}

// statsCmd prints one line: the label, then RSS and peak RSS of -pid
// (read from /proc) and the goroutines the server reports on /stats.
func statsCmd(args []string) error {
	fs := flag.NewFlagSet("stats", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "server address")
	pid := fs.Int("pid", 0, "server process id")
	label := fs.String("label", "", "what the sample is")
	_ = fs.Parse(args)
	rss, peak := procMemory(*pid)
	gor := -1
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := client.Get("http://" + *addr + "/stats")
	if err == nil {
		var st stats
		if json.NewDecoder(res.Body).Decode(&st) == nil {
			gor = st.Goroutines
		}
		res.Body.Close()
	}
	fmt.Printf("%-28s rss=%6.1f MiB peak=%6.1f MiB goroutines=%d\n", *label, float64(rss)/1024, float64(peak)/1024, gor)
	return nil
}
