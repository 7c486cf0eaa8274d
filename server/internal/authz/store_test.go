package authz

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log/tag"
)

// recordingLogger keeps the messages logged at each level, and the tags of
// each message.
type recordingLogger struct {
	mu   sync.Mutex
	logs map[string][]string
	tags map[string][]map[string]any
}

func newRecordingLogger() *recordingLogger {
	return &recordingLogger{logs: map[string][]string{}, tags: map[string][]map[string]any{}}
}

func (l *recordingLogger) add(level, msg string, tags []tag.Tag) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.logs[level] = append(l.logs[level], msg)
	m := map[string]any{}
	for _, t := range tags {
		m[t.Key()] = t.Value()
	}
	l.tags[level] = append(l.tags[level], m)
}

func (l *recordingLogger) get(level string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.logs[level]...)
}

// tagValues returns the values of the tag named key of the messages at level.
func (l *recordingLogger) tagValues(level, key string) []any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []any
	for _, m := range l.tags[level] {
		if v, ok := m[key]; ok {
			out = append(out, v)
		}
	}
	return out
}

func (l *recordingLogger) Debug(msg string, tags ...tag.Tag)  { l.add("debug", msg, tags) }
func (l *recordingLogger) Info(msg string, tags ...tag.Tag)   { l.add("info", msg, tags) }
func (l *recordingLogger) Warn(msg string, tags ...tag.Tag)   { l.add("warn", msg, tags) }
func (l *recordingLogger) Error(msg string, tags ...tag.Tag)  { l.add("error", msg, tags) }
func (l *recordingLogger) DPanic(msg string, tags ...tag.Tag) { l.add("dpanic", msg, tags) }
func (l *recordingLogger) Panic(msg string, tags ...tag.Tag)  { l.add("panic", msg, tags) }
func (l *recordingLogger) Fatal(msg string, tags ...tag.Tag)  { l.add("fatal", msg, tags) }

// configMapDir lays out dir as the kubelet does for a ConfigMap volume:
// policy.json -> ..data/policy.json, ..data -> ..<version>/.
type configMapDir struct {
	dir string
	n   int
}

func (c *configMapDir) publish(t *testing.T, content []byte) {
	t.Helper()
	c.publishWith(t, func(t *testing.T, path string) {
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	})
}

// publishWith is publish with place creating the new version's policy.json
// (a named pipe, a symlink, ...).
func (c *configMapDir) publishWith(t *testing.T, place func(t *testing.T, path string)) {
	t.Helper()
	c.n++
	version := fmt.Sprintf("..2026_11_29_00_00_%02d.%d", c.n, c.n)
	if err := os.Mkdir(filepath.Join(c.dir, version), 0o755); err != nil {
		t.Fatal(err)
	}
	place(t, filepath.Join(c.dir, version, "policy.json"))
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

// TestRequestsDoNotWaitForAReload: while a reload is held up (here in
// open(2), where a named pipe held the unfixed store), requests get the last
// good policy at once, and the reload completes afterwards.
func TestRequestsDoNotWaitForAReload(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	keys := newTestKeys(t)
	set, err := NewStaticKeySet(keys.jwks())
	if err != nil {
		t.Fatal(err)
	}
	cm := &configMapDir{dir: t.TempDir()}
	cm.publish(t, oktaPolicy(t))
	store, err := NewPolicyStore(filepath.Join(cm.dir, "policy.json"), parser, "", newRecordingLogger())
	if err != nil {
		t.Fatal(err)
	}
	entered, release := make(chan struct{}, 1), make(chan struct{})
	store.open = func(name string) (fs.File, error) {
		select {
		case entered <- struct{}{}:
		default:
		}
		<-release
		return openPolicyFile(name)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	releaseAll := sync.OnceFunc(func() { close(release) })
	defer releaseAll()
	go store.Watch(ctx, 20*time.Millisecond)
	select {
	case <-entered:
	case <-time.After(3 * time.Second):
		t.Fatal("no reload started")
	}
	// The okta policy revokes payroll-admins (a revocation waiting to load).
	cm.publish(t, edit(t, func(m map[string]any) { delete(m["groups"].(map[string]any), "payroll-admins") }))

	m := NewClaimMapper(NewVerifier(testIssuer, "", set), nil, store.Policy, WithVerifyTimeout(time.Second))
	token := keys.sign(t, "RS256", "rsa-1", map[string]any{"iss": testIssuer, "sub": "u", "exp": time.Now().Add(time.Hour).Unix(), "groups": []any{"payroll-admins"}})
	done := make(chan *authorization.Claims, 1)
	go func() {
		c, _ := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + token})
		done <- c
	}()
	select {
	case c := <-done:
		if c.Namespaces["payroll"] != authorization.RoleAdmin {
			t.Fatalf("want the last good policy's roles, got %+v", c)
		}
	case <-time.After(time.Second):
		t.Fatal("a request waited for the reload")
	}

	releaseAll() // the held reload goes on, and later ones
	waitUntil(t, 3*time.Second, "revocation loaded", func() bool {
		c, _ := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + token})
		return c.Namespaces["payroll"] == 0
	})
}

