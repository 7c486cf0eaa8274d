package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/protobuf/types/known/durationpb"
	"gopkg.in/yaml.v3"
)

// The cluster of the workload identity test: its issuer is what real
// clusters state (kube-apiserver --service-account-issuer), not the address
// the server reaches the API server at (127.0.0.1:PORT), as in a pod.
const (
	clusterIssuer   = "https://kubernetes.default.svc.cluster.local"
	clusterAudience = "temporal-auth"
	// The Temporal server's own service account, in the release namespace.
	serverNamespace, serverAccount = "temporal", "temporal-server"
	// The worker's service account, granted write in payroll, and another
	// one of the same namespace, granted nothing.
	workerNamespace, workerAccount = "payroll-workers", "payroll-worker"
	otherAccount                   = "payroll-reports"
	// saWorkerName is the policy's name for the service-account worker.
	saWorkerName = "payroll-cluster-worker"
	// discoveryRole is Kubernetes' bootstrap ClusterRole (and default
	// ClusterRoleBinding, to group system:serviceaccounts) for GET on
	// /.well-known/openid-configuration and /openid/v1/jwks.
	discoveryRole = "system:service-account-issuer-discovery"
	tokenSeconds  = 3600
	// saTaskQueue is the queue the service-account worker polls.
	saTaskQueue = "payroll-sa-tq"
)

func serviceAccountSubject(ns, name string) string { return "system:serviceaccount:" + ns + ":" + name }

// workloadPolicy is the e2e tests' policy (the identity provider's groups
// and clients, testdata/okta-policy.json) with the worker's service account
// granted write in payroll.
func workloadPolicy(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	doc["serviceAccounts"] = map[string]any{
		serviceAccountSubject(workerNamespace, workerAccount): map[string]any{
			"name": saWorkerName, "namespaces": map[string]any{"payroll": "write"},
		},
	}
	return mustJSON(doc)
}

// frontendProbe calls a server's frontend with one token per call.
type frontendProbe struct {
	name string
	wsc  workflowservice.WorkflowServiceClient
	osc  operatorservice.OperatorServiceClient
}

func newFrontendProbe(t *testing.T, name, frontend string) *frontendProbe {
	t.Helper()
	conn, err := grpc.NewClient(frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Close() })
	return &frontendProbe{name: name, wsc: workflowservice.NewWorkflowServiceClient(conn), osc: operatorservice.NewOperatorServiceClient(conn)}
}

// probeCall is one call of the worker's matrix: whether the worker's grant
// (write in payroll) allows it, and the call, harmless when allowed.
type probeCall struct {
	api, ns string
	worker  bool
	call    func(ctx context.Context, p *frontendProbe) error
}

var probeCalls = []probeCall{
	{"StartWorkflowExecution", "payroll", true, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
			Namespace: "payroll", WorkflowId: "wi-probe", WorkflowType: workflowType(), TaskQueue: taskQueueNamed("wi-probe-tq"), RequestId: "wi-probe"})
		return err
	}},
	{"PollWorkflowTaskQueue", "payroll", true, func(ctx context.Context, p *frontendProbe) error {
		// Nothing is queued on wi-nobody-tq: an allowed poll returns empty
		// shortly before its deadline.
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		_, err := p.wsc.PollWorkflowTaskQueue(ctx, &workflowservice.PollWorkflowTaskQueueRequest{Namespace: "payroll", TaskQueue: taskQueueNamed("wi-nobody-tq"), Identity: "probe"})
		return err
	}},
	{"DescribeNamespace", "payroll", true, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "payroll"})
		return err
	}},
	{"TerminateWorkflowExecution", "payroll", true, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.TerminateWorkflowExecution(ctx, &workflowservice.TerminateWorkflowExecutionRequest{
			Namespace: "payroll", WorkflowExecution: workflowExecution("no-such-workflow"), Reason: "workload identity check"})
		return err
	}},
	{"StartWorkflowExecution", "bitovi-project", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
			Namespace: "bitovi-project", WorkflowId: "wi-probe", WorkflowType: workflowType(), TaskQueue: taskQueueNamed("wi-probe-tq"), RequestId: "wi-probe"})
		return err
	}},
	{"PollWorkflowTaskQueue", "bitovi-project", false, func(ctx context.Context, p *frontendProbe) error {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		_, err := p.wsc.PollWorkflowTaskQueue(ctx, &workflowservice.PollWorkflowTaskQueueRequest{Namespace: "bitovi-project", TaskQueue: taskQueueNamed("wi-nobody-tq"), Identity: "probe"})
		return err
	}},
	{"DescribeNamespace", "bitovi-project", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "bitovi-project"})
		return err
	}},
	{"UpdateNamespace", "payroll", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{Namespace: "payroll", UpdateInfo: namespaceUpdate()})
		return err
	}},
	{"RegisterNamespace", "wi-scratch", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.wsc.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{Namespace: "wi-scratch", WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour)})
		return err
	}},
	{"AddSearchAttributes", "payroll", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.osc.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
			Namespace: "payroll", SearchAttributes: map[string]enumspb.IndexedValueType{"WorkloadIdentity": enumspb.INDEXED_VALUE_TYPE_KEYWORD}})
		return err
	}},
	{"DeleteNamespace", "no-such-namespace", false, func(ctx context.Context, p *frontendProbe) error {
		_, err := p.osc.DeleteNamespace(ctx, &operatorservice.DeleteNamespaceRequest{Namespace: "no-such-namespace"})
		return err
	}},
}

