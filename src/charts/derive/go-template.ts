// Go text/template actions, as far as the derivation reads them: a scanner for the {{ ... }}
// actions of a template, a tokenizer and a parser for a pipeline, and a walk over the blocks
// (if, range, with, define) each action sits in.
import { ChartDeriveError } from './errors.js';

export interface Action {
  /** Line the action starts on (1-based). */
  line: number;
  start: number;
  end: number;
  /** The action's text, without the delimiters and trim markers. */
  inner: string;
  innerStart: number;
  comment: boolean;
  /** Line of any offset in the template (for calls inside multi-line actions). */
  lineAtOffset: (offset: number) => number;
}

const syntax = (message: string) => new ChartDeriveError('syntax', message);

/**
 * A sticky regular expression's match at `offset` (null when it does not match there): no
 * slice of the rest of the text per match, which a template of many actions would pay for
 * quadratically.
 */
function matchAt(re: RegExp, text: string, offset: number): RegExpExecArray | null {
  re.lastIndex = offset;
  return re.exec(text);
}
const SPACES = /\s*/y;
const VAR = /\$[A-Za-z0-9_]*((?:\.[A-Za-z0-9_]+)*)/y;
const FIELD = /(?:\.[A-Za-z0-9_]+)+|\./y;
const NUMBER = /[-+]?[0-9][0-9a-fA-FxXoObB_.eE+-]*/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * The actions ({{ ... }}) of a template, with the line each starts on. Comments are marked;
 * strings, raw strings and character constants inside an action may hold "}}".
 */
