import { Document } from 'yaml';

const options = { lineWidth: 0, minContentWidth: 0 } as const;

/**
 * The one way emitted YAML is serialised: data in, text out, no folding of
 * long lines (a folded URL is a diff nobody wants), an optional header comment.
 */
export function toYaml(data: unknown, header?: string): string {
  const blocks: string[] = [];
  const light = withPlaceholders(data, blocks);
  if (blocks.length > 0) {
    const text = serialise(light, header);
    const spliced = splice(text, blocks);
    if (spliced !== undefined) return spliced;
  }
  return serialise(data, header);
}

function serialise(data: unknown, header?: string): string {
  const doc = new Document(data);
  if (header) doc.commentBefore = header;
  return doc.toString(options);
}

/*
 * A large multi-line string (the policy ConfigMap's JSON, 2 MB for 50,000
 * grants) costs the yaml package tens of milliseconds to scan and indent. One
 * that is plain printable ASCII, starts with no blank, ends with exactly one
 * line break and has no empty line nor trailing blank is always written as a
 * literal block (`|`, clip chomping) with each line indented two more than its
 * key: it is serialised as a short placeholder and spliced in afterwards. Any
 * other placement (a list item, a flow collection) falls back to the yaml
 * package for the whole document, so the bytes are the same either way.
 */
const BLOCK_MIN = 4096;
const SAFE_BLOCK = /^[!-~][ -~\n]*[!-~]\n$/;
const PLACEHOLDER = 'temporal-auth-block-placeholder-';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function safeBlock(value: string): boolean {
  return value.length >= BLOCK_MIN && SAFE_BLOCK.test(value) && !value.includes('\n\n') && !value.includes(' \n');
}

/** `data` with each safe large string value of a plain object (at any depth of plain objects) replaced by a placeholder; `blocks` gets the strings. */
function withPlaceholders(data: unknown, blocks: string[]): unknown {
  if (!isPlainObject(data)) return data;
  let changed = false;
  const entries = Object.entries(data).map(([key, value]): [string, unknown] => {
    let next = value;
    if (typeof value === 'string') {
      if (safeBlock(value)) {
        next = `${PLACEHOLDER}${blocks.length}`;
        blocks.push(value);
      }
    } else {
      next = withPlaceholders(value, blocks);
    }
    if (next !== value) changed = true;
    return [key, next];
  });
  if (!changed) return data;
  // fromEntries defines data properties: a key `__proto__` stays a key.
  const copy = Object.fromEntries(entries);
  return Object.getPrototypeOf(data) === null ? Object.assign(Object.create(null), copy) : copy;
}

/** The text with each placeholder line turned into its literal block, or undefined if a placeholder is not where a block can go. */
function splice(text: string, blocks: string[]): string | undefined {
  if (text.includes(`${PLACEHOLDER}${blocks.length}`)) return undefined;
  let out = text;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const token = `${PLACEHOLDER}${i}`;
    const at = out.indexOf(`: ${token}\n`);
    if (at < 0 || out.indexOf(token) !== at + 2 || out.indexOf(token, at + 2 + token.length) >= 0) return undefined;
    const lineStart = out.lastIndexOf('\n', at) + 1;
    const line = out.slice(lineStart, at);
    const indent = /^ */.exec(line)![0];
    // Only a key of a block map: not a list item, an explicit key or a flow collection.
    if (/^[-?{[]/.test(line.slice(indent.length)) || line.includes('#')) return undefined;
    const inner = `${indent}  `;
    const body = `|\n${inner}${blocks[i]!.slice(0, -1).replaceAll('\n', `\n${inner}`)}`;
    out = `${out.slice(0, at + 2)}${body}${out.slice(at + 2 + token.length)}`;
  }
  return out;
}
