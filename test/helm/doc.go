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
// Run with `go test ./...` from this folder (needs Node.js 20 and a built
// dist/ at the repository root).
package helmtest
