package redisstore_test

import (
	"os"

	"github.com/redis/go-redis/v9"

	"github.com/expresso-go/expresso"
	"github.com/expresso-go/expresso/middleware"
	"github.com/expresso-go/expresso/redisstore"
)

// The examples need a running Redis, so they are compiled but not run;
// TestTwoInstancesShareOneSessionAndOneBudget runs the same setup.

func ExampleNewSessionStore() {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer client.Close()

	app := expresso.New()
	app.Use(middleware.Session(middleware.SessionOptions{
		Secret: os.Getenv("SESSION_SECRET"), // at least 32 bytes
		Store:  redisstore.NewSessionStore(client),
	}))
	app.Get("/", func(c *expresso.Context) error {
		visits, _ := middleware.SessionValue[int](middleware.SessionFrom(c), "visits")
		middleware.SessionFrom(c).Set("visits", visits+1)
		return c.JSON(map[string]int{"visits": visits + 1})
	})
	_ = app.Listen(":3000")
}

func ExampleNewRateLimitStore() {
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer client.Close()

	app := expresso.New(expresso.Config{TrustProxy: "loopback"})
	app.Use(middleware.RateLimit(middleware.RateLimitOptions{
		Limit:            100,
		Store:            redisstore.NewRateLimitStore(client),
		PassOnStoreError: true, // keep serving if Redis goes down
	}))
	_ = app.Listen(":3000")
}
