package main

import (
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// childAttrs puts the server in its own process group (so that stopping it
// reaches anything it starts) and has the kernel SIGKILL it if the bench
// dies without stopping it (a crash, a kill -9).
func childAttrs(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}

// signalGroup sends sig to the process group led by pid.
func signalGroup(pid int, sig syscall.Signal) {
	_ = syscall.Kill(-pid, sig)
}

// readCPU is the user and system CPU time the process pid has used so far.
func readCPU(pid int) (cpuTicks, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return cpuTicks{}, err
	}
	return parseProcStat(string(data))
}

const cpuMeasured = true
