// Package e2e runs real server binaries the way the Temporal Helm chart runs
// the image's temporal-server (`temporal-server --config-file <file> start
// --service=...`) and checks every call against the CLI's `explain`:
// this module's ./cmd/temporal-server in custom mode (temporal-auth's
// settings in the environment; e2e_test.go, also against Temporal's default
// authorizer), and upstream's stock go.temporal.io/server/cmd/server in
// builtin mode (global.authorization from values.auth.yaml;
// builtin_test.go). Nothing of the server is built in process: what each
// main.go wires is what answers.
package e2e

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
)

const (
	issuerPath = "/oauth2/default"
	audience   = "api://temporal"
	kid        = "okta-key-1"
	cluster1   = "active"
	// workflowService is the gRPC health service the frontend reports
	// SERVING once it accepts calls.
	workflowService = "temporal.api.workflowservice.v1.WorkflowService"
)

// Bounds of the subprocesses. A cold build compiles all of Temporal (3.5
// minutes on 2 cores); later builds only link (seconds).
const (
	buildTimeout = 15 * time.Minute
	readyTimeout = 90 * time.Second
	// stopGrace is how long the server gets to stop after SIGTERM before
	// SIGKILL (Kubernetes' default terminationGracePeriodSeconds is 30s).
	stopGrace = 15 * time.Second
)

// idp is a minimal OpenID provider on a TLS loopback server: discovery and a
// JWKS with one RSA key; it signs tokens in the test.
type idp struct {
	srv    *httptest.Server
	key    *rsa.PrivateKey
	issuer string
}

func newIDP(t *testing.T) *idp {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc(issuerPath+"/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.issuer, "jwks_uri": p.issuer + "/v1/keys"})
	})
	mux.HandleFunc(issuerPath+"/v1/keys", func(w http.ResponseWriter, r *http.Request) {
		b64 := base64.RawURLEncoding.EncodeToString
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	p.srv = httptest.NewTLSServer(mux) // httptest listens on 127.0.0.1
	t.Cleanup(p.srv.Close)
	p.issuer = p.srv.URL + issuerPath
	return p
}

// writeCA writes the issuer's self-signed certificate as a PEM file: the
// server subprocess trusts it through SSL_CERT_FILE, the way a pod trusts a
// private CA mounted into the system roots (authz fetches with
// http.DefaultClient, so with the system roots).
func (p *idp) writeCA(t *testing.T, dir string) string {
	t.Helper()
	file := filepath.Join(dir, "issuer-ca.pem")
	data := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.srv.Certificate().Raw})
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// claims returns token claims for sub with extra claims merged in (a nil
// value deletes a claim).
func (p *idp) claims(sub string, extra map[string]any) map[string]any {
	now := time.Now().Unix()
	c := map[string]any{"iss": p.issuer, "aud": audience, "sub": sub, "iat": now, "exp": now + 3600, "cid": "0oa-web"}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

func (p *idp) sign(t *testing.T, keyID string, claims map[string]any) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims(claims))
	tok.Header["kid"] = keyID
	s, err := tok.SignedString(p.key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// freePorts reserves n distinct loopback ports.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, 0, n)
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0") //nolint:noctx // only reserves a loopback port: nothing to cancel
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		_ = l.Close()
	}
	return ports
}

// buildServer builds this module's cmd/temporal-server (the image's binary)
// into a temporary directory.
func buildServer(t *testing.T) string {
	t.Helper()
	return buildBinary(t, "./cmd/temporal-server", "temporal-server")
}

// buildBinary builds the main package pkg (a path in this module, or a
// package of one of its dependencies, such as upstream's
// go.temporal.io/server/cmd/server) into a temporary directory as name. The
// Go build cache makes every build after the first a link only. Default
// build settings on purpose: the Dockerfile's CGO_ENABLED=0 -trimpath would
// miss the cache `go test` and `go vet` fill and compile all of Temporal a
// second time.
func buildBinary(t *testing.T, pkg, name string) string {
	t.Helper()
	module, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), name)
	ctx, cancel := context.WithTimeout(t.Context(), buildTimeout)
	defer cancel()
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	cmd.Dir = module
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	t.Logf("built %s in %v", pkg, time.Since(start).Round(100*time.Millisecond))
	return bin
}

// allServices are the server's services in the order the chart lists them.
var allServices = []primitives.ServiceName{
	primitives.FrontendService, primitives.InternalFrontendService,
	primitives.HistoryService, primitives.MatchingService, primitives.WorkerService,
}

// serverConfig is what configTemplate renders.
type serverConfig struct {
	// Authorization is global.authorization, YAML indented by four spaces,
	// or empty for none (the custom image ignores it).
	Authorization string
	Database      string
	Services      map[string]config.RPC
	Cluster       string
	Frontend      string
	FrontendHTTP  string
	DynamicConfig string
}

