module github.com/expresso-go/expresso/benchmarks/httprouter-v1.3.1-0.20240130105656-484018016424

go 1.25

require github.com/julienschmidt/httprouter v1.3.1-0.20240130105656-484018016424