// liarFile is a regular file whose stat size is that of the okta policy but
// whose content goes on (the policy, then spaces) until limit bytes, as a
// file that grows after fstat, or a procfs file (size 0), can.
type liarFile struct {
	policy []byte
	limit  int
	read   int
}

type liarInfo struct{ size int64 }

func (i liarInfo) Name() string       { return "policy.json" }
func (i liarInfo) Size() int64        { return i.size }
func (i liarInfo) Mode() fs.FileMode  { return 0o444 }
func (i liarInfo) ModTime() time.Time { return time.Unix(1_800_000_000, 0) }
func (i liarInfo) IsDir() bool        { return false }
func (i liarInfo) Sys() any           { return nil }

func (f *liarFile) Stat() (fs.FileInfo, error) { return liarInfo{int64(len(f.policy))}, nil }
func (f *liarFile) Close() error               { return nil }
func (f *liarFile) Read(p []byte) (int, error) {
	if f.read >= f.limit {
		return 0, io.EOF
	}
	n := 0
	for n < len(p) && f.read < f.limit {
		if f.read < len(f.policy) {
			p[n] = f.policy[f.read]
		} else {
			p[n] = ' '
		}
		n++
		f.read++
	}
	return n, nil
}

// TestPolicyReadIsBounded: the bytes read are bounded whatever fstat said:
// one past the cap at most, then refused (a valid policy followed by
// spaces, so a read cut at the cap would load it).
func TestPolicyReadIsBounded(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		content int // bytes the file yields
		wantErr string
	}{
		{"one byte over the cap", MaxPolicyBytes + 1, "larger than 1048576 bytes"},
		{"4 MiB", 4 << 20, "larger than 1048576 bytes"},
		{"exactly at the cap", MaxPolicyBytes, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "policy.json")
			if err := os.WriteFile(path, oktaPolicy(t), 0o644); err != nil {
				t.Fatal(err)
			}
			store, err := NewPolicyStore(path, parser, "", newRecordingLogger())
			if err != nil {
				t.Fatal(err)
			}
			before := store.Policy()
			f := &liarFile{policy: oktaPolicy(t), limit: tc.content}
			store.open = func(string) (fs.File, error) { return f, nil }
			changed, err := store.reload()
			if f.read > MaxPolicyBytes+1 {
				t.Fatalf("read %d bytes", f.read)
			}
			if tc.wantErr == "" {
				if err != nil || !changed {
					t.Fatalf("want the file loaded, got %v, %v", changed, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
			if store.Policy() != before {
				t.Fatal("the last good policy was replaced")
			}
		})
	}
}

// TestShadowModeIsLogged: loading a policy in shadow mode warns, naming the
// namespaces; an enforcing one does not.
func TestShadowModeIsLogged(t *testing.T) {
	parser, err := NewPolicyParser()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		enforce     any
		warned      bool
		notEnforced string
	}{
		{"no enforce", nil, false, ""},
		{"enforcing", map[string]any{"default": true, "namespaces": map[string]any{"payroll": true}}, false, ""},
		{"shadow by default", map[string]any{"default": false, "namespaces": map[string]any{"payroll": true}}, true, ""},
		{"shadow in two namespaces", map[string]any{"default": true, "namespaces": map[string]any{"payroll": false, "bitovi-project": false, "x": true}}, true, "bitovi-project,payroll"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "policy.json")
			data := edit(t, func(m map[string]any) {
				if tc.enforce != nil {
					m["enforce"] = tc.enforce
				}
			})
			if err := os.WriteFile(file, data, 0o644); err != nil {
				t.Fatal(err)
			}
			logger := newRecordingLogger()
			if _, err := NewPolicyStore(file, parser, "", logger); err != nil {
				t.Fatal(err)
			}
			warned := slices.ContainsFunc(logger.get("warn"), func(m string) bool { return strings.Contains(m, "shadow mode") })
			if warned != tc.warned {
				t.Fatalf("warnings %v, want shadow mode warned: %v", logger.get("warn"), tc.warned)
			}
			if tc.warned {
				if got := logger.tagValues("warn", "not-enforced"); len(got) != 1 || got[0] != tc.notEnforced {
					t.Errorf("not-enforced %v, want %q", got, tc.notEnforced)
				}
			}
		})
	}
}
