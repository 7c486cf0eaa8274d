import { Command } from 'commander';
import { InputError } from '../api/errors.js';
import { validate } from '../api/spec.js';
import { EXIT } from './exit-codes.js';
import { printFindings } from './findings.js';
import type { CliIo } from './io.js';
import { chartOption, loadChartOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';

export function validateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('Check a spec against the JSON Schema and the lint rules. One line per finding (the first 1,000): file:line:col severity rule message.')
    .argument('[spec]', 'spec file', DEFAULT_SPEC)
    .option('--values <file>', 'your own Helm values, checked for settings that would undo the auth wiring')
    .option('--chart-version <version>', "check against this chart version instead of the spec's")
    .addOption(chartOption('check against'))
    .addHelpText(
      'after',
      '\nExit codes: 0 clean or warnings only, 1 errors (or a --chart that cannot be read, is not the temporal chart\nor has templates the tool cannot read).\n\nExample:\n  temporal-auth validate examples/okta.yaml --values my-values.yaml\n',
    )
    .action(async (spec: string, opts: { values?: string; chartVersion?: string; chart?: string }) => {
      const chart = await loadChartOption(io, opts.chart);
      if (!chart.ok) return setExit(EXIT.invalid);
      let result;
      try {
        result = await validate(
          { file: resolveFrom(io, spec) },
          { chartVersion: opts.chartVersion, chart: chart.chart, values: opts.values === undefined ? undefined : { file: resolveFrom(io, opts.values) } },
        );
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        io.stderr(`temporal-auth: ${err.code === 'chart-version-unknown' ? `--chart-version ${err.detail ?? err.message}` : err.message}\n`);
        return setExit(EXIT.invalid);
      }
      printFindings(result.findings, io.stdout, io.stderr);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      io.stderr(!result.valid ? `${spec}: ${errors} error(s), ${warnings} warning(s)\n` : `${spec}: valid${warnings ? ` with ${warnings} warning(s)` : ''}\n`);
      setExit(result.valid ? EXIT.ok : EXIT.invalid);
    });
}
