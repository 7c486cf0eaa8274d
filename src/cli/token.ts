import { Command, Option } from 'commander';
import { InputError, IssuerError } from '../api/errors.js';
import { workerToken } from '../api/issuer.js';
import { envAndFileSecrets } from '../api/secrets.js';
import { SNIPPET_LANGUAGES, type SnippetLanguage, WORKER_TOKEN_FILE, workerSnippet } from '../api/snippets.js';
import { printable } from '../util/printable.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC } from './paths.js';

interface TokenFlags {
  client: string;
  output: 'text' | 'json';
  scope?: string;
  snippets: boolean;
  hostPort?: string;
  lang: string;
  tls?: boolean;
  caFile?: string;
  timeout: number;
}

export function tokenCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('token')
    .description('Mint an access token for a declared worker client (client_credentials grant) and print worker snippets.')
    .argument('[spec]', 'spec file (- reads it from stdin)', DEFAULT_SPEC)
    .requiredOption('--client <name>', 'worker client name from clients.workers')
    .addOption(new Option('-o, --output <format>', 'text (the token alone) or json (with expiry)').choices(['text', 'json']).default('text'))
    .option('--scope <scopes>', "scopes to request (space-separated; default the worker's clients.workers[].scopes)")
    .option('--no-snippets', 'do not print the worker snippets on stderr')
    .option('--lang <languages>', `worker snippets to print, comma-separated: ${SNIPPET_LANGUAGES.join(', ')} or all`, 'go,typescript')
    .option('--host-port <address>', "frontend address for the snippets (default the chart's frontend Service in the release namespace)")
    .option('--tls', 'the frontend serves TLS: the snippets keep TLS on (default: off, as the chart ships the frontend)')
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText(
      'after',
      [
        '',
        'The token goes to stdout, ready for TEMPORAL_API_KEY; snippets go to stderr.',
        'The client secret is read from the source the spec names (env var or file).',
        "The snippets read the env names of the worker's Secret (render writes it): TEMPORAL_AUTH_CLIENT_ID,",
        'TEMPORAL_AUTH_CLIENT_SECRET, TEMPORAL_AUTH_TOKEN_URL, TEMPORAL_AUTH_AUDIENCE, TEMPORAL_AUTH_SCOPES.',
        'A worker with a serviceAccount has no secret: token mints nothing for it (exit 1) and prints its',
        'snippets, which read the projected token from the file TEMPORAL_AUTH_TOKEN_FILE names.',
        '',
        'The token_endpoint from discovery must be https; the whole exchange ends within --timeout.',
        'Exit codes: 0 minted, 1 bad input, unknown client, missing secret, refused grant or a bad answer from the issuer.',
        '',
        'Example:',
        '  export TEMPORAL_AUTH_TOKEN=$(temporal-auth token examples/okta.yaml --client payroll-worker --no-snippets)',
        '',
      ].join('\n'),
    )
    .action(async (specArg: string, flags: TokenFlags) => {
      const languages = flags.lang === 'all' ? [...SNIPPET_LANGUAGES] : flags.lang.split(',').map((l) => l.trim());
      const unknown = languages.filter((l) => !(SNIPPET_LANGUAGES as readonly string[]).includes(l));
      if (flags.snippets && unknown.length > 0) {
        io.stderr(`temporal-auth: --lang ${printable(unknown.join(','))} is not a snippet language; use ${SNIPPET_LANGUAGES.join(', ')} or all\n`);
        return setExit(EXIT.invalid);
      }
      const loaded = await loadModel(io, specArg);
      if (!loaded) return setExit(EXIT.invalid);
      const printSnippets = async (client: string) => {
        const snippets = [];
        for (const language of languages as SnippetLanguage[]) snippets.push(await workerSnippet(loaded, { client, language, hostPort: flags.hostPort, tls: flags.tls }));
        io.stderr(`\n${snippets.join('\n')}`);
      };
      // A service-account worker has no secret: nothing to mint, but its snippets are what its pod runs.
      const saWorker = loaded.model.serviceAccountWorkers.find((w) => w.name === flags.client);
      if (saWorker) {
        const { namespace, name } = saWorker.serviceAccount;
        io.stderr(
          `temporal-auth: ${printable(flags.client)} authenticates with its Kubernetes service account ${namespace}/${name}: there is no client secret and no token to mint; ` +
            `its pod reads its projected token from the file ${WORKER_TOKEN_FILE.env} names (worker-identity.yaml)${flags.snippets ? ', as these snippets do' : ''}\n`,
        );
        if (flags.snippets) await printSnippets(saWorker.name);
        return setExit(EXIT.invalid);
      }
      // The CA file is only needed once the secret is in hand: read it after, as before.
      let token;
      try {
        const ca = flags.caFile === undefined ? { ok: true as const } : await readCaFile(io, flags.caFile);
        if (!ca.ok) return setExit(EXIT.invalid);
        token = await workerToken(loaded, { client: flags.client, secrets: envAndFileSecrets(io.env), scope: flags.scope, ca: ca.ca, timeoutMs: flags.timeout });
      } catch (err) {
        if (err instanceof InputError) {
          printFindings(err.findings, io.stderr);
          if (err.findings.length === 0) io.stderr(`temporal-auth: ${printable(err.message)}\n`);
          return setExit(EXIT.invalid);
        }
        if (err instanceof IssuerError) {
          io.stderr(`temporal-auth: ${printable(err.message)}\n`);
          return setExit(EXIT.invalid);
        }
        throw err;
      }
      if (flags.output === 'json') {
        const expiresAt = token.expiresIn !== undefined ? new Date(Date.now() + token.expiresIn * 1000).toISOString() : undefined;
        io.stdout(`${JSON.stringify({ accessToken: token.accessToken, tokenType: token.tokenType, expiresIn: token.expiresIn, expiresAt }, null, 2)}\n`);
      } else {
        io.stdout(`${token.accessToken}\n`);
      }
      if (flags.snippets) await printSnippets(token.worker.name);
      setExit(EXIT.ok);
    });
}
