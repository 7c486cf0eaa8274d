package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	serverheaders "go.temporal.io/server/common/headers"
	"go.temporal.io/server/common/primitives"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"gopkg.in/yaml.v3"
)

// builtinRegex is the permissionsRegex of the builtin-mode spec: the CLI must
// write every permission string in its shape (temporal/payroll/write).
const builtinRegex = `^temporal/(?P<namespace>[^/]+)/(?P<role>[a-z]+)$`

// builtinSpec is the spec's authorization, as data: namespace grants, system
// grants and one worker client. The test derives from it the grants the
// strings in idp-permissions.yaml must stand for.
var builtinSpec = struct {
	namespaces map[string][]specGrant
	system     []specGrant
	worker     builtinWorker
}{
	namespaces: map[string][]specGrant{
		"payroll": {
			{"payroll-admins", "admin"}, {"payroll-engineers", "write"}, {"finance-auditors", "read"},
			{"sre", "admin"}, {"pollers", "worker"},
		},
		"orders": {{"orders-team", "write"}, {"finance-auditors", "read"}},
	},
	system: []specGrant{{"platform-admins", "admin"}, {"engineering", "read"}, {"sre", "write"}},
	worker: builtinWorker{name: "payroll-worker", clientID: "payroll-svc", grants: map[string]string{"payroll": "write", "orders": "read"}},
}

type specGrant struct{ group, role string }

type builtinWorker struct {
	name, clientID string
	grants         map[string]string
}

// unlistedNamespace is registered on the server but named nowhere in the
// spec: only system roles reach it.
const unlistedNamespace = "unlisted"

