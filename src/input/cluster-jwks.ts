import { type RegularFileProblem, readRegularTextFile } from '../util/regular-file.js';
import type { Finding } from './finding.js';
import { locate, type Path, parseYamlText } from './source.js';

/**
 * Workload identity, `cluster.jwks.source: file`: the cluster's JWKS as the
 * user saved it (`kubectl get --raw /openid/v1/jwks`), read at render time
 * and written into the policy ConfigMap for the server. A file from outside
 * is hostile: a regular file only (a FIFO would block, a device never ends),
 * at most MAX_CLUSTER_JWKS_BYTES, UTF-8 JSON with unique keys, and a JWKS of
 * public RSA or EC keys only: a private member (`d`, `p`, ...) would put a
 * signing key into a ConfigMap anyone in the namespace may read.
 */

/** The rule name of its findings (RENDER_FINDINGS.clusterJwks). */
export const CLUSTER_JWKS_RULE = 'cluster-jwks';

/** A cluster's JWKS holds a few keys of under 2 KB each; the policy ConfigMap it rides in holds 1 MiB in all. */
export const MAX_CLUSTER_JWKS_BYTES = 64 * 1024;

/** JWK members that hold private or secret key material (RFC 7518 6.2.2, 6.3.2, 6.4.1; RFC 8037 2). */
export const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** Public members each key type needs (RFC 7518 6.2.1, 6.3.1). */
const REQUIRED_MEMBERS: Record<string, readonly string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'] };

export interface ClusterJwks {
  /** The keys, each as the file has it (public members only). */
  keys: Record<string, unknown>[];
}

export type ClusterJwksRead =
  | { ok: true; jwks: ClusterJwks }
  /** The file cannot be read: where the spec names it is the place to point at. */
  | { ok: false; unreadable: string }
  /** The file was read and is no usable JWKS: each finding is located in the file. */
  | { ok: false; findings: Finding[] };

/** Reads and checks the JWKS file `file` (an absolute path). */
export function readClusterJwks(file: string): ClusterJwksRead {
  const read = readRegularFile(file);
  if (!read.ok) return { ok: false, unreadable: read.problem };
  const at = (line: number, col: number, message: string): Finding => ({ file, line, col, severity: 'error', rule: CLUSTER_JWKS_RULE, message });
  const fix = "save the cluster's JWKS with `kubectl get --raw /openid/v1/jwks > FILE`";
  let data: unknown;
  try {
    data = JSON.parse(read.text);
  } catch (err) {
    return { ok: false, findings: [notJson(file, read.text, String((err as Error).message), at, fix)] };
  }
  // A JWKS nests four levels (keys, a key, x5c, a certificate): deeper is no JWKS, and not worth a second reader's time.
  if (depthOver(data, 8)) return { ok: false, findings: [at(1, 1, `nests deeper than a JWKS does; ${fix}`)] };
  // JSON.parse keeps the last of two equal keys, where another reader may keep the first: the YAML
  // reader finds them (and places every finding below).
  const parsed = parseYamlText(file, read.text, 'jwks');
  if (!parsed.ok) {
    const [first] = parsed.findings;
    const what = first!.message.replace(/; fix the YAML syntax$/, '');
    return { ok: false, findings: [at(first!.line, first!.col, /Map keys must be unique/.test(what) ? `${what}; write each member once` : `cannot be read (${what}); ${fix}`)] };
  }
  const where = (path: Path, key = false) => locate(parsed.source, path, key ? 'key' : 'value');
  const problem = (path: Path, message: string, key = false): ClusterJwksRead => {
    const { line, col } = where(path, key);
    return { ok: false, findings: [at(line, col, message)] };
  };
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(data) || !Array.isArray(data.keys)) return problem(isObject(data) ? ['keys'] : [], `is not a JWKS (an object with a \`keys\` list); ${fix}`);
  if (data.keys.length === 0) return problem(['keys'], `holds no key; ${fix}`);
  const keys: Record<string, unknown>[] = [];
  for (const [i, key] of (data.keys as unknown[]).entries()) {
    if (!isObject(key)) return problem(['keys', i], `keys[${i}] is not a JWK (an object); ${fix}`);
    const secret = PRIVATE_JWK_MEMBERS.find((m) => Object.hasOwn(key, m));
    if (secret !== undefined) {
      return problem(
        ['keys', i, secret],
        `keys[${i}] holds the private member "${secret}": this is a signing key, which must never leave the cluster (the file goes into a ConfigMap); save the public JWKS the API server serves (kubectl get --raw /openid/v1/jwks)`,
        true,
      );
    }
    const kty = key.kty;
    const required = typeof kty === 'string' && Object.hasOwn(REQUIRED_MEMBERS, kty) ? REQUIRED_MEMBERS[kty]! : undefined;
    if (!required) return problem(['keys', i, 'kty'], `keys[${i}].kty is ${JSON.stringify(kty) ?? 'missing'}; a service-account issuer signs with RSA or EC keys: ${fix}`);
    const missing = required.find((m) => typeof key[m] !== 'string' || key[m] === '');
    if (missing !== undefined) return problem(['keys', i], `keys[${i}] (${kty}) has no "${missing}"; ${fix}`);
    keys.push(key);
  }
  return { ok: true, jwks: { keys } };
}

