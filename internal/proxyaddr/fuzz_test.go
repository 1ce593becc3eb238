package proxyaddr_test

import (
	"strings"
	"testing"

	"github.com/expresso-go/expresso/internal/proxyaddr"
)

func FuzzAddr(f *testing.F) {
	f.Add("127.0.0.1", "10.0.0.1, 10.0.0.2", "", 0)
	f.Add("::ffff:127.0.0.1", " , a ,, ", "b", 2)
	f.Add("fe80::1", "2002:c000:203::1, fe80::2%eth0", "::ffff:a00:1", 3)
	f.Add("10.0.0.1", ",,", ",", 1)
	trusts := []proxyaddr.Trust{
		mustCompile(f, false),
		mustCompile(f, true),
		mustCompile(f, 2),
		mustCompile(f, "loopback, linklocal, uniquelocal, ::ffff:0:0/96"),
	}
	f.Fuzz(func(t *testing.T, remote, line1, line2 string, which int) {
		if which < 0 {
			which = -which
		}
		trust := trusts[which%len(trusts)]
		xff := []string{line1, line2}
		got := proxyaddr.Addr(remote, xff, trust)

		all := proxyaddr.All(remote, xff, trust)
		if all[0] != remote || all[len(all)-1] != got {
			t.Fatalf("All = %q, Addr = %q", all, got)
		}
		ips := proxyaddr.IPs(remote, xff, trust)
		if len(ips) != len(all)-1 {
			t.Fatalf("IPs = %q, All = %q", ips, all)
		}
		for i, ip := range ips {
			if all[len(all)-1-i] != ip {
				t.Fatalf("IPs = %q is not All = %q reversed", ips, all)
			}
		}
		if len(all) == 1 {
			if got != remote {
				t.Fatalf("Addr = %q, want the socket %q", got, remote)
			}
			return
		}
		// Otherwise the answer is a non-empty entry of one of the lines.
		if got == "" || strings.Contains(got, ",") || got[0] == ' ' || got[len(got)-1] == ' ' {
			t.Fatalf("Addr = %q is not a trimmed entry", got)
		}
		if !strings.Contains(line1, got) && !strings.Contains(line2, got) {
			t.Fatalf("Addr = %q is in neither line", got)
		}
	})
}
