// Builds test/vectors/decisions.json (run by `npm run gen:vectors`): the
// decision vectors both halves of the product must agree on. Expectations come
// from the TypeScript model (decideCustom after checkToken), and a set of
// hand-written ones below must hold or generation fails: a vector file that
// merely echoed a broken model would only make the Go side agree with the bug.
import { constants, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { validateSpecFile, validateSpecText } from '../../src/input/validate.js';
import { buildModel } from '../../src/model/model.js';
import { CUSTOM_TOKEN_RULES, checkToken, type TokenVerdict, verifierFor } from '../../src/oidc/token-rules.js';
import { apiTableFor, describeMethod } from '../../src/policy/api.js';
import type { ReasonCode } from '../../src/policy/authorize.js';
import { type CompiledPolicy, compilePolicy, type PrincipalGrants } from '../../src/policy/compile.js';
import { decideCustom as decide } from '../../src/policy/explain.js';

export const SERVER_VERSION = '1.31.2';
/** 2027-01-01T00:00:00Z: the verifier's clock. */
export const NOW = 1798761600;
export const VERIFIER = { issuer: 'https://idp.vectors.test/oauth2/default', audience: 'api://temporal', leewaySeconds: CUSTOM_TOKEN_RULES.leewaySeconds };
/** Workload identity: the cluster's service-account issuer (kube-apiserver's default --service-account-issuer) and the audience workers request. */
export const CLUSTER_VERIFIER = { issuer: 'https://kubernetes.default.svc.cluster.local', audience: 'temporal.vectors.test' };

const WF = '/temporal.api.workflowservice.v1.WorkflowService/';
const OP = '/temporal.api.operatorservice.v1.OperatorService/';
const NX = '/temporal.api.nexusservice.v1.NexusService/';
const AD = '/temporal.server.api.adminservice.v1.AdminService/';
const HEALTH = '/grpc.health.v1.Health/Check';

/** One method per kind of decision the authorizer makes. */
const APIS = [
  `${WF}StartWorkflowExecution`, // namespace, write
  `${WF}PollWorkflowTaskQueue`, // namespace, write (polling)
  `${WF}DescribeWorkflowExecution`, // namespace, read
  `${WF}TerminateWorkflowExecution`, // namespace, write
  `${WF}UpdateNamespace`, // namespace, admin
  `${OP}AddSearchAttributes`, // namespace, admin (operator)
  `${OP}ListSearchAttributes`, // namespace, read (operator)
  `${NX}DispatchNexusTask`, // namespace, write (nexus)
  `${WF}ListNamespaces`, // cluster, read
  `${OP}AddOrUpdateRemoteCluster`, // cluster, admin
  `${AD}DescribeCluster`, // AdminService: cluster, admin
  `${WF}GetSystemInfo`, // always allowed
  HEALTH, // always allowed
  `${WF}MakeCoffee`, // unknown to the metadata
  `${WF}GetClusterInfo`, // cluster, read: a Web UI call (schemas/ui-calls.json)
];

export interface Vector {
  id: string;
  policy: string;
  claims?: Record<string, unknown>;
  token?: string;
  api: string;
  namespace: string;
  allowed: boolean;
  reason: ReasonCode;
  /** The decision denied and the policy's `enforce` let the call through (audit: would-deny). */
  shadow?: true;
  /** The name history events record (policies with `principal`, callers with claims). */
  principal?: string;
  /** The worker the verified claims name: a `clients` or `serviceAccounts` entry's name. */
  worker?: string;
  /** ListNamespaces: the namespaces the server has ... */
  listed?: string[];
  /** ... and those the caller's answer keeps (allowed calls only). */
  visible?: string[];
}

export interface VectorFile {
  $comment: string;
  version: 1;
  serverVersion: string;
  now: number;
  verifier: typeof VERIFIER;
  jwks: { keys: JWK[] };
  clusterVerifier: typeof CLUSTER_VERIFIER;
  /** The cluster's public keys, as its API server serves them (/openid/v1/jwks). */
  clusterJwks: { keys: JWK[] };
  /**
   * Test-only private keys, so regeneration signs the same tokens. Never use
   * them elsewhere. The cluster's keys, and another cluster's, carry
   * `x-issuer` (`cluster`, `other-cluster`); the others are the identity provider's.
   */
  testSigningKeys: JWK[];
  policies: Record<string, CompiledPolicy>;
  vectors: Vector[];
}

async function policyOf(file: string): Promise<CompiledPolicy> {
  const checked = await validateSpecFile(file);
  if (!checked.spec || !checked.chart) throw new Error(`${file}: ${JSON.stringify(checked.findings)}`);
  return compilePolicy(buildModel(checked.spec, checked.chart));
}

/** Policies by hand, for claim shapes the examples do not cover. */
const KEYCLOAK: CompiledPolicy = {
  version: 1,
  groupsClaim: 'realm_access.roles',
  clientIdClaims: ['azp', 'client_id'],
  roleBits: { worker: 1, read: 2, write: 4, admin: 8 },
  // A group named `constructor`: a lookup that walks the prototype chain would find one for every token.
  groups: Object.fromEntries<PrincipalGrants>([
    ['orders-team', { namespaces: { orders: 'write', shipping: 'read' } }],
    ['orders-workers', { namespaces: { orders: 'worker' } }],
    ['ops', { system: 'write', namespaces: {} }],
    ['constructor', { namespaces: { orders: 'read' } }],
  ]),
  clients: { 'orders-worker': { namespaces: { orders: 'write' } }, 'temporal-ui': { namespaces: {} } },
};

const AUTH0: CompiledPolicy = {
  version: 1,
  groupsClaim: 'https://acme.example/groups',
  clientIdClaims: ['azp'],
  roleBits: { worker: 1, read: 2, write: 4, admin: 8 },
  groups: {
    'acme-admins': { system: 'admin', namespaces: {} },
    'acme-devs': { system: 'read', namespaces: { 'temporal-system': 'write', acme: 'write' } },
  },
  clients: { 'worker-abc@clients': { namespaces: { acme: 'write' } } },
};

/** Zitadel: project roles as an object keyed by role key, at a claim name with colons. */
const ZITADEL_ROLES = 'urn:zitadel:iam:org:project:roles';
const ZITADEL: CompiledPolicy = {
  version: 1,
  groupsClaim: ZITADEL_ROLES,
  clientIdClaims: ['client_id', 'azp'],
  roleBits: { worker: 1, read: 2, write: 4, admin: 8 },
  groups: {
    'temporal-admin': { system: 'admin', namespaces: {} },
    'temporal-user': { system: 'read', namespaces: { orders: 'write' } },
    auditor: { namespaces: { orders: 'read', billing: 'read' } },
  },
  clients: { 'orders-worker@acme': { namespaces: { orders: 'write' } } },
};
const zitadelRoles = (...roles: string[]) => Object.fromEntries(roles.map((r) => [r, { '227841982': 'acme.zitadel.cloud' }]));

interface Principal {
  name: string;
  policy: string;
  claims: Record<string, unknown>;
  namespaces: string[];
}

const PRINCIPALS: Principal[] = [
  // examples/okta.yaml: groups at `groups`, worker client at `cid`.
  ...['payroll-engineers', 'finance-auditors', 'payroll-admins', 'bitovi', 'temporal-admins', 'engineering'].map((g) => ({
    name: g,
    policy: 'okta',
    claims: { sub: `user-${g}`, cid: '0oa-web', groups: [g] },
    namespaces: ['payroll', 'bitovi-project', ''],
  })),
  { name: 'finance+engineering', policy: 'okta', claims: { sub: 'u', cid: '0oa-web', groups: ['finance-auditors', 'engineering'] }, namespaces: ['payroll', 'bitovi-project'] },
  { name: 'payroll-worker', policy: 'okta', claims: { sub: '0oa-payroll', cid: '0oa-payroll' }, namespaces: ['payroll', 'bitovi-project', ''] },
  // The worker's ID in a claim the okta preset does not read, and as sub only: not the worker.
  { name: 'worker-id-in-client_id', policy: 'okta', claims: { sub: 'x', client_id: '0oa-payroll' }, namespaces: ['payroll'] },
  { name: 'worker-id-as-sub', policy: 'okta', claims: { sub: '0oa-payroll' }, namespaces: ['payroll'] },
  { name: 'unknown-group', policy: 'okta', claims: { sub: 'u', groups: ['payroll-admin'] }, namespaces: ['payroll'] },
  { name: 'no-groups-claim', policy: 'okta', claims: { sub: 'u' }, namespaces: ['payroll'] },
  { name: 'groups-as-string', policy: 'okta', claims: { sub: 'u', groups: 'payroll-engineers' }, namespaces: ['payroll'] },
  { name: 'groups-mixed-types', policy: 'okta', claims: { sub: 'u', groups: [7, null, { a: 1 }, 'finance-auditors'] }, namespaces: ['payroll'] },
  { name: 'groups-as-object', policy: 'okta', claims: { sub: 'u', groups: { 'payroll-admins': true } }, namespaces: ['payroll'] },
  { name: 'groups-case-differs', policy: 'okta', claims: { sub: 'u', groups: ['Payroll-Admins'] }, namespaces: ['payroll'] },
  // Keycloak: nested claim, the worker role alone, a prototype-like group name.
  { name: 'orders-team', policy: 'keycloak', claims: { sub: 'u', azp: 'temporal-ui', realm_access: { roles: ['orders-team'] } }, namespaces: ['orders', 'shipping'] },
  { name: 'orders-workers-role-only', policy: 'keycloak', claims: { sub: 'u', realm_access: { roles: ['orders-workers'] } }, namespaces: ['orders'] },
  { name: 'orders-worker-client', policy: 'keycloak', claims: { sub: 's', azp: 'orders-worker' }, namespaces: ['orders', 'shipping'] },
  { name: 'client-id-second-claim', policy: 'keycloak', claims: { sub: 's', client_id: 'orders-worker' }, namespaces: ['orders'] },
  { name: 'first-client-claim-wins', policy: 'keycloak', claims: { sub: 's', azp: 'temporal-ui', client_id: 'orders-worker' }, namespaces: ['orders'] },
  { name: 'ops-system-write', policy: 'keycloak', claims: { sub: 'u', realm_access: { roles: ['ops'] } }, namespaces: ['orders', ''] },
  { name: 'constructor-group', policy: 'keycloak', claims: { sub: 'u', realm_access: { roles: ['constructor', '__proto__', 'toString'] } }, namespaces: ['orders'] },
  { name: 'dotted-path-not-flat', policy: 'keycloak', claims: { sub: 'u', 'realm_access.roles': ['orders-team'], realm_access: { roles: ['ops'] } }, namespaces: ['orders'] },
  // Auth0: a URL claim name, a namespace literally named temporal-system (an ordinary namespace here).
  { name: 'acme-devs', policy: 'auth0', claims: { sub: 'u', 'https://acme.example/groups': ['acme-devs'] }, namespaces: ['acme', 'temporal-system', 'other'] },
  { name: 'acme-admins', policy: 'auth0', claims: { sub: 'u', 'https://acme.example/groups': ['acme-admins'] }, namespaces: ['acme', ''] },
  // A URL claim name is looked up whole: the same name split at its dots grants nothing.
  { name: 'url-claim-split-at-dots', policy: 'auth0', claims: { sub: 'u', 'https://acme': { 'example/groups': ['acme-admins'] } }, namespaces: ['acme', ''] },
  { name: 'auth0-worker', policy: 'auth0', claims: { sub: 'worker-abc@clients', azp: 'worker-abc@clients', gty: 'client-credentials' }, namespaces: ['acme', 'other'] },
  // Zitadel: the groups claim is an object; its keys are the groups, whatever their values.
  { name: 'zitadel-user', policy: 'zitadel', claims: { sub: 'u', client_id: 'temporal-ui', [ZITADEL_ROLES]: zitadelRoles('temporal-user') }, namespaces: ['orders', 'billing', ''] },
  { name: 'zitadel-admin-and-auditor', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: zitadelRoles('auditor', 'temporal-admin') }, namespaces: ['orders', 'billing', ''] },
  { name: 'zitadel-auditor', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: zitadelRoles('auditor') }, namespaces: ['orders', 'billing'] },
  { name: 'zitadel-role-values-not-objects', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: { auditor: true, 'temporal-user': null } }, namespaces: ['orders', 'billing'] },
  { name: 'zitadel-unknown-role', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: zitadelRoles('temporal-admins') }, namespaces: ['orders', ''] },
  { name: 'zitadel-empty-object', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: {} }, namespaces: ['orders'] },
  { name: 'zitadel-roles-as-list', policy: 'zitadel', claims: { sub: 'u', [ZITADEL_ROLES]: ['auditor'] }, namespaces: ['billing'] },
  // The per-project claim (urn:zitadel:iam:org:project:<id>:roles) is another claim: not read.
  { name: 'zitadel-project-id-claim', policy: 'zitadel', claims: { sub: 'u', 'urn:zitadel:iam:org:project:227841982:roles': zitadelRoles('temporal-admin') }, namespaces: ['orders', ''] },
  // Keys that name prototype members are plain keys: none is a group in the policy.
  {
    name: 'zitadel-prototype-keys',
    policy: 'zitadel',
    claims: JSON.parse(`{"sub":"u","${ZITADEL_ROLES}":{"__proto__":{"1":"x"},"constructor":{},"toString":{},"hasOwnProperty":{}}}`),
    namespaces: ['orders', ''],
  },
  { name: 'zitadel-worker', policy: 'zitadel', claims: { sub: '2278', client_id: 'orders-worker@acme' }, namespaces: ['orders', 'billing'] },
];

