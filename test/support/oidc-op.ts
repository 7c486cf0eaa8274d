import { createServer } from 'node:https';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';
import { listenOnLoopback } from './loopback.js';
import { makeTestPki, type TestPki } from './tls.js';

export interface TestClient {
  clientId: string;
  clientSecret: string;
  /** Extra claims put into this client's access tokens. */
  claims: Record<string, unknown>;
}

/**
 * A real OpenID Provider (oidc-provider) on https://127.0.0.1 with its own CA
 * and signing key, issuing client_credentials access tokens as JWTs for the
 * audience api://temporal with the clients' extra claims. Stops by itself.
 */
export class TestOpenIdProvider {
  issuer = '';
  pki?: TestPki;
  /** The provider's signing key (private JWK), so tests can forge edge-case tokens. */
  signingKey?: JWK;
  stop: () => Promise<void> = async () => undefined;

  constructor(
    readonly clients: TestClient[],
    readonly audience = 'api://temporal',
  ) {}

  async start(lifetimeMs = 60_000): Promise<this> {
    this.pki = await makeTestPki();
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    this.signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
    const server = createServer({ cert: this.pki.certPem, key: this.pki.keyPem });
    const listening = await listenOnLoopback(server, lifetimeMs);
    this.stop = listening.stop;
    this.issuer = `https://127.0.0.1:${listening.port}`;
    const audience = this.audience;
    const claimsByClient = new Map(this.clients.map((c) => [c.clientId, c.claims]));
    const provider = new Provider(this.issuer, {
      clients: this.clients.map((c) => ({
        client_id: c.clientId,
        client_secret: c.clientSecret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      })),
      jwks: { keys: [this.signingKey as never] },
      features: {
        devInteractions: { enabled: false },
        clientCredentials: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => audience,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx: unknown, resource: string) => {
            if (resource !== audience) throw new Error(`unknown resource ${resource}`);
            return { scope: '', audience, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
          },
        },
      },
      ttl: { ClientCredentials: () => 3600 },
      extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => claimsByClient.get(token.clientId ?? '') ?? {},
    } as never);
    server.on('request', provider.callback());
    return this;
  }
}
