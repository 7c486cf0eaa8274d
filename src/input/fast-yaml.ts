/**
 * A fast reader for the plain subset of YAML that specs are written in: block
 * maps and lists, single-line plain and quoted scalars, single-line flow
 * collections, comments. It builds the same data as the `yaml` package with
 * its default options (YAML 1.2, core schema) and, beside it, only the
 * offsets `locate()` needs, in one linear pass.
 *
 * Anything outside the subset (anchors, aliases, tags, block scalars,
 * multi-line scalars or flow collections, tabs, CR, directives, several
 * documents, deep nesting, anything the `yaml` package would warn about or
 * refuse) makes it give up (`null`): the caller then reads the file with the
 * `yaml` package as before, so every finding about such a file is unchanged.
 * test/perf-fast-yaml.test.ts compares both readers, data and positions.
 */

/** Offsets of a node and its children: a number for a scalar. */
export type PosNode = number | PosMap | PosSeq;
export interface PosMap {
  o: number;
  /** Per pair, in order: the key as locate() looks it up (String(value)), its offset, the value's positions. */
  k: string[];
  ko: number[];
  v: PosNode[];
  /** Every key was a string (so, in a text read without duplicates, every entry of `k` is distinct). */
  unique: boolean;
  index?: Map<string, number>;
  /** The pair indexOfKey found last. */
  cursor?: number;
}
export interface PosSeq {
  o: number;
  items: PosNode[];
}

export type FastResult = { kind: 'ok'; data: unknown; pos: PosNode; positionDepth: number } | { kind: 'empty' } | { kind: 'duplicates'; offsets: number[] };

const MAX_DEPTH = 256;
const MAX_KEY = 1000;

