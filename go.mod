module github.com/expresso-go/expresso

go 1.25

require (
	github.com/julienschmidt/httprouter v1.3.1-0.20240130105656-484018016424
	github.com/stretchr/testify v1.12.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect
