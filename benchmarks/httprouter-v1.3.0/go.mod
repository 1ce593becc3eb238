module github.com/expresso-go/expresso/benchmarks/httprouter-v1.3.0

go 1.25

require github.com/julienschmidt/httprouter v1.3.0
