package authz

import (
	"context"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
)

// The reason codes of a decision (test/vectors/README.md), checked in the
// order of Reasons; the CLI's explain computes the same codes.
const (
	ReasonAlwaysAllowed = "always-allowed"
	ReasonNoToken       = "no-token"
	ReasonTokenInvalid  = "token-invalid"
	ReasonUnknownAPI    = "unknown-api"
	ReasonClusterAPI    = "cluster-api"
	ReasonNoNamespace   = "no-namespace"
	ReasonNamespaceAPI  = "namespace-api"
	ReasonUIClusterAPI  = "ui-cluster-api"
)

// Reasons is the one list of reason codes, in the README's order (the audit
// line schema's enum and the vectors use the same codes).
func Reasons() []string {
	return []string{ReasonAlwaysAllowed, ReasonNoToken, ReasonTokenInvalid, ReasonUnknownAPI,
		ReasonClusterAPI, ReasonNoNamespace, ReasonNamespaceAPI, ReasonUIClusterAPI}
}

// The audit decisions.
const (
	DecisionAllow     = "allow"
	DecisionDeny      = "deny"
	DecisionWouldDeny = "would-deny"
)

// Authorizer is the frontend's Authorizer: Temporal's default authorizer
// decides every call; on top of its decision this one (a) lets a caller with
// at least read in some namespace make the Web UI's cluster-scoped calls
// (schemas/ui-calls.json, reason ui-cluster-api), (b) lets a denial through
// when the policy does not enforce the call's namespace (shadow mode:
// would-deny), and (c) writes every decision to the audit log. Claims that
// temporal-auth's ClaimMapper did not map (the internal frontend's, system
// admin for Temporal's own system worker) get the default authorizer's
// decision unchanged and no audit line.
type Authorizer struct {
	inner  authorization.Authorizer
	policy func() *Policy
	audit  *AuditLog
}

var _ authorization.Authorizer = (*Authorizer)(nil)

// NewAuthorizer wraps authorization.NewDefaultAuthorizer(); policy is read on
// every call (nil: everything enforced); audit may be nil (no log).
func NewAuthorizer(policy func() *Policy, audit *AuditLog) *Authorizer {
	return &Authorizer{inner: authorization.NewDefaultAuthorizer(), policy: policy, audit: audit}
}

// Inner is the authorizer that decides: Temporal's default one.
func (a *Authorizer) Inner() authorization.Authorizer { return a.inner }

// Verdict is one decision and why.
type Verdict struct {
	// Result is what the frontend gets (DecisionAllow also for would-deny).
	Result authorization.Result
	// Decision is allow, deny or would-deny.
	Decision string
	// Enforced is the policy's Enforced(target.Namespace).
	Enforced bool
	// Reason is the reason code.
	Reason string
	// Role is the role bits compared (HasRole false when none were: always
	// allowed, no or invalid token, unknown method); Required the role the
	// method needs (0 when unknown or always allowed).
	Role     authorization.Role
	HasRole  bool
	Required authorization.Role
}