// The subset: no tab, CR, BOM, control characters, or Unicode line separators anywhere.
const OUTSIDE_SUBSET = /[\x00-\x08\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

const GIVE_UP = new Error('outside the fast subset');

let src = '';
let len = 0;
let pos = 0;
let lineStart = 0;
/** Indent of the line `pos` is on after a block node (its first content), -1 at the end. */
let curIndent = -1;
let depth = 0;
let mapCount = 0;
let dups: { order: number; offset: number }[] = [];
/**
 * Whether this is a positions pass (a second, lazy one: most reads never need
 * more positions than the first records). It builds no data: the first pass
 * did, and found no duplicate.
 */
let withPositions = false;
/**
 * The depth to which collections get positions of their own; deeper ones are
 * only their offset (a path to locate is a few levels deep, and a file of
 * deeply nested lists would otherwise allocate one per list). The first pass
 * records FIRST_PASS_DEPTH: what a one-segment path, the most common finding
 * (an unknown top-level key), needs.
 */
let positionDepth = 0;
const FIRST_PASS_DEPTH = 2;
/** The positions of the node just read (a number: its offset). */
let nodePos: PosNode = 0;
/** The key scanKey() just read: its resolved value and offset. */
let keyValue: unknown = null;
let keyOffset = 0;

// A sequence's items (and, with positions, a map's or a sequence's offsets) are
// gathered on stacks shared by everything being read (an inner node ends before
// its outer one goes on), then copied into arrays of their exact length: no
// array grows item by item leaving its outgrown copies behind, and a one-item
// list is one item long (a file of deeply nested lists is mostly such lists).
const items: unknown[] = [];
let itemsTop = 0;
const itemPos: PosNode[] = [];
let itemPosTop = 0;
const pairKeys: string[] = [];
const pairStringKey: boolean[] = [];
const pairKeyOffsets: number[] = [];
const pairPos: PosNode[] = [];
let pairsTop = 0;

/** Takes the items from `base` up off the stack. */
function popItems(base: number): unknown[] {
  const out = items.slice(base, itemsTop);
  itemsTop = base;
  return out;
}

// Specs repeat the same short scalars (keys, roles, group names) thousands of
// times: the reader hands out one string for each from a small cache (checked
// against the text) instead of a copy per occurrence, which is most of what
// a large spec's data would otherwise allocate and keep. Names that differ only
// in their last characters (team-17, team-318) are the usual case: the slot is
// picked by the last three characters too, and there are enough slots for a
// few thousand distinct scalars (a slot two names share holds the later one, and
// each use of the other is a new copy: with the first, middle and last
// characters alone, 1,000 namespaces of 50 grants made 49,000 copies, now 3,000).
const SHARED_MAX = 32;
const SHARED_SLOTS = 4096;
const shared: (string | undefined)[] = new Array<string | undefined>(SHARED_SLOTS).fill(undefined);

/** src.slice(start, end), shared when short. */
function text(start: number, end: number): string {
  const n = end - start;
  if (n > SHARED_MAX || n === 0) return src.slice(start, end);
  // A scalar of one or two characters is hashed with what precedes it too (NaN, so slot 0, at the
  // file's start): a slot's string is checked against the text, so any slot is correct.
  const h =
    (n * 31 + src.charCodeAt(start) * 7 + src.charCodeAt(start + (n >> 1)) * 17 + src.charCodeAt(end - 3) * 1031 + src.charCodeAt(end - 2) * 257 + src.charCodeAt(end - 1) * 131) & (SHARED_SLOTS - 1);
  const known = shared[h];
  if (known !== undefined && known.length === n && src.startsWith(known, start)) return known;
  const fresh = src.slice(start, end);
  shared[h] = fresh;
  return fresh;
}

/** What a map reads as in the positions pass. */
const NO_DATA: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

function fail(): never {
  throw GIVE_UP;
}

/**
 * Reads `text`; null when it is outside the subset. With `positions` (for a
 * text a first call read as 'ok'), the result has them and no data (`data`
 * null): a number is the depth to which collections get positions of their
 * own (true: all). Without, the data, and `pos` to FIRST_PASS_DEPTH
 * (`positionDepth` in the result says which).
 */
export function fastParse(text: string, positions: boolean | number = false): FastResult | null {
  withPositions = positions !== false;
  positionDepth = positions === true ? Infinity : positions === false ? FIRST_PASS_DEPTH : positions;
  if (OUTSIDE_SUBSET.test(text)) return null;
  src = text;
  len = text.length;
  pos = 0;
  lineStart = 0;
  depth = 0;
  mapCount = 0;
  dups = [];
  try {
    nextContentLine(true);
    if (curIndent === 0 && isDocMarker(pos, 45)) {
      pos += 3;
      expectLineEnd();
    }
    if (curIndent === -1) return { kind: 'empty' };
    const data = blockNode(curIndent);
    const p = nodePos;
    if (curIndent !== -1) fail();
    if (dups.length > 0) {
      const sorted = dups.map((d, i) => [d, i] as const).sort((a, b) => a[0].order - b[0].order || a[1] - b[1]);
      return { kind: 'duplicates', offsets: sorted.map(([d]) => d.offset) };
    }
    if (withPositions) return { kind: 'ok', data: null, pos: p, positionDepth };
    if (data === null) return { kind: 'empty' };
    return { kind: 'ok', data, pos: p, positionDepth };
  } catch (err) {
    if (err === GIVE_UP || err instanceof RangeError) return null;
    throw err;
  } finally {
    src = '';
    shared.fill(undefined);
    items.length = itemsTop = 0;
    itemPos.length = itemPosTop = 0;
    pairKeys.length = pairStringKey.length = pairKeyOffsets.length = pairPos.length = pairsTop = 0;
    dups = [];
    nodePos = 0;
    keyValue = null;
  }
}

function isDocMarker(at: number, ch: number): boolean {
  if (src.charCodeAt(at) !== ch || src.charCodeAt(at + 1) !== ch || src.charCodeAt(at + 2) !== ch) return false;
  const next = src.charCodeAt(at + 3);
  return at + 3 >= len || next === 32 || next === 10;
}

/** From the start of a line: skips blank and comment lines; sets curIndent and pos (at the content). */
function nextContentLine(first = false): void {
  for (;;) {
    lineStart = pos;
    while (src.charCodeAt(pos) === 32) pos++;
    if (pos >= len) {
      curIndent = -1;
      return;
    }
    const c = src.charCodeAt(pos);
    if (c === 10) {
      pos++;
      continue;
    }
    if (c === 35) {
      const nl = src.indexOf('\n', pos);
      pos = nl === -1 ? len : nl + 1;
      continue;
    }
    curIndent = pos - lineStart;
    if (curIndent === 0 && (isDocMarker(pos, 46) || (!first && isDocMarker(pos, 45)))) fail();
    if (c === 37 && curIndent === 0) fail(); // a directive
    return;
  }
}

/** After a value: spaces, an optional comment, the end of the line; then the next content line. */
function expectLineEnd(): void {
  const s = pos;
  while (src.charCodeAt(pos) === 32) pos++;
  if (pos < len) {
    const c = src.charCodeAt(pos);
    if (c === 35) {
      if (pos === s) fail();
      const nl = src.indexOf('\n', pos);
      pos = nl === -1 ? len : nl;
    } else if (c !== 10) fail();
    if (pos < len) pos++;
  }
  nextContentLine();
}

function isSeqIndicator(at: number): boolean {
  if (src.charCodeAt(at) !== 45) return false;
  const n = src.charCodeAt(at + 1);
  return at + 1 >= len || n === 32 || n === 10;
}

/** A block node whose first character is at `pos`, in column `col`. */
function blockNode(col: number): unknown {
  if (++depth > MAX_DEPTH) fail();
  const c = src.charCodeAt(pos);
  let v: unknown;
  if (c === 45 && isSeqIndicator(pos)) v = blockSeq(col);
  else if (c === 91 || c === 123) {
    v = flow();
    expectLineEnd();
  } else if (scanKey()) v = blockMap(col);
  else {
    v = inlineScalar();
    expectLineEnd();
  }
  depth--;
  return v;
}

/** An implicit key at `pos` (plain or quoted, then `:` and a space or the line's end): sets keyValue and keyOffset, moves past the `:`. False, pos unchanged, if there is none. */
function scanKey(): boolean {
  const start = pos;
  const c = src.charCodeAt(pos);
  let value: unknown;
  let end: number;
  if (c === 34 || c === 39) {
    value = quoted();
    end = pos;
    while (src.charCodeAt(end) === 32) end++;
    const n = src.charCodeAt(end + 1);
    if (src.charCodeAt(end) !== 58 || !(end + 1 >= len || n === 32 || n === 10)) {
      pos = start;
      return false;
    }
  } else {
    if (!(c < 128 && PLAIN_FIRST[c] === 1) && !plainStart(c, src.charCodeAt(pos + 1))) fail();
    let i = pos;
    for (;;) {
      if (i >= len) return false;
      const ch = src.charCodeAt(i);
      if (ch === 10) return false;
      if (ch === 58) {
        const n = src.charCodeAt(i + 1);
        if (i + 1 >= len || n === 32 || n === 10) break;
      } else if (ch === 35 && src.charCodeAt(i - 1) === 32) return false;
      i++;
    }
    end = i;
    let e = i;
    while (src.charCodeAt(e - 1) === 32) e--;
    value = c < 128 && RESOLVED_FIRST[c] === 1 ? resolvePlain(text(pos, e)) : text(pos, e);
  }
  if (end - start > MAX_KEY) fail();
  pos = end + 1;
  keyValue = value;
  keyOffset = start;
  return true;
}

/** Whether a plain scalar may start with c (then n), in the subset. */
function plainStart(c: number, n: number): boolean {
  switch (c) {
    case 45: // '-' only before a character that is not a space or a flow indicator
      return !(Number.isNaN(n) || n === 32 || n === 10 || n === 44 || n === 91 || n === 93 || n === 123 || n === 125);
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
    case 32:
    case 10:
      return false;
    default:
      return !Number.isNaN(c);
  }
}

// Until V8 has optimised the reader (most of a large file's one read), each call costs; a block
// scalar's first character usually settles what these would answer, read from a table instead:
// PLAIN_FIRST: an ASCII character plainStart accepts whatever follows it (all but '-', which
// depends on the next one); RESOLVED_FIRST: one resolvePlain may turn into something other than
// the string (its switch's cases: ~ n N t T f F + - . and digits). Others call as before.
const PLAIN_FIRST = new Uint8Array(128);
for (let c = 0; c < 128; c++) PLAIN_FIRST[c] = c !== 45 && plainStart(c, 97) ? 1 : 0;
const RESOLVED_FIRST = new Uint8Array(128);
for (const ch of '~nNtTfF+-.0123456789') RESOLVED_FIRST[ch.charCodeAt(0)] = 1;

/** With positions: the positions of the map whose pairs start at `base` on the stack, taken off it. */
function popPosMap(o: number, base: number): PosMap {
  let unique = true;
  for (let i = base; i < pairsTop && unique; i++) unique = pairStringKey[i]!;
  const pm: PosMap = { o, k: pairKeys.slice(base, pairsTop), ko: pairKeyOffsets.slice(base, pairsTop), v: pairPos.slice(base, pairsTop), unique };
  pairsTop = base;
  return pm;
}

/**
 * Adds a pair to a map being read (`order`: its place among the file's maps,
 * `keys`: the set of its key values once duplicates need it). Returns the set.
 */
function setPair(obj: Record<string, unknown>, order: number, keys: Set<unknown> | undefined, key: unknown, offset: number, value: unknown): Set<unknown> | undefined {
  if (depth <= positionDepth) {
    pairKeys[pairsTop] = String(key);
    pairStringKey[pairsTop] = typeof key === 'string';
    pairKeyOffsets[pairsTop] = offset;
    pairPos[pairsTop++] = nodePos;
  }
  if (withPositions) return keys;
  // As the yaml package's toJS: null is '', other scalars String(); a key an
  // object already has (`__proto__`, `constructor`) becomes an own property.
  const isString = typeof key === 'string';
  const stringKey = isString ? key : key === null ? '' : String(key);
  // Keys are duplicates when their values are (a Set's SameValueZero, as
  // source.ts's check on the Document): only a key whose string is already
  // there can be one. While every key is a string, the keys so far are
  // exactly obj's own keys: the set of key values is made from them when a
  // key's string is already there or a key is not a string, and kept after.
  // One look for the usual key, which obj neither has nor inherits (obj's prototype is
  // Object.prototype): only a key that is there needs the second, whether it is obj's own.
  if (!(stringKey in obj)) {
    if (keys === undefined && !isString) keys = new Set(Object.keys(obj));
    if (keys !== undefined) keys.add(key);
    obj[stringKey] = value;
    return keys;
  }
  const own = Object.hasOwn(obj, stringKey);
  if (keys === undefined && (own || !isString)) keys = new Set(Object.keys(obj));
  if (own && keys!.has(key)) dups.push({ order, offset });
  if (keys !== undefined) keys.add(key);
  Object.defineProperty(obj, stringKey, { value, writable: true, enumerable: true, configurable: true });
  return keys;
}

/** A block map whose first key scanKey() has just read. */
function blockMap(indent: number): unknown {
  const obj: Record<string, unknown> = withPositions ? NO_DATA : {};
  const order = mapCount++;
  const o = keyOffset;
  const pairBase = pairsTop;
  let keys: Set<unknown> | undefined;
  for (;;) {
    const key = keyValue;
    const offset = keyOffset;
    while (src.charCodeAt(pos) === 32) pos++;
    let value: unknown;
    const c = src.charCodeAt(pos);
    if (pos >= len || c === 10 || c === 35) {
      const empty = pos;
      expectLineEnd();
      if (curIndent > indent) value = blockNode(curIndent);
      else if (curIndent === indent && src.charCodeAt(pos) === 45 && isSeqIndicator(pos)) value = blockSeq(indent);
      else {
        value = null;
        nodePos = empty;
      }
    } else {
      if (c === 45 && isSeqIndicator(pos)) fail();
      value = c === 91 || c === 123 ? flow() : inlineScalar();
      // expectLineEnd's own first steps, for the usual line that ends right after its value.
      if (src.charCodeAt(pos) === 10) {
        pos++;
        nextContentLine();
      } else expectLineEnd();
    }
    // setPair's path for the usual pair (a new string key, no positions to record, no key set
    // yet), without the call; anything else goes through it.
    if (keys === undefined && depth > positionDepth && !withPositions && typeof key === 'string' && !(key in obj)) obj[key] = value;
    else keys = setPair(obj, order, keys, key, offset, value);
    if (curIndent < indent) {
      // setPair recorded the pairs at this depth (the map's, after each value) only.
      nodePos = depth <= positionDepth ? popPosMap(o, pairBase) : o;
      return obj;
    }
    if (curIndent > indent || (src.charCodeAt(pos) === 45 && isSeqIndicator(pos)) || !scanKey()) fail();
  }
}

function blockSeq(indent: number): unknown {
  const base = itemsTop;
  const posBase = itemPosTop;
  const o = pos;
  const recording = depth <= positionDepth;
  // The first item waits in a variable: a one-item list (what a file of deeply nested lists is
  // made of) never touches the stack and is made as a literal, which V8, seeing such arrays live
  // on, allocates straight into the old generation instead of copying each one twice.
  let first: unknown;
  let count = 0;
  for (;;) {
    pos++; // the '-'
    while (src.charCodeAt(pos) === 32) pos++;
    const c = src.charCodeAt(pos);
    let item: unknown;
    if (pos >= len || c === 10 || c === 35) {
      const empty = pos;
      expectLineEnd();
      if (curIndent > indent) item = blockNode(curIndent);
      else {
        item = null;
        nodePos = empty;
      }
    } else {
      item = blockNode(pos - lineStart);
    }
    if (!withPositions) {
      if (count === 0) first = item;
      else {
        if (count === 1) items[itemsTop++] = first;
        items[itemsTop++] = item;
      }
    }
    if (recording) itemPos[itemPosTop++] = nodePos;
    count++;
    if (curIndent === indent && src.charCodeAt(pos) === 45 && isSeqIndicator(pos)) continue;
    if (curIndent <= indent) {
      nodePos = recording ? { o, items: popPositions(posBase) } : o;
      if (withPositions) return null;
      return count === 1 ? [first] : popItems(base);
    }
    fail();
  }
}

function popPositions(base: number): PosNode[] {
  const out = itemPos.slice(base, itemPosTop);
  itemPosTop = base;
  return out;
}

/** A single-line plain or quoted scalar in block context. */
function inlineScalar(): unknown {
  const start = pos;
  nodePos = start;
  const c = src.charCodeAt(pos);
  if (c === 34 || c === 39) return quoted();
  if (!(c < 128 && PLAIN_FIRST[c] === 1) && !plainStart(c, src.charCodeAt(pos + 1))) fail();
  let i = pos;
  for (; i < len; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 10) break;
    if (ch === 58) {
      const n = src.charCodeAt(i + 1);
      if (i + 1 >= len || n === 32 || n === 10) fail();
    } else if (ch === 35 && src.charCodeAt(i - 1) === 32) break;
  }
  let e = i;
  while (src.charCodeAt(e - 1) === 32) e--;
  pos = e;
  return c < 128 && RESOLVED_FIRST[c] === 1 ? resolvePlain(text(start, e)) : text(start, e);
}