// specYAML writes the builtin-mode spec: the stock image (server.version is
// the go.temporal.io/server version this module builds), the regex, the test
// issuer with its JWKS, and the audience the tokens carry.
func (p *idp) builtinSpecYAML(t *testing.T) []byte {
	t.Helper()
	namespaces := map[string]any{}
	for ns, grants := range builtinSpec.namespaces {
		namespaces[ns] = map[string]any{"grants": grantList(grants)}
	}
	spec := map[string]any{
		"apiVersion": "temporal-auth/v1",
		"kind":       "AuthSpec",
		"chart":      map[string]any{"version": "1.6.0"},
		"release":    map[string]any{"name": "temporal", "namespace": "temporal"},
		"server": map[string]any{
			"version":       serverheaders.ServerVersion,
			"authorization": map[string]any{"mode": "builtin", "permissionsRegex": builtinRegex},
		},
		"issuer": map[string]any{
			"url":      p.issuer,
			"provider": "generic",
			"audience": audience,
			"jwksUri":  p.jwksURI(),
			"claims":   map[string]any{"permissions": "permissions"},
		},
		"clients": map[string]any{
			"web": map[string]any{
				"clientId":     "temporal-ui",
				"clientSecret": map[string]any{"fromEnv": "TEMPORAL_AUTH_E2E_UNUSED"}, // render --no-secrets reads none
				"callbackUrl":  "https://temporal.acme.example/auth/sso/callback",
			},
			"workers": []any{map[string]any{
				"name":     builtinSpec.worker.name,
				"clientId": builtinSpec.worker.clientID,
				"grants":   builtinSpec.worker.grants,
			}},
		},
		"namespaces": namespaces,
		"system":     map[string]any{"grants": grantList(builtinSpec.system)},
	}
	out, err := yaml.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func grantList(grants []specGrant) []any {
	var out []any
	for _, g := range grants {
		out = append(out, map[string]any{"group": g.group, "role": g.role})
	}
	return out
}

func (p *idp) jwksURI() string { return p.issuer + "/v1/keys" }

// specGrants are the grants the spec gives each group, and the worker, as
// "namespace:role" ("temporal-system:role" for the system role).
func specGrants() (groups map[string][]string, worker []string) {
	groups = map[string][]string{}
	for ns, grants := range builtinSpec.namespaces {
		for _, g := range grants {
			groups[g.group] = append(groups[g.group], ns+":"+g.role)
		}
	}
	for _, g := range builtinSpec.system {
		groups[g.group] = append(groups[g.group], primitives.SystemLocalNamespace+":"+g.role)
	}
	for ns, role := range builtinSpec.worker.grants {
		worker = append(worker, ns+":"+role)
	}
	for g := range groups {
		slices.Sort(groups[g])
	}
	slices.Sort(worker)
	return groups, worker
}

// idpPermissions is idp-permissions.yaml.
type idpPermissions struct {
	Claim            string              `yaml:"claim"`
	PermissionsRegex string              `yaml:"permissionsRegex"`
	Groups           map[string][]string `yaml:"groups"`
	Clients          map[string][]string `yaml:"clients"` // by client ID
}

// readsAs is what the stock claim mapper reads from each string under
// regex (default_jwt_claim_mapper.go, extractPermissions: FindStringSubmatch,
// then the namespace and role groups), as sorted "namespace:role"; a string
// the regex does not match reads as "(ignored) <string>".
func readsAs(regex *regexp.Regexp, strs []string) []string {
	ns, role := regex.SubexpIndex("namespace"), regex.SubexpIndex("role")
	var out []string
	for _, s := range strs {
		if m := regex.FindStringSubmatch(s); m != nil {
			out = append(out, m[ns]+":"+m[role])
		} else {
			out = append(out, "(ignored) "+s)
		}
	}
	slices.Sort(out)
	return out
}

// builtinCaller is one token holder: a group, several groups, the worker
// client, or a hand-written claim set.
type builtinCaller struct {
	name    string   // for reports
	who     []string // explain's arguments naming the caller
	perms   []string // the permissions claim of its token
	row     string   // its row in explain's matrix ("kind principal"), if any
	token   string
	results map[callKey]bool // the server's answers, allowed or not
}

type callKey struct{ method, ns string }

// builtinCalls span the default authorizer's rule: namespace-scoped reads,
// writes (a long poll included), admin, an OperatorService read, and
// cluster-scoped read and admin, plus GetSystemInfo (always allowed). Scope
// and access come from upstream's api.GetMethodMetadata, as the authorizer
// reads them. Each call is harmless when allowed: it reads, starts a
// workflow nobody runs, repeats a namespace update, or polls with a deadline
// shorter than the frontend's minimum for long polls, so that an authorized
// poll fails at once with FailedPrecondition (common.ValidateLongPollContextTimeout)
// instead of waiting.
var builtinCalls = []struct {
	method string
	call   func(ctx context.Context, c stockClients, ns, id string) error
}{
	{ws + "DescribeNamespace", func(ctx context.Context, c stockClients, ns, _ string) error {
		_, err := c.ws.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: ns})
		return err
	}},
	{ws + "ListWorkflowExecutions", func(ctx context.Context, c stockClients, ns, _ string) error {
		_, err := c.ws.ListWorkflowExecutions(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: ns})
		return err
	}},
	{ops + "ListSearchAttributes", func(ctx context.Context, c stockClients, ns, _ string) error {
		_, err := c.ops.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: ns})
		return err
	}},
	{ws + "StartWorkflowExecution", func(ctx context.Context, c stockClients, ns, id string) error {
		_, err := c.ws.StartWorkflowExecution(ctx, &workflowservice.StartWorkflowExecutionRequest{
			Namespace: ns, WorkflowId: id, WorkflowType: workflowType(), TaskQueue: taskQueue(), RequestId: id})
		return err
	}},
	{ws + "PollWorkflowTaskQueue", func(ctx context.Context, c stockClients, ns, _ string) error {
		ctx, cancel := context.WithTimeout(ctx, 1500*time.Millisecond)
		defer cancel()
		_, err := c.ws.PollWorkflowTaskQueue(ctx, &workflowservice.PollWorkflowTaskQueueRequest{Namespace: ns, TaskQueue: taskQueue()})
		return err
	}},
	{ws + "UpdateNamespace", func(ctx context.Context, c stockClients, ns, _ string) error {
		_, err := c.ws.UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{Namespace: ns, UpdateInfo: namespaceUpdate()})
		return err
	}},
	{ws + "ListNamespaces", func(ctx context.Context, c stockClients, _, _ string) error {
		_, err := c.ws.ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{})
		return err
	}},
	{ws + "GetClusterInfo", func(ctx context.Context, c stockClients, _, _ string) error {
		_, err := c.ws.GetClusterInfo(ctx, &workflowservice.GetClusterInfoRequest{})
		return err
	}},
	{ws + "GetSystemInfo", func(ctx context.Context, c stockClients, _, _ string) error {
		_, err := c.ws.GetSystemInfo(ctx, &workflowservice.GetSystemInfoRequest{})
		return err
	}},
	{ops + "ListClusters", func(ctx context.Context, c stockClients, _, _ string) error {
		_, err := c.ops.ListClusters(ctx, &operatorservice.ListClustersRequest{})
		return err
	}},
}

