package authz

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestEnvContract proves the env names equal ../schemas/server-env.json.
func TestEnvContract(t *testing.T) {
	data, err := os.ReadFile("../../../schemas/server-env.json")
	if err != nil {
		t.Fatal(err)
	}
	var contract struct {
		Required map[string]string `json:"required"`
		Optional map[string]string `json:"optional"`
	}
	if err := json.Unmarshal(data, &contract); err != nil {
		t.Fatal(err)
	}
	wantRequired := map[string]string{"providerUrl": EnvProviderURL, "policyFile": EnvPolicyFile}
	wantOptional := map[string]string{"clientId": EnvClientID, "audience": EnvAudience, "groupsClaim": EnvGroupsClaim,
		"clusterIssuer": EnvClusterIssuer, "clusterAudience": EnvClusterAudience, "clusterJwksFile": EnvClusterJWKSFile,
		"tokenCacheEntries": EnvTokenCacheEntries}
	if !reflect.DeepEqual(contract.Required, wantRequired) {
		t.Errorf("required: contract %v, server %v", contract.Required, wantRequired)
	}
	if !reflect.DeepEqual(contract.Optional, wantOptional) {
		t.Errorf("optional: contract %v, server %v", contract.Optional, wantOptional)
	}
	// This image's extra settings must not collide with the contract.
	for _, extra := range []string{EnvJWKSRefreshInterval, EnvPolicyPollInterval, EnvClusterAPIServer, EnvClusterTokenFile, EnvClusterCAFile} {
		if strings.Contains(string(data), extra) {
			t.Errorf("%s is in the shared contract; move it to the constants above", extra)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
	const k8sIssuer = "https://kubernetes.default.svc.cluster.local"
	base := map[string]string{EnvProviderURL: "https://idp.example/oauth2/default", EnvPolicyFile: "/etc/temporal-auth/policy.json"}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, c Config)
	}{
		{name: "defaults", env: base, check: func(t *testing.T, c Config) {
			if c.JWKSRefreshInterval != DefaultJWKSRefreshInterval || c.PolicyPollInterval != DefaultPolicyPollInterval || c.Audience != "" {
				t.Errorf("got %+v", c)
			}
		}},
		{name: "all set", env: with(EnvAudience, "api://temporal", EnvGroupsClaim, "groups", EnvClientID, "web", EnvJWKSRefreshInterval, "5m", EnvPolicyPollInterval, "500ms"), check: func(t *testing.T, c Config) {
			want := Config{Issuer: base[EnvProviderURL], Audience: "api://temporal", PolicyFile: base[EnvPolicyFile], GroupsClaim: "groups", ClientID: "web", JWKSRefreshInterval: 5 * time.Minute, PolicyPollInterval: 500 * time.Millisecond, TokenCacheEntries: DefaultTokenCacheEntries}
			if c != want {
				t.Errorf("got %+v, want %+v", c, want)
			}
		}},
		{name: "no issuer", env: with(EnvProviderURL, ""), wantErr: EnvProviderURL + " is required"},
		{name: "http issuer", env: with(EnvProviderURL, "http://idp.example"), wantErr: "must be an https URL"},
		{name: "no policy file", env: with(EnvPolicyFile, ""), wantErr: EnvPolicyFile + " is required"},
		{name: "bad refresh interval", env: with(EnvJWKSRefreshInterval, "often"), wantErr: EnvJWKSRefreshInterval},
		{name: "negative poll interval", env: with(EnvPolicyPollInterval, "-1s"), wantErr: EnvPolicyPollInterval},
		// The token cache: default on, 0 off.
		{name: "token cache default", env: base, check: func(t *testing.T, c Config) {
			if c.TokenCacheEntries != DefaultTokenCacheEntries {
				t.Errorf("token cache %d", c.TokenCacheEntries)
			}
		}},
		{name: "token cache off", env: with(EnvTokenCacheEntries, "0"), check: func(t *testing.T, c Config) {
			if c.TokenCacheEntries != 0 {
				t.Errorf("token cache %d", c.TokenCacheEntries)
			}
		}},
		{name: "token cache size", env: with(EnvTokenCacheEntries, " 500 "), check: func(t *testing.T, c Config) {
			if c.TokenCacheEntries != 500 {
				t.Errorf("token cache %d", c.TokenCacheEntries)
			}
		}},
		{name: "token cache negative", env: with(EnvTokenCacheEntries, "-1"), wantErr: EnvTokenCacheEntries + " must be an integer from 0"},
		{name: "token cache not a number", env: with(EnvTokenCacheEntries, "10k"), wantErr: EnvTokenCacheEntries},
		{name: "token cache too large", env: with(EnvTokenCacheEntries, "100000000"), wantErr: EnvTokenCacheEntries},
		// The cluster's service-account issuer.
		{name: "no cluster issuer: no cluster", env: with(EnvClusterAPIServer, "https://10.0.0.1", envKubernetesHost, "10.0.0.1", envKubernetesPort, "443"), check: func(t *testing.T, c Config) {
			if c.Cluster != (ClusterConfig{}) || c.Cluster.Enabled() {
				t.Errorf("got %+v", c.Cluster)
			}
		}},
		{name: "cluster in a pod: the API server from the service env", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", envKubernetesHost, "10.96.0.1", envKubernetesPort, "443"), check: func(t *testing.T, c Config) {
			want := ClusterConfig{Issuer: k8sIssuer, Audience: "temporal", APIServer: "https://10.96.0.1:443", TokenFile: DefaultClusterTokenFile, CAFile: DefaultClusterCAFile}
			if c.Cluster != want || !c.Cluster.Enabled() {
				t.Errorf("got %+v, want %+v", c.Cluster, want)
			}
		}},
		{name: "cluster in an IPv6 pod: the host in brackets", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", envKubernetesHost, "fd00:10:96::1", envKubernetesPort, "443"), check: func(t *testing.T, c Config) {
			if c.Cluster.APIServer != "https://[fd00:10:96::1]:443" {
				t.Errorf("API server %q", c.Cluster.APIServer)
			}
		}},
		{name: "cluster, everything set", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", EnvClusterAPIServer, "https://127.0.0.1:6443", EnvClusterTokenFile, "/t/token", EnvClusterCAFile, "/t/ca.crt", envKubernetesHost, "10.96.0.1", envKubernetesPort, "443"), check: func(t *testing.T, c Config) {
			want := ClusterConfig{Issuer: k8sIssuer, Audience: "temporal", APIServer: "https://127.0.0.1:6443", TokenFile: "/t/token", CAFile: "/t/ca.crt"}
			if c.Cluster != want {
				t.Errorf("got %+v, want %+v", c.Cluster, want)
			}
		}},
		{name: "cluster, file mode: the API server is not read", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", EnvClusterJWKSFile, "/etc/temporal-auth/cluster-jwks.json", EnvClusterAPIServer, "http://not-read"), check: func(t *testing.T, c Config) {
			want := ClusterConfig{Issuer: k8sIssuer, Audience: "temporal", JWKSFile: "/etc/temporal-auth/cluster-jwks.json"}
			if c.Cluster != want {
				t.Errorf("got %+v, want %+v", c.Cluster, want)
			}
		}},
		{name: "cluster issuer not https", env: with(EnvClusterIssuer, "http://k8s.example", EnvClusterAudience, "temporal", EnvClusterJWKSFile, "/j"), wantErr: EnvClusterIssuer + " must be an https URL"},
		{name: "cluster issuer not a URL", env: with(EnvClusterIssuer, "kubernetes", EnvClusterAudience, "temporal", EnvClusterJWKSFile, "/j"), wantErr: EnvClusterIssuer + " must be an https URL"},
		{name: "cluster issuer is the identity provider", env: with(EnvClusterIssuer, "https://idp.example/oauth2/default", EnvClusterAudience, "temporal", EnvClusterJWKSFile, "/j"), wantErr: "must differ from " + EnvProviderURL},
		{name: "cluster audience required", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterJWKSFile, "/j"), wantErr: EnvClusterAudience + " is required"},
		{name: "cluster audience is the issuer", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, k8sIssuer, EnvClusterJWKSFile, "/j"), wantErr: EnvClusterAudience + " must not be the cluster issuer"},
		{name: "cluster audience is the API server's", env: with(EnvClusterIssuer, "https://oidc.example/cluster-1", EnvClusterAudience, "https://kubernetes.default.svc", EnvClusterJWKSFile, "/j"), wantErr: "an audience of the Kubernetes API"},
		{name: "cluster audience kubernetes", env: with(EnvClusterIssuer, "https://oidc.example/cluster-1", EnvClusterAudience, "kubernetes", EnvClusterJWKSFile, "/j"), wantErr: "an audience of the Kubernetes API"},
		{name: "cluster audience without issuer", env: with(EnvClusterAudience, "temporal"), wantErr: EnvClusterAudience + " is set without " + EnvClusterIssuer},
		{name: "cluster JWKS file without issuer", env: with(EnvClusterJWKSFile, "/j"), wantErr: EnvClusterJWKSFile + " is set without " + EnvClusterIssuer},
		{name: "cluster keys without a source", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal"), wantErr: "the cluster's keys have no source"},
		{name: "cluster keys: half the service env", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", envKubernetesHost, "10.96.0.1"), wantErr: "the cluster's keys have no source"},
		{name: "cluster API server over http", env: with(EnvClusterIssuer, k8sIssuer, EnvClusterAudience, "temporal", EnvClusterAPIServer, "http://127.0.0.1:6443"), wantErr: EnvClusterAPIServer + " must be an https URL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				// The server exits with the error: one line per problem.
				if strings.Count(err.Error(), "\n") != 0 {
					t.Fatalf("err %q: more than one line", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}