// configTemplate is the server config file, in the shape of the chart's
// config_template.yaml: SQLite instead of the chart's databases, every
// service on 127.0.0.1, and no publicClient (with the internal frontend the
// system worker reaches the cluster through it, and the server refuses
// publicClient then). Membership goes through the cluster_membership table,
// as in the chart (no static hosts).
var configTemplate = template.Must(template.New("config.yaml").Parse(`# Written by server/e2e for one test run.
log:
  stdout: true
  level: info
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: 127.0.0.1
{{- with .Authorization}}
  authorization:
{{.}}
{{- end}}
persistence:
  defaultStore: sqlite
  visibilityStore: sqlite
  numHistoryShards: 1
  datastores:
    sqlite:
      sql:
        pluginName: sqlite
        databaseName: {{printf "%q" .Database}}
        # Required by the config validator; the sqlite plugin ignores them.
        connectAddr: localhost
        connectProtocol: tcp
        connectAttributes:
          cache: private
          journal_mode: wal
        maxConns: 1
        maxIdleConns: 1
services:
{{- range $name, $rpc := .Services}}
  {{$name}}:
    rpc:
      bindOnIP: 127.0.0.1
      grpcPort: {{$rpc.GRPCPort}}
      membershipPort: {{$rpc.MembershipPort}}
{{- if $rpc.HTTPPort}}
      httpPort: {{$rpc.HTTPPort}}
{{- end}}
{{- end}}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: {{.Cluster}}
  currentClusterName: {{.Cluster}}
  clusterInformation:
    {{.Cluster}}:
      enabled: true
      initialFailoverVersion: 1
      rpcAddress: {{.Frontend}}
      httpAddress: {{.FrontendHTTP}}
dcRedirectionPolicy:
  policy: noop
archival:
  history:
    state: disabled
  visibility:
    state: disabled
namespaceDefaults:
  archival:
    history:
      state: disabled
    visibility:
      state: disabled
dynamicConfigClient:
  filepath: {{printf "%q" .DynamicConfig}}
  pollInterval: 10s
`))

// dynamicSetting is one key of the dynamic config file and its value (YAML).
type dynamicSetting struct {
	key   string
	value string
}

// dynamicConfig is the dynamic config file: the namespace registry refreshes
// every second (a registered namespace is usable, and a deleted one gone,
// within the test's waits) and task queues have one partition (the worker
// polls the partition the workflow task lands on); then extra.
func dynamicConfig(extra ...dynamicSetting) []byte {
	var b strings.Builder
	for _, kv := range append([]dynamicSetting{
		{dynamicconfig.NamespaceCacheRefreshInterval.Key().String(), "1s"},
		{dynamicconfig.MatchingNumTaskqueueWritePartitions.Key().String(), "1"},
		{dynamicconfig.MatchingNumTaskqueueReadPartitions.Key().String(), "1"},
	}, extra...) {
		fmt.Fprintf(&b, "%s:\n  - value: %s\n", kv.key, kv.value)
	}
	return []byte(b.String())
}

type serverUnderTest struct {
	frontend     string
	frontendHTTP string
	policyFile   string
	// logFile holds everything the server wrote to stdout and stderr
	// (Temporal's log and the audit log), when the test asked for it.
	logFile string
	// ctx is startServerWith's context, also ended if the server exits on its
	// own: the scenario's waits then stop at once instead of at their
	// deadlines.
	ctx context.Context
}

// startServerCapturingLog runs bin (this module's cmd/temporal-server) as
// startServerWith does, with the server's output (stdout: Temporal's log and
// the audit log, and stderr) also written to a file,
// serverUnderTest.logFile, as `kubectl logs` would show it.
func startServerCapturingLog(t *testing.T, ctx context.Context, bin string, p *idp, policy []byte, l serverLaunch) *serverUnderTest {
	t.Helper()
	l.outputFile = filepath.Join(t.TempDir(), "temporal-server.log")
	srv := startServerWith(t, ctx, bin, p, policy, l)
	srv.logFile = l.outputFile
	return srv
}

