package expresso_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/expresso-go/expresso"
)

// An App served on a listener with a cap on open connections, then shut
// down gracefully: Shutdown returns nil once every request has finished,
// and Serve returns nil as soon as the shutdown begins.
func ExampleApp_Shutdown() {
	app := expresso.New(expresso.Config{Env: "production", MaxConns: 1000, ShutdownTimeout: 5 * time.Second})
	app.Get("/", func(c *expresso.Context) error { return c.Send("hello") })
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println(err)
		return
	}
	served := make(chan error, 1)
	go func() { served <- app.Serve(l) }()

	res, err := http.Get("http://" + l.Addr().String() + "/")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	fmt.Println(res.StatusCode, string(body))

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fmt.Println("shutdown:", app.Shutdown(ctx))
	fmt.Println("serve:", <-served)
	// Output:
	// 200 hello
	// shutdown: <nil>
	// serve: <nil>
}
