// Package proxyaddr decides which address a request came from behind
// proxies, as Express 5 does for req.ip and req.ips with its "trust proxy"
// setting.
//
// It mirrors jshttp/proxy-addr@2.0.8 (with jshttp/forwarded@0.2 for the
// X-Forwarded-For list) and Express's compileTrust. IP addresses are parsed
// with net/netip, which is stricter than the ipaddr.js@1.9 parser
// proxy-addr uses: the legacy IPv4 spellings ipaddr.js accepts (octal
// "010.0.0.1", hex "0x7f.0.0.1", a single 32-bit number "2130706433") and
// IPv6 groups longer than four digits are not IP addresses here. Such an
// X-Forwarded-For entry is therefore never trusted (it stops the walk
// where Express might go on), and such a trust list entry is an error.
// Conversely, ipaddr.js rejects a few IPv6 spellings netip accepts, such as
// an embedded IPv4 address right after "::" ("::1.2.3.4",
// "64:ff9b::1.2.3.4"); here those are trusted when a range covers them.
// IPv6 zones must be letters and digits, as in ipaddr.js.
package proxyaddr

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"unicode"
)

// Trust reports whether the address at hop hop is a trusted proxy, so that
// the walk goes on to the next address. Hop 0 is the socket address, hop 1
// the rightmost X-Forwarded-For entry, and so on. addr is the entry as
// written (it may not be an IP address at all).
type Trust func(addr string, hop int) bool

// ErrInvalid is matched (errors.Is) by every error [Compile] returns.
var ErrInvalid = errors.New("expresso: TrustProxy: invalid value")

// compileError carries one message and unwraps to ErrInvalid.
type compileError struct{ msg string }

func (e *compileError) Error() string { return e.msg }
func (e *compileError) Unwrap() error { return ErrInvalid }

// errorf returns a compileError with a formatted message.
func errorf(format string, args ...any) error {
	return &compileError{fmt.Sprintf("expresso: TrustProxy: "+format, args...)}
}

// namedRange returns the ranges of proxy-addr's pre-defined names, which
// are case-sensitive.
func namedRange(name string) ([]string, bool) {
	switch name {
	case "linklocal":
		return []string{"169.254.0.0/16", "fe80::/10"}, true
	case "loopback":
		return []string{"127.0.0.1/8", "::1/128"}, true
	case "uniquelocal":
		return []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}, true
	}
	return nil, false
}

// Compile turns an Express "trust proxy" value into a [Trust], as Express's
// compileTrust does:
//
//   - nil or false trusts nothing; true trusts every hop;
//   - an integer N (any Go integer type) trusts the first N hops (hop < N);
//   - a string is split on ',' and each item trimmed of white space (as
//     JavaScript's String.prototype.trim does), then read as a list;
//   - a []string is a list, its items used exactly as given (not trimmed);
//   - a [Trust] or func(string, int) bool is used as it is (a nil one
//     trusts nothing).
//
// A list item is an IP address ("10.0.0.1", "::1"), a CIDR range
// ("10.0.0.0/8", "fe80::/10"), an IPv4 address with a netmask
// ("10.0.0.0/255.0.0.0"), or one of the names "loopback" (127.0.0.1/8,
// ::1/128), "linklocal" (169.254.0.0/16, fe80::/10) and "uniquelocal"
// (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, fc00::/7). A prefix length
// must lie in 1..32 (IPv4) or 1..128 (IPv6), so "0.0.0.0/0" is rejected as
// in proxy-addr; a netmask must be contiguous. An empty list trusts nothing;
// an empty string is one empty item and therefore an error.
//
// The list's Trust ignores the hop and matches as proxy-addr 2.0.8 does: an
// IPv4-mapped candidate ("::ffff:10.0.0.1") is treated as the IPv4 address;
// an IPv4 range matches IPv4 (and mapped) candidates only; an IPv6 range
// matches native IPv6 candidates, except that a range written in mapped
// form with a prefix of at least 96 bits ("::ffff:a00:0/104") matches the
// IPv4 addresses it covers and no native IPv6 one. A mapped address
// without a prefix length ("::ffff:a00:1") is stored as the IPv4 address.
// Zones are ignored when matching. Entries that are not IP addresses are
// never trusted.
//
// Errors match [ErrInvalid] and name the problem: an unsupported type
// ("expresso: TrustProxy: unsupported type float64"), an item that is not
// an IP address, or a bad range or netmask.
func Compile(v any) (Trust, error) {
	switch v := v.(type) {
	case nil:
		return trustNone, nil
	case bool:
		if v {
			return trustAll, nil
		}
		return trustNone, nil
	case Trust:
		if v == nil {
			return trustNone, nil
		}
		return v, nil
	case func(string, int) bool:
		if v == nil {
			return trustNone, nil
		}
		return v, nil
	case string:
		items := strings.Split(v, ",")
		for i, item := range items {
			items[i] = strings.TrimFunc(item, isJSSpace)
		}
		return compileList(items)
	case []string:
		return compileList(v)
	}
	if n, ok := hopCount(v); ok {
		return func(_ string, hop int) bool { return hop < n }, nil
	}
	return nil, errorf("unsupported type %T", v)
}

