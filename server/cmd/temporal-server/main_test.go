package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	"github.com/urfave/cli/v2"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/log"
)

type flagSpec struct {
	name    string
	aliases []string
	envVars []string
	hidden  bool
}

func describe(f cli.Flag) flagSpec {
	switch f := f.(type) {
	case *cli.StringFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	case *cli.BoolFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	case *cli.StringSliceFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	}
	return flagSpec{name: "unknown"}
}

// TestCLIMatchesUpstream pins the commands, flags, aliases and env vars of
// upstream's cmd/server/main.go at v1.31.2 (read from the tag).
func TestCLIMatchesUpstream(t *testing.T) {
	app := newApp(func(string) string { return "" })
	wantGlobal := []flagSpec{
		{"root", []string{"r"}, []string{"TEMPORAL_ROOT"}, false},
		{"config", []string{"c"}, []string{"TEMPORAL_CONFIG_DIR"}, false},
		{"env", []string{"e"}, []string{"TEMPORAL_ENVIRONMENT"}, false},
		{"zone", []string{"az"}, []string{"TEMPORAL_AVAILABILITY_ZONE", "TEMPORAL_AVAILABILTY_ZONE"}, false}, //nolint:misspell // Temporal's own misspelt name (config.EnvKeyAvailabilityZoneTypo)
		{"config-file", nil, []string{"TEMPORAL_SERVER_CONFIG_FILE_PATH"}, false},
		{"allow-no-auth", nil, []string{"TEMPORAL_ALLOW_NO_AUTH"}, false},
	}
	var gotGlobal []flagSpec
	for _, f := range app.Flags {
		gotGlobal = append(gotGlobal, describe(f))
	}
	if !reflect.DeepEqual(gotGlobal, wantGlobal) {
		t.Errorf("global flags:\n got %+v\nwant %+v", gotGlobal, wantGlobal)
	}
	var commands []string
	for _, c := range app.Commands {
		commands = append(commands, c.Name)
	}
	if want := []string{"validate-dynamic-config", "render-config", "start"}; !reflect.DeepEqual(commands, want) {
		t.Errorf("commands %v, want %v", commands, want)
	}
	start := app.Command("start")
	wantStart := []flagSpec{
		{"services", []string{"s"}, nil, true},
		{"service", []string{"svc"}, []string{"TEMPORAL_SERVICES"}, false},
	}
	var gotStart []flagSpec
	for _, f := range start.Flags {
		gotStart = append(gotStart, describe(f))
	}
	if !reflect.DeepEqual(gotStart, wantStart) {
		t.Errorf("start flags:\n got %+v\nwant %+v", gotStart, wantStart)
	}
	if config.EnvKeyConfigFile != "TEMPORAL_SERVER_CONFIG_FILE_PATH" {
		t.Errorf("upstream renamed the config file env: %s", config.EnvKeyConfigFile)
	}
}

func TestStartRefusesArgsAndMixedConfigFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"positional args", []string{"temporal-server", "start", "frontend"}, "doesn't support arguments"},
		{"config-file with env", []string{"temporal-server", "--config-file", "x.yaml", "--env", "prod", "start"}, "can not use --config"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(func(string) string { return "" })
			var exitErr error
			app.ExitErrHandler = func(_ *cli.Context, err error) { exitErr = err }
			_ = app.Run(tc.args)
			if exitErr == nil || !strings.Contains(exitErr.Error(), tc.want) {
				t.Fatalf("got %v, want %q", exitErr, tc.want)
			}
		})
	}
}

