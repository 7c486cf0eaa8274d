package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

const (
	issuerPath = "/oauth2/bench"
	audience   = "api://temporal-bench"
	keyID      = "bench-key-1"
)

// issuer is a minimal OpenID provider served by the bench itself on
// https://127.0.0.1:<port>: discovery and a JWKS with one RSA key, under a
// self-signed certificate the servers trust through SSL_CERT_FILE.
type issuer struct {
	url    string
	key    *rsa.PrivateKey
	certPE []byte // the certificate, PEM
	srv    *http.Server
	done   chan error
}

func (p *issuer) jwksURI() string { return p.url + "/v1/keys" }

// startIssuer listens on a loopback port and serves until ctx ends or close
// is called.
func startIssuer(ctx context.Context) (*issuer, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	certDER, tlsKey, err := selfSigned()
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &issuer{
		url:    "https://" + ln.Addr().String() + issuerPath,
		key:    key,
		certPE: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: certDER}),
		done:   make(chan error, 1),
	}
	mux := http.NewServeMux()
	mux.HandleFunc(issuerPath+"/.well-known/openid-configuration", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.url, "jwks_uri": p.jwksURI()})
	})
	mux.HandleFunc(issuerPath+"/v1/keys", func(w http.ResponseWriter, _ *http.Request) {
		b64 := base64.RawURLEncoding.EncodeToString
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "kid": keyID, "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	p.srv = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		TLSConfig: &tls.Config{
			MinVersion:   tls.VersionTLS12,
			Certificates: []tls.Certificate{{Certificate: [][]byte{certDER}, PrivateKey: tlsKey}},
		},
	}
	go func() { p.done <- p.srv.ServeTLS(ln, "", "") }()
	return p, nil
}

func (p *issuer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = p.srv.Shutdown(ctx)
	if err := <-p.done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(os.Stderr, "issuer: %v\n", err)
	}
}

// selfSigned makes a certificate for 127.0.0.1 that is its own CA.
func selfSigned() ([]byte, *ecdsa.PrivateKey, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "temporal-auth bench issuer"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(7 * 24 * time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	return der, key, err
}

// principal is who a token speaks for, in both claim shapes the servers
// read: permissions for Temporal's builtin mapper ("namespace:role"), groups
// for temporal-auth's policy. The bench gives both the same meaning.
type principal struct {
	sub         string
	permissions []string
	groups      []string
}

// The bench's two callers: the one every measured call is made as (write on
// the bench namespace), and the admin that registers the namespace.
func benchCaller(namespace string) principal {
	return principal{sub: "bench-caller", permissions: []string{namespace + ":write"}, groups: []string{"bench-writers"}}
}

func adminCaller() principal {
	return principal{sub: "bench-admin", permissions: []string{"temporal-system:admin"}, groups: []string{"bench-admins"}}
}

// sign mints an RS256 token for who, valid for ttl.
func (p *issuer) sign(who principal, ttl time.Duration) (string, error) {
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": p.url, "aud": audience, "sub": who.sub,
		"iat": now.Unix(), "exp": now.Add(ttl).Unix(),
		"permissions": who.permissions, "groups": who.groups,
	})
	tok.Header["kid"] = keyID
	return tok.SignedString(p.key)
}

// policyJSON is temporal-auth's policy for configuration C: the callers'
// groups get what their permissions say under the builtin mapper.
func policyJSON(namespace string) ([]byte, error) {
	return json.MarshalIndent(map[string]any{
		"version":        1,
		"groupsClaim":    "groups",
		"clientIdClaims": []string{"cid"},
		"roleBits":       map[string]int{"worker": 1, "read": 2, "write": 4, "admin": 8},
		"groups": map[string]any{
			"bench-writers": map[string]any{"namespaces": map[string]string{namespace: "write"}},
			"bench-admins":  map[string]any{"system": "admin", "namespaces": map[string]string{}},
		},
		"clients": map[string]any{},
	}, "", "  ")
}
