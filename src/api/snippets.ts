import { renderWorkerSnippet, SNIPPET_LANGUAGES, type SnippetLanguage } from '../emit/worker-snippets.js';
import { WORKER_SECRET_KEYS, WORKER_TOKEN_FILE } from '../secrets/keys.js';
import { InputError } from './errors.js';
import { checkOptions, checkSpecInput, checkStringFields, type Input, type LoadedSpec, loadSpec, type SpecOptions, specOptionFields } from './spec.js';

export { SNIPPET_LANGUAGES, type SnippetLanguage, WORKER_SECRET_KEYS, WORKER_TOKEN_FILE };

export interface WorkerSnippetOptions extends SpecOptions {
  /** The worker client: its name in clients.workers. */
  client: string;
  language: SnippetLanguage;
  /** The frontend's host:port; default the chart's frontend Service in the release namespace. */
  hostPort?: string;
  /** The frontend serves TLS (default: no, as the chart ships it). */
  tls?: boolean;
}

/**
 * Worker code for one worker client in one language. For a worker with a
 * client ID, it reads the env names of the worker's Secret
 * (WORKER_SECRET_KEYS), gets a token with the client_credentials grant, sends
 * it as the bearer API key and renews it before it expires. For a worker with
 * a service account, it reads the projected service-account token from the
 * file the env TEMPORAL_AUTH_TOKEN_FILE names, sends it as the bearer API key
 * and re-reads it when the kubelet rotates it. Text for people to paste; it
 * holds no secret.
 */
export async function workerSnippet(input: Input | LoadedSpec, options: WorkerSnippetOptions): Promise<string> {
  checkSpecInput('workerSnippet', input);
  checkOptions('workerSnippet', options, specOptionFields('client, language, hostPort?, tls?'), ['client', 'language']);
  checkStringFields('workerSnippet', options, ['client', 'language', 'hostPort']);
  if (!(SNIPPET_LANGUAGES as readonly string[]).includes(options.language)) {
    throw new InputError('snippet-language-unknown', `${String(options.language)} is not a snippet language; use ${SNIPPET_LANGUAGES.join(', ')}`);
  }
  const { model } = await loadSpec(input, options);
  const declared = [...model.workers, ...model.serviceAccountWorkers].map((w) => w.name);
  if (!declared.includes(options.client)) {
    throw new InputError('worker-unknown', `no worker client named ${options.client} (declared: ${declared.join(', ') || 'none'})`);
  }
  return renderWorkerSnippet(model, options.client, options.language, { hostPort: options.hostPort, tls: options.tls });
}