// Authorize implements authorization.Authorizer.
func (a *Authorizer) Authorize(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (authorization.Result, error) {
	v, ours, err := a.Decide(ctx, claims, target)
	if err != nil || !ours {
		return v.Result, err
	}
	if a.audit != nil {
		a.audit.Decision(v, CallerOf(claims), target)
	}
	return v.Result, nil
}

// Decide is Authorize without the audit log; ours is false for claims
// temporal-auth's ClaimMapper did not map (the result is then the default
// authorizer's, and the rest of the Verdict empty).
func (a *Authorizer) Decide(ctx context.Context, claims *authorization.Claims, target *authorization.CallTarget) (v Verdict, ours bool, err error) {
	inner, err := a.inner.Authorize(ctx, claims, target)
	if err != nil {
		return Verdict{Result: inner}, false, err
	}
	caller := CallerOf(claims)
	if claims != nil && caller == nil {
		return Verdict{Result: inner}, false, nil
	}
	var policy *Policy
	if a.policy != nil {
		policy = a.policy()
	}
	v = Verdict{Result: inner, Enforced: policy.Enforced(target.Namespace)}
	allowed := inner.Decision == authorization.DecisionAllow
	ui := !allowed && uiAllows(claims, caller, target.APIName)
	v.Reason, v.Role, v.HasRole, v.Required = reasonOf(claims, caller, target, ui)
	switch {
	case allowed:
		v.Decision = DecisionAllow
	case ui:
		v.Decision = DecisionAllow
		v.Result = authorization.Result{Decision: authorization.DecisionAllow, Principal: principalOf(claims)}
	case !v.Enforced:
		v.Decision = DecisionWouldDeny
		v.Result = authorization.Result{Decision: authorization.DecisionAllow, Principal: principalOf(claims)}
	default:
		v.Decision = DecisionDeny
	}
	return v, true, nil
}

// principalOf is the principal the default authorizer records for claims
// (default_authorizer.go: Principal{Type: claims.AuthType, Name:
// claims.Subject}); nil without claims.
func principalOf(claims *authorization.Claims) *commonpb.Principal {
	if claims == nil {
		return nil
	}
	return &commonpb.Principal{Type: claims.AuthType, Name: claims.Subject}
}

// uiAllows reports whether the Web UI exception allows a call the default
// authorizer denied: a method of ui-calls.json, by a caller with a verified
// token and at least read in some namespace.
func uiAllows(claims *authorization.Claims, caller *Caller, method string) bool {
	if claims == nil || caller == nil || caller.Token != TokenValid || !IsUICall(method) {
		return false
	}
	return bestNamespaceRole(claims) >= authorization.RoleReader
}

// bestNamespaceRole is the strongest role bits the caller has in one namespace.
func bestNamespaceRole(claims *authorization.Claims) authorization.Role {
	var best authorization.Role
	for _, r := range claims.Namespaces {
		best = max(best, r)
	}
	return best
}

// reasonOf names the decision per test/vectors/README.md and returns the role
// bits compared and the role required.
func reasonOf(claims *authorization.Claims, caller *Caller, target *authorization.CallTarget, ui bool) (reason string, role authorization.Role, hasRole bool, required authorization.Role) {
	if authorization.IsHealthCheckAPI(target.APIName) {
		return ReasonAlwaysAllowed, 0, false, 0
	}
	md := api.GetMethodMetadata(target.APIName)
	known := md.Scope == api.ScopeCluster || md.Scope == api.ScopeNamespace
	if known {
		required = requiredRole(md.Access)
	}
	switch {
	case claims == nil || caller == nil || caller.Token == TokenNone:
		return ReasonNoToken, 0, false, required
	case caller.Token == TokenInvalid:
		return ReasonTokenInvalid, 0, false, required
	case !known:
		return ReasonUnknownAPI, 0, false, 0
	case ui:
		return ReasonUIClusterAPI, claims.System | bestNamespaceRole(claims), true, required
	case md.Scope == api.ScopeCluster:
		return ReasonClusterAPI, claims.System, true, required
	case target.Namespace == "":
		return ReasonNoNamespace, claims.System | claims.Namespaces[""], true, required
	default:
		return ReasonNamespaceAPI, claims.System | claims.Namespaces[target.Namespace], true, required
	}
}

// requiredRole is the default authorizer's getRequiredRole.
func requiredRole(access api.Access) authorization.Role {
	switch access {
	case api.AccessReadOnly:
		return authorization.RoleReader
	case api.AccessWrite:
		return authorization.RoleWriter
	}
	return authorization.RoleAdmin
}

// roleName is the strongest role a bit set satisfies, compared numerically
// as Temporal does ("none" for 0).
func roleName(bits authorization.Role) string {
	switch {
	case bits >= authorization.RoleAdmin:
		return "admin"
	case bits >= authorization.RoleWriter:
		return "write"
	case bits >= authorization.RoleReader:
		return "read"
	case bits >= authorization.RoleWorker:
		return "worker"
	}
	return "none"
}
