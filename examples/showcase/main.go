// Command showcase is a small expresso app that shows the framework at
// work: the middleware catalogue (RequestID, Logger, Recover, Compress,
// Static, Session, CSRF), pages rendered with a layout, a login with flash
// messages, file uploads and downloads, content negotiation, and a JSON API
// mounted as a router.
//
//	go run ./examples/showcase          # serves http://localhost:3000
//	curl -i localhost:3000/api/users/1
//	curl -i -H 'Accept: application/json' localhost:3000/hello
//
// Log in as tobi with the password ferret to upload files.
package main

import (
	"crypto/rand"
	"embed"
	"encoding/base64"
	"flag"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"os"
	"time"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/expresso-go/expresso/templates"
)

// views holds the pages, their layout and partials; public holds the
// static files. Both are embedded, so the app runs from any directory.
//
//go:embed views
var views embed.FS

//go:embed public
var public embed.FS

// config is what the app is built from.
type config struct {
	// Env is expresso's environment ("development" or "production").
	Env string
	// SessionSecret signs the session cookie (at least 32 bytes).
	SessionSecret string
	// FilesDir is the folder uploads are saved in and downloads come from.
	FilesDir string
	// MaxUpload caps request bodies, uploads included, in bytes; 0 means
	// 8 MiB. A larger upload is answered 413.
	MaxUpload int64
	// LogFormat is the access log's format ("dev", "combined", tokens…).
	LogFormat string
	// LogOutput receives the access log.
	LogOutput io.Writer
	// ErrorLog receives errors that cannot reach the client and recovered
	// panics; nil means slog.Default().
	ErrorLog *slog.Logger
}

// newApp builds the application: the middleware stack in the order a
// request meets it, then the API, the pages and the forms.
func newApp(cfg config) *expresso.App {
	if cfg.MaxUpload == 0 {
		cfg.MaxUpload = 8 << 20
	}
	app := expresso.New(expresso.Config{Env: cfg.Env, Logger: cfg.ErrorLog, BodyLimit: cfg.MaxUpload,
		ViewsFS: views, ViewEngine: "html"})
	app.Engine("html", templates.New(templates.Options{Layout: "layouts/main"}))

	app.Use(middleware.RequestID())
	app.Use(middleware.Logger(middleware.LoggerOptions{Format: cfg.LogFormat, Output: cfg.LogOutput}))
	app.Use(middleware.Recover())
	app.Use(middleware.Compress(middleware.CompressOptions{}))
	app.Use("/static", middleware.StaticFS(mustSub(public, "public"), middleware.StaticOptions{MaxAge: time.Hour}))

	// The API comes before Session and the CSRF tokens: it keeps no cookies,
	// so CSRF's origin check (in newAPI) is its defence, and scripts and
	// curl, which send no Origin, may call it without a token.
	app.Use("/api", newAPI())

	app.Use(middleware.Session(middleware.SessionOptions{Secret: cfg.SessionSecret}))
	app.Use(middleware.CSRF(middleware.CSRFOptions{Token: true}))
	app.Get("/", home)
	app.Get("/hello", hello)
	app.Get("/coffee", teapot)
	app.Get("/boom", boom)
	app.Get("/login", loginForm)
	app.Post("/login", newAccounts().login)
	app.Post("/logout", logout)
	files := &fileShelf{dir: cfg.FilesDir}
	app.Get("/files", files.list)
	app.Post("/files", requireUser, files.upload)
	app.Get("/files/:name", files.download)
	return app
}

func main() {
	addr := flag.String("addr", ":3000", "address to listen on")
	flag.Parse()
	if err := run(*addr); err != nil {
		log.Fatal(err)
	}
}

// run serves the app on addr until SIGINT or SIGTERM, with its uploads in
// a temporary folder removed on the way out.
func run(addr string) error {
	dir, err := os.MkdirTemp("", "expresso-showcase-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := seedFiles(dir); err != nil {
		return err
	}
	app := newApp(config{SessionSecret: newSecret(), FilesDir: dir, LogFormat: "dev", LogOutput: os.Stdout})
	log.Printf("expresso showcase on %s (uploads in %s)", addr, dir)
	return app.Listen(addr) // nil after a graceful shutdown
}

// mustSub returns the folder dir of fsys; dir is a constant, so an error
// is a mistake in this program.
func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// newSecret returns a random session secret; sessions live in memory, so
// they would not outlive a restart anyway.
func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never returns an error
	return base64.RawURLEncoding.EncodeToString(b)
}
