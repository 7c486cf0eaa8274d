//go:build !unix

package authz

import (
	"io/fs"
	"os"
)

// openPolicyFile opens name for reading (reload refuses anything but a
// regular file on the open handle).
func openPolicyFile(name string) (fs.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}
