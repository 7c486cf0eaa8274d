package authz

import (
	"slices"
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

// TokenState says whether a call carried a bearer token and whether it
// verified (the audit line's `token`).
type TokenState string

// The token states.
const (
	TokenNone    TokenState = "none"
	TokenInvalid TokenState = "invalid"
	TokenValid   TokenState = "valid"
)

// TokenIssuer says which of the server's issuers a token is checked
// against (and so how it is mapped).
type TokenIssuer string

// The issuers.
const (
	// IssuerIdP is the identity provider (TEMPORAL_AUTH_PROVIDER_URL): its
	// tokens map through the policy's groups and clients.
	IssuerIdP TokenIssuer = "idp"
	// IssuerCluster is the cluster's service-account issuer
	// (TEMPORAL_AUTH_CLUSTER_ISSUER): its tokens map through the policy's
	// serviceAccounts only.
	IssuerCluster TokenIssuer = "cluster"
)

// Caller is what the ClaimMapper learned about a call, for the Authorizer and
// the audit log: Claims.Extensions holds one for every call of the public
// frontend that carried an authorization header (no header: Temporal never
// calls the mapper, and the claims are nil, which is TokenNone). Nothing in
// it is secret: never the token, never a claim other than these.
type Caller struct {
	Token TokenState
	// Issuer is the issuer the token's iss named, the one it was checked
	// against ("" when it named none the server knows, or had no token).
	Issuer TokenIssuer
	// Problem is why an invalid token was refused: the text of one of the
	// errors of tokenErrors (verify.go).
	Problem string
	// Subject is the verified token's `sub`.
	Subject string
	// Principal is the caller's name (Claims.Subject): the worker's name, the
	// policy's principal claim, or `sub`.
	Principal string
	// ClientID is the value of the first of the policy's clientIdClaims
	// present as a string (identity-provider tokens); Worker its name in the
	// policy, when it has one, or the name of the serviceAccounts entry of a
	// cluster token's sub.
	ClientID string
	Worker   string
	// Groups are the token's groups at the policy's groupsClaim, in the
	// token's order; MatchedGroups those the policy grants something, in the
	// same order, each once.
	Groups        []string
	MatchedGroups []string
}

// CallerOf returns the Caller the ClaimMapper put in claims, or nil: nil
// claims (no token), or claims of another mapper (the internal frontend's).
func CallerOf(claims *authorization.Claims) *Caller {
	if claims == nil {
		return nil
	}
	c, _ := claims.Extensions.(*Caller)
	return c
}

// PrincipalName is the name Temporal records for the caller of verified
// token claims under policy: the worker's name when the client ID (the first
// of the policy's clientIdClaims present) names a client with a name; else
// the policy's principal claim when the token has it as a non-empty string;
// else `sub` ("" when absent).
func PrincipalName(policy *Policy, claims map[string]any) string {
	if policy != nil {
		if id, ok := ClientIDOf(claims, policy.ClientIDClaims); ok && id != "" {
			if g, ok := policy.Clients[id]; ok && g.Name != "" {
				return g.Name
			}
		}
		if policy.PrincipalClaim != "" {
			if s, ok := claims[policy.PrincipalClaim].(string); ok && s != "" {
				return s
			}
		}
	}
	sub, _ := claims["sub"].(string)
	return sub
}

// MapClaims turns verified token claims into Temporal claims under policy:
// the role bits of every group in the groups claim and of the client, ORed;
// Subject is PrincipalName (what the default authorizer records as the
// principal's name), and Extensions the *Caller. Cost depends on the token,
// not on the size of the policy.
//
// These are the claims of an identity-provider token: the policy's
// serviceAccounts are never consulted, whatever the token's sub.
func MapClaims(policy *Policy, claims map[string]any) *authorization.Claims {
	caller := &Caller{Token: TokenValid, Issuer: IssuerIdP, Principal: PrincipalName(policy, claims)}
	caller.Subject, _ = claims["sub"].(string)
	out := &authorization.Claims{AuthType: "jwt", Subject: caller.Principal, Extensions: caller}
	if policy == nil {
		return out
	}
	caller.Groups = GroupsAt(claims, policy.GroupsClaim)
	// Two passes: the grants of the matched groups (each once: ORing a
	// group's grants twice changes nothing), then one map of the size they
	// need. Built as the groups came, the namespace map grew and rehashed
	// some eight times for a token entitled to 244 namespaces, and the set of
	// matched names (a map from the first match) as often: most of the cost
	// of mapping a broadly entitled token.
	var matched []Grants
	var seen map[string]struct{} // only for tokens with many matched groups
	size := 0
	for i, group := range caller.Groups {
		g, ok := policy.Groups[group]
		if !ok || isDuplicate(caller.MatchedGroups, &seen, group, len(caller.Groups)-i) {
			continue
		}
		if matched == nil {
			matched = make([]Grants, 0, len(caller.Groups)-i)
		}
		matched = append(matched, g)
		caller.MatchedGroups = append(caller.MatchedGroups, group)
		size += len(g.Namespaces)
	}
	var client Grants
	if id, ok := ClientIDOf(claims, policy.ClientIDClaims); ok {
		caller.ClientID = id
		if g, ok := policy.Clients[id]; ok && id != "" {
			client = g
			caller.Worker = g.Name
			size += len(g.Namespaces)
		}
	}
	if size > 0 {
		out.Namespaces = make(map[string]authorization.Role, size)
	}
	for _, g := range matched {
		grant(out, g)
	}
	grant(out, client)
	return out
}

// MapClusterClaims turns the verified claims of a cluster service-account
// token into Temporal claims under policy: the grants of the policy's
// serviceAccounts entry whose key is exactly the token's sub
// (system:serviceaccount:<namespace>:<name>), and nothing else: never the
// groups or clients of the policy, whatever groups or client-ID claims the
// token carries (the cluster's issuer vouches for the service account, not
// for them). Subject, Principal and Worker are the entry's name, else sub.
// One map lookup: the cost does not depend on the policy's size.
func MapClusterClaims(policy *Policy, claims map[string]any) *authorization.Claims {
	caller := &Caller{Token: TokenValid, Issuer: IssuerCluster}
	caller.Subject, _ = claims["sub"].(string)
	caller.Principal = caller.Subject
	out := &authorization.Claims{AuthType: "jwt", Extensions: caller}
	if policy != nil && caller.Subject != "" {
		if g, ok := policy.ServiceAccounts[caller.Subject]; ok {
			grant(out, g)
			if g.Name != "" {
				caller.Worker, caller.Principal = g.Name, g.Name
			}
		}
	}
	out.Subject = caller.Principal
	return out
}

// MapVerified maps claims verified against the issuer kind: MapClusterClaims
// for the cluster's, MapClaims for the identity provider's.
func MapVerified(policy *Policy, kind TokenIssuer, claims map[string]any) *authorization.Claims {
	if kind == IssuerCluster {
		return MapClusterClaims(policy, claims)
	}
	return MapClaims(policy, claims)
}

// smallMatched is how many matched groups are searched for a duplicate by
// a scan; beyond, a set (sized once) takes over.
const smallMatched = 16

// isDuplicate reports whether group is already in matched, and records it
// in *seen once matched has grown past smallMatched (left says how many
// groups are left, to size the set once).
func isDuplicate(matched []string, seen *map[string]struct{}, group string, left int) bool {
	if len(matched) < smallMatched {
		return slices.Contains(matched, group)
	}
	if *seen == nil {
		*seen = make(map[string]struct{}, len(matched)+left)
		for _, m := range matched {
			(*seen)[m] = struct{}{}
		}
	}
	if _, ok := (*seen)[group]; ok {
		return true
	}
	(*seen)[group] = struct{}{}
	return false
}

// grant ORs the role bits of g into out.
func grant(out *authorization.Claims, g Grants) {
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
