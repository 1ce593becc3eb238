package main

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// e2eID names one end-to-end measurement: a server and an endpoint.
type e2eID struct {
	Server, Endpoint string
}

// e2eStat is the median over rounds of one server on one endpoint.
type e2eStat struct {
	RPS, P50, P99 float64 // requests per second; latencies in microseconds
	Rounds        int
	Errors        int
}

// e2eResults holds the end-to-end results in the order they first appear.
type e2eResults struct {
	Stats     map[e2eID]e2eStat
	Servers   []string
	Endpoints []string
}

// readE2E reads the TSV written by e2e/run.sh, whose columns are round,
// server, endpoint, requests/s, p50 µs, p99 µs and errors, and takes the
// median of each column over the rounds.
func readE2E(data []byte) (*e2eResults, error) {
	type samples struct{ rps, p50, p99 []float64 }
	raw := map[e2eID]*samples{}
	res := &e2eResults{Stats: map[e2eID]e2eStat{}}
	errs := map[e2eID]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		if len(f) == 0 || f[0] == "round" || strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		if len(f) != 7 {
			return nil, fmt.Errorf("e2e line %d: want 7 tab-separated fields, got %d", line, len(f))
		}
		var nums [4]float64
		for i, s := range []string{f[3], f[4], f[5], f[6]} {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("e2e line %d: %w", line, err)
			}
			nums[i] = v
		}
		id := e2eID{Server: f[1], Endpoint: f[2]}
		if raw[id] == nil {
			raw[id] = &samples{}
		}
		raw[id].rps = append(raw[id].rps, nums[0])
		raw[id].p50 = append(raw[id].p50, nums[1])
		raw[id].p99 = append(raw[id].p99, nums[2])
		errs[id] += int(nums[3])
		if !contains(res.Servers, id.Server) {
			res.Servers = append(res.Servers, id.Server)
		}
		if !contains(res.Endpoints, id.Endpoint) {
			res.Endpoints = append(res.Endpoints, id.Endpoint)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for id, s := range raw {
		res.Stats[id] = e2eStat{
			RPS: median(s.rps), P50: median(s.p50), P99: median(s.p99),
			Rounds: len(s.rps), Errors: errs[id],
		}
	}
	return res, nil
}

// median returns the middle value of values, or the mean of the two middle
// values when their count is even.
func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}
