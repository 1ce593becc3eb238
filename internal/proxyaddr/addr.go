package proxyaddr

import "strings"

// StripPort returns the host of a "host:port" socket address such as
// http.Request.RemoteAddr: "[::1]:80" → "::1", "1.2.3.4:5" → "1.2.3.4". A
// bare address ("1.2.3.4", "::1") comes back unchanged, and so does
// anything it cannot read. It never allocates.
//
// Node reports an IPv4 client of a dual-stack server as "::ffff:127.0.0.1";
// Go's RemoteAddr says "127.0.0.1", and StripPort keeps Go's form.
func StripPort(hostport string) string {
	if strings.HasPrefix(hostport, "[") {
		if end := strings.IndexByte(hostport, ']'); end > 0 {
			return hostport[1:end]
		}
		return hostport
	}
	if i := strings.IndexByte(hostport, ':'); i >= 0 && strings.IndexByte(hostport[i+1:], ':') < 0 {
		return hostport[:i]
	}
	return hostport
}

// Addr returns req.ip: the client address as far as trust allows.
//
// remote is the socket address without its port (see [StripPort]); xff
// holds the X-Forwarded-For header lines in the order received (Node joins
// repeated lines with ", ", which reads the same). Each line is a comma
// list; entries are trimmed of spaces (not tabs) and empty entries are
// skipped; an entry need not be an IP address.
//
// The walk starts at the socket address (hop 0) and goes through the
// entries from right to left (hops 1, 2, …). The first address trust
// rejects is the answer; if trust accepts every address but the last, the
// farthest (leftmost) entry is the answer. trust is never asked about the
// farthest address. A nil trust trusts nothing.
//
// The result is remote or a substring of one line; Addr does not allocate.
func Addr(remote string, xff []string, trust Trust) string {
	if trust == nil {
		return remote
	}
	it := newEntries(xff)
	cur := remote
	for hop := 0; ; hop++ {
		next, ok := it.next()
		if !ok || !trust(cur, hop) {
			return cur
		}
		cur = next
	}
}

// All returns proxy-addr's all() list: the socket address first, then the
// X-Forwarded-For entries from nearest (rightmost) to farthest, cut after
// the first address trust rejects. trust is called exactly as in [Addr],
// and the last element is always Addr's result. A nil trust cuts nothing,
// like proxyaddr.all(req) without a trust argument: every entry is
// returned.
func All(remote string, xff []string, trust Trust) []string {
	it := newEntries(xff)
	addrs := []string{remote}
	for hop := 0; ; hop++ {
		next, ok := it.next()
		if !ok || trust != nil && !trust(addrs[hop], hop) {
			return addrs
		}
		addrs = append(addrs, next)
	}
}

// IPs returns req.ips: the X-Forwarded-For entries the walk of [Addr]
// passed through, up to and including the first untrusted one (or the
// farthest), ordered farthest first and without the socket address. It is
// [All] reversed with the socket address dropped. When the socket address
// is not trusted (or trust is nil) it returns an empty, non-nil slice, so
// it encodes as [] in JSON.
func IPs(remote string, xff []string, trust Trust) []string {
	ips := []string{}
	if trust == nil {
		return ips
	}
	it := newEntries(xff)
	cur := remote
	for hop := 0; ; hop++ {
		next, ok := it.next()
		if !ok || !trust(cur, hop) {
			break
		}
		ips = append(ips, next)
		cur = next
	}
	for i, j := 0, len(ips)-1; i < j; i, j = i+1, j-1 {
		ips[i], ips[j] = ips[j], ips[i]
	}
	return ips
}

// entries walks the X-Forwarded-For entries of several header lines from
// right to left (last line first) without allocating.
type entries struct {
	lines []string
	line  int // index of the line being read; -1 when done
	end   int // exclusive end of the unread part of the line; -1 when read
}

// newEntries starts a walk at the end of the last line.
func newEntries(lines []string) entries {
	it := entries{lines: lines, line: len(lines) - 1}
	if it.line >= 0 {
		it.end = len(lines[it.line])
	}
	return it
}

// next returns the next non-empty entry to the left, trimmed of spaces.
func (it *entries) next() (string, bool) {
	for it.line >= 0 {
		line := it.lines[it.line]
		for it.end >= 0 {
			rest := line[:it.end]
			comma := strings.LastIndexByte(rest, ',')
			it.end = comma
			if entry := trimSpaces(rest[comma+1:]); entry != "" {
				return entry, true
			}
		}
		it.line--
		if it.line >= 0 {
			it.end = len(it.lines[it.line])
		}
	}
	return "", false
}

// trimSpaces trims ASCII spaces (only) from both ends of s, as
// jshttp/forwarded does.
func trimSpaces(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] == ' ' {
		i++
	}
	for j > i && s[j-1] == ' ' {
		j--
	}
	return s[i:j]
}
