package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/template"
	"time"

	"go.temporal.io/api/workflowservice/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

const (
	clusterName     = "active"
	workflowService = "temporal.api.workflowservice.v1.WorkflowService"
	readyTimeout    = 2 * time.Minute
	stopGrace       = 10 * time.Second
)

// configuration is one of the servers the bench compares.
type configuration struct {
	Name string `json:"name"` // A, B, C
	What string `json:"what"`
	// stock: upstream's cmd/server; else this repository's cmd/temporal-server.
	stock bool
	// builtin: global.authorization with Temporal's default JWT ClaimMapper
	// and default Authorizer (stock only).
	builtin bool
}

var configurations = []configuration{
	{Name: "A", What: "stock go.temporal.io/server/cmd/server, no authorization", stock: true},
	{Name: "B", What: "stock, Temporal's builtin JWT ClaimMapper + default Authorizer (global.authorization)", stock: true, builtin: true},
	{Name: "C", What: "temporal-auth's cmd/temporal-server (its ClaimMapper + Authorizer wrapping the default one)"},
}

// binaries are the two server executables, built from server/go.mod so that
// the stock one is the go.temporal.io/server version pinned there.
type binaries struct {
	stock, ours string
}

// buildServers builds both binaries into dir with the Go build cache (a
// cold cache compiles all of Temporal: minutes; afterwards a link).
func buildServers(ctx context.Context, serverModule, dir string, log func(string, ...any)) (binaries, error) {
	b := binaries{stock: filepath.Join(dir, "temporal-server-stock"), ours: filepath.Join(dir, "temporal-server-auth")}
	for _, job := range []struct{ pkg, out string }{
		{"go.temporal.io/server/cmd/server", b.stock},
		{"./cmd/temporal-server", b.ours},
	} {
		start := time.Now()
		cmd := exec.CommandContext(ctx, "go", "build", "-o", job.out, job.pkg)
		cmd.Dir = serverModule
		if out, err := cmd.CombinedOutput(); err != nil {
			return b, fmt.Errorf("go build %s: %w\n%s", job.pkg, err, out)
		}
		log("built %s in %v", job.pkg, time.Since(start).Round(100*time.Millisecond))
	}
	return b, nil
}

// dynamicSettings are the dynamic config of every server, identical for
// all: the namespace registry refreshes every second (the registered
// namespace is usable soon), one task queue partition, rate limits far above
// what one machine reaches (the defaults, 2,400 calls/s per frontend and
// 1,200 per matching host, would cap the no-authorization server and hide
// the difference), and an empty poll returns after pollExpiry (see
// workloads.go).
func dynamicSettings(namespace string) []byte {
	settings := []struct{ key, value string }{
		{"system.namespaceCacheRefreshInterval", "1s"},
		{"matching.numTaskqueueWritePartitions", "1"},
		{"matching.numTaskqueueReadPartitions", "1"},
		{"frontend.rps", "1000000"},
		{"frontend.globalRPS", "0"},
		{"frontend.namespaceRPS", "1000000"},
		{"frontend.namespaceCount", "100000"},
		{"frontend.persistenceMaxQPS", "1000000"},
		{"history.rps", "1000000"},
		{"history.persistenceMaxQPS", "1000000"},
		{"matching.rps", "1000000"},
		{"matching.persistenceMaxQPS", "1000000"},
		{"worker.persistenceMaxQPS", "1000000"},
	}
	var b strings.Builder
	for _, s := range settings {
		fmt.Fprintf(&b, "%s:\n  - value: %s\n", s.key, s.value)
	}
	// Only on the bench's empty task queue: on every queue, the system
	// worker's idle pollers would return and poll again every pollExpiry
	// (a third of a CPU per idle server, measured).
	fmt.Fprintf(&b, "matching.longPollExpirationInterval:\n  - value: %s\n    constraints:\n      namespace: %q\n      taskQueueName: %q\n",
		pollExpiry, namespace, pollQueue)
	return []byte(b.String())
}

var services = []string{"frontend", "internal-frontend", "history", "matching", "worker"}

type rpcPorts struct{ GRPC, Membership, HTTP int }

type configData struct {
	Authorization string
	Database      string
	Services      map[string]rpcPorts
	Frontend      string
	FrontendHTTP  string
	DynamicConfig string
	Cluster       string
}

