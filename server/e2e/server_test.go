// Package e2e runs a real Temporal server in process (SQLite in memory; the
// frontend, internal-frontend, history, matching and worker services) with
// temporal-auth's ClaimMapper and Temporal's default Authorizer on the
// frontend, and checks every call against the CLI's `explain`.
package e2e

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/cluster"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/membership/static"
	sqliteplugin "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"
	"go.temporal.io/server/common/primitives"
	sqliteschema "go.temporal.io/server/schema/sqlite"
	"go.temporal.io/server/temporal"
)

const (
	issuerPath = "/oauth2/default"
	audience   = "api://temporal"
	kid        = "okta-key-1"
	cluster1   = "active"
)

// idp is a minimal OpenID provider on a TLS loopback server: discovery and a
// JWKS with one RSA key; it signs tokens in the test.
type idp struct {
	srv    *httptest.Server
	key    *rsa.PrivateKey
	issuer string
}

func newIDP(t *testing.T) *idp {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{key: key}
	mux := http.NewServeMux()
	mux.HandleFunc(issuerPath+"/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": p.issuer, "jwks_uri": p.issuer + "/v1/keys"})
	})
	mux.HandleFunc(issuerPath+"/v1/keys", func(w http.ResponseWriter, r *http.Request) {
		b64 := base64.RawURLEncoding.EncodeToString
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": []any{map[string]any{
			"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
			"n": b64(key.N.Bytes()), "e": b64(big.NewInt(int64(key.E)).Bytes()),
		}}})
	})
	p.srv = httptest.NewTLSServer(mux)
	t.Cleanup(p.srv.Close)
	p.issuer = p.srv.URL + issuerPath
	return p
}

// claims returns token claims for sub with extra claims merged in (a nil
// value deletes a claim).
func (p *idp) claims(sub string, extra map[string]any) map[string]any {
	now := time.Now().Unix()
	c := map[string]any{"iss": p.issuer, "aud": audience, "sub": sub, "iat": now, "exp": now + 3600, "cid": "0oa-web"}
	for k, v := range extra {
		if v == nil {
			delete(c, k)
		} else {
			c[k] = v
		}
	}
	return c
}

func (p *idp) sign(t *testing.T, keyID string, claims map[string]any) string {
	t.Helper()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims(claims))
	tok.Header["kid"] = keyID
	s, err := tok.SignedString(p.key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// freePorts reserves n distinct loopback ports.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	ports := make([]int, 0, n)
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		_ = l.Close()
	}
	return ports
}

type serverUnderTest struct {
	frontend   string
	policyFile string
}

// startServer runs Temporal with temporal-auth on the frontend.
func startServer(t *testing.T, ctx context.Context, p *idp, policy []byte) *serverUnderTest {
	t.Helper()
	dir := t.TempDir()
	policyFile := filepath.Join(dir, "policy.json")
	if err := os.WriteFile(policyFile, policy, 0o644); err != nil {
		t.Fatal(err)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(log.Config{Level: "error"}))

	mapper, err := authz.New(ctx, authz.Config{
		Issuer:              p.issuer,
		Audience:            audience,
		PolicyFile:          policyFile,
		GroupsClaim:         "groups",
		JWKSRefreshInterval: time.Hour,
		PolicyPollInterval:  200 * time.Millisecond,
	}, authz.WithHTTPClient(p.srv.Client()), authz.WithLogger(logger), authz.WithMinRefreshInterval(time.Second))
	if err != nil {
		t.Fatal(err)
	}

	ports := freePorts(t, 12)
	next := func() int { p := ports[0]; ports = ports[1:]; return p }
	services := map[string]config.Service{}
	hosts := map[primitives.ServiceName]static.Hosts{}
	for _, name := range []primitives.ServiceName{primitives.FrontendService, primitives.InternalFrontendService, primitives.HistoryService, primitives.MatchingService, primitives.WorkerService} {
		var svc config.Service
		svc.RPC.GRPCPort = next()
		svc.RPC.MembershipPort = next()
		svc.RPC.BindOnIP = "127.0.0.1"
		if name == primitives.FrontendService || name == primitives.InternalFrontendService {
			svc.RPC.HTTPPort = next()
		}
		services[string(name)] = svc
		hosts[name] = static.SingleLocalHost("127.0.0.1:" + strconv.Itoa(svc.RPC.GRPCPort))
	}
	frontend := "127.0.0.1:" + strconv.Itoa(services["frontend"].RPC.GRPCPort)

	sqlCfg := &config.SQL{
		PluginName:        sqliteplugin.PluginName,
		DatabaseName:      "e2e-" + strconv.FormatInt(time.Now().UnixNano(), 36),
		ConnectAttributes: map[string]string{"mode": "memory", "cache": "shared"},
	}
	var nss []*sqliteschema.NamespaceConfig
	for _, name := range []string{"payroll", "bitovi-project"} {
		ns, err := sqliteschema.NewNamespaceConfig(cluster1, name, false, nil)
		if err != nil {
			t.Fatal(err)
		}
		nss = append(nss, ns)
	}
	if err := sqliteschema.CreateNamespaces(sqlCfg, nss...); err != nil {
		t.Fatal(err)
	}

	cfg := &config.Config{}
	cfg.Global.Membership.MaxJoinDuration = 30 * time.Second
	cfg.Global.Membership.BroadcastAddress = "127.0.0.1"
	cfg.Persistence.DefaultStore = "sqlite"
	cfg.Persistence.VisibilityStore = "sqlite"
	cfg.Persistence.NumHistoryShards = 1
	cfg.Persistence.DataStores = map[string]config.DataStore{"sqlite": {SQL: sqlCfg}}
	cfg.ClusterMetadata = &cluster.Config{
		FailoverVersionIncrement: 10,
		MasterClusterName:        cluster1,
		CurrentClusterName:       cluster1,
		ClusterInformation: map[string]cluster.ClusterInformation{cluster1: {
			Enabled:                true,
			InitialFailoverVersion: 1,
			RPCAddress:             frontend,
			HTTPAddress:            "127.0.0.1:" + strconv.Itoa(services["frontend"].RPC.HTTPPort),
			ClusterID:              "e2e",
		}},
	}
	cfg.DCRedirectionPolicy.Policy = "noop"
	cfg.Services = services
	cfg.Archival.History.State = "disabled"
	cfg.Archival.Visibility.State = "disabled"
	cfg.NamespaceDefaults.Archival.History.State = "disabled"
	cfg.NamespaceDefaults.Archival.Visibility.State = "disabled"
	// No publicClient: with internal-frontend the system worker reaches the
	// cluster through it (and the server refuses publicClient).

	dc := dynamicconfig.StaticClient{
		dynamicconfig.NamespaceCacheRefreshInterval.Key():       time.Second,
		dynamicconfig.MatchingNumTaskqueueWritePartitions.Key(): 1,
		dynamicconfig.MatchingNumTaskqueueReadPartitions.Key():  1,
	}
	s, err := temporal.NewServer(
		temporal.ForServices(temporal.Services),
		temporal.WithConfig(cfg),
		temporal.WithStaticHosts(hosts),
		temporal.WithLogger(logger),
		temporal.WithDynamicConfigClient(dc),
		temporal.WithAuthorizer(authorization.NewDefaultAuthorizer()),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return mapper }),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Logf("server stop: %v", err)
		}
	})
	return &serverUnderTest{frontend: frontend, policyFile: policyFile}
}

// discardSlog is an slog logger that drops everything (for SDK clients).
func discardSlog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func mustJSON(v any) []byte {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return b
}
