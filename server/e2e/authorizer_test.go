package e2e

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/authorization"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// authzCall is one frontend call of the authorizer check: api and ns are the
// call target the frontend hands its authorizer.
type authzCall struct {
	api  string
	ns   string
	call func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, osc operatorservice.OperatorServiceClient) error
}

// authzCalls span the default authorizer's rule (namespace and cluster
// scope; read, write and admin access; a namespace with no grant). Each call
// is harmless when allowed: it reads, targets something that does not exist,
// or repeats an update the scenario already made.
var authzCalls = []authzCall{
	{ws + "DescribeNamespace", "payroll", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "payroll"})
		return err
	}},
	{ws + "ListWorkflowExecutions", "payroll", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.ListWorkflowExecutions(ctx, &workflowservice.ListWorkflowExecutionsRequest{Namespace: "payroll"})
		return err
	}},
	{ws + "DescribeNamespace", "bitovi-project", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: "bitovi-project"})
		return err
	}},
	{ws + "TerminateWorkflowExecution", "payroll", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.TerminateWorkflowExecution(ctx, &workflowservice.TerminateWorkflowExecutionRequest{
			Namespace: "payroll", WorkflowExecution: workflowExecution("no-such-workflow"), Reason: "authorizer check"})
		return err
	}},
	{ws + "UpdateNamespace", "payroll", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{Namespace: "payroll", UpdateInfo: namespaceUpdate()})
		return err
	}},
	{ws + "ListNamespaces", "", func(ctx context.Context, wsc workflowservice.WorkflowServiceClient, _ operatorservice.OperatorServiceClient) error {
		_, err := wsc.ListNamespaces(ctx, &workflowservice.ListNamespacesRequest{})
		return err
	}},
	{ops + "ListSearchAttributes", "payroll", func(ctx context.Context, _ workflowservice.WorkflowServiceClient, osc operatorservice.OperatorServiceClient) error {
		_, err := osc.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: "payroll"})
		return err
	}},
	{ops + "DeleteNamespace", "no-such-namespace", func(ctx context.Context, _ workflowservice.WorkflowServiceClient, osc operatorservice.OperatorServiceClient) error {
		_, err := osc.DeleteNamespace(ctx, &operatorservice.DeleteNamespaceRequest{Namespace: "no-such-namespace"})
		return err
	}},
}

// checkDefaultAuthorizer checks that every answer of the server is what
// Temporal's default authorizer decides for the claims temporal-auth's
// ClaimMapper maps from the caller's token, but for the Web UI's
// cluster-scoped calls by a namespace reader (ui-cluster-api): the mapper
// and authz.Authorizer run here in process on a copy of the policy, and
// every decision but ui-cluster-api must be authorization.NewDefaultAuthorizer()'s.
// It fails when the binary wires another authorizer (the no-op one lets the
// denied calls through) as well as when its mapper maps differently.
func checkDefaultAuthorizer(t *testing.T, ctx context.Context, frontend string, p *idp, policy []byte, who []*principal) {
	policyFile := filepath.Join(t.TempDir(), "policy.json")
	if err := os.WriteFile(policyFile, policy, 0o644); err != nil {
		t.Fatal(err)
	}
	mapperCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	ours, err := authz.New(mapperCtx, authz.Config{
		Issuer:              p.issuer,
		Audience:            audience,
		PolicyFile:          policyFile,
		GroupsClaim:         "groups",
		JWKSRefreshInterval: time.Hour,
		PolicyPollInterval:  time.Hour,
		TokenCacheEntries:   authz.DefaultTokenCacheEntries, // as the binary's default
	}, nil, authz.WithHTTPClient(p.srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	mapper := ours.ClaimMapper
	reference := authorization.NewDefaultAuthorizer()
	wrapped := ours.Authorizer

	conn, err := grpc.NewClient(frontend, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	wsc := workflowservice.NewWorkflowServiceClient(conn)
	osc := operatorservice.NewOperatorServiceClient(conn)

	denials, uiAllowed := 0, 0
	for _, pr := range who {
		claims, err := mapper.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer " + pr.token})
		if err != nil {
			t.Fatalf("%s: in-process claim mapper: %v", pr.name, err)
		}
		for _, c := range authzCalls {
			target := &authorization.CallTarget{APIName: c.api, Namespace: c.ns}
			want, err := reference.Authorize(ctx, claims, target)
			if err != nil {
				t.Fatal(err)
			}
			verdict, _, err := wrapped.Decide(ctx, claims, target)
			if err != nil {
				t.Fatal(err)
			}
			if verdict.Reason == authz.ReasonUIClusterAPI {
				if want.Decision == authorization.DecisionAllow || verdict.Result.Decision != authorization.DecisionAllow || !authz.IsUICall(c.api) {
					t.Fatalf("%s %s: ui-cluster-api where the default authorizer decides %v", pr.name, c.api, want.Decision)
				}
				want, uiAllowed = verdict.Result, uiAllowed+1
			} else if verdict.Result.Decision != want.Decision {
				t.Fatalf("%s %s: authz.Authorizer decides %v, the default authorizer %v, reason %s (the policy enforces every call)", pr.name, c.api, verdict.Result.Decision, want.Decision, verdict.Reason)
			}
			cctx, ccancel := context.WithTimeout(metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+pr.token), 10*time.Second)
			callErr := c.call(cctx, wsc, osc)
			ccancel()
			got := passedAuthorizer(t, callErr, pr.name+" "+c.api)
			wantAllowed := want.Decision == authorization.DecisionAllow
			if !wantAllowed {
				denials++
			}
			if got != wantAllowed {
				t.Errorf("%s %s in %q: server allowed=%v, Temporal's default authorizer allows=%v for claims %+v (err=%v): is main.go's authorizer authorization.NewDefaultAuthorizer()?",
					pr.name, c.api, c.ns, got, wantAllowed, claims, callErr)
			}
		}
	}
	// Without denials in the matrix a permissive authorizer would pass.
	if denials == 0 || uiAllowed == 0 {
		t.Fatalf("the matrix has %d denials and %d Web UI exceptions: both are needed", denials, uiAllowed)
	}
	if !t.Failed() {
		t.Logf("%d calls by %d callers: the server decided as Temporal's default authorizer (%d denied), but for %d Web UI calls by namespace readers", len(who)*len(authzCalls), len(who), denials, uiAllowed)
	}
}

// passedAuthorizer reports whether a call got past the authorizer: it
// succeeded or failed for its target (absent workflow or namespace). A
// refusal is PermissionDenied; any other error says nothing about the
// authorizer and fails the test.
func passedAuthorizer(t *testing.T, err error, what string) bool {
	t.Helper()
	switch status.Code(err) {
	case codes.OK, codes.NotFound, codes.InvalidArgument, codes.FailedPrecondition, codes.AlreadyExists:
		return true
	case codes.PermissionDenied:
		return false
	}
	t.Fatalf("%s: unexpected error: %v", what, err)
	return false
}
