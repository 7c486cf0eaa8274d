package authz

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testClusterIssuer   = "https://kubernetes.default.svc.cluster.local"
	testClusterAudience = "temporal.test"
	saPayrollWorker     = "system:serviceaccount:payroll:payroll-worker"
)

// clusterJWKS is a JWKS of the keys' RSA key under kid.
func clusterJWKS(kids map[string]testKeys) []byte {
	var keys []any
	for _, kid := range slices.Sorted(func(yield func(string) bool) {
		for k := range kids {
			if !yield(k) {
				return
			}
		}
	}) {
		keys = append(keys, rsaJWK(kid, &kids[kid].rsa.PublicKey))
	}
	if keys == nil {
		keys = []any{}
	}
	b, _ := json.Marshal(map[string]any{"keys": keys})
	return b
}

// otherCAFile is a PEM file with a self-signed CA certificate that did not
// sign the test servers' certificate.
func otherCAFile(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "another cluster's CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, "other-ca.crt", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
}

// TestClusterKeySetAPIServer: apiServer mode reads the discovery document
// and the JWKS from the API server itself (never the jwks_uri the document
// names), with the pod's token, trusting the CA file alone; everything the
// identity provider's fetch refuses is refused here too. The API server is
// an imitation (fakeAPIServer); server/e2e runs the real one.
func TestClusterKeySetAPIServer(t *testing.T) {
	keys := newTestKeys(t)
	good := clusterJWKS(map[string]testKeys{"k8s-1": keys})
	keyList := string(good)
	keyList = keyList[1 : len(keyList)-1] // "keys":[...]
	tests := []struct {
		name string
		// setup changes the server, or the config (the token and CA files
		// written for the server are in cfg).
		setup   func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig)
		opts    []Option
		wantErr string // "": the keys load
	}{
		{name: "discovery then the JWKS, with the pod's token"},
		{name: "API server URL with a trailing slash", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { cfg.APIServer += "/" }},
		{name: "JWKS at the size cap", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.serve([]byte(jsonOfLength(keyList, MaxBodyBytes)))
		}},
		{name: "discovery names another issuer", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.issuer = "https://other-cluster.example"
		}, wantErr: `names the issuer "https://other-cluster.example"`},
		{name: "discovery names the issuer with a trailing slash", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.issuer = testClusterIssuer + "/"
		}, wantErr: "names the issuer"},
		{name: "discovery without issuer", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.discovery = func(string) (int, string) { return 200, `{"jwks_uri":"https://x/openid/v1/jwks"}` }
		}, wantErr: "names no issuer"},
		{name: "discovery 403 (RBAC binding removed)", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.discovery = func(string) (int, string) { return 403, `{"kind":"Status","code":403}` }
		}, wantErr: "HTTP 403"},
		{name: "discovery redirect refused", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.redirects = map[string]string{"/.well-known/openid-configuration": f.srv.URL + "/elsewhere"}
		}, wantErr: "redirect"},
		{name: "JWKS redirect refused", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.redirects = map[string]string{ClusterJWKSPath: f.srv.URL + ClusterJWKSPath + "?moved"}
		}, wantErr: "redirect"},
		{name: "oversized JWKS", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.serve([]byte(jsonOfLength(keyList, MaxBodyBytes+1)))
		}, wantErr: "body larger than"},
		{name: "JWKS not JSON", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { f.serve([]byte("<html>")) }, wantErr: "not JSON"},
		{name: "JWKS not a key set", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { f.serve([]byte("{}")) }, wantErr: "not a JWKS"},
		{name: "slow JWKS hits the deadline", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			f.slowBy = make(chan struct{})
		}, opts: []Option{WithFetchTimeout(200 * time.Millisecond)}, wantErr: "deadline exceeded"},
		{name: "another token: 401", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { f.want = "someone-else" }, wantErr: "HTTP 401"},
		{name: "http API server", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			cfg.APIServer = strings.Replace(cfg.APIServer, "https://", "http://", 1)
		}, wantErr: "is not an https URL"},
		{name: "CA file of another CA", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { cfg.CAFile = otherCAFile(t) }, wantErr: "certificate"},
		{name: "token file missing", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			cfg.TokenFile = filepath.Join(t.TempDir(), "nothing")
		}, wantErr: EnvClusterTokenFile},
		{name: "token file a directory", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { cfg.TokenFile = t.TempDir() }, wantErr: "not a regular file"},
		{name: "token file a named pipe", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			cfg.TokenFile = filepath.Join(t.TempDir(), "fifo")
			mkfifo(t, cfg.TokenFile)
		}, wantErr: "not a regular file"},
		{name: "token file larger than a token", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) {
			rewrite(t, cfg.TokenFile, strings.Repeat("t", MaxTokenBytes+1))
		}, wantErr: "larger than"},
		{name: "token file empty", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { rewrite(t, cfg.TokenFile, " \n") }, wantErr: "is empty"},
		{name: "token file with two lines", setup: func(t *testing.T, f *fakeAPIServer, cfg *ClusterConfig) { rewrite(t, cfg.TokenFile, "a\nb") }, wantErr: "not one token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAPIServer(t, testClusterIssuer, "pod-token-1")
			f.serve(good)
			cfg := f.config(testClusterAudience, writeFile(t, "token", "pod-token-1\n"), f.caFile(t))
			if tc.setup != nil {
				tc.setup(t, f, &cfg) // before any request: no lock needed
			}
			ks, err := NewClusterKeySet(cfg, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			err = ks.Refresh(t.Context())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				if len(ks.lookup("k8s-1")) != 0 {
					t.Fatal("keys loaded despite the error")
				}
				if time.Since(start) > 3*time.Second {
					t.Fatalf("took %v", time.Since(start))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(ks.lookup("k8s-1")) != 1 {
				t.Fatal("keys not loaded")
			}
			// Both requests to the API server, with the pod's token; the
			// jwks_uri of the document (another host) is never asked.
			want := []string{"/.well-known/openid-configuration Bearer pod-token-1", ClusterJWKSPath + " Bearer pod-token-1"}
			if got := f.seen(); !slices.Equal(got, want) {
				t.Fatalf("requests %q, want %q", got, want)
			}
		})
	}
}

