package authz

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
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
	// EnvClusterIssuer is the cluster's service-account issuer (optional):
	// when set, tokens whose `iss` is exactly this are checked against the
	// cluster's keys and mapped through the policy's serviceAccounts only.
	EnvClusterIssuer = "TEMPORAL_AUTH_CLUSTER_ISSUER"
	// EnvClusterAudience is the `aud` cluster tokens must carry (required
	// with EnvClusterIssuer; never the issuer, the API server's audience).
	EnvClusterAudience = "TEMPORAL_AUTH_CLUSTER_AUDIENCE"
	// EnvClusterJWKSFile is a file holding the cluster's JWKS (optional):
	// set, the keys are read from it instead of from the API server.
	EnvClusterJWKSFile = "TEMPORAL_AUTH_CLUSTER_JWKS_FILE"
	// EnvTokenCacheEntries bounds the ClaimMapper's cache of verified tokens
	// (optional; a non-negative integer, default DefaultTokenCacheEntries;
	// 0 turns the cache off). The CLI does not render it: an operator's own
	// setting in the chart's values is left alone (src/emit/values.ts).
	EnvTokenCacheEntries = "TEMPORAL_AUTH_TOKEN_CACHE_ENTRIES"
)

// Extra, optional variables of this image (not part of the shared contract).
const (
	// EnvJWKSRefreshInterval is how often the JWKS is re-fetched (Go duration,
	// default 15m).
	EnvJWKSRefreshInterval = "TEMPORAL_AUTH_JWKS_REFRESH_INTERVAL"
	// EnvPolicyPollInterval is how often the policy file is checked for
	// changes (Go duration, default 2s).
	EnvPolicyPollInterval = "TEMPORAL_AUTH_POLICY_POLL_INTERVAL"
	// EnvClusterAPIServer is the Kubernetes API server the cluster's keys
	// are read from (apiServer mode; default
	// https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT, as
	// client-go's InClusterConfig).
	EnvClusterAPIServer = "TEMPORAL_AUTH_CLUSTER_API_SERVER"
	// EnvClusterTokenFile is the bearer token the API server is called
	// with (apiServer mode), re-read on every fetch: the kubelet rotates it.
	EnvClusterTokenFile = "TEMPORAL_AUTH_CLUSTER_TOKEN_FILE"
	// EnvClusterCAFile holds the only certificate authorities the API
	// server's certificate is checked against (apiServer mode).
	EnvClusterCAFile = "TEMPORAL_AUTH_CLUSTER_CA_FILE"
)

// The pod's own service account and the API server's address, as
// Kubernetes provides them to every pod (client-go's InClusterConfig).
const (
	DefaultClusterTokenFile = "/var/run/secrets/kubernetes.io/serviceaccount/token"
	DefaultClusterCAFile    = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt"
	envKubernetesHost       = "KUBERNETES_SERVICE_HOST"
	envKubernetesPort       = "KUBERNETES_SERVICE_PORT"
)

// kubernetesAPIAudiences are audiences of the Kubernetes API itself (the
// API server's --api-audiences defaults to its issuer; these are the
// others clusters use): a token for one of them is a credential for the
// API server, and a server accepting it would let anyone holding such a
// token (every pod's default token) act as a worker. The CLI's lint rule
// cluster-audience refuses the same.
var kubernetesAPIAudiences = []string{
	"https://kubernetes.default.svc",
	"https://kubernetes.default.svc.cluster.local",
	"kubernetes",
}

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
	// TokenCacheEntries bounds the cache of verified tokens (0: off); its
	// byte bound is DefaultTokenCacheBytes.
	TokenCacheEntries int
	// Cluster is the second issuer, the cluster's service-account issuer
	// (zero when TEMPORAL_AUTH_CLUSTER_ISSUER is not set).
	Cluster ClusterConfig
}

// ClusterConfig is the cluster's service-account issuer: its tokens, keys
// and where the keys come from. Exactly one of JWKSFile (file mode) and
// APIServer (apiServer mode) is set when Issuer is.
type ClusterConfig struct {
	Issuer   string
	Audience string
	// JWKSFile: file mode, the keys are read from this file.
	JWKSFile string
	// apiServer mode: discovery and the JWKS from the API server, called
	// with the token in TokenFile, trusting only the CAs in CAFile.
	APIServer string
	TokenFile string
	CAFile    string
}

