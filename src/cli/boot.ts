/**
 * How bin/temporal-auth.js starts the CLI (built as dist/boot.cjs, beside the
 * bundle it loads). The CLI is one CommonJS bundle, dist/cli.cjs: a single
 * file starts faster than a graph of ES modules on Node 20. Compiling it is
 * most of what start-up costs beyond `node -e 0`, so V8's code cache for it is
 * kept between runs, as Node 22's module.enableCompileCache() does for
 * modules (Node 20 has none, and that one does not cover vm scripts):
 *
 * - in dist/.cache/ beside the bundle: whoever may write the bundle may write
 *   its cache, so the cache trusts no one the code does not already trust.
 *   Reinstalling or rebuilding replaces the folder. A read-only install runs
 *   without a cache (nothing is written anywhere else);
 * - one file per command (the functions a run compiles are the ones cached),
 *   named by the Node version, architecture, V8 options and the bundle's size
 *   and modification time; V8 rejects a cache that does not fit its version,
 *   flags or source, and the cache is then written again;
 * - written after the command has run (so it holds what the command
 *   compiled), only when there was none, V8 rejected it, or it was written by
 *   a run that failed and this one succeeded; to a temporary file renamed into
 *   place, so a reader sees a whole file or none;
 * - NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch) turns it off, and so
 *   does NODE_V8_COVERAGE: functions read from a cache are not counted
 *   precisely (Node's documentation says the same of its own cache).
 *
 * What a run prints and its exit code never depend on the cache.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { invokedCommand } from './command-names.js';

type Main = (argv: readonly string[]) => Promise<number>;

/** 'TAC1' little-endian, then a flags byte (1: written by a failed run), 3 spare bytes, the payload's length; the payload from byte 16. */
const MAGIC = 0x31434154;
const HEADER = 16;
const FROM_FAILED_RUN = 1;

export const CACHE_FOLDER = '.cache';

/** The bundle's parameter for import() (src/util/import-external.ts reads it). */
const IMPORT_PARAM = '__temporalAuthImport';
// Module.wrap's wrapper, one parameter longer; the head stays on the bundle's first line, as Node's.
const WRAPPER_HEAD = `(function (exports, require, module, __filename, __dirname, ${IMPORT_PARAM}) { `;
const WRAPPER_TAIL = '\n});';

/** Runs the CLI bundle's main(argv) and returns its exit code. */
export async function start(bundle: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const requireFromBundle = createRequire(bundle);
  if (env.NODE_DISABLE_COMPILE_CACHE || env.NODE_V8_COVERAGE) return (requireFromBundle(bundle) as { main: Main }).main(argv);

  const { dir, prefix, file } = cacheFile(bundle, argv, env);
  const cache = readCache(file);
  // No importModuleDynamically: on Node 20 a script read from a code cache loses it (every
  // import() then fails), and a callback of our own needs --experimental-vm-modules. The
  // bundle's import() of what it does not contain goes through IMPORT_PARAM instead
  // (src/util/import-external.ts): this file's import(), which Node's own loader serves.
  const script = new vm.Script(`${WRAPPER_HEAD}${readFileSync(bundle, 'utf8')}${WRAPPER_TAIL}`, { filename: bundle, cachedData: cache?.data });
  const module = { exports: {} as { main: Main } };
  const importModule = (specifier: string): Promise<unknown> => import(specifier);
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireFromBundle, module, bundle, dirname(bundle), importModule);
  const code = await module.exports.main(argv);

  const stale = !cache || script.cachedDataRejected === true || (cache.fromFailedRun && code === 0);
  if (stale) writeCache(dir, prefix, file, script, code !== 0);
  return code;
}

/** Where a run of `argv` keeps its cache: one file per command, named after this Node and this build of the bundle. */
export function cacheFile(bundle: string, argv: readonly string[], env: NodeJS.ProcessEnv = process.env): { dir: string; prefix: string; file: string } {
  const { size, mtimeMs } = statSync(bundle);
  const dir = join(dirname(bundle), CACHE_FOLDER);
  const prefix = `${invokedCommand(argv) ?? 'all'}-`;
  const file = join(dir, `${prefix}${cacheKey(`${process.version} ${process.arch} ${process.execArgv.join(' ')} ${env.NODE_OPTIONS ?? ''} ${size} ${mtimeMs}`)}.v8`);
  return { dir, prefix, file };
}

/** 32-bit FNV-1a of the text, in hex: names the cache file. */
function cacheKey(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function readCache(file: string): { data: Buffer; fromFailedRun: boolean } | undefined {
  let b: Buffer;
  try {
    b = readFileSync(file);
  } catch {
    return undefined;
  }
  if (b.length < HEADER || b.readUInt32LE(0) !== MAGIC || b.readUInt32LE(8) !== b.length - HEADER) return undefined;
  return { data: b.subarray(HEADER), fromFailedRun: (b[4]! & FROM_FAILED_RUN) !== 0 };
}

function writeCache(dir: string, prefix: string, file: string, script: vm.Script, failed: boolean): void {
  const temp = `${file}.${process.pid}.tmp`;
  let fd: number;
  try {
    mkdirSync(dir, { recursive: true });
    // Before the (costly) serialisation: a folder we cannot write costs one failed call per run.
    fd = openSync(temp, 'wx', 0o644);
  } catch {
    return;
  }
  try {
    const data = script.createCachedData();
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(MAGIC, 0);
    header[4] = failed ? FROM_FAILED_RUN : 0;
    header.writeUInt32LE(data.length, 8);
    writeSync(fd, header);
    writeSync(fd, data);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
    // The same command's caches for another Node or an earlier bundle, and temporaries a killed run left.
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && join(dir, name) !== file) unlinkSync(join(dir, name));
    }
  } catch {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    try {
      unlinkSync(temp);
    } catch {
      // gone already
    }
  }
}
