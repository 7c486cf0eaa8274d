import { constants, createCipheriv, createPublicKey, type KeyObject, publicEncrypt, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export type SealScope = 'strict' | 'namespace-wide' | 'cluster-wide';

/**
 * The RSA-OAEP label kubeseal binds a value to (pkg/crypto, EncryptionLabel):
 * strict binds it to namespace and name, namespace-wide to the namespace,
 * cluster-wide to nothing.
 */
export function sealLabel(scope: SealScope, namespace: string, name: string): Buffer {
  if (scope === 'strict') return Buffer.from(`${namespace}/${name}`, 'utf8');
  if (scope === 'namespace-wide') return Buffer.from(namespace, 'utf8');
  return Buffer.alloc(0);
}

/** Why --seal-cert cannot be used, in words for the user. */
export class SealCertError extends Error {}

/** The controller's public key from its certificate file (`kubeseal --fetch-cert`) or a public key PEM. */
export async function loadSealingKey(file: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SealCertError(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return sealingKeyFromPem(pem);
}

/** The controller's public key from its certificate or a public key, as PEM text. */
export function sealingKeyFromPem(pem: string): KeyObject {
  // createPublicKey would derive the public half of a private key: refuse it, a private key has no business here.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new SealCertError("is a private key; pass the controller's public certificate instead, and keep the private key out of CI");
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new SealCertError('is not an RSA certificate or public key (PEM)');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new SealCertError('is not an RSA certificate or public key (PEM)');
  return key;
}

/**
 * kubeseal's hybrid encryption (pkg/crypto.HybridEncrypt): a random 32-byte
 * AES-256-GCM session key sealed with RSA-OAEP(SHA-256, label), then
 * len(rsa) as uint16 big-endian || rsa ciphertext || AES-GCM(value) with a
 * zero nonce (safe: each session key is used once). Written here with
 * node:crypto because @linode/kubeseal-encrypt only does namespace-wide
 * labels and takes a bare public key, not the controller's certificate.
 */
export function sealValue(key: KeyObject, label: Buffer, plaintext: string): string {
  const sessionKey = randomBytes(32);
  const rsa = publicEncrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, sessionKey);
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(rsa.length);
  return Buffer.concat([length, rsa, sealed]).toString('base64');
}