// startServerWith runs bin (this module's cmd/temporal-server) as the chart
// runs a server container of the custom image, with temporal-auth's
// settings in the environment (l.env set over the IdP's), the policy file
// written here, and the `payroll` and `bitovi-project` namespaces; with l's
// output file and dynamic config.
func startServerWith(t *testing.T, ctx context.Context, bin string, p *idp, policy []byte, l serverLaunch) *serverUnderTest {
	t.Helper()
	dir := t.TempDir()
	policyFile := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(policyFile, policy, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		authz.EnvProviderURL:         p.issuer,
		authz.EnvAudience:            audience,
		authz.EnvPolicyFile:          policyFile,
		authz.EnvGroupsClaim:         "groups",
		authz.EnvClientID:            "0oa-web",
		authz.EnvPolicyPollInterval:  "200ms", // the policy edit applies within the test's wait
		authz.EnvJWKSRefreshInterval: "1h",
		"SSL_CERT_FILE":              p.writeCA(t, dir),
	}
	maps.Copy(env, l.env) // the caller's settings win
	srv := launchServer(t, ctx, bin, dir, serverLaunch{
		outputFile:    l.outputFile,
		dynamicConfig: l.dynamicConfig,
		namespaces:    []string{"payroll", "bitovi-project"},
		env:           env,
	})
	return &serverUnderTest{frontend: srv.frontend, frontendHTTP: srv.frontendHTTP, policyFile: policyFile, ctx: srv.ctx}
}

// serverLaunch is what differs between the servers the tests run.
type serverLaunch struct {
	// authorization is the config's global.authorization block
	// (serverConfig.Authorization), or empty.
	authorization string
	// namespaces are registered in the database before the server starts.
	namespaces []string
	// env is set on top of this process's environment (see startProcess).
	env map[string]string
	// outputFile, when set, receives the server's whole output too.
	outputFile string
	// dynamicConfig are extra settings of the dynamic config file.
	dynamicConfig []dynamicSetting
}

// launchedServer is a running server: its frontend's gRPC address, the
// config as the server loads it, and a context that also ends if the server
// exits on its own (the scenario's waits then stop at once instead of at
// their deadlines).
type launchedServer struct {
	frontend string
	// frontendHTTP is the frontend's HTTP API (host:port).
	frontendHTTP string
	config       *config.Config
	ctx          context.Context
}

// launchServer runs bin with `--config-file <config.yaml> start` and all five
// services in one process, its files in dir. The chart runs one service per
// pod, but Temporal's SQLite store is for one process: five processes on one
// SQLite file failed at startup with SQLITE_BUSY (SaveClusterMetadata) in one
// run of four. The services read the same config and env either way, and the
// binary wires the frontend the same. The database is a SQLite file set up
// here first, as the chart's schema job does before the server starts.
func launchServer(t *testing.T, ctx context.Context, bin, dir string, l serverLaunch) *launchedServer {
	t.Helper()
	write := func(name string, data []byte) string {
		t.Helper()
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return file
	}

	ports := freePorts(t, 12)
	next := func() int { p := ports[0]; ports = ports[1:]; return p }
	cfg := serverConfig{
		Authorization: l.authorization,
		Database:      filepath.Join(dir, "temporal.db"),
		Services:      map[string]config.RPC{},
		Cluster:       cluster1,
		DynamicConfig: write("dynamic-config.yaml", dynamicConfig(l.dynamicConfig...)),
	}
	for _, name := range allServices {
		rpc := config.RPC{GRPCPort: next(), MembershipPort: next()}
		if name == primitives.FrontendService || name == primitives.InternalFrontendService {
			rpc.HTTPPort = next()
		}
		cfg.Services[string(name)] = rpc
	}
	cfg.Frontend = "127.0.0.1:" + strconv.Itoa(cfg.Services[string(primitives.FrontendService)].GRPCPort)
	cfg.FrontendHTTP = "127.0.0.1:" + strconv.Itoa(cfg.Services[string(primitives.FrontendService)].HTTPPort)

	var rendered bytes.Buffer
	if err := configTemplate.Execute(&rendered, cfg); err != nil {
		t.Fatal(err)
	}
	configFile := write("config.yaml", rendered.Bytes())
	// Checked here so that a bad file fails with the loader's message rather
	// than as a server that never becomes ready.
	loaded, err := config.Load(config.WithConfigFile(configFile))
	if err != nil {
		t.Fatalf("server config: %v\n%s", err, rendered.String())
	}
	if res := dynamicconfig.LoadYamlFile(dynamicConfig(l.dynamicConfig...)); len(res.Errors) > 0 {
		t.Fatalf("dynamic config: %v", res.Errors)
	}
	prepareDatabase(t, cfg.Database, l.namespaces)

	args := []string{"--config-file", configFile, "start"}
	for _, name := range allServices {
		args = append(args, "--service="+string(name))
	}
	sctx, stop := context.WithCancelCause(ctx)
	t.Cleanup(func() { stop(nil) })
	startProcess(t, bin, args, l.env, l.outputFile, func(status string) {
		stop(fmt.Errorf("temporal-server exited during the test: %s", status))
	})
	waitReady(t, sctx, cfg.Frontend)
	return &launchedServer{frontend: cfg.Frontend, frontendHTTP: cfg.FrontendHTTP, config: loaded, ctx: sctx}
}

