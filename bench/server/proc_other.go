//go:build !linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// childAttrs: elsewhere than Linux there is no parent-death signal; the
// bench's deferred stop still ends the servers on a normal exit or Ctrl-C.
func childAttrs(*exec.Cmd) {}

func signalGroup(pid int, sig syscall.Signal) {
	if p, err := os.FindProcess(pid); err == nil {
		_ = p.Signal(sig)
	}
}

// readCPU: server CPU per call is measured on Linux only (/proc).
func readCPU(int) (cpuTicks, error) {
	return cpuTicks{}, errors.New("CPU per call needs Linux's /proc")
}

const cpuMeasured = false
