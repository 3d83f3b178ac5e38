import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlannerError } from '../../shared/api/errors.js';
import { SafeStorageKeyStore, type StringCipher } from '../../electron/shell/safe-storage-key-store.js';
import { generateKeyPair, sign, verify } from '../../electron/services/keys.js';
import { tempDir } from '../support/temp.js';

const MARKER = Buffer.from('FAKE-SEALED-1:');

/**
 * Stands in for Electron's safeStorage: XOR with a per-instance key, behind a marker and the
 * instance id. A second instance (another user account) fails to decrypt, as the real store does.
 */
class FakeCipher implements StringCipher {
  encrypted = 0;
  private readonly id = crypto.randomBytes(8);
  private readonly key = crypto.randomBytes(32);

  private xor(bytes: Buffer): Buffer {
    return Buffer.from(bytes.map((byte, i) => byte ^ (this.key[i % this.key.length] ?? 0)));
  }

  encryptString(plainText: string): Buffer {
    this.encrypted += 1;
    return Buffer.concat([MARKER, this.id, this.xor(Buffer.from(plainText, 'utf8'))]);
  }

  decryptString(encrypted: Buffer): string {
    const header = Buffer.concat([MARKER, this.id]);
    if (!encrypted.subarray(0, header.length).equals(header)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    return this.xor(encrypted.subarray(header.length)).toString('utf8');
  }
}

function rejection(action: () => unknown): PlannerError {
  try {
    action();
  } catch (error) {
    if (error instanceof PlannerError) return error;
    throw error;
  }
  throw new Error('expected a PlannerError');
}

describe('SafeStorageKeyStore', () => {
  it('loads the key it saved', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const cipher = new FakeCipher();
    const { privateKey, publicKey } = generateKeyPair();
    new SafeStorageKeyStore(file, cipher).save(privateKey);

    const loaded = new SafeStorageKeyStore(file, cipher).load();
    const payload = Buffer.from('bundle bytes');
    expect(verify('bundle', payload, sign('bundle', payload, loaded), publicKey)).toBe(true);
  });

  it('writes only ciphertext', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const cipher = new FakeCipher();
    const { privateKey } = generateKeyPair();
    new SafeStorageKeyStore(file, cipher).save(privateKey);

    const written = fs.readFileSync(file);
    expect(cipher.encrypted).toBe(1);
    expect(written.subarray(0, MARKER.length).equals(MARKER)).toBe(true);
    expect(written.toString('latin1')).not.toContain('PRIVATE KEY');
  });

  it.skipIf(process.platform === 'win32')('creates the file with mode 0600', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    new SafeStorageKeyStore(file, new FakeCipher()).save(generateKeyPair().privateKey);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing key', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const cipher = new FakeCipher();
    const store = new SafeStorageKeyStore(file, cipher);
    store.save(generateKeyPair().privateKey);
    const before = fs.readFileSync(file);

    const error = rejection(() => store.save(generateKeyPair().privateKey));
    expect(error.code).toBe('storage');
    expect(error.message).toContain('already exists');
    expect(error.message).toContain(file);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a missing file as not found', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const error = rejection(() => new SafeStorageKeyStore(file, new FakeCipher()).load());
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(file);
    expect(error.message).toContain('backup');
  });

  it('reports a key it cannot decrypt', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    new SafeStorageKeyStore(file, new FakeCipher()).save(generateKeyPair().privateKey);

    // Another cipher instance stands for another user account or a reset key ring.
    const error = rejection(() => new SafeStorageKeyStore(file, new FakeCipher()).load());
    expect(error.code).toBe('storage');
    expect(error.message).toContain('could not be decrypted');
    expect(error.message).toContain('safeStorage.decryptString');
  });

  it('reports a decrypted text that is not a key', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const cipher = new FakeCipher();
    fs.writeFileSync(file, cipher.encryptString('not a key'), { mode: 0o600 });

    const error = rejection(() => new SafeStorageKeyStore(file, cipher).load());
    expect(error.code).toBe('storage');
    expect(error.message).toContain('not a private key');
  });

  it('leaves no file when encryption fails', () => {
    const file = path.join(tempDir(), 'office-key.safe-storage');
    const failing: StringCipher = {
      encryptString: () => {
        throw new Error('Encryption is not available.');
      },
      decryptString: () => '',
    };

    const error = rejection(() => new SafeStorageKeyStore(file, failing).save(generateKeyPair().privateKey));
    expect(error.code).toBe('storage');
    expect(error.message).toContain('Encryption is not available.');
    expect(fs.existsSync(file)).toBe(false);
  });
});
