package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/expresso-go/expresso"
)

// serveCmd runs the App under test with Listen until SIGTERM, then prints
// one line of counts: how the /slow handlers ended and what Listen
// returned, and how long the shutdown took.
func serveCmd(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "address to listen on")
	maxConns := fs.Int("maxconns", 0, "Config.MaxConns")
	maxHeader := fs.Int("maxheader", 0, "Config.MaxHeaderBytes (0: the default)")
	shutdown := fs.Duration("shutdown", 10*time.Second, "Config.ShutdownTimeout")
	logPath := fs.String("log", "", "file for the App's log (default stderr)")
	_ = fs.Parse(args)

	logw := os.Stderr
	if *logPath != "" {
		f, err := os.Create(*logPath)
		if err != nil {
			return err
		}
		defer f.Close()
		logw = f
	}
	var slowStarted, slowCancelled, slowDone atomic.Int64
	app := expresso.New(expresso.Config{
		Env:             "production",
		MaxConns:        *maxConns,
		MaxHeaderBytes:  *maxHeader,
		ShutdownTimeout: *shutdown,
		Logger:          slog.New(slog.NewTextHandler(logw, nil)),
	})
	app.Get("/plaintext", func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		return c.Send("Hello, World!")
	})
	app.Get("/json", func(c *expresso.Context) error {
		return c.JSON(map[string]string{"message": "Hello, World!"})
	})
	app.Get("/user/:id", func(c *expresso.Context) error {
		c.Set("Content-Type", "text/plain")
		return c.Send(c.Param("id"))
	})
	app.Get("/panic", func(c *expresso.Context) error { panic("soak: panic route") })
	app.Get("/stats", func(c *expresso.Context) error { return c.JSON(readStats()) })
	app.Get("/slow", func(c *expresso.Context) error {
		slowStarted.Add(1)
		ms, _ := strconv.Atoi(c.Query("ms"))
		select {
		case <-time.After(time.Duration(ms) * time.Millisecond):
			slowDone.Add(1)
			return c.Send("slow")
		case <-c.Request().Context().Done():
			slowCancelled.Add(1)
			return c.Request().Context().Err()
		}
	})

	signalled := make(chan time.Time, 1)
	go func() { // SIGTERM reaches Listen too; this notes when it came
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
		<-sig
		signalled <- time.Now()
	}()
	err := app.Listen(*addr)
	took := time.Duration(0)
	select {
	case at := <-signalled:
		took = time.Since(at)
	default:
	}
	fmt.Printf("listen returned %s after the signal: err=%v; /slow handlers: started=%d cancelled=%d finished=%d\n",
		took.Round(time.Millisecond), err, slowStarted.Load(), slowCancelled.Load(), slowDone.Load())
	if errors.Is(err, context.DeadlineExceeded) {
		return nil // a drain cut at ShutdownTimeout is what the drain test measures
	}
	return err
}
