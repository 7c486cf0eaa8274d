// Command temporal-server is a drop-in replacement for the temporal-server
// binary of the temporalio/server image (same commands, flags and env as
// upstream's cmd/server at the pinned go.temporal.io/server version) that
// runs the frontend with temporal-auth's ClaimMapper, its Authorizer around
// Temporal's default one, the ListNamespaces filter, and the decision audit
// log on stdout. The internal frontend keeps Temporal's own internal claim
// mapper (the server swaps it in for that service).
package main

import (
	"context"
	"fmt"
	"io"
	stdlog "log"
	"os"
	"path"
	"slices"
	"strings"
	"text/template"
	_ "time/tzdata" // embed tzdata as a fallback, as upstream does

	"github.com/temporal-auth/temporal-auth/server/internal/authz"
	"github.com/urfave/cli/v2"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/build"
	"go.temporal.io/server/common/config"
	"go.temporal.io/server/common/debug"
	"go.temporal.io/server/common/dynamicconfig"
	"go.temporal.io/server/common/headers"
	"go.temporal.io/server/common/log"
	"go.temporal.io/server/common/log/tag"
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/mysql"      // mysql plugin
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/postgresql" // postgresql plugin
	_ "go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite"     // sqlite plugin
	"go.temporal.io/server/common/primitives"
	"go.temporal.io/server/temporal"
)

func main() {
	_ = newApp(os.Getenv).Run(os.Args)
}

// newApp builds the CLI; getenv reads temporal-auth's settings.
func newApp(getenv func(string) string) *cli.App {
	app := cli.NewApp()
	app.Name = "temporal"
	app.Usage = "Temporal server (with temporal-auth)"
	app.Version = headers.ServerVersion
	app.ArgsUsage = " "
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "root", Aliases: []string{"r"}, Value: ".", Usage: "root directory of execution environment (deprecated)", EnvVars: []string{config.EnvKeyRoot}},
		&cli.StringFlag{Name: "config", Aliases: []string{"c"}, Value: "config", Usage: "config dir path relative to root (deprecated)", EnvVars: []string{config.EnvKeyConfigDir}},
		&cli.StringFlag{Name: "env", Aliases: []string{"e"}, Value: "development", Usage: "runtime environment (deprecated)", EnvVars: []string{config.EnvKeyEnvironment}},
		&cli.StringFlag{Name: "zone", Aliases: []string{"az"}, Usage: "availability zone (deprecated)", EnvVars: []string{config.EnvKeyAvailabilityZone, config.EnvKeyAvailabilityZoneTypo}},
		&cli.StringFlag{Name: "config-file", Usage: "path to config file (absolute or relative to current working directory)", EnvVars: []string{config.EnvKeyConfigFile}},
		&cli.BoolFlag{Name: "allow-no-auth", Usage: "allow no authorizer (ignored: temporal-auth always sets one)", EnvVars: []string{config.EnvKeyAllowNoAuth}},
	}
	app.Commands = []*cli.Command{
		{
			Name:      "validate-dynamic-config",
			Usage:     "Validate a dynamic config file[s] with known keys and types",
			ArgsUsage: "<file> ...",
			Action:    validateDynamicConfig,
		},
		{
			Name:      "render-config",
			Usage:     "Render server config template",
			ArgsUsage: " ",
			Action: func(c *cli.Context) error {
				cfg, err := config.Load(config.WithEnv(c.String("env")), config.WithConfigDir(c.String("config")), config.WithZone(c.String("zone")))
				if err != nil {
					return cli.Exit(fmt.Errorf("Unable to load configuration: %w", err), 1) //nolint:staticcheck // ST1005: upstream cmd/server's wording, kept for a drop-in replacement
				}
				fmt.Println(cfg.String())
				return nil
			},
		},
		{
			Name:      "start",
			Usage:     "Start Temporal server",
			ArgsUsage: " ",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "services", Aliases: []string{"s"}, Usage: "comma separated list of services to start. Deprecated", Hidden: true},
				&cli.StringSliceFlag{Name: "service", Aliases: []string{"svc"}, Value: cli.NewStringSlice(temporal.DefaultServices...), Usage: "service(s) to start", EnvVars: []string{"TEMPORAL_SERVICES"}},
			},
			Before: func(c *cli.Context) error {
				if c.Args().Len() > 0 {
					return cli.Exit("ERROR: start command doesn't support arguments. Use --service flag instead.", 1)
				}
				if c.IsSet("config-file") && (c.IsSet("config") || c.IsSet("env") || c.IsSet("zone") || c.IsSet("root")) {
					return cli.Exit("ERROR: can not use --config, --env, --zone, or --root with --config-file", 1)
				}
				return nil
			},
			Action: func(c *cli.Context) error { return start(c, getenv) },
		},
	}
	return app
}

