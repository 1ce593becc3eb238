// Package redisstore keeps expresso's sessions and rate-limit counts in
// Redis, so that many instances of an App behind a load balancer share
// one login and one budget per client.
//
// [NewSessionStore] implements [middleware.SessionStore] (one string key
// per session, expiring with its TTL); [NewRateLimitStore] implements
// [middleware.RateLimitStore] (one hash per key, counted atomically by a
// Lua script that reads the Redis server's clock, so instances with
// skewed clocks still agree). It plays the part of connect-redis and
// rate-limit-redis in an Express app.
//
//	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	app.Use(middleware.Session(middleware.SessionOptions{
//		Secret: os.Getenv("SESSION_SECRET"),
//		Store:  redisstore.NewSessionStore(client),
//	}))
//	app.Use(middleware.RateLimit(middleware.RateLimitOptions{
//		Store: redisstore.NewRateLimitStore(client),
//	}))
//
// When Redis is unreachable the stores return errors: the Session
// middleware answers 500 through the error handlers, and RateLimit fails
// closed (500) or open (PassOnStoreError), as configured. Nothing panics,
// and go-redis reconnects by itself once Redis is back.
package redisstore
