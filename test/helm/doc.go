// Package helmtest proves, with Helm's own Go code, that the commands
// `temporal-auth render` prints keep every value a user set before.
//
// The tests run the CLI as a user would (node bin/temporal-auth.js, in a
// fresh folder), parse the helm, kubectl and temporal-auth command lines its
// summary prints, and execute them: helm through Helm's SDK (helm.sh/helm/v4,
// and helm.sh/helm/v3 for users still on Helm 3) against an in-memory release
// store, with stand-in charts under testdata/charts that reproduce the official
// temporalio/helm-charts chart's value semantics. Every assertion reads
// Helm's result: the release's values and the rendered Deployments.
//
// The stand-ins are checked against the real thing where it exists: the
// official chart's code may not be committed here, and neither CI nor the Go
// module proxy can fetch temporalio/helm-charts. TestEveryReleaseChart (and
// TestReleaseChartAssertionsCatchPlantedBugs) read it from a git dir named by
// TEMPORAL_AUTH_HELM_CHARTS_GIT (a clone or bare mirror with the
// temporal-X.Y.Z tags; test/chart-traps.test.ts reads the same variable), and
// skip, naming the variable, without it. For every release the CLI supports
// (src/charts/profiles/index.generated.ts: the generated profiles, so a new
// profile is tested without editing this module) they extract
// charts/temporal at the release's tag with `git archive`, render every
// examples/*.yaml with the CLI for that release, and template the release's
// own chart with Helm v4's SDK (a client-only dry-run Install, which does not
// check the subcharts the git sources lack; the user values turn 0.x's bundled
// subcharts off). Run them with
//
//	TEMPORAL_AUTH_HELM_CHARTS_GIT=/path/to/helm-charts/.git go test ./... -run 'TestEveryReleaseChart|TestReleaseChartAssertions'
//
// Run with `go test ./...` from this folder (needs Node.js 20 and a built
// dist/ at the repository root).
package helmtest
