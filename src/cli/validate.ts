import { Command, Option } from 'commander';
import { InputError } from '../api/errors.js';
import { validate } from '../api/spec.js';
import { EXIT } from './exit-codes.js';
import { FINDINGS_FORMATS, type FindingsFormat, reportFindings } from './findings.js';
import type { CliIo } from './io.js';
import { chartOption, loadChartOption } from './options.js';
import { DEFAULT_SPEC, resolveFrom } from './paths.js';
import { STDIN_SPEC, specInput } from './spec-input.js';

interface ValidateFlags {
  values?: string;
  chartVersion?: string;
  chart?: string;
  output: FindingsFormat;
  strict?: boolean;
}

export function validateCommand(io: CliIo, setExit: (code: number) => void): Command {
  return new Command('validate')
    .description('Check a spec against the JSON Schema and the lint rules. One line per finding (the first 1,000) on stderr: file:line:col severity rule message.')
    .argument('[spec]', 'spec file (- reads it from stdin)', DEFAULT_SPEC)
    .option('--values <file>', 'your own Helm values, checked for settings that would undo the auth wiring')
    .option('--chart-version <version>', "check against this chart version instead of the spec's")
    .addOption(chartOption('check against'))
    .addOption(
      new Option('-o, --output <format>', 'findings as text (lines on stderr), or json, sarif (SARIF 2.1.0) or github (workflow commands) on stdout').choices(FINDINGS_FORMATS).default('text'),
    )
    .option('--strict', 'fail (exit 1) on warnings too')
    .addHelpText(
      'after',
      '\nExit codes: 0 clean or warnings only (with --strict: clean only), 1 errors (or a --chart that cannot be read, is not the\ntemporal chart or has templates the tool cannot read).\n\nExamples:\n  temporal-auth validate examples/okta.yaml --values my-values.yaml\n  temporal-auth validate temporal-auth.yaml -o sarif > temporal-auth.sarif\n',
    )
    .action(async (spec: string, opts: ValidateFlags) => {
      const chart = await loadChartOption(io, opts.chart);
      if (!chart.ok) return setExit(EXIT.invalid);
      let result;
      try {
        result = await validate(await specInput(io, spec), {
          chartVersion: opts.chartVersion,
          chart: chart.chart,
          values: opts.values === undefined ? undefined : { file: resolveFrom(io, opts.values) },
        });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        if (err.code === 'spec-invalid' && err.findings.length > 0) await reportFindings(io, opts.output, err.findings);
        else io.stderr(`temporal-auth: ${err.code === 'chart-version-unknown' ? `--chart-version ${err.detail ?? err.message}` : err.message}\n`);
        return setExit(EXIT.invalid);
      }
      await reportFindings(io, opts.output, result.findings);
      const errors = result.findings.filter((f) => f.severity === 'error').length;
      const warnings = result.findings.length - errors;
      const name = spec === '-' ? STDIN_SPEC : spec;
      const failed = !result.valid || (opts.strict === true && warnings > 0);
      io.stderr(
        failed ? `${name}: ${errors} error(s), ${warnings} warning(s)${result.valid ? ' (--strict: warnings fail)' : ''}\n` : `${name}: valid${warnings ? ` with ${warnings} warning(s)` : ''}\n`,
      );
      setExit(failed ? EXIT.invalid : EXIT.ok);
    });
}
