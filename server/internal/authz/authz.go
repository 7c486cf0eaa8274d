// Package authz is temporal-auth's authorization for Temporal's frontend: a
// ClaimMapper that verifies OIDC access tokens against the JWKS of the issuer
// their iss names (the identity provider's or, for workers, the cluster's
// service-account issuer) and maps the token's groups and client ID, or a
// cluster token's service account, to Temporal roles through the policy
// file the temporal-auth CLI renders (schemas/policy.schema.json); an
// Authorizer around Temporal's default one (the Web UI's cluster-scoped
// calls, shadow mode, the audit log); and the interceptor that filters
// ListNamespaces.
package authz

import (
	"context"
	"fmt"
	"io"

	"go.temporal.io/server/common/log/tag"
)

// Frontend is what the server wires for its frontend.
type Frontend struct {
	ClaimMapper *ClaimMapper
	Authorizer  *Authorizer
	// NamespaceFilter reads the same policy (NamespaceFilter).
	Policy func() *Policy
	Audit  *AuditLog
}

// New builds the frontend's authorization for cfg: it loads the policy (an
// error when the file is missing or invalid) and, with a cluster issuer,
// reads the API server's CA file (an error when it holds no certificate),
// and starts, until ctx ends, the JWKS loaders (the identity provider's by
// discovery, the cluster's from the API server or its file: now, then every
// cfg.JWKSRefreshInterval), the policy watcher and the audit log's drop
// reports. The audit log writes to
// audit (nil: no audit log).
func New(ctx context.Context, cfg Config, audit io.Writer, opts ...Option) (*Frontend, error) {
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
	var cluster *Verifier
	var clusterKeys *KeySet
	if cfg.Cluster.Enabled() {
		clusterKeys, err = NewClusterKeySet(cfg.Cluster, opts...)
		if err != nil {
			return nil, fmt.Errorf("temporal-auth: cluster issuer: %w", err)
		}
		cluster, err = NewClusterVerifier(cfg.Cluster.Issuer, cfg.Cluster.Audience, clusterKeys, opts...)
		if err != nil {
			return nil, fmt.Errorf("temporal-auth: %w", err)
		}
	}
	go keys.Run(ctx, cfg.JWKSRefreshInterval)
	if clusterKeys != nil {
		go clusterKeys.Run(ctx, cfg.JWKSRefreshInterval)
	}
	go store.Watch(ctx, cfg.PolicyPollInterval)
	// The configured cache first: an Option of the caller's (tests) wins.
	mapperOpts := append([]Option{WithTokenCache(cfg.TokenCacheEntries, DefaultTokenCacheBytes)}, opts...)
	f := &Frontend{ClaimMapper: NewClaimMapper(verifier, cluster, store.Policy, mapperOpts...), Policy: store.Policy}
	if f.ClaimMapper.cache == nil {
		o.logger.Info("temporal-auth: token cache off; every call verifies its token (" + EnvTokenCacheEntries + "=0)")
	} else {
		entries, bytes := f.ClaimMapper.cache.bounds()
		o.logger.Info("temporal-auth: token cache on", tag.NewInt("entries", entries), tag.NewInt64("bytes", bytes))
	}
	if audit != nil {
		f.Audit = NewAuditLog(audit, store.Policy, opts...)
		go f.Audit.Run(ctx)
	}
	f.Authorizer = NewAuthorizer(store.Policy, f.Audit)
	return f, nil
}
