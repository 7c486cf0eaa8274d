package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// The real Kubernetes API server of the repository's tests:
// test/kube/cmd/kube-test-cluster (kube-apiserver and an embedded etcd from
// k8s.io/kubernetes in one process on 127.0.0.1), built here from
// ../test/kube and driven over its REST API with the admin kubeconfig it
// writes. test/support/kube-cluster.ts builds and runs the same program for
// the TypeScript tests.

const (
	// kubeStartTimeout bounds one start of kube-test-cluster (its ready line).
	kubeStartTimeout = 3 * time.Minute
	// kubeStopGrace is how long it gets to stop after its stdin closes
	// (its own --shutdown-grace is 10s) before SIGKILL.
	kubeStopGrace = 30 * time.Second
)

// kubeBuild is the one build of kube-test-cluster of this test binary.
var kubeBuild struct {
	once sync.Once
	bin  string
	// skip says why the Go toolchain cannot build it (the tests then skip);
	// err is any other failure (the tests then fail).
	skip string
	err  error
}

// kubeTestClusterBinary returns kube-test-cluster, built once per test
// binary into a cache directory keyed by test/kube's sources
// ($XDG_CACHE_HOME/temporal-auth-e2e/kube-test-cluster-<hash>): a later run
// with the same sources only hashes them, and a build after a change is
// mostly a link (Go's build cache keeps the compiled k8s.io/kubernetes
// packages; a cold build compiles kube-apiserver and etcd, minutes on 2
// cores). It skips the test, saying why, only when the Go toolchain here
// cannot build the module (too old a Go, modules not downloadable); any
// other build failure fails the test.
func kubeTestClusterBinary(t *testing.T) string {
	t.Helper()
	kubeBuild.once.Do(func() {
		start := time.Now()
		kubeBuild.bin, kubeBuild.skip, kubeBuild.err = buildKubeTestCluster(t)
		if kubeBuild.bin != "" {
			t.Logf("kube-test-cluster: %s (%v)", kubeBuild.bin, time.Since(start).Round(100*time.Millisecond))
		}
	})
	if kubeBuild.skip != "" {
		t.Skip(kubeBuild.skip)
	}
	if kubeBuild.err != nil {
		t.Fatal(kubeBuild.err)
	}
	return kubeBuild.bin
}

// kubeModuleDir is test/kube, the Go module of kube-test-cluster.
func kubeModuleDir() (string, error) { return filepath.Abs("../../test/kube") }

// kubeLdflags are the build's linker flags: no symbol table or DWARF (the
// binary is some 40% smaller; nothing debugs it).
const kubeLdflags = "-s -w"

