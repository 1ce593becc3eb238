package contentdisposition_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso/internal/contentdisposition"
)

func TestAttachment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		filename string
		expect   string
	}{
		// SEMANTICS §1.12 [master] and Express test/res.attachment.js.
		{"should write a token name bare", "image.png", `attachment; filename=image.png`},
		{"should write a dotfile name bare", ".name", `attachment; filename=.name`},
		{"should write a name without extension bare", "document", `attachment; filename=document`},
		{"should quote a name with a space", "my report.png", `attachment; filename="my report.png"`},
		{"should quote the empty name", "", `attachment; filename=""`},
		{"should add filename* for Japanese", "日本語.txt", `attachment; filename="???.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`},
		{"should add filename* for Latin-1", "café.txt", `attachment; filename="caf?.txt"; filename*=UTF-8''caf%C3%A9.txt`},
		{"should quote a name with a percent but no escape", "% of dogs.txt", `attachment; filename="% of dogs.txt"`},
		{"should write a name with a lone percent bare", "100%.txt", `attachment; filename=100%.txt`},
		// jshttp/content-disposition src/create.spec.ts.
		{"should create a header with file name", "plans.pdf", `attachment; filename=plans.pdf`},
		{"should preserve a posix path", "/path/to/plans.pdf", `attachment; filename="/path/to/plans.pdf"`},
		{"should preserve a windows path", `\path\to\plans.pdf`, `attachment; filename="\\path\\to\\plans.pdf"`},
		{"should preserve a windows path with drive letter", `C:\path\to\plans.pdf`, `attachment; filename="C:\\path\\to\\plans.pdf"`},
		{"should preserve a posix path with trailing slashes", "/path/to/plans.pdf///", `attachment; filename="/path/to/plans.pdf///"`},
		{"should preserve a windows path with trailing slashes", `\path\to\plans.pdf\\\`, `attachment; filename="\\path\\to\\plans.pdf\\\\\\"`},
		{"should escape quotes", `the "plans".pdf`, `attachment; filename="the \"plans\".pdf"`},
		{"should include filename* parameter for ISO-8859-1", "«plans».pdf", `attachment; filename="?plans?.pdf"; filename*=UTF-8''%C2%ABplans%C2%BB.pdf`},
		{"should include filename* parameter for ISO-8859-1 with quotes", `the "plans" (1µ).pdf`, `attachment; filename="the \"plans\" (1?).pdf"; filename*=UTF-8''the%20%22plans%22%20%281%C2%B5%29.pdf`},
		{"should include filename* parameter for latin characters with diacritics", "foo-ä.html", `attachment; filename="foo-?.html"; filename*=UTF-8''foo-%C3%A4.html`},
		{"should include filename* parameter for Unicode", "планы.pdf", `attachment; filename="?????.pdf"; filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD%D1%8B.pdf`},
		{"should include filename fallback", "£ and € rates.pdf", `attachment; filename="? and ? rates.pdf"; filename*=UTF-8''%C2%A3%20and%20%E2%82%AC%20rates.pdf`},
		{"should include filename fallback for one character", "€ rates.pdf", `attachment; filename="? rates.pdf"; filename*=UTF-8''%E2%82%AC%20rates.pdf`},
		{"should encode special characters", "€'*%().pdf", `attachment; filename="?'*%().pdf"; filename*=UTF-8''%E2%82%AC%27%2A%25%28%29.pdf`},
		{"should keep a simple filename with a hex escape", "the%20plans.pdf", `attachment; filename=the%20plans.pdf; filename*=UTF-8''the%2520plans.pdf`},
		{"should handle Unicode with a hex escape", "€%20£.pdf", `attachment; filename="?%20?.pdf"; filename*=UTF-8''%E2%82%AC%2520%C2%A3.pdf`},
		// Edge cases checked against content-disposition 2.0.1 under Node.
		{"should quote a name with a hex escape and a space", "my%20file name", `attachment; filename="my%20file name"; filename*=UTF-8''my%2520file%20name`},
		{"should write two question marks for an astral character", "😀.txt", `attachment; filename="??.txt"; filename*=UTF-8''%F0%9F%98%80.txt`},
		{"should replace a tab in the fallback", "a\tb", `attachment; filename="a?b"; filename*=UTF-8''a%09b`},
		{"should replace DEL in the fallback", "x\x7f", `attachment; filename="x?"; filename*=UTF-8''x%7F`},
		{"should keep ! and ~ bare in filename*", "a!~b é", `attachment; filename="a!~b ?"; filename*=UTF-8''a!~b%20%C3%A9`},
		{"should quote a name with an apostrophe and parentheses", "it's (1)*.txt", `attachment; filename="it's (1)*.txt"`},
		{"should treat an invalid byte as U+FFFD", "a\xffb", `attachment; filename="a?b"; filename*=UTF-8''a%EF%BF%BDb`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.expect, contentdisposition.Attachment(tt.filename, true))
		})
	}
}

func TestAttachmentWithoutFilename(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "attachment", contentdisposition.Attachment("ignored.txt", false))
	assert.Equal(t, "attachment", contentdisposition.Attachment("", false))
}

// unquote reverses the quoting of a filename parameter value.
func unquote(t *testing.T, v string) string {
	t.Helper()
	if !strings.HasPrefix(v, `"`) {
		return v
	}
	require.True(t, strings.HasSuffix(v, `"`) && len(v) >= 2, "unterminated %q", v)
	var b strings.Builder
	for i := 1; i < len(v)-1; i++ {
		if v[i] == '\\' {
			i++
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

func FuzzAttachment(f *testing.F) {
	f.Add("image.png")
	f.Add(`the "plans" (1µ).pdf`)
	f.Add("€%20£.pdf")
	f.Add("a\xff\tb😀")
	f.Fuzz(func(t *testing.T, name string) {
		got := contentdisposition.Attachment(name, true)
		for i := 0; i < len(got); i++ {
			require.True(t, got[i] >= 0x20 && got[i] <= 0x7e, "non-printable byte in %q", got)
		}
		rest, ok := strings.CutPrefix(got, "attachment; filename=")
		require.True(t, ok, got)
		plain, ext, hasExt := strings.Cut(rest, "; filename*=UTF-8''")
		if !hasExt {
			assert.Equal(t, name, unquote(t, plain))
			return
		}
		decoded, err := url.PathUnescape(ext)
		require.NoError(t, err)
		var valid strings.Builder // each invalid byte becomes U+FFFD
		for _, r := range name {
			valid.WriteRune(r)
		}
		assert.Equal(t, valid.String(), decoded)
		fallback := unquote(t, plain)
		units := 0
		for _, r := range decoded {
			units += utf8.RuneLen(r)/4 + 1 // astral characters count twice
		}
		assert.Equal(t, units, len(fallback))
	})
}

func BenchmarkAttachmentASCII(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = contentdisposition.Attachment("report-2024.pdf", true)
	}
}

func BenchmarkAttachmentUnicode(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = contentdisposition.Attachment("日本語.txt", true)
	}
}

func ExampleAttachment() {
	fmt.Println(contentdisposition.Attachment("my report.png", true))
	fmt.Println(contentdisposition.Attachment("café.txt", true))
	// Output:
	// attachment; filename="my report.png"
	// attachment; filename="caf?.txt"; filename*=UTF-8''caf%C3%A9.txt
}
