import { Command } from 'commander';
import type { CliIo } from './io.js';
import { packageVersion } from './package-version.js';

/** `temporal-auth version`: the same line as --version, for those who type it as a command. */
export function versionCommand(io: CliIo): Command {
  return new Command('version').description('Print the version (as --version does).').action(() => {
    io.stdout(`${packageVersion()}\n`);
  });
}