type stockClients struct {
	ws  workflowservice.WorkflowServiceClient
	ops operatorservice.OperatorServiceClient
}

// builtinTargets are the calls every caller makes: each namespace-scoped
// method in both spec namespaces, the unlisted one and with no namespace
// (decided on the system role), each cluster-scoped one once.
func builtinTargets() []callKey {
	var out []callKey
	for _, c := range builtinCalls {
		if api.GetMethodMetadata(c.method).Scope == api.ScopeCluster {
			out = append(out, callKey{c.method, ""})
			continue
		}
		for _, ns := range []string{"payroll", "orders", unlistedNamespace, ""} {
			out = append(out, callKey{c.method, ns})
		}
	}
	return out
}

// TestBuiltinModeAgreesWithStockServer renders a builtin-mode spec with a
// permissionsRegex, runs the stock Temporal server with the authorization
// block of values.auth.yaml, and has each group and the worker client call it
// with a token carrying exactly its strings from idp-permissions.yaml: every
// answer must be what `temporal-auth explain` says for the caller (--group,
// --client) and what the access matrix's cell implies; a token with the same
// grants as plain namespace:role strings gets nothing, as explain --claims
// says.
//
// The server is upstream's own main package, go.temporal.io/server/cmd/server
// at the version this module requires, built from the module cache: its start
// command (cmd/server/main.go:197-236 at v1.31.2) builds the authorizer, the
// claim mapper and the audience mapper from global.authorization
// (authorization.GetAuthorizerFromConfig, GetClaimMapperFromConfig: "default"
// is NewDefaultAuthorizer and NewDefaultJWTClaimMapper over
// NewDefaultTokenKeyProvider; GetAudienceMapperFromConfig) and passes them to
// temporal.NewServer; the internal frontend gets Temporal's internal claim
// mapper (temporal/fx.go:557-558).
func TestBuiltinModeAgreesWithStockServer(t *testing.T) {
	root := newCLI(t).root
	bin := buildBinary(t, "go.temporal.io/server/cmd/server", "temporal-server") // before the clock starts: a cold build is slow
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	start := time.Now()
	p := newIDP(t)
	dir := t.TempDir()
	specFile := filepath.Join(dir, "builtin.yaml")
	if err := os.WriteFile(specFile, p.builtinSpecYAML(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ex := &explainer{root: root, spec: specFile, claimsDir: t.TempDir()}

	// 1. Render, and read what the identity provider is told to emit.
	out := filepath.Join(dir, "out")
	if _, code, err := ex.run(ctx, "render", specFile, "--out", out, "--no-secrets"); err != nil || code != 0 {
		t.Fatalf("temporal-auth render: exit %d, %v", code, err)
	}
	var perms idpPermissions
	readYAML(t, filepath.Join(out, "idp-permissions.yaml"), &perms)
	var values struct {
		Server struct {
			Config struct {
				Authorization map[string]any `yaml:"authorization"`
			} `yaml:"config"`
		} `yaml:"server"`
	}
	readYAML(t, filepath.Join(out, "values.auth.yaml"), &values)
	authBlock := values.Server.Config.Authorization
	if authBlock == nil {
		t.Fatal("values.auth.yaml has no server.config.authorization")
	}

	regex := regexp.MustCompile(builtinRegex) // Go's RE2, as the server compiles it
	if perms.PermissionsRegex != builtinRegex || perms.Claim != "permissions" {
		t.Errorf("idp-permissions.yaml: claim %q, permissionsRegex %q; want permissions, %q", perms.Claim, perms.PermissionsRegex, builtinRegex)
	}
	wantGroups, wantWorker := specGrants()
	checkShape := func(who string, strs, want []string) {
		t.Helper()
		if got := readsAs(regex, strs); !slices.Equal(got, want) {
			t.Errorf("idp-permissions.yaml, %s: %q reads under the regex as %q; the spec grants %q", who, strs, got, want)
		}
		for _, s := range strs {
			if strings.Count(s, ":") == 1 {
				t.Errorf("idp-permissions.yaml, %s: %q is a plain namespace:role string, not the regex's shape", who, s)
			}
		}
	}
	if got, want := slices.Sorted(maps.Keys(perms.Groups)), slices.Sorted(maps.Keys(wantGroups)); !slices.Equal(got, want) {
		t.Errorf("idp-permissions.yaml lists groups %q, want %q", got, want)
	}
	for g, want := range wantGroups {
		checkShape("group "+g, perms.Groups[g], want)
	}
	if got := slices.Sorted(maps.Keys(perms.Clients)); !slices.Equal(got, []string{builtinSpec.worker.clientID}) {
		t.Errorf("idp-permissions.yaml lists clients %q, want [%s]", got, builtinSpec.worker.clientID)
	}
	checkShape("client "+builtinSpec.worker.clientID, perms.Clients[builtinSpec.worker.clientID], wantWorker)
	// Strings of the wrong shape do not stop the test: the comparison below
	// then shows what the server makes of them.

	// The callers: every group, two groups at once (a user in both gets the
	// union of their strings), and the worker client.
	var callers []*builtinCaller
	for _, g := range slices.Sorted(maps.Keys(perms.Groups)) {
		callers = append(callers, &builtinCaller{name: "group " + g, who: []string{"--group", g}, perms: perms.Groups[g], row: "group " + g})
	}
	union := slices.Concat(perms.Groups["finance-auditors"], perms.Groups["orders-team"])
	callers = append(callers,
		&builtinCaller{name: "groups finance-auditors+orders-team", who: []string{"--group", "finance-auditors", "orders-team"}, perms: union},
		&builtinCaller{name: "client " + builtinSpec.worker.name, who: []string{"--client", builtinSpec.worker.name},
			perms: perms.Clients[builtinSpec.worker.clientID], row: "client " + builtinSpec.worker.clientID})
	// The control: the same grants written plain (namespace:role), which the
	// regex does not read: the server ignores them, and explain --claims
	// must say so.
	var plain []string
	for _, c := range callers {
		plain = append(plain, readsAs(regex, c.perms)...)
	}
	slices.Sort(plain)
	plain = slices.Compact(plain)
	controlClaims := p.claims("plain", map[string]any{"permissions": plain, "cid": nil})
	control := &builtinCaller{name: "plain namespace:role strings", perms: plain,
		who: []string{"--claims", ex.claimsFile(t, controlClaims)}, token: p.sign(t, kid, controlClaims)}
	for _, c := range callers {
		c.token = p.sign(t, kid, p.claims(c.name, map[string]any{"permissions": c.perms, "cid": nil}))
	}
	everyone := append(slices.Clone(callers), control)

	// 2. The CLI's answers, asked while the server starts.
	targets := builtinTargets()
	var jobs []explainJob
	for _, c := range everyone {
		for _, k := range targets {
			jobs = append(jobs, explainJob{who: c.who, key: k})
		}
	}
	cliDone := make(chan struct{})
	var cliAnswers map[string]map[callKey]verdict
	var cliErr error
	var matrix accessMatrix
	var matrixErr error
	var cliTook time.Duration
	cliCtx, cliCancel := context.WithCancel(ctx)
	go func() {
		defer close(cliDone)
		cliStart := time.Now()
		cliAnswers, cliErr = ex.decideAll(cliCtx, jobs)
		if cliErr == nil {
			matrix, matrixErr = ex.matrix(cliCtx)
		}
		cliTook = time.Since(cliStart)
	}()
	defer func() { cliCancel(); <-cliDone }()

	// 3. The stock server, with values.auth.yaml's authorization block as
	// the chart writes it into the server config (global.authorization).
	block, err := yaml.Marshal(authBlock)
	if err != nil {
		t.Fatal(err)
	}
	srvDir := t.TempDir()
	srv := launchServer(t, ctx, bin, srvDir, serverLaunch{
		authorization: indent(string(block), "    "),
		namespaces:    []string{"payroll", "orders", unlistedNamespace},
		// The stock key provider fetches the JWKS with http.Get, so with the
		// system roots (default_token_key_provider.go, updateKeysFromURI).
		env: map[string]string{"SSL_CERT_FILE": p.writeCA(t, srvDir)},
	})
	ctx = srv.ctx
	got := srv.config.Global.Authorization
	if got.ClaimMapper != "default" || got.Authorizer != "default" || got.PermissionsRegex != builtinRegex ||
		got.PermissionsClaimName != perms.Claim || got.Audience != audience || !slices.Equal(got.JWTKeyProvider.KeySourceURIs, []string{p.jwksURI()}) {
		t.Fatalf("global.authorization from values.auth.yaml loads as %+v: want the default claim mapper and authorizer, regex %q, claim %q, audience %q, JWKS %s",
			got, builtinRegex, perms.Claim, audience, p.jwksURI())
	}
	t.Logf("stock server up %v into the test (the build not counted); global.authorization:\n%s", time.Since(start).Round(10*time.Millisecond), block)

	// 4. The server's answers.
	conn, err := grpc.NewClient(srv.frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	clients := stockClients{ws: workflowservice.NewWorkflowServiceClient(conn), ops: operatorservice.NewOperatorServiceClient(conn)}
	// GetSystemInfo is allowed to every token the claim mapper accepts, and
	// to none it rejects (the interceptor then refuses the call whatever the
	// API): a refusal here means the server did not load the issuer's keys
	// or refuses the tokens' audience, not a decision to compare.
	if _, err := clients.ws.GetSystemInfo(metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+control.token), &workflowservice.GetSystemInfoRequest{}); err != nil {
		t.Fatalf("the stock server refuses the test's tokens (JWKS %s not loaded, or the audience?): GetSystemInfo: %v", p.jwksURI(), err)
	}
	seq := 0
	ask := func(who string, token string) map[callKey]bool {
		results := map[callKey]bool{}
		cctx := metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token)
		for _, k := range targets {
			seq++
			callCtx, ccancel := context.WithTimeout(cctx, 10*time.Second)
			err := callFor(k.method)(callCtx, clients, k.ns, fmt.Sprintf("builtin-e2e-%d", seq))
			ccancel()
			results[k] = passedAuthorizer(t, err, fmt.Sprintf("%s %s in %q", who, k.method, k.ns))
		}
		return results
	}
	for _, c := range everyone {
		c.results = ask(c.name, c.token)
	}
	// The comparison must be able to fail: the callers' tokens with their
	// strings written plain (the bug this test exists for) must disagree with
	// the CLI, run through the same comparison below.
	planted := map[string]map[callKey]bool{}
	for _, c := range callers {
		tok := p.sign(t, kid, p.claims(c.name, map[string]any{"permissions": readsAs(regex, c.perms), "cid": nil}))
		planted[c.name] = ask(c.name+" (plain strings)", tok)
	}

	t.Logf("the server answered %d calls, and %d more with plain strings, %v into the test", seq-len(planted)*len(targets), len(planted)*len(targets), time.Since(start).Round(10*time.Millisecond))

	// 5. Compare.
	<-cliDone
	t.Logf("the CLI answered %d explain calls and the matrix in %v", len(jobs), cliTook.Round(10*time.Millisecond))
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	if matrixErr != nil {
		t.Fatal(matrixErr)
	}
	compared := 0
	for _, c := range everyone {
		answers := cliAnswers[strings.Join(c.who, " ")]
		for _, d := range disagreements(targets, c.results, answers) {
			t.Errorf("%s: %s", c.name, d)
		}
		compared += len(targets)
		var allowed []string
		for _, k := range targets {
			if c.results[k] {
				allowed = append(allowed, shortCall(k))
			}
		}
		t.Logf("%-38s %q -> allowed %d of %d: %s", c.name, c.perms, len(allowed), len(targets), strings.Join(allowed, " "))
	}
	for k, allowed := range control.results {
		if allowed && !authorization.IsHealthCheckAPI(k.method) {
			t.Errorf("control: a token with plain strings %q was allowed %s in %q: the server read strings the regex does not match", plain, k.method, k.ns)
		}
	}
	for _, c := range callers {
		if len(disagreements(targets, planted[c.name], cliAnswers[strings.Join(c.who, " ")])) == 0 && allowsBeyondHealth(c.results) {
			t.Errorf("%s: tokens with plain strings got the same answers as the CLI's: the comparison cannot catch strings the server ignores", c.name)
		}
	}

	// The matrix: each cell's effective role, and the system role, must give
	// the server's answer for every namespace-scoped call in that namespace
	// (the system role for the unlisted namespace and none) and every
	// cluster-scoped call.
	rows := map[string]matrixRow{}
	for _, r := range matrix.Rows {
		rows[r.Kind+" "+r.Principal] = r
	}
	var wantRows []string
	for _, c := range callers {
		if c.row == "" {
			continue
		}
		wantRows = append(wantRows, c.row)
		r, ok := rows[c.row]
		if !ok {
			t.Errorf("explain's matrix has no row %q", c.row)
			continue
		}
		for _, k := range targets {
			if want, role := r.allows(k); want != c.results[k] {
				t.Errorf("%s %s in %q: server allowed=%v, but the matrix gives the caller %s there (allowed=%v)", c.name, k.method, k.ns, c.results[k], role, want)
			}
		}
	}
	if got := slices.Sorted(maps.Keys(rows)); !slices.Equal(got, slices.Sorted(slices.Values(wantRows))) {
		t.Errorf("explain's matrix has rows %q, want %q", got, wantRows)
	}
	if !t.Failed() {
		t.Logf("%d calls by %d callers (the control included) agree with explain, and the %d matrix rows with the server; %v into the test (the build not counted)",
			compared, len(everyone), len(wantRows), time.Since(start).Round(10*time.Millisecond))
	}
}

func callFor(method string) func(ctx context.Context, c stockClients, ns, id string) error {
	for _, c := range builtinCalls {
		if c.method == method {
			return c.call
		}
	}
	panic("no call for " + method)
}

// disagreements lists the calls where the server and the CLI differ.
func disagreements(targets []callKey, server map[callKey]bool, cli map[callKey]verdict) []string {
	var out []string
	for _, k := range targets {
		v, ok := cli[k]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s in %q: no answer from the CLI", k.method, k.ns))
		case server[k] != v.allowed:
			out = append(out, fmt.Sprintf("%s in %q: server allowed=%v, temporal-auth explain allowed=%v (%s)", k.method, k.ns, server[k], v.allowed, v.reason))
		}
	}
	return out
}

