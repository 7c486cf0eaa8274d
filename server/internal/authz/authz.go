// Package authz is temporal-auth's ClaimMapper for Temporal: it verifies
// OIDC access tokens against the issuer's JWKS and maps the token's groups
// and client ID to Temporal roles through the policy file the temporal-auth
// CLI renders (schemas/policy.schema.json).
package authz

import (
	"context"
	"fmt"
)

// New builds the ClaimMapper for cfg: it loads the policy (an error when the
// file is missing or invalid), and starts, until ctx ends, the JWKS loader
// (discovery now, then every cfg.JWKSRefreshInterval) and the policy watcher.
func New(ctx context.Context, cfg Config, opts ...Option) (*ClaimMapper, error) {
	o := buildOptions(opts)
	parser, err := NewPolicyParser()
	if err != nil {
		return nil, err
	}
	store, err := NewPolicyStore(cfg.PolicyFile, parser, cfg.GroupsClaim, o.logger)
	if err != nil {
		return nil, fmt.Errorf("temporal-auth: %w", err)
	}
	keys := NewKeySet(cfg.Issuer, opts...)
	verifier := NewVerifier(cfg.Issuer, cfg.Audience, keys, opts...)
	go keys.Run(ctx, cfg.JWKSRefreshInterval)
	go store.Watch(ctx, cfg.PolicyPollInterval)
	return NewClaimMapper(verifier, store.Policy, opts...), nil
}