// allowed makes c with token and reports whether it got past the authorizer.
func (p *frontendProbe) allowed(t *testing.T, ctx context.Context, token string, c probeCall) bool {
	t.Helper()
	cctx, cancel := context.WithTimeout(metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token), 20*time.Second)
	defer cancel()
	return passedAuthorizer(t, c.call(cctx, p), fmt.Sprintf("%s: %s in %q", p.name, c.api, c.ns))
}

// canDescribePayroll is the quick check of the waits: DescribeNamespace in
// payroll, which the worker's grant allows.
func (p *frontendProbe) canDescribePayroll(t *testing.T, ctx context.Context, token string) bool {
	t.Helper()
	return p.allowed(t, ctx, token, probeCalls[2])
}

// checkWorkerGrants checks that token is allowed exactly the worker's
// grant: every call of probeCalls as its `worker` says.
func (p *frontendProbe) checkWorkerGrants(t *testing.T, ctx context.Context, token string) {
	t.Helper()
	allowed, denied := 0, 0
	for _, c := range probeCalls {
		got := p.allowed(t, ctx, token, c)
		if got != c.worker {
			t.Errorf("%s: the worker's token: %s in %q allowed=%v, want %v", p.name, c.api, c.ns, got, c.worker)
		}
		if got {
			allowed++
		} else {
			denied++
		}
	}
	t.Logf("%s: the worker's service-account token: %d calls allowed, %d denied, as its grant (write in payroll) says", p.name, allowed, denied)
}

// checkRefused checks that token is refused every call the worker's grant
// allows.
func (p *frontendProbe) checkRefused(t *testing.T, ctx context.Context, what, token string) {
	t.Helper()
	for _, c := range probeCalls {
		if c.worker && p.allowed(t, ctx, token, c) {
			t.Errorf("%s: %s: %s in %q allowed, want refused", p.name, what, c.api, c.ns)
		}
	}
}

// tokenFileHeaders sends the token in a file on every call, re-read each
// time, as the worker snippets read a projected service-account token
// (the kubelet rewrites it before it expires).
type tokenFileHeaders struct{ file string }

func (h tokenFileHeaders) GetHeaders(context.Context) (map[string]string, error) {
	data, err := os.ReadFile(h.file)
	if err != nil {
		return nil, err
	}
	return map[string]string{"authorization": "Bearer " + strings.TrimSpace(string(data))}, nil
}

// waitLogLine waits until the server's log has a line matching re and
// returns it.
func waitLogLine(t *testing.T, ctx context.Context, file string, limit time.Duration, what string, re *regexp.Regexp) string {
	t.Helper()
	var found string
	waitFor(t, ctx, limit, what, func() bool {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found = re.FindString(string(data))
		return found != ""
	})
	return found
}

// clusterServer is a temporal-server of the workload identity test.
type clusterServer struct {
	*serverUnderTest
	probe *frontendProbe
}

