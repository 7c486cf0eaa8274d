package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	enumspb "go.temporal.io/api/enums/v1"
	historypb "go.temporal.io/api/history/v1"
	taskqueuepb "go.temporal.io/api/taskqueue/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/worker"
	"go.temporal.io/server/common/dynamicconfig"
	serverheaders "go.temporal.io/server/common/headers"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"gopkg.in/yaml.v3"
)

// auditLine is one line of the audit log (schemas/audit-line.schema.json).
type auditLine map[string]any

func (l auditLine) str(field string) string { s, _ := l[field].(string); return s }

var (
	auditSchemaOnce sync.Once
	auditSchema     *jsonschema.Schema
	auditSchemaErr  error
)

// readAuditLog returns the audit lines of a server's output file (the lines
// whose `log` is temporal-auth.audit), each checked against
// schemas/audit-line.schema.json with formats asserted; a line that names
// the audit log but is not one JSON object (interleaved, cut) fails the
// test. A last line without its newline is still being written and is left
// out. Temporal's own log lines are skipped. `temporal-auth audit` reads the
// same file.
func readAuditLog(t *testing.T, file string) []auditLine {
	t.Helper()
	auditSchemaOnce.Do(func() {
		data, err := os.ReadFile(repoRoot(t) + "/schemas/audit-line.schema.json")
		if err != nil {
			auditSchemaErr = err
			return
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			auditSchemaErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		if err := c.AddResource("audit-line.schema.json", doc); err != nil {
			auditSchemaErr = err
			return
		}
		auditSchema, auditSchemaErr = c.Compile("audit-line.schema.json")
	})
	if auditSchemaErr != nil {
		t.Fatal(auditSchemaErr)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	} else {
		data = nil
	}
	var out []auditLine
	for raw := range bytes.SplitSeq(data, []byte("\n")) {
		if !bytes.Contains(raw, []byte("temporal-auth.audit")) {
			continue
		}
		var line auditLine
		if err := json.Unmarshal(raw, &line); err != nil {
			if bytes.HasPrefix(raw, []byte(`{"level":`)) {
				continue // Temporal's log quoting the text
			}
			t.Fatalf("an audit line is not JSON (%v): %q", err, raw)
		}
		if line["log"] != "temporal-auth.audit" {
			continue
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		if err := auditSchema.Validate(inst); err != nil {
			t.Fatalf("audit line does not match audit-line.schema.json: %v\n%s", err, raw)
		}
		out = append(out, line)
	}
	return out
}

// waitForAudit waits until the server's log holds an audit line for which
// match is true, and returns it.
func waitForAudit(t *testing.T, ctx context.Context, file, what string, match func(auditLine) bool) auditLine {
	t.Helper()
	var found auditLine
	waitFor(t, ctx, 10*time.Second, "audit line: "+what, func() bool {
		for _, l := range readAuditLog(t, file) {
			if match(l) {
				found = l
				return true
			}
		}
		return false
	})
	return found
}

// TestShadowModeAuditPrincipalAndWebUI runs the built server with a policy
// in shadow mode, then enforcing payroll, then enforcing everything
// (reloaded in place), with principal propagation on and the principal
// claim `email`: an ungranted call is let through and logged as would-deny;
// history events carry the principal the server computed, whatever the
// client sends; a namespace-only user's ListNamespaces lists exactly their
// namespaces; a hostile namespace gives one schema-valid, truncated line.
func TestShadowModeAuditPrincipalAndWebUI(t *testing.T) {
	okta, err := os.ReadFile("../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	policyWith := func(enforce map[string]any) []byte {
		var doc map[string]any
		if err := json.Unmarshal(okta, &doc); err != nil {
			t.Fatal(err)
		}
		doc["principal"] = map[string]any{"claim": "email"}
		if enforce != nil {
			doc["enforce"] = enforce
		}
		return mustJSON(doc)
	}
	bin := buildServer(t)
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()
	p := newIDP(t)
	// This server runs without the token cache (TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES=0):
	// every call verifies its token from scratch, the path the other
	// scenarios (cache on, the default) take only at a token's first call.
	srv := startServerCapturingLog(t, ctx, bin, p, policyWith(map[string]any{"default": false}), serverLaunch{
		env: map[string]string{authz.EnvTokenCacheEntries: "0"},
		dynamicConfig: []dynamicSetting{
			{dynamicconfig.EnablePrincipalPropagation.Key().String(), "true"},
			// Long namespaces reach the authorizer (Temporal refuses names
			// over limit.maxIDLength, 1,000 bytes by default, before it).
			{dynamicconfig.MaxIDLengthLimit.Key().String(), "200000"},
		},
	})
	ctx = srv.ctx
	waitLogLine(t, ctx, srv.logFile, 10*time.Second, "the server logs that its token cache is off", regexp.MustCompile(`temporal-auth: token cache off`))
	conn, err := grpc.NewClient(srv.frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	wsc := workflowservice.NewWorkflowServiceClient(conn)
	as := func(token string, kv ...string) context.Context {
		md := append([]string{"authorization", "Bearer " + token}, kv...)
		if token == "" {
			md = kv
		}
		return metadata.AppendToOutgoingContext(ctx, md...)
	}
	token := func(sub string, extra map[string]any) string { return p.sign(t, kid, p.claims(sub, extra)) }
	auditor := token("fin-auditor", map[string]any{"groups": []any{"finance-auditors"}, "email": "fin@acme.example"})
	engineer := token("pat-engineer", map[string]any{"groups": []any{"payroll-engineers"}, "email": "pat@acme.example"})
	engineering := token("eng", map[string]any{"groups": []any{"engineering"}})
	nobody := token("contractor", map[string]any{"groups": []any{"contractors"}, "email": "c@acme.example"})
	workerToken := token("0oa-payroll-svc", map[string]any{"cid": "0oa-payroll"})
	start := func(ctx context.Context, ns, id, tq string) error {
		_, err := wsc.StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
			Namespace: ns, WorkflowId: id, WorkflowType: workflowType(), TaskQueue: taskQueueNamed(tq), RequestId: id})
		return err
	}
	isStart := func(ns string) func(auditLine) bool {
		return func(l auditLine) bool { return l.str("api") == ws+"StartWorkflowExecution" && l.str("namespace") == ns }
	}
	forged := []string{serverheaders.PrincipalTypeHeaderName, "jwt", serverheaders.PrincipalNameHeaderName, "root-admin"}

	t.Run("shadow mode lets the ungranted call through and logs it", func(t *testing.T) {
		// finance-auditors read payroll: starting there is refused when enforcing.
		if err := start(as(auditor), "payroll", "shadow-1", "nobody-polls"); !passedAuthorizer(t, err, "auditor start in shadow mode") {
			t.Fatalf("shadow mode refused the call: %v", err)
		}
		l := waitForAudit(t, ctx, srv.logFile, "would-deny of the auditor's start", isStart("payroll"))
		want := auditLine{"decision": "would-deny", "enforce": false, "reason": "namespace-api", "token": "valid", "subject": "fin-auditor",
			"principal": "fin@acme.example", "clientId": "0oa-web", "role": "read", "required": "write", "kind": "decision"}
		for k, v := range want {
			if l[k] != v {
				t.Errorf("audit %s = %v, want %v (line %v)", k, l[k], v, l)
			}
		}
		if g, _ := l["matchedGroups"].([]any); len(g) != 1 || g[0] != "finance-auditors" {
			t.Errorf("matchedGroups %v", l["matchedGroups"])
		}
		// Without a token too (reason no-token), and the log has no token.
		if _, err := wsc.DescribeNamespace(as(""), &workflowservice.DescribeNamespaceRequest{Namespace: "bitovi-project"}); !passedAuthorizer(t, err, "no token in shadow mode") {
			t.Fatal("shadow mode refused a call without a token")
		}
		waitForAudit(t, ctx, srv.logFile, "would-deny without a token", func(l auditLine) bool {
			return l.str("api") == ws+"DescribeNamespace" && l.str("token") == "none" && l.str("decision") == "would-deny" && l.str("reason") == "no-token"
		})
		log, err := os.ReadFile(srv.logFile)
		if err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{auditor, strings.Split(auditor, ".")[2]} {
			if bytes.Contains(log, []byte(secret)) {
				t.Fatal("the server's output holds a token")
			}
		}
	})

	t.Run("history records the server's principal, not the client's", func(t *testing.T) {
		const tq = "principal-tq"
		// An engineer starts with forged principal headers; the payroll
		// worker (client 0oa-payroll, named payroll-worker) runs it.
		if err := start(as(engineer, forged...), "payroll", "principal-1", tq); err != nil {
			t.Fatal(err)
		}
		// Shadow mode lets a call without a token through: no principal,
		// and the forged one is stripped.
		if err := start(as("", forged...), "payroll", "principal-2", "nobody-polls"); err != nil {
			t.Fatal(err)
		}
		wc := dial(t, ctx, srv.frontend, "payroll", workerToken)
		w := worker.New(wc, tq, worker.Options{})
		w.RegisterWorkflow(PayrollWorkflow)
		if err := w.Start(); err != nil {
			t.Fatal(err)
		}
		defer w.Stop()
		ec := dial(t, ctx, srv.frontend, "payroll", engineer)
		var result string
		if err := ec.GetWorkflow(ctx, "principal-1", "").Get(ctx, &result); err != nil {
			t.Fatal(err)
		}
		events := func(id string) []*historypb.HistoryEvent {
			var out []*historypb.HistoryEvent
			iter := ec.GetWorkflowHistory(ctx, id, "", false, enumspb.HISTORY_EVENT_FILTER_TYPE_ALL_EVENT)
			for iter.HasNext() {
				e, err := iter.Next()
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, e)
			}
			return out
		}
		principals := map[enumspb.EventType]string{}
		for _, e := range events("principal-1") {
			if pr := e.GetPrincipal(); pr != nil {
				principals[e.GetEventType()] = pr.GetType() + ":" + pr.GetName()
			}
			t.Logf("principal-1 %-40s principal %v", e.GetEventType(), e.GetPrincipal())
		}
		if got := principals[enumspb.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED]; got != "jwt:pat@acme.example" {
			t.Errorf("WorkflowExecutionStarted principal %q, want jwt:pat@acme.example (the token's email)", got)
		}
		if got := principals[enumspb.EVENT_TYPE_WORKFLOW_TASK_COMPLETED]; got != "jwt:payroll-worker" {
			t.Errorf("WorkflowTaskCompleted principal %q, want jwt:payroll-worker (the worker's name)", got)
		}
		for _, e := range events("principal-2") {
			if e.GetPrincipal() != nil {
				t.Errorf("principal-2 %s: principal %v, want none (no token; the client's headers are stripped)", e.GetEventType(), e.GetPrincipal())
			}
		}
		for typ, pr := range principals {
			if strings.Contains(pr, "root-admin") {
				t.Errorf("%s carries the forged principal", typ)
			}
		}
	})

	replacePolicy := func(data []byte) {
		tmp := srv.policyFile + ".new"
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, srv.policyFile); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("enforcing payroll denies there only", func(t *testing.T) {
		replacePolicy(policyWith(map[string]any{"default": false, "namespaces": map[string]any{"payroll": true}}))
		waitFor(t, ctx, 10*time.Second, "payroll enforced", func() bool {
			return !passedAuthorizer(t, start(as(auditor), "payroll", "shadow-2", "nobody-polls"), "auditor start in payroll")
		})
		waitForAudit(t, ctx, srv.logFile, "deny in payroll", func(l auditLine) bool {
			return isStart("payroll")(l) && l.str("decision") == "deny" && l["enforce"] == true
		})
		if err := start(as(auditor), "bitovi-project", "shadow-3", "nobody-polls"); !passedAuthorizer(t, err, "auditor start in bitovi-project") {
			t.Fatal("bitovi-project is in shadow mode: the call must pass")
		}
		waitForAudit(t, ctx, srv.logFile, "would-deny in bitovi-project", func(l auditLine) bool {
			return isStart("bitovi-project")(l) && l.str("decision") == "would-deny" && l["enforce"] == false
		})
	})

	t.Run("enforcing everything: the Web UI's calls for namespace users", func(t *testing.T) {
		replacePolicy(policyWith(nil))
		waitFor(t, ctx, 10*time.Second, "everything enforced", func() bool {
			_, err := wsc.DescribeNamespace(as(nobody), &workflowservice.DescribeNamespaceRequest{Namespace: "bitovi-project"})
			return !passedAuthorizer(t, err, "nobody describes bitovi-project")
		})
		list := func(tok string) ([]string, error) {
			resp, err := wsc.ListNamespaces(as(tok), &workflowservice.ListNamespacesRequest{PageSize: 100})
			return namespaceNames(resp), err
		}
		if names, err := list(auditor); err != nil || !slices.Equal(names, []string{"payroll"}) {
			t.Errorf("finance-auditors' ListNamespaces: %v, %v; want [payroll]", names, err)
		}
		if names, err := list(workerToken); err != nil || !slices.Equal(names, []string{"payroll"}) {
			t.Errorf("the payroll worker's ListNamespaces: %v, %v; want [payroll]", names, err)
		}
		if _, err := wsc.GetClusterInfo(as(auditor), &workflowservice.GetClusterInfoRequest{}); err != nil {
			t.Errorf("finance-auditors' GetClusterInfo: %v", err)
		}
		// The frontend's HTTP API runs the same interceptors.
		if names := listOverHTTP(t, ctx, srv.frontendHTTP, auditor); !slices.Equal(names, []string{"payroll"}) {
			t.Errorf("finance-auditors' GET /api/v1/namespaces lists %v, want [payroll]", names)
		}
		names, err := list(engineering)
		if err != nil || !slices.Contains(names, "payroll") || !slices.Contains(names, "bitovi-project") || !slices.Contains(names, "temporal-system") {
			t.Errorf("engineering (system read) lists %v, %v; want every namespace", names, err)
		}
		if _, err := list(nobody); !denied(t, err, "nobody ListNamespaces") {
			t.Error("a user with no role lists namespaces")
		}
		if _, err := wsc.GetClusterInfo(as(nobody), &workflowservice.GetClusterInfoRequest{}); !denied(t, err, "nobody GetClusterInfo") {
			t.Error("a user with no role gets cluster info")
		}
		if _, err := list(""); !denied(t, err, "no token ListNamespaces") {
			t.Error("a call without a token lists namespaces")
		}
		waitForAudit(t, ctx, srv.logFile, "deny of ListNamespaces to a user with no role", func(l auditLine) bool {
			return l.str("api") == ws+"ListNamespaces" && l.str("decision") == "deny" && l.str("subject") == "contractor" && l.str("reason") == "cluster-api"
		})
	})

	// The runbook's loop (README "Turning auth on without an outage"): the
	// would-deny lines of the shadow-mode subtest, read by `temporal-auth
	// audit --spec`, give the grant that fixes them; that grant applied to
	// the spec and rendered by the CLI, an enforcing server allows the call
	// it refused without it.
	t.Run("temporal-auth audit's grant, applied, allows the call when enforcing", func(t *testing.T) {
		root := repoRoot(t)
		specFile := filepath.Join(root, "examples", "okta.yaml")
		out := runCLI(t, ctx, root, "audit", srv.logFile, "--spec", specFile, "-o", "json")
		var report struct {
			Suggestions []struct {
				Identity struct {
					Principal string `json:"principal"`
				} `json:"identity"`
				Namespace string         `json:"namespace"`
				Change    string         `json:"change"`
				Group     string         `json:"group"`
				Role      string         `json:"role"`
				Status    string         `json:"status"`
				Patch     map[string]any `json:"patch"`
				YAML      string         `json:"yaml"`
			} `json:"suggestions"`
		}
		if err := json.Unmarshal(out, &report); err != nil {
			t.Fatalf("temporal-auth audit -o json: %v\n%s", err, out)
		}
		found := -1
		for i, s := range report.Suggestions {
			if s.Identity.Principal == "fin@acme.example" && s.Namespace == "payroll" {
				found = i
			}
		}
		if found < 0 {
			t.Fatalf("no suggestion for fin@acme.example in payroll: %s", out)
		}
		fix := report.Suggestions[found]
		// finance-auditors read payroll; starting a workflow needs write.
		if fix.Change != "group-grant" || fix.Group != "finance-auditors" || fix.Role != "write" || fix.Status != "broader" {
			t.Fatalf("suggestion %+v, want finance-auditors write on payroll (a broader role)", fix)
		}
		if !strings.Contains(fix.YAML, "group: finance-auditors") || !strings.Contains(fix.YAML, "role: write") {
			t.Errorf("the YAML to paste: %q", fix.YAML)
		}
		text := runCLI(t, ctx, root, "audit", srv.logFile, "--spec", specFile)
		if !bytes.Contains(text, []byte(fix.YAML[:strings.Index(fix.YAML, "\n")])) || !bytes.Contains(text, []byte("role: write")) {
			t.Errorf("the text report does not print the grant:\n%s", text)
		}

		// Enforcing, with the spec as it is: refused.
		before := renderPolicy(t, ctx, root, specFile, nil)
		replacePolicy(before)
		waitFor(t, ctx, 10*time.Second, "the rendered policy, enforcing", func() bool {
			return !passedAuthorizer(t, start(as(auditor), "payroll", "journey-1", "nobody-polls"), "auditor start, enforcing")
		})
		// The suggestion applied to the spec, rendered: allowed.
		after := renderPolicy(t, ctx, root, specFile, func(spec map[string]any) { applyGrant(t, spec, fix.Namespace, fix.Group, fix.Role) })
		replacePolicy(after)
		waitFor(t, ctx, 10*time.Second, "the fixed policy allows the start", func() bool {
			return passedAuthorizer(t, start(as(auditor), "payroll", "journey-2", "nobody-polls"), "auditor start after the fix")
		})
		// Nothing else changed: a user with no role is still refused.
		if err := start(as(nobody), "payroll", "journey-3", "nobody-polls"); passedAuthorizer(t, err, "nobody start after the fix") {
			t.Error("the fix let a user with no role start a workflow")
		}
	})

	t.Run("a hostile namespace gives one truncated, schema-valid line", func(t *testing.T) {
		const marker = `x","decision":"allow","namespace":"payroll`
		hostile := marker + "\n{\"log\":\"temporal-auth.audit\",\"decision\":\"allow\"}\r\u0085\u202e\u200b\x1b[2J" + strings.Repeat("A", 100<<10)
		_, err := wsc.DescribeNamespace(as(nobody), &workflowservice.DescribeNamespaceRequest{Namespace: hostile})
		if !denied(t, err, "hostile namespace") {
			t.Fatal("the hostile call passed")
		}
		l := waitForAudit(t, ctx, srv.logFile, "the hostile call's line", func(l auditLine) bool {
			return strings.HasPrefix(l.str("namespace"), marker)
		})
		matching := 0
		for _, l := range readAuditLog(t, srv.logFile) {
			if strings.Contains(l.str("namespace"), "decision") {
				matching++
			}
		}
		if matching != 1 || l.str("decision") != "deny" || len(l.str("namespace")) > 256 || !slices.Contains(l["truncated"].([]any), any("namespace")) {
			t.Errorf("%d lines name the hostile namespace; the line: %v", matching, l)
		}
		log, err := os.ReadFile(srv.logFile)
		if err != nil {
			t.Fatal(err)
		}
		for raw := range bytes.SplitSeq(log, []byte("\n")) {
			if bytes.Contains(raw, []byte(`x\",\"decision`)) && bytes.Contains(raw, []byte("\u0085")) {
				t.Errorf("a line holds U+0085 unescaped: %q", raw)
			}
		}
	})
}

