package authz

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// ClusterJWKSPath is where the Kubernetes API server serves its
// service-account issuer's JWKS. The keys are read there, on the API server
// itself, and not at the discovery document's jwks_uri, which names the
// issuer's public host (often unreachable from inside the cluster, or
// served by someone else).
const ClusterJWKSPath = "/openid/v1/jwks"

// NewClusterKeySet returns the key set of the cluster's service-account
// issuer: read from cfg.JWKSFile (file mode), or from the API server
// (apiServer mode: its discovery document, whose issuer must be cfg.Issuer,
// and its JWKS, with the token of cfg.TokenFile and only the CAs of
// cfg.CAFile, read now). Keys are fetched by Refresh or Run, as the
// identity provider's: refresh interval, last good keys, rate-limited
// unknown kids. WithHTTPClient is not used: the API server is trusted
// through cfg.CAFile alone.
func NewClusterKeySet(cfg ClusterConfig, opts ...Option) (*KeySet, error) {
	o := buildOptions(opts)
	k := &KeySet{issuer: cfg.Issuer, kind: IssuerCluster, o: o}
	switch {
	case cfg.Issuer == "":
		return nil, errors.New("cluster key set: no issuer")
	case cfg.JWKSFile != "":
		k.source = &jwksFileSource{path: cfg.JWKSFile}
	case cfg.APIServer != "":
		client, err := clientTrusting(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", EnvClusterCAFile, err)
		}
		k.source = &apiServerSource{
			apiServer: strings.TrimRight(cfg.APIServer, "/"),
			issuer:    cfg.Issuer,
			tokenFile: cfg.TokenFile,
			get:       newHTTPSGetter(client, o.fetchTimeout),
		}
	default:
		return nil, errors.New("cluster key set: neither a JWKS file nor an API server")
	}
	return k, nil
}

// clientTrusting is an HTTP client that trusts only the certificate
// authorities of the PEM file caFile (the pod's service-account ca.crt), not
// the system's: whoever a public CA certifies for the API server's name
// must not publish the cluster's keys. The file is read once.
func clientTrusting(caFile string) (*http.Client, error) {
	pem, err := readBoundedFile(caFile, MaxBodyBytes)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", caFile)
	}
	// DefaultTransport's settings (proxy from the environment, as
	// client-go's, timeouts), with the CA file as the only roots.
	transport := http.DefaultTransport.(*http.Transport).Clone() //nolint:forcetypeassert // net/http's own default
	transport.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: transport}, nil
}

// apiServerSource reads the cluster's keys from the Kubernetes API server
// (OIDC discovery for service accounts, KEP 1393): the discovery document,
// whose issuer must be the configured one (an API server of another
// cluster, or one whose --service-account-issuer changed, is refused), then
// the JWKS at ClusterJWKSPath. Both requests carry the pod's own token
// (read again for every fetch: the kubelet rotates it), which the
// ClusterRole system:service-account-issuer-discovery allows to GET them.
type apiServerSource struct {
	apiServer string // https URL, no trailing slash
	issuer    string
	tokenFile string
	get       httpsGetter
}

func (s *apiServerSource) jwks(ctx context.Context) ([]byte, string, error) {
	jwksURL := s.apiServer + ClusterJWKSPath
	token, err := readBearerFile(s.tokenFile)
	if err != nil {
		return nil, jwksURL, fmt.Errorf("%s: %w", EnvClusterTokenFile, err)
	}
	var meta struct {
		Issuer any `json:"issuer"`
	}
	if err := s.get.getJSON(ctx, DiscoveryURL(s.apiServer), token, &meta); err != nil {
		return nil, jwksURL, fmt.Errorf("discovery: %w", err)
	}
	if iss, ok := meta.Issuer.(string); !ok {
		return nil, jwksURL, fmt.Errorf("discovery: the API server %s names no issuer (a string), want %s %q", s.apiServer, EnvClusterIssuer, s.issuer)
	} else if iss != s.issuer {
		return nil, jwksURL, fmt.Errorf("discovery: the API server %s names the issuer %q, not %s %q", s.apiServer, clip(iss), EnvClusterIssuer, s.issuer)
	}
	var raw json.RawMessage
	if err := s.get.getJSON(ctx, jwksURL, token, &raw); err != nil {
		return nil, jwksURL, fmt.Errorf("jwks: %w", err)
	}
	return raw, jwksURL, nil
}

// jwksFileSource reads the cluster's keys from a file (file mode: a JWKS
// the user exports from the cluster, for clusters whose API server the
// server cannot call), read again on every refresh.
type jwksFileSource struct {
	path string
}

func (s *jwksFileSource) jwks(context.Context) ([]byte, string, error) {
	data, err := readBoundedFile(s.path, MaxBodyBytes)
	if err != nil {
		return nil, s.path, fmt.Errorf("jwks: %w", err)
	}
	return data, s.path, nil
}

// readBearerFile reads a service-account token file: a regular file of at
// most MaxTokenBytes, trimmed, one token of printable ASCII.
func readBearerFile(path string) (string, error) {
	data, err := readBoundedFile(path, MaxTokenBytes)
	if err != nil {
		return "", err
	}
	token := strings.TrimSpace(string(data))
	if token == "" {
		return "", fmt.Errorf("%s is empty", path)
	}
	for i := 0; i < len(token); i++ {
		if c := token[i]; c <= ' ' || c >= 0x7f {
			return "", fmt.Errorf("%s is not one token (a space, a control or a non-ASCII byte at %d)", path, i)
		}
	}
	return token, nil
}

// readBoundedFile reads a regular file (after following symlinks) of at
// most limit bytes. As the policy file: opened without blocking and checked
// on the open handle, so a named pipe, a device or a larger file is refused
// before a byte is read, and a file growing after the check is cut one byte
// past the limit and refused.
func readBoundedFile(path string, limit int) ([]byte, error) {
	f, err := openPolicyFile(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, fi.Mode().Type())
	}
	if fi.Size() > int64(limit) {
		return nil, fmt.Errorf("%s: %d bytes, larger than %d", path, fi.Size(), limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, limit)
	}
	return data, nil
}

// clip cuts s, text from the network, for an error message.
func clip(s string) string {
	if len(s) > 256 {
		return s[:256] + "..."
	}
	return s
}
