import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { JWTPayload } from 'jose';
import type { ClusterModel } from '../model/model.js';
import { asKeySet } from '../oidc/discovery.js';
import { HttpError } from '../oidc/http.js';
import { CUSTOM_TOKEN_RULES, type TokenVerdict, verifierFor } from '../oidc/token-rules.js';
import { apiTableFor, resolveApi } from '../policy/api.js';
import { builtinClaimsFor } from '../policy/builtin.js';
import { compilePolicy } from '../policy/compile.js';
import { shadowNamespaces } from '../policy/custom.js';
import { type Explanation, explainPrincipal, findServiceAccountWorker, findWorker, type PrincipalInput } from '../policy/explain.js';
import { type AccessMatrix, accessMatrix as buildMatrix } from '../policy/matrix.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { InputError, IssuerError } from './errors.js';
import { checkOptions, checkSpecInput, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

export type { ServiceAccountSuggestion, ServiceAccountView } from '../policy/explain.js';
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
  const loaded = await loadSpec(input, options);
  const { model } = loaded;
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
  const warnings: string[] = [];
  let principal: PrincipalInput;
  let token: JWTPayload | undefined;
  let verification: TokenVerdict | undefined;
  if ('groups' in who) principal = { kind: 'groups', groups: who.groups };
  else if ('client' in who) {
    const worker = findWorker(model, who.client);
    const saWorker = worker ? undefined : findServiceAccountWorker(model, who.client);
    if (saWorker) principal = { kind: 'service-account', subject: saWorker.subject };
    else if (!worker) {
      const declared =
        [
          ...model.workers.map((w) => `${w.name} (${w.clientId})`),
          ...model.serviceAccountWorkers.map((w) => `${w.name} (service account ${w.serviceAccount.namespace}/${w.serviceAccount.name})`),
        ].join(', ') || 'none';
      throw new InputError('worker-unknown', `no worker client named or with client ID ${who.client} (declared: ${declared})`);
    } else principal = { kind: 'client', clientId: worker.clientId };
  } else if ('claims' in who) principal = { kind: 'claims', claims: who.claims };
  else {
    // jose loads only when a token is given.
    const { decodeJwt } = await import('jose');
    try {
      token = decodeJwt(who.token);
    } catch {
      throw InputError.about('token-not-jwt', 'the token', 'is not a JWT (three base64url parts); pass the access token itself');
    }
    // The custom-auth server checks a token only against the issuer its iss names: the identity provider's or the cluster's.
    const cluster = model.mode === 'custom' ? model.cluster : undefined;
    const toCluster = cluster !== undefined && verifierFor(who.token, cluster.issuer) === 'cluster';
    // With two issuers, a token naming neither is refused before any key is read.
    const noIssuer = cluster !== undefined && !toCluster && token.iss !== model.issuer.url ? `${JSON.stringify(token.iss ?? null)}, neither issuer.url nor cluster.issuer` : undefined;
    let refused: string | undefined;
    if (who.verify) {
      if (noIssuer) verification = { ok: false, rules: 'custom', reason: `wrong issuer (${noIssuer})`, warnings: [] };
      else verification = toCluster ? await verifyClusterToken(loaded, cluster!, who.token, who.verify) : await verifyForMode(model, who.token, who.verify);
    } else if (noIssuer) refused = `its iss is ${noIssuer}: the custom-auth server checks a token only against the issuer its iss names, and refuses it`;
    if (toCluster && !audiences(token).includes(cluster!.audience)) {
      // Refused whatever its signature: said without --verify too, with what to send instead.
      if (!who.verify)
        refused = `its aud ${JSON.stringify(token.aud ?? null)} lacks ${JSON.stringify(cluster!.audience)} (cluster.audience): the custom-auth server refuses a cluster token for any other audience`;
      warnings.push(clusterAudienceHint(token, cluster!));
    }
    if (cluster === undefined && model.mode === 'custom' && typeof token.sub === 'string' && token.sub.startsWith('system:serviceaccount:') && token.iss !== model.issuer.url) {
      warnings.push(
        "this looks like a Kubernetes service-account token, but the spec has no cluster section: the server checks it as the identity provider's and refuses it; to let workers authenticate with their service account, add cluster (the cluster's issuer and an audience) and give the worker a serviceAccount",
      );
    }
    principal = { kind: 'claims', claims: token, verification, ...(refused ? { refused } : {}) };
  }
  const result = explainPrincipal(model, principal, call);
  return { ...result, warnings: [...result.warnings, ...warnings], token, verification, groupsClaim: compilePolicy(model).groupsClaim };
}

