import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Document, LineCounter, Node, Pair, YAMLMap } from 'yaml';
import { fastParse, locateOffset, type PosNode } from './fast-yaml.js';
import type { Finding } from './finding.js';

// The `yaml` package is loaded only when a file is outside the fast reader's
// subset (src/input/fast-yaml.ts) or a caller asks for the Document: loading it
// costs about half of Node's own start-up. Synchronous, so parseYamlText stays so.
type YamlLib = typeof import('yaml');
let yamlLib: YamlLib | undefined;
const requireCjs = createRequire(import.meta.url);
/** The `yaml` package, loaded on first use (also for callers that serialise data to parse it back). */
export function yaml(): YamlLib {
  return (yamlLib ??= requireCjs('yaml') as YamlLib);
}

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

/** A parsed YAML file that can still answer "where is this path?". */
export interface YamlSource {
  file: string;
  /** The position-annotated document (built on first use when the fast reader read the file). */
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  data: unknown;
}

/** Read by the yaml package: the Document was built up front. */
class DocumentSource implements YamlSource {
  constructor(
    readonly file: string,
    readonly doc: Document.Parsed,
    readonly lineCounter: LineCounter,
    public data: unknown,
  ) {}
}

/**
 * Read by the fast reader: positions, line starts and the Document are made
 * when first asked for (most reads have no finding to place).
 */
class FastSource implements YamlSource {
  #positions: PosNode;
  #positionDepth: number;
  #lineStarts: number[] | undefined;
  #doc: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  constructor(
    readonly file: string,
    readonly text: string,
    public data: unknown,
    /** The positions the first read recorded, and to what depth. */
    positions: PosNode,
    positionDepth: number,
  ) {
    this.#positions = positions;
    this.#positionDepth = positionDepth;
  }

  /**
   * Offsets of the nodes a path of `length` segments can reach: the collections along it
   * recorded, each at a depth of at most twice its place on the path (a flow collection in a
   * block list counts two levels). The first read recorded two levels (a top-level key's path);
   * a longer path reads the text again (linear; it read the first time) to that depth, or twice
   * the last, deeper collections as their offset only: a few reads at most.
   */
  positions(length: number): PosNode {
    const needed = 2 * length;
    if (needed > this.#positionDepth) {
      const depth = Math.max(needed, 2 * this.#positionDepth);
      const again = fastParse(this.text, depth);
      if (again?.kind !== 'ok') throw new Error('internal: the fast YAML reader read the same text differently');
      this.#positions = again.pos;
      this.#positionDepth = depth;
    }
    return this.#positions;
  }

  get doc(): Document.Parsed {
    return this.#parsed().doc;
  }

  get lineCounter(): LineCounter {
    return this.#parsed().lineCounter;
  }

  #parsed() {
    if (!this.#doc) {
      const lineCounter = new (yaml().LineCounter)();
      this.#doc = { doc: yaml().parseDocument(this.text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true }), lineCounter };
    }
    return this.#doc;
  }

  /** 1-based line and column of an offset, as the yaml package's LineCounter gives them. */
  linePos(offset: number): { line: number; col: number } {
    return linePos((this.#lineStarts ??= lineStartsOf(this.text)), offset);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function linePos(starts: number[], offset: number): { line: number; col: number } {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offset < starts[mid]!) high = mid;
    else low = mid + 1;
  }
  // low: the number of line starts at or before offset
  return { line: low, col: offset - starts[low - 1]! + 1 };
}

export type LoadResult = { ok: true; source: YamlSource } | { ok: false; findings: Finding[] };

// Alias expansion beyond this is refused rather than expanded (billion laughs).
const MAX_ALIAS_COUNT = 100;

/**
 * Largest input read. A spec of 1,000 namespaces with 50 grants each is about
 * 2 MB; beyond this, parsing would take seconds and hundreds of MB, so the
 * file is refused before it is read.
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;

function fileFinding(file: string, message: string, rule = 'io'): Finding {
  return { file, line: 1, col: 1, severity: 'error', rule, message };
}

/** What a YAML file is, for messages: a spec, a Helm values file, a claims file. */
export type FileKind = 'spec' | 'values' | 'claims' | 'jwks';

const NOT_FOUND_HINT: Record<FileKind, string> = {
  spec: '(examples/quickstart.yaml is a starting spec)',
  values: '(the output of `helm get values RELEASE -o yaml`, or your own values file)',
  claims: '(a JSON or YAML object of token claims)',
  jwks: "(the cluster's JWKS: `kubectl get --raw /openid/v1/jwks`)",
};
const EMPTY_HINT: Record<FileKind, string> = {
  spec: 'write a spec (start from examples/quickstart.yaml)',
  values: 'pass a file of Helm values (`helm get values RELEASE -o yaml`)',
  claims: 'write the token claims as a JSON or YAML object',
  jwks: "save the cluster's JWKS into it (`kubectl get --raw /openid/v1/jwks`)",
};

function describeReadError(err: unknown, kind: FileKind): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `file not found; pass the path of an existing file ${NOT_FOUND_HINT[kind]}`;
    case 'EISDIR':
      return 'is a directory, not a file; pass the path of a YAML file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; make the file readable';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

/** Reads and parses a YAML file; every failure is a located finding, never a throw. */
export async function loadYamlFile(file: string, kind: FileKind = 'spec'): Promise<LoadResult> {
  let text: string;
  try {
    // Synchronous: the CLI has nothing else to do meanwhile, and node:fs/promises is a module
    // (with streams and readline behind it) that a short run would load for this one read.
    const info = statSync(file);
    if (info.isFile() && info.size > MAX_INPUT_BYTES) {
      return {
        ok: false,
        findings: [
          fileFinding(
            file,
            `file is ${(info.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_INPUT_BYTES / 1024 / 1024} MB limit; ${kind === 'spec' ? 'split it or remove what does not belong in an auth spec' : 'temporal-auth reads no larger file'}`,
          ),
        ],
      };
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, findings: [fileFinding(file, describeReadError(err, kind))] };
  }
  return parseYamlText(file, text, kind);
}

export function parseYamlText(file: string, text: string, kind: FileKind = 'spec'): LoadResult {
  const fast = fastParse(text);
  if (fast?.kind === 'ok') return { ok: true, source: new FastSource(file, text, fast.data, fast.pos, fast.positionDepth) };
  if (fast?.kind === 'empty') return empty(file, kind);
  if (fast?.kind === 'duplicates') {
    const starts = lineStartsOf(text);
    return {
      ok: false,
      findings: fast.offsets.map((offset) => ({ file, ...linePos(starts, offset), severity: 'error' as const, rule: 'yaml', message: 'Map keys must be unique; fix the YAML syntax' })),
    };
  }
  return parseWithDocument(file, text, kind);
}

/**
 * A file with no document, or `null`. Helm values may be none: `helm get
 * values RELEASE -o yaml` prints `null` for a release installed without any.
 */
function empty(file: string, kind: FileKind): LoadResult {
  if (kind === 'values') return parseYamlText(file, '{}\n', kind);
  return { ok: false, findings: [fileFinding(file, `file is empty; ${EMPTY_HINT[kind]}`, 'yaml')] };
}

/**
 * The yaml package's reader, for whatever the fast reader leaves: every
 * finding as before. Exported for the test that compares the two readers.
 */
export function parseWithDocument(file: string, text: string, kind: FileKind): LoadResult {
  const { LineCounter, parseDocument, isScalar } = yaml();
  const lineCounter = new LineCounter();
  // The yaml library's own unique-key check compares each key with every
  // earlier one (quadratic in a map's size); duplicateKeys does it with a set.
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (err) {
    // The parser recurses per nesting level: a hostile file nests until the stack runs out.
    if (err instanceof RangeError) return { ok: false, findings: [fileFinding(file, `the YAML nests too deeply to read${kind === 'spec' ? '; an auth spec is a few levels deep' : ''}`, 'yaml')] };
    throw err;
  }
  const problems: { offset: number; message: string }[] = [...doc.errors, ...doc.warnings].map((e) => ({
    offset: e.pos[0],
    // The parser recurses per nesting level and reports running out of stack as a syntax error.
    message: /call stack/i.test(e.message) ? 'the YAML nests too deeply to read (an auth spec is a few levels deep)' : firstLine(e.message),
  }));
  const tooDeep = problems.find((p) => p.message.startsWith('the YAML nests too deeply'));
  if (tooDeep) problems.splice(0, problems.length, tooDeep);
  if (problems.length === 0) for (const d of duplicateKeys(doc)) problems.push(d);
  if (problems.length > 0) {
    return {
      ok: false,
      findings: problems.map((e) => {
        const { line, col } = lineCounter.linePos(e.offset);
        return {
          file,
          line,
          col,
          severity: 'error' as const,
          rule: 'yaml',
          message: `${e.message}; fix the YAML syntax`,
        };
      }),
    };
  }
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return empty(file, kind);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, findings: [fileFinding(file, `the YAML nests too deeply to read${kind === 'spec' ? '; an auth spec is a few levels deep' : ''}`, 'yaml')] };
    return { ok: false, findings: [fileFinding(file, `${firstLine(String((err as Error).message))}; remove the aliases`, 'yaml')] };
  }
  return { ok: true, source: new DocumentSource(file, doc, lineCounter, data) };
}