// Enabled reports whether a cluster issuer is configured.
func (c ClusterConfig) Enabled() bool { return c.Issuer != "" }

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
		TokenCacheEntries:   DefaultTokenCacheEntries,
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
	if v := strings.TrimSpace(getenv(EnvTokenCacheEntries)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > MaxTokenCacheEntries {
			errs = append(errs, fmt.Errorf("%s must be an integer from 0 (no cache) to %d, got %q", EnvTokenCacheEntries, MaxTokenCacheEntries, v))
		} else {
			c.TokenCacheEntries = n
		}
	}
	cluster, clusterErrs := clusterFromEnv(getenv)
	c.Cluster = cluster
	errs = append(errs, clusterErrs...)
	if cluster.Issuer != "" && cluster.Issuer == c.Issuer {
		errs = append(errs, fmt.Errorf("%s must differ from %s: a token is checked against the one issuer its iss names", EnvClusterIssuer, EnvProviderURL))
	}
	return c, errors.Join(errs...)
}

// clusterFromEnv reads the cluster issuer's settings; each error is one
// line. Without TEMPORAL_AUTH_CLUSTER_ISSUER none may be set but the
// image-only ones, which then are not read.
func clusterFromEnv(getenv func(string) string) (ClusterConfig, []error) {
	c := ClusterConfig{
		Issuer:   strings.TrimSpace(getenv(EnvClusterIssuer)),
		Audience: strings.TrimSpace(getenv(EnvClusterAudience)),
		JWKSFile: strings.TrimSpace(getenv(EnvClusterJWKSFile)),
	}
	var errs []error
	if c.Issuer == "" {
		for _, name := range []string{EnvClusterAudience, EnvClusterJWKSFile} {
			if strings.TrimSpace(getenv(name)) != "" {
				errs = append(errs, fmt.Errorf("%s is set without %s", name, EnvClusterIssuer))
			}
		}
		return ClusterConfig{}, errs
	}
	if u, err := url.Parse(c.Issuer); err != nil || u.Scheme != "https" || u.Host == "" {
		errs = append(errs, fmt.Errorf("%s must be an https URL, got %q", EnvClusterIssuer, c.Issuer))
	}
	switch c.Audience {
	case "":
		errs = append(errs, fmt.Errorf("%s is required with %s (the audience the workers' projected tokens request)", EnvClusterAudience, EnvClusterIssuer))
	case c.Issuer:
		errs = append(errs, fmt.Errorf("%s must not be the cluster issuer %q: that is the API server's own audience, and every pod's token would be accepted", EnvClusterAudience, c.Issuer))
	default:
		for _, api := range kubernetesAPIAudiences {
			if c.Audience == api {
				errs = append(errs, fmt.Errorf("%s must not be %q, an audience of the Kubernetes API: tokens for the API server would be accepted", EnvClusterAudience, c.Audience))
			}
		}
	}
	if c.JWKSFile != "" {
		return c, errs // file mode: the API server's settings are not read
	}
	c.APIServer = strings.TrimSpace(getenv(EnvClusterAPIServer))
	c.TokenFile = cmp.Or(strings.TrimSpace(getenv(EnvClusterTokenFile)), DefaultClusterTokenFile)
	c.CAFile = cmp.Or(strings.TrimSpace(getenv(EnvClusterCAFile)), DefaultClusterCAFile)
	if c.APIServer == "" {
		host, port := strings.TrimSpace(getenv(envKubernetesHost)), strings.TrimSpace(getenv(envKubernetesPort))
		if host == "" || port == "" {
			errs = append(errs, fmt.Errorf("%s is set but the cluster's keys have no source: set %s (a JWKS file) or %s (not in a pod: %s and %s are not set)", EnvClusterIssuer, EnvClusterJWKSFile, EnvClusterAPIServer, envKubernetesHost, envKubernetesPort))
			return c, errs
		}
		// JoinHostPort brackets an IPv6 address (https://[fd00::1]:443).
		c.APIServer = "https://" + net.JoinHostPort(host, port)
	}
	if u, err := url.Parse(c.APIServer); err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		errs = append(errs, fmt.Errorf("%s must be an https URL without query, got %q", EnvClusterAPIServer, c.APIServer))
	}
	return c, errs
}
