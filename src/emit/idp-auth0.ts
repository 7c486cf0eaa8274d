import HandlebarsRuntime from 'handlebars/runtime.js';
import type { AuthModel } from '../model/model.js';
import { TEMPLATES } from '../util/templates.generated.js';
import { policyGroups } from './idp-groups.js';
import { emitIdpPermissions } from './idp-permissions.js';

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** Auth0 custom claims must be namespaced URLs (http or https). */
export const isNamespacedClaim = (claim: string) => /^https?:\/\/[^/\s]+(\/\S*)?$/.test(claim);

/**
 * A precompiled template from templates/, synchronously (render's file list is
 * built synchronously): the JavaScript text of an Action, whose user-given
 * strings reach it only through `json` (JSON literals are JavaScript literals).
 */
function renderSync(name: string, context: object): string {
  const Handlebars = HandlebarsRuntime as unknown as typeof import('handlebars');
  const spec = Object.hasOwn(TEMPLATES, name) ? TEMPLATES[name] : undefined;
  if (!spec) throw new Error(`internal: no template ${name}; run npm run gen:templates`);
  const hbs = Handlebars.create();
  hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
  return hbs.template(spec as never)(context);
}

function context(model: AuthModel, claim = model.issuer.permissionsClaim) {
  // Inside a /* */ comment: JSON text with any comment end broken up.
  return { claim, claimComment: JSON.stringify(claim).replace(/\*\//g, '*\\/'), claimIsNamespaced: isNamespacedClaim(claim) };
}

/**
 * builtin mode, Auth0: a post-login Action that sets the namespaced
 * permissions claim from the user's Auth0 roles (`event.authorization.roles`),
 * each spec group being an Auth0 role of the same name.
 */
export function emitAuth0PostLoginAction(model: AuthModel): string {
  const perms = emitIdpPermissions(model);
  const roles = Object.keys(perms.groups)
    .sort()
    .map((name) => ({ name, permissions: sorted(perms.groups[name]!) }));
  return renderSync('idp/auth0-post-login-action.js', { ...context(model), roles });
}

/** builtin mode, Auth0: a Machine to Machine Action that sets each worker client's permissions; undefined without workers. */
export function emitAuth0CredentialsExchangeAction(model: AuthModel): string | undefined {
  const perms = emitIdpPermissions(model);
  const clients = Object.keys(perms.clients)
    .sort()
    .map((clientId) => ({ clientId, permissions: sorted(perms.clients[clientId]!) }));
  if (clients.length === 0) return undefined;
  return renderSync('idp/auth0-credentials-exchange-action.js', { ...context(model), clients });
}

/**
 * custom mode, Auth0: a post-login Action that puts the user's Auth0 roles that are spec
 * groups into the namespaced groups claim (issuer.claims.groups). Worker clients are matched
 * by client id (azp), so they need no Action.
 */
export function emitAuth0GroupsAction(model: AuthModel): string {
  return renderSync('idp/auth0-post-login-groups-action.js', { ...context(model, model.issuer.groupsClaim ?? ''), groups: policyGroups(model) });
}
