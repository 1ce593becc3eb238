package redisstore_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"
)

// redisEnv names the variable .ci/run sets to the address of the Redis it
// started. When it is set the tests use that Redis and fail (never skip)
// if it cannot be reached.
const redisEnv = "EXPRESSO_REDIS_ADDR"

// sharedRedis returns a client on the Redis of $EXPRESSO_REDIS_ADDR, or on
// a private redis-server started for the test when the variable is unset.
// Without either it skips the test. Each test gets its own database
// number-free key prefix from the caller, so tests may share a server.
func sharedRedis(t *testing.T) *redis.Client {
	t.Helper()
	addr := os.Getenv(redisEnv)
	if addr == "" {
		addr = startRedis(t).addr
	}
	client := newClient(addr)
	t.Cleanup(func() { _ = client.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := client.Ping(ctx).Err(); err != nil {
		t.Fatalf("redis at %s is unreachable (%s=%q): %v", addr, redisEnv, os.Getenv(redisEnv), err)
	}
	return client
}

// newClient returns a client that gives up quickly, so that tests of an
// unreachable Redis are fast.
func newClient(addr string) *redis.Client {
	return redis.NewClient(&redis.Options{Addr: addr, DialTimeout: 500 * time.Millisecond,
		ReadTimeout: 500 * time.Millisecond, WriteTimeout: 500 * time.Millisecond, MaxRetries: -1})
}

// redisServer is a redis-server process the tests own.
type redisServer struct {
	t    *testing.T
	addr string
	cmd  *exec.Cmd
}

// startRedis starts a private redis-server on a free loopback port and
// stops it (by its PID) when the test ends. It skips the test when
// redis-server is not installed, unless $EXPRESSO_REDIS_ADDR is set (in
// CI, where a missing binary is a failure).
func startRedis(t *testing.T) *redisServer {
	t.Helper()
	if _, err := exec.LookPath("redis-server"); err != nil {
		if os.Getenv(redisEnv) != "" {
			t.Fatalf("redis-server is not installed but $%s is set: %v", redisEnv, err)
		}
		t.Skip("redis-server is not installed; set " + redisEnv + " or install it to run these tests")
	}
	s := &redisServer{t: t}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		s.addr = freeAddr(t)
		if err = s.start(); err == nil {
			t.Cleanup(s.stop)
			return s
		}
	}
	t.Fatalf("starting redis-server: %v", err)
	return nil
}

// freeAddr returns a loopback address whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return addr
}

// start runs redis-server on s.addr without persistence and waits until it
// answers PING.
func (s *redisServer) start() error {
	_, port, _ := net.SplitHostPort(s.addr)
	s.cmd = exec.Command("redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
		"--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning")
	if err := s.cmd.Start(); err != nil {
		return err
	}
	client := newClient(s.addr)
	defer client.Close()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		if client.Ping(context.Background()).Err() == nil {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.stop()
	return fmt.Errorf("redis-server on port %s did not answer within 5s", port)
}

// stop kills the server by its PID and waits for it to exit.
func (s *redisServer) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Kill() // it may have exited already
	_ = s.cmd.Wait()         // reports the kill; nothing to do with it
	s.cmd = nil
}

// restart starts the server again on the same port.
func (s *redisServer) restart() {
	s.t.Helper()
	require.NoError(s.t, s.start(), "restarting redis-server on "+s.addr)
}

// uniquePrefix returns a key prefix no other test uses.
func uniquePrefix(t *testing.T) string {
	return t.Name() + ":" + strconv.FormatInt(time.Now().UnixNano(), 36) + ":"
}