/** A single-line quoted scalar at `pos`; moves past it. */
function quoted(): string {
  const q = src.charCodeAt(pos);
  let out = '';
  let i = pos + 1;
  let from = i;
  for (;;) {
    if (i >= len) fail();
    const ch = src.charCodeAt(i);
    if (ch === 10) fail();
    if (ch === q) {
      if (q === 39 && src.charCodeAt(i + 1) === 39) {
        out += src.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      out += src.slice(from, i);
      pos = i + 1;
      return out;
    }
    if (ch === 92 && q === 34) {
      out += src.slice(from, i);
      const e = src[i + 1];
      let width = 2;
      switch (e) {
        case '\\':
        case '"':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '0':
          out += '\0';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'x':
        case 'u': {
          const n = e === 'x' ? 2 : 4;
          const hex = src.substr(i + 2, n);
          if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) fail();
          out += String.fromCharCode(parseInt(hex, 16));
          width = 2 + n;
          break;
        }
        default:
          fail();
      }
      i += width;
      from = i;
      continue;
    }
    // The rest of a run of ordinary characters, skipped by the regular expression engine (a long
    // string is one run: 100 kB no longer go through this loop a character at a time).
    const run = q === 34 ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
    run.lastIndex = i + 1;
    run.test(src);
    i = run.lastIndex;
  }
}

