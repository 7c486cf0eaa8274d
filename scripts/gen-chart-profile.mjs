// Derives a chart profile from an official temporalio/helm-charts `temporal` chart:
//   Chart.yaml   the chart and app versions
//   values.yaml  every key path the chart declares, with its type; the internal frontend's ports;
//                the Web UI version it runs (web.image.tag)
//   templates/   READS: which of the keys some lint rules act on the templates read (TEMPLATE_READ_KEYS);
//                POD LABELS: the label keys and component names of the chart's pods;
//                TRAPS: every `fail` and `required` call, with its template, line, message and,
//                where the generator recognises the `if` guarding it, a condition the tool
//                evaluates on a user's values (the rest are recorded as `unmodelled`);
//                GATES: the `if`s that make the chart silently ignore the auth settings
//                temporal-auth writes (server.enabled, server.frontend.enabled, web.enabled,
//                and the internal frontend key of the other chart generation).
// Writes src/charts/profiles/v<major>_<minor>_<patch>.generated.ts, and index.generated.ts listing
// every profile in that folder (src/charts/index.ts serves them: generating a profile adds the version).
//
// Usage:
//   node scripts/gen-chart-profile.mjs <chart dir>        a folder holding Chart.yaml, values.yaml, templates/
//   node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-X.Y.Z [--tag ...]
//        reads charts/temporal/ at each tag with `git show` and records the tag's commit
//   node scripts/gen-chart-profile.mjs --git <helm-charts git dir> [--tag ...] --check
//        regenerates in memory and exits 1 listing the profiles that differ from the committed
//        ones (every committed profile when no --tag is given). The check needs the chart's
//        sources, which the project does not ship: it runs only where a helm-charts clone
//        (with its temporal-X.Y.Z tags) is available, and only with --git.
// A new chart version, end to end: run this with --git and --tag temporal-X.Y.Z (it writes the
// profile and the index, so the version is supported); add its row (commit, internal frontend
// key, traps, gates, reads) to RELEASES in test/chart-traps.test.ts from the templates at that
// tag (with TEMPORAL_AUTH_HELM_CHARTS_GIT set the test checks it against the tag); if the chart runs a Web
// UI version src/charts/web-ui-docker-config.ts does not know, describe that UI's docker.yaml
// there or list it as not described (test/web-ui-settings.test.ts asks); `npm run gen:readme`.
// Everything else that names supported versions derives from the profiles
// (test/supported-charts.test.ts fails on a version written by hand).
// Run by hand by a maintainer; the project ships only the generated profiles. A template that
// no longer has the shape the gates are derived from is an error, not a silently empty table.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const PROFILES_DIR = `${root}src/charts/profiles`;
const CHART_PATH = 'charts/temporal';
const REPOSITORY = 'temporalio/helm-charts';

// ---------------------------------------------------------------------------------------------
// values.yaml

function kindOf(value) {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'emptyMap' : 'map';
  return typeof value; // string | number | boolean
}

function walk(value, prefix, out) {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const kind = kindOf(child);
    out[path] = kind;
    if (kind === 'map') walk(child, path, out);
  }
  return out;
}

const valueAt = (values, path) => path.split('.').reduce((node, k) => (node !== null && typeof node === 'object' && !Array.isArray(node) ? node[k] : undefined), values);

