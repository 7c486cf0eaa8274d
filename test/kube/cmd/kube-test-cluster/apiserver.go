package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/pflag"
	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	certutil "k8s.io/client-go/util/cert"
	"k8s.io/client-go/util/keyutil"
	basecompatibility "k8s.io/component-base/compatibility"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"
)

type apiServerConfig struct {
	dir       string
	etcdURL   string
	verbosity int
	// port on 127.0.0.1; 0: the kernel's pick.
	port int
	// issuer of service-account tokens; empty: the server's URL.
	issuer string
	// signingKeyFile signs service-account tokens; empty: dir/service-account.key.
	signingKeyFile string
	// keyFiles are accepted besides the signing key.
	keyFiles []string
}

// runningAPIServer is a kube-apiserver started by startAPIServer.
type runningAPIServer struct {
	server     string
	issuer     string
	kubeconfig string
	token      string
	caPEM      []byte
	// done is closed when app.Run has returned; runErr is what it returned.
	done   chan struct{}
	runErr error
}

// The admin user of the static token file: group system:masters is bound to
// cluster-admin by the bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy).
const (
	adminUser  = "admin"
	adminGroup = "system:masters"
)

// startAPIServer configures kube-apiserver from the same flags and option
// structs as the kube-apiserver command (app.NewAPIServerCommand) and runs it
// with app.Run on ctx: cancelling ctx is what SIGTERM does to the real
// command. Only the listener is handed over directly, as
// cmd/kube-apiserver/app/testing.StartTestServer does, so the port is the
// kernel's pick and never raced for (unless --port names one, for a restart
// on the address of an earlier run).
func startAPIServer(ctx context.Context, cfg apiServerConfig) (*runningAPIServer, error) {
	// A fixed --port is taken again by a restart: Go listeners set
	// SO_REUSEADDR, so the old connections in TIME_WAIT do not block it.
	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", cfg.port)) //nolint:noctx // a loopback listen returns at once; the server that uses it runs on ctx
	if err != nil {
		return nil, err
	}
	port := listener.Addr().(*net.TCPAddr).Port
	server := fmt.Sprintf("https://127.0.0.1:%d", port)
	issuer := cfg.issuer
	if issuer == "" {
		issuer = server
	}

	// --token-auth-file is a CSV of token,user,uid,"group1,group2" (apiserver/pkg/authentication/token/tokenfile).
	// A kept data directory keeps its admin token, so an earlier kubeconfig still works.
	tokenFile := filepath.Join(cfg.dir, "tokens.csv")
	token, err := adminToken(tokenFile)
	if err != nil {
		return nil, err
	}
	// One key signs ServiceAccount tokens and verifies them, as StartTestServer sets
	// ServiceAccountSigningKeyFile and ServiceAccounts.KeyFiles to the same ECDSA key,
	// unless the flags name the keys. A kept data directory keeps its key.
	saKeyFile := cfg.signingKeyFile
	if saKeyFile == "" {
		saKeyFile = filepath.Join(cfg.dir, "service-account.key")
		if _, err := os.Stat(saKeyFile); errors.Is(err, os.ErrNotExist) {
			if err := writeECDSAKey(saKeyFile); err != nil {
				return nil, err
			}
		} else if err != nil {
			return nil, err
		}
	}
	certDir := filepath.Join(cfg.dir, "certs")

	s := options.NewServerRunOptions()
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range s.Flags().FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--etcd-servers=" + cfg.etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", port),
		// The serving certificate is generated there (SecureServingOptions.MaybeDefaultWithSelfSignedCerts).
		"--cert-dir=" + certDir,
		"--token-auth-file=" + tokenFile,
		"--authorization-mode=RBAC",
		// The issuer must be an https URL for /.well-known/openid-configuration
		// to be served (pkg/serviceaccount.NewOpenIDMetadataProvider).
		"--service-account-issuer=" + issuer,
		"--service-account-signing-key-file=" + saKeyFile,
		"--service-cluster-ip-range=10.0.0.0/24",
		// StartTestServer disables endpoint reconciliation for a loopback
		// address: Endpoints may not hold 127.0.0.1, so the reconciler would only log errors.
		"--endpoint-reconciler-type=none",
		"--profiling=false",
		fmt.Sprintf("--v=%d", cfg.verbosity),
	}
	// kube-apiserver verifies tokens, and publishes in its JWKS, only the
	// keys of --service-account-key-file: the signing key is always one.
	for _, f := range verificationKeys(saKeyFile, cfg.keyFiles) {
		args = append(args, "--service-account-key-file="+f)
	}
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("flags: %w", err)
	}
	s.SecureServing.Listener = listener

	// What NewAPIServerCommand's PersistentPreRunE and RunE do before Run.
	featureGate := s.GenericServerRunOptions.ComponentGlobalsRegistry.FeatureGateFor(basecompatibility.DefaultKubeComponent)
	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return nil, err
	}
	// "kube-apiserver loopback clients should not log self-issued warnings."
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	if err := logsapi.ValidateAndApply(s.Logs, featureGate); err != nil {
		return nil, err
	}
	completed, err := s.Complete(ctx)
	if err != nil {
		return nil, err
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return nil, utilerrors.NewAggregate(errs)
	}

	caPEM, err := servingCA(filepath.Join(certDir, "apiserver.crt"))
	if err != nil {
		return nil, err
	}
	kubeconfig := filepath.Join(cfg.dir, "kubeconfig")
	if err := writeKubeconfig(kubeconfig, server, caPEM, token); err != nil {
		return nil, err
	}

	api := &runningAPIServer{server: server, issuer: issuer, kubeconfig: kubeconfig, token: token, caPEM: caPEM, done: make(chan struct{})}
	go func() {
		api.runErr = app.Run(ctx, completed)
		close(api.done)
	}()
	return api, nil
}