// apiServerKeys is the cluster issuer's env of apiServer mode: discovery
// and JWKS through the API server of c, with the server's own token file
// and the cluster's CA, as in a pod.
func apiServerKeys(c *kubeCluster, tokenFile, caFile string) map[string]string {
	return map[string]string{
		authz.EnvClusterAPIServer: c.server,
		authz.EnvClusterTokenFile: tokenFile,
		authz.EnvClusterCAFile:    caFile,
	}
}

// startClusterServer runs the shipped temporal-server with the identity
// provider's settings (as the other e2e tests) and the cluster issuer's:
// its issuer and audience and keys (apiServerKeys, or the JWKS file of
// file mode), the JWKS refreshed every refresh.
func startClusterServer(t *testing.T, ctx context.Context, name, bin string, p *idp, policy []byte, keys map[string]string, refresh time.Duration) *clusterServer {
	t.Helper()
	logFile := filepath.Join(t.TempDir(), name+".log")
	env := map[string]string{
		authz.EnvClusterIssuer:       clusterIssuer,
		authz.EnvClusterAudience:     clusterAudience,
		authz.EnvJWKSRefreshInterval: refresh.String(),
	}
	maps.Copy(env, keys)
	srv := startServerWith(t, ctx, bin, p, policy, serverLaunch{outputFile: logFile, env: env})
	srv.logFile = logFile
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s: temporal-auth's log lines (last 40):\n%s", name, authLogLines(logFile, 40))
		}
	})
	return &clusterServer{serverUnderTest: srv, probe: newFrontendProbe(t, name, srv.frontend)}
}