func validateDynamicConfig(c *cli.Context) error {
	report := template.Must(template.New("").Parse("{{range .Errors}}  error: {{.}}\n{{end}}{{range .Warnings}}  warning: {{.}}\n{{end}}"))
	total := 0
	for _, name := range c.Args().Slice() {
		contents, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		result := dynamicconfig.LoadYamlFile(contents)
		total += len(result.Errors)
		fmt.Println(name)
		_ = report.Execute(os.Stdout, result)
	}
	if total > 0 {
		return fmt.Errorf("%d total errors", total)
	}
	return nil
}

// loadConfig loads the server config the way upstream's start does
// (including `# enable-template` rendering in config.Load).
func loadConfig(c *cli.Context) (*config.Config, error) {
	switch {
	case c.IsSet("config-file"):
		return config.Load(config.WithConfigFile(c.String("config-file")))
	case c.IsSet("config") || c.IsSet("env") || c.IsSet("zone"):
		return config.Load(
			config.WithEnv(c.String("env")),
			config.WithConfigDir(path.Join(c.String("root"), c.String("config"))),
			config.WithZone(c.String("zone")),
		)
	default:
		return config.Load(config.WithEmbedded())
	}
}

func start(c *cli.Context, getenv func(string) string) error {
	services := c.StringSlice("service")
	if c.IsSet("services") {
		stdlog.Println("WARNING: --services flag is deprecated. Specify multiply --service flags instead.")
		services = strings.Split(c.String("services"), ",")
	}

	cfg, err := loadConfig(c)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to load configuration: %v.", err), 1)
	}
	logger := log.NewZapLogger(log.BuildZapLogger(cfg.Log))
	logger.Info("Build info.",
		tag.Time("git-time", build.InfoData.GitTime),
		tag.String("git-revision", build.InfoData.GitRevision),
		tag.Bool("git-modified", build.InfoData.GitModified),
		tag.String("go-arch", build.InfoData.GoArch),
		tag.String("go-os", build.InfoData.GoOs),
		tag.String("go-version", build.InfoData.GoVersion),
		tag.Bool("cgo-enabled", build.InfoData.CgoEnabled),
		tag.String("server-version", headers.ServerVersion),
		tag.Bool("debug-mode", debug.Enabled),
	)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	wiring, err := buildAuthorization(ctx, services, getenv, cfg, logger, os.Stdout)
	if err != nil {
		return cli.Exit(err.Error(), 1)
	}
	audienceMapper, err := authorization.GetAudienceMapperFromConfig(&cfg.Global.Authorization)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to instantiate audience mapper: %v.", err), 1)
	}

	s, err := temporal.NewServer(
		temporal.ForServices(services),
		temporal.WithConfig(cfg),
		temporal.WithLogger(logger),
		temporal.InterruptOn(temporal.InterruptCh()),
		temporal.WithAuthorizer(wiring.authorizer),
		temporal.WithClaimMapper(func(*config.Config) authorization.ClaimMapper { return wiring.claimMapper }),
		// Frontend and internal frontend: the internal one's claims are
		// Temporal's system admin, which the filter never cuts.
		temporal.WithChainedFrontendGrpcInterceptors(authz.NamespaceFilter(wiring.policy)),
		temporal.WithAudienceGetter(func(*config.Config) authorization.JWTAudienceMapper { return audienceMapper }),
	)
	if err != nil {
		return cli.Exit(fmt.Sprintf("Unable to create server. Error: %v.", err), 1)
	}
	if err := s.Start(); err != nil {
		return cli.Exit(fmt.Sprintf("Unable to start server. Error: %v", err), 1)
	}
	return cli.Exit("All services are stopped.", 0)
}

