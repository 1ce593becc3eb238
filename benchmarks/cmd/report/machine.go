package main

import (
	"bufio"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// machine describes where the benchmarks ran and what they ran against.
type machine struct {
	Uname, NProc, CPU, Memory, GoVersion string
	Versions                             []frameworkVersion
}

// frameworkVersion is one framework's module and version.
type frameworkVersion struct {
	Framework, Module, Version string
}

// frameworkModules maps each framework to its module, in table order.
var frameworkModules = [][2]string{
	{"Expresso", "github.com/expresso-go/expresso"},
	{"HttpRouter", "github.com/julienschmidt/httprouter"},
	{"Gin", "github.com/gin-gonic/gin"},
	{"Echo", "github.com/labstack/echo/v4"},
	{"Chi", "github.com/go-chi/chi/v5"},
	{"Fiber", "github.com/gofiber/fiber/v3"},
}

// readMachine gathers the machine's description; a fact it cannot read is
// reported as "unknown", never fatal.
func readMachine() machine {
	m := machine{
		Uname:     run("uname", "-a"),
		NProc:     run("nproc"),
		CPU:       cpuinfo("model name"),
		Memory:    meminfo(),
		GoVersion: run("go", "version"),
	}
	if m.NProc == "unknown" {
		m.NProc = strconv.Itoa(runtime.NumCPU())
	}
	for _, fm := range frameworkModules {
		v := run("go", "list", "-m", "-f", "{{.Version}}", fm[1])
		if fm[0] == "Expresso" {
			v = "this checkout (`replace => ../`), git " + run("git", "describe", "--always", "--dirty")
		}
		m.Versions = append(m.Versions, frameworkVersion{Framework: fm[0], Module: fm[1], Version: v})
	}
	m.Versions = append(m.Versions, frameworkVersion{
		Framework: "ServeMux", Module: "net/http", Version: strings.TrimPrefix(m.GoVersion, "go version "),
	})
	return m
}

// run returns a command's trimmed output, or "unknown" if it fails.
func run(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "unknown"
	}
	return strings.TrimSpace(string(out))
}

// cpuinfo returns the first value of key in /proc/cpuinfo.
func cpuinfo(key string) string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// meminfo returns the machine's total memory in GiB.
func meminfo() string {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 64)
			if err != nil {
				return "unknown"
			}
			return strconv.FormatFloat(kb/(1<<20), 'f', 1, 64) + " GiB"
		}
	}
	return "unknown"
}