func allowsBeyondHealth(results map[callKey]bool) bool {
	for k, allowed := range results {
		if allowed && !authorization.IsHealthCheckAPI(k.method) {
			return true
		}
	}
	return false
}

func shortCall(k callKey) string {
	name := api.MethodName(k.method)
	if k.ns == "" {
		return name
	}
	return name + "@" + k.ns
}

// accessMatrix is `temporal-auth explain SPEC -o json`.
type accessMatrix struct {
	Namespaces []string    `json:"namespaces"`
	Rows       []matrixRow `json:"rows"`
}

type matrixRow struct {
	Principal  string `json:"principal"`
	Kind       string `json:"kind"`
	Namespaces map[string]struct {
		Role      string `json:"role"`
		ViaSystem bool   `json:"viaSystem"`
	} `json:"namespaces"`
	System string `json:"system"`
}

// allows is what the row implies for a call under Temporal's default
// authorizer (default_authorizer.go, Authorize): health checks always; a
// cluster-scoped method on the system role; a namespace-scoped one on the
// cell's effective role (the system role where the matrix has no cell).
func (r matrixRow) allows(k callKey) (bool, string) {
	if authorization.IsHealthCheckAPI(k.method) {
		return true, "(health check)"
	}
	md := api.GetMethodMetadata(k.method)
	role, where := r.System, "system role"
	if cell, ok := r.Namespaces[k.ns]; ok && md.Scope == api.ScopeNamespace {
		role, where = cell.Role, "role in "+k.ns
	}
	need := authorization.RoleAdmin
	switch md.Access {
	case api.AccessReadOnly:
		need = authorization.RoleReader
	case api.AccessWrite:
		need = authorization.RoleWriter
	}
	bits := map[string]authorization.Role{"worker": authorization.RoleWorker, "read": authorization.RoleReader,
		"write": authorization.RoleWriter, "admin": authorization.RoleAdmin}[role]
	if role == "" {
		role = "none"
	}
	return bits >= need, fmt.Sprintf("%s %s", where, role)
}

