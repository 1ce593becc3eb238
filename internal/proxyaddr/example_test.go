package proxyaddr_test

import (
	"fmt"

	"github.com/expresso-go/expresso/internal/proxyaddr"
)

func ExampleAddr() {
	trust, err := proxyaddr.Compile("loopback, 10.0.0.0/8")
	if err != nil {
		panic(err)
	}
	remote := proxyaddr.StripPort("127.0.0.1:52100")
	xff := []string{"203.0.113.7, 10.0.0.2"}
	fmt.Println(proxyaddr.Addr(remote, xff, trust))
	fmt.Println(proxyaddr.IPs(remote, xff, trust))
	fmt.Println(proxyaddr.All(remote, xff, trust))
	// Output:
	// 203.0.113.7
	// [203.0.113.7 10.0.0.2]
	// [127.0.0.1 10.0.0.2 203.0.113.7]
}
