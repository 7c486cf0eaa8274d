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
// bearer token and maps its groups and client through the policy. A missing
// or invalid token gives claims with no roles (and no error), so Temporal's
// default authorizer still allows health checks and GetSystemInfo.
type ClaimMapper struct {
	verifier *Verifier
	policy   func() *Policy
	logger   log.Logger
	wait     time.Duration
}

var _ authorization.ClaimMapper = (*ClaimMapper)(nil)

// NewClaimMapper returns a mapper verifying with verifier and mapping with
// the policy policy returns (read on every call, so reloads apply at once).
func NewClaimMapper(verifier *Verifier, policy func() *Policy, opts ...Option) *ClaimMapper {
	o := buildOptions(opts)
	return &ClaimMapper{verifier: verifier, policy: policy, logger: o.logger, wait: o.verifyWait}
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
	claims, err := m.verifier.Verify(ctx, token)
	if err != nil {
		why := reason(err)
		m.logger.Warn("temporal-auth: token rejected; no roles", tag.NewStringTag("reason", why))
		return &authorization.Claims{Extensions: &Caller{Token: TokenInvalid, Problem: why}}, nil
	}
	return MapClaims(m.policy(), claims), nil
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
