package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"
)

// The markers around the section this bench owns in bench/RESULTS.md
// (bench/run.mjs keeps it when it rewrites the rest of the file).
const (
	sectionStart = "<!-- server-bench:start -->"
	sectionEnd   = "<!-- server-bench:end -->"
)

// report is the whole run: how, where, and every cell.
type report struct {
	Date           string          `json:"date"`
	Machine        string          `json:"machine"`
	LoadBefore     string          `json:"loadAverageBefore,omitempty"`
	LoadAfter      string          `json:"loadAverageAfter,omitempty"`
	GoVersion      string          `json:"goVersion"`
	Commit         string          `json:"commit"`
	TemporalServer string          `json:"temporalServer"`
	Rounds         int             `json:"rounds"`
	WarmupNs       time.Duration   `json:"warmupNs"`
	CPUMeasured    bool            `json:"cpuMeasured"`
	Note           string          `json:"note,omitempty"`
	Configurations []configuration `json:"configurations"`
	Workloads      []workload      `json:"workloads"`
	// IdleCPUMsPerSec is each server's CPU with no calls (ms per second).
	IdleCPUMsPerSec map[string]jsonFloat `json:"idleCpuMsPerSec"`
	Cells           []*cell              `json:"cells"`
	TookNs          time.Duration        `json:"tookNs"`
}

// cell is one workload at one concurrency on one server, over the rounds.
type cell struct {
	Workload    string        `json:"workload"`
	Concurrency int           `json:"concurrency"`
	DurationNs  time.Duration `json:"durationNs"`
	Server      string        `json:"server"`
	Rounds      []measurement `json:"rounds"`
	CallsPerSec summary       `json:"callsPerSecond"`
	P50Ms       summary       `json:"p50Ms"`
	P99Ms       summary       `json:"p99Ms"`
	CPUPerCall  summary       `json:"cpuPerCallUs"`
	NetCPU      summary       `json:"netCpuPerCallUs"`
	Errors      int           `json:"errors"`
	// The ratios to A in the same round, over the rounds (A's cells: 1).
	ThroughputVsA summary `json:"throughputVsA"`
	P99VsA        summary `json:"p99VsA"`
	CPUVsA        summary `json:"cpuVsA"`
}

func newReport(o options, repo string) *report {
	r := &report{
		Date:           time.Now().UTC().Format("2006-01-02 15:04 MST"),
		Machine:        machine(),
		LoadBefore:     loadAverage(),
		GoVersion:      runtime.Version(),
		Commit:         commit(repo),
		TemporalServer: temporalVersion(filepath.Join(repo, "server", "go.mod")),
		Rounds:         o.rounds,
		WarmupNs:       o.warmup,
		CPUMeasured:    cpuMeasured,
		Note:           o.note,
	}
	for _, c := range configurations {
		if slices.Contains(o.servers, c.Name) {
			r.Configurations = append(r.Configurations, c)
		}
	}
	for _, name := range o.workloads {
		w, _ := workloadByName(name)
		r.Workloads = append(r.Workloads, w)
	}
	return r
}

func (r *report) cell(w string, conc int, server string) *cell {
	for _, c := range r.Cells {
		if c.Workload == w && c.Concurrency == conc && c.Server == server {
			return c
		}
	}
	return nil
}

func (r *report) add(w string, conc int, d time.Duration, server string, round int, m measurement) {
	c := r.cell(w, conc, server)
	if c == nil {
		c = &cell{Workload: w, Concurrency: conc, DurationNs: d, Server: server}
		r.Cells = append(r.Cells, c)
	}
	for len(c.Rounds) < round {
		c.Rounds = append(c.Rounds, measurement{}) // not reached: rounds run in order
	}
	c.Rounds = append(c.Rounds, m)
}

