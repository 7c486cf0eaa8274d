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
	wantOptional := map[string]string{"clientId": EnvClientID, "audience": EnvAudience, "groupsClaim": EnvGroupsClaim}
	if !reflect.DeepEqual(contract.Required, wantRequired) {
		t.Errorf("required: contract %v, server %v", contract.Required, wantRequired)
	}
	if !reflect.DeepEqual(contract.Optional, wantOptional) {
		t.Errorf("optional: contract %v, server %v", contract.Optional, wantOptional)
	}
	// This image's extra settings must not collide with the contract.
	for _, extra := range []string{EnvJWKSRefreshInterval, EnvPolicyPollInterval} {
		if strings.Contains(string(data), extra) {
			t.Errorf("%s is in the shared contract; move it to the constants above", extra)
		}
	}
}

func TestConfigFromEnv(t *testing.T) {
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
			want := Config{Issuer: base[EnvProviderURL], Audience: "api://temporal", PolicyFile: base[EnvPolicyFile], GroupsClaim: "groups", ClientID: "web", JWKSRefreshInterval: 5 * time.Minute, PolicyPollInterval: 500 * time.Millisecond}
			if c != want {
				t.Errorf("got %+v, want %+v", c, want)
			}
		}},
		{name: "no issuer", env: with(EnvProviderURL, ""), wantErr: EnvProviderURL + " is required"},
		{name: "http issuer", env: with(EnvProviderURL, "http://idp.example"), wantErr: "must be an https URL"},
		{name: "no policy file", env: with(EnvPolicyFile, ""), wantErr: EnvPolicyFile + " is required"},
		{name: "bad refresh interval", env: with(EnvJWKSRefreshInterval, "often"), wantErr: EnvJWKSRefreshInterval},
		{name: "negative poll interval", env: with(EnvPolicyPollInterval, "-1s"), wantErr: EnvPolicyPollInterval},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ConfigFromEnv(func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
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
