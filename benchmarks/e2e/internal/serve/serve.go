// Package serve holds what the end-to-end servers share: the flags, the
// payloads, and one http.Server configuration for every net/http-based
// framework, so that they differ only in their routing and handlers.
package serve

import (
	"encoding/json"
	"flag"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Hello is the plain-text body.
const Hello = "Hello, World!"

// Message is the JSON body: {"message":"Hello, World!"}.
type Message struct {
	Message string `json:"message"`
}

// Addr parses the -port flag and returns 127.0.0.1:port: the servers never
// listen beyond the loopback interface.
func Addr() string {
	port := flag.Int("port", 8080, "TCP port to listen on, on 127.0.0.1 only")
	flag.Parse()
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(*port))
}

// Run serves h on addr with the timeouts every net/http-based server here
// uses, and returns only on failure.
func Run(addr string, h http.Handler) error {
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	return srv.ListenAndServe()
}

// PlainText answers /plaintext for the net/http-based servers.
func PlainText(w http.ResponseWriter, _ *http.Request) { Text(w, Hello) }

// JSON answers /json for the net/http-based servers.
func JSON(w http.ResponseWriter, _ *http.Request) {
	body, err := json.Marshal(Message{Message: Hello})
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(body)
}

// Text writes s as text/plain; charset=utf-8.
func Text(w http.ResponseWriter, s string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, s)
}