// waitReady polls /readyz (every check, the RBAC bootstrap roles included)
// until it answers 200 "ok", the API server fails, or ctx ends.
func (a *runningAPIServer) waitReady(ctx context.Context) error {
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(a.caPEM) {
		return errors.New("no CA certificate to trust")
	}
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}},
	}
	defer client.CloseIdleConnections()
	var last string // what /readyz said last: set before every wait
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, a.server+"/readyz", nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+a.token)
		if res, err := client.Do(req); err != nil {
			last = err.Error()
		} else {
			body, _ := io.ReadAll(io.LimitReader(res.Body, 64*1024))
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK && strings.TrimSpace(string(body)) == "ok" {
				return nil
			}
			last = fmt.Sprintf("%d %s", res.StatusCode, lastLines(string(body), 5))
		}
		select {
		case <-a.done:
			return fmt.Errorf("kube-apiserver stopped: %v", a.runErr) //nolint:errorlint // runErr is nil after a clean stop, which %w would print as %!w(<nil>)
		case <-ctx.Done():
			return fmt.Errorf("%w; /readyz said: %s", context.Cause(ctx), last)
		case <-tick.C:
		}
	}
}

func lastLines(text string, n int) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

// verificationKeys is the signing key followed by the other keys, each file once.
func verificationKeys(signing string, others []string) []string {
	files := []string{signing}
	for _, f := range others {
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	return files
}

// adminToken returns the admin token of the token file, writing the file
// with a new random token when there is none.
func adminToken(tokenFile string) (string, error) {
	data, err := os.ReadFile(tokenFile)
	if err == nil {
		token, _, ok := strings.Cut(string(data), ",")
		if !ok || token == "" {
			return "", fmt.Errorf("%s: no token in the first field", tokenFile)
		}
		return token, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	token, err := randomToken()
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(tokenFile, fmt.Appendf(nil, "%s,%s,%s,%q\n", token, adminUser, adminUser, adminGroup), 0o600); err != nil {
		return "", err
	}
	return token, nil
}

func randomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

func writeECDSAKey(file string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	data, err := keyutil.MarshalPrivateKeyToPEM(key)
	if err != nil {
		return err
	}
	return keyutil.WriteKey(file, data)
}

// servingCA returns the CA certificate of the self-signed serving
// certificate kube-apiserver generated: certutil.GenerateSelfSignedCertKeyWithFixtures
// writes the serving certificate followed by the CA that signed it.
func servingCA(certFile string) ([]byte, error) {
	data, err := os.ReadFile(certFile)
	if err != nil {
		return nil, err
	}
	certs, err := certutil.ParseCertsPEM(data)
	if err != nil {
		return nil, err
	}
	for _, c := range certs {
		if c.IsCA {
			return pem.EncodeToMemory(&pem.Block{Type: certutil.CertificateBlockType, Bytes: c.Raw}), nil
		}
	}
	return nil, fmt.Errorf("%s holds no CA certificate", certFile)
}

// writeKubeconfig writes an admin kubeconfig (mode 0600) for server.
func writeKubeconfig(file, server string, caPEM []byte, token string) error {
	const name = "kube-test-cluster"
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters[name] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: caPEM}
	cfg.AuthInfos[adminUser] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts[name] = &clientcmdapi.Context{Cluster: name, AuthInfo: adminUser, Namespace: "default"}
	cfg.CurrentContext = name
	return clientcmd.WriteToFile(*cfg, file)
}
