// Derives src/policy/api-tables.generated.ts from a temporalio/temporal git
// directory: for each supported server minor it takes the newest release tag
// (vX.Y.Z or hotfix vX.Y.Z.W, no pre-releases) and reads, at that tag,
//   common/api/metadata.go              method -> scope/access maps, service
//                                       prefixes, GetMethodMetadata's switch
//   common/authorization/frontend_api.go healthCheckAPI (always allowed)
//   proto/internal/temporal/server/api/adminservice/v1/service.proto
//                                       AdminService rpc names
//   go.mod                              the google.golang.org/grpc version
//                                       (its health server's methods)
// Usage: node scripts/gen-api-tables.mjs <temporal git dir> [--check]
//        [--ref <minor>=<rev>]...   (use <rev> instead of the newest tag)
// Run by hand by a maintainer; the project ships only the generated file.
// Minors 1.22-1.31 all have common/api/metadata.go with per-service maps and
// the same Authorize in common/authorization/default_authorizer.go (health
// check, deny without claims, GetMethodMetadata's scope/access against the
// system or namespace role; 1.31 only adds the Principal to the Result), so
// every minor gets its own table read from its own tag, none reused.
// 1.22 and 1.23 spell the map values out as MethodMetadata{...}.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from './lib/generated-file.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outPath = `${root}src/policy/api-tables.generated.ts`;
const MINORS = ['1.22', '1.23', '1.24', '1.25', '1.26', '1.27', '1.28', '1.29', '1.30', '1.31'];
const METADATA_PATH = 'common/api/metadata.go';
const FRONTEND_API_PATH = 'common/authorization/frontend_api.go';
const ADMIN_PROTO_PATH = 'proto/internal/temporal/server/api/adminservice/v1/service.proto';
const SCOPES = { ScopeNamespace: 'namespace', ScopeCluster: 'cluster' };
const ACCESSES = { AccessReadOnly: 'read', AccessWrite: 'write', AccessAdmin: 'admin' };
// Go constants from dependencies that frontend_api.go names instead of spelling out.
const EXTERNAL_CONSTANTS = { 'healthpb.Health_Check_FullMethodName': '/grpc.health.v1.Health/Check' };

function usage(message) {
  console.error(`${message}\nusage: node scripts/gen-api-tables.mjs <temporal git dir> [--check] [--ref <minor>=<rev>]...`);
  process.exit(2);
}

function parseArgs(argv) {
  const refs = {};
  let gitDir;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') continue;
    if (arg === '--ref' || arg.startsWith('--ref=')) {
      const value = arg === '--ref' ? argv[++i] : arg.slice('--ref='.length);
      const match = /^(\d+\.\d+)=(.+)$/.exec(value ?? '');
      if (!match || !MINORS.includes(match[1])) usage(`bad --ref ${value}`);
      refs[match[1]] = match[2];
    } else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (gitDir === undefined) gitDir = arg;
    else usage(`unexpected argument ${arg}`);
  }
  if (!gitDir) usage('missing the temporal git directory');
  return { gitDir, refs };
}