// finish computes the summaries and ratios.
func (r *report) finish(took time.Duration) {
	r.TookNs = took
	r.LoadAfter = loadAverage()
	for _, c := range r.Cells {
		var cps, p50, p99, cpu, net []float64
		c.Errors = 0
		for _, m := range c.Rounds {
			cps = append(cps, m.callsPerSecond())
			p50 = append(p50, ms(m.P50))
			p99 = append(p99, ms(m.P99))
			if !math.IsNaN(float64(m.CPUPerCallUs)) {
				cpu = append(cpu, float64(m.CPUPerCallUs))
			}
			if !math.IsNaN(float64(m.NetCPUPerCallUs)) {
				net = append(net, float64(m.NetCPUPerCallUs))
			}
			c.Errors += m.Errors
		}
		c.CallsPerSec, c.P50Ms, c.P99Ms, c.CPUPerCall, c.NetCPU = summarize(cps), summarize(p50), summarize(p99), summarize(cpu), summarize(net)
		a := r.cell(c.Workload, c.Concurrency, "A")
		if a == nil {
			continue
		}
		var tv, pv, cv []float64
		for i, m := range c.Rounds {
			if i >= len(a.Rounds) {
				break
			}
			am := a.Rounds[i]
			tv = append(tv, m.callsPerSecond()/am.callsPerSecond())
			pv = append(pv, float64(m.P99)/float64(am.P99))
			if x := float64(m.CPUPerCallUs) / float64(am.CPUPerCallUs); !math.IsNaN(x) && !math.IsInf(x, 0) {
				cv = append(cv, x)
			}
		}
		c.ThroughputVsA, c.P99VsA, c.CPUVsA = summarize(tv), summarize(pv), summarize(cv)
	}
}

// markdown is the section for bench/RESULTS.md, markers included.
func (r *report) markdown() string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("%s\n## Server (Go): calls through the frontend — no authorization (A), Temporal's builtin mapper (B), temporal-auth (C)\n\n", sectionStart)
	p("Written by `npm run bench:server` (bench/server, a Go program; bench/server/README.md) on %s: commit %s, go.temporal.io/server %s, %s, %s. ",
		r.Date, r.Commit, r.TemporalServer, r.GoVersion, r.Machine)
	p("Each server is one process with every service, SQLite in memory and the same dynamic config, all three running at once and driven one at a time over %d rounds (the order rotated each round), a %v warm-up before each measured window; one gRPC connection per cell, the token on every call (before the rounds, a call without a token was answered by A and refused by B and C). ",
		r.Rounds, r.WarmupNs)
	p("Figures: median over the rounds (min–max); × A is the ratio to A in the same round, median (min–max). ")
	if r.CPUMeasured {
		p("CPU/call is the server process's user+system time (/proc/<pid>/stat, Linux only) over the window divided by the successful calls. ")
	} else {
		p("CPU/call is not measured on this OS (it needs Linux's /proc). ")
	}
	p("Load average (1, 5, 15 min) before: %s; after: %s. The whole run took %v.\n\n", orNA(r.LoadBefore), orNA(r.LoadAfter), r.TookNs.Round(time.Second))
	if r.Note != "" {
		p("%s\n\n", r.Note)
	}
	if len(r.IdleCPUMsPerSec) > 0 {
		var idle []string
		for _, c := range r.Configurations {
			if v, ok := r.IdleCPUMsPerSec[c.Name]; ok && !math.IsNaN(float64(v)) {
				idle = append(idle, fmt.Sprintf("%s %.1f", c.Name, float64(v)))
			}
		}
		if len(idle) > 0 {
			p("Idle CPU of each server, measured before the rounds with no calls (ms of CPU per second): %s; net CPU/call is CPU/call less this rate over the window, per call (it matters at low call rates, where the servers' own background work is a large share).\n\n", strings.Join(idle, ", "))
		}
	}
	p("| workload | conc. | server | calls/s | × A | p50 ms | p99 ms | p99 × A | CPU µs/call | net CPU µs/call | CPU × A | errors |\n")
	p("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, c := range r.Cells {
		ratio := func(s summary) string {
			if c.Server == "A" || math.IsNaN(float64(s.Median)) {
				return ""
			}
			return fmt.Sprintf("%.3f (%.3f–%.3f)", s.Median, s.Min, s.Max)
		}
		p("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d |\n",
			c.Workload, c.Concurrency, c.Server,
			fig(c.CallsPerSec, "%.0f"), ratio(c.ThroughputVsA),
			fig(c.P50Ms, "%.2f"), fig(c.P99Ms, "%.2f"), ratio(c.P99VsA),
			fig(c.CPUPerCall, "%.0f"), fig(c.NetCPU, "%.0f"), ratio(c.CPUVsA), c.Errors)
	}
	p("\nMeasured time per cell and server per round: ")
	seen := map[string]bool{}
	var parts []string
	for _, c := range r.Cells {
		k := fmt.Sprintf("%s@%d", c.Workload, c.Concurrency)
		if !seen[k] {
			seen[k] = true
			parts = append(parts, fmt.Sprintf("%s %v", k, c.DurationNs))
		}
	}
	p("%s.\n\n", strings.Join(parts, ", "))
	for _, c := range r.Configurations {
		p("- %s: %s\n", c.Name, c.What)
	}
	for _, w := range r.Workloads {
		p("- %s: %s\n", w.Name, w.What)
	}
	p("\n%s\n", sectionEnd)
	return b.String()
}

