package proxyaddr_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/proxyaddr"
)

func mustCompile(t testing.TB, v any) proxyaddr.Trust {
	t.Helper()
	trust, err := proxyaddr.Compile(v)
	require.NoError(t, err)
	require.NotNil(t, trust)
	return trust
}

func trust10x(addr string, _ int) bool { return len(addr) >= 3 && addr[:3] == "10." }

func TestAddr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		givenRemote string
		givenXFF    []string
		givenTrust  any
		expect      string
	}{
		// proxy-addr: with all trusted
		{"should return socket address with no headers when all trusted", "127.0.0.1", nil, true, "127.0.0.1"},
		{"should return header value when all trusted", "127.0.0.1", []string{"10.0.0.1"}, true, "10.0.0.1"},
		{"should return furthest header value when all trusted", "127.0.0.1", []string{"10.0.0.1, 10.0.0.2"}, true, "10.0.0.1"},
		// proxy-addr: with none trusted
		{"should return socket address with no headers when none trusted", "127.0.0.1", nil, false, "127.0.0.1"},
		{"should return socket address with headers when none trusted", "127.0.0.1", []string{"10.0.0.1, 10.0.0.2"}, false, "127.0.0.1"},
		{"should trust nothing for nil", "127.0.0.1", []string{"10.0.0.1"}, nil, "127.0.0.1"},
		// proxy-addr: with some trusted
		{"should return socket address when not trusted", "127.0.0.1", []string{"10.0.0.1, 10.0.0.2"}, trust10x, "127.0.0.1"},
		{"should return header when socket trusted", "10.0.0.1", []string{"192.168.0.1"}, trust10x, "192.168.0.1"},
		{"should return first untrusted after trusted", "10.0.0.1", []string{"192.168.0.1, 10.0.0.2"}, trust10x, "192.168.0.1"},
		{"should not skip untrusted", "10.0.0.1", []string{"10.0.0.3, 192.168.0.1, 10.0.0.2"}, trust10x, "192.168.0.1"},
		// proxy-addr: when given array
		{"should accept literal IP addresses", "10.0.0.1", []string{"192.168.0.1, 10.0.0.2"}, []string{"10.0.0.1", "10.0.0.2"}, "192.168.0.1"},
		{"should not trust non-IP addresses", "10.0.0.1", []string{"192.168.0.1, 10.0.0.2, localhost"}, []string{"10.0.0.1", "10.0.0.2"}, "localhost"},
		{"should return socket address if none match", "10.0.0.1", []string{"192.168.0.1, 10.0.0.2"}, []string{"127.0.0.1", "192.168.0.100"}, "10.0.0.1"},
		{"should return socket address for an empty array", "127.0.0.1", []string{"10.0.0.1, 10.0.0.2"}, []string{}, "127.0.0.1"},
		// proxy-addr: IPv4
		{"should accept CIDR notation", "10.0.0.1", []string{"192.168.0.1, 10.0.0.200"}, "10.0.0.2/26", "10.0.0.200"},
		{"should accept netmask notation", "10.0.0.1", []string{"192.168.0.1, 10.0.0.200"}, "10.0.0.2/255.255.255.192", "10.0.0.200"},
		// proxy-addr: IPv6
		{"should accept literal IPv6 addresses", "fe80::1", []string{"2002:c000:203::1, fe80::2"}, []string{"fe80::1", "fe80::2"}, "2002:c000:203::1"},
		{"should accept IPv6 CIDR notation", "fe80::1", []string{"2002:c000:203::1, fe80::ff00"}, "fe80::/125", "fe80::ff00"},
		// proxy-addr: when IP versions mixed
		{"should match respective versions", "::1", []string{"2002:c000:203::1"}, []string{"127.0.0.1", "::1"}, "2002:c000:203::1"},
		{"should not match IPv4 to IPv6", "::1", []string{"2002:c000:203::1"}, "127.0.0.1", "::1"},
		// proxy-addr: when IPv4-mapped IPv6 addresses
		{"should match IPv4 trust to IPv6 request", "::ffff:a00:1", []string{"192.168.0.1, 10.0.0.2"}, []string{"10.0.0.1", "10.0.0.2"}, "192.168.0.1"},
		{"should match IPv4 netmask trust to IPv6 request", "::ffff:a00:1", []string{"192.168.0.1, 10.0.0.2"}, []string{"10.0.0.1/16"}, "192.168.0.1"},
		{"should match IPv6 trust to IPv4 request", "10.0.0.1", []string{"192.168.0.1, 10.0.0.2"}, []string{"::ffff:a00:1", "::ffff:a00:2"}, "192.168.0.1"},
		{"should match CIDR notation for IPv4-mapped address", "10.0.0.1", []string{"192.168.0.1, 10.0.0.200"}, "::ffff:a00:2/122", "10.0.0.200"},
		{"should match mapped CIDR mixed with IPv6 CIDR", "10.0.0.1", []string{"192.168.0.1, 10.0.0.200"}, []string{"::ffff:a00:2/122", "fe80::/125"}, "10.0.0.200"},
		{"should match mapped CIDR mixed with IPv4 addresses", "10.0.0.1", []string{"192.168.0.1, 10.0.0.200"}, []string{"::ffff:a00:2/122", "127.0.0.1"}, "10.0.0.200"},
		{"should match a dotted mapped socket address to loopback", "::ffff:127.0.0.1", []string{"1.2.3.4"}, "loopback", "1.2.3.4"},
		// proxy-addr: when given pre-defined names
		{"should accept single pre-defined name", "fe80::1", []string{"2002:c000:203::1, fe80::2"}, "linklocal", "2002:c000:203::1"},
		{"should accept multiple pre-defined names", "::1", []string{"2002:c000:203::1, fe80::2"}, []string{"loopback", "linklocal"}, "2002:c000:203::1"},
		// proxy-addr: when header contains non-ip addresses
		{"should stop at first non-ip after trusted", "127.0.0.1", []string{"myrouter, 127.0.0.1, proxy"}, "127.0.0.1", "proxy"},
		{"should stop at first malformed ip after trusted", "127.0.0.1", []string{"myrouter, 127.0.0.1, ::8:8:8:8:8:8:8:8:8"}, "127.0.0.1", "::8:8:8:8:8:8:8:8:8"},
		// Express req.ip
		{"should return the client addr when trust proxy is enabled", "127.0.0.1", []string{"client, p1, p2"}, true, "client"},
		{"should return the addr after trusted proxy", "127.0.0.1", []string{"client, p1, p2"}, 2, "p1"},
		{"should return the remote address when trust proxy is disabled", "127.0.0.1", []string{"client, p1, p2"}, false, "127.0.0.1"},
		{"should return the remote address without X-Forwarded-For", "::ffff:127.0.0.1", nil, true, "::ffff:127.0.0.1"},
		// forwarded's parsing
		{"should skip empty entries", "127.0.0.1", []string{" , a ,, , "}, true, "a"},
		{"should keep inner spaces and tabs", "127.0.0.1", []string{"\ta b\t"}, true, "\ta b\t"},
		{"should keep the socket for an empty header", "127.0.0.1", []string{""}, true, "127.0.0.1"},
		{"should keep the socket for a comma-only header", "127.0.0.1", []string{",,"}, true, "127.0.0.1"},
		{"should read several lines as one list", "127.0.0.1", []string{"a, b", "c"}, 2, "b"},
		{"should read the first line last", "127.0.0.1", []string{"a", "", "b, c"}, true, "a"},
		{"should skip an empty line between lines", "127.0.0.1", []string{"a", "", "b"}, 2, "a"},
		{"should count hops across lines", "127.0.0.1", []string{"a, b", "c, d"}, 3, "b"},
		{"should trust no hops for a zero count", "127.0.0.1", []string{"a"}, 0, "127.0.0.1"},
		{"should trust no hops for a negative count", "127.0.0.1", []string{"a"}, -1, "127.0.0.1"},
		{"should trust a comma-separated string", "10.0.0.1", []string{"1.1.1.1, 192.168.1.1, 10.0.0.2"}, "10.0.0.0/8 , 192.168.0.0/16", "1.1.1.1"},
		{"should not trust a tab-prefixed entry", "127.0.0.1", []string{"1.1.1.1,\t127.0.0.1"}, "loopback", "\t127.0.0.1"},
		{"should not trust an octal IPv4 entry", "127.0.0.1", []string{"1.1.1.1, 0177.0.0.1"}, "loopback", "0177.0.0.1"},
		{"should trust an IPv6 entry with a zone", "::1", []string{"1.1.1.1, fe80::1%eth0"}, "linklocal, loopback", "1.1.1.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			trust := mustCompile(t, tt.givenTrust)
			assert.Equal(t, tt.expect, proxyaddr.Addr(tt.givenRemote, tt.givenXFF, trust))
			all := proxyaddr.All(tt.givenRemote, tt.givenXFF, trust)
			assert.Equal(t, tt.expect, all[len(all)-1], "last of All")
		})
	}
}

