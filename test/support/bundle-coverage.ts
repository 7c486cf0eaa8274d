// Which source modules a run of the built CLI evaluated. The CLI is one
// bundle (dist/cli.cjs): a module only some commands need is still in the
// file, wrapped by esbuild in a function that evaluates it on first import
// (`var init_x = __esm(() => {...})`, `require_x` for a CommonJS package).
// The bundle's source map (dist/cli.cjs.map, written by the build) names
// those wrappers and says which module each is; V8's coverage
// (NODE_V8_COVERAGE) says which of them ran. A module without a wrapper of
// its own (one at the bundle's top level, or a file of a package whose own
// source map the bundle's goes back to) was evaluated when code of it is in
// a function that ran (the bundle's top level always does).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { startOffset: number; endOffset: number; count: number }[] }[] }[];
}

interface Mapping {
  offset: number;
  source: number;
  name?: number;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every mapping of the source map, with its offset in the generated text. */
function decode(text: string, mappings: string): Mapping[] {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const out: Mapping[] = [];
  let source = 0;
  let name = 0;
  let i = 0;
  const more = () => i < mappings.length && mappings[i] !== ',' && mappings[i] !== ';';
  const vlq = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const digit = B64.indexOf(mappings[i++]!);
      value += (digit & 31) << shift;
      shift += 5;
      if ((digit & 32) === 0) break;
    }
    return value & 1 ? -(value >>> 1) : value >>> 1;
  };
  for (let line = 0; i < mappings.length; line++, i++) {
    let column = 0;
    while (i < mappings.length && mappings[i] !== ';') {
      if (mappings[i] === ',') {
        i++;
        continue;
      }
      column += vlq();
      if (!more()) continue;
      source += vlq();
      vlq(); // original line
      vlq(); // original column
      const m: Mapping = { offset: lineStarts[line]! + column, source };
      if (more()) m.name = name += vlq();
      out.push(m);
    }
  }
  return out;
}

export interface Evaluated {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The bundle's source modules this run evaluated, relative to the repo: `src/cli/main.ts`, `node_modules/yaml/dist/index.js`. */
  modules: string[];
  /** The modules the bundle evaluates only on first import (whether or not this run did). */
  lazy: string[];
  /** file: URLs of the other scripts that ran: packages left out of the bundle, the bin, boot. */
  scripts: string[];
}

/** Runs `bin` (which starts `bundle`) with `args` and reports what it evaluated. */
export function evaluated(root: string, bin: string, bundle: string, args: string[], env: NodeJS.ProcessEnv = {}): Evaluated {
  const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-coverage-'));
  try {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, ...env, NODE_V8_COVERAGE: dir } });
    const text = readFileSync(bundle, 'utf8');
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as { sources: string[]; names: string[]; mappings: string };
    const moduleOf = (source: number) => relative(root, join(bundle, '..', map.sources[source]!));
    const bundleUrl = pathToFileURL(bundle).href;
    const scripts = new Set<string>();
    let functions: { start: number; end: number; count: number }[] | undefined;
    for (const file of readdirSync(dir)) {
      for (const script of (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Coverage).result) {
        if (!script.url.startsWith('file:')) continue;
        if (script.url === bundleUrl) {
          functions = script.functions.map((f) => ({ start: f.ranges[0]!.startOffset, end: f.ranges[0]!.endOffset, count: f.ranges[0]!.count }));
          functions.sort((a, b) => a.start - b.start || b.end - a.end);
        } else scripts.add(script.url);
      }
    }
    if (!functions) throw new Error(`the run did not evaluate ${bundle} (exit ${r.status}): ${r.stderr.slice(-500)}`);
    // A wrapper's declaration, `X=h(` with X mapped to the name init_x or require_x, then the function it wraps.
    const wrapperCount = new Map<string, number>();
    const ranIn = new Set<string>();
    const all = new Set<string>();
    // Functions nest: a stack of those around the current offset gives the innermost.
    const stack: { end: number; count: number }[] = [];
    let next = 0;
    for (const m of decode(text, map.mappings)) {
      const module = moduleOf(m.source);
      all.add(module);
      while (next < functions.length && functions[next]!.start <= m.offset) {
        const f = functions[next++]!;
        while (stack.length > 0 && stack[stack.length - 1]!.end <= f.start) stack.pop();
        stack.push(f);
      }
      while (stack.length > 0 && stack[stack.length - 1]!.end <= m.offset) stack.pop();
      if ((stack[stack.length - 1]?.count ?? 1) > 0) ranIn.add(module);
      if (m.name === undefined || !/^(init|require)_/.test(map.names[m.name]!)) continue;
      if (!/^[\w$]+=[\w$]+\(/.test(text.slice(m.offset, m.offset + 64))) continue; // a call, not the declaration
      const fn = functions.find((f) => f.start > m.offset);
      if (fn) wrapperCount.set(module, fn.count);
    }
    const modules = [...all].filter((m) => (wrapperCount.has(m) ? wrapperCount.get(m)! > 0 : ranIn.has(m)));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, modules: modules.sort(), lazy: [...wrapperCount.keys()].sort(), scripts: [...scripts].sort() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
