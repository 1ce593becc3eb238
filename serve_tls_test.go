package expresso_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/expresso-go/expresso"
)

// testCert returns httptest's certificate for 127.0.0.1, and the paths
// of its PEM files.
func testCert(t *testing.T) (tls.Certificate, string, string) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	ts.StartTLS()
	cert := ts.TLS.Certificates[0]
	ts.Close()
	dir := t.TempDir()
	certFile, keyFile := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	key, err := x509.MarshalPKCS8PrivateKey(cert.PrivateKey)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600))
	require.NoError(t, os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: key}), 0o600))
	return cert, certFile, keyFile
}

func TestServeOverTLSShouldCloseTheConnectionAfterAChunkedRequest(t *testing.T) {
	t.Parallel()
	cert, certFile, keyFile := testCert(t)
	start := map[string]func(t *testing.T, app *expresso.App) (string, <-chan error){
		"ListenTLS": func(t *testing.T, app *expresso.App) (string, <-chan error) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			addr := l.Addr().String()
			require.NoError(t, l.Close())
			served := make(chan error, 1)
			go func() { served <- app.ListenTLS(addr, certFile, keyFile) }()
			require.Eventually(t, func() bool {
				c, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
				if err == nil {
					c.Close()
				}
				return err == nil
			}, lcWait, 5*time.Millisecond)
			return addr, served
		},
		"Serve with a TLS listener": func(t *testing.T, app *expresso.App) (string, <-chan error) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			served := make(chan error, 1)
			go func() {
				served <- app.Serve(tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}}))
			}()
			return l.Addr().String(), served
		},
	}
	for name, startServer := range start {
		t.Run("should close after the chunked request with "+name, func(t *testing.T) {
			t.Parallel()
			app, _ := rsApp(expresso.Config{})
			var smuggledHits atomic.Int32
			app.Post("/first", func(c *expresso.Context) error { return c.Send(c.Protocol()) })
			app.Get("/smuggled", func(c *expresso.Context) error {
				smuggledHits.Add(1)
				return c.Send("smuggled")
			})
			addr, served := startServer(t, app)
			defer func() {
				require.NoError(t, app.Shutdown(context.Background()))
				assert.NoError(t, lcRecv(t, served, "the server to return"))
			}()
			conn, err := tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})
			require.NoError(t, err)
			defer conn.Close()
			body := "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n"
			_, err = conn.Write([]byte("POST /first HTTP/1.1\r\nHost: x\r\nContent-Length: " + strconv.Itoa(len(body)) +
				"\r\nTransfer-Encoding: chunked\r\n\r\n" + body))
			require.NoError(t, err)

			got, closed := readResponses(t, conn, 2*time.Second)
			require.Len(t, got, 1)
			assert.Equal(t, http.StatusOK, got[0].status)
			assert.Equal(t, "https", got[0].body, "the request still knows it came over TLS")
			assert.True(t, got[0].close, "Connection: close")
			assert.True(t, closed, "the server closes the connection")
			assert.Equal(t, int32(0), smuggledHits.Load())
		})
	}
}
