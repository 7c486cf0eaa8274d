package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	enumspb "go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	sdklog "go.temporal.io/sdk/log"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/sdk/workflow"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"
)

const (
	ws  = "/temporal.api.workflowservice.v1.WorkflowService/"
	ops = "/temporal.api.operatorservice.v1.OperatorService/"
)

// repoRoot is the temporal-auth repository (this module is its server/).
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// cli asks the temporal-auth CLI what it decides for claims calling api in
// ns, under examples/okta.yaml.
type cli struct {
	root string
	dir  string
	mu   sync.Mutex
	n    int
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	root := repoRoot(t)
	if _, err := os.Stat(filepath.Join(root, "dist", "cli.cjs")); err != nil {
		t.Fatalf("the CLI is not built (%v): run `npm ci && npm run build` in %s first", err, root)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is required to compare with the CLI: %v", err)
	}
	return &cli{root: root, dir: t.TempDir()}
}

func (c *cli) allowed(t *testing.T, claims map[string]any, api, ns string) bool {
	t.Helper()
	c.mu.Lock()
	c.n++
	file := filepath.Join(c.dir, fmt.Sprintf("claims-%d.json", c.n))
	c.mu.Unlock()
	if err := os.WriteFile(file, mustJSON(claims), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{filepath.Join(c.root, "bin", "temporal-auth.js"), "explain", filepath.Join(c.root, "examples", "okta.yaml"),
		"--claims", file, "--api", api, "--output", "json"}
	if ns != "" {
		args = append(args, "-n", ns)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 2) { //nolint:staticcheck // QF1001: reads as "failed, other than by exit code 2"
		t.Fatalf("temporal-auth explain %s -n %q: %v\n%s", api, ns, err, stderr.String())
	}
	var out struct {
		Decision *struct {
			Allowed bool `json:"allowed"`
		} `json:"decision"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil || out.Decision == nil {
		t.Fatalf("temporal-auth explain: unexpected output %q (%v)", stdout.String(), err)
	}
	return out.Decision.Allowed
}

// denied reports whether err is the authorizer's refusal; any other error
// fails the test (it means the call got past authorization and then broke).
func denied(t *testing.T, err error, what string) bool {
	t.Helper()
	if err == nil {
		return false
	}
	var pd *serviceerror.PermissionDenied
	if errors.As(err, &pd) || status.Code(err) == codes.PermissionDenied {
		return true
	}
	t.Fatalf("%s: unexpected error: %v", what, err)
	return false
}

// principal is a caller with its token claims and an SDK client.
type principal struct {
	name   string
	claims map[string]any
	token  string
	client client.Client
}

type headers struct{ token string }

func (h headers) GetHeaders(context.Context) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + h.token}, nil
}

func dial(t *testing.T, ctx context.Context, hostPort, ns, token string) client.Client {
	t.Helper()
	var c client.Client
	var err error
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err = client.DialContext(ctx, client.Options{HostPort: hostPort, Namespace: ns, HeadersProvider: headers{token}, Logger: sdklog.NewStructuredLogger(discardSlog())})
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("dial %s: %v", hostPort, err)
	}
	t.Cleanup(c.Close)
	return c
}

func PayrollWorkflow(ctx workflow.Context, who string) (string, error) {
	return "paid " + who, nil
}

func TestEndToEnd(t *testing.T) {
	explain := newCLI(t)
	policy, err := os.ReadFile("../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	bin := buildServer(t) // before the scenario's clock starts: a cold build is slow
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	p := newIDP(t)
	// The token cache on (the default): each principal's token is verified
	// at its first call and served from the cache after, through the
	// refusals and the policy edit below.
	srv := startServerCapturingLog(t, ctx, bin, p, policy, serverLaunch{})
	ctx = srv.ctx // also ends if the server dies
	waitLogLine(t, ctx, srv.logFile, 10*time.Second, "the server logs its token cache's bounds", regexp.MustCompile(`temporal-auth: token cache on.*"entries":10000`))

	newPrincipal := func(name string, extra map[string]any) *principal {
		claims := p.claims(name, extra)
		tok := p.sign(t, kid, claims)
		return &principal{name: name, claims: claims, token: tok, client: dial(t, ctx, srv.frontend, "payroll", tok)}
	}
	group := func(g string) map[string]any { return map[string]any{"groups": []any{g}} }
	engineer := newPrincipal("pat-engineer", group("payroll-engineers"))
	auditor := newPrincipal("fin-auditor", group("finance-auditors"))
	payrollAdmin := newPrincipal("pay-admin", group("payroll-admins"))
	admin := newPrincipal("root-admin", group("temporal-admins"))
	engineering := newPrincipal("eng", group("engineering"))
	workerClient := newPrincipal("0oa-payroll-svc", map[string]any{"cid": "0oa-payroll"})
	nobody := newPrincipal("contractor", group("contractors")) // a group the policy does not name

	// check makes sure the server, the scenario and the CLI agree on a call.
	check := func(who *principal, api, ns string, want bool, err error) {
		t.Helper()
		got := !denied(t, err, who.name+" "+api)
		if got != want {
			t.Errorf("%s %s in %q: server allowed=%v, want %v (err=%v)", who.name, api, ns, got, want, err)
		}
		cliSays := explain.allowed(t, who.claims, ws2full(api), ns)
		t.Logf("%-16s %-45s ns=%-15q server=%v cli=%v", who.name, api, ns, got, cliSays)
		if got != cliSays {
			t.Errorf("%s %s in %q: server allowed=%v but the CLI says %v", who.name, api, ns, got, cliSays)
		}
	}

	// First, so that its verdict is reported even when a wrong authorizer
	// breaks the scenario below.
	t.Run("decisions are Temporal's default authorizer over temporal-auth's claims", func(t *testing.T) {
		checkDefaultAuthorizer(t, ctx, srv.frontend, p, policy,
			[]*principal{engineer, auditor, payrollAdmin, admin, engineering, workerClient, nobody})
	})

	// payroll-engineers start a workflow in payroll; the payroll worker
	// (client 0oa-payroll by cid) runs it.
	const tq = "payroll-tq"
	run, err := engineer.client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "pay-1", TaskQueue: tq}, PayrollWorkflow, "alice")
	check(engineer, "StartWorkflowExecution", "payroll", true, err)
	check(workerClient, "PollWorkflowTaskQueue", "payroll", true, nil) // proven by the completion below
	w := worker.New(workerClient.client, tq, worker.Options{})
	w.RegisterWorkflow(PayrollWorkflow)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Stop)
	var result string
	if err := run.Get(ctx, &result); err != nil || result != "paid alice" {
		t.Fatalf("workflow result %q, %v", result, err)
	}
	check(engineer, "GetWorkflowExecutionHistory", "payroll", true, nil) // run.Get read the history

	_, err = engineer.client.WorkflowService().StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
		Namespace: "bitovi-project", WorkflowId: "nope", WorkflowType: workflowType(), TaskQueue: taskQueue(), RequestId: "r1",
	})
	check(engineer, "StartWorkflowExecution", "bitovi-project", false, err)

	// finance-auditors read payroll but cannot start or terminate.
	_, err = auditor.client.DescribeWorkflowExecution(ctx, "pay-1", "")
	check(auditor, "DescribeWorkflowExecution", "payroll", true, err)
	_, err = auditor.client.ListWorkflow(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: "payroll"})
	check(auditor, "ListWorkflowExecutions", "payroll", true, err)
	_, err = auditor.client.ExecuteWorkflow(ctx, client.StartWorkflowOptions{ID: "pay-2", TaskQueue: tq}, PayrollWorkflow, "bob")
	check(auditor, "StartWorkflowExecution", "payroll", false, err)
	err = auditor.client.TerminateWorkflow(ctx, "pay-1", "", "audit")
	check(auditor, "TerminateWorkflowExecution", "payroll", false, err)

	// payroll-admins administer payroll.
	_, err = payrollAdmin.client.WorkflowService().UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{
		Namespace: "payroll", UpdateInfo: namespaceUpdate(),
	})
	check(payrollAdmin, "UpdateNamespace", "payroll", true, err)

	// temporal-admins: search attributes, and a scratch namespace registered
	// and deleted (the deletion workflow runs on the system worker, which
	// reaches the cluster through the internal frontend).
	_, err = admin.client.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: "payroll", SearchAttributes: map[string]enumspb.IndexedValueType{"PayrollRun": enumspb.INDEXED_VALUE_TYPE_KEYWORD},
	})
	check(admin, "AddSearchAttributes", "payroll", true, err)
	const scratch = "scratch-e2e"
	_, err = admin.client.WorkflowService().RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{
		Namespace: scratch, WorkflowExecutionRetentionPeriod: durationpb.New(24 * time.Hour),
	})
	check(admin, "RegisterNamespace", scratch, true, err)
	var deleted string
	waitFor(t, ctx, 30*time.Second, "scratch namespace deletable", func() bool {
		resp, err := admin.client.OperatorService().DeleteNamespace(ctx, &operatorservice.DeleteNamespaceRequest{Namespace: scratch})
		if err != nil {
			var nf *serviceerror.NamespaceNotFound
			if errors.As(err, &nf) {
				return false // not in the namespace registry yet
			}
			check(admin, "DeleteNamespace", scratch, true, err)
			return false
		}
		deleted = resp.GetDeletedNamespace()
		return true
	})
	check(admin, "DeleteNamespace", scratch, true, nil)
	waitFor(t, ctx, 90*time.Second, "namespace "+deleted+" deleted by the system worker", func() bool {
		_, err := admin.client.WorkflowService().DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: deleted})
		var nf *serviceerror.NamespaceNotFound
		return errors.As(err, &nf)
	})
	t.Logf("scratch namespace %s (renamed %s) is gone", scratch, deleted)

	// engineering: system read.
	_, err = engineering.client.WorkflowService().ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{})
	check(engineering, "ListNamespaces", "", true, err)
	_, err = engineering.client.OperatorService().AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{
		Namespace: "payroll", SearchAttributes: map[string]enumspb.IndexedValueType{"Other": enumspb.INDEXED_VALUE_TYPE_KEYWORD},
	})
	check(engineering, "AddSearchAttributes", "payroll", false, err)
	// payroll-admins: the Web UI's ListNamespaces, payroll only.
	listed, err := payrollAdmin.client.WorkflowService().ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{})
	check(payrollAdmin, "ListNamespaces", "", true, err)
	if names := namespaceNames(listed); !slices.Equal(names, []string{"payroll"}) {
		t.Errorf("payroll-admins' ListNamespaces lists %v, want [payroll]", names)
	}

	t.Run("bad tokens get nothing but health and system info", func(t *testing.T) {
		conn, err := grpc.NewClient(srv.frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = conn.Close() }()
		wsc := workflowservice.NewWorkflowServiceClient(conn)
		health := healthpb.NewHealthClient(conn)
		eng := group("payroll-engineers")
		merge := func(a, b map[string]any) map[string]any {
			out := map[string]any{}
			for k, v := range a {
				out[k] = v
			}
			for k, v := range b {
				out[k] = v
			}
			return out
		}
		now := time.Now().Unix()
		cases := []struct {
			name  string
			token string
		}{
			{"no token", ""},
			{"expired", p.sign(t, kid, p.claims("x", merge(eng, map[string]any{"exp": now - 3600, "iat": now - 7200})))},
			{"wrong audience", p.sign(t, kid, p.claims("x", merge(eng, map[string]any{"aud": "api://other"})))},
			{"wrong issuer", p.sign(t, kid, p.claims("x", merge(eng, map[string]any{"iss": "https://evil.example/oauth2/default"})))},
			{"unknown kid", p.sign(t, "rotated-away", p.claims("x", eng))},
			{"not a jwt", "not.a.jwt"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				cctx := ctx
				if tc.token != "" {
					cctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+tc.token)
				}
				if _, err := health.Check(cctx, &healthpb.HealthCheckRequest{Service: "temporal.api.workflowservice.v1.WorkflowService"}); err != nil {
					t.Errorf("health check: %v", err)
				}
				if _, err := wsc.GetSystemInfo(cctx, &workflowservice.GetSystemInfoRequest{}); err != nil {
					t.Errorf("GetSystemInfo: %v", err)
				}
				calls := map[string]error{}
				_, calls["ListNamespaces"] = wsc.ListNamespaces(cctx, &workflowservice.ListNamespacesRequest{})
				_, calls["DescribeNamespace"] = wsc.DescribeNamespace(cctx, &workflowservice.DescribeNamespaceRequest{Namespace: "payroll"})
				_, calls["StartWorkflowExecution"] = wsc.StartWorkflowExecution(cctx, &workflowservice.StartWorkflowExecutionRequest{
					Namespace: "payroll", WorkflowId: "bad", WorkflowType: workflowType(), TaskQueue: taskQueue(), RequestId: "r2"})
				_, calls["PollWorkflowTaskQueue"] = wsc.PollWorkflowTaskQueue(cctx, &workflowservice.PollWorkflowTaskQueueRequest{Namespace: "payroll", TaskQueue: taskQueue()})
				for api, err := range calls {
					if status.Code(err) != codes.PermissionDenied {
						t.Errorf("%s: want PermissionDenied, got %v", api, err)
					}
				}
			})
		}
	})

	t.Run("policy edit applies without restart", func(t *testing.T) {
		var doc map[string]any
		if err := json.Unmarshal(policy, &doc); err != nil {
			t.Fatal(err)
		}
		delete(doc["groups"].(map[string]any)["engineering"].(map[string]any), "system")
		tmp := srv.policyFile + ".new"
		if err := os.WriteFile(tmp, mustJSON(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, srv.policyFile); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		waitFor(t, ctx, 10*time.Second, "engineering loses ListNamespaces", func() bool {
			_, err := engineering.client.WorkflowService().ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{})
			return denied(t, err, "ListNamespaces")
		})
		t.Logf("policy change applied after %v (the CLI's okta.yaml no longer describes this policy; not compared)", time.Since(start).Round(10*time.Millisecond))
	})
}

// namespaceNames are the names a ListNamespaces answer lists, sorted.
func namespaceNames(resp *workflowservice.ListNamespacesResponse) []string {
	var names []string
	for _, ns := range resp.GetNamespaces() {
		names = append(names, ns.GetNamespaceInfo().GetName())
	}
	slices.Sort(names)
	return names
}

func ws2full(api string) string {
	switch api {
	case "AddSearchAttributes", "DeleteNamespace", "RemoveSearchAttributes", "ListSearchAttributes":
		return ops + api
	}
	return ws + api
}

func waitFor(t *testing.T, ctx context.Context, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		if cond() {
			return
		}
		if ctx.Err() != nil {
			t.Fatalf("gave up waiting for %s: %v", what, context.Cause(ctx))
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for: %s", limit, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
