import { Command, CommanderError } from 'commander';
import { type CommandName, invokedCommand } from './command-names.js';
import { EXIT } from './exit-codes.js';
import { type CliIo, processIo } from './io.js';
import { packageVersion } from './package-version.js';

type CommandMaker = (io: CliIo, setExit: (code: number) => void) => Command;

/**
 * Each command's module, loaded on demand: a run of `validate` loads validate
 * alone, not the emitters, the Kubernetes client or the templates the other
 * commands need (start-up is what CI pays on every step).
 */
const COMMANDS: Record<CommandName, () => Promise<CommandMaker>> = {
  init: async () => (await import('./init.js')).initCommand,
  validate: async () => (await import('./validate.js')).validateCommand,
  render: async () => (await import('./render.js')).renderCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  explain: async () => (await import('./explain.js')).explainCommand,
  check: async () => (await import('./check.js')).checkCommand,
  token: async () => (await import('./token.js')).tokenCommand,
  audit: async () => (await import('./audit.js')).auditCommand,
  version: async () => (await import('./version.js')).versionCommand,
  completion: async () => (await import('./completion.js')).completionCommand,
};

/** Runs the CLI and returns the exit code; never throws, never prints a stack. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('temporal-auth')
    .description('Turn one auth spec into the Helm values, Secret and policy that switch on OIDC for self-hosted Temporal.')
    .version(packageVersion(), '-V, --version')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      '\nExamples:\n  temporal-auth validate examples/okta.yaml\n  OKTA_WEB_CLIENT_SECRET=... temporal-auth render examples/okta.yaml --out out/\n  temporal-auth diff examples/okta.yaml --detailed-exitcode\n  kubectl logs -n temporal -l app.kubernetes.io/component=frontend --tail=-1 | temporal-auth audit --spec temporal-auth.yaml\n',
    );
  try {
    // The command named first is the one that runs; anything else (help, a typo) needs them all,
    // and so does completion, whose scripts list every command's options.
    const invoked = invokedCommand(argv);
    const names = invoked && invoked !== 'completion' ? [invoked] : (Object.keys(COMMANDS) as CommandName[]);
    for (const name of names) {
      const make = await COMMANDS[name]();
      program.addCommand(make(io, setExit).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr }).showHelpAfterError('(run with --help for usage)'));
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and --version "fail" with exit code 0; usage errors were already printed.
      return err.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`temporal-auth: internal error: ${message.split('\n')[0]}; please report it (TEMPORAL_AUTH_DEBUG=1 shows the stack)\n`);
    if (io.env.TEMPORAL_AUTH_DEBUG) io.stderr(`${(err as Error).stack ?? ''}\n`);
    return EXIT.internal;
  }
  return exitCode;
}