/** Go text/template truthiness (`if`): false, 0, nil, and empty strings, lists and maps are false. */
function goTruthy(v) {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Go template actions

/**
 * The actions ({{ ... }}) of a template, with the line each starts on. Comments are marked;
 * strings, raw strings and character constants inside an action may hold "}}".
 */
export function scanActions(text) {
  const actions = [];
  let i = 0;
  let line = 1;
  let lineAt = 0; // offset up to which `line` is counted
  const lineOf = (offset) => {
    for (; lineAt < offset; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  for (;;) {
    const start = text.indexOf('{{', i);
    if (start < 0) break;
    let j = start + 2;
    if (text[j] === '-' && /\s/.test(text[j + 1] ?? '')) j += 1;
    const afterTrim = j;
    const lead = text.slice(afterTrim).match(/^\s*/)[0].length;
    if (text.startsWith('/*', afterTrim + lead)) {
      const close = text.indexOf('*/', afterTrim + lead + 2);
      if (close < 0) throw new Error(`unterminated comment at offset ${start}`);
      const end = text.indexOf('}}', close + 2);
      if (end < 0) throw new Error(`unterminated comment action at offset ${start}`);
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
        if (close < 0) throw new Error(`unterminated raw string at offset ${k}`);
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
    if (end < 0) throw new Error(`unterminated action at offset ${start}`);
    let innerEnd = end;
    if (text[end - 1] === '-' && /\s/.test(text[end - 2] ?? '')) innerEnd = end - 1;
    actions.push({ line: lineOf(start), start, end: end + 2, inner: text.slice(afterTrim, innerEnd), innerStart: afterTrim, comment: false });
    i = end + 2;
  }
  // Line of any offset, for calls inside multi-line actions.
  const starts = [0];
  for (let p = 0; p < text.length; p++) if (text.charCodeAt(p) === 10) starts.push(p + 1);
  const lineAtOffset = (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  for (const a of actions) a.lineAtOffset = lineAtOffset;
  return actions;
}

/** Tokens of an action's text: { t, v, at } with `at` the offset in the action's text. */
export function tokenize(src) {
  const out = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
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
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else v += src[j++];
      }
      out.push({ t: 'str', v, at });
      i = j + 1;
    } else if (c === '`') {
      const j = src.indexOf('`', i + 1);
      out.push({ t: 'str', v: src.slice(i + 1, j), at });
      i = j + 1;
    } else if (c === "'") {
      const j = src.indexOf("'", i + 1);
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
      const m = /^\$[A-Za-z0-9_]*((?:\.[A-Za-z0-9_]+)*)/.exec(src.slice(i));
      const name = m[0].slice(0, m[0].length - m[1].length);
      out.push({ t: 'var', v: name, segs: m[1] ? m[1].slice(1).split('.') : [], at });
      i += m[0].length;
    } else if (c === '.') {
      const m = /^((?:\.[A-Za-z0-9_]+)+|\.)/.exec(src.slice(i));
      out.push({ t: 'field', segs: m[0] === '.' ? [] : m[0].slice(1).split('.'), at });
      i += m[0].length;
    } else if (/[0-9+-]/.test(c)) {
      const m = /^[-+]?[0-9][0-9a-fA-FxXoObB_.eE+-]*/.exec(src.slice(i));
      if (!m) throw new Error(`unexpected ${c} in action: ${src}`);
      out.push({ t: 'num', v: m[0], at });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
      out.push({ t: 'ident', v: m[0], at });
      i += m[0].length;
    } else throw new Error(`unexpected ${c} in action: ${src}`);
  }
  return out;
}

/**
 * Parses a pipeline into a small tree: { n: 'str'|'num'|'bool'|'nil', v } | { n: 'field', segs }
 * (from dot) | { n: 'var', name, segs } | { n: 'call', fn, args } | { n: 'chain', of, segs } |
 * { n: 'decl', vars, value }. `a | f b` becomes f(b, a).
 */
export function parsePipeline(tokens) {
  let p = 0;
  const peek = () => tokens[p];
  const pipeline = () => {
    let decl;
    if (peek()?.t === 'var' && (tokens[p + 1]?.t === ':=' || tokens[p + 1]?.t === '=')) {
      decl = tokens[p].v;
      p += 2;
    }
    let value = command();
    while (peek()?.t === '|') {
      p++;
      const next = command();
      value =
        next.n === 'call'
          ? { n: 'call', fn: next.fn, args: [...next.args, value] }
          : (() => {
              throw new Error('a pipe into a non-function');
            })();
    }
    return decl ? { n: 'decl', name: decl, value } : value;
  };
  const operand = () => {
    const tok = tokens[p++];
    let node;
    if (!tok) throw new Error('unexpected end of action');
    if (tok.t === '(') {
      node = pipeline();
      if (tokens[p++]?.t !== ')') throw new Error('missing )');
      // (expr).field
      const next = peek();
      if (next?.t === 'field' && next.at === tokens[p - 1].at + 1) {
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
    } else throw new Error(`unexpected ${tok.t}`);
    return node;
  };
  const command = () => {
    const ops = [];
    while (p < tokens.length && peek().t !== '|' && peek().t !== ')') ops.push(operand());
    if (ops.length === 0) throw new Error('empty command');
    if (ops[0].n === 'ident') return { n: 'call', fn: ops[0].v, args: ops.slice(1) };
    if (ops.length > 1) throw new Error('arguments to a non-function');
    return ops[0];
  };
  const node = pipeline();
  if (p !== tokens.length) throw new Error('trailing tokens');
  return node;
}

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'block', 'template', 'break', 'continue']);

/** Splits an action's text into its keyword (if, else, end, ...) and the rest. */
function classify(action) {
  if (action.comment) return { kind: 'comment' };
  const text = action.inner.trim();
  const m = /^([a-z]+)\b\s*([\s\S]*)$/.exec(text);
  if (m && KEYWORDS.has(m[1])) {
    if (m[1] === 'else') {
      const sub = /^(if|with)\b\s*([\s\S]*)$/.exec(m[2]);
      return sub ? { kind: 'else', chained: sub[1], rest: sub[2] } : { kind: 'else' };
    }
    return { kind: m[1], rest: m[2] };
  }
  return { kind: 'pipeline', rest: text };
}

const squash = (s) => s.replace(/\s+/g, ' ').trim();

/**
 * Walks a template's actions with the stack of enclosing blocks. For each action, `visit`
 * gets ({ action, cls, stack }) where each stack frame is { kind, line, text, branch, rest }
 * (`branch` 0 while in the first branch of an if/with/range, then 1, 2, ... after each else).
 */
function walkBlocks(file, actions, visit) {
  const stack = [];
  for (const action of actions) {
    const cls = classify(action);
    if (cls.kind === 'comment') continue;
    if (cls.kind === 'end') {
      const frame = stack.pop();
      if (!frame) throw new Error(`${file}:${action.line}: {{ end }} without a block`);
      frame.endLine = action.line;
      frame.endAction = action;
      visit({ action, cls, stack, closed: frame });
      continue;
    }
    if (cls.kind === 'else') {
      const top = stack[stack.length - 1];
      if (!top) throw new Error(`${file}:${action.line}: {{ else }} without a block`);
      top.branch++;
      top.branches.push({ line: action.line, text: squash(action.inner), rest: cls.rest, chained: cls.chained });
      visit({ action, cls, stack });
      continue;
    }
    visit({ action, cls, stack });
    if (['if', 'range', 'with', 'define', 'block'].includes(cls.kind)) {
      stack.push({ kind: cls.kind, line: action.line, text: squash(action.inner), rest: cls.rest, branch: 0, branches: [], action });
    }
  }
  if (stack.length) throw new Error(`${file}:${stack[stack.length - 1].line}: block never closed`);
}

// ---------------------------------------------------------------------------------------------
// Resolving expressions to values paths

/** Resolves variables and `.Values`/`$.Values` to { n: 'values', path } where it can. */
function resolve(node, env) {
  switch (node.n) {
    case 'field':
      return node.segs[0] === 'Values' ? { n: 'values', path: node.segs.slice(1) } : { n: 'opaque', why: `.${node.segs.join('.')}` };
    case 'var': {
      if (node.name === '$') return node.segs[0] === 'Values' ? { n: 'values', path: node.segs.slice(1) } : { n: 'opaque', why: `$.${node.segs.join('.')}` };
      const bound = env.get(node.name);
      if (!bound) return { n: 'opaque', why: node.name };
      if (node.segs.length === 0) return bound;
      return bound.n === 'values' ? { n: 'values', path: [...bound.path, ...node.segs] } : { n: 'opaque', why: `${node.name}.${node.segs.join('.')}` };
    }
    case 'chain': {
      const of = resolve(node.of, env);
      return of.n === 'values' ? { n: 'values', path: [...of.path, ...node.segs] } : { n: 'opaque', why: 'a field of an expression' };
    }
    case 'call':
      return { n: 'call', fn: node.fn, args: node.args.map((a) => resolve(a, env)) };
    case 'ident':
      return { n: 'call', fn: node.v, args: [] };
    default:
      return node;
  }
}

const isValues = (x) => x?.n === 'values';
const isStr = (x, v) => x?.n === 'str' && (v === undefined || x.v === v);
const isCall = (x, fn, arity) => x?.n === 'call' && x.fn === fn && (arity === undefined || x.args.length === arity);
const samePath = (a, b) => isValues(a) && isValues(b) && a.path.join('.') === b.path.join('.');
/** `default D X` (or `X | default D`) with D the given literal kind: returns X. */
const unwrapDefault = (x, literal) => (isCall(x, 'default', 2) && (literal === 'str' ? isStr(x.args[0], '') : isCall(x.args[0], 'dict', 0)) ? x.args[1] : undefined);

/**
 * The condition of a trap from the `if`s guarding it (outermost first, each in its first
 * branch), or undefined when the shape is not one the tool evaluates.
 */
export function recogniseCondition(guards, chartValues) {
  if (guards.length === 1) {
    const g = guards[0];
    // if .Values.X
    if (isValues(g)) return { when: 'truthy', path: g.path.join('.') };
    // if kindIs "map" .Values.X
    if (isCall(g, 'kindIs', 2) && isStr(g.args[0], 'map') && isValues(g.args[1])) return { when: 'isMap', path: g.args[1].path.join('.') };
    // if and $x (kindIs "map" $x), $x := .Values.X
    if (isCall(g, 'and', 2) && isValues(g.args[0]) && isCall(g.args[1], 'kindIs', 2) && isStr(g.args[1].args[0], 'map') && samePath(g.args[0], g.args[1].args[1])) {
      return { when: 'nonEmptyMap', path: g.args[0].path.join('.') };
    }
    return undefined;
  }
  if (guards.length === 2) {
    // if $name (:= .Values.N | default "")
    //   if hasKey (index (.Values.D | default dict) $name | default dict) "K"
    const [outer, inner] = guards;
    const name = unwrapDefault(outer, 'str') ?? outer;
    if (!isValues(name) || !isCall(inner, 'hasKey', 2) || !isStr(inner.args[1])) return undefined;
    const store = unwrapDefault(inner.args[0], 'dict');
    if (!isCall(store, 'index', 2)) return undefined;
    const datastores = unwrapDefault(store.args[0], 'dict') ?? store.args[0];
    const by = unwrapDefault(store.args[1], 'str') ?? store.args[1];
    if (!isValues(datastores) || !samePath(by, name)) return undefined;
    const nameDefault = valueAt(chartValues, name.path.join('.'));
    return {
      when: 'storeHasKey',
      namePath: name.path.join('.'),
      nameDefault: typeof nameDefault === 'string' ? nameDefault : '',
      datastoresPath: datastores.path.join('.'),
      key: inner.args[1].v,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Traps

function parseAction(text) {
  return parsePipeline(tokenize(text));
}

/** fail / required calls in an action: { fn, offset, message } (the message's format string). */
function callsIn(action) {
  const tokens = tokenize(action.inner);
  const calls = [];
  tokens.forEach((tok, i) => {
    if (tok.t !== 'ident' || (tok.v !== 'fail' && tok.v !== 'required')) return;
    const next = tokens[i + 1];
    let message;
    let args = 0;
    if (next?.t === 'str') message = next.v;
    else if (next?.t === '(' && tokens[i + 2]?.t === 'ident' && tokens[i + 2].v === 'printf' && tokens[i + 3]?.t === 'str') message = tokens[i + 3].v;
    // Count the call's arguments (required takes two: the message and the value).
    let depth = 0;
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j].t;
      if (t === '(') {
        if (depth === 0) args++;
        depth++;
      } else if (t === ')') {
        if (depth === 0) break;
        depth--;
      } else if (t === '|') {
        if (depth === 0) break;
      } else if (depth === 0) args++;
    }
    calls.push({ fn: tok.v, offset: action.innerStart + tok.at, message: message ?? squash(action.inner), args });
  });
  return calls;
}

function frameLabel(frame) {
  const label = (kind, rest, line) => `${kind} ${squash(rest ?? '')}`.trim() + ` (L${line})`;
  if (frame.branch === 0) return label(frame.kind, frame.rest, frame.line);
  const last = frame.branches[frame.branches.length - 1];
  return `${label(frame.kind, frame.rest, frame.line)}, branch ${last.chained ? `else ${last.chained} ${squash(last.rest)}` : 'else'} (L${last.line})`;
}

/**
 * Every fail and required call in the templates, in file and line order. `templates` maps a
 * chart-relative path (templates/x.yaml) to its text.
 */
export function findTraps(templates, chartValues) {
  const parsed = new Map();
  for (const [file, text] of templates) parsed.set(file, scanActions(text));

  // Defines included unconditionally from the top level of a rendered template, with `.` as data.
  const topLevelIncludes = new Map();
  for (const [file, actions] of parsed) {
    if (file.split('/').pop().startsWith('_')) continue; // partials render nothing themselves
    walkBlocks(file, actions, ({ action, cls, stack }) => {
      if (cls.kind !== 'pipeline' || stack.length > 0) return;
      const m = /^include\s+"([^"]+)"\s+(\.|\$)$/.exec(squash(action.inner));
      if (m && !topLevelIncludes.has(m[1])) topLevelIncludes.set(m[1], { file, line: action.line });
    });
  }

  const traps = [];
  for (const [file, actions] of parsed) {
    const env = new Map(); // variables assigned so far in this file (or define)
    walkBlocks(file, actions, ({ action, cls, stack }) => {
      if (cls.kind === 'define') env.clear();
      if (cls.kind === 'pipeline') {
        const m = /^(\$[A-Za-z0-9_]+)\s*:?=/.exec(squash(action.inner));
        if (m) {
          try {
            const node = parseAction(action.inner);
            env.set(m[1], resolve(node.value, env));
          } catch {
            env.delete(m[1]);
          }
        }
      }
      if (cls.kind === 'comment' || cls.kind === 'end') return;
      for (const call of callsIn(action)) {
        const line = action.lineAtOffset(call.offset);
        const trap = { template: file, line, call: call.fn, message: call.message };
        traps.push(trap);
        trap.condition = conditionOf(file, stack, env, call, chartValues, topLevelIncludes, trap);
      }
    });
  }
  traps.sort((a, b) => (a.template === b.template ? a.line - b.line : a.template < b.template ? -1 : 1));
  return traps;
}

