package authz

import (
	"context"
	"strings"
	"time"

	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
)

// ClaimMapper is Temporal's ClaimMapper for the frontend: it verifies the
// bearer token against the issuer its iss names (the identity provider's or
// the cluster's) and maps it through the policy: an identity-provider token
// by its groups and client, a cluster token by its service account only. A
// missing or invalid token gives claims with no roles (and no error), so
// Temporal's default authorizer still allows health checks and
// GetSystemInfo.
type ClaimMapper struct {
	verifier *Verifier // the identity provider's
	cluster  *Verifier // the cluster's service-account issuer's; nil when not configured
	policy   func() *Policy
	logger   log.Logger
	wait     time.Duration
}

var _ authorization.ClaimMapper = (*ClaimMapper)(nil)

// NewClaimMapper returns a mapper verifying with verifier (the identity
// provider's) and cluster (NewClusterVerifier; nil: no cluster issuer), and
// mapping with the policy policy returns (read on every call, so reloads
// apply at once).
func NewClaimMapper(verifier, cluster *Verifier, policy func() *Policy, opts ...Option) *ClaimMapper {
	o := buildOptions(opts)
	return &ClaimMapper{verifier: verifier, cluster: cluster, policy: policy, logger: o.logger, wait: o.verifyWait}
}

// Verify checks token against the one issuer its iss names (route) and
// returns its claims and that issuer.
func (m *ClaimMapper) Verify(ctx context.Context, token string) (map[string]any, TokenIssuer, error) {
	v, err := route(token, m.verifier, m.cluster)
	if err != nil {
		return nil, "", err
	}
	claims, err := v.verifySized(ctx, token)
	return claims, v.kind, err
}

// GetClaims implements authorization.ClaimMapper.
func (m *ClaimMapper) GetClaims(info *authorization.AuthInfo) (*authorization.Claims, error) {
	if info == nil {
		return noToken(), nil
	}
	token, ok := bearer(info.AuthToken)
	if !ok {
		if info.AuthToken != "" {
			m.logger.Debug("temporal-auth: authorization header is not a bearer token; no roles")
		}
		return noToken(), nil
	}
	// GetClaims has no context: bound the call, which waits only for a JWKS
	// refresh when the kid is unknown (the refresh itself runs on; see
	// KeySet.begin). The token's size is checked first, in Verify.
	ctx, cancel := context.WithTimeout(context.Background(), m.wait)
	defer cancel()
	claims, issuer, err := m.Verify(ctx, token)
	if err != nil {
		why := reason(err)
		m.logger.Warn("temporal-auth: token rejected; no roles", tag.NewStringTag("reason", why), tag.NewStringTag("issuer", string(issuer)))
		return &authorization.Claims{Extensions: &Caller{Token: TokenInvalid, Issuer: issuer, Problem: why}}, nil
	}
	return MapVerified(m.policy(), issuer, claims), nil
}

// noToken are the claims of a call without a bearer token: no roles.
func noToken() *authorization.Claims {
	return &authorization.Claims{Extensions: &Caller{Token: TokenNone}}
}

// bearer extracts the token of an "authorization: Bearer <token>" header.
func bearer(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}
