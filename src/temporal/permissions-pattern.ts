import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

// Loaded on first use, synchronously: only specs with a permissionsRegex pay
// for the engine, and render and validate start without it.
let engine: typeof RE2JS | undefined;
const re2 = (): typeof RE2JS => (engine ??= (createRequire(import.meta.url)('re2js') as typeof import('re2js')).RE2JS);

/**
 * Temporal's `permissionsRegex` (server >= 1.29), compiled as the server
 * compiles it: Go's regexp, i.e. RE2 syntax (`(?i)`, `(?P<name>...)`) and
 * linear-time matching, so a hostile claim cannot make evaluation hang. The
 * server keeps the regex only when it compiles and has both the `namespace`
 * and `role` named groups; otherwise it logs a warning and parses plain
 * `namespace:role` strings.
 */
export type PermissionsPattern = { usable: true; match(permission: string): { namespace: string; role: string } | undefined } | { usable: false; why: string };

export function compilePermissionsPattern(source: string): PermissionsPattern {
  let re: RE2JS;
  try {
    re = re2().compile(source);
  } catch (err) {
    return { usable: false, why: `it does not compile as a Go (RE2) regular expression: ${(err as Error).message.split('\n')[0]}` };
  }
  const groups = re.namedGroups();
  const missing = ['namespace', 'role'].filter((g) => !Object.hasOwn(groups, g));
  if (missing.length > 0) return { usable: false, why: `it lacks the named group${missing.length > 1 ? 's' : ''} ${missing.map((g) => `(?P<${g}>...)`).join(' and ')}` };
  return {
    usable: true,
    // FindStringSubmatch: the leftmost match anywhere in the string, not anchored.
    match(permission) {
      const m = re.matcher(permission);
      if (!m.find()) return undefined;
      return { namespace: m.group('namespace') ?? '', role: m.group('role') ?? '' };
    },
  };
}

/**
 * How the stock claim mapper reads permission strings, and how to write one
 * it reads as a given grant: the two directions of one definition, so what
 * the identity provider is told to emit (idp-permissions.yaml and the
 * provider files) is exactly what the server's mapper (and explain) reads.
 */
export interface PermissionFormat {
  /** The regex in force; undefined when the mapper parses plain `namespace:role` strings. */
  regex?: string;
  /** Why a configured regex is ignored (the server then parses plain strings). */
  regexIgnored?: string;
  /** What the mapper reads from one string (role as written: the mapper lowercases it), or nothing. */
  read(permission: string): { namespace: string; role: string } | undefined;
  /**
   * A string the mapper reads as exactly `namespace` and `role`, checked by
   * running `read` on it; undefined when none can be written (the regex
   * cannot yield that namespace, or its structure is beyond the writer).
   */
  write(namespace: string, role: string): string | undefined;
}

// default_jwt_claim_mapper.go: strings.SplitN(p, ":", 2) and len(parts) == 2.
const readPlain = (permission: string) => {
  const at = permission.indexOf(':');
  return at < 0 ? undefined : { namespace: permission.slice(0, at), role: permission.slice(at + 1) };
};

const formats = new Map<string, PermissionFormat>();
let plainFormat: PermissionFormat | undefined;

/**
 * The mapper's format for a permissionsRegex (undefined: none, or a server
 * that does not read it): the regex when it is usable, else plain strings,
 * as the server falls back. Cached per regex; reads and writes are memoised
 * (a matrix reads the same strings for many principals).
 */
export function permissionFormat(regex: string | undefined): PermissionFormat {
  if (regex === undefined) return (plainFormat ??= makeFormat(undefined, readPlain, undefined));
  let format = formats.get(regex);
  if (!format) {
    const pattern = compilePermissionsPattern(regex);
    format = pattern.usable ? makeFormat(regex, (p) => pattern.match(p), regex) : makeFormat(undefined, readPlain, undefined, pattern.why);
    if (formats.size > 64) formats.clear();
    formats.set(regex, format);
  }
  return format;
}