function conditionOf(file, stack, env, call, chartValues, topLevelIncludes, trap) {
  const frames = [...stack];
  const where = [];
  let reachable;
  if (frames[0]?.kind === 'define') {
    const name = /^"([^"]+)"/.exec(frames[0].rest)?.[1];
    const site = topLevelIncludes.get(name);
    where.push(`define "${name}" (L${frames[0].line})`);
    frames.shift();
    reachable = site ? `${site.file}:${site.line} includes it unconditionally` : undefined;
  } else if (!file.split('/').pop().startsWith('_')) {
    reachable = 'top level';
  }
  const unmodelled = (why) => {
    const guards = [...where, ...frames.map(frameLabel)].join(' > ');
    const value = call.fn === 'required' ? (call.args < 2 ? '; called with the message only, so it is a template error (wrong number of arguments) rather than this message' : '') : '';
    return { when: 'unmodelled', note: `${why}: ${guards || 'top level'}${value}` };
  };
  if (call.fn === 'required') return unmodelled('required on a value computed in the template');
  if (!reachable) return unmodelled('in a helper not included unconditionally');
  if (frames.length === 0) return unmodelled('unconditional');
  if (frames.some((f) => f.kind !== 'if' || f.branch !== 0)) return unmodelled('under a range, with or else branch');
  let guards;
  try {
    guards = frames.map((f) => resolve(parseAction(f.rest), env));
  } catch (err) {
    return unmodelled(`guard not parsed (${err.message})`);
  }
  const condition = recogniseCondition(guards, chartValues);
  if (!condition) return unmodelled('guard not recognised');
  trap.guardLine = frames[0].line;
  return condition;
}

