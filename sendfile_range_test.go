package expresso_test

import (
	"net/http"
	"testing"

	"github.com/expresso-go/expresso"
)

func TestSendFileRanges(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root})
	rng := func(v string, more ...string) http.Header {
		h := http.Header{"Range": {v}}
		for i := 0; i+1 < len(more); i += 2 {
			h[more[i]] = []string{more[i+1]}
		}
		return h
	}
	full := sfFile(sfText, 9)
	part := func(cr, n string) map[string]string { return with(full, "Content-Range", cr, "Content-Length", n) }
	unsat := sfError("Range Not Satisfiable", map[string]string{
		"Content-Range": "bytes */9", "Accept-Ranges": "bytes", "Cache-Control": "public, max-age=0", "Last-Modified": sfLM,
	})
	tag := sfTag(9)
	sfRun(t, app, []sfCase{
		{name: "should send a single range", path: "nums.txt", header: rng("bytes=0-4"), status: 206, headers: part("bytes 0-4/9", "5"), body: "12345"},
		{name: "should send a suffix range", path: "nums.txt", header: rng("bytes=-3"), status: 206, headers: part("bytes 6-8/9", "3"), body: "789"},
		{name: "should send an open-ended range", path: "nums.txt", header: rng("bytes=3-"), status: 206, headers: part("bytes 3-8/9", "6"), body: "456789"},
		{name: "should clamp the end to the file", path: "nums.txt", header: rng("bytes=2-50"), status: 206, headers: part("bytes 2-8/9", "7"), body: "3456789"},
		{name: "should accept spaces before bytes=", path: "nums.txt", header: rng("  bytes=1-1"), status: 206, headers: part("bytes 1-1/9", "1"), body: "2"},
		{name: "should combine overlapping ranges into one", path: "nums.txt", header: rng("bytes=0-2,1-4"), status: 206, headers: part("bytes 0-4/9", "5"), body: "12345"},
		{name: "should combine adjacent ranges into one", path: "nums.txt", header: rng("bytes=0-1,2-3"), status: 206, headers: part("bytes 0-3/9", "4"), body: "1234"},
		{name: "should send the whole file for disjoint ranges", path: "nums.txt", header: rng("bytes=0-0,2-2"), status: 200, headers: full, body: "123456789"},
		{name: "should 416 an unsatisfiable range", path: "nums.txt", header: rng("bytes=9-50"), status: 416, headers: unsat, body: "Range Not Satisfiable"},
		{name: "should 416 a suffix larger than the file", path: "nums.txt", header: rng("bytes=-100"), status: 416, headers: unsat, body: "Range Not Satisfiable"},
		{name: "should 416 any range of an empty file", path: "empty.txt", header: rng("bytes=0-"), status: 416,
			headers: with(unsat, "Content-Range", "bytes */0"), body: "Range Not Satisfiable"},
		{name: "should ignore another unit", path: "nums.txt", header: rng("items=0-4"), status: 200, headers: full, body: "123456789"},
		{name: "should ignore a malformed range", path: "nums.txt", header: rng("asdf"), status: 200, headers: full, body: "123456789"},
		{name: "should send the range when If-Range has the ETag", path: "nums.txt", header: rng("bytes=0-0", "If-Range", tag), status: 206, headers: part("bytes 0-0/9", "1"), body: "1"},
		{name: "should send the whole file when If-Range has another ETag", path: "nums.txt", header: rng("bytes=0-0", "If-Range", `W/"x"`), status: 200, headers: full, body: "123456789"},
		{name: "should send the range when If-Range is the modification date", path: "nums.txt", header: rng("bytes=0-0", "If-Range", sfLM), status: 206, headers: part("bytes 0-0/9", "1"), body: "1"},
		{name: "should send the whole file when If-Range is an earlier date", path: "nums.txt", header: rng("bytes=0-0", "If-Range", "Fri, 31 Dec 1999 23:59:59 GMT"), status: 200, headers: full, body: "123456789"},
		{name: "should send the whole file when If-Range is not a date", path: "nums.txt", header: rng("bytes=0-0", "If-Range", "yesterday"), status: 200, headers: full, body: "123456789"},
		{name: "should send headers only for a range to HEAD", method: http.MethodHead, path: "nums.txt", header: rng("bytes=0-4"), status: 206, headers: part("bytes 0-4/9", "5"), body: ""},
		{name: "should send a range with POST too", method: http.MethodPost, path: "nums.txt", header: rng("bytes=-1"), status: 206, headers: part("bytes 8-8/9", "1"), body: "9"},
	})
}

