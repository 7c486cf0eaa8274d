package authz

import (
	"context"
	"crypto/sha256"
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
	// cache holds the tokens that verified (nil: off; WithTokenCache).
	cache *tokenCache
}

var _ authorization.ClaimMapper = (*ClaimMapper)(nil)

// NewClaimMapper returns a mapper verifying with verifier (the identity
// provider's) and cluster (NewClusterVerifier; nil: no cluster issuer), and
// mapping with the policy policy returns (read on every call, so reloads
// apply at once). Tokens that verified are cached (WithTokenCache; on by
// default).
func NewClaimMapper(verifier, cluster *Verifier, policy func() *Policy, opts ...Option) *ClaimMapper {
	o := buildOptions(opts)
	return &ClaimMapper{verifier: verifier, cluster: cluster, policy: policy, logger: o.logger, wait: o.verifyWait,
		cache: newTokenCache(o.tokenCacheEntries, o.tokenCacheBytes)}
}

// Verify checks token against the one issuer its iss names (route) and
// returns its claims and that issuer. It verifies from scratch (the cache
// is GetClaims').
func (m *ClaimMapper) Verify(ctx context.Context, token string) (map[string]any, TokenIssuer, error) {
	_, r, kind, err := m.verify(ctx, token)
	return r.claims, kind, err
}

// verify is Verify, with the verifier and what it found about the keys.
func (m *ClaimMapper) verify(ctx context.Context, token string) (*Verifier, verified, TokenIssuer, error) {
	v, err := route(token, m.verifier, m.cluster)
	if err != nil {
		return nil, verified{}, "", err
	}
	r, err := v.verifyToken(ctx, token)
	return v, r, v.kind, err
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
	policy := m.policy()
	// A token seen before is served from the cache, checked as a fresh
	// verification checks it (cached). One over the size cap is never
	// hashed: route refuses it below before decoding anything.
	var sum [sha256.Size]byte
	cacheable := m.cache != nil && checkSize(token) == nil
	if cacheable {
		sum = sha256.Sum256([]byte(token))
		if claims, hit := m.cached(sum, policy); hit {
			return claims, nil
		}
	}
	// GetClaims has no context: bound the call, which waits only for a JWKS
	// refresh when the kid is unknown (the refresh itself runs on; see
	// KeySet.begin). The token's size is checked first, in route.
	ctx, cancel := context.WithTimeout(context.Background(), m.wait)
	defer cancel()
	v, r, issuer, err := m.verify(ctx, token)
	if err != nil {
		return m.refused(issuer, err), nil // errors are never cached
	}
	if !cacheable {
		return MapVerified(policy, issuer, r.claims), nil
	}
	mapped := mapClaims(policy, issuer, r.claims)
	m.cache.add(keyOf(issuer, sum), v, r, len(token), mapped)
	return mapped.claims(), nil
}

// cached looks the token whose SHA-256 is sum up in the cache, under each
// issuer (a token routes to one issuer, by its iss: the same token is
// cached under one at most). A hit is only as good as a fresh verification
// would be (tokenCache): hit is false when the token is not cached or the
// keys it verified with left the issuer's key set (the entry is dropped and
// the caller verifies the token from scratch); a token whose claims no
// longer pass (expired) is refused, exactly as the verifier's checkClaims
// refuses them on a fresh verification.
func (m *ClaimMapper) cached(sum [sha256.Size]byte, policy *Policy) (*authorization.Claims, bool) {
	for _, v := range [...]*Verifier{m.verifier, m.cluster} {
		if v == nil {
			continue
		}
		e, mapped := m.cache.get(keyOf(v.kind, sum))
		if e == nil {
			continue
		}
		// The key check comes first, as on a fresh verification the
		// signature is checked before the claims.
		if !e.verifier.stillSigned(&e.verified, e.verifier.keys.current()) {
			m.cache.remove(e)
			return nil, false
		}
		if err := e.verifier.checkClaims(e.verified.claims); err != nil {
			// Dropped: an expired token never passes again, and one the
			// clock stepped back from is verified afresh once it passes.
			m.cache.remove(e)
			return m.refused(v.kind, err), true
		}
		if mapped == nil || mapped.policy != policy {
			mapped = mapClaims(policy, v.kind, e.verified.claims)
			m.cache.setMapped(e, mapped)
		}
		return mapped.claims(), true
	}
	return nil, false
}

// refused are the claims of a token that did not verify (no roles), after
// one warning with the reason (never the token).
func (m *ClaimMapper) refused(issuer TokenIssuer, err error) *authorization.Claims {
	why := reason(err)
	m.logger.Warn("temporal-auth: token rejected; no roles", tag.NewStringTag("reason", why), tag.NewStringTag("issuer", string(issuer)))
	return &authorization.Claims{Extensions: &Caller{Token: TokenInvalid, Issuer: issuer, Problem: why}}
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
