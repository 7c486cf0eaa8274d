// Traps: every `fail` and `required` call in a chart's templates, with the condition (read from
// the `if`s guarding it) under which a user's values make it fire, where the shape is one the
// tool evaluates.
import type { ChartTrap, TrapCondition } from '../profile.js';
import { ChartDeriveError } from './errors.js';
import { type Env, isCall, isStr, isValues, type Resolved, resolve, samePath, unwrapDefault } from './expressions.js';
import { type Action, type Frame, parseAction, scanActions, squash, tokenize, walkBlocks } from './go-template.js';
import { valueAt } from './values.js';

/**
 * The condition of a trap from the `if`s guarding it (outermost first, each in its first
 * branch), or undefined when the shape is not one the tool evaluates.
 */
export function recogniseCondition(guards: readonly Resolved[], chartValues: unknown): TrapCondition | undefined {
  if (guards.length === 1) {
    const g = guards[0]!;
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
    const [outer, inner] = guards as [Resolved, Resolved];
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

interface Call {
  fn: 'fail' | 'required';
  offset: number;
  message: string;
  args: number;
}

/** fail / required calls in an action: { fn, offset, message } (the message's format string). */
function callsIn(action: Action): Call[] {
  const tokens = tokenize(action.inner);
  const calls: Call[] = [];
  tokens.forEach((tok, i) => {
    if (tok.t !== 'ident' || (tok.v !== 'fail' && tok.v !== 'required')) return;
    const next = tokens[i + 1];
    const printf = tokens[i + 2];
    const format = tokens[i + 3];
    let message: string | undefined;
    let args = 0;
    if (next?.t === 'str') message = next.v;
    else if (next?.t === '(' && printf?.t === 'ident' && printf.v === 'printf' && format?.t === 'str') message = format.v;
    // Count the call's arguments (required takes two: the message and the value).
    let depth = 0;
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j]!.t;
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

/** A guard's text in a note, cut short past this many characters (the official chart's are far shorter). */
const MAX_LABEL = 300;
/** Guards longer than this are not parsed (for every trap under them): unmodelled. */
const MAX_GUARD = 10_000;
/** Most fail/required calls in a chart (the official chart has 24 at most). */
export const MAX_TRAPS = 1000;

const cut = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL)}...` : text);

function frameLabel(frame: Frame): string {
  const label = (kind: string, rest: string | undefined, line: number) => `${kind} ${cut(squash(rest ?? ''))}`.trim() + ` (L${line})`;
  if (frame.branch === 0) return label(frame.kind, frame.rest, frame.line);
  const last = frame.branches[frame.branches.length - 1]!;
  return `${label(frame.kind, frame.rest, frame.line)}, branch ${last.chained ? `else ${last.chained} ${cut(squash(last.rest ?? ''))}` : 'else'} (L${last.line})`;
}

const isPartial = (file: string) => (file.split('/').pop() ?? '').startsWith('_');

/**
 * Every fail and required call in the templates, in file and line order. `templates` maps a
 * chart-relative path (templates/x.yaml) to its text.
 */
export function findTraps(templates: ReadonlyMap<string, string>, chartValues: unknown): ChartTrap[] {
  const parsed = new Map<string, Action[]>();
  for (const [file, text] of templates) parsed.set(file, scanActions(text));

  // Defines included unconditionally from the top level of a rendered template, with `.` as data.
  const topLevelIncludes = new Map<string, { file: string; line: number }>();
  for (const [file, actions] of parsed) {
    if (isPartial(file)) continue; // partials render nothing themselves
    walkBlocks(file, actions, ({ action, cls, stack }) => {
      if (cls.kind !== 'pipeline' || stack.length > 0) return;
      const m = /^include\s+"([^"]+)"\s+(\.|\$)$/.exec(squash(action.inner));
      if (m && !topLevelIncludes.has(m[1]!)) topLevelIncludes.set(m[1]!, { file, line: action.line });
    });
  }

  const traps: ChartTrap[] = [];
  for (const [file, actions] of parsed) {
    const env: Env = new Map(); // variables assigned so far in this file (or define)
    walkBlocks(file, actions, ({ action, cls, stack }) => {
      if (cls.kind === 'define') env.clear();
      if (cls.kind === 'pipeline') {
        const m = /^(\$[A-Za-z0-9_]+)\s*:?=/.exec(squash(action.inner));
        if (m) {
          try {
            const node = parseAction(action.inner);
            if (node.n !== 'decl') throw new ChartDeriveError('syntax', 'not a declaration');
            env.set(m[1]!, resolve(node.value, env));
          } catch (err) {
            if (!(err instanceof ChartDeriveError)) throw err;
            env.delete(m[1]!);
          }
        }
      }
      if (cls.kind === 'comment' || cls.kind === 'end') return;
      for (const call of callsIn(action)) {
        if (traps.length >= MAX_TRAPS) throw new ChartDeriveError('shape', `${file}:${action.line}: more than ${MAX_TRAPS} fail and required calls in templates/ (is this the temporal chart?)`);
        const line = action.lineAtOffset(call.offset);
        const { condition, guardLine } = conditionOf(file, stack, env, call, chartValues, topLevelIncludes);
        const trap: ChartTrap = { template: file, line, call: call.fn, message: call.message, condition };
        traps.push(guardLine === undefined ? trap : { ...trap, guardLine });
      }
    });
  }
  traps.sort((a, b) => (a.template === b.template ? a.line - b.line : a.template < b.template ? -1 : 1));
  return traps;
}

function conditionOf(
  file: string,
  stack: readonly Frame[],
  env: Env,
  call: Call,
  chartValues: unknown,
  topLevelIncludes: ReadonlyMap<string, { file: string; line: number }>,
): { condition: TrapCondition; guardLine?: number } {
  const frames = [...stack];
  const where: string[] = [];
  let reachable: string | undefined;
  if (frames[0]?.kind === 'define') {
    const name = /^"([^"]+)"/.exec(frames[0].rest)?.[1];
    const site = name === undefined ? undefined : topLevelIncludes.get(name);
    where.push(`define "${name}" (L${frames[0].line})`);
    frames.shift();
    reachable = site ? `${site.file}:${site.line} includes it unconditionally` : undefined;
  } else if (!isPartial(file)) {
    reachable = 'top level';
  }
  const unmodelled = (why: string) => {
    const guards = [...where, ...frames.map(frameLabel)].join(' > ');
    const value = call.fn === 'required' ? (call.args < 2 ? '; called with the message only, so it is a template error (wrong number of arguments) rather than this message' : '') : '';
    return { condition: { when: 'unmodelled', note: `${why}: ${guards || 'top level'}${value}` } as const };
  };
  if (call.fn === 'required') return unmodelled('required on a value computed in the template');
  if (!reachable) return unmodelled('in a helper not included unconditionally');
  if (frames.length === 0) return unmodelled('unconditional');
  if (frames.some((f) => f.kind !== 'if' || f.branch !== 0)) return unmodelled('under a range, with or else branch');
  if (frames.some((f) => f.rest.length > MAX_GUARD)) return unmodelled(`guard not parsed (over ${MAX_GUARD} characters)`);
  let guards: Resolved[];
  try {
    guards = frames.map((f) => resolve(parseAction(f.rest), env));
  } catch (err) {
    if (!(err instanceof ChartDeriveError)) throw err;
    return unmodelled(`guard not parsed (${err.message})`);
  }
  const condition = recogniseCondition(guards, chartValues);
  if (!condition) return unmodelled('guard not recognised');
  return { condition, guardLine: frames[0]!.line };
}