func TestSendFileRangesInWindow(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root, Start: 2, End: 6})
	full := with(sfFile(sfText, 9), "Content-Length", "5")
	sfRun(t, app, []sfCase{
		{name: "should apply a range inside the window", path: "nums.txt", header: http.Header{"Range": {"bytes=1-2"}}, status: 206,
			headers: with(full, "Content-Range", "bytes 1-2/5", "Content-Length", "2"), body: "45"},
		{name: "should take a suffix of the window", path: "nums.txt", header: http.Header{"Range": {"bytes=-2"}}, status: 206,
			headers: with(full, "Content-Range", "bytes 3-4/5", "Content-Length", "2"), body: "67"},
		{name: "should 416 past the window", path: "nums.txt", header: http.Header{"Range": {"bytes=5-"}}, status: 416,
			headers: sfError("Range Not Satisfiable", map[string]string{"Content-Range": "bytes */5", "Accept-Ranges": "bytes", "Cache-Control": "public, max-age=0", "Last-Modified": sfLM}),
			body:    "Range Not Satisfiable"},
	})
}

func TestSendFileRangesDisabled(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root, DisableAcceptRanges: true})
	sfRun(t, app, []sfCase{
		{name: "should ignore Range when ranges are disabled", path: "nums.txt", header: http.Header{"Range": {"bytes=0-0"}}, status: 200,
			headers: with(sfFile(sfText, 9), "Accept-Ranges", ""), body: "123456789"},
	})
}

func TestSendFileConditional(t *testing.T) {
	t.Parallel()
	root, _ := sfFixtures(t)
	app := sfSendApp(expresso.SendFileOptions{Root: root})
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i+1 < len(kv); i += 2 {
			h[kv[i]] = []string{kv[i+1]}
		}
		return h
	}
	tag := sfTag(9)
	full := sfFile(sfText, 9)
	notModified := with(full, "Content-Type", "", "Content-Length", "")
	failed := sfError("Precondition Failed", map[string]string{"Accept-Ranges": "bytes", "Cache-Control": "public, max-age=0", "Last-Modified": sfLM})
	const before, after = "Fri, 31 Dec 1999 23:59:59 GMT", "Sun, 02 Jan 2000 00:00:00 GMT"
	sfRun(t, app, []sfCase{
		{name: "should 304 when If-None-Match matches", path: "nums.txt", header: hdr("If-None-Match", tag), status: 304, headers: notModified},
		{name: "should 304 when If-None-Match is *", path: "nums.txt", header: hdr("If-None-Match", "*"), status: 304, headers: notModified},
		{name: "should 200 when If-None-Match does not match", path: "nums.txt", header: hdr("If-None-Match", `W/"nope"`), status: 200, headers: full, body: "123456789"},
		{name: "should 304 when not modified since", path: "nums.txt", header: hdr("If-Modified-Since", sfLM), status: 304, headers: notModified},
		{name: "should 200 when modified since", path: "nums.txt", header: hdr("If-Modified-Since", before), status: 200, headers: full, body: "123456789"},
		{name: "should 200 for no-cache", path: "nums.txt", header: hdr("If-None-Match", tag, "Cache-Control", "no-cache"), status: 200, headers: full, body: "123456789"},
		{name: "should 304 rather than a range", path: "nums.txt", header: hdr("If-None-Match", tag, "Range", "bytes=0-0"), status: 304, headers: notModified},
		{name: "should 304 to HEAD", method: http.MethodHead, path: "nums.txt", header: hdr("If-None-Match", tag), status: 304, headers: notModified},
		{name: "should 200 when If-Match matches", path: "nums.txt", header: hdr("If-Match", tag), status: 200, headers: full, body: "123456789"},
		{name: "should 200 when If-Match matches the strong form", path: "nums.txt", header: hdr("If-Match", `"foo", `+tag[2:]), status: 200, headers: full, body: "123456789"},
		{name: "should 200 when If-Match is *", path: "nums.txt", header: hdr("If-Match", "*"), status: 200, headers: full, body: "123456789"},
		{name: "should 412 when If-Match does not match", path: "nums.txt", header: hdr("If-Match", `"foo"`), status: 412, headers: failed, body: "Precondition Failed"},
		{name: "should 200 when unmodified since", path: "nums.txt", header: hdr("If-Unmodified-Since", after), status: 200, headers: full, body: "123456789"},
		{name: "should 412 when modified since If-Unmodified-Since", path: "nums.txt", header: hdr("If-Unmodified-Since", before), status: 412, headers: failed, body: "Precondition Failed"},
		{name: "should ignore an invalid If-Unmodified-Since", path: "nums.txt", header: hdr("If-Unmodified-Since", "garbage"), status: 200, headers: full, body: "123456789"},
	})
	noETag := sfSendApp(expresso.SendFileOptions{Root: root, DisableETag: true})
	sfRun(t, noETag, []sfCase{
		{name: "should 412 If-Match * without an ETag", path: "nums.txt", header: hdr("If-Match", "*"), status: 412, headers: failed, body: "Precondition Failed"},
	})
	noLM := sfSendApp(expresso.SendFileOptions{Root: root, DisableLastModified: true})
	sfRun(t, noLM, []sfCase{
		{name: "should 412 If-Unmodified-Since without Last-Modified", path: "nums.txt", header: hdr("If-Unmodified-Since", after), status: 412,
			headers: with(failed, "Last-Modified", ""), body: "Precondition Failed"},
	})
}
