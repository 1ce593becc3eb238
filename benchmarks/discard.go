package benchmarks

import "net/http"

// DiscardWriter is the minimal http.ResponseWriter that every net/http-based
// router and framework is benchmarked with. Its header map is reused across
// requests and its writes are counted, then discarded, so a benchmark
// measures the framework and not the writer.
type DiscardWriter struct {
	header http.Header
	// Status is the code passed to WriteHeader, or 0 when it was not called.
	Status int
	// Written counts the body bytes written since the last Reset.
	Written int
}

// NewDiscardWriter returns a DiscardWriter with an empty header map.
func NewDiscardWriter() *DiscardWriter {
	return &DiscardWriter{header: make(http.Header, 8)}
}

// Header returns the reused header map.
func (w *DiscardWriter) Header() http.Header { return w.header }

// Write counts p and discards it.
func (w *DiscardWriter) Write(p []byte) (int, error) {
	w.Written += len(p)
	return len(p), nil
}

// WriteString counts s and discards it, as net/http's own writer offers
// io.StringWriter.
func (w *DiscardWriter) WriteString(s string) (int, error) {
	w.Written += len(s)
	return len(s), nil
}

// WriteHeader records code.
func (w *DiscardWriter) WriteHeader(code int) { w.Status = code }

// Reset empties the header map, keeping its storage, and zeroes the
// counters, so that each request starts from a fresh response.
func (w *DiscardWriter) Reset() {
	clear(w.header)
	w.Status = 0
	w.Written = 0
}