// TestNewClusterKeySet: apiServer mode reads the CA file when built (the
// server does not start without it); file mode needs none.
func TestNewClusterKeySet(t *testing.T) {
	pemFile := func(t *testing.T) string { return writeFile(t, "ca.crt", "not a certificate\n") }
	tests := []struct {
		name    string
		cfg     func(t *testing.T) ClusterConfig
		wantErr string
	}{
		{"file mode", func(t *testing.T) ClusterConfig {
			return ClusterConfig{Issuer: testClusterIssuer, Audience: "a", JWKSFile: "/does/not/exist/yet"}
		}, ""},
		{"CA file missing", func(t *testing.T) ClusterConfig {
			return ClusterConfig{Issuer: testClusterIssuer, Audience: "a", APIServer: "https://127.0.0.1:1", CAFile: filepath.Join(t.TempDir(), "ca.crt")}
		}, EnvClusterCAFile},
		{"CA file without a certificate", func(t *testing.T) ClusterConfig {
			return ClusterConfig{Issuer: testClusterIssuer, Audience: "a", APIServer: "https://127.0.0.1:1", CAFile: pemFile(t)}
		}, "no PEM certificate"},
		{"CA file a directory", func(t *testing.T) ClusterConfig {
			return ClusterConfig{Issuer: testClusterIssuer, Audience: "a", APIServer: "https://127.0.0.1:1", CAFile: t.TempDir()}
		}, "not a regular file"},
		{"no source", func(t *testing.T) ClusterConfig { return ClusterConfig{Issuer: testClusterIssuer, Audience: "a"} }, "neither"},
		{"no issuer", func(t *testing.T) ClusterConfig { return ClusterConfig{JWKSFile: "/x"} }, "no issuer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewClusterKeySet(tc.cfg(t))
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
		})
	}
}

