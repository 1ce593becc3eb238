package pathseg_test

import (
	"testing"

	"github.com/expresso-go/expresso/internal/pathseg"
	"github.com/stretchr/testify/assert"
)

func TestSegments(t *testing.T) {
	cases := []struct {
		p              string
		dotdot, dotted bool
	}{
		{"a/b.txt", false, false},
		{"..", true, true},
		{"a/../b", true, true},
		{`a\..\b`, true, false},
		{"a/..b/c", false, true},
		{".env", false, true},
		{"a/.git/config", false, true},
		{"a/./b", false, false},
		{"", false, false},
	}
	for _, tc := range cases {
		t.Run(tc.p, func(t *testing.T) {
			assert.Equal(t, tc.dotdot, pathseg.HasDotDot(tc.p))
			assert.Equal(t, tc.dotted, pathseg.HasDotfile(tc.p))
		})
	}
}

func FuzzHasDotDot(f *testing.F) {
	for _, s := range []string{"..", "a/../b", `a\..`, "...", ".a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if pathseg.HasDotDot(p) {
			assert.Contains(t, p, "..")
		}
	})
}
