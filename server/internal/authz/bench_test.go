package authz

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"go.temporal.io/server/common/authorization"
)

// parsedPolicy is generatedPolicy(namespaces, grants), parsed.
func parsedPolicy(b *testing.B, namespaces, grants int) *Policy {
	b.Helper()
	parser, err := NewPolicyParser()
	if err != nil {
		b.Fatal(err)
	}
	policy, err := parser.Parse(generatedPolicy(namespaces, grants))
	if err != nil {
		b.Fatal(err)
	}
	return policy
}

// generatedPolicy is a policy of namespaces x grants: every grant is its own
// group ("g-<ns>-<n>"), plus clients and a few system groups.
func generatedPolicy(namespaces, grants int) []byte {
	roles := []string{"read", "write", "admin", "worker"}
	groups := map[string]any{}
	clients := map[string]any{}
	for i := range namespaces {
		ns := fmt.Sprintf("ns-%04d", i)
		for j := range grants {
			groups[fmt.Sprintf("g-%04d-%02d", i, j)] = map[string]any{"namespaces": map[string]any{ns: roles[j%len(roles)]}}
		}
		clients[fmt.Sprintf("client-%04d", i)] = map[string]any{"namespaces": map[string]any{ns: "write"}}
	}
	groups["sys-read"] = map[string]any{"system": "read", "namespaces": map[string]any{}}
	b, _ := json.Marshal(map[string]any{
		"version": 1, "groupsClaim": "groups", "clientIdClaims": []string{"cid", "azp"},
		"roleBits": map[string]int{"worker": 1, "read": 2, "write": 4, "admin": 8},
		"groups":   groups, "clients": clients,
	})
	return b
}

// sharedGroupsPolicy is the shape of the CLI's benchmark (bench/run.mjs):
// namespace n grants group team-((n*7+g) % 400) for g < grants, roles
// cycling read, write, admin; group everyone has system read.
func sharedGroupsPolicy(namespaces, grants int) []byte {
	roles := []string{"read", "write", "admin"}
	strongest := func(a, b string) string {
		rank := map[string]int{"read": 1, "write": 2, "admin": 3}
		if rank[b] > rank[a] {
			return b
		}
		return a
	}
	groups := map[string]map[string]string{}
	for n := range namespaces {
		ns := fmt.Sprintf("ns-%d", n)
		for g := range grants {
			name := fmt.Sprintf("team-%d", (n*7+g)%400)
			if groups[name] == nil {
				groups[name] = map[string]string{}
			}
			groups[name][ns] = strongest(groups[name][ns], roles[g%3])
		}
	}
	out := map[string]any{"everyone": map[string]any{"system": "read", "namespaces": map[string]any{}}}
	for name, nss := range groups {
		out[name] = map[string]any{"namespaces": nss}
	}
	b, _ := json.Marshal(map[string]any{
		"version": 1, "groupsClaim": "groups", "clientIdClaims": []string{"cid"},
		"roleBits": map[string]int{"worker": 1, "read": 2, "write": 4, "admin": 8},
		"groups":   out, "clients": map[string]any{"payroll-worker": map[string]any{"namespaces": map[string]any{"ns-1": "write"}}},
	})
	return b
}

// BenchmarkMapAndAuthorize maps verified claims (10 known groups, 10
// unknown, a client) and authorizes one call; the cost must not depend on
// the size of the policy.
func BenchmarkMapAndAuthorize(b *testing.B) {
	parser, err := NewPolicyParser()
	if err != nil {
		b.Fatal(err)
	}
	for _, namespaces := range []int{10, 1000} {
		b.Run(fmt.Sprintf("shape=group-per-grant,namespaces=%d,grants=50", namespaces), func(b *testing.B) {
			policy, err := parser.Parse(generatedPolicy(namespaces, 50))
			if err != nil {
				b.Fatal(err)
			}
			var groups []any
			for k := range 10 {
				groups = append(groups, fmt.Sprintf("g-%04d-%02d", (k*7)%namespaces, k), fmt.Sprintf("unknown-%d", k))
			}
			groups = append(groups, "sys-read")
			claims := map[string]any{"sub": "user", "groups": groups, "cid": "client-0003", "iss": "x", "aud": "y", "exp": 1e10}
			authorizer := authorization.NewDefaultAuthorizer()
			target := &authorization.CallTarget{APIName: "/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution", Namespace: "ns-0003"}
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				c := MapClaims(policy, claims)
				res, err := authorizer.Authorize(ctx, c, target)
				if err != nil || res.Decision != authorization.DecisionAllow {
					b.Fatalf("%v %v", res, err)
				}
			}
		})
	}
	// The CLI benchmark's shape: here a group's own grants grow with the
	// policy (team-N holds ~namespaces/8 namespaces), so the cost follows
	// what the token is entitled to, not the policy's size.
	for _, namespaces := range []int{10, 1000} {
		b.Run(fmt.Sprintf("shape=bench-run-mjs,namespaces=%d,grants=50", namespaces), func(b *testing.B) {
			policy, err := parser.Parse(sharedGroupsPolicy(namespaces, 50))
			if err != nil {
				b.Fatal(err)
			}
			claims := map[string]any{"sub": "user", "groups": []any{"team-3", "team-250", "nobody", "everyone"}, "exp": 1e10}
			authorizer := authorization.NewDefaultAuthorizer()
			target := &authorization.CallTarget{APIName: "/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace", Namespace: "ns-1"}
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				c := MapClaims(policy, claims)
				if _, err := authorizer.Authorize(ctx, c, target); err != nil {
					b.Fatal(err)
				}
			}
			c := MapClaims(policy, claims)
			b.ReportMetric(float64(len(c.Namespaces)), "namespaces/token")
		})
	}
}