// TestClusterTokenFileReadOnEveryFetch: the kubelet rewrites the pod's
// projected token before it expires; every fetch sends the file's token
// of the moment (the header the imitation API server saw), not the one
// read at start.
func TestClusterTokenFileReadOnEveryFetch(t *testing.T) {
	keys := newTestKeys(t)
	f := newFakeAPIServer(t, testClusterIssuer, "token-1")
	f.serve(clusterJWKS(map[string]testKeys{"k8s-1": keys}))
	tokenFile := writeFile(t, "token", "token-1")
	ks, err := NewClusterKeySet(f.config(testClusterAudience, tokenFile, f.caFile(t)))
	if err != nil {
		t.Fatal(err)
	}
	for i, token := range []string{"token-1", "token-2", "token-3"} {
		rewrite(t, tokenFile, token+"\n")
		f.set(func(f *fakeAPIServer) { f.want = token })
		if err := ks.Refresh(t.Context()); err != nil {
			t.Fatalf("fetch %d: %v", i, err)
		}
		if seen := f.seen(); len(seen) != 2 || !hasOnly(seen, " Bearer "+token) {
			t.Fatalf("fetch %d: requests %q, want two with Bearer %s", i, seen, token)
		}
	}
	// The file rotated, the API server not yet told: 401, the keys stay.
	rewrite(t, tokenFile, "token-4")
	if err := ks.Refresh(t.Context()); err == nil || !strings.Contains(err.Error(), "HTTP 401") {
		t.Fatalf("err %v, want HTTP 401", err)
	}
	if len(ks.lookup("k8s-1")) != 1 {
		t.Fatal("the last good keys were dropped")
	}
}

