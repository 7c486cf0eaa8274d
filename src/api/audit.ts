import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { type AuditReport, readAudit } from '../audit/report.js';
import { describeValue, isRecord } from '../util/describe-value.js';
import { printable } from '../util/printable.js';
import { InputError } from './errors.js';
import { checkSpecInput, type Input, type LoadedSpec, loadSpec, type SpecOptions } from './spec.js';

export type { AuditIdentity, Counts as AuditCounts, DenialGroup, TokenProblem } from '../audit/group.js';
export type { AuditLine, DecisionLine, DroppedLine } from '../audit/parse.js';
export { type AuditReport, MAX_LINE_BYTES } from '../audit/report.js';
export type { Suggestion } from '../audit/suggest.js';
export { auditTextView } from '../audit/view.js';

/** Where the audit lines come from: a file (regular files only), a stream of bytes (stdin), or text. `name` names it in the report. */
export type AuditSource = { file: string } | { stream: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>; name?: string } | { text: string; name?: string };

export interface AuditOptions {
  /** The spec in force today: suggestions then say what changes relative to its grants. */
  spec?: Input | LoadedSpec;
  /** Options for loading the spec. */
  specOptions?: SpecOptions;
  /** Count only the decision lines of this namespace. */
  namespace?: string;
}

const SOURCE_SHAPES = '{ file }, { stream, name? } or { text, name? }';

const isIterable = (v: unknown) =>
  typeof v === 'object' && v !== null && (typeof (v as Record<symbol, unknown>)[Symbol.asyncIterator] === 'function' || typeof (v as Record<symbol, unknown>)[Symbol.iterator] === 'function');

function checkSource(source: unknown): void {
  const fail = (why: string) => new TypeError(`audit: the source must be ${SOURCE_SHAPES}; got ${why}`);
  if (!isRecord(source)) throw fail(describeValue(source));
  if ('file' in source) {
    if (typeof source.file !== 'string') throw fail(`file that is ${describeValue(source.file)}`);
  } else if ('text' in source) {
    if (typeof source.text !== 'string') throw fail(`text that is ${describeValue(source.text)}`);
  } else if (!('stream' in source) || !isIterable(source.stream)) {
    throw fail(describeValue(source));
  }
  if ('name' in source && source.name !== undefined && typeof source.name !== 'string') throw fail(`name that is ${describeValue(source.name)}`);
}

/**
 * Opens an audit log file: a regular file only (a FIFO would block until a
 * writer comes, a device never ends: stdin is the way to pipe). Opened
 * without blocking and checked on the open handle.
 */
async function openLog(file: string): Promise<FileHandle> {
  const fail = (why: string) => InputError.about('audit-log-unreadable', `audit log ${printable(file)}`, why);
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'error'})`);
  }
  const info = await handle.stat().catch(async (err: NodeJS.ErrnoException) => {
    await handle.close();
    throw fail(`cannot be read (${err.code ?? 'error'})`);
  });
  if (!info.isFile()) {
    await handle.close();
    throw fail(info.isDirectory() ? 'is a directory; name the log file' : 'is not a regular file (a pipe, socket or device); pipe it to stdin instead: ... | temporal-auth audit -');
  }
  return handle;
}

async function* chunksOf(handle: FileHandle, file: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 64 * 1024, autoClose: false })) yield chunk as Buffer;
  } catch (err) {
    throw InputError.about('audit-log-unreadable', `audit log ${printable(file)}`, `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the custom-auth server's audit log (schemas/audit-line.schema.json):
 * who was, or in shadow mode would have been, denied what, grouped by
 * identity, namespace and API, with the smallest spec change that allows each
 * (relative to `options.spec` when given). Streams: memory does not grow with
 * the input. Throws InputError `audit-log-unreadable` for a file that cannot
 * be read, `spec-invalid` (and the others of loadSpec) for the spec.
 */
export async function audit(source: AuditSource, options: AuditOptions = {}): Promise<AuditReport> {
  checkSource(source);
  if (!isRecord(options)) throw new TypeError(`audit: the options must be an object { spec?, specOptions?, namespace? }; got ${describeValue(options)}`);
  if (options.namespace !== undefined && typeof options.namespace !== 'string') throw new TypeError(`audit: options.namespace must be a string; got ${describeValue(options.namespace)}`);
  if (options.spec !== undefined) checkSpecInput('audit', options.spec, { what: 'options.spec' });
  const model = options.spec === undefined ? undefined : (await loadSpec(options.spec as Input | LoadedSpec, options.specOptions as SpecOptions | undefined)).model;
  const common = { namespace: options.namespace, model };
  if ('file' in source) {
    const handle = await openLog(source.file);
    return readAudit(chunksOf(handle, source.file), { ...common, source: source.file });
  }
  if ('text' in source) return readAudit([source.text], { ...common, source: source.name ?? '<text>' });
  return readAudit(source.stream, { ...common, source: source.name ?? '<stream>' });
}
