import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

type Node = Record<string, unknown>;

/**
 * A CRD's openAPIV3Schema as the API server applies it, in JSON Schema terms:
 * structural pruning drops unknown fields, which for a generated manifest
 * means a typo silently vanishes, so unknown fields are errors here unless
 * the schema preserves them.
 */
function toJsonSchema(node: Node): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith('x-kubernetes-') || k === 'nullable' || k === 'format' || k === 'default') continue;
    if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v as Node).map(([p, s]) => [p, toJsonSchema(s as Node)]));
    else if ((k === 'items' || k === 'additionalProperties') && typeof v === 'object') out[k] = toJsonSchema(v as Node);
    else out[k] = v;
  }
  if (node.nullable && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (node.type === 'object' && node.properties && !node['x-kubernetes-preserve-unknown-fields'] && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

export function crdValidator(file: string): ValidateFunction {
  const crd = parse(readFileSync(file, 'utf8')) as { openAPIV3Schema: Node };
  return new Ajv2020({ allErrors: true, strict: false }).compile(toJsonSchema(crd.openAPIV3Schema));
}
