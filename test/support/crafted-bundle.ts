import crypto from 'node:crypto';
import fs from 'node:fs';
import { encodeArmor } from '../../electron/services/exchange/armor.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL } from '../../electron/services/exchange/formats.js';
import { FileKeyStore, fingerprintOf, keyFilePath, rawPublicKey, sign } from '../../electron/services/keys.js';

/**
 * Writes a bundle that carries `payloadBytes` as its payload, signed with the office's real
 * private key, so a crafted payload gets past the signature check. `headers` names the office
 * and revision and may replace any other header line, the signature included.
 */
export function writeSignedBundle(
  file: string,
  officeDb: string,
  payloadBytes: Buffer,
  headers: { Office: string; Revision: string } & Record<string, string>,
): string {
  const privateKey = new FileKeyStore(keyFilePath(officeDb)).load();
  const text = encodeArmor(
    {
      label: BUNDLE_LABEL,
      headers: {
        Format: '1',
        Key: fingerprintOf(rawPublicKey(crypto.createPublicKey(privateKey))),
        Signature: sign('bundle', payloadBytes, privateKey).toString('base64'),
        ...headers,
      },
      payload: payloadBytes,
    },
    BUNDLE_HEADERS,
  );
  fs.writeFileSync(file, text);
  return file;
}
