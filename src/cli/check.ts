import { Command } from 'commander';
import { checkIssuer } from '../api/issuer.js';
import { printable } from '../util/printable.js';
import { EXIT } from './exit-codes.js';
import type { CliIo } from './io.js';
import { loadModel } from './load-model.js';
import { caFileOption, readCaFile, timeoutOption } from './options.js';
import { DEFAULT_SPEC } from './paths.js';

interface CheckFlags {
  caFile?: string;
  timeout: number;
}

export function checkCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('Contact the issuer: discovery, exact issuer match, JWKS keys Temporal can use, client_credentials for worker clients.')
    .argument('[spec]', 'spec file (- reads it from stdin)', DEFAULT_SPEC)
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText(
      'after',
      '\nOne line per check (ok, warn or FAIL). The whole run ends within --timeout; URLs from discovery must be https;\nanswers over 1 MiB are refused (as the custom-auth server does). Exit codes: 0 every check passed (warnings allowed), 1 a check failed or bad input.\n\nExample:\n  temporal-auth check examples/okta.yaml\n',
    )
    .action(async (specArg: string, flags: CheckFlags) => {
      const loaded = await loadModel(io, specArg);
      if (!loaded) return setExit(EXIT.invalid);
      const ca = await readCaFile(io, flags.caFile);
      if (!ca.ok) return setExit(EXIT.invalid);
      const checks = await checkIssuer(loaded, { ca: ca.ca, timeoutMs: flags.timeout });
      // Details quote the issuer, so every line goes through printable: one line each, no terminal controls.
      for (const c of checks) io.stdout(`${c.ok === 'warn' ? 'warn' : c.ok ? 'ok  ' : 'FAIL'} ${printable(c.name)}: ${printable(c.detail)}\n`);
      setExit(checks.every((c) => c.ok !== false) ? EXIT.ok : EXIT.invalid);
    });
}