const DOUBLE_QUOTED_RUN = /[^"\\\n]*/y;
const SINGLE_QUOTED_RUN = /[^'\n]*/y;

/** A single-line flow collection at `pos`; moves past it. */
function flow(): unknown {
  if (++depth > MAX_DEPTH) fail();
  const recording = depth <= positionDepth;
  const start = pos;
  const open = src.charCodeAt(pos++);
  skipFlowSpaces();
  if (open === 91) {
    const base = itemsTop;
    const posBase = itemPosTop;
    if (src.charCodeAt(pos) === 93) pos++;
    else {
      for (;;) {
        const item = flowValue();
        if (!withPositions) items[itemsTop++] = item;
        if (recording) itemPos[itemPosTop++] = nodePos;
        skipFlowSpaces();
        const c = src.charCodeAt(pos++);
        if (c === 93) break;
        if (c !== 44) fail();
        skipFlowSpaces();
        if (src.charCodeAt(pos) === 93) fail();
      }
    }
    depth--;
    nodePos = recording ? { o: start, items: popPositions(posBase) } : start;
    return withPositions ? null : popItems(base);
  }
  const obj: Record<string, unknown> = withPositions ? NO_DATA : {};
  const order = mapCount++;
  const pairBase = pairsTop;
  let keys: Set<unknown> | undefined;
  if (src.charCodeAt(pos) === 125) pos++;
  else {
    for (;;) {
      const offset = pos;
      const c = src.charCodeAt(pos);
      const key = c === 34 || c === 39 ? quoted() : flowPlain();
      skipFlowSpaces();
      if (src.charCodeAt(pos) !== 58 || pos - offset > MAX_KEY) fail();
      pos++;
      if (src.charCodeAt(pos) !== 32) fail();
      skipFlowSpaces();
      const value = flowValue();
      keys = setPair(obj, order, keys, key, offset, value);
      skipFlowSpaces();
      const e = src.charCodeAt(pos++);
      if (e === 125) break;
      if (e !== 44) fail();
      skipFlowSpaces();
      if (src.charCodeAt(pos) === 125) fail();
    }
  }
  nodePos = recording ? popPosMap(start, pairBase) : start;
  depth--;
  return obj;
}

function skipFlowSpaces(): void {
  while (src.charCodeAt(pos) === 32) pos++;
}

function flowValue(): unknown {
  const c = src.charCodeAt(pos);
  if (c === 91 || c === 123) return flow();
  nodePos = pos;
  if (c === 34 || c === 39) return quoted();
  return flowPlain();
}

/** A plain scalar inside a flow collection (resolved). */
function flowPlain(): unknown {
  const start = pos;
  const c = src.charCodeAt(pos);
  if (!plainStart(c, src.charCodeAt(pos + 1))) fail();
  let i = pos;
  for (; i < len; i++) {
    const ch = src.charCodeAt(i);
    if (ch === 10 || ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
    if (ch === 58) {
      const n = src.charCodeAt(i + 1);
      if (i + 1 >= len || n === 32 || n === 10 || n === 44 || n === 91 || n === 93 || n === 123 || n === 125) break;
    } else if (ch === 35 && src.charCodeAt(i - 1) === 32) fail();
  }
  let e = i;
  while (src.charCodeAt(e - 1) === 32) e--;
  if (e === start) fail();
  pos = e;
  return resolvePlain(text(start, e));
}

// The yaml package's core schema (YAML 1.2), in its order: null, bool, int (octal, decimal, hex), float (nan/inf, exponent, plain).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

export function resolvePlain(s: string): unknown {
  // Each expression can match only strings that start with its own characters, and those sets do
  // not overlap: the first character picks the one or ones to try (most strings try none).
  switch (s.charCodeAt(0)) {
    case 126: // ~
    case 110: // n
    case 78: // N
      return s.length <= 4 && NULL.test(s) ? null : s;
    case 116: // t
    case 84: // T
    case 102: // f
    case 70: // F
      return (s.length === 4 || s.length === 5) && BOOL.test(s) ? s.charCodeAt(0) === 116 || s.charCodeAt(0) === 84 : s;
    case 43: // +
    case 45: // -
    case 46: // .
    case 48: // 0
    case 49:
    case 50:
    case 51:
    case 52:
    case 53:
    case 54:
    case 55:
    case 56:
    case 57: // 9
      return resolveNumber(s);
    default:
      return s;
  }
}

function resolveNumber(s: string): unknown {
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s)) return parseFloat(s);
  if (FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** The offset locate() reports for a path (see source.ts), from the positions. */
export function locateOffset(root: PosNode, path: readonly (string | number)[], at: 'key' | 'value'): number {
  let node: PosNode | undefined = root;
  let best: number = offsetOf(root);
  let keyOffset: number | null = null;
  for (const segment of path) {
    keyOffset = null;
    if (typeof node === 'object' && 'k' in node) {
      const i = indexOfKey(node, String(segment));
      if (i === -1) break;
      keyOffset = node.ko[i]!;
      node = node.v[i];
    } else if (typeof node === 'object' && /^\d+$/.test(String(segment))) {
      node = node.items[Number(segment)];
    } else {
      break;
    }
    if (node !== undefined) best = offsetOf(node);
    else if (keyOffset !== null) best = keyOffset;
    else break;
  }
  return at === 'key' && keyOffset !== null ? keyOffset : best;
}

function offsetOf(node: PosNode): number {
  return typeof node === 'number' ? node : node.o;
}

function indexOfKey(map: PosMap, key: string): number {
  if (map.k.length <= 16) return map.k.indexOf(key);
  // Findings mostly come in the map's own order: the few pairs after the last one found first
  // (when the keys are distinct, a match there is the only one), then an index of the keys, made once.
  if (map.unique) {
    const from = (map.cursor ?? -1) + 1;
    for (let i = from; i < from + 16 && i < map.k.length; i++) if (map.k[i] === key) return (map.cursor = i);
  }
  if (!map.index) {
    map.index = new Map();
    map.k.forEach((k, i) => {
      if (!map.index!.has(k)) map.index!.set(k, i);
    });
  }
  const i = map.index.get(key) ?? -1;
  if (i >= 0) map.cursor = i;
  return i;
}
