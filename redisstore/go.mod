module github.com/expresso-go/expresso/redisstore

go 1.25

require (
	github.com/expresso-go/expresso v0.0.0
	github.com/redis/go-redis/v9 v9.17.3
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dgryski/go-rendezvous v0.0.0-20200823014737-9f7001d12a5f // indirect
	github.com/julienschmidt/httprouter v1.3.1-0.20240130105656-484018016424 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

replace github.com/expresso-go/expresso => ..
