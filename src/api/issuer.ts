import type { Finding } from '../input/finding.js';
import { locate } from '../input/source.js';
import { clientCredentialsToken, grantSecrets, type IssuedToken } from '../oidc/client-credentials.js';
import { HttpError } from '../oidc/http.js';
import { type IssuerCheck, checkIssuer as runIssuerChecks } from '../oidc/issuer-checks.js';
import type { SecretResolver } from '../secrets/resolve.js';
import { scrubSecrets } from '../util/scrub.js';
import { InputError, IssuerError } from './errors.js';
import { RENDER_FINDINGS } from './findings.js';
import { checkOptions, checkResolver, checkSpecInput, checkStringFields, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

export type { IssuedToken, IssuerCheck };

export interface IssuerOptions extends SpecOptions {
  /** Extra trusted CA certificates (PEM text), for issuers behind a private CA. */
  ca?: string;
  /** Deadline for the whole exchange with the issuer (default 15 s). */
  timeoutMs?: number;
}

/**
 * Contacts the issuer: discovery, exact issuer match, JWKS keys Temporal can
 * use, client_credentials for worker clients. One result per check; a check
 * that fails is a result, not an error.
 */
export async function checkIssuer(input: Input | LoadedSpec, options: IssuerOptions = {}): Promise<IssuerCheck[]> {
  checkSpecInput('checkIssuer', input);
  checkOptions('checkIssuer', options, specOptionFields('ca?, timeoutMs?'));
  checkStringFields('checkIssuer', options, ['ca']);
  const { model } = await loadSpec(input, options);
  return runIssuerChecks(model, { ca: options.ca, timeoutMs: options.timeoutMs ?? 15_000 });
}

export interface WorkerTokenOptions extends IssuerOptions {
  /** The worker client: its name in clients.workers. */
  client: string;
  secrets: SecretResolver;
  /** Scopes to request (space-separated); default the worker's clients.workers[].scopes (what its Secret's TEMPORAL_AUTH_SCOPES holds). */
  scope?: string;
}

export interface WorkerToken extends IssuedToken {
  worker: { name: string; clientId: string; grants: [string, string][] };
}

/**
 * An access token for a declared worker client by the client_credentials
 * grant, the secret read through `secrets`. A refused grant or a bad answer
 * is an IssuerError whose message never holds the secret.
 */
export async function workerToken(input: Input | LoadedSpec, options: WorkerTokenOptions): Promise<WorkerToken> {
  checkSpecInput('workerToken', input);
  checkOptions('workerToken', options, specOptionFields('client, secrets, scope?, ca?, timeoutMs?'), ['client', 'secrets']);
  checkStringFields('workerToken', options, ['client', 'scope', 'ca']);
  checkResolver('workerToken', options.secrets, 'options.secrets', false);
  const loaded = await loadSpec(input, options);
  const { model, source } = loaded;
  const worker = model.workers.find((w) => w.name === options.client);
  if (!worker) throw new InputError('worker-unknown', `no worker client named ${options.client} (declared: ${model.workers.map((w) => w.name).join(', ') || 'none'})`);
  // The spec's index: service-account workers are in clients.workers, not in model.workers.
  const { index } = worker;
  const finding = (path: (string | number)[], message: string): Finding => ({ file: source.file, ...locate(source, path), severity: 'error', rule: RENDER_FINDINGS.secretSource.id, message });
  if (!worker.clientSecret)
    throw InputError.fromFindings('secret-source', [finding(['clients', 'workers', index], `worker ${worker.name} has no clientSecret; add { fromEnv: VARIABLE } or { fromFile: PATH }`)]);
  const path = ['clients', 'workers', index, 'clientSecret', 'fromEnv' in worker.clientSecret ? 'fromEnv' : 'fromFile'];
  const secret = await options.secrets(worker.clientSecret, { specFile: loaded.file, path });
  if (!secret.ok) throw InputError.fromFindings('secret-source', [finding([...secret.path], secret.message.replace(', or render with --no-secrets', ''))]);
  try {
    const token = await clientCredentialsToken(
      {
        issuer: model.issuer.url,
        provider: model.issuer.provider,
        clientId: worker.clientId,
        clientSecret: secret.value,
        audience: model.issuer.audience,
        scope: options.scope ?? (worker.scopes.length > 0 ? worker.scopes.join(' ') : undefined),
        tokenUrl: model.issuer.tokenUrl,
      },
      { ca: options.ca, timeoutMs: options.timeoutMs ?? 15_000 },
    );
    return { ...token, worker: { name: worker.name, clientId: worker.clientId, grants: worker.grants } };
  } catch (err) {
    // Already scrubbed by the grant; again here, so no later change to it can leak the secret.
    if (err instanceof HttpError) throw new IssuerError('token-grant', scrubSecrets(err.message, grantSecrets(worker.clientId, secret.value)));
    throw err;
  }
}