// TestWorkloadIdentity is the end-to-end proof of workload identity against
// the real kube-apiserver of test/kube (kube-test-cluster) with the issuer
// a real cluster states: real service-account tokens from the TokenRequest
// API, its discovery and JWKS read by the shipped temporal-server through
// the API server with its own service-account token, as in a pod.
//
//   - RBAC: with the default ClusterRoleBinding of
//     system:service-account-issuer-discovery removed (a hardened cluster),
//     the server cannot load the cluster's keys (its log says HTTP 403) and
//     refuses the worker; the CLI's cluster-issuer-rbac.yaml (the binding
//     to the release namespace's service accounts), applied, makes it work.
//   - The worker's token is allowed exactly its grant (write in payroll):
//     calls of the matrix and a real SDK worker running a workflow.
//   - Refused: the worker's token for the API server's audience, a token
//     of another service account, a token of a second cluster with the same
//     issuer URL and its own key, and an identity provider token whose sub
//     is the worker's service account.
//   - Key rotation, as operators do it (restarts with new
//     --service-account-signing-key-file / --service-account-key-file):
//     while the API server is down the server keeps its keys; signing with
//     a new key while the old one is still accepted, a token with the new
//     kid is accepted at once by a server that refreshes only for unknown
//     kids (server "unknown-kid", refresh interval 1h) and by the periodic
//     refresh (server "periodic", 3s); with the new key only, the old
//     token is refused after the periodic refresh, which reads the
//     server's token file again (the old one, signed with the removed key,
//     is refused by the API server), and after an unknown kid's refresh.
//   - File mode (server "jwks-file"): the JWKS exported from the API server
//     into a file; the same grants and refusals; a new kid is refused until
//     the file is exported again, then the old one is.
func TestWorkloadIdentity(t *testing.T) {
	kubeBin := kubeTestClusterBinary(t)
	bin := buildServer(t)
	testStart := time.Now()
	ctx, cancel := context.WithTimeout(t.Context(), 8*time.Minute)
	defer cancel()
	policy := workloadPolicy(t)
	p := newIDP(t)

	keys := t.TempDir()
	keyA, keyB := filepath.Join(keys, "sa-a.key"), filepath.Join(keys, "sa-b.key")
	writeECKey(t, keyA)
	writeRSAKey(t, keyB)

	// A second cluster stating the same issuer URL, with its own key: its
	// worker token is the "signed by another cluster" case.
	other := startKubeCluster(t, ctx, kubeBin, "cluster-other", kubeClusterOptions{issuer: clusterIssuer})
	other.api.createNamespace(t, ctx, workerNamespace)
	other.api.createServiceAccount(t, ctx, workerNamespace, workerAccount)
	foreignToken := other.api.requestToken(t, ctx, workerNamespace, workerAccount, []string{clusterAudience}, tokenSeconds)
	other.stop()

	// The cluster: issuer as real clusters state it, signing with key A,
	// its data kept for the restarts of the key rotation.
	dataDir := t.TempDir()
	cluster := startKubeCluster(t, ctx, kubeBin, "cluster", kubeClusterOptions{issuer: clusterIssuer, signingKey: keyA, dataDir: dataDir})
	if cluster.issuer != clusterIssuer {
		t.Fatalf("the cluster's issuer is %q, want %q", cluster.issuer, clusterIssuer)
	}
	api := cluster.api
	var discovery struct {
		Issuer string `json:"issuer"`
	}
	api.do(t, ctx, http.MethodGet, "/.well-known/openid-configuration", nil, &discovery)
	if discovery.Issuer != clusterIssuer {
		t.Fatalf("discovery at %s states issuer %q, want %q", cluster.server, discovery.Issuer, clusterIssuer)
	}

	// A hardened cluster: the default binding of the discovery role to every
	// service account is gone.
	api.do(t, ctx, http.MethodGet, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/"+discoveryRole, nil, nil)
	api.do(t, ctx, http.MethodDelete, "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/"+discoveryRole, nil, nil)

	for _, ns := range []string{serverNamespace, workerNamespace} {
		api.createNamespace(t, ctx, ns)
	}
	api.createServiceAccount(t, ctx, serverNamespace, serverAccount)
	api.createServiceAccount(t, ctx, workerNamespace, workerAccount)
	api.createServiceAccount(t, ctx, workerNamespace, otherAccount)

	// The server's own token (the pod's default one: the API server's
	// audience) and the cluster's CA, as a pod has them mounted.
	files := t.TempDir()
	serverTokenFile, caFile := filepath.Join(files, "server-token"), filepath.Join(files, "ca.crt")
	serverTokenA := api.requestToken(t, ctx, serverNamespace, serverAccount, nil, tokenSeconds)
	writeFileAtomic(t, serverTokenFile, []byte(serverTokenA))
	if err := os.WriteFile(caFile, api.caPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	workerTokenA := api.requestToken(t, ctx, workerNamespace, workerAccount, []string{clusterAudience}, tokenSeconds)
	kidA := tokenKid(t, workerTokenA)
	checkIssued(t, workerTokenA, kidA, clusterAudience, serviceAccountSubject(workerNamespace, workerAccount))
	checkIssued(t, serverTokenA, kidA, clusterIssuer, serviceAccountSubject(serverNamespace, serverAccount))
	if kid := tokenKid(t, foreignToken); kid == kidA {
		t.Fatalf("the other cluster signed with the same key id %s", kid)
	}
	// The API server's own audience: the default of a token request.
	apiAudienceToken := api.requestToken(t, ctx, workerNamespace, workerAccount, nil, tokenSeconds)
	otherAccountToken := api.requestToken(t, ctx, workerNamespace, otherAccount, []string{clusterAudience}, tokenSeconds)

	// The server's own token may not read the keys now.
	var se *kubeStatusError
	if err := api.call(ctx, serverTokenA, http.MethodGet, "/openid/v1/jwks", nil, nil); !errors.As(err, &se) || se.code != http.StatusForbidden {
		t.Fatalf("the server's token reading the JWKS without the binding: %v, want 403", err)
	}

	periodic := startClusterServer(t, ctx, "periodic", bin, p, policy, apiServerKeys(cluster, serverTokenFile, caFile), 3*time.Second)

	t.Run("without the discovery binding the server cannot load the cluster's keys", func(t *testing.T) {
		line := waitLogLine(t, periodic.ctx, periodic.logFile, 30*time.Second, "the server logs that it cannot load the cluster's keys",
			regexp.MustCompile(`(?m)^.*"issuer":"cluster".*HTTP 403.*$`))
		t.Logf("the server's log: %s", line)
		periodic.probe.checkRefused(t, periodic.ctx, "the worker's token while the cluster's keys are not loaded", workerTokenA)
	})
	if t.Failed() {
		return
	}

	t.Run("the discovery binding for the release namespace's service accounts", func(t *testing.T) {
		created := api.applyYAML(t, ctx, clusterIssuerRBAC(t))
		t.Logf("created %v", created)
		if err := api.call(ctx, serverTokenA, http.MethodGet, "/openid/v1/jwks", nil, nil); err != nil {
			t.Fatalf("the server's token reading the JWKS with the binding: %v", err)
		}
		start := time.Now()
		waitFor(t, periodic.ctx, 90*time.Second, "the server accepts the worker's token", func() bool {
			return periodic.probe.canDescribePayroll(t, periodic.ctx, workerTokenA)
		})
		t.Logf("the worker's token is accepted %v after the binding", time.Since(start).Round(10*time.Millisecond))
	})
	if t.Failed() {
		return
	}

	// The second server reads the cluster's keys only at start and for an
	// unknown kid (its periodic refresh is an hour away).
	unknownKid := startClusterServer(t, ctx, "unknown-kid", bin, p, policy, apiServerKeys(cluster, serverTokenFile, caFile), time.Hour)
	waitFor(t, unknownKid.ctx, 60*time.Second, "the unknown-kid server accepts the worker's token", func() bool {
		return unknownKid.probe.canDescribePayroll(t, unknownKid.ctx, workerTokenA)
	})
	// Its last fetch of the keys was before this.
	unknownKidFetched := time.Now()

	// File mode: the JWKS the user exports from the cluster
	// (`kubectl get --raw /openid/v1/jwks`), read from a file.
	jwksFile := filepath.Join(files, "cluster-jwks.json")
	exportJWKS := func(t *testing.T) {
		t.Helper()
		var jwks json.RawMessage
		api.do(t, ctx, http.MethodGet, "/openid/v1/jwks", nil, &jwks)
		writeFileAtomic(t, jwksFile, jwks)
	}
	exportJWKS(t)
	fileMode := startClusterServer(t, ctx, "jwks-file", bin, p, policy, map[string]string{authz.EnvClusterJWKSFile: jwksFile}, 3*time.Second)

	workerSub := serviceAccountSubject(workerNamespace, workerAccount)
	t.Run("the worker's token is allowed exactly its grant", func(t *testing.T) {
		from := len(readAuditLog(t, periodic.logFile))
		periodic.probe.checkWorkerGrants(t, periodic.ctx, workerTokenA)
		// The audit log names the worker by the policy's name.
		checkDenials(t, periodic, from, probeCallCount(false), "the worker's denied calls", func(l auditLine) bool {
			return l.str("token") == "valid" && l.str("subject") == workerSub && l.str("worker") == saWorkerName && l.str("principal") == saWorkerName
		})
		unknownKid.probe.checkWorkerGrants(t, unknownKid.ctx, workerTokenA)
		fileMode.probe.checkWorkerGrants(t, fileMode.ctx, workerTokenA)
	})

	// A real worker, its token in a file as the projected volume gives it.
	workerTokenFile := filepath.Join(files, "worker-token")
	writeFileAtomic(t, workerTokenFile, []byte(workerTokenA))
	sdk := dialTokenFile(t, periodic.ctx, periodic.frontend, "payroll", workerTokenFile)
	w := worker.New(sdk, saTaskQueue, worker.Options{})
	w.RegisterWorkflow(PayrollWorkflow)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	runWorkflow := func(t *testing.T, id string) {
		t.Helper()
		wctx, cancel := context.WithTimeout(periodic.ctx, 60*time.Second)
		defer cancel()
		run, err := sdk.ExecuteWorkflow(wctx, client.StartWorkflowOptions{ID: id, TaskQueue: saTaskQueue}, PayrollWorkflow, id)
		if err != nil {
			t.Fatalf("the worker starting %s: %v", id, err)
		}
		var result string
		if err := run.Get(wctx, &result); err != nil || result != "paid "+id {
			t.Fatalf("workflow %s: result %q, %v", id, result, err)
		}
	}
	t.Run("a worker with its service-account token runs a workflow in payroll", func(t *testing.T) {
		runWorkflow(t, "wi-run-1")
	})

	t.Run("refused", func(t *testing.T) {
		idpToken := p.sign(t, kid, p.claims(workerSub, nil))
		// Valid, but mapped to no worker: no grants.
		noWorker := func(sub string) func(auditLine) bool {
			return func(l auditLine) bool {
				return l.str("token") == "valid" && l.str("subject") == sub && l.str("worker") == ""
			}
		}
		for _, tc := range []struct {
			what, token string
			audit       func(auditLine) bool
		}{
			{"the worker's token for the API server's audience", apiAudienceToken, tokenProblem(authz.ErrAudience)},
			{"a token of another service account", otherAccountToken, noWorker(serviceAccountSubject(workerNamespace, otherAccount))},
			{"the worker's token from another cluster with the same issuer URL", foreignToken, tokenProblem(authz.ErrUnknownKid)},
			{"an identity provider token whose sub is the worker's service account", idpToken, noWorker(workerSub)},
		} {
			from := len(readAuditLog(t, periodic.logFile))
			periodic.probe.checkRefused(t, periodic.ctx, tc.what, tc.token)
			checkDenials(t, periodic, from, probeCallCount(true), tc.what, tc.audit)
		}
		fileMode.probe.checkRefused(t, fileMode.ctx, "the worker's token from another cluster with the same issuer URL", foreignToken)
	})

	t.Run("key rotation", func(t *testing.T) {
		// The API server is down for the restart: the server keeps the keys it has.
		cluster.stop()
		time.Sleep(3*time.Second + time.Second)
		waitLogLine(t, periodic.ctx, periodic.logFile, 30*time.Second, "the periodic refresh fails while the API server is down",
			regexp.MustCompile(`(?m)^.*"issuer":"cluster".*connection refused.*$`))
		if !periodic.probe.canDescribePayroll(t, periodic.ctx, workerTokenA) {
			t.Fatal("the worker's token is refused while the API server is down")
		}

		// Sign with B, still accept A.
		cluster = startKubeCluster(t, ctx, kubeBin, "cluster-rotating", kubeClusterOptions{
			issuer: clusterIssuer, signingKey: keyB, keyFiles: []string{keyA}, dataDir: dataDir, port: cluster.port,
		})
		api = cluster.api
		workerTokenB := api.requestToken(t, ctx, workerNamespace, workerAccount, []string{clusterAudience}, tokenSeconds)
		kidB := tokenKid(t, workerTokenB)
		if kidB == kidA {
			t.Fatalf("the new key has the old key's id %s", kidA)
		}
		checkIssued(t, workerTokenB, kidB, clusterAudience, serviceAccountSubject(workerNamespace, workerAccount))

		// The unknown-kid server fetches for the new kid only once the
		// minimum interval since its last fetch has passed.
		if wait := time.Until(unknownKidFetched.Add(authz.DefaultMinRefreshInterval + time.Second)); wait > 0 {
			t.Logf("waiting %v: the unknown-kid server fetched its keys less than %v ago", wait.Round(100*time.Millisecond), authz.DefaultMinRefreshInterval)
			time.Sleep(wait)
		}
		start := time.Now()
		waitFor(t, unknownKid.ctx, 20*time.Second, "the unknown-kid server accepts the new kid", func() bool {
			return unknownKid.probe.canDescribePayroll(t, unknownKid.ctx, workerTokenB)
		})
		unknownKidFetched = time.Now()
		t.Logf("unknown-kid server (refresh interval 1h): the new kid %s accepted %v after its first use", kidB, time.Since(start).Round(10*time.Millisecond))
		waitFor(t, periodic.ctx, 20*time.Second, "the periodic server accepts the new kid", func() bool {
			return periodic.probe.canDescribePayroll(t, periodic.ctx, workerTokenB)
		})
		for _, s := range []*clusterServer{periodic, unknownKid} {
			if !s.probe.canDescribePayroll(t, s.ctx, workerTokenA) {
				t.Errorf("%s: the old kid %s is refused while the cluster still accepts it", s.probe.name, kidA)
			}
		}
		periodic.probe.checkWorkerGrants(t, periodic.ctx, workerTokenB)
		// File mode follows the file, not the cluster: the new kid is
		// refused until the user exports the JWKS again.
		if fileMode.probe.canDescribePayroll(t, fileMode.ctx, workerTokenB) {
			t.Error("jwks-file: the new kid is accepted before the file has it")
		}

		// The kubelet rotates the projected tokens: now signed with B.
		writeFileAtomic(t, serverTokenFile, []byte(api.requestToken(t, ctx, serverNamespace, serverAccount, nil, tokenSeconds)))
		writeFileAtomic(t, workerTokenFile, []byte(workerTokenB))

		// B only.
		cluster.stop()
		cluster = startKubeCluster(t, ctx, kubeBin, "cluster-rotated", kubeClusterOptions{
			issuer: clusterIssuer, signingKey: keyB, dataDir: dataDir, port: cluster.port,
		})
		api = cluster.api
		if err := api.call(ctx, serverTokenA, http.MethodGet, "/openid/v1/jwks", nil, nil); !errors.As(err, &se) || se.code != http.StatusUnauthorized {
			t.Fatalf("the server's old token (key A) reading the JWKS: %v, want 401", err)
		}
		start = time.Now()
		waitFor(t, periodic.ctx, 30*time.Second, "the periodic server refuses the old kid", func() bool {
			return !periodic.probe.canDescribePayroll(t, periodic.ctx, workerTokenA)
		})
		t.Logf("periodic server (refresh interval 3s): the old kid %s refused %v after the restart without it", kidA, time.Since(start).Round(10*time.Millisecond))
		from := len(readAuditLog(t, periodic.logFile))
		periodic.probe.checkRefused(t, periodic.ctx, "the old kid after the rotation", workerTokenA)
		checkDenials(t, periodic, from, probeCallCount(true), "the old kid after the rotation", tokenProblem(authz.ErrUnknownKid))
		periodic.probe.checkWorkerGrants(t, periodic.ctx, workerTokenB)
		runWorkflow(t, "wi-run-2")

		// File mode: the user exports the JWKS (B only) again.
		exportJWKS(t)
		waitFor(t, fileMode.ctx, 20*time.Second, "jwks-file: the file's new keys apply", func() bool {
			return fileMode.probe.canDescribePayroll(t, fileMode.ctx, workerTokenB) && !fileMode.probe.canDescribePayroll(t, fileMode.ctx, workerTokenA)
		})
		fileMode.probe.checkWorkerGrants(t, fileMode.ctx, workerTokenB)
		fileMode.probe.checkRefused(t, fileMode.ctx, "jwks-file: the old kid after the rotation", workerTokenA)

		// The unknown-kid server still has A: nothing made it refresh.
		if !unknownKid.probe.canDescribePayroll(t, unknownKid.ctx, workerTokenA) {
			t.Errorf("unknown-kid server: the old kid refused before any refresh")
		}
		// An unknown kid (the other cluster's) makes it refresh, once the
		// minimum interval has passed.
		if wait := time.Until(unknownKidFetched.Add(authz.DefaultMinRefreshInterval + time.Second)); wait > 0 {
			t.Logf("waiting %v for the unknown-kid server's minimum refresh interval", wait.Round(100*time.Millisecond))
			time.Sleep(wait)
		}
		unknownKid.probe.checkRefused(t, unknownKid.ctx, "the other cluster's token", foreignToken)
		waitFor(t, unknownKid.ctx, 20*time.Second, "the unknown-kid server refuses the old kid", func() bool {
			return !unknownKid.probe.canDescribePayroll(t, unknownKid.ctx, workerTokenA)
		})
		from = len(readAuditLog(t, unknownKid.logFile))
		unknownKid.probe.checkRefused(t, unknownKid.ctx, "the old kid after the rotation", workerTokenA)
		checkDenials(t, unknownKid, from, probeCallCount(true), "the old kid after the rotation", tokenProblem(authz.ErrUnknownKid))
		unknownKid.probe.checkWorkerGrants(t, unknownKid.ctx, workerTokenB)
	})
	t.Logf("scenario took %v after the builds", time.Since(testStart).Round(100*time.Millisecond))
}

// tokenProblem matches the audit lines of a token refused with problem.
func tokenProblem(problem error) func(auditLine) bool {
	return func(l auditLine) bool { return l.str("token") == "invalid" && l.str("tokenProblem") == problem.Error() }
}

// probeCallCount is the number of probeCalls the worker's grant allows
// (allowed true) or denies.
func probeCallCount(allowed bool) int {
	n := 0
	for _, c := range probeCalls {
		if c.worker == allowed {
			n++
		}
	}
	return n
}

// checkDenials waits for `want` deny lines in the audit log after its
// first `from` lines and checks each with ok.
func checkDenials(t *testing.T, s *clusterServer, from, want int, what string, ok func(auditLine) bool) {
	t.Helper()
	var denials []auditLine
	waitFor(t, s.ctx, 10*time.Second, fmt.Sprintf("%d deny lines in the audit log: %s", want, what), func() bool {
		denials = denials[:0]
		for _, l := range readAuditLog(t, s.logFile)[from:] {
			if l.str("decision") == authz.DecisionDeny {
				denials = append(denials, l)
			}
		}
		return len(denials) >= want
	})
	for _, l := range denials {
		if !ok(l) {
			t.Errorf("%s: %s: audit line %v", s.probe.name, what, l)
		}
	}
	t.Logf("%s: %s: %d deny lines, e.g. %v", s.probe.name, what, len(denials), denials[0])
}

// authLogLines are the last n lines of temporal-auth's own log (not the
// audit log) in a server's output file.
func authLogLines(file string, n int) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return err.Error()
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.Contains(l, `"msg":"temporal-auth`) {
			if len(l) > 600 {
				l = l[:600] + "..."
			}
			lines = append(lines, l)
		}
	}
	return lastLines(strings.Join(lines, "\n"), n)
}