// ---------------------------------------------------------------------------------------------
// Gates: where the chart silently ignores what temporal-auth writes

class ShapeError extends Error {}

function shape(ok, where, expected, found) {
  if (!ok)
    throw new ShapeError(
      `${where}: expected ${expected}${found !== undefined ? `, found: ${found}` : ''}. The chart's template changed shape: update scripts/gen-chart-profile.mjs (deriveGates) after reading it.`,
    );
}

/** The first non-comment action of a template, and whether its block closes at the last one. */
function wholeFileIf(file, text) {
  const actions = scanActions(text).filter((a) => !a.comment);
  const first = actions[0];
  const cls = first && classify(first);
  shape(cls?.kind === 'if', `${file}:${first?.line ?? 1}`, 'the file to start with an {{ if }}', first && squash(first.inner));
  let closedAt;
  walkBlocks(file, actions, ({ closed }) => {
    if (closed && closed.action === first) closedAt = closed.endAction;
  });
  shape(closedAt === actions[actions.length - 1], `${file}:${first.line}`, 'its {{ if }} to guard the whole file (its {{ end }} the last action)');
  return { line: first.line, text: squash(first.inner), cond: resolve(parseAction(cls.rest), new Map()) };
}

/** True when the guard is `.Values.P` or `and .Values.P ...` (P falsy skips it either way). */
const guardedBy = (cond, path) => (isValues(cond) && cond.path.join('.') === path) || (isCall(cond, 'and') && cond.args.some((a) => isValues(a) && a.path.join('.') === path));

