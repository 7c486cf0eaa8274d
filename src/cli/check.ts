import { Command } from 'commander';
import { checkIssuer } from '../oidc/issuer-checks.js';
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
    .description("Contact the issuer: discovery, exact issuer match, JWKS keys Temporal can use, client_credentials for worker clients.")
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .addOption(caFileOption())
    .addOption(timeoutOption('the issuer'))
    .addHelpText('after', '\nOne line per check. Exit codes: 0 every check passed, 1 a check failed or bad input.\n\nExample:\n  temporal-auth check examples/okta.yaml\n')
    .action(async (specArg: string, flags: CheckFlags) => {
      const loaded = await loadModel(io, specArg);
      if (!loaded) return setExit(EXIT.invalid);
      const ca = await readCaFile(io, flags.caFile);
      if (!ca.ok) return setExit(EXIT.invalid);
      const checks = await checkIssuer(loaded.model, { ca: ca.ca, timeoutMs: flags.timeout });
      for (const c of checks) io.stdout(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}\n`);
      setExit(checks.every((c) => c.ok) ? EXIT.ok : EXIT.invalid);
    });
}