// configTemplate is server/e2e's config (the chart's shape, every service
// in one process on 127.0.0.1) with SQLite in memory: the plugin creates
// the schema when it connects (mode=memory); the namespace is registered
// over gRPC once the server is up.
var configTemplate = template.Must(template.New("config.yaml").Parse(`# Written by bench/server for one run.
log:
  stdout: true
  level: warn
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
        connectAddr: localhost
        connectProtocol: tcp
        connectAttributes:
          mode: memory
          cache: shared
        maxConns: 1
        maxIdleConns: 1
services:
{{- range $name, $rpc := .Services}}
  {{$name}}:
    rpc:
      bindOnIP: 127.0.0.1
      grpcPort: {{$rpc.GRPC}}
      membershipPort: {{$rpc.Membership}}
{{- if $rpc.HTTP}}
      httpPort: {{$rpc.HTTP}}
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

// builtinAuthorization is global.authorization for B: the default claim
// mapper reads "namespace:role" strings from the permissions claim (no
// permissionsRegex), keys from the bench's JWKS.
func builtinAuthorization(p *issuer) string {
	return fmt.Sprintf(`    jwtKeyProvider:
      keySourceURIs:
        - %q
      refreshInterval: 1h
    permissionsClaimName: permissions
    audience: %q
    authorizer: default
    claimMapper: default`, p.jwksURI(), audience)
}

// runningServer is one started server.
type runningServer struct {
	conf     configuration
	pid      int
	frontend string
	logFile  string
	// exited is closed when the process has ended; err says how.
	exited chan struct{}
	err    error
	stop   func()
}

// startServer writes conf's files into dir and starts its binary with all
// services in one process. The process is in its own process group, gets
// SIGKILL if the bench dies (Linux), and stop sends SIGTERM, then SIGKILL
// after stopGrace.
func startServer(ctx context.Context, conf configuration, bins binaries, p *issuer, namespace, dir string) (*runningServer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	write := func(name string, data []byte) (string, error) {
		file := filepath.Join(dir, name)
		return file, os.WriteFile(file, data, 0o644)
	}
	ports, err := freePorts(ctx, 3*len(services))
	if err != nil {
		return nil, err
	}
	cfg := configData{Database: "bench-" + conf.Name, Services: map[string]rpcPorts{}, Cluster: clusterName}
	if cfg.DynamicConfig, err = write("dynamic-config.yaml", dynamicSettings(namespace)); err != nil {
		return nil, err
	}
	for i, name := range services {
		r := rpcPorts{GRPC: ports[3*i], Membership: ports[3*i+1]}
		if name == "frontend" || name == "internal-frontend" {
			r.HTTP = ports[3*i+2]
		}
		cfg.Services[name] = r
	}
	cfg.Frontend = "127.0.0.1:" + strconv.Itoa(cfg.Services["frontend"].GRPC)
	cfg.FrontendHTTP = "127.0.0.1:" + strconv.Itoa(cfg.Services["frontend"].HTTP)
	caFile, err := write("issuer-ca.pem", p.certPE)
	if err != nil {
		return nil, err
	}
	env := map[string]string{"SSL_CERT_FILE": caFile}
	bin := bins.ours
	switch {
	case conf.stock && conf.builtin:
		bin = bins.stock
		cfg.Authorization = builtinAuthorization(p)
	case conf.stock:
		bin = bins.stock
	default:
		policy, err := policyJSON(namespace)
		if err != nil {
			return nil, err
		}
		policyFile, err := write("policy.json", policy)
		if err != nil {
			return nil, err
		}
		env["TEMPORAL_AUTH_PROVIDER_URL"] = p.url
		env["TEMPORAL_AUTH_AUDIENCE"] = audience
		env["TEMPORAL_AUTH_POLICY_FILE"] = policyFile
		env["TEMPORAL_AUTH_GROUPS_CLAIM"] = "groups"
		env["TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL"] = "1h"
	}
	var rendered bytes.Buffer
	if err := configTemplate.Execute(&rendered, cfg); err != nil {
		return nil, err
	}
	configFile, err := write("config.yaml", rendered.Bytes())
	if err != nil {
		return nil, err
	}
	logFile := filepath.Join(dir, "server.log")
	out, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	args := []string{"--config-file", configFile, "start"}
	for _, s := range services {
		args = append(args, "--service="+s)
	}
	// Not ctx: the process must be stopped by stop (SIGTERM, then SIGKILL),
	// which the caller defers; ctx's end makes the caller return.
	cmd := exec.Command(bin, args...) //nolint:noctx // stopped by stop(), which signals its process group; Pdeathsig covers a crash of the bench
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TEMPORAL_") && !strings.HasPrefix(kv, "SSL_CERT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Stdout, cmd.Stderr = out, out
	childAttrs(cmd)
	if err := cmd.Start(); err != nil {
		_ = out.Close()
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &runningServer{conf: conf, pid: cmd.Process.Pid, frontend: cfg.Frontend, logFile: logFile, exited: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		_ = out.Close()
		close(s.exited)
	}()
	s.stop = func() {
		select {
		case <-s.exited:
			return
		default:
		}
		signalGroup(s.pid, syscall.SIGTERM)
		select {
		case <-s.exited:
		case <-time.After(stopGrace):
			signalGroup(s.pid, syscall.SIGKILL)
			<-s.exited
		}
	}
	if err := s.waitReady(ctx); err != nil {
		s.stop()
		return nil, fmt.Errorf("server %s: %w (log: %s)", conf.Name, err, logFile)
	}
	return s, nil
}

// freePorts reserves n distinct loopback ports (released before the server
// binds them: another process could take one meanwhile, which makes the
// server fail to start, not the results wrong).
func freePorts(ctx context.Context, n int) ([]int, error) {
	var lc net.ListenConfig
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	var ports []int
	for range n {
		l, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// waitReady polls the frontend's health check until it is SERVING.
func (s *runningServer) waitReady(ctx context.Context) error {
	conn, err := grpc.NewClient(s.frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	health := healthpb.NewHealthClient(conn)
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	for {
		cctx, ccancel := context.WithTimeout(ctx, 2*time.Second)
		resp, err := health.Check(cctx, &healthpb.HealthCheckRequest{Service: workflowService})
		ccancel()
		if err == nil && resp.GetStatus() == healthpb.HealthCheckResponse_SERVING {
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("exited before serving: %w", s.err)
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("not serving: %w (last health check: %w)", ctx.Err(), err)
			}
			return fmt.Errorf("not serving: %w (last health check: %v)", ctx.Err(), resp.GetStatus())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// registerNamespace registers namespace with the admin token and waits
// until the caller's token can describe it (the registry refreshes every
// second; B's key provider may still be loading the JWKS).
func registerNamespace(ctx context.Context, frontend, namespace, adminToken, callerToken string) error {
	conn, err := grpc.NewClient(frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	ws := workflowservice.NewWorkflowServiceClient(conn)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	admin := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+adminToken)
	caller := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+callerToken)
	registered := false
	var last error
	for {
		if !registered {
			_, err := ws.RegisterNamespace(admin, &workflowservice.RegisterNamespaceRequest{
				Namespace: namespace, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour)})
			switch status.Code(err) {
			case codes.OK, codes.AlreadyExists:
				registered = true
			default:
				last = fmt.Errorf("RegisterNamespace: %w", err)
			}
		}
		if registered {
			_, err := ws.DescribeNamespace(caller, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
			if err == nil {
				return nil
			}
			last = fmt.Errorf("DescribeNamespace with the bench token: %w", err)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("namespace %s not usable: %w", namespace, last)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// checkAuthorizing makes one call without a token: A must answer it, B and
// C must refuse it (PermissionDenied), so that the authorizing servers are
// known to authorize, not to let every call through.
func checkAuthorizing(ctx context.Context, conf configuration, frontend, namespace string) error {
	conn, err := grpc.NewClient(frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer func() { _ = conn.Close() }()
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	_, err = workflowservice.NewWorkflowServiceClient(conn).DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
	authorizing := conf.Name != "A"
	switch {
	case !authorizing && err != nil:
		return fmt.Errorf("DescribeNamespace without a token: %w (A authorizes nothing)", err)
	case authorizing && status.Code(err) != codes.PermissionDenied:
		return fmt.Errorf("DescribeNamespace without a token: code %v (%w), want PermissionDenied", status.Code(err), err)
	}
	return nil
}