function makeFormat(regex: string | undefined, parse: PermissionFormat['read'], structure: string | undefined, regexIgnored?: string): PermissionFormat {
  const reads = new Map<string, ReturnType<PermissionFormat['read']>>();
  const writes = new Map<string, string | undefined>();
  const templates = structure === undefined ? [] : candidateTemplates(structure);
  const read = (permission: string) => {
    if (reads.has(permission)) return reads.get(permission);
    const parsed = parse(permission);
    // Only short strings are kept (a token's claim can hold anything), and only so many.
    if (permission.length <= 512) {
      if (reads.size >= 10_000) reads.clear();
      reads.set(permission, parsed);
    }
    return parsed;
  };
  const write = (namespace: string, role: string) => {
    const key = `${namespace}\u0000${role}`;
    if (writes.has(key)) return writes.get(key);
    let written: string | undefined;
    // The role as the spec spells it (lower case) first; the mapper lowercases roles, so an upper-case form counts too.
    const roles = [...new Set([role, role.toUpperCase(), role.charAt(0).toUpperCase() + role.slice(1)])];
    search: for (const template of [...templates, PLAIN_TEMPLATE]) {
      for (const r of roles) {
        const candidate = template.map((part) => (part === NAMESPACE ? namespace : part === ROLE ? r : part)).join('');
        const got = read(candidate);
        if (got && got.namespace === namespace && got.role.toLowerCase() === role) {
          written = candidate;
          break search;
        }
      }
    }
    writes.set(key, written);
    return written;
  };
  return { regex, regexIgnored, read, write };
}

// A template is literal text with the two slots.
const NAMESPACE = Symbol('namespace');
const ROLE = Symbol('role');
type Part = string | typeof NAMESPACE | typeof ROLE;
type Template = Part[];
const PLAIN_TEMPLATE: Template = [NAMESPACE, ':', ROLE];
/** At most this many candidate strings from one regex (alternations multiply). */
const MAX_TEMPLATES = 32;

class Unsupported extends Error {}

/**
 * Candidate strings from a regex's structure, when it is a sequence of
 * literals (escaped or in \Q...\E), anchors and flags, the `namespace` and
 * `role` groups (filled with the value whatever they hold), non-capturing or
 * other groups of the same, alternations (each branch), one-character classes
 * (their first character) and counted repeats of those. Anything else (`.`,
 * `\d`, negated classes...) gives no template: the plain string is still
 * tried. Every candidate is checked by running the regex on it, so a
 * template is only a guess.
 */
function candidateTemplates(source: string): Template[] {
  try {
    const parser = new StructureParser(source);
    const alternatives = parser.alternation();
    if (parser.pos !== source.length) throw new Unsupported();
    return alternatives.filter((t) => t.includes(NAMESPACE) && t.includes(ROLE));
  } catch (err) {
    if (err instanceof Unsupported) return [];
    throw err;
  }
}

const product = (a: Template[], b: Template[]): Template[] => {
  const out: Template[] = [];
  for (const x of a) for (const y of b) if (out.length < MAX_TEMPLATES) out.push([...x, ...y]);
  return out;
};

class StructureParser {
  pos = 0;
  constructor(private readonly s: string) {}

  /** branch ('|' branch)*: the union of the branches' templates. */
  alternation(): Template[] {
    const out = [...this.sequence()];
    while (this.s[this.pos] === '|') {
      this.pos++;
      out.push(...this.sequence());
    }
    return out.slice(0, MAX_TEMPLATES);
  }

  private sequence(): Template[] {
    let acc: Template[] = [[]];
    while (this.pos < this.s.length && this.s[this.pos] !== '|' && this.s[this.pos] !== ')') {
      const item = this.atom();
      acc = product(acc, this.repeat(item));
    }
    return acc;
  }

  /** A quantifier after an atom: the fewest repetitions it allows, at least one for a slot (a group that must show). */
  private repeat(item: Template[]): Template[] {
    const c = this.s[this.pos];
    let min: number;
    if (c === '?' || c === '*') {
      this.pos++;
      min = 0;
    } else if (c === '+') {
      this.pos++;
      min = 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(this.s.slice(this.pos));
      if (!m) throw new Unsupported();
      this.pos += m[0].length;
      min = Number(m[1]);
      if (min > 16) throw new Unsupported();
    } else return item;
    if (this.s[this.pos] === '?') this.pos++; // lazy
    const slots = item.some((t) => t.includes(NAMESPACE) || t.includes(ROLE));
    if (slots) return item;
    let out: Template[] = [[]];
    for (let i = 0; i < min; i++) out = product(out, item);
    return out;
  }

