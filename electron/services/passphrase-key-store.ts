import crypto from 'node:crypto';
import fs from 'node:fs';
import { PlannerError } from '../../shared/api/errors.js';
import type { KeyStore } from './keys.js';

/**
 * scrypt cost parameters: N = 2^17 with r = 8 takes about 128 MiB and a fraction of a second,
 * a cost paid once per session but expensive for anyone guessing passphrases offline.
 */
const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 } as const;

interface SealedKey {
  format: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * A private key encrypted with a passphrase (scrypt, then AES-256-GCM), for installations
 * where the operating system offers no protected key store. The decrypted key stays in
 * memory for the session once `unlock` has been given the passphrase.
 */
export class PassphraseKeyStore implements KeyStore {
  private unlocked: crypto.KeyObject | null = null;
  private pendingPassphrase: string | null = null;

  constructor(readonly path: string) {}

  /** Sets the passphrase that the next `save` encrypts with. */
  usePassphrase(passphrase: string): void {
    this.pendingPassphrase = passphrase;
  }

  isUnlocked(): boolean {
    return this.unlocked !== null;
  }

  save(privateKey: crypto.KeyObject): void {
    if (this.pendingPassphrase === null) throw new PlannerError('invalid-input', 'A passphrase is required to protect the office key on this computer.');
    const salt = crypto.randomBytes(16);
    const iv = crypto.randomBytes(12);
    const key = crypto.scryptSync(this.pendingPassphrase.normalize('NFC'), salt, 32, SCRYPT);
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    const pem = privateKey.export({ type: 'pkcs8', format: 'der' });
    const ciphertext = Buffer.concat([cipher.update(pem), cipher.final()]);
    const sealed: SealedKey = {
      format: 1,
      kdf: 'scrypt',
      N: SCRYPT.N,
      r: SCRYPT.r,
      p: SCRYPT.p,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
    fs.writeFileSync(this.path, JSON.stringify(sealed), { mode: 0o600, flag: 'wx' });
    this.unlocked = privateKey;
    this.pendingPassphrase = null;
  }

  discard(): void {
    fs.rmSync(this.path, { force: true });
    this.unlocked = null;
  }

  /** Decrypts the key with the passphrase; a wrong passphrase is rejected and changes nothing. */
  unlock(passphrase: string): void {
    let sealed: SealedKey;
    try {
      sealed = JSON.parse(fs.readFileSync(this.path, 'utf8')) as SealedKey;
    } catch (error) {
      throw new PlannerError('storage', `The protected key file ${this.path} cannot be read (${(error as Error).message}); restore it from your backup.`);
    }
    try {
      const key = crypto.scryptSync(passphrase.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), 32, {
        N: sealed.N,
        r: sealed.r,
        p: sealed.p,
        maxmem: SCRYPT.maxmem,
      });
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
      this.unlocked = crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    } catch {
      throw new PlannerError('invalid-input', 'The passphrase is wrong; type it again, keeping capital letters as they were.');
    }
  }

  load(): crypto.KeyObject {
    if (!this.unlocked) throw new PlannerError('key-locked', 'The office key is locked; enter its passphrase to sign.');
    return this.unlocked;
  }
}
