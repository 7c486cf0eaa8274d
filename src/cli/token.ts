import { Command, Option } from 'commander';
import { InputError, IssuerError } from '../api/errors.js';
import { workerToken } from '../api/issuer.js';
import { envAndFileSecrets } from '../secrets/resolve.js';
import { formatFinding } from '../spec/finding.js';
import { printable } from '../util/printable.js';
import { renderTemplate } from '../util/templates.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC } from './paths.js';

interface TokenFlags {
  client: string;
  output: 'text' | 'json';
  scope?: string;
  snippets: boolean;
  hostPort: string;
  caFile?: string;
  timeout: number;
}

export function tokenCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('token')
    .description('Mint an access token for a declared worker client (client_credentials grant) and print worker snippets.')
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .requiredOption('--client <name>', 'worker client name from clients.workers')
    .addOption(new Option('-o, --output <format>', 'text (the token alone) or json (with expiry)').choices(['text', 'json']).default('text'))
    .option('--scope <scopes>', 'scopes to request (space-separated)')
    .option('--no-snippets', 'do not print the Go and TypeScript worker snippets on stderr')
    .option('--host-port <address>', 'frontend address for the snippets', 'temporal-frontend.temporal.svc:7233')
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText(
      'after',
      [
        '',
        'The token goes to stdout, ready for TEMPORAL_AUTH_TOKEN; snippets go to stderr.',
        'The client secret is read from the source the spec names (env var or file).',
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
      const loaded = await loadModel(io, specArg);
      if (!loaded) return setExit(EXIT.invalid);
      const { model } = loaded;
      // The CA file is only needed once the secret is in hand: read it after, as before.
      let token;
      try {
        const ca = flags.caFile === undefined ? { ok: true as const } : await readCaFile(io, flags.caFile);
        if (!ca.ok) return setExit(EXIT.invalid);
        token = await workerToken(loaded, { client: flags.client, secrets: envAndFileSecrets(io.env), scope: flags.scope, ca: ca.ca, timeoutMs: flags.timeout });
      } catch (err) {
        if (err instanceof InputError) {
          for (const f of err.findings) io.stderr(`${formatFinding(f)}\n`);
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
      if (flags.snippets) {
        const namespace = token.worker.grants[0]?.[0] ?? 'default';
        const context = {
          namespace,
          hostPort: flags.hostPort,
          clientId: token.worker.clientId,
          clientName: token.worker.name,
          issuer: model.issuer.url,
          expiresIn: token.expiresIn ?? 3600,
          refreshMs: Math.max(60, Math.floor((token.expiresIn ?? 3600) * 0.8)) * 1000,
        };
        io.stderr(`\n${await renderTemplate('snippets/go-worker', context)}\n${await renderTemplate('snippets/ts-worker', context)}`);
      }
      setExit(EXIT.ok);
    });
}
