import crypto from 'node:crypto';
import fs from 'node:fs';
import { PlannerError } from '../../shared/api/errors.js';
import type { KeyStore } from '../services/keys.js';

/** The two methods of Electron's `safeStorage` that the key store uses. */
export interface StringCipher {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * An office private key encrypted with the operating system's key store (Electron's
 * `safeStorage`: DPAPI on Windows, Keychain on macOS, libsecret or KWallet on Linux). The
 * file holds only the ciphertext, so only the same user account can decrypt it.
 */
export class SafeStorageKeyStore implements KeyStore {
  constructor(
    readonly path: string,
    private readonly cipher: StringCipher,
  ) {}

  /** Encrypts the key and writes it to a new 0600 file. An existing file is never replaced. */
  save(privateKey: crypto.KeyObject): void {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    let sealed: Buffer;
    try {
      sealed = this.cipher.encryptString(pem);
    } catch (error) {
      throw new PlannerError('storage', `The operating system's key store failed to encrypt the office key (${(error as Error).message}); unlock the key ring and try again.`);
    }

    let fd: number;
    try {
      // 'wx' fails rather than overwrite a key, because a lost key orphans every bundle signed with it.
      // The umask can only narrow 0600, so the file is never readable by group or others.
      fd = fs.openSync(this.path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new PlannerError('storage', `The office key file ${this.path} already exists and was not replaced; move it to a backup folder, then set up again.`);
      }
      throw new PlannerError('storage', `The office key file ${this.path} could not be created (${(error as Error).message}).`);
    }
    try {
      fs.writeSync(fd, sealed);
      // The database records the public key next, so the private key must be on disk first.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Reads and decrypts the key. A missing, undecryptable or damaged file raises a PlannerError. */
  discard(): void {
    fs.rmSync(this.path, { force: true });
  }

  load(): crypto.KeyObject {
    let sealed: Buffer;
    try {
      sealed = fs.readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new PlannerError('not-found', `The office's private key file ${this.path} is missing; restore it from your backup, since bundles cannot be signed without it.`);
      }
      throw new PlannerError('storage', `The office key file ${this.path} could not be read (${(error as Error).message}).`);
    }

    let pem: string;
    try {
      pem = this.cipher.decryptString(sealed);
    } catch (error) {
      throw new PlannerError(
        'storage',
        `The office key file ${this.path} could not be decrypted with the operating system's key store (${(error as Error).message}); sign in as the user who set up this installation and unlock the key ring, or restore the key from your backup.`,
      );
    }

    try {
      return crypto.createPrivateKey(pem);
    } catch (error) {
      throw new PlannerError('storage', `The office key file ${this.path} decrypted to something that is not a private key (${(error as Error).message}); restore it from your backup.`);
    }
  }
}