func buildKubeTestCluster(t *testing.T) (bin, skip string, err error) {
	module, err := kubeModuleDir()
	if err != nil {
		return "", "", err
	}
	goBin, lookErr := exec.LookPath("go")
	if lookErr != nil {
		return "", fmt.Sprintf("workload identity needs the real kube-apiserver of test/kube, built with the Go toolchain: %v", lookErr), nil
	}
	hash, err := kubeSourceHash(module)
	if err != nil {
		return "", "", err
	}
	cacheRoot, err := os.UserCacheDir()
	if err != nil {
		cacheRoot = os.TempDir()
	}
	cache := filepath.Join(cacheRoot, "temporal-auth-e2e")
	dir := filepath.Join(cache, "kube-test-cluster-"+hash)
	bin = filepath.Join(dir, "kube-test-cluster")
	if _, err := os.Stat(bin); err == nil {
		return bin, "", nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	partial := fmt.Sprintf("%s.partial-%d", bin, os.Getpid())
	ctx, cancel := context.WithTimeout(context.Background(), buildTimeout)
	defer cancel()
	t.Logf("building kube-test-cluster from %s (a cold build compiles kube-apiserver: minutes)", module)
	cmd := exec.CommandContext(ctx, goBin, "build", "-ldflags", kubeLdflags, "-o", partial, "./cmd/kube-test-cluster")
	cmd.Dir = module
	out, buildErr := cmd.CombinedOutput()
	if buildErr != nil {
		_ = os.Remove(partial)
		if reason := toolchainCannotBuild(string(out)); reason != "" {
			return "", fmt.Sprintf("the Go toolchain here cannot build test/kube's kube-test-cluster (%s), which the workload identity test runs as its real Kubernetes API server: %v\n%s", reason, buildErr, lastLines(string(out), 20)), nil
		}
		return "", "", fmt.Errorf("go build ./cmd/kube-test-cluster (in %s): %v\n%s", module, buildErr, out)
	}
	// A rename is atomic: a concurrent run sees no binary or a whole one.
	if err := os.Rename(partial, bin); err != nil {
		return "", "", err
	}
	// Binaries of older sources (some 100 MB each) are never used again.
	if entries, err := os.ReadDir(cache); err == nil {
		for _, e := range entries {
			if e.IsDir() && strings.HasPrefix(e.Name(), "kube-test-cluster-") && e.Name() != filepath.Base(dir) {
				_ = os.RemoveAll(filepath.Join(cache, e.Name()))
			}
		}
	}
	return bin, "", nil
}

// toolchainCannotBuild says why a failed build's output means that the Go
// toolchain here cannot build the module (rather than that its code is
// broken), or returns "".
func toolchainCannotBuild(out string) string {
	for _, c := range []struct{ re, why string }{
		{`requires go >= \S+`, "the module needs a newer Go"},
		{`toolchain not available|GOTOOLCHAIN`, "the Go toolchain the module needs is not available"},
		{`dial tcp|no such host|i/o timeout|connection refused|TLS handshake timeout|GOPROXY=off|GOFLAGS=-mod=mod|module lookup disabled`, "the module's dependencies could not be downloaded"},
	} {
		if m := regexp.MustCompile(c.re).FindString(out); m != "" {
			return c.why + ": " + m
		}
	}
	return ""
}

// kubeSourceHash hashes what the binary is built from: test/kube's go.mod,
// go.sum and non-test .go files (testdata aside), the Go version and the
// build flags.
func kubeSourceHash(module string) (string, error) {
	h := sha256.New()
	_, _ = fmt.Fprintf(h, "%s\x00%s\x00%s/%s\x00", runtime.Version(), kubeLdflags, runtime.GOOS, runtime.GOARCH)
	if v, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil { //nolint:noctx // a local query that returns at once
		h.Write(v)
	}
	var files []string
	err := filepath.WalkDir(module, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if name == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if name == "go.mod" || name == "go.sum" || (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	slices.Sort(files)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(module, f)
		_, _ = fmt.Fprintf(h, "%s\x00%d\x00", rel, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// kubeClusterOptions are kube-test-cluster's flags for one start.
type kubeClusterOptions struct {
	// issuer is --service-account-issuer (empty: the API server's URL).
	issuer string
	// signingKey is --service-account-signing-key-file (empty: a generated key).
	signingKey string
	// keyFiles are --service-account-key-file: keys accepted besides the signing key.
	keyFiles []string
	// dataDir is --data-dir (kept when the program stops), port is --port.
	dataDir string
	port    int
}

// kubeCluster is a running kube-test-cluster.
type kubeCluster struct {
	name       string
	server     string // https://127.0.0.1:PORT
	port       int
	kubeconfig string
	dir        string
	issuer     string
	api        *kubeAPI
	logFile    string
	stopOnce   sync.Once
	stopFn     func()
}

// stop closes the program's stdin (it then stops by itself) and waits for
// it to exit, SIGKILLing it after kubeStopGrace.
func (c *kubeCluster) stop() { c.stopOnce.Do(c.stopFn) }

// startKubeCluster runs kube-test-cluster with o and waits for its ready
// line. The program stops when the test ends (cleanup) or its process dies
// (its stdin closes; SIGKILL on Linux).
func startKubeCluster(t *testing.T, ctx context.Context, bin, name string, o kubeClusterOptions) *kubeCluster {
	t.Helper()
	args := []string{"--lifetime=20m", "--start-timeout=" + kubeStartTimeout.String()}
	if o.issuer != "" {
		args = append(args, "--service-account-issuer="+o.issuer)
	}
	if o.signingKey != "" {
		args = append(args, "--service-account-signing-key-file="+o.signingKey)
	}
	for _, f := range o.keyFiles {
		args = append(args, "--service-account-key-file="+f)
	}
	if o.dataDir != "" {
		args = append(args, "--data-dir="+o.dataDir)
	}
	if o.port != 0 {
		args = append(args, "--port="+strconv.Itoa(o.port))
	}
	logFile := filepath.Join(t.TempDir(), name+".log")
	logOut, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	// Not exec.CommandContext: the program stops when its stdin closes,
	// which is a graceful stop (SIGTERM does the same).
	cmd := exec.Command(bin, args...) //nolint:noctx // stopped by closing its stdin, then SIGKILL: see stop
	cmd.Stderr = logOut
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	dieWithTest(cmd)
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	_ = logOut.Close() // the child has its own copy
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	c := &kubeCluster{name: name, logFile: logFile}
	c.stopFn = func() {
		start := time.Now()
		_ = stdin.Close()
		select {
		case <-exited:
		case <-time.After(kubeStopGrace):
			_ = cmd.Process.Kill()
			<-exited
		}
		t.Logf("%s stopped (%s) in %v", name, cmd.ProcessState, time.Since(start).Round(10*time.Millisecond))
	}
	t.Cleanup(func() {
		c.stop()
		if t.Failed() {
			t.Logf("%s log (%s), last lines:\n%s", name, logFile, fileTail(logFile, 30))
		}
	})

	lines := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, r)
	}()
	var line string
	select {
	case line = <-lines:
	case <-exited:
		t.Fatalf("%s exited (%s) before it was ready; its log ends:\n%s", name, cmd.ProcessState, fileTail(logFile, 30))
	case <-time.After(kubeStartTimeout + 10*time.Second):
		t.Fatalf("%s printed no ready line within %v; its log ends:\n%s", name, kubeStartTimeout, fileTail(logFile, 30))
	case <-ctx.Done():
		t.Fatalf("%s not ready: %v", name, context.Cause(ctx))
	}
	var ready struct {
		Kubeconfig string `json:"kubeconfig"`
		Server     string `json:"server"`
		Dir        string `json:"dir"`
		Issuer     string `json:"issuer"`
	}
	if err := json.Unmarshal([]byte(line), &ready); err != nil || ready.Server == "" {
		t.Fatalf("%s printed %q, not its ready line (%v); its log ends:\n%s", name, line, err, fileTail(logFile, 30))
	}
	u, err := url.Parse(ready.Server)
	if err != nil {
		t.Fatal(err)
	}
	c.port, _ = strconv.Atoi(u.Port())
	c.server, c.kubeconfig, c.dir, c.issuer = ready.Server, ready.Kubeconfig, ready.Dir, ready.Issuer
	c.api = newKubeAPI(t, c.kubeconfig)
	t.Logf("%s ready at %s (issuer %s) after %v", name, c.server, c.issuer, time.Since(started).Round(10*time.Millisecond))
	return c
}

// fileTail returns the last n lines of a file.
func fileTail(file string, n int) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return lastLines(string(data), n)
}

func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// kubeAPI calls the API server as the admin user of a kubeconfig.
type kubeAPI struct {
	server string
	token  string
	caPEM  []byte
	client *http.Client
}

// newKubeAPI reads the admin kubeconfig kube-test-cluster writes: one
// cluster (server, certificate-authority-data) and one user with a token.
func newKubeAPI(t *testing.T, kubeconfig string) *kubeAPI {
	t.Helper()
	data, err := os.ReadFile(kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	var kc struct {
		Clusters []struct {
			Cluster struct {
				Server string `yaml:"server"`
				CAData string `yaml:"certificate-authority-data"`
			} `yaml:"cluster"`
		} `yaml:"clusters"`
		Users []struct {
			User struct {
				Token string `yaml:"token"`
			} `yaml:"user"`
		} `yaml:"users"`
	}
	if err := yaml.Unmarshal(data, &kc); err != nil {
		t.Fatalf("kubeconfig %s: %v", kubeconfig, err)
	}
	if len(kc.Clusters) != 1 || len(kc.Users) != 1 || kc.Users[0].User.Token == "" {
		t.Fatalf("kubeconfig %s: want one cluster and one user with a token", kubeconfig)
	}
	ca, err := base64.StdEncoding.DecodeString(kc.Clusters[0].Cluster.CAData)
	if err != nil {
		t.Fatalf("kubeconfig %s: certificate-authority-data: %v", kubeconfig, err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(ca) {
		t.Fatalf("kubeconfig %s: no CA certificate", kubeconfig)
	}
	return &kubeAPI{
		server: kc.Clusters[0].Cluster.Server,
		token:  kc.Users[0].User.Token,
		caPEM:  ca,
		client: &http.Client{
			Timeout:   30 * time.Second,
			Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}},
		},
	}
}

// kubeStatusError is a non-2xx answer of the API server.
type kubeStatusError struct {
	method, path string
	code         int
	body         string
}

func (e *kubeStatusError) Error() string {
	return fmt.Sprintf("%s %s: %d %s", e.method, e.path, e.code, strings.TrimSpace(e.body))
}

// call sends body (JSON, unless nil) with bearer token and decodes a 2xx
// answer into out (unless nil).
func (k *kubeAPI) call(ctx context.Context, token, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, k.server+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	// The JWKS is application/jwk-set+json: an Accept of JSON alone is answered 406.
	req.Header.Set("Accept", "application/json, */*")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := k.client.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = res.Body.Close() }()
	data, err := io.ReadAll(io.LimitReader(res.Body, 4<<20))
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return &kubeStatusError{method: method, path: path, code: res.StatusCode, body: string(data)}
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// do is call as the admin user; it fails the test on any error.
func (k *kubeAPI) do(t *testing.T, ctx context.Context, method, path string, body, out any) {
	t.Helper()
	if err := k.call(ctx, k.token, method, path, body, out); err != nil {
		t.Fatal(err)
	}
}

// create POSTs obj to path; an object that already exists (a restarted
// cluster keeps its objects) is left as it is.
func (k *kubeAPI) create(t *testing.T, ctx context.Context, path string, obj any) {
	t.Helper()
	err := k.call(ctx, k.token, http.MethodPost, path, obj, nil)
	var se *kubeStatusError
	if errors.As(err, &se) && se.code == http.StatusConflict {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
}

func (k *kubeAPI) createNamespace(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	k.create(t, ctx, "/api/v1/namespaces", map[string]any{
		"apiVersion": "v1", "kind": "Namespace", "metadata": map[string]any{"name": name},
	})
}

// createServiceAccount creates a ServiceAccount (there is no
// kube-controller-manager here to create a namespace's `default`, nor is
// one needed).
func (k *kubeAPI) createServiceAccount(t *testing.T, ctx context.Context, ns, name string) {
	t.Helper()
	k.create(t, ctx, "/api/v1/namespaces/"+ns+"/serviceaccounts", map[string]any{
		"apiVersion": "v1", "kind": "ServiceAccount", "metadata": map[string]any{"name": name, "namespace": ns},
	})
}

// requestToken asks the TokenRequest API (what the kubelet does for a
// projected serviceAccountToken volume) for a token of the service account
// ns/name with audiences (none: the API server's own audience) valid for
// seconds.
func (k *kubeAPI) requestToken(t *testing.T, ctx context.Context, ns, name string, audiences []string, seconds int64) string {
	t.Helper()
	spec := map[string]any{"expirationSeconds": seconds}
	if len(audiences) > 0 {
		spec["audiences"] = audiences
	}
	var out struct {
		Status struct {
			Token string `json:"token"`
		} `json:"status"`
	}
	k.do(t, ctx, http.MethodPost, "/api/v1/namespaces/"+ns+"/serviceaccounts/"+name+"/token",
		map[string]any{"apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest", "spec": spec}, &out)
	if out.Status.Token == "" {
		t.Fatalf("TokenRequest for %s/%s returned no token", ns, name)
	}
	return out.Status.Token
}

// kubeObjectPaths are the collection paths of the kinds the test applies.
var kubeObjectPaths = map[string]string{
	"rbac.authorization.k8s.io/v1/ClusterRoleBinding": "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings",
	"rbac.authorization.k8s.io/v1/ClusterRole":        "/apis/rbac.authorization.k8s.io/v1/clusterroles",
}

// applyYAML creates every object of a multi-document YAML file (what
// `kubectl create -f` does) and returns their kind/name.
func (k *kubeAPI) applyYAML(t *testing.T, ctx context.Context, data []byte) []string {
	t.Helper()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var created []string
	for {
		var obj map[string]any
		err := dec.Decode(&obj)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if obj == nil {
			continue
		}
		key := fmt.Sprintf("%v/%v", obj["apiVersion"], obj["kind"])
		path, ok := kubeObjectPaths[key]
		if !ok {
			t.Fatalf("applyYAML: no path for %s", key)
		}
		meta, _ := obj["metadata"].(map[string]any)
		if err := k.call(ctx, k.token, http.MethodPost, path, obj, nil); err != nil {
			t.Fatal(err)
		}
		created = append(created, fmt.Sprintf("%v/%v", obj["kind"], meta["name"]))
	}
	return created
}

// jwtParts returns a JWT's header and claims, unverified (what the test
// asserts about the tokens the API server issues).
func jwtParts(t *testing.T, token string) (header, claims map[string]any) {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %d parts", len(parts))
	}
	for i, dst := range []*map[string]any{&header, &claims} {
		raw, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			t.Fatal(err)
		}
	}
	return header, claims
}

// writeECKey and writeRSAKey write a new private key as PEM, in the
// formats kube-apiserver reads for its service-account keys
// (keyutil.ParsePrivateKeyPEM).
func writeECKey(t *testing.T, file string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, file, "EC PRIVATE KEY", der)
}

func writeRSAKey(t *testing.T, file string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, file, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
}

func writePEM(t *testing.T, file, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeFileAtomic replaces file with data by a rename, as the kubelet
// updates a projected token (its atomic writer swaps a symlink): a reader
// sees the old token or the new one, never half of one.
func writeFileAtomic(t *testing.T, file string, data []byte) {
	t.Helper()
	tmp := file + ".new"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}