// BenchmarkPolicyLoad validates and compiles a 1,000-namespace x 50-grant
// policy file, in the CLI benchmark's shape (400 groups) and in the worst
// shape (50,000 groups of one grant each).
func BenchmarkPolicyLoad(b *testing.B) {
	parser, err := NewPolicyParser()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"shape=bench-run-mjs,groups=400", sharedGroupsPolicy(1000, 50)},
		{"shape=group-per-grant,groups=50000", generatedPolicy(1000, 50)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := parser.Parse(tc.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchTokens are n distinct RS256 tokens (kid rsa-1 of keys) of one caller
// with groups, valid for an hour from now.
func benchTokens(b *testing.B, keys testKeys, n int, groups []any) []string {
	b.Helper()
	exp := time.Now().Add(time.Hour).Unix()
	out := make([]string, n)
	for i := range out {
		out[i] = "Bearer " + keys.sign(b, "RS256", "rsa-1", map[string]any{
			"iss": testIssuer, "aud": testAudience, "sub": fmt.Sprintf("user-%d", i), "exp": exp, "iat": exp - 3600,
			"cid": "client-0003", "groups": groups, "email": "someone@acme.example", "jti": fmt.Sprintf("%016x", i),
		})
	}
	return out
}

// BenchmarkGetClaims is the ClaimMapper's whole path for a real RS256 token
// (RSA-2048): header, signature, claims, time checks and mapping (10 known
// groups, 10 unknown, a client, under a 1,000-namespace policy).
// cache=off: every call verifies from scratch (WithTokenCache(0, 0)); miss:
// a token the cache does not hold (1,024 distinct tokens in turn through a
// cache of 512), verified and stored; hit: the same token again.
func BenchmarkGetClaims(b *testing.B) {
	keys := newTestKeys(b)
	set, err := NewStaticKeySet(keys.jwks())
	if err != nil {
		b.Fatal(err)
	}
	policy := parsedPolicy(b, 1000, 50)
	var groups []any
	for k := range 10 {
		groups = append(groups, fmt.Sprintf("g-%04d-%02d", (k*7)%1000, k), fmt.Sprintf("unknown-%d", k))
	}
	tokens := benchTokens(b, keys, 1024, groups)
	run := func(b *testing.B, m *ClaimMapper, tokens []string) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			c, _ := m.GetClaims(&authorization.AuthInfo{AuthToken: tokens[i%len(tokens)]})
			if CallerOf(c).Token != TokenValid {
				b.Fatalf("%+v", CallerOf(c))
			}
			i++
		}
	}
	verifier := NewVerifier(testIssuer, testAudience, set)
	b.Run("cache=off", func(b *testing.B) {
		run(b, NewClaimMapper(verifier, nil, func() *Policy { return policy }, WithTokenCache(0, 0)), tokens)
	})
	b.Run("miss", func(b *testing.B) {
		run(b, NewClaimMapper(verifier, nil, func() *Policy { return policy }, WithTokenCache(512, DefaultTokenCacheBytes)), tokens)
	})
	b.Run("hit", func(b *testing.B) {
		run(b, NewClaimMapper(verifier, nil, func() *Policy { return policy }), tokens[:1])
	})
	// A broadly entitled token (244 groups, 244 namespaces, as
	// BenchmarkMapBroadToken): a hit reuses the claims mapped under the same
	// policy.
	var broad []any
	for i := range 244 {
		broad = append(broad, fmt.Sprintf("g-%04d-%02d", i*4, i%50))
	}
	broadToken := benchTokens(b, keys, 1, broad)
	for _, cache := range []bool{false, true} {
		name := "groups=244,cache=off"
		opts := []Option{WithTokenCache(0, 0)}
		if cache {
			name, opts = "groups=244,hit", nil
		}
		b.Run(name, func(b *testing.B) {
			run(b, NewClaimMapper(verifier, nil, func() *Policy { return policy }, opts...), broadToken)
		})
	}
}

// BenchmarkMapBroadToken maps verified claims entitled to 244 namespaces
// (244 groups of one namespace each) under a 1,000-namespace x 50-grant
// policy of 50,000 groups.
func BenchmarkMapBroadToken(b *testing.B) {
	policy := parsedPolicy(b, 1000, 50)
	var groups []any
	for i := range 244 {
		groups = append(groups, fmt.Sprintf("g-%04d-%02d", i*4, i%50))
	}
	claims := map[string]any{"sub": "user", "groups": groups, "exp": 1e10}
	b.ReportAllocs()
	for b.Loop() {
		c := MapClaims(policy, claims)
		if len(c.Namespaces) != 244 {
			b.Fatalf("%d namespaces", len(c.Namespaces))
		}
	}
}