export function deriveGates(templates, internalFrontendKey) {
  const gates = [];
  const get = (file) => {
    const text = templates.get(file);
    shape(text !== undefined, file, 'the template to exist');
    return text;
  };

  // server.enabled: the server Deployments, and every template that writes server.config.authorization.
  const deployment = 'templates/server-deployment.yaml';
  const serverIf = wholeFileIf(deployment, get(deployment));
  shape(guardedBy(serverIf.cond, 'server.enabled'), `${deployment}:${serverIf.line}`, '{{ if $.Values.server.enabled }}', serverIf.text);
  const serverSites = [{ template: deployment, line: serverIf.line, text: serverIf.text }];
  const configTemplates = [...templates.keys()].filter((f) => /\{\{-?\s*with\s+(\$server|\$\.Values\.server|\.Values\.server)\.config\.authorization\s*-?\}\}/.test(templates.get(f))).sort();
  shape(configTemplates.length > 0, 'templates/', 'a template writing server.config.authorization ({{ with $server.config.authorization }})');
  for (const file of configTemplates) {
    const g = wholeFileIf(file, get(file));
    shape(guardedBy(g.cond, 'server.enabled'), `${file}:${g.line}`, '{{ if .Values.server.enabled }} (or and .Values.server.enabled ...)', g.text);
    serverSites.push({ template: file, line: g.line, text: g.text });
  }
  gates.push({ id: 'server-enabled', condition: { when: 'falsy', path: 'server.enabled' }, sites: serverSites });

  // server.frontend.enabled: the per-service `if` inside the services loop.
  const actions = scanActions(get(deployment)).filter((a) => !a.comment);
  const rangeIdx = actions.findIndex((a) => classify(a).kind === 'range');
  const range = actions[rangeIdx];
  const rm = range && /^range\s+(\$[A-Za-z0-9_]+)\s*:=\s*\(list((?:\s+"[^"]+")+)\s*\)$/.exec(squash(range.inner));
  shape(rm, `${deployment}:${range?.line}`, '{{ range $service := (list "frontend" ...) }}', range && squash(range.inner));
  const services = [...rm[2].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  shape(services.includes('frontend'), `${deployment}:${range.line}`, 'the services list to hold "frontend"', services.join(' '));
  const rangeVar = rm[1];
  let valuesVar;
  let indexAction;
  let gateAction;
  for (const a of actions.slice(rangeIdx + 1)) {
    const cls = classify(a);
    if (cls.kind === 'pipeline') {
      const m = /^(\$[A-Za-z0-9_]+)\s*:=\s*index\s+\$\.Values\.server\s+(\$[A-Za-z0-9_]+)$/.exec(squash(a.inner));
      if (m && m[2] === rangeVar) {
        valuesVar = m[1];
        indexAction = a;
      }
      continue;
    }
    if (cls.kind === 'if') gateAction = a;
    break;
  }
  shape(valuesVar, `${deployment}:${range.line}`, `{{ $serviceValues := index $.Values.server ${rangeVar} }} right after the range`);
  const gateText = gateAction && squash(classify(gateAction).rest);
  const v = valuesVar.replace('$', '\\$');
  let frontendWhen;
  if (gateText === `${valuesVar}.enabled`) frontendWhen = 'falsy';
  else if (new RegExp(`^or \\(not \\(hasKey ${v} "enabled"\\)\\) ${v}\\.enabled$`).test(gateText ?? '')) frontendWhen = 'hasKeyFalsy';
  shape(frontendWhen, `${deployment}:${gateAction?.line ?? range.line}`, `{{ if ${valuesVar}.enabled }} or {{ if or (not (hasKey ${valuesVar} "enabled")) ${valuesVar}.enabled }}`, gateText);
  gates.push({
    id: 'frontend-enabled',
    condition: { when: frontendWhen, path: 'server.frontend.enabled' },
    sites: [
      { template: deployment, line: range.line, text: squash(range.inner) },
      { template: deployment, line: indexAction.line, text: squash(indexAction.inner) },
      { template: deployment, line: gateAction.line, text: squash(gateAction.inner) },
    ],
  });
  const deploymentKey = services.find((s) => s === 'internalFrontend' || s === 'internal-frontend');
  shape(deploymentKey === internalFrontendKey, `${deployment}:${range.line}`, `the services list to name the internal frontend as values.yaml does (${internalFrontendKey})`, deploymentKey);

  // web.enabled
  const web = 'templates/web-deployment.yaml';
  const webIf = wholeFileIf(web, get(web));
  shape(isValues(webIf.cond) && webIf.cond.path.join('.') === 'web.enabled', `${web}:${webIf.line}`, '{{ if .Values.web.enabled }}', webIf.text);
  gates.push({ id: 'web-enabled', condition: { when: 'falsy', path: 'web.enabled' }, sites: [{ template: web, line: webIf.line, text: webIf.text }] });

  // The other generation's internal frontend key.
  const other = internalFrontendKey === 'internalFrontend' ? 'internal-frontend' : 'internalFrontend';
  const mentions = [];
  for (const [file, text] of [...templates].sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const a of scanActions(text)) {
      if (!a.comment && a.inner.includes(other)) mentions.push({ template: file, line: a.line, text: squash(a.inner) });
    }
  }
  const otherSite = { template: deployment, line: range.line, text: squash(range.inner) };
  const enabledReads = mentions.filter((m) =>
    new RegExp(`(index \\$?\\.Values\\.server "${other}"\\)?\\.enabled|hasKey \\$?\\.Values\\.server "${other}"|\\.Values\\.server\\.${other}\\b)`).test(m.text),
  );
  if (mentions.length === 0) {
    // Read nowhere: everything under it is ignored.
    gates.push({ id: 'internal-frontend-key', condition: { when: 'truthy', path: `server.${other}` }, readsInstead: `server.${internalFrontendKey}`, sites: [otherSite] });
  } else if (enabledReads.length === 0) {
    // Named (as a service name), but its `enabled` never read: the internal frontend is enabled from the other key only.
    shape(
      mentions.every((m) => !m.text.includes('.Values')),
      `${mentions[0].template}:${mentions[0].line}`,
      `"${other}" to be named only as a service name, not read from .Values`,
      mentions[0].text,
    );
    gates.push({ id: 'internal-frontend-key', condition: { when: 'present', path: `server.${other}.enabled` }, readsInstead: `server.${internalFrontendKey}.enabled`, sites: [otherSite] });
  } else {
    // Read: it must be a fail in _deprecations.tpl, which is a trap already.
    shape(
      enabledReads.every((m) => m.template.endsWith('_deprecations.tpl')),
      `${enabledReads[0].template}:${enabledReads[0].line}`,
      `server.${other} to be read only by a deprecation check`,
      enabledReads[0].text,
    );
  }
  return gates;
}

// ---------------------------------------------------------------------------------------------
// Keys the lint rules need to know the templates read

/**
 * Values keys some lint rule acts on only where the chart's templates read them: values.yaml
 * mentions them only in comments, and older charts ignore them. The same list is
 * TEMPLATE_READ_KEYS in src/charts/profile.ts (test/chart-traps.test.ts compares them).
 */
export const TEMPLATE_READ_KEYS = ['web.temporalAddress', 'admintools.temporalAddress', 'server.publicClientHostPort', 'server.dynamicConfig'];

/** Which of TEMPLATE_READ_KEYS some template reads as .Values.KEY (or $.Values.KEY) in an action. */
export function templateReads(templates) {
  const actions = [...templates.values()].flatMap((text) => scanActions(text).filter((a) => !a.comment));
  return TEMPLATE_READ_KEYS.filter((key) => {
    const re = new RegExp(`(^|[^\\w.$])\\$?\\.Values\\.${key.replace(/\./g, '\\.')}(?![\\w-])`);
    return actions.some((a) => re.test(a.inner));
  });
}

// ---------------------------------------------------------------------------------------------
// Pod labels: how temporal-auth's NetworkPolicy selects the release's own pods

const HELPERS = 'templates/_helpers.tpl';

function labelShape(ok, where, expected) {
  if (!ok) throw new ShapeError(`${where}: expected ${expected}. The chart's pod labels changed shape: update derivePodLabels in scripts/gen-chart-profile.mjs after reading the templates.`);
}

/**
 * The label keys and component values the chart puts on its pods (_helpers.tpl's
 * temporal.resourceLabels, included by each Deployment and Job), read from the templates: the
 * NetworkPolicy admits the release's server pods, admin tools and schema jobs to the internal
 * frontend by them, so a chart that labels its pods otherwise must not pass unnoticed.
 */
export function derivePodLabels(templates) {
  const get = (file) => {
    const text = templates.get(file);
    labelShape(text !== undefined, file, 'the template to exist');
    return text;
  };
  const helpers = get(HELPERS);
  const start = helpers.search(/\{\{-?\s*define "temporal\.resourceLabels"/);
  labelShape(start >= 0, HELPERS, '{{ define "temporal.resourceLabels" }}');
  const next = helpers.slice(start + 1).search(/\{\{-?\s*define /);
  const body = helpers.slice(start, next < 0 ? undefined : start + 1 + next);
  const labelKey = (value, what) => {
    const m = new RegExp(`^\\s*([a-z0-9./-]+): ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm').exec(body);
    labelShape(m, HELPERS, `temporal.resourceLabels to label ${what} (KEY: ${value})`);
    return m[1];
  };
  const name = labelKey('{{ include "temporal.name" $global }}', 'the chart name');
  const instance = labelKey('{{ index $global "Release" "Name" }}', 'the release name');
  const cm = /with \$scope\s*-?\}\}\s*\n\s*([a-z0-9./-]+): \{\{ \. \}\}/.exec(body);
  labelShape(cm, HELPERS, 'temporal.resourceLabels to label the component: {{ with $scope }} KEY: {{ . }}');

  // Server pods: one Deployment per service, labelled with the service's name.
  const deployment = 'templates/server-deployment.yaml';
  const text = get(deployment);
  const rm = /\{\{-?\s*range\s+(\$\w+)\s*:=\s*\(list((?:\s+"[^"]+")+)\s*\)/.exec(text);
  labelShape(rm, deployment, '{{ range $service := (list "frontend" ...) }}');
  labelShape(text.includes('"temporal.resourceLabels" (list $ $service "pod")'), deployment, 'pods labelled by {{ include "temporal.resourceLabels" (list $ $service "pod") }}');
  let serverComponents = [...rm[2].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  if (rm[1] !== '$service') {
    // 0.x: `$service := include "serviceName" (list $rawService)` spells internalFrontend's pods internal-frontend.
    labelShape(text.includes(`$service := include "serviceName" (list ${rm[1]})`), deployment, `{{ $service := include "serviceName" (list ${rm[1]}) }}`);
    labelShape(
      /define "serviceName"[\s\S]*?if eq \$service "internalFrontend"\s*\}\}\s*\{\{-?\s*print "internal-frontend"/.test(helpers),
      HELPERS,
      'serviceName to map internalFrontend to internal-frontend',
    );
    serverComponents = serverComponents.map((s) => (s === 'internalFrontend' ? 'internal-frontend' : s));
  }
  const scoped = (file, scope, kind) => {
    labelShape(get(file).includes(`"temporal.resourceLabels" (list $ "${scope}" "${kind}")`), file, `pods labelled by {{ include "temporal.resourceLabels" (list $ "${scope}" "${kind}") }}`);
    return scope;
  };
  return {
    name,
    instance,
    component: cm[1],
    serverComponents,
    admintoolsComponent: scoped('templates/admintools-deployment.yaml', 'admintools', 'pod'),
    jobComponent: scoped('templates/server-job.yaml', 'database', ''),
  };
}

// ---------------------------------------------------------------------------------------------
// The Web UI the chart runs

const WEB_UI_REPOSITORY = 'temporalio/ui';
const WEB_UI_IMAGE = '"{{ .Values.web.image.repository }}:{{ .Values.web.image.tag }}"';

/**
 * The Temporal Web UI version the chart's Deployment runs by default: values.yaml's
 * `web.image.tag`, once web-deployment.yaml is seen to build the image from exactly those keys
 * and the repository is temporalio/ui. What the tool writes for the UI (which env vars it
 * reads, its config template) depends on this version, so a tag that is not a plain X.Y.Z
 * (a YAML number such as 2.40, a digest, a `v` prefix) is an error to look at, not a guess.
 */
export function webUiVersionOf(templates, values) {
  const file = 'templates/web-deployment.yaml';
  const text = templates.get(file);
  if (text === undefined) throw new Error(`${file}: expected the template to exist (the Web UI's image is read from it)`);
  if (!text.includes(`image: ${WEB_UI_IMAGE}`))
    throw new Error(`${file}: expected the container image to be image: ${WEB_UI_IMAGE}; update webUiVersionOf in scripts/gen-chart-profile.mjs after reading the template`);
  const repository = valueAt(values, 'web.image.repository');
  if (repository !== WEB_UI_REPOSITORY) throw new Error(`values.yaml: expected web.image.repository ${WEB_UI_REPOSITORY}, found ${JSON.stringify(repository)}`);
  const tag = valueAt(values, 'web.image.tag');
  if (typeof tag !== 'string' || !/^\d+\.\d+\.\d+$/.test(tag)) throw new Error(`values.yaml: expected web.image.tag to be a Web UI version X.Y.Z (a YAML string), found ${JSON.stringify(tag)}`);
  return tag;
}

// ---------------------------------------------------------------------------------------------
// Sanity: the chart's own defaults must trigger no modelled trap or gate.

function checkDefaults(version, values, traps, gates) {
  for (const t of traps) {
    const c = t.condition;
    const v = c.path !== undefined ? valueAt(values, c.path) : undefined;
    const fires =
      c.when === 'truthy'
        ? goTruthy(v)
        : c.when === 'isMap'
          ? v !== null && typeof v === 'object' && !Array.isArray(v)
          : c.when === 'nonEmptyMap'
            ? goTruthy(v) && typeof v === 'object' && !Array.isArray(v)
            : c.when === 'storeHasKey'
              ? (() => {
                  const store = valueAt(values, c.datastoresPath)?.[valueAt(values, c.namePath)];
                  return store !== null && typeof store === 'object' && Object.hasOwn(store, c.key);
                })()
              : false;
    if (fires) throw new Error(`chart ${version}: its own values.yaml triggers ${t.template}:${t.line} (${JSON.stringify(c)}): the condition was misread`);
  }
  for (const g of gates) {
    const c = g.condition;
    const v = valueAt(values, c.path);
    const parent = valueAt(values, c.path.split('.').slice(0, -1).join('.'));
    const has = parent !== null && typeof parent === 'object' && Object.hasOwn(parent, c.path.split('.').pop());
    const fires = c.when === 'falsy' ? !goTruthy(v) : c.when === 'hasKeyFalsy' ? has && !goTruthy(v) : c.when === 'present' ? has : goTruthy(v);
    if (fires) throw new Error(`chart ${version}: its own values.yaml triggers gate ${g.id} (${JSON.stringify(c)})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Sources

function git(gitDir, ...args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function readChartAtTag(gitDir, tag) {
  let commit;
  try {
    commit = git(gitDir, 'rev-parse', '--verify', `${tag}^{commit}`).trim();
  } catch {
    throw new Error(`no tag ${tag} in ${gitDir}`);
  }
  const show = (path) => git(gitDir, 'show', `${commit}:${path}`);
  const files = git(gitDir, 'ls-tree', '-r', '--name-only', commit, `${CHART_PATH}/templates/`).split('\n').filter(Boolean);
  const templates = new Map(files.map((f) => [f.slice(CHART_PATH.length + 1), show(f)]));
  return { chartYaml: show(`${CHART_PATH}/Chart.yaml`), valuesYaml: show(`${CHART_PATH}/values.yaml`), templates, source: { repository: REPOSITORY, tag, commit, path: CHART_PATH } };
}

async function filesUnder(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

export async function readChartFolder(dir) {
  const templates = new Map();
  for (const file of (await filesUnder(join(dir, 'templates'))).sort()) templates.set(relative(dir, file).split('\\').join('/'), await readFile(file, 'utf8'));
  return { chartYaml: await readFile(join(dir, 'Chart.yaml'), 'utf8'), valuesYaml: await readFile(join(dir, 'values.yaml'), 'utf8'), templates, source: null };
}

// ---------------------------------------------------------------------------------------------
// Output

const lit = (v) => JSON.stringify(v);
const obj = (o) =>
  `{ ${Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v]) => `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? obj(v) : Array.isArray(v) ? `[${v.map((x) => (typeof x === 'object' ? obj(x) : lit(x))).join(', ')}]` : lit(v)}`,
    )
    .join(', ')} }`;

export const TABLES_DIR = `${PROFILES_DIR}/tables`;

/**
 * One of a profile's tables (keys, traps, gates) as a module of its own, named by its content:
 * releases whose tables are identical share the file, and a table changes name when it changes.
 */
function table(kind, type, body) {
  const text = [
    `// Generated by scripts/gen-chart-profile.mjs: a chart profile's ${kind} table, shared by every profile in ../ that exports it (those releases' tables are identical). Do not edit.`,
    `import type { ${type.replace(/^readonly |\[\]$/g, '')} } from '../../profile.js';`,
    '',
    `export const ${kind} = (): ${type} => ${body};`,
    '',
  ].join('\n');
  const name = `${kind}-${createHash('sha256').update(text).digest('hex').slice(0, 12)}.generated.ts`;
  return { path: `${TABLES_DIR}/${name}`, text, name };
}

const tableRef = (t) => `tables/${t.name.replace(/\.ts$/, '.js')}`;

/** The table files the profiles in the folder import. */
async function referencedTables() {
  const names = new Set();
  for (const f of await readdir(PROFILES_DIR)) {
    if (!PROFILE_FILE.test(f)) continue;
    for (const m of (await readFile(join(PROFILES_DIR, f), 'utf8')).matchAll(/from '\.\/tables\/([^']+)\.js'/g)) names.add(`${m[1]}.ts`);
  }
  return names;
}

/** { path, text, tables } of the profile for a chart's files (tables: the files it imports). */
export function generate(chartFiles) {
  const chart = parse(chartFiles.chartYaml);
  const values = parse(chartFiles.valuesYaml);
  const version = String(chart.version);
  if (chartFiles.source && chartFiles.source.tag !== `temporal-${version}`) throw new Error(`${chartFiles.source.tag}: Chart.yaml says version ${version}`);
  const keys = walk(values, '', {});
  const id = version.replace(/[^0-9A-Za-z]/g, '_');
  // The internal frontend's ports, which the NetworkPolicy admits traffic to.
  const internalFrontendKey = values.server['internal-frontend'] ? 'internal-frontend' : 'internalFrontend';
  const ifService = values.server[internalFrontendKey].service;
  const internalFrontendPorts = { grpc: ifService.port, membership: ifService.membershipPort, http: ifService.httpPort };
  const traps = findTraps(chartFiles.templates, values);
  const gates = deriveGates(chartFiles.templates, internalFrontendKey);
  checkDefaults(version, values, traps, gates);
  const webUiVersion = webUiVersionOf(chartFiles.templates, values);
  const podLabels = derivePodLabels(chartFiles.templates);
  const reads = templateReads(chartFiles.templates);
  const modelled = traps.filter((t) => t.condition.when !== 'unmodelled').length;
  const src = chartFiles.source;
  const from = src ? `${src.repository} ${src.path}/ at tag ${src.tag} (commit ${src.commit})` : `a chart folder (no commit recorded: regenerate with --git/--tag before committing)`;
  const tables = {
    keys: table('keys', 'ChartValuesKeys', `(${JSON.stringify(keys, null, 2)})`),
    traps: table(
      'traps',
      'readonly ChartTrap[]',
      ['[', ...traps.map((t) => `  ${obj({ template: t.template, line: t.line, guardLine: t.guardLine, call: t.call, message: t.message, condition: t.condition })},`), ']'].join('\n'),
    ),
    gates: table('gates', 'readonly ChartGate[]', ['[', ...gates.map((g) => `  ${obj({ id: g.id, condition: g.condition, readsInstead: g.readsInstead, sites: g.sites })},`), ']'].join('\n')),
  };
  const L = [
    `// Generated by scripts/gen-chart-profile.mjs from the official chart ${chart.name} ${version}: ${from}.`,
    `// Read: Chart.yaml, values.yaml, templates/ (${chartFiles.templates.size} files). Do not edit.`,
    src
      ? `// Regenerate: node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag ${src.tag}; verify: add --check (needs that git history).`
      : '// Regenerate: node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-<version>.',
    "import type { ChartPodLabels, ChartSource, TemplateReadKey } from '../profile.js';",
    '',
    `export const chartVersion = ${lit(version)};`,
    `export const appVersion = ${lit(String(chart.appVersion))};`,
    `/** The Web UI (temporalio/ui) version the chart runs: values.yaml web.image.tag. */`,
    `export const webUiVersion = ${lit(webUiVersion)};`,
    `export const internalFrontendPorts = ${lit(internalFrontendPorts)};`,
    `/** How the chart labels its pods (_helpers.tpl temporal.resourceLabels): what the NetworkPolicy selects. */`,
    `export const podLabels: ChartPodLabels = ${obj(podLabels)};`,
    `/** Of the keys lint rules ask about (TEMPLATE_READ_KEYS), those the templates read. */`,
    `export const templateReads: readonly TemplateReadKey[] = ${lit(reads)};`,
    '',
    `export const source: ChartSource | null = ${src ? obj(src) : 'null'};`,
    '',
    '// The tables are functions, each in a file named by its content that releases with an identical table share: a run builds',
    '// only the profile it targets (src/charts/index.ts), and the CLI bundle holds each distinct table once (start-up, bench/).',
    `/** values.yaml's key paths and their kinds (${Object.keys(keys).length}). */`,
    `export { keys } from './${tableRef(tables.keys)}';`,
    `/** Every fail and required call in templates/ (${traps.length}: ${modelled} with a condition the tool evaluates, ${traps.length - modelled} unmodelled). */`,
    `export { traps } from './${tableRef(tables.traps)}';`,
    '/** The `if`s that make the chart silently ignore the auth settings temporal-auth writes. */',
    `export { gates } from './${tableRef(tables.gates)}';`,
    '',
  ];
  return {
    path: `${PROFILES_DIR}/v${id}.generated.ts`,
    text: L.join('\n'),
    tables: Object.values(tables).map(({ path, text }) => ({ path, text })),
    summary: `Web UI ${webUiVersion}, ${Object.keys(keys).length} key paths, ${traps.length} traps (${modelled} modelled), ${gates.length} gates`,
  };
}

// ---------------------------------------------------------------------------------------------
// Command line

function usage(message) {
  console.error(`${message}
usage: node scripts/gen-chart-profile.mjs <chart dir with Chart.yaml, values.yaml, templates/>
       node scripts/gen-chart-profile.mjs --git <helm-charts git dir> --tag temporal-X.Y.Z [--tag ...] [--check]
       (--check without --tag checks every committed profile; it needs --git: the chart sources are not shipped)`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { tags: [], check: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (name) => (a === name ? argv[++i] : a.slice(name.length + 1));
    if (a === '--check') args.check = true;
    else if (a === '--git' || a.startsWith('--git=')) args.git = value('--git');
    else if (a === '--tag' || a.startsWith('--tag=')) args.tags.push(value('--tag'));
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (args.dir === undefined) args.dir = a;
    else usage(`unexpected argument ${a}`);
  }
  if (args.dir && (args.git || args.tags.length)) usage('give a chart folder or --git/--tag, not both');
  if (args.tags.length && !args.git) usage('--tag needs --git');
  if (args.check && !args.git) usage('--check needs --git <helm-charts git dir>: the committed profiles cite a tag and commit, which only that history reproduces');
  if (!args.dir && !args.git) usage('missing the chart folder or --git');
  return args;
}

const PROFILE_FILE = /^v(\d+)_(\d+)_(\d+)\.generated\.ts$/;

/** The chart versions of the profiles among a folder's file names, oldest first. */
function profileVersions(fileNames) {
  return fileNames
    .map((f) => PROFILE_FILE.exec(f))
    .filter(Boolean)
    .map((m) => [m[1], m[2], m[3]].map(Number))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

async function committedTags() {
  return profileVersions(await readdir(PROFILES_DIR)).map((v) => `temporal-${v.join('.')}`);
}

export const PROFILES_INDEX = `${PROFILES_DIR}/index.generated.ts`;

/**
 * src/charts/profiles/index.generated.ts: every profile in the folder, oldest chart first, so a
 * new profile is supported by being generated. A static import list rather than reading the
 * folder at run time: the CLI is one bundle, and the library's ES modules are bundled too.
 */
export function profilesIndexText(fileNames) {
  const ids = profileVersions(fileNames).map((v) => `v${v.join('_')}`);
  return [
    '// Generated by scripts/gen-chart-profile.mjs: every chart profile in this folder, oldest chart first. Do not edit.',
    '// src/charts/index.ts serves them: they are the supported chart versions wherever code, lint messages or the README list those.',
    "import type { GeneratedProfileModule } from '../profile.js';",
    ...ids.map((id) => `import * as ${id} from './${id}.generated.js';`),
    '',
    `export const GENERATED_PROFILES: readonly GeneratedProfileModule[] = [${ids.join(', ')}];`,
    '',
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const inputs = [];
  if (args.dir) inputs.push(await readChartFolder(args.dir));
  else for (const tag of args.tags.length ? args.tags : await committedTags()) inputs.push(readChartAtTag(args.git, tag));
  const stale = [];
  for (const input of inputs) {
    const { path, text, summary, tables } = generate(input);
    const where = relative(root, path);
    if (args.check) {
      const differ = [];
      for (const f of [{ path, text }, ...tables]) if ((await readFile(f.path, 'utf8').catch(() => '')) !== f.text) differ.push(relative(root, f.path));
      if (differ.length) stale.push({ where: differ.join(', '), tag: input.source.tag });
      else console.error(`${where} is up to date (${summary})`);
    } else {
      await mkdir(TABLES_DIR, { recursive: true });
      for (const t of tables) await writeFile(t.path, t.text);
      await writeFile(path, text);
      console.error(`wrote ${where} (${summary})`);
    }
  }
  // A table no profile imports any more: removed (stale under --check).
  const used = await referencedTables();
  const orphans = (await readdir(TABLES_DIR).catch(() => [])).filter((f) => !used.has(f));
  if (args.check) {
    if (orphans.length) stale.push({ where: orphans.map((f) => `${relative(root, TABLES_DIR)}/${f} (imported by no profile)`).join(', ') });
  } else
    for (const f of orphans) {
      await rm(join(TABLES_DIR, f));
      console.error(`removed ${relative(root, TABLES_DIR)}/${f} (imported by no profile)`);
    }
  // The index lists the profiles on disk (after this run's writes), so it follows every run.
  const index = profilesIndexText(await readdir(PROFILES_DIR));
  const indexWhere = relative(root, PROFILES_INDEX);
  if (args.check) {
    if ((await readFile(PROFILES_INDEX, 'utf8').catch(() => '')) !== index) stale.push({ where: indexWhere });
    else console.error(`${indexWhere} is up to date`);
  } else {
    await writeFile(PROFILES_INDEX, index);
    console.error(`wrote ${indexWhere}`);
  }
  if (stale.length) {
    const tags = stale.filter((s) => s.tag).map((s) => ` --tag ${s.tag}`);
    console.error(
      `stale: ${stale.map((s) => s.where).join(', ')}\nrun \`node scripts/gen-chart-profile.mjs --git <helm-charts git dir>${tags.length ? tags.join('') : ' --tag <any committed tag>'}\``,
    );
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof ShapeError ? `gen-chart-profile: ${err.message}` : err);
    process.exit(1);
  });
}