// tokenKid is the key id in a JWT's header.
func tokenKid(t *testing.T, token string) string {
	t.Helper()
	header, _ := jwtParts(t, token)
	kid, _ := header["kid"].(string)
	if kid == "" {
		t.Fatal("a token without kid")
	}
	return kid
}

// checkIssued checks what the API server put in a token it issued.
func checkIssued(t *testing.T, token, kid, audience, subject string) {
	t.Helper()
	header, claims := jwtParts(t, token)
	aud, _ := claims["aud"].([]any)
	if header["kid"] != kid || claims["iss"] != clusterIssuer || claims["sub"] != subject || len(aud) != 1 || aud[0] != audience {
		t.Fatalf("token header %v claims %v: want kid %s, iss %s, sub %s, aud [%s]", header, claims, kid, clusterIssuer, subject, audience)
	}
}

// dialTokenFile is an SDK client whose token is read from file on each call.
func dialTokenFile(t *testing.T, ctx context.Context, hostPort, ns, file string) client.Client {
	t.Helper()
	c, err := client.DialContext(ctx, client.Options{HostPort: hostPort, Namespace: ns, HeadersProvider: tokenFileHeaders{file}, Logger: sdklog.NewStructuredLogger(discardSlog())})
	if err != nil {
		t.Fatalf("dial %s: %v", hostPort, err)
	}
	t.Cleanup(c.Close)
	return c
}

