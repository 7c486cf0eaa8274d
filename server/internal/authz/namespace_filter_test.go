package authz

import (
	"context"
	"errors"
	"slices"
	"testing"

	namespacepb "go.temporal.io/api/namespace/v1"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/server/common/authorization"
	"google.golang.org/grpc"
)

func TestNamespaceFilter(t *testing.T) {
	enforcing := parsePolicy(t, nil)
	shadow := parsePolicy(t, enforce(false, map[string]any{"payroll": true}))
	enforcedButPayroll := parsePolicy(t, enforce(true, map[string]any{"payroll": false}))
	all := []string{"bitovi-project", "default", "payroll", "PAYROLL", "payroll-archive", "temporal-system"}
	user := func(groups ...any) *authorization.Claims {
		return MapClaims(enforcing, map[string]any{"sub": "u", "groups": groups})
	}
	withNS := func(roles map[string]authorization.Role) *authorization.Claims {
		c := user()
		c.Namespaces = roles
		return c
	}
	internal := &authorization.Claims{System: authorization.RoleAdmin, AuthType: "temporal", Subject: "internal"}
	tests := []struct {
		name   string
		policy *Policy
		claims *authorization.Claims // put in the context as Temporal's interceptor does (nil: none)
		want   []string
	}{
		{"namespace reader: that namespace", enforcing, user("finance-auditors"), []string{"payroll"}},
		{"two namespaces", enforcing, user("finance-auditors", "bitovi"), []string{"bitovi-project", "payroll"}},
		{"worker role is not read", enforcing, withNS(map[string]authorization.Role{"payroll": authorization.RoleWorker, "bitovi-project": authorization.RoleReader}), []string{"bitovi-project"}},
		{"worker|read is read", enforcing, withNS(map[string]authorization.Role{"payroll": authorization.RoleWorker | authorization.RoleReader}), []string{"payroll"}},
		{"system reader: all", enforcing, user("engineering"), all},
		{"system worker only: by namespace", enforcing, withNS(map[string]authorization.Role{"payroll": authorization.RoleAdmin}), []string{"payroll"}},
		{"internal frontend: all", enforcing, internal, all},
		{"no role: none", enforcing, user("nobody"), nil},
		{"no claims: none", enforcing, nil, nil},
		{"shadow mode but payroll: all but payroll without claims", shadow, nil, []string{"bitovi-project", "default", "PAYROLL", "payroll-archive", "temporal-system"}},
		{"shadow mode but payroll: all but payroll for a bitovi user", shadow, user("bitovi"), []string{"bitovi-project", "default", "PAYROLL", "payroll-archive", "temporal-system"}},
		{"shadow mode for cluster calls: all for a reader", shadow, user("finance-auditors"), all},
		{"a namespace in shadow mode is listed", enforcedButPayroll, user("bitovi"), []string{"bitovi-project", "payroll"}},
		{"a namespace in shadow mode is listed once", enforcedButPayroll, user("finance-auditors"), []string{"payroll"}},
		{"a namespace in shadow mode, no claims", enforcedButPayroll, nil, []string{"payroll"}},
		{"shadow mode everywhere: all", parsePolicy(t, enforce(false, nil)), nil, all},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := t.Context()
			if tc.claims != nil {
				ctx = context.WithValue(ctx, authorization.MappedClaims, tc.claims)
			}
			page := &workflowservice.ListNamespacesResponse{NextPageToken: []byte("next")}
			for _, name := range all {
				page.Namespaces = append(page.Namespaces, &workflowservice.DescribeNamespaceResponse{NamespaceInfo: &namespacepb.NamespaceInfo{Name: name}})
			}
			filter := NamespaceFilter(func() *Policy { return tc.policy })
			resp, err := filter(ctx, &workflowservice.ListNamespacesRequest{}, &grpc.UnaryServerInfo{FullMethod: wsPrefix + "ListNamespaces"},
				func(context.Context, any) (any, error) { return page, nil })
			if err != nil {
				t.Fatal(err)
			}
			got := resp.(*workflowservice.ListNamespacesResponse)
			var names []string
			for _, ns := range got.GetNamespaces() {
				names = append(names, ns.GetNamespaceInfo().GetName())
			}
			if !slices.Equal(names, tc.want) {
				t.Errorf("kept %v, want %v", names, tc.want)
			}
			if string(got.GetNextPageToken()) != "next" {
				t.Error("the next page token is lost")
			}
			if len(page.Namespaces) != len(all) {
				t.Error("the handler's answer was changed in place")
			}
			for _, name := range all {
				if VisibleNamespace(tc.policy, tc.claims, name) != slices.Contains(tc.want, name) {
					t.Errorf("VisibleNamespace(%q) disagrees with the filter", name)
				}
			}
		})
	}

	// Other methods and errors pass untouched.
	filter := NamespaceFilter(func() *Policy { return enforcing })
	ctx := context.WithValue(t.Context(), authorization.MappedClaims, user("nobody"))
	other := &workflowservice.DescribeNamespaceResponse{NamespaceInfo: &namespacepb.NamespaceInfo{Name: "payroll"}}
	resp, err := filter(ctx, nil, &grpc.UnaryServerInfo{FullMethod: wsPrefix + "DescribeNamespace"}, func(context.Context, any) (any, error) { return other, nil })
	if err != nil || resp != other {
		t.Errorf("DescribeNamespace: %v %v", resp, err)
	}
	boom := errors.New("boom")
	if _, err := filter(ctx, nil, &grpc.UnaryServerInfo{FullMethod: wsPrefix + "ListNamespaces"}, func(context.Context, any) (any, error) { return nil, boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
}
