package authz

import (
	"sort"
	"strings"

	"go.temporal.io/server/common/authorization"
)

// GroupsAt returns the groups in verified token claims at a claim path. A
// top-level claim whose whole name is the path wins (Auth0's
// `https://acme.example/groups`, Zitadel's `urn:zitadel:iam:org:project:roles`,
// or any name with dots); otherwise the dotted path is followed through nested
// objects (`realm_access.roles`), except for a name with "://": a URL names
// one claim (OIDC Core 5.1.2's collision-resistant names), and splitting it
// would let {"https://acme": {"example/groups": [...]}} grant when the issuer
// did not send the claim. A string counts as one group; an array
// contributes its string elements; an object contributes its keys (Zitadel's
// `{"role": {"<orgId>": "<domain>"}}`), sorted; anything else gives no groups.
// This is the CLI's groupsAt (src/oidc/groups.ts).
func GroupsAt(claims map[string]any, path string) []string {
	value, ok := claims[path]
	if !ok && !strings.Contains(path, "://") {
		var cur any = claims
		for segment := range strings.SplitSeq(path, ".") {
			obj, isObj := cur.(map[string]any)
			if !isObj {
				cur = nil
				break
			}
			cur = obj[segment]
		}
		value = cur
	}
	switch v := value.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, g := range v {
			if s, ok := g.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case map[string]any:
		out := make([]string, 0, len(v))
		for k := range v {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	return nil
}

// ClientIDOf returns the value of the first of names present in claims as a
// string (the CLI's clientIdOf). `sub` is never consulted unless the policy
// names it.
func ClientIDOf(claims map[string]any, names []string) (string, bool) {
	for _, name := range names {
		if s, ok := claims[name].(string); ok {
			return s, true
		}
	}
	return "", false
}

// MapClaims turns verified token claims into Temporal claims under policy:
// the role bits of every group in the groups claim and of the client, ORed.
// Cost depends on the token, not on the size of the policy.
func MapClaims(policy *Policy, claims map[string]any) *authorization.Claims {
	out := &authorization.Claims{AuthType: "jwt"}
	if sub, ok := claims["sub"].(string); ok {
		out.Subject = sub
	}
	if policy == nil {
		return out
	}
	apply := func(g Grants) {
		out.System |= g.System
		if len(g.Namespaces) == 0 {
			return
		}
		if out.Namespaces == nil {
			out.Namespaces = make(map[string]authorization.Role, len(g.Namespaces))
		}
		for _, nr := range g.Namespaces {
			out.Namespaces[nr.Namespace] |= nr.Role
		}
	}
	for _, group := range GroupsAt(claims, policy.GroupsClaim) {
		if g, ok := policy.Groups[group]; ok {
			apply(g)
		}
	}
	if id, ok := ClientIDOf(claims, policy.ClientIDClaims); ok && id != "" {
		if g, ok := policy.Clients[id]; ok {
			apply(g)
		}
	}
	return out
}
