import type { AuthModel, ServiceAccountWorkerModel } from '../model/model.js';
import { CUSTOM_MAX_TOKEN_BYTES } from '../oidc/token-rules.js';
import { PRESETS } from '../providers/presets.js';
import { WORKER_SECRET_KEYS, WORKER_TOKEN_FILE } from '../secrets/keys.js';
import { renderTemplate } from '../util/templates.js';
import { frontendAddress } from './worker-cli-profile.js';
import { WORKER_TOKEN_REREAD } from './worker-token-file.js';

/**
 * The worker snippets, by language: an OAuth worker's reads the env names of
 * its Secret (WORKER_SECRET_KEYS); a service-account worker's reads its
 * projected token from the file WORKER_TOKEN_FILE names.
 */
export const SNIPPET_LANGUAGES = ['go', 'typescript', 'java', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

const TEMPLATE: Record<SnippetLanguage, string> = {
  go: 'snippets/go-worker',
  typescript: 'snippets/ts-worker',
  java: 'snippets/java-worker',
  python: 'snippets/python-worker',
};

const SERVICE_ACCOUNT_TEMPLATE: Record<SnippetLanguage, string> = {
  go: 'snippets/go-worker-service-account',
  typescript: 'snippets/ts-worker-service-account',
  java: 'snippets/java-worker-service-account',
  python: 'snippets/python-worker-service-account',
};

export interface SnippetOptions {
  /** The frontend's host:port; default the chart's frontend Service in the release namespace. */
  hostPort?: string;
  /** The frontend serves TLS (default: no, as the chart ships it). */
  tls?: boolean;
}

/**
 * A worker snippet for one worker client. An OAuth worker's fetches a token
 * with the client_credentials grant from the env its Secret provides, sends
 * it as the bearer API key and renews it before it expires. A
 * service-account worker's reads its projected service-account token from
 * the file WORKER_TOKEN_FILE names, sends it as the bearer API key, and
 * re-reads the file when the kubelet rotates it. Text for people to paste.
 */
export async function renderWorkerSnippet(model: AuthModel, workerName: string, language: SnippetLanguage, options: SnippetOptions = {}): Promise<string> {
  const worker = model.workers.find((w) => w.name === workerName);
  if (!worker) {
    const saWorker = model.serviceAccountWorkers.find((w) => w.name === workerName);
    if (!saWorker) throw new Error(`internal: no worker client ${workerName}`);
    return renderTemplate(SERVICE_ACCOUNT_TEMPLATE[language], serviceAccountContext(model, saWorker, options));
  }
  const context = {
    namespace: worker.grants[0]?.[0] ?? 'default',
    hostPort: options.hostPort ?? frontendAddress(model, {}),
    clientName: worker.name,
    clientId: printableComment(worker.clientId),
    secretName: worker.secret.name,
    keys: WORKER_SECRET_KEYS,
    // How the token endpoint takes the audience, as `token` sends it.
    audienceParam: PRESETS[model.issuer.provider].tokenAudienceParam,
    tlsDisabled: !options.tls,
  };
  return renderTemplate(TEMPLATE[language], context);
}

function serviceAccountContext(model: AuthModel, worker: ServiceAccountWorkerModel, options: SnippetOptions) {
  return {
    namespace: worker.grants[0]?.[0] ?? 'default',
    hostPort: options.hostPort ?? frontendAddress(model, {}),
    tlsDisabled: !options.tls,
    clientName: worker.name,
    serviceAccount: printableComment(`${worker.serviceAccount.namespace}/${worker.serviceAccount.name}`),
    subject: printableComment(worker.subject),
    grants: printableComment(worker.grants.map(([namespace, role]) => `${namespace}: ${role}`).join(', ') || 'none'),
    deployment: printableComment(`${worker.serviceAccount.namespace}/${worker.deployment.name}`),
    container: printableComment(worker.deployment.container),
    tokenFile: WORKER_TOKEN_FILE,
    maxTokenBytes: CUSTOM_MAX_TOKEN_BYTES,
    maxAgeSeconds: WORKER_TOKEN_REREAD.maxAgeSeconds,
    pollSeconds: WORKER_TOKEN_REREAD.pollSeconds,
  };
}

/** A client ID goes into a comment line only: no line breaks or control characters. */
function printableComment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
