package main

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// percentile is the nearest-rank percentile p (0 < p <= 100) of sorted: the
// smallest value with at least p% of the values at or below it. Zero for no
// values.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = min(max(rank, 1), len(sorted))
	return sorted[rank-1]
}

// median is the median of xs (the mean of the middle two for an even
// count); NaN for none. xs is not modified.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// spread is the smallest and largest of xs; NaN, NaN for none.
func spread(xs []float64) (lo, hi float64) {
	if len(xs) == 0 {
		return math.NaN(), math.NaN()
	}
	return slices.Min(xs), slices.Max(xs)
}

// summary is one figure over the rounds: its median and its range.
type summary struct {
	Median jsonFloat `json:"median"`
	Min    jsonFloat `json:"min"`
	Max    jsonFloat `json:"max"`
}

func summarize(xs []float64) summary {
	lo, hi := spread(xs)
	return summary{Median: jsonFloat(median(xs)), Min: jsonFloat(lo), Max: jsonFloat(hi)}
}

// jsonFloat is a float64 that is null in JSON when it is NaN or infinite
// (a figure not measured), which encoding/json refuses otherwise.
type jsonFloat float64

func (f jsonFloat) MarshalJSON() ([]byte, error) {
	x := float64(f)
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, x, 'g', -1, 64), nil
}

// cpuTicks is a process's user and system CPU time, in clock ticks, from
// /proc/<pid>/stat.
type cpuTicks struct {
	User, System uint64
}

func (c cpuTicks) total() uint64 { return c.User + c.System }

// parseProcStat reads utime and stime (fields 14 and 15, proc(5)) from the
// text of /proc/<pid>/stat. The second field, the command name in
// parentheses, may itself hold spaces and parentheses, so the fields are
// counted from the last ')'.
func parseProcStat(text string) (cpuTicks, error) {
	end := strings.LastIndexByte(text, ')')
	if end < 0 {
		return cpuTicks{}, errors.New("/proc stat: no ')' after the command name")
	}
	// After ") ": field 3 (state) onwards.
	fields := strings.Fields(text[end+1:])
	const utime, stime = 14 - 3, 15 - 3
	if len(fields) <= stime {
		return cpuTicks{}, fmt.Errorf("/proc stat: %d fields after the command name, want at least %d", len(fields), stime+1)
	}
	u, err := strconv.ParseUint(fields[utime], 10, 64)
	if err != nil {
		return cpuTicks{}, fmt.Errorf("/proc stat: utime: %w", err)
	}
	s, err := strconv.ParseUint(fields[stime], 10, 64)
	if err != nil {
		return cpuTicks{}, fmt.Errorf("/proc stat: stime: %w", err)
	}
	return cpuTicks{User: u, System: s}, nil
}

// clockTicks is USER_HZ, the unit of /proc's CPU times: 100 on every Linux
// architecture Go supports (the kernel exports it as a constant to user
// space, whatever CONFIG_HZ is).
const clockTicks = 100

// cpuPerCall is the CPU time per call, in microseconds, of a tick delta over
// calls; NaN for no calls.
func cpuPerCall(before, after cpuTicks, calls int) float64 {
	if calls == 0 {
		return math.NaN()
	}
	ticks := float64(after.total() - before.total())
	return ticks * (1e6 / clockTicks) / float64(calls)
}

// cpuRate is the CPU used per second of wall time over elapsed, in
// microseconds per second; NaN for no time.
func cpuRate(before, after cpuTicks, elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return math.NaN()
	}
	return float64(after.total()-before.total()) * (1e6 / clockTicks) / elapsed.Seconds()
}

// netCPUPerCall is cpuPerCall less what the server burns when idle
// (idleUsPerSec over elapsed), in microseconds; NaN for no calls or an
// unknown idle rate.
func netCPUPerCall(before, after cpuTicks, calls int, elapsed time.Duration, idleUsPerSec float64) float64 {
	if calls == 0 || math.IsNaN(idleUsPerSec) {
		return math.NaN()
	}
	used := float64(after.total()-before.total()) * (1e6 / clockTicks)
	return (used - idleUsPerSec*elapsed.Seconds()) / float64(calls)
}

// clockTicks' resolution: /proc counts CPU in 10 ms ticks, so a window's
// CPU is known to about ±10 ms; over a window of several seconds and
// hundreds of calls that is a small share.