export function scanActions(text: string): Action[] {
  const actions: Omit<Action, 'lineAtOffset'>[] = [];
  let i = 0;
  let line = 1;
  let lineAt = 0; // offset up to which `line` is counted
  const lineOf = (offset: number) => {
    for (; lineAt < offset; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  for (;;) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    let j = start + 2;
    if (text[j] === '-' && /\s/.test(text[j + 1] ?? '')) j += 1;
    const afterTrim = j;
    const lead = matchAt(SPACES, text, afterTrim)![0].length;
    if (text.startsWith('/*', afterTrim + lead)) {
      const close = text.indexOf('*/', afterTrim + lead + 2);
      if (close < 0) throw syntax(`unterminated comment at offset ${start}`);
      const end = text.indexOf('}}', close + 2);
      if (end < 0) throw syntax(`unterminated comment action at offset ${start}`);
      actions.push({ line: lineOf(start), start, end: end + 2, inner: '', innerStart: afterTrim, comment: true });
      i = end + 2;
      continue;
    }
    let k = afterTrim;
    let end = -1;
    while (k < text.length) {
      const c = text[k];
      if (c === '"') {
        k++;
        while (k < text.length && text[k] !== '"') k += text[k] === '\\' ? 2 : 1;
        k++;
      } else if (c === '`') {
        const close = text.indexOf('`', k + 1);
        if (close < 0) throw syntax(`unterminated raw string at offset ${k}`);
        k = close + 1;
      } else if (c === "'") {
        k++;
        while (k < text.length && text[k] !== "'") k += text[k] === '\\' ? 2 : 1;
        k++;
      } else if (c === '}' && text[k + 1] === '}') {
        end = k;
        break;
      } else k++;
    }
    if (end < 0) throw syntax(`unterminated action at offset ${start}`);
    let innerEnd = end;
    if (text[end - 1] === '-' && /\s/.test(text[end - 2] ?? '')) innerEnd = end - 1;
    actions.push({ line: lineOf(start), start, end: end + 2, inner: text.slice(afterTrim, innerEnd), innerStart: afterTrim, comment: false });
    i = end + 2;
  }
  // Line of any offset, for calls inside multi-line actions.
  const starts = [0];
  for (let p = 0; p < text.length; p++) if (text.charCodeAt(p) === 10) starts.push(p + 1);
  const lineAtOffset = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return actions.map((a) => ({ ...a, lineAtOffset }));
}

export type Token =
  | { t: 'str' | 'char' | 'num' | 'ident'; v: string; at: number }
  | { t: 'var'; v: string; segs: string[]; at: number }
  | { t: 'field'; segs: string[]; at: number }
  | { t: '(' | ')' | '|' | ',' | ':=' | '='; at: number };

/** Tokens of an action's text: { t, v, at } with `at` the offset in the action's text. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === '"') {
      let j = i + 1;
      let v = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\') {
          const e = src[j + 1];
          v += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
          j += 2;
        } else v += src[j++];
      }
      out.push({ t: 'str', v, at });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      if (j < 0) throw syntax(`unterminated raw string in action: ${src}`);
      out.push({ t: 'str', v: src.slice(i + 1, j), at });
      i = j + 1;
    } else if (c === "'") {
      const j = src.indexOf("'", i + 1);
      if (j < 0) throw syntax(`unterminated character in action: ${src}`);
      out.push({ t: 'char', v: src.slice(i + 1, j), at });
      i = j + 1;
    } else if (c === '(' || c === ')' || c === '|' || c === ',') {
      out.push({ t: c, at });
      i++;
    } else if (src.startsWith(':=', i)) {
      out.push({ t: ':=', at });
      i += 2;
    } else if (c === '=') {
      out.push({ t: '=', at });
      i++;
    } else if (c === '$') {
      const m = matchAt(VAR, src, i)!;
      const rest = m[1] ?? '';
      const name = m[0].slice(0, m[0].length - rest.length);
      out.push({ t: 'var', v: name, segs: rest ? rest.slice(1).split('.') : [], at });
      i += m[0].length;
    } else if (c === '.') {
      const m = matchAt(FIELD, src, i)!;
      out.push({ t: 'field', segs: m[0] === '.' ? [] : m[0].slice(1).split('.'), at });
      i += m[0].length;
    } else if (/[0-9+-]/.test(c)) {
      const m = matchAt(NUMBER, src, i);
      if (!m) throw syntax(`unexpected ${c} in action: ${src}`);
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = matchAt(IDENT, src, i)!;
      out.push({ t: 'ident', v: m[0], at });
      i += m[0].length;
    } else throw syntax(`unexpected ${c} in action: ${src}`);
  }
  return out;
}

/** A parsed pipeline. `a | f b` becomes f(b, a). */
export type Node =
  | { n: 'str'; v: string }
  | { n: 'num'; v: string }
  | { n: 'bool'; v: boolean }
  | { n: 'nil' }
  | { n: 'field'; segs: string[] }
  | { n: 'var'; name: string; segs: string[] }
  | { n: 'ident'; v: string }
  | { n: 'call'; fn: string; args: Node[] }
  | { n: 'chain'; of: Node; segs: string[] }
  | { n: 'decl'; name: string; value: Node };

/**
 * Parses a pipeline into a small tree: { n: 'str'|'num'|'bool'|'nil', v } | { n: 'field', segs }
 * (from dot) | { n: 'var', name, segs } | { n: 'call', fn, args } | { n: 'chain', of, segs } |
 * { n: 'decl', name, value }. `a | f b` becomes f(b, a).
 */
export function parsePipeline(tokens: readonly Token[]): Node {
  let p = 0;
  const peek = () => tokens[p];
  const pipeline = (): Node => {
    let decl: string | undefined;
    const first = peek();
    if (first?.t === 'var' && (tokens[p + 1]?.t === ':=' || tokens[p + 1]?.t === '=')) {
      decl = first.v;
      p += 2;
    }
    let value = command();
    while (peek()?.t === '|') {
      p++;
      const next = command();
      if (next.n !== 'call') throw syntax('a pipe into a non-function');
      value = { n: 'call', fn: next.fn, args: [...next.args, value] };
    }
    return decl ? { n: 'decl', name: decl, value } : value;
  };
  const operand = (): Node => {
    const tok = tokens[p++];
    let node: Node;
    if (!tok) throw syntax('unexpected end of action');
    if (tok.t === '(') {
      node = pipeline();
      if (tokens[p++]?.t !== ')') throw syntax('missing )');
      // (expr).field
      const next = peek();
      if (next?.t === 'field' && next.at === tokens[p - 1]!.at + 1) {
        p++;
        node = { n: 'chain', of: node, segs: next.segs };
      }
    } else if (tok.t === 'str') node = { n: 'str', v: tok.v };
    else if (tok.t === 'char' || tok.t === 'num') node = { n: 'num', v: tok.v };
    else if (tok.t === 'field') node = { n: 'field', segs: tok.segs };
    else if (tok.t === 'var') node = { n: 'var', name: tok.v, segs: tok.segs };
    else if (tok.t === 'ident') {
      if (tok.v === 'true' || tok.v === 'false') node = { n: 'bool', v: tok.v === 'true' };
      else if (tok.v === 'nil') node = { n: 'nil' };
      else node = { n: 'ident', v: tok.v };
    } else throw syntax(`unexpected ${tok.t}`);
    return node;
  };
  const command = (): Node => {
    const ops: Node[] = [];
    while (p < tokens.length && peek()!.t !== '|' && peek()!.t !== ')') ops.push(operand());
    const head = ops[0];
    if (!head) throw syntax('empty command');
    if (head.n === 'ident') return { n: 'call', fn: head.v, args: ops.slice(1) };
    if (ops.length > 1) throw syntax('arguments to a non-function');
    return head;
  };
  const node = pipeline();
  if (p !== tokens.length) throw syntax('trailing tokens');
  return node;
}

export function parseAction(text: string): Node {
  return parsePipeline(tokenize(text));
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);

export type ActionClass =
  | { kind: 'comment' }
  | { kind: 'else'; chained?: string; rest?: string }
  | { kind: 'if' | 'end' | 'range' | 'with' | 'define' | 'block' | 'template' | 'break' | 'continue' | 'pipeline'; rest: string };

/** Splits an action's text into its keyword (if, else, end, ...) and the rest. */
export function classify(action: Action): ActionClass {
  if (action.comment) return { kind: 'comment' };
  const text = action.inner.trim();
  const m = /^([a-z]+)\b\s*([\s\S]*)$/.exec(text);
  if (m && KEYWORDS.has(m[1]!)) {
    if (m[1] === 'else') {
      const sub = /^(if|with)\b\s*([\s\S]*)$/.exec(m[2]!);
      return sub ? { kind: 'else', chained: sub[1]!, rest: sub[2]! } : { kind: 'else' };
    }
    return { kind: m[1] as Exclude<ActionClass['kind'], 'comment' | 'else' | 'pipeline'>, rest: m[2]! };
  }
  return { kind: 'pipeline', rest: text };
}

export const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Deepest nesting of blocks the walk accepts (the official chart nests a few): each trap records
 * its enclosing blocks, so a chart of thousands of nested ifs would cost quadratic time.
 */
export const MAX_NESTING = 64;

export interface Frame {
  kind: string;
  line: number;
  text: string;
  rest: string;
  /** 0 while in the first branch of an if/with/range, then 1, 2, ... after each else. */
  branch: number;
  branches: { line: number; text: string; rest?: string; chained?: string }[];
  action: Action;
  endLine?: number;
  endAction?: Action;
}

export interface Visit {
  action: Action;
  cls: ActionClass;
  stack: Frame[];
  closed?: Frame;
}

/**
 * Walks a template's actions with the stack of enclosing blocks. For each action, `visit`
 * gets ({ action, cls, stack }) where each stack frame is { kind, line, text, branch, rest }
 * (`branch` 0 while in the first branch of an if/with/range, then 1, 2, ... after each else).
 */
export function walkBlocks(file: string, actions: readonly Action[], visit: (v: Visit) => void): void {
  const stack: Frame[] = [];
  for (const action of actions) {
    const cls = classify(action);
    if (cls.kind === 'comment') continue;
    if (cls.kind === 'end') {
      const frame = stack.pop();
      if (!frame) throw syntax(`${file}:${action.line}: {{ end }} without a block`);
      frame.endLine = action.line;
      frame.endAction = action;
      visit({ action, cls, stack, closed: frame });
      continue;
    }
    if (cls.kind === 'else') {
      const top = stack[stack.length - 1];
      if (!top) throw syntax(`${file}:${action.line}: {{ else }} without a block`);
      top.branch++;
      top.branches.push({ line: action.line, text: squash(action.inner), rest: cls.rest, chained: cls.chained });
      visit({ action, cls, stack });
      continue;
    }
    visit({ action, cls, stack });
    if (cls.kind === 'if' || cls.kind === 'range' || cls.kind === 'with' || cls.kind === 'define' || cls.kind === 'block') {
      if (stack.length >= MAX_NESTING) throw syntax(`${file}:${action.line}: blocks nested more than ${MAX_NESTING} deep`);
      stack.push({ kind: cls.kind, line: action.line, text: squash(action.inner), rest: cls.rest, branch: 0, branches: [], action });
    }
  }
  if (stack.length) throw syntax(`${file}:${stack[stack.length - 1]!.line}: block never closed`);
}
