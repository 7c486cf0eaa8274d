// A sealed-secrets controller's key pair and its self-signed certificate, as `kubeseal
// --fetch-cert` gives the certificate: for tests that seal and then open what was sealed.
import { createPrivateKey, type KeyObject, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

/** Writes cert.pem in a new folder (not emptied between tests; the caller removes `dir`). */
export async function sealingCert(): Promise<{ privateKey: KeyObject; certFile: string; dir: string }> {
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=sealed-secret',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3600_000),
    keys,
    signingAlgorithm: alg,
  });
  const privateKey = createPrivateKey({ key: Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), format: 'der', type: 'pkcs8' });
  const dir = mkdtempSync(join(tmpdir(), 'temporal-auth-seal-'));
  const certFile = join(dir, 'cert.pem');
  writeFileSync(certFile, cert.toString('pem'));
  return { privateKey, certFile, dir };
}
