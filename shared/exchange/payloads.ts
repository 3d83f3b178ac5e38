import { z } from 'zod';

/** Format number written in every bundle and registration; a reader refuses numbers it does not know. */
export const EXCHANGE_FORMAT = 1;

const officeId = z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/);
const cycleCode = z.string().regex(/^\d{4}-\d{2}$/);
const regionCode = z.string().regex(/^[a-z][a-z0-9_]*$/).max(64);
const fingerprint = z.string().regex(/^[0-9a-f]{64}$/);
const timestamp = z.iso.datetime();
const amount = z.number().int().min(0).max(1_000_000_000).nullable();

/** Runtime schema of the JSON inside a bundle, checked after the signature has been verified. */
export const bundlePayloadSchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    kind: z.literal('bundle'),
    officeId,
    officeName: z.string().min(1).max(200),
    region: regionCode,
    cycle: cycleCode,
    revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    signedAt: timestamp,
    keyFingerprint: fingerprint,
    entries: z
      .array(
        z
          .object({
            outcome: z.string().regex(/^\d{2}$/),
            country: z.string().regex(/^[A-Z]{3}$/).nullable(),
            demand: amount,
            target: amount,
            justification: z.string().max(4000),
          })
          .strict(),
      )
      .max(20_000),
  })
  .strict();

export type BundlePayload = z.infer<typeof bundlePayloadSchema>;

/** Runtime schema of the JSON inside a key registration file. */
export const registrationPayloadSchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    kind: z.literal('key-registration'),
    officeId,
    officeName: z.string().min(1).max(200),
    region: regionCode,
    cycle: cycleCode,
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'a base64 Ed25519 public key of 32 bytes'),
    createdAt: timestamp,
  })
  .strict();

export type RegistrationPayload = z.infer<typeof registrationPayloadSchema>;

/** Describes the first schema problem as "field: message", for verdicts and errors. */
export function describeSchemaError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid content';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  return `${path}: ${issue.message}`;
}