// TestClusterKeyRotation: the cluster issuer rotates its signing key (a new
// kid is published, then the old one withdrawn): a token of the new kid is
// accepted once the key set is fetched again (an unknown kid fetches at
// most once per minimum interval), and a token of the removed kid is
// refused after the next refresh. Both sources: the API server (imitation)
// and a JWKS file.
func TestClusterKeyRotation(t *testing.T) {
	old, next := newTestKeys(t), newTestKeys(t)
	for _, mode := range []string{"apiServer", "file"} {
		t.Run(mode, func(t *testing.T) {
			var mu sync.Mutex
			now := time.Unix(1_800_000_000, 0)
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

			// Every fetch here loads keys, and each load logs once: the
			// count of fetches for both sources.
			logger := newRecordingLogger()
			fetches := func() int {
				return len(slices.DeleteFunc(logger.get("info"), func(m string) bool { return !strings.Contains(m, "JWKS loaded") }))
			}
			var publish func(doc []byte)
			var cfg ClusterConfig
			switch mode {
			case "apiServer":
				f := newFakeAPIServer(t, testClusterIssuer, "pod-token")
				cfg = f.config(testClusterAudience, writeFile(t, "token", "pod-token"), f.caFile(t))
				publish = f.serve
			case "file":
				cfg = ClusterConfig{Issuer: testClusterIssuer, Audience: testClusterAudience, JWKSFile: writeFile(t, "cluster-jwks.json", "")}
				publish = func(doc []byte) { rewrite(t, cfg.JWKSFile, string(doc)) }
			}
			publish(clusterJWKS(map[string]testKeys{"k8s-old": old}))
			ks, err := NewClusterKeySet(cfg, WithClock(clock), WithMinRefreshInterval(30*time.Second), WithLogger(logger))
			if err != nil {
				t.Fatal(err)
			}
			if err := ks.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			v, err := NewClusterVerifier(testClusterIssuer, testClusterAudience, ks, WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			m := NewClaimMapper(NewVerifier(testIssuer, testAudience, mustStatic(t, newTestKeys(t).jwks())), v, func() *Policy { return nil })
			token := func(k testKeys, kid string) string {
				n := clock().Unix()
				return k.sign(t, "RS256", kid, map[string]any{"iss": testClusterIssuer, "aud": []any{testClusterAudience}, "sub": saPayrollWorker, "iat": n, "exp": n + 600})
			}
			steps := []struct {
				name    string
				before  func()
				token   func() string
				wantErr error
				fetched bool // the JWKS was read again
			}{
				{"old kid accepted", nil, func() string { return token(old, "k8s-old") }, nil, false},
				{"new kid before it is published: refused", func() { advance(31 * time.Second) }, func() string { return token(next, "k8s-new") }, ErrUnknownKid, true},
				{"new kid published, within the minimum interval: not fetched", func() {
					publish(clusterJWKS(map[string]testKeys{"k8s-old": old, "k8s-new": next}))
				}, func() string { return token(next, "k8s-new") }, ErrUnknownKid, false},
				{"new kid, 31 s later: fetched and accepted", func() { advance(31 * time.Second) }, func() string { return token(next, "k8s-new") }, nil, true},
				{"old kid still accepted", nil, func() string { return token(old, "k8s-old") }, nil, false},
				{"old kid withdrawn, refreshed: refused", func() {
					publish(clusterJWKS(map[string]testKeys{"k8s-new": next}))
					if err := ks.Refresh(t.Context()); err != nil {
						t.Fatal(err)
					}
				}, func() string { return token(old, "k8s-old") }, ErrUnknownKid, true},
				{"new kid accepted", nil, func() string { return token(next, "k8s-new") }, nil, false},
				{"another cluster's key under the new kid: refused", nil, func() string { return token(old, "k8s-new") }, ErrSignature, false},
			}
			for _, s := range steps {
				before := fetches()
				if s.before != nil {
					s.before()
				}
				_, kind, err := m.Verify(t.Context(), s.token())
				if (s.wantErr == nil) != (err == nil) || s.wantErr != nil && !errors.Is(err, s.wantErr) {
					t.Fatalf("%s: err %v, want %v", s.name, err, s.wantErr)
				}
				if kind != IssuerCluster {
					t.Fatalf("%s: routed to %q", s.name, kind)
				}
				if fetched := fetches() > before; fetched != s.fetched {
					t.Fatalf("%s: fetched %v, want %v", s.name, fetched, s.fetched)
				}
			}
		})
	}
}

func mustStatic(t *testing.T, jwks []byte) *KeySet {
	t.Helper()
	ks, err := NewStaticKeySet(jwks)
	if err != nil {
		t.Fatal(err)
	}
	return ks
}

// TestClusterKeySetFile: file mode reads a regular file of at most
// MaxBodyBytes on every refresh; a file that cannot be read or is not a key
// set keeps the last good keys; a keys list replaces them.
func TestClusterKeySetFile(t *testing.T) {
	keys, rotated := newTestKeys(t), newTestKeys(t)
	good := clusterJWKS(map[string]testKeys{"k8s-1": keys})
	keyList := string(good)
	keyList = keyList[1 : len(keyList)-1]
	tests := []struct {
		name     string
		replace  func(t *testing.T, path string) // after the first load
		wantErr  string
		wantKids []string
	}{
		{"re-read: rotated", func(t *testing.T, path string) {
			rewrite(t, path, string(clusterJWKS(map[string]testKeys{"k8s-2": rotated})))
		}, "", []string{"k8s-2"}},
		{"at the size cap", func(t *testing.T, path string) { rewrite(t, path, jsonOfLength(keyList, MaxBodyBytes)) }, "", []string{"k8s-1"}},
		{"one byte over the size cap", func(t *testing.T, path string) { rewrite(t, path, jsonOfLength(keyList, MaxBodyBytes+1)) }, "larger than", []string{"k8s-1"}},
		{"removed", func(t *testing.T, path string) { _ = os.Remove(path) }, "no such file", []string{"k8s-1"}},
		{"not JSON", func(t *testing.T, path string) { rewrite(t, path, "{") }, "not a JWKS", []string{"k8s-1"}},
		{"empty keys list: every token refused", func(t *testing.T, path string) { rewrite(t, path, `{"keys":[]}`) }, "", nil},
		{"replaced by a named pipe", func(t *testing.T, path string) {
			_ = os.Remove(path)
			mkfifo(t, path)
		}, "not a regular file", []string{"k8s-1"}},
		{"replaced by a directory", func(t *testing.T, path string) {
			_ = os.Remove(path)
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "not a regular file", []string{"k8s-1"}},
		{"a symlink to /dev/zero", func(t *testing.T, path string) {
			_ = os.Remove(path)
			if err := os.Symlink("/dev/zero", path); err != nil {
				t.Skip(err)
			}
		}, "not a regular file", []string{"k8s-1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "cluster-jwks.json", string(good))
			ks, err := NewClusterKeySet(ClusterConfig{Issuer: testClusterIssuer, Audience: testClusterAudience, JWKSFile: path})
			if err != nil {
				t.Fatal(err)
			}
			if err := ks.Refresh(t.Context()); err != nil {
				t.Fatal(err)
			}
			tc.replace(t, path)
			done := make(chan error, 1)
			go func() { done <- ks.Refresh(t.Context()) }()
			select {
			case err = <-done:
			case <-time.After(5 * time.Second):
				t.Fatal("the refresh blocked")
			}
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("err %v, want %q", err, tc.wantErr)
			}
			for _, kid := range []string{"k8s-1", "k8s-2"} {
				if want := slices.Contains(tc.wantKids, kid); (len(ks.lookup(kid)) > 0) != want {
					t.Errorf("kid %s known: %v, want %v", kid, !want, want)
				}
			}
		})
	}
}