// prepareDatabase creates the SQLite file with Temporal's schema and the
// namespaces the scenarios use, in this process, before the server opens it.
func prepareDatabase(t *testing.T, file string, namespaces []string) {
	t.Helper()
	sqlCfg := &config.SQL{
		PluginName:        sqliteplugin.PluginName,
		DatabaseName:      file,
		ConnectAttributes: map[string]string{"cache": "private", "journal_mode": "wal"},
	}
	if err := sqliteschema.SetupSchema(sqlCfg); err != nil {
		t.Fatal(err)
	}
	var nss []*sqliteschema.NamespaceConfig
	for _, name := range namespaces {
		ns, err := sqliteschema.NewNamespaceConfig(cluster1, name, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		nss = append(nss, ns)
	}
	if err := sqliteschema.CreateNamespaces(sqlCfg, nss...); err != nil {
		t.Fatal(err)
	}
}

// startProcess starts bin with only env's temporal-auth and TLS settings on
// top of this process's environment (any TEMPORAL_* or SSL_CERT_* of the
// caller's shell removed, so that they cannot change the server under test).
// The process stops with the test: SIGTERM in cleanup (what Kubernetes
// sends), SIGKILL after stopGrace, and SIGKILL if the test binary dies first
// (Linux). Its output goes to a buffer whose tail is logged if the test
// fails. If it exits before cleanup stops it, the test fails and exited is
// called with how it ended.
func startProcess(t *testing.T, bin string, args []string, env map[string]string, outputFile string, exited func(status string)) {
	t.Helper()
	// Not t.Context(): it is canceled before any cleanup runs, and the
	// server must outlive the clients and worker that later cleanups stop.
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TEMPORAL_") && !strings.HasPrefix(kv, "SSL_CERT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out := newTailBuffer(4 << 20)
	cmd.Stdout, cmd.Stderr = out, out
	if outputFile != "" {
		// Through the pipe exec makes, copied as it is read: a reader may
		// see the last line half written; it is whole once the process
		// stopped (cmd.Wait waits for the copy; the file closes after).
		f, err := os.Create(outputFile)
		if err != nil {
			cancel()
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = f.Close() })
		w := io.MultiWriter(out, f)
		cmd.Stdout, cmd.Stderr = w, w
	}
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = stopGrace
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Logf("started %s %s (pid %d)", filepath.Base(bin), strings.Join(args, " "), cmd.Process.Pid)

	// status says how the process ended ("exit status 0", "signal:
	// killed"); Wait's error alone is "context canceled" once cleanup
	// stopped it, whatever the exit.
	var status string
	done := make(chan struct{})
	go func() {
		defer close(done)
		err := cmd.Wait()
		status = err.Error()
		if cmd.ProcessState != nil {
			status = cmd.ProcessState.String()
		}
		if ctx.Err() == nil { // not stopped by cleanup
			// Errorf, not Fatalf: this is not the test's goroutine. The
			// test is still running: its cleanup waits for done.
			t.Errorf("temporal-server exited during the test: %s (its output is logged below)", status)
			exited(status)
		}
	}()
	t.Cleanup(func() {
		cancel()
		start := time.Now()
		<-done // WaitDelay bounds this
		t.Logf("temporal-server stopped (%s), %v after cleanup began", status, time.Since(start).Round(10*time.Millisecond))
		if t.Failed() {
			t.Logf("temporal-server output (last lines):\n%s", out.tail(80))
		}
	})
}

// waitReady polls the frontend's gRPC health check until it reports SERVING
// (ctx ends early if the server exits).
func waitReady(t *testing.T, ctx context.Context, frontend string) {
	t.Helper()
	conn, err := grpc.NewClient(frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	health := healthpb.NewHealthClient(conn)
	ctx, cancel := context.WithTimeoutCause(ctx, readyTimeout, fmt.Errorf("not serving after %v", readyTimeout))
	defer cancel()
	start := time.Now()
	for {
		cctx, ccancel := context.WithTimeout(ctx, 2*time.Second)
		resp, err := health.Check(cctx, &healthpb.HealthCheckRequest{Service: workflowService})
		ccancel()
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			t.Logf("frontend %s serving after %v", frontend, time.Since(start).Round(10*time.Millisecond))
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("frontend %s: %v (last health check: %v, %v)", frontend, context.Cause(ctx), resp.GetStatus(), err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// tailBuffer keeps the last max bytes written to it (the server logs a lot
// at info level; the end is what explains a failure).
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func newTailBuffer(max int) *tailBuffer { return &tailBuffer{max: max} }

func (b *tailBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

// tail returns the last n lines.
func (b *tailBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	lines := strings.SplitAfter(strings.TrimRight(string(b.buf), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "")
}

// discardSlog is an slog logger that drops everything (for SDK clients).
func discardSlog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func mustJSON(v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return b
}
