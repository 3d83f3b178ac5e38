import { PlannerError } from '../../../shared/api/errors.js';
import type { RegistrationPreviewView } from '../../../shared/api/contract.js';
import { parseStrictJson } from '../../../shared/strict-json.js';
import { describeSchemaError, EXCHANGE_FORMAT, registrationPayloadSchema } from '../../../shared/exchange/payloads.js';
import { cycleOf, requireRole, type PlannerContext } from '../context.js';
import { TrustRepository, type TrustedOffice, type TrustEvent } from '../db/trust-repo.js';
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

type RegistrationStatus = RegistrationPreviewView['status'];
type Registration = ReturnType<typeof readRegistration>;

/** Checks a registration file and returns what trusting it would do, without changing anything. */
export function previewRegistration(context: PlannerContext, bytes: Buffer): RegistrationPreviewView {
  requireRole(context, 'hq', 'trust add');
  return classifyRegistration(context, readRegistration(context, bytes));
}

/** Compares a checked registration with the trust store. */
function classifyRegistration(context: PlannerContext, registration: Registration): RegistrationPreviewView {
  const trust = new TrustRepository(context.db);
  const existing = trust.find(registration.officeId);
  const owner = trust.officeOfKey(registration.keyFingerprint);
  const base = { ...summary(registration), currentFingerprint: existing?.fingerprint ?? null, otherOffice: null };
  if (existing?.revokedAt) return { ...base, status: 'revoked' };
  if (existing && existing.fingerprint === registration.keyFingerprint) return { ...base, status: 'already-trusted' };
  if (owner !== null && owner !== registration.officeId) return { ...base, status: 'key-of-other-office', otherOffice: owner };
  if (existing) return { ...base, status: 'key-change' };
  return { ...base, status: 'new' };
}

/** Adds an office to the trust store from its registration file. */
export function addTrust(context: PlannerContext, bytes: Buffer): TrustAddResult {
  requireRole(context, 'hq', 'trust add');
  const registration = readRegistration(context, bytes);
  const preview = classifyRegistration(context, registration);
  switch (preview.status) {
    case 'already-trusted':
      return { ...summary(registration), added: false };
    case 'revoked':
      throw new PlannerError('rejected', `Office ${registration.officeId} was revoked; a revoked office cannot be trusted again.`);
    case 'key-change':
      throw new PlannerError(
        'rejected',
        `Office ${registration.officeId} is already trusted with key ${preview.currentFingerprint}; this file carries a different key ${registration.keyFingerprint}. Confirm with the office, then replace its key with \`trust replace\`.`,
      );
    case 'key-of-other-office':
      throw new PlannerError('rejected', `Key ${registration.keyFingerprint} is already registered to office ${preview.otherOffice}; each office needs its own key.`);
    case 'new':
      break;
  }

  const trust = new TrustRepository(context.db);
  const at = context.now().toISOString();
  context.db.transaction(() => {
    trust.add(
      { id: registration.officeId, name: registration.officeName, region: registration.region },
      { fingerprint: registration.keyFingerprint, publicKey: registration.publicKey },
      at,
    );
    trust.recordEvent({ at, actor: context.actor, officeId: registration.officeId, action: 'added', oldFingerprint: null, newFingerprint: registration.keyFingerprint });
  })();
  context.logger.info('office trusted', { office: registration.officeId, region: registration.region, key: registration.keyFingerprint });
  return { ...summary(registration), added: true };
}

/**
 * Replaces a trusted office's key with the one in a new registration file. The caller must
 * name the office again as confirmation, because bundles signed with the old key are refused
 * from then on.
 */
export function replaceKey(context: PlannerContext, bytes: Buffer, confirmOfficeId: string): TrustAddResult {
  requireRole(context, 'hq', 'trust replace');
  const registration = readRegistration(context, bytes);
  if (confirmOfficeId !== registration.officeId) {
    throw new PlannerError('invalid-input', `The confirmation names office ${confirmOfficeId}, but the file is for office ${registration.officeId}; type the office id of the file to confirm.`);
  }
  const preview = classifyRegistration(context, registration);
  if (preview.status !== 'key-change') {
    const reasons: Record<Exclude<RegistrationStatus, 'key-change'>, string> = {
      new: `office ${registration.officeId} is not trusted yet; add it instead.`,
      'already-trusted': `office ${registration.officeId} already uses this key.`,
      revoked: `office ${registration.officeId} was revoked.`,
      'key-of-other-office': `key ${registration.keyFingerprint} belongs to office ${preview.otherOffice}.`,
    };
    throw new PlannerError('rejected', `The key was not replaced: ${reasons[preview.status]}`);
  }
  const trust = new TrustRepository(context.db);
  const current = trust.find(registration.officeId);
  if (current && current.region !== registration.region) {
    throw new PlannerError(
      'rejected',
      `The new registration names region ${registration.region}, but office ${registration.officeId} is registered for region ${current.region}; an office keeps its region.`,
    );
  }

  const at = context.now().toISOString();
  context.db.transaction(() => {
    // The new registration also carries the office's current name.
    trust.replaceKey(registration.officeId, { fingerprint: registration.keyFingerprint, publicKey: registration.publicKey }, at, registration.officeName);
    trust.recordEvent({
      at,
      actor: context.actor,
      officeId: registration.officeId,
      action: 'key-replaced',
      oldFingerprint: preview.currentFingerprint,
      newFingerprint: registration.keyFingerprint,
    });
  })();
  context.logger.warn('office key replaced', { office: registration.officeId, old: preview.currentFingerprint, key: registration.keyFingerprint });
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
  const at = context.now().toISOString();
  context.db.transaction(() => {
    trust.revoke(officeId, at);
    trust.recordEvent({ at, actor: context.actor, officeId, action: 'revoked', oldFingerprint: office.fingerprint, newFingerprint: null });
  })();
  context.logger.warn('office revoked', { office: officeId });
  return trust.find(officeId) as TrustedOffice;
}

export function listTrustEvents(context: PlannerContext): TrustEvent[] {
  requireRole(context, 'hq', 'the trust history');
  return new TrustRepository(context.db).events();
}