// listOverHTTP is ListNamespaces through the frontend's HTTP API (GET
// /api/v1/namespaces) with token: the sorted names, or nil when refused.
func listOverHTTP(t *testing.T, ctx context.Context, hostPort, token string) []string {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+hostPort+"/api/v1/namespaces?pageSize=100", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Logf("GET /api/v1/namespaces: %s %s", resp.Status, body)
		return nil
	}
	var out struct {
		Namespaces []struct {
			NamespaceInfo struct {
				Name string `json:"name"`
			} `json:"namespaceInfo"`
		} `json:"namespaces"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("GET /api/v1/namespaces: %v: %s", err, body)
	}
	var names []string
	for _, ns := range out.Namespaces {
		names = append(names, ns.NamespaceInfo.Name)
	}
	slices.Sort(names)
	return names
}

func taskQueueNamed(name string) *taskqueuepb.TaskQueue { return &taskqueuepb.TaskQueue{Name: name} }

// runCLI runs the built temporal-auth CLI (bin/temporal-auth.js) and
// returns its stdout; a non-zero exit fails the test.
func runCLI(t *testing.T, ctx context.Context, root string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{filepath.Join(root, "bin", "temporal-auth.js")}, args...)...)
	cmd.Dir = t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("temporal-auth %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.Bytes()
}

// renderPolicy renders specFile (edited by edit, when given) with the CLI as
// a user does (`render --no-secrets`: the policy needs no secret) and
// returns the policy file the ConfigMap carries.
func renderPolicy(t *testing.T, ctx context.Context, root, specFile string, edit func(map[string]any)) []byte {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile(specFile)
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		var spec map[string]any
		if err := yaml.Unmarshal(data, &spec); err != nil {
			t.Fatal(err)
		}
		edit(spec)
		if data, err = yaml.Marshal(spec); err != nil {
			t.Fatal(err)
		}
	}
	spec := filepath.Join(dir, "spec.yaml")
	if err := os.WriteFile(spec, data, 0o600); err != nil {
		t.Fatal(err)
	}
	runCLI(t, ctx, root, "render", spec, "--out", filepath.Join(dir, "out"), "--no-secrets")
	cm, err := os.ReadFile(filepath.Join(dir, "out", "policy-configmap.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data map[string]string `yaml:"data"`
	}
	if err := yaml.Unmarshal(cm, &doc); err != nil || doc.Data["policy.json"] == "" {
		t.Fatalf("policy-configmap.yaml: %v\n%s", err, cm)
	}
	return []byte(doc.Data["policy.json"])
}

// applyGrant does what the audit's YAML asks of a user: give group role on
// namespace in namespaces.<ns>.grants, changing the group's entry there if
// it has one.
func applyGrant(t *testing.T, spec map[string]any, namespace, group, role string) {
	t.Helper()
	namespaces, _ := spec["namespaces"].(map[string]any)
	ns, _ := namespaces[namespace].(map[string]any)
	if ns == nil {
		t.Fatalf("the spec has no namespace %q", namespace)
	}
	grants, _ := ns["grants"].([]any)
	for _, g := range grants {
		if entry, _ := g.(map[string]any); entry["group"] == group {
			entry["role"] = role
			return
		}
	}
	ns["grants"] = append(grants, map[string]any{"group": group, "role": role})
}
