package authz

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Environment variables of the contract in ../schemas/server-env.json. The
// env contract test proves these equal that file.
const (
	// EnvProviderURL is the issuer URL; discovery is at
	// {issuer}/.well-known/openid-configuration and `iss` must equal it.
	EnvProviderURL = "TEMPORAL_AUTH_PROVIDER_URL"
	// EnvPolicyFile is the path of the policy file (schemas/policy.schema.json).
	EnvPolicyFile = "TEMPORAL_AUTH_POLICY_FILE"
	// EnvClientID is the Web UI's client ID (informational only).
	EnvClientID = "TEMPORAL_AUTH_CLIENT_ID"
	// EnvAudience is the expected `aud` (optional).
	EnvAudience = "TEMPORAL_AUTH_AUDIENCE"
	// EnvGroupsClaim is the groups claim path (optional; the policy's
	// groupsClaim is authoritative).
	EnvGroupsClaim = "TEMPORAL_AUTH_GROUPS_CLAIM"
)

// Extra, optional variables of this image (not part of the shared contract).
const (
	// EnvJWKSRefreshInterval is how often the JWKS is re-fetched (Go duration,
	// default 15m).
	EnvJWKSRefreshInterval = "TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL"
	// EnvPolicyPollInterval is how often the policy file is checked for
	// changes (Go duration, default 2s).
	EnvPolicyPollInterval = "TEMPORAL_AUTH_POLICY_POLL_INTERVAL"
)

// Defaults for the optional settings.
const (
	DefaultJWKSRefreshInterval = 15 * time.Minute
	DefaultPolicyPollInterval  = 2 * time.Second
	// DefaultMinRefreshInterval bounds JWKS re-fetches caused by unknown kids.
	DefaultMinRefreshInterval = 30 * time.Second
	// DefaultFetchTimeout bounds one discovery or JWKS request.
	DefaultFetchTimeout = 10 * time.Second
	// MaxPolicyBytes bounds the policy file (a file of exactly this size is
	// read): a ConfigMap, where the file comes from, holds at most 1 MiB.
	MaxPolicyBytes = 1 << 20
	// DefaultVerifyTimeout bounds one GetClaims call, a JWKS refresh for an
	// unknown kid included (the refresh goes on without the call).
	DefaultVerifyTimeout = 5 * time.Second
)

// Config is the image's configuration, read from the environment.
type Config struct {
	Issuer              string
	Audience            string
	PolicyFile          string
	GroupsClaim         string
	ClientID            string
	JWKSRefreshInterval time.Duration
	PolicyPollInterval  time.Duration
}

// ConfigFromEnv reads the configuration with getenv (os.Getenv in the binary).
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	c := Config{
		Issuer:              strings.TrimSpace(getenv(EnvProviderURL)),
		Audience:            strings.TrimSpace(getenv(EnvAudience)),
		PolicyFile:          strings.TrimSpace(getenv(EnvPolicyFile)),
		GroupsClaim:         strings.TrimSpace(getenv(EnvGroupsClaim)),
		ClientID:            strings.TrimSpace(getenv(EnvClientID)),
		JWKSRefreshInterval: DefaultJWKSRefreshInterval,
		PolicyPollInterval:  DefaultPolicyPollInterval,
	}
	var errs []error
	if c.Issuer == "" {
		errs = append(errs, fmt.Errorf("%s is required", EnvProviderURL))
	} else if u, err := url.Parse(c.Issuer); err != nil || u.Scheme != "https" || u.Host == "" {
		errs = append(errs, fmt.Errorf("%s must be an https URL, got %q", EnvProviderURL, c.Issuer))
	}
	if c.PolicyFile == "" {
		errs = append(errs, fmt.Errorf("%s is required", EnvPolicyFile))
	}
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{EnvJWKSRefreshInterval, &c.JWKSRefreshInterval}, {EnvPolicyPollInterval, &c.PolicyPollInterval}} {
		v := strings.TrimSpace(getenv(d.name))
		if v == "" {
			continue
		}
		parsed, err := time.ParseDuration(v)
		if err != nil || parsed <= 0 {
			errs = append(errs, fmt.Errorf("%s must be a positive Go duration (e.g. 15m), got %q", d.name, v))
			continue
		}
		*d.dst = parsed
	}
	return c, errors.Join(errs...)
}
