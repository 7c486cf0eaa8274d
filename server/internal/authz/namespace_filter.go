package authz

import (
	"context"

	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/authorization"
	"google.golang.org/grpc"
)

// NamespaceFilter is a frontend gRPC interceptor (installed with
// temporal.WithChainedFrontendGrpcInterceptors, so it runs after Temporal's
// authorization interceptor, which put the mapped claims in the context
// under authorization.MappedClaims) that cuts the answer of the Web UI's
// filtered call (ListNamespaces, schemas/ui-calls.json) to the namespaces
// the caller may read: see VisibleNamespace. Every other call passes
// untouched.
//
// Pagination: the server pages first and the filter cuts each page, so a
// page may hold fewer namespaces than asked for, or none, and still carry a
// next_page_token; callers page on until the token is empty (the Web UI and
// the SDKs do).
func NamespaceFilter(policy func() *Policy) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		resp, err := handler(ctx, req)
		if err != nil || info.FullMethod != uiCalls.Filtered {
			return resp, err
		}
		list, ok := resp.(*workflowservice.ListNamespacesResponse)
		if !ok {
			return resp, err
		}
		claims, _ := ctx.Value(authorization.MappedClaims).(*authorization.Claims)
		p := policy()
		kept := list.Namespaces[:0:0]
		for _, ns := range list.GetNamespaces() {
			if VisibleNamespace(p, claims, ns.GetNamespaceInfo().GetName()) {
				kept = append(kept, ns)
			}
		}
		if len(kept) == len(list.GetNamespaces()) {
			return list, nil
		}
		return &workflowservice.ListNamespacesResponse{Namespaces: kept, NextPageToken: list.GetNextPageToken()}, nil
	}
}

// VisibleNamespace reports whether a ListNamespaces answer to claims keeps
// namespace name (test/vectors/README.md, "Shadow mode"): the namespaces the
// caller may read (`System | Namespaces[name]` at read or above; Temporal's
// internal frontend is system admin and sees every one), and those whose
// own calls are not enforced (policy.Enforced(name) false: shadow mode lets
// their reads through, so hiding them would be the outage shadow mode
// avoids). A caller without claims (let through in shadow mode) sees only
// the latter.
func VisibleNamespace(policy *Policy, claims *authorization.Claims, name string) bool {
	if !policy.Enforced(name) {
		return true
	}
	return claims != nil && claims.System|claims.Namespaces[name] >= authorization.RoleReader
}
