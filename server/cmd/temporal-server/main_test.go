package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/log"
)

type flagSpec struct {
	name    string
	aliases []string
	envVars []string
	hidden  bool
}

func describe(f cli.Flag) flagSpec {
	switch f := f.(type) {
	case *cli.StringFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	case *cli.BoolFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	case *cli.StringSliceFlag:
		return flagSpec{f.Name, f.Aliases, f.EnvVars, f.Hidden}
	}
	return flagSpec{name: "unknown"}
}

// TestCLIMatchesUpstream pins the commands, flags, aliases and env vars of
// upstream's cmd/server/main.go at v1.31.2 (read from the tag).
func TestCLIMatchesUpstream(t *testing.T) {
	app := newApp(func(string) string { return "" })
	wantGlobal := []flagSpec{
		{"root", []string{"r"}, []string{"TEMPORAL_ROOT"}, false},
		{"config", []string{"c"}, []string{"TEMPORAL_CONFIG_DIR"}, false},
		{"env", []string{"e"}, []string{"TEMPORAL_ENVIRONMENT"}, false},
		{"zone", []string{"az"}, []string{"TEMPORAL_AVAILABILITY_ZONE", "TEMPORAL_AVAILABILTY_ZONE"}, false},
		{"config-file", nil, []string{"TEMPORAL_SERVER_CONFIG_FILE_PATH"}, false},
		{"allow-no-auth", nil, []string{"TEMPORAL_ALLOW_NO_AUTH"}, false},
	}
	var gotGlobal []flagSpec
	for _, f := range app.Flags {
		gotGlobal = append(gotGlobal, describe(f))
	}
	if !reflect.DeepEqual(gotGlobal, wantGlobal) {
		t.Errorf("global flags:\n got %+v\nwant %+v", gotGlobal, wantGlobal)
	}
	var commands []string
	for _, c := range app.Commands {
		commands = append(commands, c.Name)
	}
	if want := []string{"validate-dynamic-config", "render-config", "start"}; !reflect.DeepEqual(commands, want) {
		t.Errorf("commands %v, want %v", commands, want)
	}
	start := app.Command("start")
	wantStart := []flagSpec{
		{"services", []string{"s"}, nil, true},
		{"service", []string{"svc"}, []string{"TEMPORAL_SERVICES"}, false},
	}
	var gotStart []flagSpec
	for _, f := range start.Flags {
		gotStart = append(gotStart, describe(f))
	}
	if !reflect.DeepEqual(gotStart, wantStart) {
		t.Errorf("start flags:\n got %+v\nwant %+v", gotStart, wantStart)
	}
	if config.EnvKeyConfigFile != "TEMPORAL_SERVER_CONFIG_FILE_PATH" {
		t.Errorf("upstream renamed the config file env: %s", config.EnvKeyConfigFile)
	}
}

func TestStartRefusesArgsAndMixedConfigFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"positional args", []string{"temporal-server", "start", "frontend"}, "doesn't support arguments"},
		{"config-file with env", []string{"temporal-server", "--config-file", "x.yaml", "--env", "prod", "start"}, "can not use --config"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			app := newApp(func(string) string { return "" })
			var exitErr error
			app.ExitErrHandler = func(_ *cli.Context, err error) { exitErr = err }
			_ = app.Run(tc.args)
			if exitErr == nil || !strings.Contains(exitErr.Error(), tc.want) {
				t.Fatalf("got %v, want %q", exitErr, tc.want)
			}
		})
	}
}

func TestBuildClaimMapper(t *testing.T) {
	dir := t.TempDir()
	policy := filepath.Join(dir, "policy.json")
	data, err := os.ReadFile("../../testdata/okta-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(policy, data, 0o644); err != nil {
		t.Fatal(err)
	}
	good := map[string]string{
		"TEMPORAL_AUTH_PROVIDER_URL": "https://127.0.0.1:1/oauth2/default", // unreachable: keys load in the background
		"TEMPORAL_AUTH_POLICY_FILE":  policy,
	}
	tests := []struct {
		name     string
		services []string
		env      map[string]string
		wantErr  string
		ours     bool
	}{
		{"frontend with settings", []string{"frontend"}, good, "", true},
		{"frontend without settings", []string{"frontend", "history"}, map[string]string{}, "TEMPORAL_AUTH_PROVIDER_URL is required", false},
		{"frontend with a bad policy path", []string{"frontend"}, map[string]string{"TEMPORAL_AUTH_PROVIDER_URL": good["TEMPORAL_AUTH_PROVIDER_URL"], "TEMPORAL_AUTH_POLICY_FILE": filepath.Join(dir, "nope.json")}, "nope.json", false},
		{"internal-frontend only needs no settings", []string{"internal-frontend"}, map[string]string{}, "", false},
		{"history needs no settings", []string{"history", "matching", "worker"}, map[string]string{}, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			m, err := buildClaimMapper(ctx, tc.services, func(k string) string { return tc.env[k] }, &config.Config{}, log.NewNoopLogger())
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			_, isDenyAll := m.(denyAllClaimMapper)
			if isDenyAll == tc.ours {
				t.Fatalf("mapper %T", m)
			}
			// Whatever the mapper, an unauthenticated caller gets no roles.
			c, err := m.GetClaims(&authorization.AuthInfo{AuthToken: "Bearer x"})
			if err != nil || c.System != 0 || len(c.Namespaces) != 0 {
				t.Fatalf("claims %+v, %v", c, err)
			}
		})
	}
}
