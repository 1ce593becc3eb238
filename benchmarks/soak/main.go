// Command soak is the load and soak tool of soak.sh: "serve" runs the App
// under test, "stats" prints the server's RSS and goroutines, "keepalive"
// counts keep-alive requests sent and answered across a shutdown, and
// "headers" opens connections that each send an unfinished header.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: soak serve|stats|keepalive|headers [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "serve":
		err = serveCmd(os.Args[2:])
	case "stats":
		err = statsCmd(os.Args[2:])
	case "keepalive":
		err = keepaliveCmd(os.Args[2:])
	case "headers":
		err = headersCmd(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}
