import type { JWTPayload } from 'jose';
import { HttpError } from '../oidc/http.js';
import type { TokenVerdict } from '../oidc/token-rules.js';
import { apiTableFor, resolveApi } from '../policy/api.js';
import { builtinClaimsFor } from '../policy/builtin.js';
import { compilePolicy } from '../policy/compile.js';
import { shadowNamespaces } from '../policy/custom.js';
import { type Explanation, explainPrincipal, findWorker, type PrincipalInput } from '../policy/explain.js';
import { type AccessMatrix, accessMatrix as buildMatrix } from '../policy/matrix.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { InputError, IssuerError } from './errors.js';
import { checkOptions, checkSpecInput, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

// How the CLI shows these results (text lines, the HTML page's view).
export { describeClaims } from '../policy/explain.js';
export { matrixHtmlView, matrixLines, shadowLine } from '../policy/matrix-view.js';
export type { AccessMatrix, Explanation };

/** Who is asking: a user in these groups, a declared worker client (name or client ID), token claims, or a token. */
export type Who =
  | { groups: string[] }
  | { client: string }
  | { claims: Record<string, unknown> }
  | {
      token: string;
      /** Verify against the issuer's keys under the rules of the server that will see it (network). */
      verify?: { ca?: string; timeoutMs?: number; extraLeewaySeconds?: number };
    };

export interface ExplainRequest {
  who: Who;
  /** The method called: a short name or a full gRPC method name. Without it, no decision. */
  api?: string;
  /** The namespace the call names; none for a request that names none. */
  namespace?: string;
}

export interface ExplainResult extends Explanation {
  /** The token's claims, when a token was given. */
  token?: JWTPayload;
  /** The verification verdict, when the token was verified. */
  verification?: TokenVerdict;
  /** The policy's groups claim path (where groups were looked for). */
  groupsClaim: string;
}

const WHO_SHAPES = '{ groups: string[] }, { client: string }, { claims: object } or { token: string, verify? }';

/** The request's shape, before anything reads it: a TypeError naming what is accepted. */
function checkRequest(request: unknown): void {
  const fail = (why: string) => new TypeError(`explain: the request must be { who, api?, namespace? } with who one of ${WHO_SHAPES}; got ${why}`);
  if (!isRecord(request)) throw fail(describeValue(request));
  const who = request.who;
  if (!isRecord(who)) throw fail(`who that is ${describeValue(who)}`);
  const ok =
    'groups' in who
      ? Array.isArray(who.groups) && who.groups.every((g) => typeof g === 'string')
      : 'client' in who
        ? typeof who.client === 'string'
        : 'claims' in who
          ? isRecord(who.claims)
          : 'token' in who && typeof who.token === 'string' && (who.verify === undefined || isRecord(who.verify));
  if (!ok) throw fail(`who that is ${describeValue(who)}`);
  for (const k of ['api', 'namespace'] as const) {
    if (request[k] !== undefined && typeof request[k] !== 'string') throw new TypeError(`explain: request.${k} must be a string; got ${describeValue(request[k])}`);
  }
}

/**
 * Who can do what, as the server decides it: the principal's claims under
 * the spec's mode, and with `api` the authorizer's answer and why.
 */
export async function explain(input: Input | LoadedSpec, request: ExplainRequest, options: SpecOptions = {}): Promise<ExplainResult> {
  checkSpecInput('explain', input);
  checkRequest(request);
  checkOptions('explain', options, specOptionFields());
  const { model } = await loadSpec(input, options);
  const table = apiTableFor(model.serverVersion);
  let call: Parameters<typeof explainPrincipal>[2];
  if (request.api !== undefined) {
    const lookup = resolveApi(table, request.api.slice(0, 200));
    if (!lookup.ok) throw new InputError('api-unknown', lookup.message);
    call = { api: lookup.api, namespace: request.namespace, table };
  } else if (request.namespace !== undefined) {
    throw new InputError('namespace-without-api', 'a namespace goes with an api');
  }
  const who = request.who;
  let principal: PrincipalInput;
  let token: JWTPayload | undefined;
  let verification: TokenVerdict | undefined;
  if ('groups' in who) principal = { kind: 'groups', groups: who.groups };
  else if ('client' in who) {
    const worker = findWorker(model, who.client);
    if (!worker) {
      const declared = model.workers.map((w) => `${w.name} (${w.clientId})`).join(', ') || 'none';
      throw new InputError('worker-unknown', `no worker client named or with client ID ${who.client} (declared: ${declared})`);
    }
    principal = { kind: 'client', clientId: worker.clientId };
  } else if ('claims' in who) principal = { kind: 'claims', claims: who.claims };
  else {
    // jose loads only when a token is given.
    const { decodeJwt } = await import('jose');
    try {
      token = decodeJwt(who.token);
    } catch {
      throw InputError.about('token-not-jwt', 'the token', 'is not a JWT (three base64url parts); pass the access token itself');
    }
    if (who.verify) verification = await verifyForMode(model, who.token, who.verify);
    principal = { kind: 'claims', claims: token, verification };
  }
  const result = explainPrincipal(model, principal, call);
  return { ...result, token, verification, groupsClaim: compilePolicy(model).groupsClaim };
}

/**
 * Each mode's server has its own token rules and its own place to find keys:
 * the stock server reads keySourceURIs (the spec's JWKS URL), the custom one discovers.
 */
async function verifyForMode(model: LoadedSpec['model'], token: string, verify: NonNullable<Extract<Who, { token: string }>['verify']>): Promise<TokenVerdict> {
  const { verifyToken } = await import('../oidc/verify.js');
  const builtin = model.mode === 'builtin';
  try {
    return await verifyToken(
      token,
      {
        rules: builtin ? 'stock' : 'custom',
        issuer: model.issuer.url,
        audience: builtin && !serverSupportsAudienceAndRegex(model.serverVersion) ? undefined : model.issuer.audience,
        jwksUri: builtin ? model.issuer.jwksUri : undefined,
        extraLeewaySeconds: verify.extraLeewaySeconds,
      },
      { ca: verify.ca, timeoutMs: verify.timeoutMs ?? 15_000 },
    );
  } catch (err) {
    if (err instanceof HttpError) throw new IssuerError('keys-unavailable', err.message);
    throw err;
  }
}

/** Every group and worker client by every namespace and the system scope: the effective role. */
export async function accessMatrix(input: Input | LoadedSpec, options: SpecOptions = {}): Promise<AccessMatrix> {
  checkSpecInput('accessMatrix', input);
  checkOptions('accessMatrix', options, specOptionFields());
  const { model } = await loadSpec(input, options);
  const policy = compilePolicy(model);
  const namespaces = model.namespaces.map((n) => n.name);
  // builtin mode: the server grants what its mapper reads from the strings the provider emits.
  if (model.mode === 'builtin') return buildMatrix(policy, namespaces, (who) => builtinClaimsFor(model, policy, who).claims);
  const matrix = buildMatrix(policy, namespaces);
  if (policy.enforce) {
    const shadow = shadowNamespaces(policy, matrix.namespaces);
    matrix.shadow = shadow;
  }
  return matrix;
}
