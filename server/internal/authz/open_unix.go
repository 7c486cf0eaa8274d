//go:build unix

package authz

import (
	"io/fs"
	"os"
	"syscall"
)

// openPolicyFile opens name for reading without blocking: open(2) of a named
// pipe would otherwise wait for a writer (O_NONBLOCK, POSIX open), and
// without making a terminal the controlling one (O_NOCTTY). reload refuses
// anything but a regular file on the open handle; O_NONBLOCK changes nothing
// for a regular file's reads.
func openPolicyFile(name string) (fs.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, err
	}
	return f, nil
}
