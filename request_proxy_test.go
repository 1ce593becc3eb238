package expresso_test

import (
	"crypto/tls"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/expresso-go/expresso"
)

// rqAddr is what the request-side address methods report for one request.
type rqAddr struct {
	IP         string
	IPs        []string
	Protocol   string
	Secure     bool
	Host       string
	Hostname   string
	Subdomains []string
}

func rqAddrOf(c *expresso.Context) rqAddr {
	return rqAddr{IP: c.IP(), IPs: c.IPs(), Protocol: c.Protocol(), Secure: c.Secure(), Host: c.Host(),
		Hostname: c.Hostname(), Subdomains: c.Subdomains()}
}

func TestTrustProxy(t *testing.T) {
	t.Parallel()
	// A request from 10.0.0.1 through two proxies on behalf of 1.1.1.1.
	proxied := http.Header{
		"X-Forwarded-For":   {"1.1.1.1, 2.2.2.2"},
		"X-Forwarded-Proto": {"https, http"},
		"X-Forwarded-Host":  {"tobi.ferrets.example.com:8080 , other.example"},
	}
	direct := rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Host: "app.example.com:3000",
		Hostname: "app.example.com", Subdomains: []string{"app"}}
	forwarded := func(ip string, ips ...string) rqAddr {
		return rqAddr{IP: ip, IPs: ips, Protocol: "https", Secure: true, Host: "tobi.ferrets.example.com:8080",
			Hostname: "tobi.ferrets.example.com", Subdomains: []string{"ferrets", "tobi"}}
	}
	cases := []struct {
		name   string
		trust  any
		remote string
		want   rqAddr
	}{
		{name: "should trust nothing by default", remote: "10.0.0.1:5000", want: direct},
		{name: "should trust nothing for false", trust: false, remote: "10.0.0.1:5000", want: direct},
		{name: "should trust every hop for true", trust: true, remote: "10.0.0.1:5000",
			want: forwarded("1.1.1.1", "1.1.1.1", "2.2.2.2")},
		{name: "should trust the socket only for a hop count of 1", trust: 1, remote: "10.0.0.1:5000",
			want: forwarded("2.2.2.2", "2.2.2.2")},
		{name: "should trust two hops for a hop count of 2", trust: 2, remote: "10.0.0.1:5000",
			want: forwarded("1.1.1.1", "1.1.1.1", "2.2.2.2")},
		{name: "should trust a comma-separated CIDR list", trust: "10.0.0.0/8, 2.2.2.2", remote: "10.0.0.1:5000",
			want: forwarded("1.1.1.1", "1.1.1.1", "2.2.2.2")},
		{name: "should stop at the first untrusted address of a []string list", trust: []string{"10.0.0.0/8"},
			remote: "10.0.0.1:5000", want: forwarded("2.2.2.2", "2.2.2.2")},
		{name: "should not trust a socket outside the list", trust: "192.168.0.0/16", remote: "10.0.0.1:5000",
			want: direct},
		{name: "should trust loopback by name", trust: "loopback", remote: "127.0.0.1:5000",
			want: forwarded("2.2.2.2", "2.2.2.2")},
		{name: "should trust the IPv6 loopback by name", trust: "loopback", remote: "[::1]:5000",
			want: forwarded("2.2.2.2", "2.2.2.2")},
		{name: "should ask a func with the address and hop",
			trust: func(addr string, hop int) bool {
				return addr == "10.0.0.1" && hop == 0 || addr == "2.2.2.2" && hop == 1
			},
			remote: "10.0.0.1:5000", want: forwarded("1.1.1.1", "1.1.1.1", "2.2.2.2")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := rqGet(proxied)
			r.RemoteAddr, r.Host = tc.remote, "app.example.com:3000"
			got := rqValue(t, expresso.Config{TrustProxy: tc.trust}, r, rqAddrOf)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRequestAddress(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		cfg    expresso.Config
		remote string
		host   string
		header http.Header
		tls    bool
		want   rqAddr
	}{
		{name: "should keep the brackets of an IPv6 host", remote: "[::1]:3000", host: "[::1]:3000",
			want: rqAddr{IP: "::1", IPs: []string{}, Protocol: "http", Host: "[::1]:3000", Hostname: "[::1]",
				Subdomains: []string{}}},
		{name: "should report https on a TLS connection", remote: "10.0.0.1:5000", host: "example.com", tls: true,
			header: http.Header{"X-Forwarded-Proto": {"http"}},
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "https", Secure: true, Host: "example.com",
				Hostname: "example.com", Subdomains: []string{}}},
		{name: "should fall back to the socket protocol without X-Forwarded-Proto",
			cfg: expresso.Config{TrustProxy: true}, remote: "10.0.0.1:5000", host: "example.com", tls: true,
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "https", Secure: true, Host: "example.com",
				Hostname: "example.com", Subdomains: []string{}}},
		{name: "should drop SubdomainOffset parts from the end",
			cfg: expresso.Config{SubdomainOffset: 3}, remote: "10.0.0.1:5000", host: "tobi.ferrets.example.com",
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Host: "tobi.ferrets.example.com",
				Hostname: "tobi.ferrets.example.com", Subdomains: []string{"tobi"}}},
		{name: "should treat a negative SubdomainOffset as 0",
			cfg: expresso.Config{SubdomainOffset: -1}, remote: "10.0.0.1:5000", host: "tobi.example.com",
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Host: "tobi.example.com",
				Hostname: "tobi.example.com", Subdomains: []string{"com", "example", "tobi"}}},
		{name: "should not split an IP host name into subdomains",
			cfg: expresso.Config{SubdomainOffset: -1}, remote: "10.0.0.1:5000", host: "127.0.0.1:80",
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Host: "127.0.0.1:80",
				Hostname: "127.0.0.1", Subdomains: []string{"127.0.0.1"}}},
		{name: "should report empty host names without a Host", remote: "10.0.0.1:5000",
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Subdomains: []string{}}},
		{name: "should read X-Forwarded-Host without a comma as it is",
			cfg: expresso.Config{TrustProxy: true}, remote: "10.0.0.1:5000", host: "example.com",
			header: http.Header{"X-Forwarded-Host": {"[::1]:8080"}},
			want: rqAddr{IP: "10.0.0.1", IPs: []string{}, Protocol: "http", Host: "[::1]:8080", Hostname: "[::1]",
				Subdomains: []string{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := rqGet(tc.header)
			r.RemoteAddr, r.Host = tc.remote, tc.host
			if tc.tls {
				r.TLS = &tls.ConnectionState{}
			}
			got := rqValue(t, tc.cfg, r, rqAddrOf)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestNewShouldPanicOnAnUnsupportedTrustProxy(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		trust any
		msg   string
	}{
		{name: "should panic on a float", trust: 1.5,
			msg: "expresso: Config.TrustProxy: unsupported type float64"},
		{name: "should panic on an address that is not an IP", trust: "10.0.0.1, nope"},
		{name: "should panic on a bad prefix length", trust: []string{"10.0.0.0/33"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				v := recover()
				msg, ok := v.(string)
				if assert.True(t, ok, "New must panic with a string, got %#v", v) && tc.msg != "" {
					assert.Equal(t, tc.msg, msg)
				}
				assert.Regexp(t, `^expresso: Config\.TrustProxy: [^\s]`, msg)
				assert.NotContains(t, msg, "TrustProxy: expresso:")
			}()
			expresso.New(expresso.Config{TrustProxy: tc.trust})
		})
	}
}
