import { PlannerError } from '../../../shared/api/errors.js';
import { parseStrictJson } from '../../../shared/strict-json.js';
import { describeSchemaError, EXCHANGE_FORMAT, registrationPayloadSchema } from '../../../shared/exchange/payloads.js';
import { cycleOf, requireRole, type PlannerContext } from '../context.js';
import { TrustRepository, type TrustedOffice } from '../db/trust-repo.js';
import { fingerprintOf, verify } from '../keys.js';
import { decodeArmor } from './armor.js';
import { checkHeaderSyntax } from './bundle-import.js';
import { MAX_REGISTRATION_FILE_BYTES, REGISTRATION_HEADERS, REGISTRATION_LABEL } from './formats.js';

export interface TrustAddResult {
  officeId: string;
  officeName: string;
  region: string;
  keyFingerprint: string;
  /** False when the same office and key were already trusted, so nothing changed. */
  added: boolean;
}

/**
 * Reads a registration file and checks it: envelope, self-signature, content, cycle and region.
 * Returns what the file claims, without changing anything.
 */
export function readRegistration(context: PlannerContext, bytes: Buffer): Omit<TrustAddResult, 'added'> & { publicKey: Buffer } {
  const invalid = (reason: string): never => {
    throw new PlannerError('invalid-input', `The key registration file is invalid: ${reason}`);
  };
  const decoded = decodeArmor(bytes, { label: REGISTRATION_LABEL, headers: REGISTRATION_HEADERS, maxPayloadBytes: MAX_REGISTRATION_FILE_BYTES });
  if (!decoded.ok) return invalid(decoded.reason);
  const { headers, payload } = decoded.message;
  if (headers.Format !== String(EXCHANGE_FORMAT)) invalid(`format ${headers.Format} is not supported; this program reads format ${EXCHANGE_FORMAT}.`);
  const headerProblem = checkHeaderSyntax(headers);
  if (headerProblem) invalid(headerProblem);

  let json: unknown;
  try {
    json = parseStrictJson(payload.toString('utf8'));
  } catch (error) {
    return invalid((error as Error).message);
  }
  const parsed = registrationPayloadSchema.safeParse(json);
  if (!parsed.success) return invalid(describeSchemaError(parsed.error));
  const registration = parsed.data;

  const publicKey = Buffer.from(registration.publicKey, 'base64');
  const fingerprint = fingerprintOf(publicKey);
  if (headers.Key !== fingerprint || headers.Office !== registration.officeId) {
    invalid('the header lines do not match the signed content; ask the office to export its key again.');
  }
  if (!verify('keyRegistration', payload, Buffer.from(headers.Signature ?? '', 'base64'), publicKey)) {
    invalid('its signature does not match its content, so it was changed after the office made it; ask the office to send it again.');
  }

  const cycle = cycleOf(context);
  if (registration.cycle !== cycle.code) {
    invalid(`it is for cycle ${registration.cycle}, but this database plans cycle ${cycle.code}.`);
  }
  if (!cycle.regions.some((r) => r.code === registration.region)) {
    invalid(`region "${registration.region}" is not a region of cycle ${cycle.code}.`);
  }
  return { officeId: registration.officeId, officeName: registration.officeName, region: registration.region, keyFingerprint: fingerprint, publicKey };
}

/** Adds an office to the trust store from its registration file. */
export function addTrust(context: PlannerContext, bytes: Buffer): TrustAddResult {
  requireRole(context, 'hq', 'trust add');
  const registration = readRegistration(context, bytes);
  const trust = new TrustRepository(context.db);

  const existing = trust.find(registration.officeId);
  if (existing) {
    if (existing.revokedAt !== null) {
      throw new PlannerError('rejected', `Office ${existing.id} was revoked on ${existing.revokedAt}; a revoked office cannot be trusted again with this command.`);
    }
    if (existing.fingerprint === registration.keyFingerprint) {
      return { ...summary(registration), added: false };
    }
    throw new PlannerError(
      'rejected',
      `Office ${existing.id} is already trusted with key ${existing.fingerprint}; this file carries a different key ${registration.keyFingerprint}. Confirm with the office before replacing its key.`,
    );
  }
  const owner = trust.officeOfKey(registration.keyFingerprint);
  if (owner !== null) {
    throw new PlannerError('rejected', `Key ${registration.keyFingerprint} is already registered to office ${owner}; each office needs its own key.`);
  }

  context.db.transaction(() => {
    trust.add(
      { id: registration.officeId, name: registration.officeName, region: registration.region },
      { fingerprint: registration.keyFingerprint, publicKey: registration.publicKey },
      context.now().toISOString(),
    );
  })();
  context.logger.info('office trusted', { office: registration.officeId, region: registration.region, key: registration.keyFingerprint });
  return { ...summary(registration), added: true };
}

function summary(registration: Omit<TrustAddResult, 'added'>): Omit<TrustAddResult, 'added'> {
  return { officeId: registration.officeId, officeName: registration.officeName, region: registration.region, keyFingerprint: registration.keyFingerprint };
}

export function listTrust(context: PlannerContext): TrustedOffice[] {
  requireRole(context, 'hq', 'trust list');
  return new TrustRepository(context.db).list();
}

export function revokeTrust(context: PlannerContext, officeId: string): TrustedOffice {
  requireRole(context, 'hq', 'trust revoke');
  const trust = new TrustRepository(context.db);
  const office = trust.find(officeId);
  if (!office) throw new PlannerError('not-found', `Office ${officeId} is not in the trust store; \`trust list\` shows the trusted offices.`);
  if (office.revokedAt !== null) throw new PlannerError('rejected', `Office ${officeId} was already revoked on ${office.revokedAt}.`);
  context.db.transaction(() => trust.revoke(officeId, context.now().toISOString()))();
  context.logger.warn('office revoked', { office: officeId });
  return trust.find(officeId) as TrustedOffice;
}
