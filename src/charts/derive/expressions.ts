// Template expressions resolved to the values paths they read.
import type { Node } from './go-template.js';

/** An expression with `.Values`/`$.Values` and the variables bound to them resolved. */
export type Resolved = { n: 'values'; path: string[] } | { n: 'opaque'; why: string } | { n: 'call'; fn: string; args: Resolved[] } | Extract<Node, { n: 'str' | 'num' | 'bool' | 'nil' | 'decl' }>;

/** Variables assigned so far in a template (or define). */
export type Env = Map<string, Resolved>;

/** Resolves variables and `.Values`/`$.Values` to { n: 'values', path } where it can. */
export function resolve(node: Node, env: Env): Resolved {
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

export const isValues = (x: Resolved | undefined): x is { n: 'values'; path: string[] } => x?.n === 'values';
export const isStr = (x: Resolved | undefined, v?: string): x is { n: 'str'; v: string } => x?.n === 'str' && (v === undefined || x.v === v);
export const isCall = (x: Resolved | undefined, fn: string, arity?: number): x is { n: 'call'; fn: string; args: Resolved[] } =>
  x?.n === 'call' && x.fn === fn && (arity === undefined || x.args.length === arity);
export const samePath = (a: Resolved | undefined, b: Resolved | undefined): boolean => isValues(a) && isValues(b) && a.path.join('.') === b.path.join('.');
/** `default D X` (or `X | default D`) with D the given literal kind: returns X. */
export const unwrapDefault = (x: Resolved | undefined, literal: 'str' | 'dict'): Resolved | undefined =>
  isCall(x, 'default', 2) && (literal === 'str' ? isStr(x.args[0], '') : isCall(x.args[0], 'dict', 0)) ? x.args[1] : undefined;