func TestAddrNilTrust(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "127.0.0.1", proxyaddr.Addr("127.0.0.1", []string{"a"}, nil))
	assert.Equal(t, []string{}, proxyaddr.IPs("127.0.0.1", []string{"a"}, nil))
	assert.Equal(t, []string{"127.0.0.1", "c", "b", "a"}, proxyaddr.All("127.0.0.1", []string{"a, b", "c"}, nil))
}

func TestTrustCalls(t *testing.T) {
	t.Parallel()
	type call struct {
		Addr string
		Hop  int
	}
	tests := []struct {
		name        string
		givenXFF    []string
		givenResult bool
		expect      []call
	}{
		{"should be invoked as trust(addr, i)", []string{"192.168.0.1, 10.0.0.1"}, true, []call{{"127.0.0.1", 0}, {"10.0.0.1", 1}}},
		{"should provide all values to function", []string{"myrouter, 127.0.0.1, proxy"}, true, []call{{"127.0.0.1", 0}, {"proxy", 1}, {"127.0.0.1", 2}}},
		{"should stop calling at the first untrusted", []string{"a, b"}, false, []call{{"127.0.0.1", 0}}},
		{"should call for the socket only when the header is absent", nil, true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var calls []call
			trust := func(addr string, hop int) bool {
				calls = append(calls, call{addr, hop})
				return tt.givenResult
			}
			proxyaddr.Addr("127.0.0.1", tt.givenXFF, mustCompile(t, trust))
			assert.Equal(t, tt.expect, calls)
		})
	}
}

