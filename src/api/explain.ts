import type { JWTPayload } from 'jose';
import { HttpError } from '../oidc/http.js';
import type { TokenVerdict } from '../oidc/token-rules.js';
import { compilePolicy } from '../policy/compile.js';
import { apiTableFor, resolveApi } from '../policy/api.js';
import { explainPrincipal, findWorker, type Explanation, type PrincipalInput } from '../policy/explain.js';
import { accessMatrix as buildMatrix, type AccessMatrix } from '../policy/matrix.js';
import { serverSupportsAudienceAndRegex } from '../temporal/versions.js';
import { InputError, IssuerError } from './errors.js';
import { loadSpec, type Input, type LoadedSpec, type SpecOptions } from './spec.js';

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

/**
 * Who can do what, as the server decides it: the principal's claims under
 * the spec's mode, and with `api` the authorizer's answer and why.
 */
export async function explain(input: Input | LoadedSpec, request: ExplainRequest, options: SpecOptions = {}): Promise<ExplainResult> {
  const { model } = await loadSpec(input, options);
  const table = apiTableFor(model.serverVersion);
  let call: Parameters<typeof explainPrincipal>[2];
  if (request.api !== undefined) {
    const lookup = resolveApi(table, request.api.slice(0, 200));
    if (!lookup.ok) throw new InputError(lookup.message);
    call = { api: lookup.api, namespace: request.namespace, table };
  } else if (request.namespace !== undefined) {
    throw new InputError('a namespace goes with an api');
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
      throw new InputError(`no worker client named or with client ID ${who.client} (declared: ${declared})`);
    }
    principal = { kind: 'client', clientId: worker.clientId };
  } else if ('claims' in who) principal = { kind: 'claims', claims: who.claims };
  else {
    // jose loads only when a token is given.
    const { decodeJwt } = await import('jose');
    try {
      token = decodeJwt(who.token);
    } catch {
      throw new InputError('the token is not a JWT (three base64url parts); pass the access token itself');
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
    if (err instanceof HttpError) throw new IssuerError(err.message);
    throw err;
  }
}

/** Every group and worker client by every namespace and the system scope: the effective role. */
export async function accessMatrix(input: Input | LoadedSpec, options: SpecOptions = {}): Promise<AccessMatrix> {
  const { model } = await loadSpec(input, options);
  return buildMatrix(compilePolicy(model), model.namespaces.map((n) => n.name));
}