// with returns env with more name, value pairs.
func with(env map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range env {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

func TestBuildClaimMapper(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.json")
	data, err := os.ReadFile("../../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(policy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	good := map[string]string{
		"TEMPORAL_AUTH_PROVIDER_URL": "https://127.0.0.1:1/oauth2/default", // unreachable: keys load in the background
		"TEMPORAL_AUTH_POLICY_FILE":  policy,
	}
	tests := []struct {
		name     string
		services []string
		env      map[string]string
		wantErr  string
		ours     bool
	}{
		{"frontend with settings", []string{"frontend"}, good, "", true},
		{"frontend without settings", []string{"frontend", "history"}, map[string]string{}, "TEMPORAL_AUTH_PROVIDER_URL is required", false},
		{"frontend with a bad policy path", []string{"frontend"}, map[string]string{"TEMPORAL_AUTH_PROVIDER_URL": good["TEMPORAL_AUTH_PROVIDER_URL"], "TEMPORAL_AUTH_POLICY_FILE": filepath.Join(dir, "nope.json")}, "nope.json", false},
		{"frontend with a cluster issuer, file mode", []string{"frontend"}, with(good, "TEMPORAL_AUTH_CLUSTER_ISSUER", "https://kubernetes.default.svc.cluster.local", "TEMPORAL_AUTH_CLUSTER_AUDIENCE", "temporal", "TEMPORAL_AUTH_CLUSTER_JWKS_FILE", filepath.Join(dir, "cluster-jwks.json")), "", true},
		{"cluster issuer without audience", []string{"frontend"}, with(good, "TEMPORAL_AUTH_CLUSTER_ISSUER", "https://kubernetes.default.svc.cluster.local", "TEMPORAL_AUTH_CLUSTER_JWKS_FILE", "/x"), "TEMPORAL_AUTH_CLUSTER_AUDIENCE is required", false},
		{"cluster issuer outside a pod, no API server", []string{"frontend"}, with(good, "TEMPORAL_AUTH_CLUSTER_ISSUER", "https://kubernetes.default.svc.cluster.local", "TEMPORAL_AUTH_CLUSTER_AUDIENCE", "temporal"), "no source", false},
		{"cluster API server without its CA file", []string{"frontend"}, with(good, "TEMPORAL_AUTH_CLUSTER_ISSUER", "https://kubernetes.default.svc.cluster.local", "TEMPORAL_AUTH_CLUSTER_AUDIENCE", "temporal", "KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", "1", "TEMPORAL_AUTH_CLUSTER_CA_FILE", filepath.Join(dir, "ca.crt")), "TEMPORAL_AUTH_CLUSTER_CA_FILE", false},
		{"internal-frontend only needs no settings", []string{"internal-frontend"}, map[string]string{}, "", false},
		{"history needs no settings", []string{"history", "matching", "worker"}, map[string]string{}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			w, err := buildAuthorization(ctx, tc.services, func(k string) string { return tc.env[k] }, &config.Config{}, log.NewNoopLogger(), io.Discard)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m := w.claimMapper
			if _, ok := w.authorizer.(*authz.Authorizer); !ok {
				t.Fatalf("authorizer %T", w.authorizer)
			}
			if p := w.policy(); (p != nil) != tc.ours {
				t.Fatalf("policy %v, want one: %v", p, tc.ours)
			}
			_, isDenyAll := m.(denyAllClaimMapper)
			if isDenyAll == tc.ours {
				t.Fatalf("mapper %T", m)
			}
			// Whatever the mapper, an unauthenticated caller gets no roles.
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer x"})
			if err != nil || c.System != 0 || len(c.Namespaces) != 0 {
				t.Fatalf("claims %+v, %v", c, err)
			}
		})
	}
}

// TestAuthorizerIsTemporalsDefault pins the Authorizer start wires: the
// policy only grants roles, and what a role allows is Temporal's default
// authorizer's rule (the CLI's model and the decision vectors assume it),
// but for the Web UI's cluster-scoped calls (ui-cluster-api). A no-op or
// custom inner authorizer would let calls through that the policy denies.
func TestAuthorizerIsTemporalsDefault(t *testing.T) {
	got := newAuthorizer(noPolicy, nil)
	if inner, want := got.Inner(), authorization.NewDefaultAuthorizer(); reflect.TypeOf(inner) != reflect.TypeOf(want) {
		t.Errorf("start wires an authorizer around %T, want Temporal's default (%T from authorization.NewDefaultAuthorizer())", inner, want)
	}
	// The claims temporal-auth's ClaimMapper maps carry its Caller; the
	// internal frontend's do not (and get the inner decision unchanged).
	mapped := func(c *authorization.Claims) *authorization.Claims {
		c.Extensions = &authz.Caller{Token: authz.TokenValid}
		return c
	}

	const (
		ws  = "/temporal.api.workflowservice.v1.WorkflowService/"
		ops = "/temporal.api.operatorservice.v1.OperatorService/"
	)
	in := func(ns string, r authorization.Role) *authorization.Claims {
		return mapped(&authorization.Claims{Namespaces: map[string]authorization.Role{ns: r}})
	}
	allow, deny := authorization.DecisionAllow, authorization.DecisionDeny
	tests := []struct {
		name   string
		claims *authorization.Claims
		api    string
		ns     string
		want   authorization.Decision
		// ui: the Web UI exception allows what the default authorizer denies.
		ui bool
	}{
		{"health check without claims", nil, "/grpc.health.v1.Health/Check", "", allow, false},
		{"system info with no roles", mapped(&authorization.Claims{}), ws + "GetSystemInfo", "", allow, false},
		{"no claims", nil, ws + "DescribeNamespace", "payroll", deny, false},
		{"no roles", mapped(&authorization.Claims{}), ws + "DescribeNamespace", "payroll", deny, false},
		{"reader reads", in("payroll", authorization.RoleReader), ws + "DescribeWorkflowExecution", "payroll", allow, false},
		{"reader cannot write", in("payroll", authorization.RoleReader), ws + "StartWorkflowExecution", "payroll", deny, false},
		{"writer writes", in("payroll", authorization.RoleWriter), ws + "StartWorkflowExecution", "payroll", allow, false},
		{"writer elsewhere", in("payroll", authorization.RoleWriter), ws + "StartWorkflowExecution", "bitovi-project", deny, false},
		{"writer cannot administer", in("payroll", authorization.RoleWriter), ws + "UpdateNamespace", "payroll", deny, false},
		{"namespace admin lists namespaces (Web UI)", in("payroll", authorization.RoleAdmin), ws + "ListNamespaces", "", deny, true},
		{"namespace reader gets cluster info (Web UI)", in("payroll", authorization.RoleReader), ws + "GetClusterInfo", "", deny, true},
		{"namespace worker cannot list namespaces", in("payroll", authorization.RoleWorker), ws + "ListNamespaces", "", deny, false},
		{"namespace admin cannot describe the cluster", in("payroll", authorization.RoleAdmin), "/temporal.server.api.adminservice.v1.AdminService/DescribeCluster", "", deny, false},
		{"internal frontend's claims list namespaces", &authorization.Claims{System: authorization.RoleAdmin, AuthType: "temporal", Subject: "internal"}, ws + "ListNamespaces", "", allow, false},
		{"unmapped namespace claims get no Web UI exception", &authorization.Claims{Namespaces: map[string]authorization.Role{"payroll": authorization.RoleAdmin}}, ws + "ListNamespaces", "", deny, false},
		{"system reader lists namespaces", mapped(&authorization.Claims{System: authorization.RoleReader}), ws + "ListNamespaces", "", allow, false},
		{"system reader cannot add search attributes", mapped(&authorization.Claims{System: authorization.RoleReader}), ops + "AddSearchAttributes", "payroll", deny, false},
		{"system admin deletes namespaces", mapped(&authorization.Claims{System: authorization.RoleAdmin}), ops + "DeleteNamespace", "scratch", allow, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			target := &authorization.CallTarget{APIName: tc.api, Namespace: tc.ns}
			// Guards the table against a Temporal upgrade changing the rule.
			if ref, err := authorization.NewDefaultAuthorizer().Authorize(t.Context(), tc.claims, target); err != nil || ref.Decision != tc.want {
				t.Fatalf("Temporal's default authorizer decided %s (%v), the table says %s: update the table for this Temporal version", decisionName(ref.Decision), err, decisionName(tc.want))
			}
			res, err := got.Authorize(t.Context(), tc.claims, target)
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			if tc.ui {
				want = allow
			}
			if res.Decision != want {
				t.Errorf("main.go's authorizer (%T) decided %s, want %s (Temporal's default decides %s; Web UI exception: %v)", got, decisionName(res.Decision), decisionName(want), decisionName(tc.want), tc.ui)
			}
		})
	}
}

// decisionName spells a Decision (it has no String method).
func decisionName(d authorization.Decision) string {
	switch d {
	case authorization.DecisionAllow:
		return "allow"
	case authorization.DecisionDeny:
		return "deny"
	}
	return fmt.Sprintf("decision(%d)", int(d))
}
