import { readFileSync } from 'node:fs';
import type { ErrorObject } from 'ajv';
import { packagePath } from '../util/package-root.js';
import { validate } from './schema-validator.generated.js';
import type { Path } from './source.js';
import type { AuthSpec } from './spec.types.generated.js';
import { valueAt } from './value-at.js';

/** A schema violation with its JSON path, before it is given a file position. */
export interface SchemaIssue {
  path: Path;
  at: 'key' | 'value';
  keyword: string;
  message: string;
}

// The validator is the schema compiled ahead of time (scripts/gen-validator.mjs):
// allErrors (every problem at once), useDefaults (the schema's `default`s are
// the only place defaults live). Messages quote the schema's own descriptions
// and key lists, read from the schema file only when there is an error.
let schemaDocument: Record<string, unknown> | undefined;
// Looked up once per schema path: a spec with 250,000 unknown keys has 250,000 errors at one path.
const parentSchemas = new Map<string, { description?: string; properties?: object }>();
const allowedKeyLists = new Map<string, string>();

/** The schema node an error's schemaPath points into (the keyword's parent). */
function parentSchemaOf(err: ErrorObject): { description?: string; properties?: object } {
  let parent = parentSchemas.get(err.schemaPath);
  if (parent === undefined) {
    schemaDocument ??= JSON.parse(readFileSync(packagePath('schemas', 'temporal-auth.schema.json'), 'utf8')) as Record<string, unknown>;
    const segments = err.schemaPath.replace(/^#\//, '').split('/').slice(0, -1);
    let node: unknown = schemaDocument;
    for (const s of segments) node = (node as Record<string, unknown> | undefined)?.[s.replace(/~1/g, '/').replace(/~0/g, '~')];
    parent = (node ?? {}) as { description?: string; properties?: object };
    parentSchemas.set(err.schemaPath, parent);
  }
  return parent;
}

/** The keys an additionalProperties error's object allows, as the message lists them. */
function allowedKeys(err: ErrorObject): string {
  let list = allowedKeyLists.get(err.schemaPath);
  if (list === undefined) {
    list = Object.keys(parentSchemaOf(err).properties ?? {})
      .filter((k) => k !== '$schema')
      .join(', ');
    allowedKeyLists.set(err.schemaPath, list);
  }
  return list;
}

/**
 * Validates (and fills schema defaults into) `data`. On success the same
 * object is returned typed as the spec.
 */
export function validateSchema(data: unknown): { ok: true; spec: AuthSpec } | { ok: false; issues: SchemaIssue[] } {
  if (validate(data)) return { ok: true, spec: data };
  return { ok: false, issues: toIssues(validate.errors ?? [], data) };
}

function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function typePhrase(type: unknown): string {
  const t = String(type);
  const article = /^[aeiou]/.test(t) ? 'an' : 'a';
  return t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : `${article} ${t}`;
}

function listing(values: unknown): string {
  return (values as unknown[]).map((v) => JSON.stringify(v)).join(', ');
}

/** The value the error is about (a property name, or the value at its path in `data`): looked up only by the messages that quote it. */
function describe(err: ErrorObject, data: unknown, path: Path): Omit<SchemaIssue, 'path' | 'keyword'> & { extraKey?: string } {
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties':
      return {
        at: 'key',
        extraKey: String(p.additionalProperty),
        message: `unknown key "${String(p.additionalProperty)}"; remove it or use one of: ${allowedKeys(err)}`,
      };
    case 'required':
      return { at: 'value', message: `missing required key "${String(p.missingProperty)}"; add it` };
    case 'type':
      return { at: 'value', message: `must be ${typePhrase(p.type)}` };
    case 'enum':
      return { at: 'value', message: `must be one of: ${listing(p.allowedValues)}` };
    case 'const':
      return { at: 'value', message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern': {
      const description = parentSchemaOf(err).description;
      return {
        at: 'value',
        message: description
          ? `${JSON.stringify(err.propertyName ?? valueAt(data, path))} is invalid: write ${description}`
          : `${JSON.stringify(err.propertyName ?? valueAt(data, path))} is invalid; it must match ${String(p.pattern)}`,
      };
    }
    case 'not': {
      // Only where the schema says what to write instead (providerOptions' reserved names).
      const description = parentSchemaOf(err).description;
      if (!description) return { at: 'value', message: err.message ?? 'fails not' };
      return { at: err.propertyName === undefined ? 'value' : 'key', message: `${JSON.stringify(err.propertyName ?? valueAt(data, path))} is not allowed: write ${description}` };
    }
    case 'format':
      return { at: 'value', message: `${JSON.stringify(err.propertyName ?? valueAt(data, path))} is not a valid ${String(p.format)}; write an absolute URL such as https://host/path` };
    case 'oneOf':
      return { at: 'value', message: 'must be { fromEnv: VARIABLE } or { fromFile: PATH }' };
    case 'uniqueItems':
      return { at: 'value', message: `has duplicate entries (items ${String(p.j)} and ${String(p.i)}); remove one` };
    case 'minItems':
      return { at: 'value', message: `must have at least ${String(p.limit)} item(s)` };
    case 'minLength':
      return { at: 'value', message: 'must not be empty' };
    case 'maxLength':
      return { at: 'value', message: `must be at most ${String(p.limit)} characters` };
    default:
      return { at: 'value', message: err.message ?? `fails ${err.keyword}` };
  }
}

/**
 * Turns ajv's errors into one issue per problem. Branch errors under a failed
 * `oneOf` are dropped in favour of the one error that explains them, and the
 * wrapper error ajv adds for a bad property name in favour of the inner one
 * (which ajv tags with the offending name).
 */
function toIssues(errors: ErrorObject[], data: unknown): SchemaIssue[] {
  // A set of the failed oneOfs' paths, each error's path prefixes looked up in it:
  // linear in the errors (a list scanned per error was quadratic on a large spec).
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  const underOneOf = (path: string) => {
    // String.startsWith over every oneOf path: any prefix of `path` (not only whole segments) counts.
    for (let i = 0; i <= path.length; i++) if (oneOfPaths.has(path.slice(0, i))) return true;
    return false;
  };
  // Issues already taken, by path: the messages at each (an issue repeats when two errors say the
  // same of the same place). Keyed by the short path, not path and message together: a spec with
  // 250,000 unknown keys would otherwise hash and keep 250,000 long strings.
  const seen = new Map<string, string | string[]>();
  const issues: SchemaIssue[] = [];
  for (let i = 0; i < errors.length; i++) {
    const err = errors[i]!;
    if (err.keyword !== 'oneOf' && err.schemaPath.includes('/oneOf/') && oneOfPaths.size > 0 && underOneOf(err.instancePath)) continue;
    if (err.keyword === 'propertyNames') continue;
    let path = pointerToPath(err.instancePath);
    const d = describe(err, data, path);
    let at = d.at;
    // concat, not a spread: no iterator per error (a quarter of a million of them in a large spec).
    if (err.propertyName !== undefined) {
      path = path.concat(err.propertyName);
      at = 'key';
    }
    if (d.extraKey !== undefined) path = path.concat(d.extraKey);
    const key = path.join('/');
    // The first message at a path is kept as is; a list only when a second one comes.
    const messages = seen.get(key);
    if (messages === d.message || (Array.isArray(messages) && messages.includes(d.message))) continue;
    if (messages === undefined) seen.set(key, d.message);
    else if (Array.isArray(messages)) messages.push(d.message);
    else seen.set(key, [messages, d.message]);
    issues.push({ path, at, keyword: err.keyword, message: d.message });
  }
  return issues;
}