/** Scalar keys repeated within one map, in linear time (the document is walked once). */
function duplicateKeys(doc: Document.Parsed): { offset: number; message: string }[] {
  const { isScalar, visit } = yaml();
  const found: { offset: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = pair.key.value;
        if (seen.has(key)) found.push({ offset: pair.key.range?.[0] ?? 0, message: 'Map keys must be unique' });
        else seen.add(key);
      }
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

/**
 * Position of a path in the source: the value's node, or with `at: 'key'` the
 * key naming it. A path that does not exist (a missing key) resolves to the
 * deepest node that does, so every message still points somewhere useful.
 */
// A finding per key of a huge map must not scan the map each time: index a map's pairs once.
const pairIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  const { isPair, isScalar } = yaml();
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p as Pair);
    pairIndexes.set(map, index);
  }
  return index;
}

export function locate(source: YamlSource, path: Path, at: 'key' | 'value' = 'value'): { line: number; col: number } {
  if (source instanceof FastSource) return source.linePos(locateOffset(source.positions(path.length), path, at));
  const { isMap, isSeq } = yaml();
  let node: unknown = source.doc.contents;
  let best: Node | null = (node as Node) ?? null;
  let keyNode: Node | null = null;
  for (const segment of path) {
    keyNode = null;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(segment))) {
      node = node.items[Number(segment)];
    } else {
      break;
    }
    if (node && (node as Node).range) best = node as Node;
    else if (keyNode) best = keyNode;
    else break;
  }
  const target = at === 'key' && keyNode ? keyNode : best;
  const offset = target?.range?.[0] ?? 0;
  return source.lineCounter.linePos(offset);
}