/** Whether `data` nests more than `max` levels of arrays and objects (iterative: a hostile file may nest thousands). */
function depthOver(data: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[data, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A JSON syntax error, located: at the offset JSON.parse names (V8 says
 * `at position N`), else where the YAML reader stops (JSON is YAML), else at
 * the start. The message is JSON.parse's first words, never the file's text.
 */
function notJson(file: string, text: string, message: string, at: (line: number, col: number, message: string) => Finding, fix: string): Finding {
  const position = /at position (\d+)/.exec(message);
  const what = message.includes('is not valid JSON') ? message.replace(/,? ".*$/s, '') : message.replace(/ in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '');
  if (position) {
    const offset = Math.min(Number(position[1]), text.length);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return at(line, offset - (before.lastIndexOf('\n') + 1) + 1, `is not JSON (${what}); ${fix}`);
  }
  const parsed = parseYamlText(file, text, 'jwks');
  const place = parsed.ok ? { line: 1, col: 1 } : parsed.findings[0]!;
  return at(place.line, place.col, `is not JSON (${what}); ${fix}`);
}

/** The JWKS file's text: a regular file of at most MAX_CLUSTER_JWKS_BYTES, UTF-8 (src/util/regular-file.ts). */
function readRegularFile(file: string): { ok: true; text: string } | { ok: false; problem: string } {
  const read = readRegularTextFile(file, MAX_CLUSTER_JWKS_BYTES);
  if (read.ok) return read;
  const why = (problem: RegularFileProblem): string => {
    switch (problem.kind) {
      case 'missing':
        return 'does not exist; save it with `kubectl get --raw /openid/v1/jwks > FILE` (cluster.jwks.file is relative to the spec)';
      case 'unreadable':
        return `cannot be read (${problem.code}); make it readable`;
      case 'directory':
        return 'is a directory; point cluster.jwks.file at the JWKS file';
      case 'not-regular':
        return 'is not a regular file (a pipe, socket or device); save the JWKS into a plain file';
      case 'too-large':
        return `is ${problem.size} bytes, over the ${MAX_CLUSTER_JWKS_BYTES}-byte limit; a cluster's JWKS holds a few keys`;
      case 'grew':
        return `grew past the ${MAX_CLUSTER_JWKS_BYTES}-byte limit while being read`;
      case 'not-utf8':
        return 'is not UTF-8 text; a JWKS is JSON';
    }
  };
  return { ok: false, problem: `the cluster's JWKS file ${file} ${why(read.problem)}` };
}
