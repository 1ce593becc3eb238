package proxyaddr_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/proxyaddr"
)

func TestCompileErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		given     any
		expectMsg string
	}{
		{"should reject a float", 1.5, "expresso: TrustProxy: unsupported type float64"},
		{"should reject a map", map[string]bool{}, "expresso: TrustProxy: unsupported type map[string]bool"},
		{"should reject a []any", []any{"127.0.0.1"}, "expresso: TrustProxy: unsupported type []interface {}"},
		{"should reject a hop-less function", func(string) bool { return true }, "expresso: TrustProxy: unsupported type func(string) bool"},
		{"should reject non-IP", "blargh", `expresso: TrustProxy: invalid IP address: "blargh"`},
		{"should reject an IPv4 octet above 255", "10.0.300.1", `expresso: TrustProxy: invalid IP address: "10.0.300.1"`},
		{"should reject a mapped octet above 255", "::ffff:30.168.1.9000", `expresso: TrustProxy: invalid IP address: "::ffff:30.168.1.9000"`},
		{"should reject -1", "-1", `expresso: TrustProxy: invalid IP address: "-1"`},
		{"should reject an empty string", "", `expresso: TrustProxy: invalid IP address: ""`},
		{"should reject an empty item", "127.0.0.1,,::1", `expresso: TrustProxy: invalid IP address: ""`},
		{"should not trim array items", []string{" 127.0.0.1"}, `expresso: TrustProxy: invalid IP address: " 127.0.0.1"`},
		{"should match names case-sensitively", "Loopback", `expresso: TrustProxy: invalid IP address: "Loopback"`},
		{"should reject an octal IPv4 address", "010.0.0.1", `expresso: TrustProxy: invalid IP address: "010.0.0.1"`},
		{"should reject a zone with a hyphen", "fe80::1%eth-0", `expresso: TrustProxy: invalid IP address: "fe80::1%eth-0"`},
		{"should name the address part of a bad CIDR", "10.0.0/8", `expresso: TrustProxy: invalid IP address: "10.0.0"`},
		{"should reject a word as range", "10.0.0.1/internet", `expresso: TrustProxy: invalid range on address: "10.0.0.1/internet"`},
		{"should reject an IPv4 range above 32", "10.0.0.1/33", `expresso: TrustProxy: invalid range on address: "10.0.0.1/33"`},
		{"should reject a huge IPv4 range", "10.0.0.1/6000", `expresso: TrustProxy: invalid range on address: "10.0.0.1/6000"`},
		{"should reject a huge IPv6 range", "::1/6000", `expresso: TrustProxy: invalid range on address: "::1/6000"`},
		{"should reject an overflowing range", "::1/99999999999999999999999", `expresso: TrustProxy: invalid range on address: "::1/99999999999999999999999"`},
		{"should reject a mapped range above 128", "::ffff:a00:2/136", `expresso: TrustProxy: invalid range on address: "::ffff:a00:2/136"`},
		{"should reject a negative range", "::ffff:a00:2/-1", `expresso: TrustProxy: invalid range on address: "::ffff:a00:2/-1"`},
		{"should reject a zero range", "0.0.0.0/0", `expresso: TrustProxy: invalid range on address: "0.0.0.0/0"`},
		{"should reject a zero IPv6 range", "::/0", `expresso: TrustProxy: invalid range on address: "::/0"`},
		{"should reject an empty range", "10.0.0.1/", `expresso: TrustProxy: invalid range on address: "10.0.0.1/"`},
		{"should reject a signed range", "10.0.0.1/+8", `expresso: TrustProxy: invalid range on address: "10.0.0.1/+8"`},
		{"should reject a non-contiguous netmask", "10.0.0.1/255.0.255.0", `expresso: TrustProxy: invalid range on address: "10.0.0.1/255.0.255.0"`},
		{"should reject a zero netmask", "10.0.0.1/0.0.0.0", `expresso: TrustProxy: invalid range on address: "10.0.0.1/0.0.0.0"`},
		{"should reject an IPv6 netmask on IPv4", "10.0.0.1/ffc0::", `expresso: TrustProxy: invalid range on address: "10.0.0.1/ffc0::"`},
		{"should reject a mapped netmask on IPv4", "10.0.0.1/::ffff:255.255.255.0", `expresso: TrustProxy: invalid range on address: "10.0.0.1/::ffff:255.255.255.0"`},
		{"should reject an IPv6 netmask on IPv6", "fe80::/ffc0::", `expresso: TrustProxy: invalid range on address: "fe80::/ffc0::"`},
		{"should reject an IPv4 netmask on IPv6", "fe80::/255.255.255.0", `expresso: TrustProxy: invalid range on address: "fe80::/255.255.255.0"`},
		{"should reject a netmask on a mapped address", "::ffff:a00:2/255.255.255.0", `expresso: TrustProxy: invalid range on address: "::ffff:a00:2/255.255.255.0"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			trust, err := proxyaddr.Compile(tt.given)
			require.Error(t, err)
			assert.Nil(t, trust)
			assert.Equal(t, tt.expectMsg, err.Error())
			assert.ErrorIs(t, err, proxyaddr.ErrInvalid)
		})
	}
}

func TestCompileTypes(t *testing.T) {
	t.Parallel()
	custom := func(addr string, hop int) bool { return addr == "x" && hop == 3 }
	tests := []struct {
		name      string
		given     any
		givenAddr string
		givenHop  int
		expect    bool
	}{
		{"should trust nothing for nil", nil, "127.0.0.1", 0, false},
		{"should trust nothing for false", false, "127.0.0.1", 0, false},
		{"should trust everything for true", true, "anything", 99, true},
		{"should trust hops below the count", 2, "x", 1, true},
		{"should not trust the hop equal to the count", 2, "x", 2, false},
		{"should accept an int64 count", int64(1), "x", 0, true},
		{"should accept a uint8 count", uint8(1), "x", 1, false},
		{"should saturate a huge uint64 count", uint64(math.MaxUint64), "x", math.MaxInt - 1, true},
		{"should saturate a very negative int64 count", int64(math.MinInt64), "x", 0, false},
		{"should use a plain function as it is", custom, "x", 3, true},
		{"should use a Trust as it is", proxyaddr.Trust(custom), "x", 2, false},
		{"should trust nothing for a nil function", (func(string, int) bool)(nil), "x", 0, false},
		{"should trust nothing for a nil Trust", proxyaddr.Trust(nil), "x", 0, false},
		{"should trust nothing for an empty list", []string{}, "127.0.0.1", 0, false},
		{"should trim JavaScript white space around items", "\u00a0\ufeff127.0.0.1\u3000,\t::1\n", "::1", 0, true},
		{"should expand names inside a string", "10.0.0.1, loopback", "127.1.2.3", 0, true},
		{"should ignore the hop for a list", "loopback", "127.0.0.1", 42, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			trust := mustCompile(t, tt.given)
			assert.Equal(t, tt.expect, trust(tt.givenAddr, tt.givenHop))
		})
	}
}

func TestCompileTrimKeepsNEL(t *testing.T) {
	t.Parallel()
	_, err := proxyaddr.Compile("127.0.0.1\u0085")
	require.Error(t, err)
	assert.Equal(t, "expresso: TrustProxy: invalid IP address: \"127.0.0.1\\u0085\"", err.Error())
}

func TestCompileMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		given     any
		givenAddr string
		expect    bool
	}{
		{"loopback should match 127.0.0.1", "loopback", "127.0.0.1", true},
		{"loopback should match all of 127/8", "loopback", "127.255.255.254", true},
		{"loopback should match ::1", "loopback", "::1", true},
		{"loopback should match mapped 127.0.0.1", "loopback", "::ffff:127.0.0.1", true},
		{"loopback should match mapped 127.0.0.1 in hex", "loopback", "::ffff:7f00:1", true},
		{"loopback should not match ::2", "loopback", "::2", false},
		{"loopback should not match 128.0.0.1", "loopback", "128.0.0.1", false},
		{"linklocal should match 169.254.1.1", "linklocal", "169.254.1.1", true},
		{"linklocal should match fe80::1", "linklocal", "fe80::1", true},
		{"linklocal should match febf::1", "linklocal", "febf::1", true},
		{"linklocal should not match fec0::1", "linklocal", "fec0::1", false},
		{"uniquelocal should match 10.1.2.3", "uniquelocal", "10.1.2.3", true},
		{"uniquelocal should match 172.31.0.1", "uniquelocal", "172.31.0.1", true},
		{"uniquelocal should not match 172.32.0.1", "uniquelocal", "172.32.0.1", false},
		{"uniquelocal should match 192.168.255.255", "uniquelocal", "192.168.255.255", true},
		{"uniquelocal should match fd00::1", "uniquelocal", "fd00::1", true},
		{"uniquelocal should not match fe00::1", "uniquelocal", "fe00::1", false},
		{"an IPv4 address should match itself only", "10.0.0.1", "10.0.0.2", false},
		{"an unmasked CIDR should match its network", "10.0.0.200/8", "10.9.9.9", true},
		{"an IPv4 /32 should match exactly", "10.0.0.1/32", "10.0.0.1", true},
		{"a netmask should match its network", "192.168.1.0/255.255.255.0", "192.168.1.77", true},
		{"a netmask should not match outside", "192.168.1.0/255.255.255.0", "192.168.2.1", false},
		{"an IPv4 range should not match a native IPv6 address", "0.0.0.0/1", "::1", false},
		{"an IPv6 range should not match an IPv4 address", "::/1", "10.0.0.1", false},
		{"an IPv6 range should not match a mapped address", "::/1", "::ffff:10.0.0.1", false},
		{"a mapped /96 should match every IPv4 address", "::ffff:0:0/96", "203.0.113.9", true},
		{"a mapped /96 should match a mapped candidate", "::ffff:0:0/96", "::ffff:203.0.113.9", true},
		{"a mapped range should not match a native IPv6 address", "::ffff:0:0/96", "::1", false},
		{"a mapped range below 96 bits should not match IPv4", "::ffff:a00:1/95", "10.0.0.1", false},
		{"a mapped range below 96 bits should not match native IPv6", "::ffff:a00:1/80", "::1", false},
		{"a mapped /128 should match its IPv4 address", "::ffff:a00:1/128", "10.0.0.1", true},
		{"a mapped address without range should match IPv4", "::ffff:10.0.0.1", "10.0.0.1", true},
		{"a mapped address without range should match a mapped candidate", "::ffff:10.0.0.1", "::ffff:a00:1", true},
		{"an IPv6 range should match a zoned candidate", "fe80::/10", "fe80::1%eth0", true},
		{"a zoned address should match without its zone", "fe80::1%1", "fe80::1", true},
		{"a zone with a hyphen should not match", "fe80::/10", "fe80::1%eth-0", false},
		{"an address with a port should not match", "127.0.0.1", "127.0.0.1:80", false},
		{"a bracketed address should not match", "::1", "[::1]", false},
		{"an empty candidate should not match", "loopback", "", false},
		{"an upper-case IPv6 candidate should match", "fe80::/10", "FE80::1", true},
		{"an octal candidate should not match", "loopback", "0177.0.0.1", false},
		{"a 32-bit number candidate should not match", "loopback", "2130706433", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			trust := mustCompile(t, tt.given)
			assert.Equal(t, tt.expect, trust(tt.givenAddr, 0))
		})
	}
}