// newAuthorizer is the Authorizer start gives the server: temporal-auth's
// authz.Authorizer, whose decisions are Temporal's default authorizer's
// (the CLI's model and the decision vectors assume it) but for the Web UI's
// cluster-scoped calls (schemas/ui-calls.json) and shadow mode, and which
// writes the audit log. Only the roles are temporal-auth's; swapping the
// inner authorizer breaks every policy silently, so
// TestAuthorizerIsTemporalsDefault and the e2e test pin it.
func newAuthorizer(policy func() *authz.Policy, audit *authz.AuditLog) *authz.Authorizer {
	return authz.NewAuthorizer(policy, audit)
}

// wiring is what start gives the server.
type wiring struct {
	claimMapper authorization.ClaimMapper
	authorizer  authorization.Authorizer
	policy      func() *authz.Policy
}

// noPolicy is the policy of a process without the frontend: none (every
// call enforced; the authorizer and the filter see only the internal
// frontend's system-admin claims there).
func noPolicy() *authz.Policy { return nil }

// buildAuthorization returns temporal-auth's ClaimMapper, Authorizer (its
// audit log writing to audit) and policy when this process runs the
// (public) frontend. Other services never consult a claim mapper, and the
// internal frontend always uses Temporal's internal one, so they get a
// mapper that grants nothing, an authorizer without policy or audit log,
// and need no temporal-auth settings.
func buildAuthorization(ctx context.Context, services []string, getenv func(string) string, cfg *config.Config, logger log.Logger, audit io.Writer) (wiring, error) {
	if a := cfg.Global.Authorization; a.ClaimMapper != "" || a.Authorizer != "" {
		logger.Warn("temporal-auth: global.authorization.claimMapper/authorizer in the server config are ignored; temporal-auth's ClaimMapper and the default Authorizer are used",
			tag.String("claimMapper", a.ClaimMapper), tag.String("authorizer", a.Authorizer))
	}
	if !slices.Contains(services, string(primitives.FrontendService)) {
		logger.Info("temporal-auth: frontend not in this process; temporal-auth settings not read")
		return wiring{claimMapper: denyAllClaimMapper{}, authorizer: newAuthorizer(noPolicy, nil), policy: noPolicy}, nil
	}
	authCfg, err := authz.ConfigFromEnv(getenv)
	if err != nil {
		return wiring{}, fmt.Errorf("temporal-auth: %w", err)
	}
	logger.Info("temporal-auth: frontend authorization by temporal-auth",
		tag.String("issuer", authCfg.Issuer),
		tag.String("audience", authCfg.Audience),
		tag.String("policy-file", authCfg.PolicyFile),
		tag.String("client-id", authCfg.ClientID))
	if c := authCfg.Cluster; c.Enabled() {
		keys := "api-server " + c.APIServer + " (token " + c.TokenFile + ", CA " + c.CAFile + ")"
		if c.JWKSFile != "" {
			keys = "file " + c.JWKSFile
		}
		logger.Info("temporal-auth: the cluster's service-account tokens are accepted too (mapped through the policy's serviceAccounts only)",
			tag.String("cluster-issuer", c.Issuer),
			tag.String("cluster-audience", c.Audience),
			tag.String("cluster-keys", keys))
	} else {
		logger.Info("temporal-auth: no cluster issuer (" + authz.EnvClusterIssuer + " not set): only the identity provider's tokens are accepted")
	}
	f, err := authz.New(ctx, authCfg, audit, authz.WithLogger(logger))
	if err != nil {
		return wiring{}, err
	}
	return wiring{claimMapper: f.ClaimMapper, authorizer: newAuthorizer(f.Policy, f.Audit), policy: f.Policy}, nil
}

// denyAllClaimMapper grants no roles (used only where no claim mapper runs).
type denyAllClaimMapper struct{}

func (denyAllClaimMapper) GetClaims(*authorization.AuthInfo) (*authorization.Claims, error) {
	return &authorization.Claims{}, nil
}
