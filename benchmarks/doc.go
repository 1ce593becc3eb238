// Package benchmarks compares expresso with raw httprouter, Gin, Echo, Chi,
// Fiber and net/http's ServeMux.
//
// It is a separate module, so that users of expresso never download the
// frameworks it is measured against. The package holds the data and the
// builders the benchmarks share:
//
//   - route sets as tables ([GitHubAPI], [StaticFiles], [ParseAPI],
//     [GPlusAPI]) and one loader per router ([Routers]);
//   - one app per framework serving the handler scenarios ([Frameworks],
//     [FiberApp]);
//   - [DiscardWriter], the one minimal http.ResponseWriter every
//     net/http-based router is measured with.
//
// The benchmarks themselves are in the _test files; the end-to-end servers
// are in e2e/, and cmd/report turns results into BENCHMARKS.md. See
// README.md for the one command that reproduces everything.
package benchmarks
