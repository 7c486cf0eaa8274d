package authz

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log/tag"
)

// recordingLogger keeps the messages logged at each level.
type recordingLogger struct {
	mu   sync.Mutex
	logs map[string][]string
}

func newRecordingLogger() *recordingLogger { return &recordingLogger{logs: map[string][]string{}} }

func (l *recordingLogger) add(level, msg string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.logs[level] = append(l.logs[level], msg)
}

func (l *recordingLogger) get(level string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.logs[level]...)
}

func (l *recordingLogger) Debug(msg string, _ ...tag.Tag)  { l.add("debug", msg) }
func (l *recordingLogger) Info(msg string, _ ...tag.Tag)   { l.add("info", msg) }
func (l *recordingLogger) Warn(msg string, _ ...tag.Tag)   { l.add("warn", msg) }
func (l *recordingLogger) Error(msg string, _ ...tag.Tag)  { l.add("error", msg) }
func (l *recordingLogger) DPanic(msg string, _ ...tag.Tag) { l.add("dpanic", msg) }
func (l *recordingLogger) Panic(msg string, _ ...tag.Tag)  { l.add("panic", msg) }
func (l *recordingLogger) Fatal(msg string, _ ...tag.Tag)  { l.add("fatal", msg) }

// configMapDir lays out dir as the kubelet does for a ConfigMap volume:
// policy.json -> ..data/policy.json, ..data -> ..<version>/.
type configMapDir struct {
	dir string
	n   int
}

func (c *configMapDir) publish(t *testing.T, content []byte) {
	t.Helper()
	c.n++
	version := fmt.Sprintf("..2026_11_29_00_00_%02d.%d", c.n, c.n)
	if err := os.Mkdir(filepath.Join(c.dir, version), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, version, "policy.json"), content, 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(c.dir, "..data_tmp")
	if err := os.Symlink(version, tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(c.dir, "..data")); err != nil { // atomic swap
		t.Fatal(err)
	}
	if _, err := os.Lstat(filepath.Join(c.dir, "policy.json")); os.IsNotExist(err) {
		if err := os.Symlink(filepath.Join("..data", "policy.json"), filepath.Join(c.dir, "policy.json")); err != nil {
			t.Fatal(err)
		}
	}
}

func waitUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v: %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestPolicyStoreReload(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	adminSystem := edit(t, func(m map[string]any) {
		m["groups"].(map[string]any)["finance-auditors"] = map[string]any{"system": "admin", "namespaces": map[string]any{}}
	})
	tests := []struct {
		name    string
		change  func(t *testing.T, cm *configMapDir, path string)
		swapped bool   // the new policy is in place afterwards
		logged  string // one error line containing this
	}{
		{"ConfigMap ..data swap", func(t *testing.T, cm *configMapDir, _ string) { cm.publish(t, adminSystem) }, true, ""},
		{"file replaced in place", func(t *testing.T, _ *configMapDir, path string) {
			target, _ := filepath.EvalSymlinks(path)
			if err := os.WriteFile(target, adminSystem, 0o644); err != nil {
				t.Fatal(err)
			}
		}, true, ""},
		{"invalid JSON keeps the old policy", func(t *testing.T, cm *configMapDir, _ string) { cm.publish(t, []byte("{not json")) }, false, "not valid JSON"},
		{"version 2 keeps the old policy", func(t *testing.T, cm *configMapDir, _ string) {
			cm.publish(t, edit(t, func(m map[string]any) { m["version"] = 2 }))
		}, false, "unsupported policy version 2"},
		{"schema violation keeps the old policy", func(t *testing.T, cm *configMapDir, _ string) {
			cm.publish(t, edit(t, func(m map[string]any) {
				m["groups"].(map[string]any)["x"] = map[string]any{"namespaces": map[string]any{"a": "root"}}
			}))
		}, false, "/groups/x/namespaces/a"},
		{"file removed keeps the old policy", func(t *testing.T, _ *configMapDir, path string) {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		}, false, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cm := &configMapDir{dir: t.TempDir()}
			cm.publish(t, oktaPolicy(t))
			path := filepath.Join(cm.dir, "policy.json")
			logger := newRecordingLogger()
			store, err := NewPolicyStore(path, parser, "groups", logger)
			if err != nil {
				t.Fatal(err)
			}
			before := store.Policy()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			go store.Watch(ctx, 20*time.Millisecond)

			tc.change(t, cm, path)
			if tc.swapped {
				waitUntil(t, 3*time.Second, "policy swapped", func() bool {
					return store.Policy().Groups["finance-auditors"].System == authorization.RoleAdmin
				})
				if len(logger.get("error")) != 0 {
					t.Fatalf("errors logged: %q", logger.get("error"))
				}
				return
			}
			waitUntil(t, 3*time.Second, "error logged", func() bool { return len(logger.get("error")) > 0 })
			time.Sleep(200 * time.Millisecond) // ~10 more polls of the same bad file
			errs := logger.get("error")
			if len(errs) != 1 || !strings.Contains(errs[0], tc.logged) || strings.Contains(errs[0], "\n") {
				t.Fatalf("want one error line mentioning %q, got %q", tc.logged, errs)
			}
			if store.Policy() != before {
				t.Fatal("the last good policy was replaced")
			}
			// A good file afterwards is picked up again.
			cm.publish(t, adminSystem)
			waitUntil(t, 3*time.Second, "recovered", func() bool {
				return store.Policy().Groups["finance-auditors"].System == authorization.RoleAdmin
			})
		})
	}
}

func TestPolicyStoreStartup(t *testing.T) {
	parser, _ := NewPolicyParser()
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.json")
	if _, err := NewPolicyStore(missing, parser, "", newRecordingLogger()); err == nil {
		t.Fatal("missing policy accepted")
	}
	bad := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(bad, []byte(`{"version":2}`), 0o644)
	if _, err := NewPolicyStore(bad, parser, "", newRecordingLogger()); err == nil || !strings.Contains(err.Error(), "version") {
		t.Fatalf("bad policy: %v", err)
	}
	good := filepath.Join(dir, "good.json")
	_ = os.WriteFile(good, oktaPolicy(t), 0o644)
	logger := newRecordingLogger()
	if _, err := NewPolicyStore(good, parser, "realm_access.roles", logger); err != nil {
		t.Fatal(err)
	}
	if w := logger.get("warn"); len(w) != 1 || !strings.Contains(w[0], EnvGroupsClaim) {
		t.Fatalf("want one warning about %s, got %q", EnvGroupsClaim, w)
	}
}