  private atom(): Template[] {
    const s = this.s;
    const c = s[this.pos]!;
    if (c === '^' || c === '$') {
      this.pos++;
      return [[]];
    }
    if (c === '(') return this.group();
    if (c === '[') {
      const first = this.bracketClass();
      if (first === undefined) throw new Unsupported();
      return [[first]];
    }
    if (c === '\\') return [[this.escape()]];
    if ('.*+?{}'.includes(c)) throw new Unsupported();
    const cp = s.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return [[ch]];
  }

  private group(): Template[] {
    const rest = this.s.slice(this.pos);
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named && (named[1] === 'namespace' || named[1] === 'role')) {
      this.pos += named[0].length;
      this.skipToClose();
      return [[named[1] === 'namespace' ? NAMESPACE : ROLE]];
    }
    const flags = /^\(\?([imsU-]*)(:|\))/.exec(rest);
    if (flags && flags[2] === ')') {
      // (?flags): changes how what follows matches, not what can be written literally; the check decides.
      this.pos += flags[0].length;
      return [[]];
    }
    // Another named group, (?:...) or (?flags:...), or a plain capturing group: its body is part of the sequence.
    if (named) this.pos += named[0].length;
    else if (flags) this.pos += flags[0].length;
    else if (rest.startsWith('(?')) throw new Unsupported();
    else this.pos += 1;
    const inner = this.alternation();
    if (this.s[this.pos] !== ')') throw new Unsupported();
    this.pos++;
    return inner;
  }

  /** Past the body of a group and its ')', whatever it holds (nested groups, classes, escapes). */
  private skipToClose(): void {
    let depth = 1;
    while (this.pos < this.s.length) {
      const c = this.s[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === '[') this.bracketClass();
      else {
        this.pos++;
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) return;
      }
    }
    throw new Unsupported();
  }

  /** Past a bracketed class; its first character when it is a plain positive one, else undefined. */
  private bracketClass(): string | undefined {
    const s = this.s;
    let i = this.pos + 1;
    const negated = s[i] === '^';
    if (negated) i++;
    let first: string | undefined;
    let firstOk = true;
    let start = true;
    for (; i < s.length; i++) {
      const c = s[i]!;
      if (c === ']' && !start) break;
      if (c === '[' && s[i + 1] === ':') {
        const end = s.indexOf(':]', i + 2);
        if (end < 0) throw new Unsupported();
        if (first === undefined) firstOk = false;
        i = end + 1;
      } else if (c === '\\') {
        const next = s[i + 1] ?? '';
        if (first === undefined) {
          if (/[A-Za-z0-9]/.test(next)) firstOk = false;
          else first = next;
        }
        i++;
        if (/[pP]/.test(next) && s[i + 1] === '{') i = s.indexOf('}', i);
        if (i < 0) throw new Unsupported();
      } else if (first === undefined) first = c;
      start = false;
    }
    if (i >= s.length) throw new Unsupported();
    this.pos = i + 1;
    return negated || !firstOk ? undefined : first;
  }

  /** An escape outside a class: a literal (punctuation, \Q...\E, \t \n \r \f \v \x..), an empty anchor (\A \z \b \B), else unsupported. */
  private escape(): string {
    const s = this.s;
    const next = s[this.pos + 1];
    if (next === undefined) throw new Unsupported();
    if (next === 'Q') {
      const end = s.indexOf('\\E', this.pos + 2);
      const text = s.slice(this.pos + 2, end < 0 ? s.length : end);
      this.pos = end < 0 ? s.length : end + 2;
      return text;
    }
    const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', a: '\u0007', A: '', z: '', b: '', B: '' };
    if (Object.hasOwn(simple, next)) {
      this.pos += 2;
      return simple[next]!;
    }
    if (next === 'x') {
      const m = /^\\x(?:([0-9A-Fa-f]{2})|\{([0-9A-Fa-f]{1,6})\})/.exec(s.slice(this.pos));
      if (!m) throw new Unsupported();
      this.pos += m[0].length;
      return String.fromCodePoint(parseInt(m[1] ?? m[2]!, 16));
    }
    if (/[A-Za-z0-9]/.test(next)) throw new Unsupported();
    const ch = String.fromCodePoint(s.codePointAt(this.pos + 1)!);
    this.pos += 1 + ch.length;
    return ch;
  }
}