// explainer runs the built CLI on the spec.
type explainer struct {
	root      string
	spec      string
	claimsDir string
	mu        sync.Mutex
	n         int
}

type explainJob struct {
	who []string
	key callKey
}

type verdict struct {
	allowed bool
	reason  string
}

// run runs `temporal-auth ARGS...` and returns its stdout and exit status;
// a status other than 0 or 2 (explain's DENY) is an error.
func (e *explainer) run(ctx context.Context, args ...string) ([]byte, int, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", append([]string{filepath.Join(e.root, "bin", "temporal-auth.js")}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return stdout.Bytes(), 0, nil
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return stdout.Bytes(), 2, nil
	}
	return nil, 0, fmt.Errorf("temporal-auth %s: %v\n%s%s", strings.Join(args, " "), err, stdout.String(), stderr.String())
}

// decide asks `explain SPEC WHO --api METHOD [-n NS] -o json`. Its exit
// status must follow the printed decision (0 allow, 2 deny).
func (e *explainer) decide(ctx context.Context, who []string, k callKey) (verdict, error) {
	args := append([]string{"explain", e.spec}, who...)
	args = append(args, "--api", k.method, "-o", "json")
	if k.ns != "" {
		args = append(args, "-n", k.ns)
	}
	stdout, code, err := e.run(ctx, args...)
	if err != nil {
		return verdict{}, err
	}
	var out struct {
		Decision *struct {
			Allowed bool   `json:"allowed"`
			Reason  string `json:"reason"`
		} `json:"decision"`
	}
	if err := json.Unmarshal(stdout, &out); err != nil || out.Decision == nil {
		return verdict{}, fmt.Errorf("temporal-auth %s: unexpected output %q (%v)", strings.Join(args, " "), stdout, err)
	}
	if want := map[bool]int{true: 0, false: 2}[out.Decision.Allowed]; code != want {
		return verdict{}, fmt.Errorf("temporal-auth %s: decision allowed=%v but exit status %d", strings.Join(args, " "), out.Decision.Allowed, code)
	}
	return verdict{allowed: out.Decision.Allowed, reason: out.Decision.Reason}, nil
}

