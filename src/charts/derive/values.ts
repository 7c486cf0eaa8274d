import type { ChartValuesKeys, ValuesKeyKind } from '../profile.js';

/** A values.yaml value's kind, as profiles record it. */
export function kindOf(value: unknown): ValuesKeyKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return Object.keys(value).length === 0 ? 'emptyMap' : 'map';
  return typeof value as 'string' | 'number' | 'boolean';
}

/** Every key path of values.yaml with its kind, maps walked, in the file's order. */
export function valuesKeys(values: Record<string, unknown>): ChartValuesKeys {
  // No prototype: a values.yaml key named __proto__ or constructor is a key like any other.
  const out: Record<string, ValuesKeyKind> = Object.create(null);
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const kind = kindOf(child);
      out[path] = kind;
      if (kind === 'map') walk(child as Record<string, unknown>, path);
    }
  };
  walk(values, '');
  return out;
}

export const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a dotted path, or undefined where a step is not a map. */
export const valueAt = (values: unknown, path: string): unknown => path.split('.').reduce<unknown>((node, k) => (isMap(node) ? node[k] : undefined), values);

/** Go text/template truthiness (`if`): false, 0, nil, and empty strings, lists and maps are false. */
export function goTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
