import { admintoolsExternalFrontend } from './admintools-external-frontend.js';
import { auth0IssuerSlash } from './auth0-issuer-slash.js';
import { auth0NamespacedClaim } from './auth0-namespaced-claim.js';
import { auth0UiAudience } from './auth0-ui-audience.js';
import { callbackPath } from './callback-path.js';
import { chartIgnoresAuth } from './chart-ignores-auth.js';
import { chartTemplateTrap } from './chart-template-trap.js';
import { chartVersionDiffers } from './chart-version-differs.js';
import { clusterAudience } from './cluster-audience.js';
import { clusterRequired } from './cluster-required.js';
import { codecTokenHttps } from './codec-token-https.js';
import { customModeOnly } from './custom-mode-only.js';
import { duplicateGrant } from './duplicate-grant.js';
import { duplicateWorker } from './duplicate-worker.js';
import { dynamicConfigAuth } from './dynamic-config-auth.js';
import { entraApiScope } from './entra-api-scope.js';
import { entraGroups } from './entra-groups.js';
import { googleIdToken } from './google-id-token.js';
import { googleNoCustomClaims } from './google-no-custom-claims.js';
import { groupsClaimRequired } from './groups-claim-required.js';
import { httpsCallback } from './https-callback.js';
import { httpsIssuer } from './https-issuer.js';
import { httpsTokenUrl } from './https-token-url.js';
import { imageRequired } from './image-required.js';
import { internalFrontendOpen } from './internal-frontend-open.js';
import { internalFrontendRequired } from './internal-frontend-required.js';
import { issuerDiscoveryUrl } from './issuer-discovery-url.js';
import { jwksUriRequired } from './jwks-uri-required.js';
import { literalSecret } from './literal-secret.js';
import { multiTenantIssuer } from './multi-tenant-issuer.js';
import { oktaOrgServer } from './okta-org-server.js';
import { perServiceEnv } from './per-service-env.js';
import { permissionsRegex } from './permissions-regex.js';
import { permissionsRegexUnwritable } from './permissions-regex-unwritable.js';
import { principalServerVersion } from './principal-server-version.js';
import { publicClientInternalFrontend } from './public-client-internal-frontend.js';
import type { LintRule } from './rule.js';
import { sealedSecretChurn } from './sealed-secret-churn.js';
import { serverVersionFeatures } from './server-version-features.js';
import { serverVersionUnsupported } from './server-version-unsupported.js';
import { serviceAccountNamespace } from './service-account-namespace.js';
import { shadowMode } from './shadow-mode.js';
import { systemRead } from './system-read.js';
import { systemScopeNamespace } from './system-scope-namespace.js';
import { templateInjection } from './template-injection.js';
import { unknownNamespace } from './unknown-namespace.js';
import { unknownRole } from './unknown-role.js';
import { unsupportedChartVersion } from './unsupported-chart-version.js';
import { versionString } from './version-string.js';
import { webInternalFrontend } from './web-internal-frontend.js';
import { webUiIdToken } from './web-ui-id-token.js';
import { webUiValue } from './web-ui-value.js';
import { webUiVersionFeatures } from './web-ui-version-features.js';
import { workerCannotPoll } from './worker-cannot-poll.js';
import { workerIdentity } from './worker-identity.js';
import { workerIsWebClient } from './worker-is-web-client.js';
import { workerRoleBuiltin } from './worker-role-builtin.js';
import { workerSecretName } from './worker-secret-name.js';
import { workerTokenUrl } from './worker-token-url.js';

/** The rules about render's output alone: commands that never render do not report them. */
export const renderOnlyRules = (): ReadonlySet<string> => new Set(RULES.filter((r) => r.concerns === 'render').map((r) => r.id));

/** Every lint rule, errors first; the README's rule table lists them in this order. */
export const RULES: readonly LintRule[] = [
  unsupportedChartVersion,
  chartVersionDiffers,
  versionString,
  serverVersionUnsupported,
  internalFrontendRequired,
  httpsIssuer,
  httpsTokenUrl,
  issuerDiscoveryUrl,
  auth0IssuerSlash,
  auth0UiAudience,
  multiTenantIssuer,
  entraApiScope,
  httpsCallback,
  codecTokenHttps,
  callbackPath,
  literalSecret,
  unknownNamespace,
  unknownRole,
  systemScopeNamespace,
  workerIsWebClient,
  duplicateWorker,
  workerIdentity,
  clusterRequired,
  clusterAudience,
  serviceAccountNamespace,
  workerSecretName,
  templateInjection,
  webUiValue,
  imageRequired,
  groupsClaimRequired,
  jwksUriRequired,
  publicClientInternalFrontend,
  webInternalFrontend,
  chartTemplateTrap,
  chartIgnoresAuth,
  permissionsRegexUnwritable,
  customModeOnly,
  principalServerVersion,
  workerRoleBuiltin,
  workerCannotPoll,
  workerTokenUrl,
  systemRead,
  entraGroups,
  perServiceEnv,
  serverVersionFeatures,
  webUiVersionFeatures,
  webUiIdToken,
  permissionsRegex,
  duplicateGrant,
  internalFrontendOpen,
  oktaOrgServer,
  auth0NamespacedClaim,
  googleNoCustomClaims,
  googleIdToken,
  admintoolsExternalFrontend,
  dynamicConfigAuth,
  shadowMode,
  sealedSecretChurn,
];