function git(gitDir, ...args) {
  return execFileSync('git', [`--git-dir=${gitDir}`, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function compareVersions(a, b) {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Newest release tag of a minor: vX.Y.Z or vX.Y.Z.W, never a pre-release. */
function newestTag(gitDir, minor) {
  const pattern = new RegExp(`^v${minor.replace('.', '\\.')}\\.(\\d+)(?:\\.(\\d+))?$`);
  const tags = git(gitDir, 'tag', '--list', `v${minor}.*`)
    .split('\n')
    .map((tag) => ({ tag, m: pattern.exec(tag) }))
    .filter(({ m }) => m)
    .map(({ tag, m }) => ({ tag, version: [Number(m[1]), m[2] === undefined ? -1 : Number(m[2])] }))
    .sort((a, b) => compareVersions(b.version, a.version));
  if (tags.length === 0) {
    throw new Error(`no release tag v${minor}.* in ${gitDir}; pass --ref ${minor}=<rev>`);
  }
  return tags[0].tag;
}

/** The lines of a Go composite literal starting at the line matching `opener`. */
function block(source, opener, what) {
  const lines = source.split('\n');
  const start = lines.findIndex((line) => opener.test(line));
  if (start < 0) throw new Error(`${what}: not found`);
  const indent = /^\s*/.exec(lines[start])[0];
  const end = lines.findIndex((line, i) => i > start && line === `${indent}}`);
  if (end < 0) throw new Error(`${what}: no closing brace`);
  return lines.slice(start + 1, end);
}

function stripComment(line) {
  return line.replace(/\s*\/\/.*$/, '');
}

function parseMetadata(source, where) {
  const prefixes = {};
  for (const m of source.matchAll(/^\s*(\w+Prefix)\s*=\s*"([^"]+)"/gm)) prefixes[m[1]] = m[2];

  // GetMethodMetadata's switch says which map (or fixed value) serves each prefix.
  const body = block(source, /^func GetMethodMetadata\(/, `${where} GetMethodMetadata`).join('\n');
  const cases = [...body.matchAll(/case strings\.HasPrefix\(fullApiName, (\w+)\):\s*\n\s*return ([^\n]+)/g)];
  if (cases.length === 0) throw new Error(`${where}: GetMethodMetadata has no prefix cases`);
  const services = []; // { prefix, map } in switch order
  const clusterAdminPrefixes = [];
  for (const [, prefixName, ret] of cases) {
    const prefix = prefixes[prefixName];
    if (!prefix) throw new Error(`${where}: unknown prefix constant ${prefixName}`);
    let m;
    if ((m = /^(\w+)\[MethodName\(fullApiName\)\]$/.exec(ret.trim()))) {
      services.push({ prefix, mapName: m[1] });
    } else if ((m = /^MethodMetadata\{Scope: (\w+), Access: (\w+)\}$/.exec(ret.trim()))) {
      if (m[1] !== 'ScopeCluster' || m[2] !== 'AccessAdmin') {
        throw new Error(`${where}: unexpected fixed metadata for ${prefixName}: ${ret.trim()}`);
      }
      clusterAdminPrefixes.push(prefix);
    } else {
      throw new Error(`${where}: unexpected GetMethodMetadata case for ${prefixName}: ${ret.trim()}`);
    }
  }
  if (!/default:\s*\n\s*return MethodMetadata\{Scope: ScopeUnknown, Access: AccessUnknown\}/.test(body)) {
    throw new Error(`${where}: GetMethodMetadata default is not ScopeUnknown/AccessUnknown`);
  }

  const table = {};
  const counts = {};
  for (const { prefix, mapName } of services) {
    const lines = block(source, new RegExp(`^\\s*${mapName}\\s*=\\s*map\\[string\\]MethodMetadata\\{`), `${where} ${mapName}`);
    const entries = [];
    for (const raw of lines) {
      const line = stripComment(raw).trim();
      if (line === '') continue;
      // 1.22 and 1.23 spell each value out as MethodMetadata{...}; 1.24 on elide the type.
      const m = /^"(\w+)":\s*(?:MethodMetadata)?\{Scope: (\w+), Access: (\w+)(?:, Polling: \w+)?\},$/.exec(line);
      if (!m) throw new Error(`${where} ${mapName}: cannot parse line: ${raw.trim()}`);
      const scope = SCOPES[m[2]];
      const access = ACCESSES[m[3]];
      if (!scope || !access) throw new Error(`${where} ${mapName}: unexpected ${m[2]}/${m[3]} for ${m[1]}`);
      entries.push([m[1], { scope, access }]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, entry] of entries) {
      if (table[prefix + name]) throw new Error(`${where}: duplicate ${prefix + name}`);
      table[prefix + name] = entry;
    }
    counts[prefix] = entries.length;
  }
  return { table, counts, clusterAdminPrefixes };
}

function parseHealthCheck(source, where) {
  const lines = block(source, /^var healthCheckAPI = map\[string\]struct\{\}\{/, `${where} healthCheckAPI`);
  const apis = [];
  for (const raw of lines) {
    const line = stripComment(raw).trim();
    if (line === '') continue;
    const m = /^(?:"([^"]+)"|([\w.]+)):\s*\{\},$/.exec(line);
    if (!m) throw new Error(`${where} healthCheckAPI: cannot parse line: ${raw.trim()}`);
    const api = m[1] ?? EXTERNAL_CONSTANTS[m[2]];
    if (!api) throw new Error(`${where} healthCheckAPI: unknown constant ${m[2]}`);
    apis.push(api);
  }
  return apis.sort();
}

function parseAdminProto(source, where) {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const pkg = /^\s*package\s+([\w.]+)\s*;/m.exec(text)?.[1];
  const service = /^\s*service\s+(\w+)\s*\{/m.exec(text)?.[1];
  if (!pkg || service !== 'AdminService') throw new Error(`${where}: package/service not found`);
  const names = [...text.matchAll(/^\s*rpc\s+(\w+)\s*\(/gm)].map((m) => m[1]);
  if (names.length === 0) throw new Error(`${where}: no rpc found`);
  return { prefix: `/${pkg}.${service}/`, methods: names.sort().map((n) => `/${pkg}.${service}/${n}`) };
}

function parseGrpcVersion(source, where) {
  const m = /^\s*(?:require\s+)?google\.golang\.org\/grpc\s+v(\d+\.\d+\.\d+)\s*(?:\/\/.*)?$/m.exec(source);
  if (!m) throw new Error(`${where}: google.golang.org/grpc not required`);
  return m[1];
}

function read(gitDir, rev, path) {
  return git(gitDir, 'show', `${rev}:${path}`);
}

export function collect(gitDir, refs = {}) {
  const out = {};
  for (const minor of MINORS) {
    const tag = refs[minor] ?? newestTag(gitDir, minor);
    const commit = git(gitDir, 'rev-parse', '--verify', `${tag}^{commit}`).trim();
    const meta = parseMetadata(read(gitDir, commit, METADATA_PATH), `${tag}:${METADATA_PATH}`);
    const alwaysAllowed = parseHealthCheck(read(gitDir, commit, FRONTEND_API_PATH), `${tag}:${FRONTEND_API_PATH}`);
    const admin = parseAdminProto(read(gitDir, commit, ADMIN_PROTO_PATH), `${tag}:${ADMIN_PROTO_PATH}`);
    if (!meta.clusterAdminPrefixes.includes(admin.prefix)) {
      throw new Error(`${tag}: ${admin.prefix} is not a cluster-admin prefix in GetMethodMetadata`);
    }
    const grpcGo = parseGrpcVersion(read(gitDir, commit, 'go.mod'), `${tag}:go.mod`);
    out[minor] = { tag, commit, ...meta, alwaysAllowed, adminMethods: admin.methods, grpcGo };
  }
  return out;
}

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function render(data) {
  const sources = MINORS.map((m) => `${data[m].tag} ${data[m].commit}`).join(', ');
  const L = [];
  L.push(`/* Generated by scripts/gen-api-tables.mjs from temporalio/temporal common/api/metadata.go (${sources}). Do not edit. */`);
  L.push(`// Also read at those commits: ${FRONTEND_API_PATH} (healthCheckAPI),`);
  L.push(`// ${ADMIN_PROTO_PATH} (AdminService rpcs) and go.mod (grpc-go).`);
  L.push(`// Regenerate: node scripts/gen-api-tables.mjs <temporal git dir>; verify: add --check.`);
  L.push('');
  L.push(`export type ApiScope = 'namespace' | 'cluster';`);
  L.push(`export type ApiAccess = 'read' | 'write' | 'admin';`);
  L.push('export interface ApiEntry { scope: ApiScope; access: ApiAccess }');
  L.push(`export type ApiMinor = ${MINORS.map(q).join(' | ')};`);
  L.push('');
  L.push(`export const API_MINORS: readonly ApiMinor[] = [${MINORS.map(q).join(', ')}];`);
  L.push('');
  L.push("/** Release tag and commit each minor's tables were read from. */");
  L.push('export const API_TABLE_SOURCES: Readonly<Record<ApiMinor, { tag: string; commit: string }>> = {');
  for (const m of MINORS) L.push(`  ${q(m)}: { tag: ${q(data[m].tag)}, commit: ${q(data[m].commit)} },`);
  L.push('};');
  L.push('');
  L.push('/**');
  L.push(" * Full gRPC method name -> metadata, per server minor version (GetMethodMetadata's");
  L.push(' * per-service maps). A method missing here and not under a CLUSTER_ADMIN_PREFIXES');
  L.push(' * prefix is ScopeUnknown upstream, which the default authorizer denies.');
  L.push(' */');
  L.push('export const API_TABLES: Readonly<Record<ApiMinor, Readonly<Record<string, ApiEntry>>>> = {');
  for (const m of MINORS) {
    L.push(`  ${q(m)}: {`);
    for (const [name, e] of Object.entries(data[m].table)) {
      L.push(`    ${q(name)}: { scope: ${q(e.scope)}, access: ${q(e.access)} },`);
    }
    L.push('  },');
  }
  L.push('};');
  L.push('');
  L.push('/** Service prefixes whose every method is cluster-scoped admin (AdminService), per minor. */');
  L.push('export const CLUSTER_ADMIN_PREFIXES: Readonly<Record<ApiMinor, readonly string[]>> = {');
  for (const m of MINORS) L.push(`  ${q(m)}: [${data[m].clusterAdminPrefixes.map(q).join(', ')}],`);
  L.push('};');
  L.push('');
  L.push('/** Every AdminService rpc (full method name) per minor, from the adminservice proto. */');
  L.push('export const ADMIN_SERVICE_METHODS: Readonly<Record<ApiMinor, readonly string[]>> = {');
  for (const m of MINORS) {
    L.push(`  ${q(m)}: [`);
    for (const name of data[m].adminMethods) L.push(`    ${q(name)},`);
    L.push('  ],');
  }
  L.push('};');
  L.push('');
  L.push('/** Methods the default authorizer allows before looking at claims (healthCheckAPI), per minor. */');
  L.push('export const ALWAYS_ALLOWED_APIS: Readonly<Record<ApiMinor, readonly string[]>> = {');
  for (const m of MINORS) L.push(`  ${q(m)}: [${data[m].alwaysAllowed.map(q).join(', ')}],`);
  L.push('};');
  L.push('');
  L.push("/** The google.golang.org/grpc version each minor's go.mod requires (its health server is the frontend's). */");
  L.push('export const GRPC_GO_VERSIONS: Readonly<Record<ApiMinor, string>> = {');
  for (const m of MINORS) L.push(`  ${q(m)}: ${q(data[m].grpcGo)},`);
  L.push('};');
  L.push('');
  return L.join('\n');
}

/** Human-readable summary of what changed between consecutive minors. */
function summarize(data) {
  const lines = [];
  for (const m of MINORS) {
    const d = data[m];
    const per = Object.entries(d.counts).map(([p, n]) => `${p.split('.').pop().replace('/', '')}=${n}`);
    lines.push(`${m} ${d.tag} ${d.commit}: ${per.join(' ')} AdminService=${d.adminMethods.length} grpc-go=${d.grpcGo}`);
  }
  for (let i = 1; i < MINORS.length; i++) {
    const a = data[MINORS[i - 1]];
    const b = data[MINORS[i]];
    const keys = new Set([...Object.keys(a.table), ...Object.keys(b.table), ...a.adminMethods, ...b.adminMethods]);
    for (const k of [...keys].sort()) {
      const x = a.table[k] ? `${a.table[k].scope}/${a.table[k].access}` : a.adminMethods.includes(k) ? 'admin-svc' : '-';
      const y = b.table[k] ? `${b.table[k].scope}/${b.table[k].access}` : b.adminMethods.includes(k) ? 'admin-svc' : '-';
      if (x !== y) lines.push(`  ${MINORS[i - 1]} -> ${MINORS[i]}: ${k} ${x} -> ${y}`);
    }
  }
  return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { gitDir, refs } = parseArgs(process.argv.slice(2));
  const data = collect(gitDir, refs);
  const written = await writeOrCheck(outPath, render(data), 'node scripts/gen-api-tables.mjs <temporal git dir>');
  if (written) console.error(summarize(data));
}
