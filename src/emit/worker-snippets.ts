import type { AuthModel } from '../model/model.js';
import { PRESETS } from '../providers/presets.js';
import { WORKER_SECRET_KEYS } from '../secrets/keys.js';
import { renderTemplate } from '../util/templates.js';
import { frontendAddress } from './worker-cli-profile.js';

/** The worker snippets, by language: each reads the env names of the worker Secret (WORKER_SECRET_KEYS). */
export const SNIPPET_LANGUAGES = ['go', 'typescript', 'java', 'python'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

const TEMPLATE: Record<SnippetLanguage, string> = {
  go: 'snippets/go-worker',
  typescript: 'snippets/ts-worker',
  java: 'snippets/java-worker',
  python: 'snippets/python-worker',
};

export interface SnippetOptions {
  /** The frontend's host:port; default the chart's frontend Service in the release namespace. */
  hostPort?: string;
  /** The frontend serves TLS (default: no, as the chart ships it). */
  tls?: boolean;
}

/**
 * A worker snippet for one worker client: fetch a token with the
 * client_credentials grant from the env its Secret provides, send it as the
 * bearer API key, renew it before it expires. Text for people to paste.
 */
export async function renderWorkerSnippet(model: AuthModel, workerName: string, language: SnippetLanguage, options: SnippetOptions = {}): Promise<string> {
  const worker = model.workers.find((w) => w.name === workerName);
  if (!worker) throw new Error(`internal: no worker client ${workerName}`);
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

/** A client ID goes into a comment line only: no line breaks or control characters. */
function printableComment(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}