/** The audience a cluster token must carry, and the API server's own (its issuer, https://kubernetes.default.svc...), which never opens Temporal. */
const KUBE_API_AUDIENCES = ['https://kubernetes.default.svc', 'https://kubernetes.default.svc.cluster.local', 'kubernetes'];

const audiences = (p: JWTPayload): string[] => (typeof p.aud === 'string' ? [p.aud] : Array.isArray(p.aud) ? p.aud.filter((a): a is string => typeof a === 'string') : []);

/** What to do about a cluster token for another audience: a projected token with cluster.audience. */
function clusterAudienceHint(p: JWTPayload, cluster: ClusterModel): string {
  const own = audiences(p).some((a) => a === cluster.issuer || KUBE_API_AUDIENCES.includes(a));
  const sa = typeof p.sub === 'string' ? /^system:serviceaccount:([^:]+):([^:]+)$/.exec(p.sub) : null;
  const create = sa ? `kubectl create token ${sa[2]} -n ${sa[1]} --audience ${cluster.audience}` : `kubectl create token <service account> --audience ${cluster.audience}`;
  return `${own ? "this token is for the Kubernetes API server itself (a pod's default token, or kubectl create token without --audience): " : ''}the worker must send a projected service-account token with audience ${cluster.audience} (cluster.audience; worker-identity.yaml mounts one), e.g. ${create}`;
}

/**
 * A cluster token verified as the custom-auth server's cluster verifier does:
 * the keys of cluster.jwks.file (file mode). In apiServer mode the keys are
 * on the cluster's API server, which only the server asks: an InputError
 * that says how to verify here instead.
 */
async function verifyClusterToken(loaded: LoadedSpec, cluster: ClusterModel, token: string, verify: NonNullable<Extract<Who, { token: string }>['verify']>): Promise<TokenVerdict> {
  if (cluster.jwks.source !== 'file') {
    throw new InputError(
      'cluster-keys-on-api-server',
      `the token is the cluster's (iss ${cluster.issuer}), and the spec's cluster.jwks.source is apiServer: its keys are on the cluster's API server, which the custom-auth server asks itself. To verify it here, save them (kubectl get --raw /openid/v1/jwks > cluster-jwks.json) and set cluster.jwks: { source: file, file: cluster-jwks.json } in the spec (or a copy of it)`,
    );
  }
  const file = resolve(dirname(loaded.file), cluster.jwks.file);
  const jwks = readClusterJwks(file);
  const { verifyTokenWithKeys } = await import('../oidc/verify.js');
  try {
    return await verifyTokenWithKeys(token, jwks, file, {
      rules: 'custom',
      issuer: cluster.issuer,
      audience: cluster.audience,
      extraLeewaySeconds: verify.extraLeewaySeconds,
      verifier: 'cluster',
    });
  } catch (err) {
    if (err instanceof HttpError) throw new InputError('cluster-jwks-unreadable', `cluster.jwks.file ${err.message}`);
    throw err;
  }
}

/** cluster.jwks.file: a regular file of at most the server's JWKS cap, a JSON Web Key Set. */
function readClusterJwks(file: string) {
  const fail = (why: string) => new InputError('cluster-jwks-unreadable', `cluster.jwks.file ${file} ${why}`);
  const cap = CUSTOM_TOKEN_RULES.maxIssuerResponseBytes;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist; save the keys with kubectl get --raw /openid/v1/jwks' : `cannot be read (${code ?? 'error'})`);
  }
  let text: string;
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw fail(info.isDirectory() ? 'is a directory' : 'is not a regular file (a pipe, socket or device)');
    if (info.size > cap) throw fail(`is ${info.size} bytes, over the ${cap} bytes the server reads`);
    const buffer = Buffer.alloc(cap + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > cap) throw fail(`grew past the ${cap} bytes the server reads while being read`);
    }
    text = buffer.subarray(0, length).toString('utf8');
  } finally {
    closeSync(fd);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw fail('is not JSON; save the output of kubectl get --raw /openid/v1/jwks');
  }
  try {
    return asKeySet(doc, file);
  } catch (err) {
    if (err instanceof HttpError) throw new InputError('cluster-jwks-unreadable', `cluster.jwks.file ${err.message.replace(/ returned /, ' holds ')}`);
    throw err;
  }
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