// decideAll runs every job, as many at once as there are CPUs, and returns
// the verdicts by caller (its arguments joined) and call.
func (e *explainer) decideAll(ctx context.Context, jobs []explainJob) (map[string]map[callKey]verdict, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := map[string]map[callKey]verdict{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(2, runtime.NumCPU()))
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			v, err := e.decide(ctx, j.who, j.key)
			if err != nil {
				cancel(err)
				return
			}
			who := strings.Join(j.who, " ")
			mu.Lock()
			if out[who] == nil {
				out[who] = map[callKey]verdict{}
			}
			out[who][j.key] = v
			mu.Unlock()
		}()
	}
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return out, nil
}

// matrix is `explain SPEC -o json`.
func (e *explainer) matrix(ctx context.Context) (accessMatrix, error) {
	var m accessMatrix
	out, _, err := e.run(ctx, "explain", e.spec, "-o", "json")
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(out, &m); err != nil || len(m.Rows) == 0 {
		return m, fmt.Errorf("temporal-auth explain -o json: unexpected output %q (%v)", out, err)
	}
	return m, nil
}

// claimsFile writes claims for explain --claims.
func (e *explainer) claimsFile(t *testing.T, claims map[string]any) string {
	t.Helper()
	e.mu.Lock()
	e.n++
	file := filepath.Join(e.claimsDir, fmt.Sprintf("claims-%d.json", e.n))
	e.mu.Unlock()
	if err := os.WriteFile(file, mustJSON(claims), 0o600); err != nil {
		t.Fatal(err)
	}
	return file
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v\n%s", file, err, data)
	}
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}
