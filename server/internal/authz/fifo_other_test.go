//go:build !unix

package authz

import "testing"

// mkfifo: no named pipes here.
func mkfifo(t *testing.T, _ string) {
	t.Helper()
	t.Skip("no named pipes on this system")
}
