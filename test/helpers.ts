import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { parse, stringify } from 'yaml';
import { main } from '../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const EXAMPLES = ['okta', 'keycloak', 'pocket-id', 'quickstart', 'workload-identity'] as const;
export const examplePath = (name: string) => join(ROOT, 'examples', `${name}.yaml`);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder removed after the test. */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'temporal-auth-test-'));
  dirs.push(d);
  return d;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as `temporal-auth ...args`, with its own env and cwd. */
export async function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; stderrIsTTY?: boolean; answers?: (string | Error)[]; stdin?: string | Buffer } = {}): Promise<CliRun> {
  const answers = [...(options.answers ?? [])];
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    stderrIsTTY: options.stderrIsTTY ?? false,
    stdinIsTTY: options.answers !== undefined,
    ask: async (q) => {
      stderr += q;
      const answer = answers.shift() ?? '';
      if (answer instanceof Error) throw answer;
      return answer;
    },
    stdin: () => [Buffer.from(options.stdin ?? '')] as unknown as AsyncIterable<Uint8Array>,
  });
  return { code, stdout, stderr };
}

/** The quickstart example as data, to mutate in tests. */
export function quickstart(): Record<string, any> {
  return parse(readFileSync(examplePath('quickstart'), 'utf8'));
}

export function exampleData(name: string): Record<string, any> {
  return parse(readFileSync(examplePath(name), 'utf8'));
}

/** Writes a spec (data or text) into a fresh temp folder and returns its path. */
export function writeSpec(spec: unknown, dir = tempDir(), name = 'temporal-auth.yaml'): string {
  const file = join(dir, name);
  writeFileSync(file, typeof spec === 'string' ? spec : stringify(spec));
  return file;
}

/** Validates a spec file and builds its model, failing the test on findings with errors. */
export async function modelOf(file: string, chartVersion?: string) {
  const { validateSpecFile } = await import('../src/input/validate.js');
  const { buildModel } = await import('../src/model/model.js');
  const checked = await validateSpecFile(file, { chartVersion });
  if (!checked.spec || !checked.chart) throw new Error(`spec has errors: ${JSON.stringify(checked.findings)}`);
  return buildModel(checked.spec, checked.chart);
}
