//go:build !linux

package e2e

import "os/exec"

// dieWithTest does nothing here: only Linux has a parent-death signal. The
// cleanup's SIGTERM/SIGKILL still stops the server when the test ends.
func dieWithTest(*exec.Cmd) {}
