package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseFlagsDefaults(t *testing.T) {
	s, err := parseFlags(nil, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	want := settings{
		lifetime: 10 * time.Minute, shutdownGrace: 10 * time.Second, startTimeout: 3 * time.Minute, watchStdin: true,
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("defaults %+v, want %+v", s, want)
	}
}

func TestParseFlagsServiceAccountsAndRestart(t *testing.T) {
	s, err := parseFlags([]string{
		"--data-dir=/tmp/kept", "--port=40123",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-signing-key-file=b.key",
		"--service-account-key-file=a.key", "--service-account-key-file", "a.pub",
	}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	if s.dataDir != "/tmp/kept" || s.port != 40123 || s.issuer != "https://kubernetes.default.svc.cluster.local" ||
		s.signingKeyFile != "b.key" || !reflect.DeepEqual(s.keyFiles, []string{"a.key", "a.pub"}) {
		t.Errorf("parsed %+v", s)
	}
}

func TestParseFlagsRefuses(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--port=-1"}, "--port must be between 0 and 65535"},
		{[]string{"--port=65536"}, "--port must be between 0 and 65535"},
		{[]string{"--data-dir=/a", "--temp-dir=/b"}, "exclude each other"},
		{[]string{"--service-account-issuer=http://kubernetes.default.svc"}, "not an https URL"},
		{[]string{"--service-account-issuer=kubernetes.default.svc"}, "not an https URL"},
		{[]string{"--service-account-issuer=https://"}, "not an https URL"},
		{[]string{"--service-account-issuer=https://k8s.example?x=1"}, "not an https URL"},
		{[]string{"--service-account-issuer=https://k8s.example#frag"}, "not an https URL"},
		{[]string{"--service-account-key-file="}, "empty file name"},
		{[]string{"--lifetime=0"}, "must be positive"},
		{[]string{"extra"}, "unexpected arguments"},
	} {
		_, err := parseFlags(tc.args, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want one containing %q", tc.args, err, tc.want)
		}
	}
}

func TestParseFlagsIssuerWithPath(t *testing.T) {
	// EKS and GKE issuers have a path.
	s, err := parseFlags([]string{"--service-account-issuer=https://oidc.eks.eu-west-1.amazonaws.com/id/ABC"}, &bytes.Buffer{})
	if err != nil || s.issuer != "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC" {
		t.Errorf("%+v, %v", s, err)
	}
}

func TestVerificationKeys(t *testing.T) {
	got := verificationKeys("b.key", []string{"a.key", "b.key", "a.key", "c.pub"})
	if want := []string{"b.key", "a.key", "c.pub"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := verificationKeys("b.key", nil); !reflect.DeepEqual(got, []string{"b.key"}) {
		t.Errorf("got %q", got)
	}
}

func TestAdminTokenIsKeptWithTheDataDir(t *testing.T) {
	file := filepath.Join(t.TempDir(), "tokens.csv")
	first, err := adminToken(file)
	if err != nil || len(first) != 48 {
		t.Fatalf("%q, %v", first, err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := first + `,admin,admin,"system:masters"` + "\n"; string(data) != want {
		t.Errorf("token file %q, want %q", data, want)
	}
	again, err := adminToken(file)
	if err != nil || again != first {
		t.Errorf("restart read %q, %v; want %q", again, err, first)
	}
	if err := os.WriteFile(file, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := adminToken(file); err == nil {
		t.Error("a token file without a token was accepted")
	}
}

func TestReadyLineKeepsItsFields(t *testing.T) {
	// test/support/kube-cluster.ts reads kubeconfig, server and dir; issuer is new.
	line, err := json.Marshal(ready{Kubeconfig: "/d/kubeconfig", Server: "https://127.0.0.1:1", Dir: "/d", Issuer: "https://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kubeconfig":"/d/kubeconfig","server":"https://127.0.0.1:1","dir":"/d","issuer":"https://127.0.0.1:1"}`
	if string(line) != want {
		t.Errorf("ready line %s, want %s", line, want)
	}
}
