package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithTest has the kernel SIGKILL the server if the test binary dies
// without running its cleanups (a `go test -timeout` panic, a kill), so no
// server is left holding the ports.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