// clusterIssuerRBAC is the CLI's cluster-issuer-rbac.yaml for
// examples/workload-identity.yaml (release namespace temporal): its golden
// file, which test/render.test.ts holds equal to what `temporal-auth
// render` writes. It must bind Kubernetes' discovery role to the service
// accounts of the server's namespace, and nothing else.
func clusterIssuerRBAC(t *testing.T) []byte {
	t.Helper()
	file := filepath.Join(repoRoot(t), "test", "golden", "workload-identity", "cluster-issuer-rbac.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var crb struct {
		Kind    string `yaml:"kind"`
		RoleRef struct {
			Kind string `yaml:"kind"`
			Name string `yaml:"name"`
		} `yaml:"roleRef"`
		Subjects []struct {
			Kind string `yaml:"kind"`
			Name string `yaml:"name"`
		} `yaml:"subjects"`
	}
	if err := yaml.Unmarshal(data, &crb); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if crb.Kind != "ClusterRoleBinding" || crb.RoleRef.Kind != "ClusterRole" || crb.RoleRef.Name != discoveryRole ||
		len(crb.Subjects) != 1 || crb.Subjects[0].Kind != "Group" || crb.Subjects[0].Name != "system:serviceaccounts:"+serverNamespace {
		t.Fatalf("%s is not the binding of %s to group system:serviceaccounts:%s, the server's namespace here:\n%s", file, discoveryRole, serverNamespace, data)
	}
	return data
}