// hopCount converts any Go integer to an int hop count, saturating values
// beyond the int range.
func hopCount(v any) (int, bool) {
	var n int64
	switch v := v.(type) {
	case int:
		return v, true
	case int8:
		n = int64(v)
	case int16:
		n = int64(v)
	case int32:
		n = int64(v)
	case int64:
		n = v
	case uint:
		return satUint(uint64(v)), true
	case uint8:
		n = int64(v)
	case uint16:
		n = int64(v)
	case uint32:
		n = int64(v)
	case uint64:
		return satUint(v), true
	case uintptr:
		return satUint(uint64(v)), true
	default:
		return 0, false
	}
	switch {
	case n > math.MaxInt:
		return math.MaxInt, true
	case n < math.MinInt:
		return math.MinInt, true
	}
	return int(n), true
}

// satUint converts u to int, saturating at math.MaxInt.
func satUint(u uint64) int {
	if u > math.MaxInt {
		return math.MaxInt
	}
	return int(u)
}

// isJSSpace reports whether JavaScript's trim removes r: Unicode white
// space and U+FEFF, but not U+0085.
func isJSSpace(r rune) bool {
	return r == '\uFEFF' || r != '\u0085' && unicode.IsSpace(r)
}

// trustNone trusts no hop.
func trustNone(string, int) bool { return false }

// trustAll trusts every hop.
func trustAll(string, int) bool { return true }

// subnet is one compiled list item.
type subnet struct {
	prefix netip.Prefix // the range, zone removed
	mapped bool         // an IPv6 range written as an IPv4-mapped address
}

// compileList compiles list items (names, addresses, ranges).
func compileList(items []string) (Trust, error) {
	var subnets []subnet
	for _, item := range items {
		if expanded, ok := namedRange(item); ok {
			for _, r := range expanded {
				s, err := parseNotation(r)
				if err != nil {
					return nil, err
				}
				subnets = append(subnets, s)
			}
			continue
		}
		s, err := parseNotation(item)
		if err != nil {
			return nil, err
		}
		subnets = append(subnets, s)
	}
	if len(subnets) == 0 {
		return trustNone, nil
	}
	return func(addr string, _ int) bool { return matchAny(subnets, addr) }, nil
}

// parseNotation parses "ip", "ip/bits" or "ipv4/netmask" as proxy-addr
// does.
func parseNotation(note string) (subnet, error) {
	pos := strings.LastIndexByte(note, '/')
	str := note
	if pos >= 0 {
		str = note[:pos]
	}
	ip, ok := parseIP(str)
	if !ok {
		return subnet{}, errorf("invalid IP address: %q", str)
	}
	if pos < 0 && ip.Is4In6() {
		ip = ip.Unmap()
	}
	ip = ip.WithZone("")
	bits := ip.BitLen()
	if pos >= 0 {
		bits = parseRange(note[pos+1:], ip.Is4())
	}
	if bits <= 0 || bits > ip.BitLen() {
		return subnet{}, errorf("invalid range on address: %q", note)
	}
	return subnet{prefix: netip.PrefixFrom(ip, bits), mapped: ip.Is4In6()}, nil
}

// parseRange reads the part after '/': decimal digits, or for an IPv4
// address an IPv4 netmask. It returns -1 when it is neither.
func parseRange(r string, ipv4 bool) int {
	if r == "" {
		return -1
	}
	n := 0
	for i := 0; i < len(r); i++ {
		c := r[i]
		if c < '0' || c > '9' {
			if ipv4 {
				return netmaskBits(r)
			}
			return -1
		}
		if n <= 1000 { // anything above 128 is invalid; stop growing
			n = n*10 + int(c-'0')
		}
	}
	return n
}

// netmaskBits returns the prefix length of a contiguous IPv4 netmask, or
// -1 when r is not an IPv4 address or not a contiguous mask.
func netmaskBits(r string) int {
	m, ok := parseIP(r)
	if !ok || !m.Is4() {
		return -1
	}
	b := m.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	ones := 0
	for v&0x80000000 != 0 {
		ones++
		v <<= 1
	}
	if v != 0 {
		return -1
	}
	return ones
}

// parseIP parses an IP address, accepting a zone only when it is made of
// ASCII letters and digits.
func parseIP(s string) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	if z := ip.Zone(); z != "" {
		for i := 0; i < len(z); i++ {
			c := z[i]
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
				return netip.Addr{}, false
			}
		}
	}
	return ip, true
}

// matchAny reports whether addr is an IP address inside one of subnets,
// with proxy-addr's rules for IPv4-mapped addresses.
func matchAny(subnets []subnet, addr string) bool {
	ip, ok := parseIP(addr)
	if !ok {
		return false
	}
	ip = ip.Unmap().WithZone("")
	var mapped netip.Addr // ip as an IPv4-mapped IPv6 address, made on demand
	for _, s := range subnets {
		switch {
		case ip.Is4() == s.prefix.Addr().Is4():
			if ip.Is6() && s.mapped {
				continue // a native IPv6 address never matches a mapped range
			}
			if s.prefix.Contains(ip) {
				return true
			}
		case ip.Is4() && s.mapped && s.prefix.Bits() >= 96:
			if !mapped.IsValid() {
				mapped = netip.AddrFrom16(ip.As16())
			}
			if s.prefix.Contains(mapped) {
				return true
			}
		}
	}
	return false
}
