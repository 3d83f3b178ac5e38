import crypto from 'node:crypto';
import fs from 'node:fs';
import { PlannerError } from '../../shared/api/errors.js';

/**
 * Ed25519 keys from Node's crypto. Each signed message type has its own prefix, so a
 * signature made for a key registration can never be replayed as a bundle signature.
 */
export const SIGNATURE_DOMAINS = {
  bundle: 'outcome-planner/bundle/v1\n',
  keyRegistration: 'outcome-planner/key-registration/v1\n',
} as const;

export type SignatureDomain = keyof typeof SIGNATURE_DOMAINS;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateKeyPair(): { privateKey: crypto.KeyObject; publicKey: Buffer } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return { privateKey, publicKey: rawPublicKey(publicKey) };
}

export function rawPublicKey(key: crypto.KeyObject): Buffer {
  const der = key.export({ type: 'spki', format: 'der' });
  return Buffer.from(der.subarray(ED25519_SPKI_PREFIX.length));
}

export function publicKeyFromRaw(raw: Buffer): crypto.KeyObject {
  if (raw.length !== 32) throw new PlannerError('invalid-input', `An Ed25519 public key has 32 bytes, not ${raw.length}.`);
  return crypto.createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** SHA-256 of the raw public key, as 64 lower-case hex characters. */
export function fingerprintOf(rawKey: Buffer): string {
  return crypto.createHash('sha256').update(rawKey).digest('hex');
}

export { formatFingerprint } from '../../shared/domain/fingerprint.js';

function signedMessage(domain: SignatureDomain, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(SIGNATURE_DOMAINS[domain], 'ascii'), payload]);
}

export function sign(domain: SignatureDomain, payload: Buffer, privateKey: crypto.KeyObject): Buffer {
  return crypto.sign(null, signedMessage(domain, payload), privateKey);
}

export function verify(domain: SignatureDomain, payload: Buffer, signature: Buffer, rawKey: Buffer): boolean {
  if (signature.length !== 64) return false;
  return crypto.verify(null, signedMessage(domain, payload), publicKeyFromRaw(rawKey), signature);
}

export function sha256Hex(bytes: Buffer): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * Storage for an office's private key. The desktop app encrypts it with the operating
 * system's key store; the CLI keeps it in a file only its owner can read.
 */
export interface KeyStore {
  save(privateKey: crypto.KeyObject): void;
  load(): crypto.KeyObject;
  /** Removes a key saved by a set-up that then failed, so the set-up can be tried again. */
  discard(): void;
}

/** Key file beside the database, mode 0600, refused when group or others can read it. */
export class FileKeyStore implements KeyStore {
  constructor(readonly path: string) {}

  save(privateKey: crypto.KeyObject): void {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
    // 'wx' fails rather than overwrite an existing key, which would orphan every bundle signed with it.
    fs.writeFileSync(this.path, pem, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(this.path, 0o600);
  }

  discard(): void {
    fs.rmSync(this.path, { force: true });
  }

  load(): crypto.KeyObject {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.path);
    } catch {
      throw new PlannerError('not-found', `The office's private key file ${this.path} is missing; restore it from your backup, since bundles cannot be signed without it.`);
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      throw new PlannerError('storage', `The private key file ${this.path} can be read by other users; run \`chmod 600 ${this.path}\` and try again.`);
    }
    try {
      return crypto.createPrivateKey(fs.readFileSync(this.path));
    } catch (error) {
      throw new PlannerError('storage', `The private key file ${this.path} cannot be read as a key (${(error as Error).message}); restore it from your backup.`);
    }
  }
}

/** Returns the path of the CLI's key file for a database file. */
export function keyFilePath(databasePath: string): string {
  return `${databasePath}.key`;
}
