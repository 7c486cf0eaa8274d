//go:build unix

package authz

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

// paddedPolicy is the okta policy followed by spaces up to n bytes (still
// valid JSON).
func paddedPolicy(t *testing.T, n int) []byte {
	t.Helper()
	p := oktaPolicy(t)
	return append(p, bytes.Repeat([]byte(" "), n-len(p))...)
}

// unblockFIFO lets a reader blocked in open(2) on the named pipe at path go
// (the unfixed store opened pipes in blocking mode): opening the write end
// without blocking succeeds only while a reader waits.
func unblockFIFO(path string) {
	if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
		_ = f.Close()
	}
}

func TestPolicyFileRules(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	adminSystem := edit(t, func(m map[string]any) {
		m["groups"].(map[string]any)["finance-auditors"] = map[string]any{"system": "admin", "namespaces": map[string]any{}}
	})
	tests := []struct {
		name    string
		place   func(t *testing.T, path string)
		wantErr string // "": the file loads
	}{
		{"named pipe", func(t *testing.T, path string) {
			if err := syscall.Mkfifo(path, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { unblockFIFO(path) })
		}, "not a regular file"},
		{"symlink to the zero device", func(t *testing.T, path string) {
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file"},
		{"directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file"},
		{"one byte over the cap", func(t *testing.T, path string) {
			if err := os.WriteFile(path, paddedPolicy(t, MaxPolicyBytes+1), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "1048577 bytes, larger than 1048576"},
		{"64 MiB (sparse)", func(t *testing.T, path string) {
			if err := os.WriteFile(path, oktaPolicy(t), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, 64<<20); err != nil {
				t.Fatal(err)
			}
		}, "67108864 bytes, larger than 1048576"},
		{"exactly at the cap", func(t *testing.T, path string) {
			if err := os.WriteFile(path, paddedPolicy(t, MaxPolicyBytes), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name+": start-up", func(t *testing.T) {
			cm := &configMapDir{dir: t.TempDir()}
			cm.publishWith(t, tc.place)
			type result struct {
				store *PolicyStore
				err   error
			}
			done := make(chan result, 1)
			go func() {
				s, err := NewPolicyStore(filepath.Join(cm.dir, "policy.json"), parser, "", newRecordingLogger())
				done <- result{s, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(3 * time.Second):
				t.Fatal("NewPolicyStore still reading after 3s")
			}
			if tc.wantErr == "" {
				if r.err != nil {
					t.Fatal(r.err)
				}
				return
			}
			if r.err == nil || !strings.Contains(r.err.Error(), tc.wantErr) {
				t.Fatalf("err %v, want it to mention %q", r.err, tc.wantErr)
			}
		})
		t.Run(tc.name+": reload", func(t *testing.T) {
			cm := &configMapDir{dir: t.TempDir()}
			cm.publish(t, oktaPolicy(t))
			logger := newRecordingLogger()
			store, err := NewPolicyStore(filepath.Join(cm.dir, "policy.json"), parser, "", logger)
			if err != nil {
				t.Fatal(err)
			}
			before := store.Policy()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			go store.Watch(ctx, 20*time.Millisecond)

			cm.publishWith(t, tc.place)
			if tc.wantErr == "" {
				waitUntil(t, 3*time.Second, "padded policy loaded", func() bool { return store.Policy() != before })
			} else {
				waitUntil(t, 3*time.Second, "error logged", func() bool { return len(logger.get("error")) > 0 })
				time.Sleep(100 * time.Millisecond) // more polls of the same file
				if errs := logger.get("error"); len(errs) != 1 || !strings.Contains(errs[0], tc.wantErr) {
					t.Fatalf("want one error mentioning %q, got %q", tc.wantErr, errs)
				}
				if store.Policy() != before {
					t.Fatal("the last good policy was replaced")
				}
			}
			// The watcher is not stuck: a later change (here a grant; a
			// revocation alike) is picked up.
			cm.publish(t, adminSystem)
			waitUntil(t, 3*time.Second, "next policy loaded", func() bool {
				return store.Policy().Groups["finance-auditors"].System == authorization.RoleAdmin
			})
		})
	}
}