func fig(s summary, format string) string {
	if math.IsNaN(float64(s.Median)) {
		return "n/a"
	}
	f := func(x jsonFloat) string { return fmt.Sprintf(format, float64(x)) }
	return fmt.Sprintf("%s (%s–%s)", f(s.Median), f(s.Min), f(s.Max))
}

func orNA(s string) string {
	if s == "" {
		return "n/a"
	}
	return s
}

func (r *report) writeJSON(file string) error {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(data, '\n'), 0o644)
}

// updateSection replaces the text between the markers in file (markers
// included) with section; without markers, section goes before the file's
// "## Notes" heading, or at its end. The rest of the file is kept as is.
func updateSection(file, section string) error {
	data, err := os.ReadFile(file)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	return os.WriteFile(file, []byte(replaceSection(string(data), section)), 0o644)
}

func replaceSection(text, section string) string {
	section = strings.TrimRight(section, "\n") + "\n"
	if i := strings.Index(text, sectionStart); i >= 0 {
		if j := strings.Index(text[i:], sectionEnd); j >= 0 {
			rest := text[i+j+len(sectionEnd):]
			rest = strings.TrimPrefix(rest, "\n")
			return text[:i] + section + rest
		}
	}
	if i := strings.Index(text, "\n## Notes\n"); i >= 0 {
		return text[:i+1] + section + "\n" + text[i+1:]
	}
	if text != "" && !strings.HasSuffix(text, "\n\n") {
		text = strings.TrimRight(text, "\n") + "\n\n"
	}
	return text + section
}

// machine is the CPU model and count (Linux: /proc/cpuinfo) and the OS.
func machine() string {
	model := ""
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		_ = f.Close()
	}
	if model == "" {
		model = runtime.GOARCH
	}
	return fmt.Sprintf("%d × %s (%s)", runtime.NumCPU(), model, runtime.GOOS)
}

func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], ", ")
}

// commit is the repository's HEAD, short, with "+changes" when the work tree
// differs from it.
func commit(repo string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", repo, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	c := strings.TrimSpace(string(out))
	if st, err := exec.CommandContext(ctx, "git", "-C", repo, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(bytes.TrimSpace(st)) > 0 {
		c += "+changes"
	}
	return c
}

// temporalVersion is the go.temporal.io/server version server/go.mod pins.
func temporalVersion(goMod string) string {
	data, err := os.ReadFile(goMod)
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "go.temporal.io/server" {
			return f[1]
		}
	}
	return "unknown"
}