func TestAll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		givenXFF   []string
		givenTrust any
		expect     []string
	}{
		{"should return socket address with no headers", nil, true, []string{"127.0.0.1"}},
		{"should include x-forwarded-for", []string{"10.0.0.1"}, true, []string{"127.0.0.1", "10.0.0.1"}},
		{"should include x-forwarded-for in correct order", []string{"10.0.0.1, 10.0.0.2"}, true, []string{"127.0.0.1", "10.0.0.2", "10.0.0.1"}},
		{"should stop at first untrusted", []string{"10.0.0.1, 10.0.0.2"}, "127.0.0.1", []string{"127.0.0.1", "10.0.0.2"}},
		{"should be only socket address for no trust", []string{"10.0.0.1, 10.0.0.2"}, []string{}, []string{"127.0.0.1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, proxyaddr.All("127.0.0.1", tt.givenXFF, mustCompile(t, tt.givenTrust)))
		})
	}
}

func TestIPs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		givenXFF   []string
		givenTrust any
		expect     []string
	}{
		{"should return an array of the specified addresses", []string{"client, p1, p2"}, true, []string{"client", "p1", "p2"}},
		{"should stop at first untrusted", []string{"client, p1, p2"}, 2, []string{"p1", "p2"}},
		{"should return an empty array when trust proxy is disabled", []string{"client, p1, p2"}, false, []string{}},
		{"should return [] without X-Forwarded-For", nil, true, []string{}},
		{"should include the first untrusted entry", []string{"client, 10.0.0.9, 10.0.0.2"}, "loopback, 10.0.0.2", []string{"10.0.0.9", "10.0.0.2"}},
		{"should read several lines", []string{"a, b", "c"}, true, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, proxyaddr.IPs("127.0.0.1", tt.givenXFF, mustCompile(t, tt.givenTrust)))
		})
	}
}

func TestStripPort(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		given  string
		expect string
	}{
		{"should strip an IPv4 port", "1.2.3.4:5", "1.2.3.4"},
		{"should strip an IPv6 port and brackets", "[::1]:80", "::1"},
		{"should keep the zone of a bracketed address", "[fe80::1%eth0]:80", "fe80::1%eth0"},
		{"should remove brackets without a port", "[::1]", "::1"},
		{"should keep a bare IPv4 address", "1.2.3.4", "1.2.3.4"},
		{"should keep a bare IPv6 address", "::1", "::1"},
		{"should keep a bare mapped address", "::ffff:127.0.0.1", "::ffff:127.0.0.1"},
		{"should keep an unclosed bracket", "[::1", "[::1"},
		{"should keep the empty string", "", ""},
		{"should strip an empty port", "host:", "host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, proxyaddr.StripPort(tt.given))
		})
	}
}

func TestAddrAllocations(t *testing.T) {
	none := mustCompile(t, false)
	list := mustCompile(t, "loopback, 10.0.0.0/8")
	hops := mustCompile(t, 1)
	xff := []string{"203.0.113.7, 10.0.0.2"}
	tests := []struct {
		name   string
		trust  proxyaddr.Trust
		expect string
	}{
		{"trust nothing", none, "127.0.0.1"},
		{"trust a list", list, "203.0.113.7"},
		{"trust a hop count", hops, "10.0.0.2"},
	}
	for _, tt := range tests {
		allocs := testing.AllocsPerRun(100, func() {
			if got := proxyaddr.Addr("127.0.0.1", xff, tt.trust); got != tt.expect {
				t.Fatalf("%s: got %q", tt.name, got)
			}
		})
		assert.Equal(t, 0.0, allocs, tt.name)
	}
}

func BenchmarkAddr(b *testing.B) {
	xff := []string{"203.0.113.7, 10.0.0.2"}
	for _, bb := range []struct {
		name  string
		trust any
	}{
		{"none", false},
		{"list", "loopback, uniquelocal"},
		{"mapped", "loopback"},
	} {
		trust := mustCompile(b, bb.trust)
		remote := "127.0.0.1"
		if bb.name == "mapped" {
			remote = "::ffff:127.0.0.1"
		}
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				proxyaddr.Addr(remote, xff, trust)
			}
		})
	}
}