/** Hand-written expectations: [principal, api, namespace, allowed, reason]. */
const EXPECTED: [string, string, string, boolean, ReasonCode][] = [
  ['payroll-engineers', `${WF}StartWorkflowExecution`, 'payroll', true, 'namespace-api'],
  ['url-claim-split-at-dots', `${WF}UpdateNamespace`, 'acme', false, 'namespace-api'],
  ['url-claim-split-at-dots', `${AD}DescribeCluster`, '', false, 'cluster-api'],
  ['payroll-engineers', `${WF}StartWorkflowExecution`, 'bitovi-project', false, 'namespace-api'],
  ['payroll-engineers', `${WF}StartWorkflowExecution`, '', false, 'no-namespace'],
  ['finance-auditors', `${WF}DescribeWorkflowExecution`, 'payroll', true, 'namespace-api'],
  ['finance-auditors', `${WF}StartWorkflowExecution`, 'payroll', false, 'namespace-api'],
  ['finance-auditors', `${WF}TerminateWorkflowExecution`, 'payroll', false, 'namespace-api'],
  ['payroll-admins', `${WF}UpdateNamespace`, 'payroll', true, 'namespace-api'],
  // The Web UI's ListNamespaces: a namespace admin without a system role may call it in the custom server (temporal#11639).
  ['payroll-admins', `${WF}ListNamespaces`, 'payroll', true, 'ui-cluster-api'],
  ['payroll-admins', `${WF}GetClusterInfo`, '', true, 'ui-cluster-api'],
  ['unknown-group', `${WF}ListNamespaces`, 'payroll', false, 'cluster-api'],
  ['orders-workers-role-only', `${WF}ListNamespaces`, 'orders', false, 'cluster-api'],
  ['engineering', `${WF}GetClusterInfo`, '', true, 'cluster-api'],
  ['payroll-admins', `${AD}DescribeCluster`, 'payroll', false, 'cluster-api'],
  ['temporal-admins', `${AD}DescribeCluster`, '', true, 'cluster-api'],
  ['temporal-admins', `${WF}StartWorkflowExecution`, '', true, 'no-namespace'],
  ['temporal-admins', `${WF}MakeCoffee`, 'payroll', false, 'unknown-api'],
  ['engineering', `${WF}ListNamespaces`, '', true, 'cluster-api'],
  ['engineering', `${OP}AddOrUpdateRemoteCluster`, '', false, 'cluster-api'],
  ['engineering', `${WF}DescribeWorkflowExecution`, 'bitovi-project', true, 'namespace-api'],
  ['payroll-worker', `${WF}PollWorkflowTaskQueue`, 'payroll', true, 'namespace-api'],
  ['payroll-worker', `${WF}PollWorkflowTaskQueue`, 'bitovi-project', false, 'namespace-api'],
  ['worker-id-in-client_id', `${WF}PollWorkflowTaskQueue`, 'payroll', false, 'namespace-api'],
  ['worker-id-as-sub', `${WF}PollWorkflowTaskQueue`, 'payroll', false, 'namespace-api'],
  ['groups-as-string', `${WF}StartWorkflowExecution`, 'payroll', true, 'namespace-api'],
  // An object-valued groups claim gives its keys (Zitadel's shape).
  ['groups-as-object', `${WF}DescribeWorkflowExecution`, 'payroll', true, 'namespace-api'],
  ['groups-case-differs', `${WF}UpdateNamespace`, 'payroll', false, 'namespace-api'],
  ['unknown-group', `${WF}GetSystemInfo`, 'payroll', true, 'always-allowed'],
  ['orders-workers-role-only', `${WF}PollWorkflowTaskQueue`, 'orders', false, 'namespace-api'],
  ['orders-workers-role-only', `${WF}DescribeWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['first-client-claim-wins', `${WF}PollWorkflowTaskQueue`, 'orders', false, 'namespace-api'],
  ['client-id-second-claim', `${WF}PollWorkflowTaskQueue`, 'orders', true, 'namespace-api'],
  ['constructor-group', `${WF}DescribeWorkflowExecution`, 'orders', true, 'namespace-api'],
  ['constructor-group', `${WF}StartWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['dotted-path-not-flat', `${WF}StartWorkflowExecution`, 'orders', true, 'namespace-api'],
  ['ops-system-write', `${WF}StartWorkflowExecution`, 'orders', true, 'namespace-api'],
  ['acme-devs', `${WF}StartWorkflowExecution`, 'temporal-system', true, 'namespace-api'],
  ['acme-devs', `${WF}StartWorkflowExecution`, 'other', false, 'namespace-api'],
  ['acme-devs', `${WF}ListNamespaces`, 'acme', true, 'cluster-api'],
  ['auth0-worker', `${NX}DispatchNexusTask`, 'acme', true, 'namespace-api'],
  ['zitadel-user', `${WF}StartWorkflowExecution`, 'orders', true, 'namespace-api'],
  ['zitadel-user', `${WF}StartWorkflowExecution`, 'billing', false, 'namespace-api'],
  ['zitadel-user', `${WF}ListNamespaces`, '', true, 'cluster-api'],
  ['zitadel-admin-and-auditor', `${AD}DescribeCluster`, '', true, 'cluster-api'],
  ['zitadel-auditor', `${WF}DescribeWorkflowExecution`, 'billing', true, 'namespace-api'],
  ['zitadel-auditor', `${WF}StartWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['zitadel-role-values-not-objects', `${WF}StartWorkflowExecution`, 'orders', true, 'namespace-api'],
  ['zitadel-unknown-role', `${WF}DescribeWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['zitadel-empty-object', `${WF}DescribeWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['zitadel-roles-as-list', `${WF}DescribeWorkflowExecution`, 'billing', true, 'namespace-api'],
  ['zitadel-project-id-claim', `${WF}ListNamespaces`, '', false, 'cluster-api'],
  ['zitadel-prototype-keys', `${WF}DescribeWorkflowExecution`, 'orders', false, 'namespace-api'],
  ['zitadel-worker', `${WF}PollWorkflowTaskQueue`, 'orders', true, 'namespace-api'],
];

interface TokenCase {
  id: string;
  /** Header fields over { alg: RS256, kid: rsa-1 }; `alg` picks the signing key. */
  header?: Record<string, unknown>;
  /** Claims over the defaults (a payroll engineer's token); undefined values remove a claim. */
  claims?: Record<string, unknown>;
  /** Sign with this key (a kid of testSigningKeys) and `alg`, with node:crypto (headers jose will not sign, keys it refuses, algorithms it does not know). */
  signer?: string;
  /** Pad the token (a `pad` claim) to exactly this many bytes. */
  bytes?: number;
  /** Replace the token text afterwards (tampering). */
  mangle?: (token: string) => string;
  /** The APIs to decide (default: start, describe and the health check). */
  apis?: string[];
  valid: boolean;
}

/** The key that signs each accepted algorithm: the two first keys kept their kids. */
const kidFor = (alg: string) => ({ RS256: 'rsa-1', ES256: 'ec-1' })[alg] ?? `${alg.toLowerCase()}-1`;
/** An RSA key one bit short of the contract's minimum (the server drops it from the JWKS). */
const SHORT_RSA_KID = 'rsa-short-1';
/** An RSA key whose JWK names no alg: it fits every RSA algorithm (RFC 7517 4.4: alg is optional). */
const ANY_RSA_KID = 'rsa-any-1';

/**
 * Algorithms the custom server refuses, whatever key names them: names the
 * JWT libraries know (PS384 and PS512, signed by the alg-less RSA key they
 * name, which could verify them: only the list refuses them), names they
 * do not (RS1, by the same key), and other key families (ES512's P-521,
 * EdDSA's OKP). `none` and HS256 have their cases above.
 */
const REFUSED_ALGORITHMS: { alg: string; signer?: string }[] = [
  { alg: 'PS384', signer: ANY_RSA_KID },
  { alg: 'PS512', signer: ANY_RSA_KID },
  { alg: 'RS1', signer: ANY_RSA_KID },
  { alg: 'ES512' },
  { alg: 'EdDSA' },
];

const SIZE_CAP = CUSTOM_TOKEN_RULES.maxTokenBytes;

/**
 * Cases for every algorithm of schemas/token-rules.json (accepted, each
 * with its own key), for refused ones, for the keys the contract drops and
 * for its token size cap: new cases go after the others, so regenerating
 * adds vectors without moving any.
 */
const CONTRACT_CASES: TokenCase[] = [
  ...CUSTOM_TOKEN_RULES.algorithms.map((alg) => ({ id: `alg-${alg.toLowerCase()}`, header: { alg, kid: kidFor(alg) }, valid: true })),
  ...REFUSED_ALGORITHMS.map(({ alg, signer }) => ({ id: `alg-${alg.toLowerCase()}`, header: { alg, ...(signer ? { kid: signer } : {}) }, signer, valid: false })),
  // The JWK's alg names another algorithm, or its curve is not the token's.
  { id: 'ps256-with-rs256-key', header: { alg: 'PS256', kid: 'rsa-1' }, signer: 'rsa-1', valid: false },
  { id: 'es384-with-p256-kid', header: { alg: 'ES384', kid: 'ec-1' }, valid: false },
  { id: 'rsa-key-below-min-bits', header: { kid: SHORT_RSA_KID }, signer: SHORT_RSA_KID, valid: false },
  // A JWK without alg takes any accepted algorithm of its key type.
  { id: 'ps256-with-alg-less-key', header: { alg: 'PS256', kid: ANY_RSA_KID }, signer: ANY_RSA_KID, valid: true },
  // RFC 7515 4.1.11: the custom server understands no extension, so any crit refuses the token (b64 is one jose knows).
  { id: 'crit-b64', header: { crit: ['b64'], b64: true }, signer: 'rsa-1', valid: false },
  { id: 'crit-empty', header: { crit: [] }, signer: 'rsa-1', valid: false },
  // The size cap: a token of exactly maxTokenBytes is read, one byte more is refused before it is decoded.
  { id: 'token-at-size-cap', bytes: SIZE_CAP, apis: [`${WF}StartWorkflowExecution`], valid: true },
  { id: 'token-over-size-cap', bytes: SIZE_CAP + 1, apis: [`${WF}StartWorkflowExecution`], valid: false },
];

const TOKEN_CASES: TokenCase[] = [
  { id: 'valid-rs256', valid: true },
  { id: 'valid-es256', header: { alg: 'ES256', kid: 'ec-1' }, valid: true },
  { id: 'aud-list-containing-audience', claims: { aud: ['other', VERIFIER.audience] }, valid: true },
  { id: 'expired-within-leeway', claims: { exp: NOW - 30 }, valid: true },
  { id: 'expired-beyond-leeway', claims: { exp: NOW - 61 }, valid: false },
  { id: 'nbf-within-leeway', claims: { nbf: NOW + 30 }, valid: true },
  { id: 'nbf-beyond-leeway', claims: { nbf: NOW + 120 }, valid: false },
  { id: 'iat-within-leeway', claims: { iat: NOW + 30 }, valid: true },
  { id: 'iat-beyond-leeway', claims: { iat: NOW + 120 }, valid: false },
  { id: 'no-exp', claims: { exp: undefined }, valid: false },
  { id: 'wrong-issuer', claims: { iss: 'https://evil.example/oauth2/default' }, valid: false },
  { id: 'issuer-trailing-slash', claims: { iss: `${VERIFIER.issuer}/` }, valid: false },
  { id: 'no-issuer', claims: { iss: undefined }, valid: false },
  { id: 'wrong-audience', claims: { aud: 'api://other' }, valid: false },
  { id: 'no-audience', claims: { aud: undefined }, valid: false },
  { id: 'unknown-kid', header: { kid: 'rsa-rotated-away' }, valid: false },
  { id: 'no-kid', header: { kid: undefined }, valid: false },
  { id: 'rs256-with-ec-kid', header: { kid: 'ec-1' }, valid: false },
  { id: 'alg-none', header: { alg: 'none' }, valid: false },
  { id: 'alg-hs256', header: { alg: 'HS256' }, valid: false },
  { id: 'tampered-payload', mangle: (t) => tamper(t), valid: false },
  { id: 'signature-stripped', mangle: (t) => `${t.slice(0, t.lastIndexOf('.'))}.`, valid: false },
  { id: 'not-a-jwt', mangle: () => 'not.a-jwt', valid: false },
  { id: 'groups-elsewhere-valid', claims: { groups: undefined, roles: ['payroll-engineers'] }, valid: true },
];

/** Swaps the payload for one with more groups, keeping the original signature. */
function tamper(token: string): string {
  const [h, , s] = token.split('.');
  const payload = { ...decodeJwt(token), groups: ['temporal-admins'] };
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A key per accepted algorithm, the short RSA key and the alg-less one; keys of the previous file are kept (by kid), missing ones generated. */
async function signingKeys(previous: JWK[] = []): Promise<JWK[]> {
  const keys = [...previous];
  for (const alg of CUSTOM_TOKEN_RULES.algorithms) {
    const kid = kidFor(alg);
    if (keys.some((k) => k.kid === kid)) continue;
    const { privateKey } = await generateKeyPair(alg, { extractable: true });
    keys.push({ ...(await exportJWK(privateKey)), kid, alg, use: 'sig' });
  }
  if (!keys.some((k) => k.kid === SHORT_RSA_KID)) {
    // jose generates no RSA key under 2048 bits: node:crypto does.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: CUSTOM_TOKEN_RULES.minRsaBits - 1 });
    keys.push({ ...(privateKey.export({ format: 'jwk' }) as JWK), kid: SHORT_RSA_KID, alg: 'RS256', use: 'sig' });
  }
  if (!keys.some((k) => k.kid === ANY_RSA_KID)) {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: CUSTOM_TOKEN_RULES.minRsaBits });
    keys.push({ ...(privateKey.export({ format: 'jwk' }) as JWK), kid: ANY_RSA_KID, use: 'sig' });
  }
  return keys;
}

/** Signs with node:crypto: RSASSA-PKCS1-v1_5 for RS* (RS1: SHA-1), RSASSA-PSS for PS* with a salt as long as the hash (RFC 7518 3.5). */
function signRaw(input: string, alg: string, key: JWK): string {
  const hash = alg === 'RS1' ? 'sha1' : `sha${alg.slice(2)}`;
  const privateKey = createPrivateKey({ key: key as never, format: 'jwk' });
  if (alg.startsWith('PS')) return sign(hash, Buffer.from(input), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }).toString('base64url');
  if (alg.startsWith('RS')) return sign(hash, Buffer.from(input), privateKey).toString('base64url');
  throw new Error(`signRaw: ${alg}`);
}

const publicOf = (k: JWK): JWK => {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = k;
  return pub;
};

async function mint(c: TokenCase, keys: JWK[], previous: Map<string, string>): Promise<string> {
  if (c.bytes !== undefined) {
    // An RSA signature's length is fixed: pad the claims (and, since base64url
    // skips some lengths, the header) until the token is c.bytes long.
    const padded = (claimPad: number, headerPad: number) =>
      mint({ ...c, bytes: undefined, header: { ...c.header, ...(headerPad ? { x: 'x'.repeat(headerPad) } : {}) }, claims: { ...c.claims, pad: 'p'.repeat(claimPad) } }, keys, previous);
    const start = Math.floor(((c.bytes - (await padded(0, 0)).length) * 3) / 4) - 8;
    for (let headerPad = 0; headerPad < 4; headerPad++) {
      for (let claimPad = Math.max(0, start); claimPad < start + 16; claimPad++) {
        const token = await padded(claimPad, headerPad);
        if (token.length === c.bytes) return token;
      }
    }
    throw new Error(`token case ${c.id}: no token of exactly ${c.bytes} bytes`);
  }
  const header: Record<string, unknown> = { alg: 'RS256', kid: 'rsa-1', typ: 'JWT', ...c.header };
  const base: Record<string, unknown> = { iss: VERIFIER.issuer, aud: VERIFIER.audience, sub: 'user-42', cid: '0oa-web', groups: ['payroll-engineers'], iat: NOW - 60, exp: NOW + 3600 };
  const claims = Object.fromEntries(Object.entries({ ...base, ...c.claims }).filter(([, v]) => v !== undefined));
  for (const k of Object.keys(header)) if (header[k] === undefined) delete header[k];
  // ES256 signatures differ on every run: keep last run's token while it says the same thing.
  const old = previous.get(c.id);
  if (old && !c.mangle) {
    try {
      if (JSON.stringify(decodeProtectedHeader(old)) === JSON.stringify(header) && JSON.stringify(decodeJwt(old)) === JSON.stringify(claims)) return old;
    } catch {
      // regenerate
    }
  }
  let token: string;
  if (c.signer) {
    const input = `${b64(header)}.${b64(claims)}`;
    token = `${input}.${signRaw(input, String(header.alg), keys.find((k) => k.kid === c.signer)!)}`;
  } else if (header.alg === 'none') token = `${b64(header)}.${b64(claims)}.`;
  else if (!CUSTOM_TOKEN_RULES.algorithms.includes(String(header.alg))) {
    // HS256 and the refused algorithms without a signer: a digest stands for the signature (nothing verifies it).
    const input = `${b64(header)}.${b64(claims)}`;
    token = `${input}.${createHash('sha256').update(input).digest('base64url')}`;
  } else {
    const key = keys.find((k) => k.kid === kidFor(String(header.alg)))!;
    token = await new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(await importJWK(key, String(header.alg)));
  }
  return c.mangle ? c.mangle(token) : token;
}

/** Two workers sharing a client ID (lint refuses it in a spec; the policy format allows it): both names, sorted, joined with `+`. */
const SHARED_CLIENT: CompiledPolicy = {
  version: 1,
  groupsClaim: 'groups',
  clientIdClaims: ['azp'],
  roleBits: { worker: 1, read: 2, write: 4, admin: 8 },
  groups: { devs: { namespaces: { billing: 'write' } } },
  clients: { 'svc-shared': { name: 'billing-worker+payroll-worker', namespaces: { billing: 'write', payroll: 'write' } } },
  principal: { claim: 'preferred_username' },
};

/** Names that look like `payroll` and are other namespaces: none may pick up payroll's enforce setting. */
const LOOKALIKES: [string, string][] = [
  ['upper-case', 'PAYROLL'],
  ['leading-space', ' payroll'],
  ['zero-width-space', 'payroll\u200b'],
];

/** The namespaces a ListNamespaces vector's server has. */
const LISTED = ['bitovi-project', 'payroll', 'temporal-system', 'zz-unnamed'];

type Add = (
  v: Omit<Vector, 'allowed' | 'reason' | 'shadow' | 'principal' | 'worker' | 'visible'>,
  d: { allowed: boolean; code: ReasonCode; shadow?: true; principal?: string; worker?: string; visible?: string[] },
) => void;
/** decideCustom with the vectors' cluster issuer. */
type Decide = (...args: Parameters<typeof decide>) => ReturnType<typeof decide>;

/**
 * Issue 23's vectors (shadow mode, the Web UI's calls, the principal, the
 * ListNamespaces filter), appended after every earlier vector so none moves.
 */
async function addIssue23(policies: Record<string, CompiledPolicy>, _before: number, add: Add, minted: Map<string, string>, decideCustom: Decide): Promise<void> {
  const table = apiTableFor(SERVER_VERSION);
  const short = (api: string) => api.slice(api.lastIndexOf('/') + 1);
  const one = (id: string, policy: string, caller: { claims: Record<string, unknown> } | { none: true }, api: string, ns: string, listed?: string[]) =>
    add(
      { id, policy, ...('claims' in caller ? { claims: caller.claims } : {}), api, namespace: ns, ...(listed ? { listed } : {}) },
      decideCustom(policies[policy]!, caller, describeMethod(table, api), ns, listed),
    );
  const ungranted = { claims: { sub: 'user-new', cid: '0oa-web', groups: ['not-in-the-spec'] } };
  const auditor = { claims: { sub: 'user-auditor', cid: '0oa-web', groups: ['finance-auditors'] } };
  const engineer = { claims: { sub: 'user-eng', cid: '0oa-web', groups: ['payroll-engineers'] } };

  // Shadow mode everywhere: every denial let through (its reason kept), every allow unchanged.
  for (const [who, caller] of [
    ['ungranted', ungranted],
    ['finance-auditors', auditor],
    ['payroll-engineers', engineer],
  ] as const) {
    for (const api of [`${WF}StartWorkflowExecution`, `${WF}DescribeWorkflowExecution`, `${WF}UpdateNamespace`, `${AD}DescribeCluster`, `${WF}MakeCoffee`, HEALTH]) {
      one(`shadow/global/${who}/${short(api)}/payroll`, 'okta-shadow', caller, api, 'payroll');
    }
    one(`shadow/global/${who}/ListNamespaces/(none)`, 'okta-shadow', caller, `${WF}ListNamespaces`, '');
  }
  one('shadow/global/no-token/StartWorkflowExecution/payroll', 'okta-shadow', { none: true }, `${WF}StartWorkflowExecution`, 'payroll');
  one('shadow/global/no-token/ListNamespaces/(none)', 'okta-shadow', { none: true }, `${WF}ListNamespaces`, '');
  for (const c of ['wrong-audience', 'tampered-payload']) {
    for (const api of [`${WF}StartWorkflowExecution`, HEALTH]) {
      add(
        { id: `shadow/global/token-${c}/${short(api)}/payroll`, policy: 'okta-shadow', token: minted.get(c)!, api, namespace: 'payroll' },
        decideCustom(policies['okta-shadow']!, { invalid: c }, describeMethod(table, api), 'payroll'),
      );
    }
  }

  // One namespace in shadow mode, and one enforced in a shadow-mode cluster: each by its exact name only.
  for (const policy of ['okta-shadow-payroll', 'okta-enforce-payroll']) {
    for (const ns of ['payroll', 'bitovi-project', '']) {
      const api = ns ? `${WF}StartWorkflowExecution` : `${WF}ListNamespaces`;
      one(`shadow/${policy}/ungranted/${short(api)}/${ns || '(none)'}`, policy, ungranted, api, ns);
    }
    one(`shadow/${policy}/no-token/StartWorkflowExecution/payroll`, policy, { none: true }, `${WF}StartWorkflowExecution`, 'payroll');
    for (const [name, ns] of LOOKALIKES) one(`shadow/${policy}/ungranted/StartWorkflowExecution/${name}`, policy, ungranted, `${WF}StartWorkflowExecution`, ns);
    // An engineer's allowed call is the same in both.
    one(`shadow/${policy}/payroll-engineers/StartWorkflowExecution/payroll`, policy, engineer, `${WF}StartWorkflowExecution`, 'payroll');
  }

  // ListNamespaces: what the caller's answer keeps of the namespaces the server has.
  const listCallers: [string, { claims: Record<string, unknown> } | { none: true }][] = [
    ['finance-auditors', auditor],
    ['engineering', { claims: { sub: 'u', groups: ['engineering'] } }],
    ['bitovi+finance-auditors', { claims: { sub: 'u', groups: ['bitovi', 'finance-auditors'] } }],
    ['payroll-worker', { claims: { sub: '0oa-payroll', cid: '0oa-payroll' } }],
    ['ungranted', ungranted],
    ['no-token', { none: true }],
  ];
  for (const policy of ['okta', 'okta-enforce-payroll', 'okta-shadow-payroll']) {
    for (const [who, caller] of listCallers) one(`list/${policy}/${who}/ListNamespaces`, policy, caller, `${WF}ListNamespaces`, '', LISTED);
  }

  // The principal history records.
  const principals: [string, Record<string, unknown>][] = [
    ['email', { sub: 'user-42', email: 'al@acme.example', groups: ['payroll-engineers'] }],
    ['email-missing', { sub: 'user-42', groups: ['payroll-engineers'] }],
    ['email-empty', { sub: 'user-42', email: '', groups: ['payroll-engineers'] }],
    ['email-number', { sub: 'user-42', email: 42, groups: ['payroll-engineers'] }],
    ['email-list', { sub: 'user-42', email: ['al@acme.example'], groups: ['payroll-engineers'] }],
    ['no-sub-no-email', { groups: ['payroll-engineers'] }],
    ['sub-not-a-string', { sub: 42, email: 7, groups: ['payroll-engineers'] }],
    // A worker is named by its name, whatever its email claim says.
    ['worker', { sub: '0oa-payroll', cid: '0oa-payroll', email: 'boss@acme.example' }],
    // The worker's client ID only as sub: not the worker.
    ['worker-id-as-sub', { sub: '0oa-payroll', email: 'x@acme.example' }],
  ];
  for (const [name, claims] of principals) {
    for (const api of [`${WF}StartWorkflowExecution`, `${WF}DescribeWorkflowExecution`]) one(`principal/okta-principal/${name}/${short(api)}/payroll`, 'okta-principal', { claims }, api, 'payroll');
  }
  one('principal/okta/email-without-principal-policy/StartWorkflowExecution/payroll', 'okta', { claims: principals[0]![1] }, `${WF}StartWorkflowExecution`, 'payroll');
  for (const [name, claims] of [
    ['shared-client', { sub: 'svc-shared', azp: 'svc-shared', preferred_username: 'service-account-svc' }],
    ['user', { sub: 'u-7', azp: 'temporal-ui', preferred_username: 'al', groups: ['devs'] }],
  ] as const) {
    one(`principal/shared-client/${name}/StartWorkflowExecution/billing`, 'shared-client', { claims: { ...claims } }, `${WF}StartWorkflowExecution`, 'billing');
  }
}

/** A hand-written expectation on the vector `id`: the model must agree, or generation fails. */
function expectation(vectors: Vector[]): (id: string, expected: Partial<Vector>) => void {
  return (id, expected) => {
    const v = vectors.find((x) => x.id === id);
    if (!v) throw new Error(`expectation ${id}: no such vector`);
    for (const [k, value] of Object.entries(expected)) {
      if (JSON.stringify(v[k as keyof Vector]) !== JSON.stringify(value))
        throw new Error(`expectation ${id}: want ${k} ${JSON.stringify(value)}, the model says ${JSON.stringify(v[k as keyof Vector])}`);
    }
  };
}

/** Hand-written expectations for issue 23's vectors: the model must agree, or generation fails. */
function checkIssue23(vectors: Vector[]): void {
  const want = expectation(vectors);
  const shadowDeny = (reason: ReasonCode) => ({ allowed: true, shadow: true as const, reason });
  const deny = (reason: ReasonCode) => ({ allowed: false, shadow: undefined, reason });
  want('shadow/global/ungranted/StartWorkflowExecution/payroll', shadowDeny('namespace-api'));
  want('shadow/global/finance-auditors/UpdateNamespace/payroll', shadowDeny('namespace-api'));
  want('shadow/global/finance-auditors/DescribeWorkflowExecution/payroll', { allowed: true, shadow: undefined, reason: 'namespace-api' });
  want('shadow/global/payroll-engineers/DescribeCluster/payroll', shadowDeny('cluster-api'));
  want('shadow/global/ungranted/MakeCoffee/payroll', shadowDeny('unknown-api'));
  want('shadow/global/ungranted/Check/payroll', { allowed: true, shadow: undefined, reason: 'always-allowed' });
  want('shadow/global/ungranted/ListNamespaces/(none)', shadowDeny('cluster-api'));
  want('shadow/global/finance-auditors/ListNamespaces/(none)', { allowed: true, shadow: undefined, reason: 'ui-cluster-api' });
  want('shadow/global/no-token/StartWorkflowExecution/payroll', shadowDeny('no-token'));
  want('shadow/global/token-wrong-audience/StartWorkflowExecution/payroll', shadowDeny('token-invalid'));
  want('shadow/global/token-tampered-payload/Check/payroll', { allowed: true, shadow: undefined, reason: 'always-allowed' });
  want('shadow/okta-shadow-payroll/ungranted/StartWorkflowExecution/payroll', shadowDeny('namespace-api'));
  want('shadow/okta-shadow-payroll/ungranted/StartWorkflowExecution/bitovi-project', deny('namespace-api'));
  want('shadow/okta-shadow-payroll/ungranted/ListNamespaces/(none)', deny('cluster-api'));
  want('shadow/okta-shadow-payroll/no-token/StartWorkflowExecution/payroll', shadowDeny('no-token'));
  want('shadow/okta-enforce-payroll/ungranted/StartWorkflowExecution/payroll', deny('namespace-api'));
  want('shadow/okta-enforce-payroll/ungranted/StartWorkflowExecution/bitovi-project', shadowDeny('namespace-api'));
  want('shadow/okta-enforce-payroll/ungranted/ListNamespaces/(none)', shadowDeny('cluster-api'));
  want('shadow/okta-enforce-payroll/no-token/StartWorkflowExecution/payroll', deny('no-token'));
  for (const [name] of LOOKALIKES) {
    // Neither payroll's shadow mode nor its enforcement reaches a lookalike: it follows the default.
    want(`shadow/okta-shadow-payroll/ungranted/StartWorkflowExecution/${name}`, deny('namespace-api'));
    want(`shadow/okta-enforce-payroll/ungranted/StartWorkflowExecution/${name}`, shadowDeny('namespace-api'));
  }
  want('list/okta/finance-auditors/ListNamespaces', { allowed: true, reason: 'ui-cluster-api', visible: ['payroll'] });
  want('list/okta/engineering/ListNamespaces', { allowed: true, reason: 'cluster-api', visible: LISTED });
  want('list/okta/bitovi+finance-auditors/ListNamespaces', { allowed: true, reason: 'ui-cluster-api', visible: ['bitovi-project', 'payroll'] });
  want('list/okta/payroll-worker/ListNamespaces', { allowed: true, reason: 'ui-cluster-api', visible: ['payroll'] });
  want('list/okta/ungranted/ListNamespaces', { allowed: false, reason: 'cluster-api', visible: undefined });
  want('list/okta/no-token/ListNamespaces', { allowed: false, reason: 'no-token', visible: undefined });
  // Shadow mode keeps a namespace in the answer when its reads are let through.
  want('list/okta-enforce-payroll/ungranted/ListNamespaces', { allowed: true, shadow: true, reason: 'cluster-api', visible: ['bitovi-project', 'temporal-system', 'zz-unnamed'] });
  want('list/okta-enforce-payroll/finance-auditors/ListNamespaces', { allowed: true, shadow: undefined, reason: 'ui-cluster-api', visible: LISTED });
  want('list/okta-shadow-payroll/finance-auditors/ListNamespaces', { allowed: true, reason: 'ui-cluster-api', visible: ['payroll'] });
  want('list/okta-shadow-payroll/bitovi+finance-auditors/ListNamespaces', { allowed: true, reason: 'ui-cluster-api', visible: ['bitovi-project', 'payroll'] });
  want('list/okta-shadow-payroll/ungranted/ListNamespaces', { allowed: false, visible: undefined });
  want('principal/okta-principal/email/StartWorkflowExecution/payroll', { allowed: true, principal: 'al@acme.example' });
  want('principal/okta-principal/email-missing/StartWorkflowExecution/payroll', { principal: 'user-42' });
  want('principal/okta-principal/email-empty/StartWorkflowExecution/payroll', { principal: 'user-42' });
  want('principal/okta-principal/email-number/StartWorkflowExecution/payroll', { principal: 'user-42' });
  want('principal/okta-principal/email-list/StartWorkflowExecution/payroll', { principal: 'user-42' });
  want('principal/okta-principal/no-sub-no-email/StartWorkflowExecution/payroll', { principal: '' });
  want('principal/okta-principal/sub-not-a-string/StartWorkflowExecution/payroll', { principal: '' });
  want('principal/okta-principal/worker/StartWorkflowExecution/payroll', { allowed: true, principal: 'payroll-worker' });
  want('principal/okta-principal/worker-id-as-sub/StartWorkflowExecution/payroll', { allowed: false, principal: 'x@acme.example' });
  want('principal/okta/email-without-principal-policy/StartWorkflowExecution/payroll', { allowed: true, principal: undefined });
  want('principal/shared-client/shared-client/StartWorkflowExecution/billing', { allowed: true, principal: 'billing-worker+payroll-worker' });
  want('principal/shared-client/user/StartWorkflowExecution/billing', { allowed: true, principal: 'al' });
}

// Issue 24: workload identity. A second verifier, the cluster's
// service-account issuer, with keys as kube-apiserver has them (RS256, the
// default, and ES256), and tokens shaped as its TokenRequest API issues them.

/** The cluster keys' roles: this cluster's signing keys, and another cluster's (same issuer URL, its own keys). */
type ClusterKeyRole = 'cluster' | 'other-cluster';
type ClusterJwk = JWK & { 'x-issuer': ClusterKeyRole };

/** kube-apiserver's key ID: base64url(SHA-256(DER SubjectPublicKeyInfo)) (serviceaccount.keyIDFromPublicKey). */
function kubeKid(jwk: JWK): string {
  const der = createPublicKey({ key: publicOf(jwk) as never, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64url');
}

/** A public JWK as kube-apiserver serves it at /openid/v1/jwks: use, kty, kid, (crv,) alg, and the key's numbers. */
function kubeJwk(k: JWK): JWK {
  return k.kty === 'EC' ? { use: 'sig', kty: 'EC', kid: k.kid, crv: k.crv, alg: k.alg, x: k.x, y: k.y } : { use: 'sig', kty: 'RSA', kid: k.kid, alg: k.alg, n: k.n, e: k.e };
}

/** The cluster's RSA and EC keys and another cluster's RSA key; those of the previous file kept, missing ones generated. */
function clusterSigningKeys(previous: JWK[]): ClusterJwk[] {
  const keys = previous as ClusterJwk[];
  const want: [ClusterKeyRole, 'RS256' | 'ES256'][] = [
    ['cluster', 'RS256'],
    ['cluster', 'ES256'],
    ['other-cluster', 'RS256'],
  ];
  const out: ClusterJwk[] = [];
  for (const [role, alg] of want) {
    let key = keys.find((k) => k['x-issuer'] === role && k.alg === alg);
    if (!key) {
      const { privateKey } = alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = privateKey.export({ format: 'jwk' }) as JWK;
      key = { ...jwk, kid: kubeKid(jwk), alg, use: 'sig', 'x-issuer': role };
    }
    out.push(key);
  }
  return out;
}

/** A deterministic UUID-shaped value for a name (kube's jti and uids are random; the vectors' must not be). */
function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** examples/okta.yaml with the cluster issuer and two workers that authenticate with their service account. */
async function clusterPolicy(root: string): Promise<CompiledPolicy> {
  const okta = readFileSync(`${root}/examples/okta.yaml`, 'utf8');
  const text = okta
    .replace('\nclients:\n', `\ncluster:\n  issuer: ${CLUSTER_VERIFIER.issuer}\n  audience: ${CLUSTER_VERIFIER.audience}\nclients:\n`)
    .replace(
      '\nnamespaces:\n',
      [
        '',
        '    - name: bitovi-worker',
        '      serviceAccount: { namespace: bitovi, name: bitovi-worker }',
        '      grants: { bitovi-project: write, payroll: read }',
        '    # The release namespace (temporal): system:serviceaccount:temporal:ledger.',
        '    - name: ledger-worker',
        '      serviceAccount: { name: ledger }',
        '      grants: { payroll: read }',
        'namespaces:',
        '',
      ].join('\n'),
    );
  if (text === okta || !text.includes('cluster:') || !text.includes('ledger-worker')) throw new Error('examples/okta.yaml changed shape: clusterPolicy cannot add the cluster issuer and its workers');
  const checked = await validateSpecText('okta-cluster.yaml', text);
  if (!checked.spec || !checked.chart) throw new Error(`okta-cluster.yaml: ${JSON.stringify(checked.findings)}`);
  return compilePolicy(buildModel(checked.spec, checked.chart));
}

type ClusterSigner = 'cluster-rsa' | 'cluster-ec' | 'other-cluster' | 'other-cluster-same-kid' | 'idp';

interface ClusterCase {
  id: string;
  /** Who signs: this cluster's RSA key (default for cluster tokens), its EC key, another cluster's key (its own kid, or this cluster's RSA kid), or the identity provider's rsa-1 (default for identity-provider tokens). */
  signer?: ClusterSigner;
  /** A cluster token's service account, [namespace, name]: default bitovi/bitovi-worker. */
  serviceAccount?: [string, string];
  /** An identity-provider token (the verifier's issuer and audience, a client ID) instead of a cluster token. */
  idp?: boolean;
  /** Claims over the defaults; undefined removes one. */
  claims?: Record<string, unknown>;
  valid: boolean;
}

const SA_BITOVI = 'system:serviceaccount:bitovi:bitovi-worker';

const CLUSTER_CASES: ClusterCase[] = [
  { id: 'bitovi-worker-rs256', valid: true },
  { id: 'bitovi-worker-es256', signer: 'cluster-ec', valid: true },
  // A service account in the release namespace (the spec's default).
  { id: 'ledger-worker', serviceAccount: ['temporal', 'ledger'], valid: true },
  { id: 'aud-list-with-audience', claims: { aud: [CLUSTER_VERIFIER.issuer, CLUSTER_VERIFIER.audience] }, valid: true },
  // The API server's own audience (a token from `kubectl create token` without --audience, or the pod's default token): never Temporal's.
  { id: 'aud-api-server-default', claims: { aud: [CLUSTER_VERIFIER.issuer] }, valid: false },
  { id: 'aud-other', claims: { aud: ['vault'] }, valid: false },
  { id: 'no-aud', claims: { aud: undefined }, valid: false },
  // Valid tokens of service accounts the policy does not list: no roles.
  { id: 'other-service-account', serviceAccount: ['bitovi', 'default'], valid: true },
  { id: 'same-name-other-namespace', serviceAccount: ['payroll', 'bitovi-worker'], valid: true },
  // Another cluster with the same issuer URL (every kubeadm cluster's default): its keys are not this cluster's.
  { id: 'other-cluster-key', signer: 'other-cluster', valid: false },
  { id: 'other-cluster-key-same-kid', signer: 'other-cluster-same-kid', valid: false },
  // The identity provider's key does not sign for the cluster: each issuer has its own keys.
  { id: 'idp-key', signer: 'idp', valid: false },
  // Groups and client-ID claims in a cluster token count for nothing.
  { id: 'groups-claim', claims: { groups: ['temporal-admins', 'payroll-admins'], cid: '0oa-payroll', email: 'boss@acme.example' }, valid: true },
  { id: 'groups-claim-unlisted', serviceAccount: ['bitovi', 'default'], claims: { groups: ['temporal-admins'], cid: '0oa-payroll' }, valid: true },
  // An iss that is neither issuer: no verifier takes it.
  { id: 'unknown-issuer', claims: { iss: 'https://kubernetes.other-cluster.example' }, valid: false },
  { id: 'issuer-trailing-slash', claims: { iss: `${CLUSTER_VERIFIER.issuer}/` }, valid: false },
  // The token rules are the same for both issuers.
  { id: 'expired-within-leeway', claims: { exp: NOW - 30 }, valid: true },
  { id: 'expired-beyond-leeway', claims: { exp: NOW - 61 }, valid: false },
  // Identity-provider tokens beside the cluster's.
  { id: 'idp-token-service-account-sub', idp: true, claims: { sub: SA_BITOVI, cid: SA_BITOVI }, valid: true },
  { id: 'idp-token-payroll-worker', idp: true, claims: { sub: '0oa-payroll', cid: '0oa-payroll' }, valid: true },
  { id: 'idp-token-signed-by-cluster-key', idp: true, signer: 'cluster-rsa', valid: false },
];

/** The calls each cluster case is decided for: a write and a read each side of the worker's grants, the Web UI's ListNamespaces, a system call, the health check. */
const CLUSTER_CALLS: [string, string][] = [
  [`${WF}PollWorkflowTaskQueue`, 'bitovi-project'],
  [`${WF}DescribeWorkflowExecution`, 'payroll'],
  [`${WF}StartWorkflowExecution`, 'payroll'],
  [`${WF}ListNamespaces`, ''],
  [`${AD}DescribeCluster`, ''],
  [HEALTH, ''],
];

/** Claims vectors: mapped as a token of the issuer their `iss` names (the cluster's, or else the identity provider's). */
const CLUSTER_CLAIMS: [string, Record<string, unknown>][] = [
  ['bitovi-worker', { iss: CLUSTER_VERIFIER.issuer, sub: SA_BITOVI }],
  ['unlisted-with-groups-and-client-id', { iss: CLUSTER_VERIFIER.issuer, sub: 'system:serviceaccount:bitovi:default', groups: ['temporal-admins'], cid: '0oa-payroll' }],
  ['idp-issuer-service-account-sub', { iss: VERIFIER.issuer, sub: SA_BITOVI, cid: SA_BITOVI }],
  ['no-issuer-service-account-sub', { sub: SA_BITOVI, groups: ['finance-auditors'] }],
  ['issuer-in-a-list', { iss: [CLUSTER_VERIFIER.issuer], sub: SA_BITOVI }],
  ['sub-case-differs', { iss: CLUSTER_VERIFIER.issuer, sub: 'system:serviceaccount:Bitovi:bitovi-worker' }],
  ['sub-not-a-string', { iss: CLUSTER_VERIFIER.issuer, sub: 42, email: 'x@acme.example' }],
  ['no-sub', { iss: CLUSTER_VERIFIER.issuer, groups: ['temporal-admins'] }],
  ['sub-prototype-key', { iss: CLUSTER_VERIFIER.issuer, sub: '__proto__' }],
];

function mintClusterToken(c: ClusterCase, keys: { idp: JWK[]; cluster: ClusterJwk[] }, previous: Map<string, string>): string {
  const clusterRsa = keys.cluster.find((k) => k['x-issuer'] === 'cluster' && k.alg === 'RS256')!;
  const signer = c.signer ?? (c.idp ? 'idp' : 'cluster-rsa');
  const [key, kid] = {
    'cluster-rsa': () => [clusterRsa, clusterRsa.kid],
    'cluster-ec': () => {
      const k = keys.cluster.find((x) => x['x-issuer'] === 'cluster' && x.alg === 'ES256')!;
      return [k, k.kid];
    },
    'other-cluster': () => {
      const k = keys.cluster.find((x) => x['x-issuer'] === 'other-cluster')!;
      return [k, k.kid];
    },
    'other-cluster-same-kid': () => [keys.cluster.find((x) => x['x-issuer'] === 'other-cluster')!, clusterRsa.kid],
    idp: () => [keys.idp.find((x) => x.kid === 'rsa-1')!, 'rsa-1'],
  }[signer]() as [JWK, string];
  const alg = String(key.alg ?? 'RS256');
  // kube-apiserver's header has no typ; the identity provider's tokens keep the vectors' usual header.
  const header: Record<string, unknown> = c.idp ? { alg, kid, typ: 'JWT' } : { alg, kid };
  const [ns, name] = c.serviceAccount ?? ['bitovi', 'bitovi-worker'];
  const base: Record<string, unknown> = c.idp
    ? { iss: VERIFIER.issuer, aud: VERIFIER.audience, sub: 'user-42', cid: '0oa-web', iat: NOW - 60, exp: NOW + 3600 }
    : {
        aud: [CLUSTER_VERIFIER.audience],
        exp: NOW + 3600,
        iat: NOW - 60,
        iss: CLUSTER_VERIFIER.issuer,
        jti: uuidOf(`jti/${c.id}`),
        'kubernetes.io': {
          namespace: ns,
          node: { name: 'node-1', uid: uuidOf('node/node-1') },
          pod: { name: `${name}-5d8f7c9b4-x2x7q`, uid: uuidOf(`pod/${c.id}`) },
          serviceaccount: { name, uid: uuidOf(`serviceaccount/${ns}/${name}`) },
        },
        nbf: NOW - 60,
        sub: `system:serviceaccount:${ns}:${name}`,
      };
  const claims = Object.fromEntries(Object.entries({ ...base, ...c.claims }).filter(([, v]) => v !== undefined));
  // ES256 signatures differ on every run: keep last run's token while it says the same thing with the same key.
  const old = previous.get(c.id);
  if (old) {
    try {
      if (JSON.stringify(decodeProtectedHeader(old)) === JSON.stringify(header) && JSON.stringify(decodeJwt(old)) === JSON.stringify(claims) && alg === 'ES256') return old;
    } catch {
      // regenerate
    }
  }
  const input = `${b64(header)}.${b64(claims)}`;
  const { 'x-issuer': _role, ...jwk } = key as ClusterJwk;
  const privateKey = createPrivateKey({ key: jwk as never, format: 'jwk' });
  const signature = alg === 'ES256' ? sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }) : sign('sha256', Buffer.from(input), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** The custom-auth server's verdict with both verifiers: the one the token's unverified iss names. */
export async function checkTwoIssuers(
  token: string,
  verifiers: { idp: { issuer: string; audience?: string; jwks: { keys: JWK[] } }; cluster: { issuer: string; audience: string; jwks: { keys: JWK[] } } },
  now: number,
): Promise<TokenVerdict> {
  const kind = verifierFor(token, verifiers.cluster.issuer);
  const v = kind === 'cluster' ? verifiers.cluster : verifiers.idp;
  return checkToken(token, v.jwks as never, { rules: 'custom', issuer: v.issuer, audience: v.audience, now: new Date(now * 1000), verifier: kind });
}

/**
 * Issue 24's vectors (workload identity: the cluster's tokens beside the
 * identity provider's), appended after every earlier vector so none moves.
 */
async function addIssue24(
  policies: Record<string, CompiledPolicy>,
  add: Add,
  keys: { idp: JWK[]; jwks: { keys: JWK[] }; cluster: ClusterJwk[]; clusterJwks: { keys: JWK[] } },
  previousVectors: Vector[],
  decideCustom: Decide,
): Promise<void> {
  const table = apiTableFor(SERVER_VERSION);
  const short = (api: string) => api.slice(api.lastIndexOf('/') + 1);
  const previous = new Map(previousVectors.filter((v) => v.token && v.id.startsWith('cluster/')).map((v) => [v.id.split('/')[1]!, v.token!]));
  const verifiers = { idp: { ...VERIFIER, jwks: keys.jwks }, cluster: { ...CLUSTER_VERIFIER, jwks: keys.clusterJwks } };
  for (const c of CLUSTER_CASES) {
    const token = mintClusterToken(c, keys, previous);
    const verdict = await checkTwoIssuers(token, verifiers, NOW);
    if (verdict.ok !== c.valid) throw new Error(`cluster case ${c.id}: expected ${c.valid ? 'valid' : 'invalid'}, the model says ${verdict.ok ? 'valid' : `invalid (${verdict.reason})`}`);
    const input = verdict.ok ? { claims: verdict.payload as Record<string, unknown> } : { invalid: verdict.reason };
    for (const [api, ns] of CLUSTER_CALLS) {
      const listed = api.endsWith('/ListNamespaces') ? LISTED : undefined;
      add(
        { id: `cluster/${c.id}/${short(api)}/${ns || '(none)'}`, policy: 'okta-cluster', token, api, namespace: ns, ...(listed ? { listed } : {}) },
        decideCustom(policies['okta-cluster']!, input, describeMethod(table, api), ns, listed),
      );
    }
    const api = `${WF}DescribeWorkflowExecution`;
    add(
      { id: `cluster/${c.id}/principal/${short(api)}/payroll`, policy: 'okta-cluster-principal', token, api, namespace: 'payroll' },
      decideCustom(policies['okta-cluster-principal']!, input, describeMethod(table, api), 'payroll'),
    );
  }
  for (const [name, claims] of CLUSTER_CLAIMS) {
    for (const [api, ns] of [...CLUSTER_CALLS.slice(0, 2), [`${WF}ListNamespaces`, ''] as [string, string]]) {
      const listed = api.endsWith('/ListNamespaces') ? LISTED : undefined;
      add(
        { id: `cluster/claims/${name}/${short(api)}/${ns || '(none)'}`, policy: 'okta-cluster', claims, api, namespace: ns, ...(listed ? { listed } : {}) },
        decideCustom(policies['okta-cluster']!, { claims }, describeMethod(table, api), ns, listed),
      );
    }
    const api = `${WF}DescribeWorkflowExecution`;
    add(
      { id: `cluster/claims/${name}/principal/${short(api)}/payroll`, policy: 'okta-cluster-principal', claims, api, namespace: 'payroll' },
      decideCustom(policies['okta-cluster-principal']!, { claims }, describeMethod(table, api), 'payroll'),
    );
  }
  // Appended last (vectors only ever go after the others). A policy without serviceAccounts (examples/okta.yaml): a cluster token, whatever groups or client ID it carries, gets nothing.
  for (const id of ['bitovi-worker-rs256', 'groups-claim']) {
    const c = CLUSTER_CASES.find((x) => x.id === id)!;
    const token = mintClusterToken(c, keys, previous);
    const verdict = await checkTwoIssuers(token, verifiers, NOW);
    if (!verdict.ok) throw new Error(`cluster case ${id}: ${verdict.reason}`);
    for (const [api, ns] of [CLUSTER_CALLS[1]!, [`${AD}DescribeCluster`, ''] as [string, string], [`${WF}PollWorkflowTaskQueue`, 'payroll'] as [string, string]]) {
      add(
        { id: `cluster/${id}/okta/${short(api)}/${ns || '(none)'}`, policy: 'okta', token, api, namespace: ns },
        decideCustom(policies.okta!, { claims: verdict.payload as Record<string, unknown> }, describeMethod(table, api), ns),
      );
    }
  }
}

/** Hand-written expectations for issue 24's vectors: the model must agree, or generation fails. */
function checkIssue24(vectors: Vector[]): void {
  const want = expectation(vectors);
  const invalid = { allowed: false, reason: 'token-invalid' as const, worker: undefined };
  const bitovi = 'bitovi-worker';
  // The worker: exactly its grants (write on bitovi-project, read on payroll), named by its name.
  for (const c of ['bitovi-worker-rs256', 'bitovi-worker-es256', 'aud-list-with-audience', 'expired-within-leeway']) {
    want(`cluster/${c}/PollWorkflowTaskQueue/bitovi-project`, { allowed: true, reason: 'namespace-api', worker: bitovi });
    want(`cluster/${c}/DescribeWorkflowExecution/payroll`, { allowed: true, reason: 'namespace-api', worker: bitovi });
    want(`cluster/${c}/StartWorkflowExecution/payroll`, { allowed: false, reason: 'namespace-api', worker: bitovi });
    want(`cluster/${c}/ListNamespaces/(none)`, { allowed: true, reason: 'ui-cluster-api', visible: ['bitovi-project', 'payroll'] });
    want(`cluster/${c}/DescribeCluster/(none)`, { allowed: false, reason: 'cluster-api' });
    want(`cluster/${c}/principal/DescribeWorkflowExecution/payroll`, { allowed: true, principal: bitovi, worker: bitovi });
  }
  want('cluster/ledger-worker/DescribeWorkflowExecution/payroll', { allowed: true, worker: 'ledger-worker' });
  want('cluster/ledger-worker/PollWorkflowTaskQueue/bitovi-project', { allowed: false, reason: 'namespace-api', worker: 'ledger-worker' });
  // Refused tokens: no roles, no worker; the health check still passes.
  for (const c of [
    'aud-api-server-default',
    'aud-other',
    'no-aud',
    'other-cluster-key',
    'other-cluster-key-same-kid',
    'idp-key',
    'unknown-issuer',
    'issuer-trailing-slash',
    'expired-beyond-leeway',
    'idp-token-signed-by-cluster-key',
  ]) {
    want(`cluster/${c}/PollWorkflowTaskQueue/bitovi-project`, invalid);
    want(`cluster/${c}/Check/(none)`, { allowed: true, reason: 'always-allowed' });
    want(`cluster/${c}/principal/DescribeWorkflowExecution/payroll`, { ...invalid, principal: undefined });
  }
  // Service accounts the policy does not list: valid, and nothing.
  for (const c of ['other-service-account', 'same-name-other-namespace', 'groups-claim-unlisted']) {
    want(`cluster/${c}/PollWorkflowTaskQueue/bitovi-project`, { allowed: false, reason: 'namespace-api', worker: undefined });
    want(`cluster/${c}/DescribeWorkflowExecution/payroll`, { allowed: false, reason: 'namespace-api', worker: undefined });
    want(`cluster/${c}/ListNamespaces/(none)`, { allowed: false, reason: 'cluster-api', visible: undefined });
  }
  want('cluster/other-service-account/principal/DescribeWorkflowExecution/payroll', { allowed: false, principal: 'system:serviceaccount:bitovi:default' });
  // Groups (temporal-admins: system admin; payroll-admins) and a worker's client ID in a cluster token give nothing.
  want('cluster/groups-claim/DescribeCluster/(none)', { allowed: false, reason: 'cluster-api', worker: bitovi });
  want('cluster/groups-claim/StartWorkflowExecution/payroll', { allowed: false, reason: 'namespace-api', worker: bitovi });
  want('cluster/groups-claim/principal/DescribeWorkflowExecution/payroll', { allowed: true, principal: bitovi });
  // An identity-provider token is never looked up in serviceAccounts, whatever its sub.
  want('cluster/idp-token-service-account-sub/PollWorkflowTaskQueue/bitovi-project', { allowed: false, reason: 'namespace-api', worker: undefined });
  want('cluster/idp-token-service-account-sub/principal/DescribeWorkflowExecution/payroll', { allowed: false, principal: SA_BITOVI, worker: undefined });
  want('cluster/idp-token-payroll-worker/StartWorkflowExecution/payroll', { allowed: true, reason: 'namespace-api', worker: 'payroll-worker' });
  // Claims: by the issuer their iss names.
  want('cluster/claims/bitovi-worker/PollWorkflowTaskQueue/bitovi-project', { allowed: true, worker: bitovi });
  for (const name of ['unlisted-with-groups-and-client-id', 'idp-issuer-service-account-sub', 'issuer-in-a-list', 'sub-case-differs', 'sub-not-a-string', 'no-sub', 'sub-prototype-key']) {
    want(`cluster/claims/${name}/PollWorkflowTaskQueue/bitovi-project`, { allowed: false, reason: 'namespace-api', worker: undefined });
    want(`cluster/claims/${name}/ListNamespaces/(none)`, { allowed: false, reason: 'cluster-api' });
  }
  want('cluster/claims/no-issuer-service-account-sub/DescribeWorkflowExecution/payroll', { allowed: true, worker: undefined });
  want('cluster/claims/no-issuer-service-account-sub/PollWorkflowTaskQueue/bitovi-project', { allowed: false, worker: undefined });
  want('cluster/claims/sub-not-a-string/principal/DescribeWorkflowExecution/payroll', { principal: '' });
  want('cluster/claims/no-sub/principal/DescribeWorkflowExecution/payroll', { principal: '' });
  // A policy without serviceAccounts: nothing, the groups (temporal-admins, payroll-admins) and client ID (0oa-payroll) included.
  for (const id of ['bitovi-worker-rs256', 'groups-claim']) {
    want(`cluster/${id}/okta/DescribeWorkflowExecution/payroll`, { allowed: false, reason: 'namespace-api', worker: undefined });
    want(`cluster/${id}/okta/DescribeCluster/(none)`, { allowed: false, reason: 'cluster-api' });
    want(`cluster/${id}/okta/PollWorkflowTaskQueue/payroll`, { allowed: false, reason: 'namespace-api', worker: undefined });
  }
  // OAuth workers are named too.
  want('okta/payroll-worker/PollWorkflowTaskQueue/payroll', { allowed: true, worker: 'payroll-worker' });
  want('principal/shared-client/shared-client/StartWorkflowExecution/billing', { worker: 'billing-worker+payroll-worker' });
  want('keycloak/orders-worker-client/PollWorkflowTaskQueue/orders', { allowed: true, worker: undefined });
}

export async function generate(root: string, previousFile?: VectorFile): Promise<VectorFile> {
  const okta = await policyOf(`${root}/examples/okta.yaml`);
  const policies: Record<string, CompiledPolicy> = {
    okta,
    keycloak: KEYCLOAK,
    auth0: AUTH0,
    zitadel: ZITADEL,
    // Shadow mode: everywhere; one namespace in shadow mode; everywhere but one namespace.
    'okta-shadow': { ...okta, enforce: { default: false } },
    'okta-shadow-payroll': { ...okta, enforce: { default: true, namespaces: { payroll: false } } },
    'okta-enforce-payroll': { ...okta, enforce: { default: false, namespaces: { payroll: true } } },
    'okta-principal': { ...okta, principal: { claim: 'email' } },
    'shared-client': SHARED_CLIENT,
  };
  const table = apiTableFor(SERVER_VERSION);
  const vectors: Vector[] = [];
  const add: Add = (v, d) =>
    vectors.push({
      ...v,
      allowed: d.allowed,
      reason: d.code,
      ...(d.shadow ? { shadow: d.shadow } : {}),
      ...(d.principal !== undefined ? { principal: d.principal } : {}),
      ...(d.worker !== undefined ? { worker: d.worker } : {}),
      ...(d.visible ? { visible: d.visible } : {}),
    });
  // Every vector's server has both verifiers: the cluster issuer is set for all of them.
  const decideCustom = (...args: Parameters<typeof decide>) => decide(args[0], args[1], args[2], args[3], args[4], CLUSTER_VERIFIER.issuer);

  for (const p of PRINCIPALS) {
    for (const api of APIS) {
      for (const ns of p.namespaces) {
        add(
          { id: `${p.policy}/${p.name}/${api.slice(api.lastIndexOf('/') + 1)}/${ns || '(none)'}`, policy: p.policy, claims: p.claims, api, namespace: ns },
          decideCustom(policies[p.policy]!, { claims: p.claims }, describeMethod(table, api), ns),
        );
      }
    }
  }
  for (const api of [`${WF}StartWorkflowExecution`, `${WF}ListNamespaces`, HEALTH, `${WF}GetSystemInfo`]) {
    add({ id: `okta/no-token/${api.slice(api.lastIndexOf('/') + 1)}`, policy: 'okta', api, namespace: 'payroll' }, decideCustom(policies.okta!, { none: true }, describeMethod(table, api), 'payroll'));
  }

  const previousKeys = previousFile?.testSigningKeys ?? [];
  const keys = await signingKeys(previousKeys.filter((k) => !('x-issuer' in k)));
  const jwks = { keys: keys.map(publicOf) };
  const clusterKeys = clusterSigningKeys(previousKeys.filter((k) => 'x-issuer' in k));
  const clusterJwks = { keys: clusterKeys.filter((k) => k['x-issuer'] === 'cluster').map(kubeJwk) };
  const previousTokens = new Map((previousFile?.vectors ?? []).filter((v) => v.token).map((v) => [v.id.split('/')[1]!, v.token!]));
  for (const { alg } of REFUSED_ALGORITHMS) {
    if (CUSTOM_TOKEN_RULES.algorithms.includes(alg)) throw new Error(`${alg} is in schemas/token-rules.json: take it out of REFUSED_ALGORITHMS`);
  }
  const minted = new Map<string, string>();
  for (const c of [...TOKEN_CASES, ...CONTRACT_CASES]) {
    const token = await mint(c, keys, previousTokens);
    minted.set(c.id, token);
    if (c.bytes !== undefined && token.length !== c.bytes) throw new Error(`token case ${c.id}: ${token.length} bytes, want ${c.bytes}`);
    const verdict = await checkToken(token, jwks, { rules: 'custom', issuer: VERIFIER.issuer, audience: VERIFIER.audience, now: new Date(NOW * 1000) });
    if (verdict.ok !== c.valid) throw new Error(`token case ${c.id}: expected ${c.valid ? 'valid' : 'invalid'}, the model says ${verdict.ok ? 'valid' : `invalid (${verdict.reason})`}`);
    for (const api of c.apis ?? [`${WF}StartWorkflowExecution`, `${WF}DescribeWorkflowExecution`, HEALTH]) {
      const input = verdict.ok ? { claims: verdict.payload as Record<string, unknown> } : { invalid: verdict.reason };
      add({ id: `token/${c.id}/${api.slice(api.lastIndexOf('/') + 1)}`, policy: 'okta', token, api, namespace: 'payroll' }, decideCustom(policies.okta!, input, describeMethod(table, api), 'payroll'));
    }
  }

  await addIssue23(policies, vectors.length, add, minted, decideCustom);
  policies['okta-cluster'] = await clusterPolicy(root);
  policies['okta-cluster-principal'] = { ...policies['okta-cluster'], principal: { claim: 'email' } };
  await addIssue24(policies, add, { idp: keys, jwks, cluster: clusterKeys, clusterJwks }, previousFile?.vectors ?? [], decideCustom);

  for (const [who, api, ns, allowed, reason] of EXPECTED) {
    const hits = vectors.filter((v) => v.id.split('/')[1] === who && v.api === api && v.namespace === ns);
    if (hits.length !== 1) throw new Error(`expectation ${who} ${api} ${ns}: ${hits.length} vectors match`);
    const v = hits[0]!;
    if (v.allowed !== allowed || v.reason !== reason) throw new Error(`expectation ${v.id}: want ${allowed} ${reason}, the model says ${v.allowed} ${v.reason}`);
  }
  const expectToken = (id: string, api: string, allowed: boolean, reason: ReasonCode) => {
    const v = vectors.find((x) => x.id === `token/${id}/${api}`)!;
    if (v.allowed !== allowed || v.reason !== reason) throw new Error(`expectation ${v.id}: want ${allowed} ${reason}, the model says ${v.allowed} ${v.reason}`);
  };
  expectToken('valid-rs256', 'StartWorkflowExecution', true, 'namespace-api');
  expectToken('wrong-audience', 'StartWorkflowExecution', false, 'token-invalid');
  expectToken('wrong-audience', 'Check', true, 'always-allowed');
  expectToken('tampered-payload', 'DescribeWorkflowExecution', false, 'token-invalid');
  expectToken('groups-elsewhere-valid', 'DescribeWorkflowExecution', false, 'namespace-api');
  for (const alg of CUSTOM_TOKEN_RULES.algorithms) expectToken(`alg-${alg.toLowerCase()}`, 'StartWorkflowExecution', true, 'namespace-api');
  for (const { alg } of REFUSED_ALGORITHMS) expectToken(`alg-${alg.toLowerCase()}`, 'StartWorkflowExecution', false, 'token-invalid');
  expectToken('crit-b64', 'StartWorkflowExecution', false, 'token-invalid');
  expectToken('token-at-size-cap', 'StartWorkflowExecution', true, 'namespace-api');
  expectToken('token-over-size-cap', 'StartWorkflowExecution', false, 'token-invalid');

  checkIssue23(vectors);
  checkIssue24(vectors);

  return {
    $comment: 'Generated by `npm run gen:vectors` (test/vectors/generate.ts). Do not edit. Format: test/vectors/README.md. testSigningKeys are throwaway test keys.',
    version: 1,
    serverVersion: SERVER_VERSION,
    now: NOW,
    verifier: VERIFIER,
    jwks,
    clusterVerifier: CLUSTER_VERIFIER,
    clusterJwks,
    testSigningKeys: [...keys, ...clusterKeys],
    policies,
    vectors,
  };
}
