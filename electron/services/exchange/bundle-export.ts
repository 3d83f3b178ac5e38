import path from 'node:path';
import zlib from 'node:zlib';
import { PlannerError } from '../../../shared/api/errors.js';
import { blocksExport, checkPlan, describeIssue } from '../../../shared/domain/rules.js';
import { EXCHANGE_FORMAT, type BundlePayload, type RegistrationPayload } from '../../../shared/exchange/payloads.js';
import type { Entry } from '../../../shared/domain/types.js';
import { cycleOf, requireRole, type PlannerContext } from '../context.js';
import { ExportRepository, type ExportRecord } from '../db/export-repo.js';
import { writeFileAtomic } from '../files.js';
import { fingerprintOf, sha256Hex, sign } from '../keys.js';
import { encodeArmor } from './armor.js';
import { BUNDLE_HEADERS, BUNDLE_LABEL, REGISTRATION_HEADERS, REGISTRATION_LABEL } from './formats.js';

export interface BundleExportResult extends ExportRecord {
  officeId: string;
  keyFingerprint: string;
}

/**
 * Signs the office's whole plan as the next revision and writes it to `outPath`. Refused
 * while a target above demand lacks its justification. The revision is recorded before the
 * file is written, and released again if writing fails, so a revision number is never
 * given to two different files.
 */
export function exportBundle(context: PlannerContext, outPath: string): BundleExportResult {
  const profile = requireRole(context, 'office', 'bundle export');
  const office = profile.office;
  if (!office || !profile.publicKey || !profile.keyFingerprint) {
    throw new PlannerError('storage', 'The office identity or public key is missing from this database; create it again with `init`.');
  }
  const cycle = cycleOf(context);
  const entries = context.entries.list();
  assertExportable(context);

  const privateKey = context.keyStore.load();
  const publicKey = Buffer.from(profile.publicKey, 'base64');
  if (fingerprintOf(publicKey) !== profile.keyFingerprint) {
    throw new PlannerError('storage', 'The public key and its recorded fingerprint disagree; the database was altered. Restore it from a backup.');
  }

  const exports = new ExportRepository(context.db);
  const revision = exports.nextRevision();
  const payload: BundlePayload = {
    format: EXCHANGE_FORMAT,
    kind: 'bundle',
    officeId: office.id,
    officeName: office.name,
    region: office.region,
    cycle: cycle.code,
    revision,
    signedAt: context.now().toISOString(),
    keyFingerprint: profile.keyFingerprint,
    entries: entries.map((e) => ({ outcome: e.outcome, country: e.country, demand: e.demand, target: e.target, justification: e.justification })),
  };
  const payloadBytes = zlib.gzipSync(Buffer.from(JSON.stringify(payload), 'utf8'), { level: 9 });
  const signature = sign('bundle', payloadBytes, privateKey);
  const text = encodeArmor(
    {
      label: BUNDLE_LABEL,
      headers: {
        Format: String(EXCHANGE_FORMAT),
        Office: office.id,
        Revision: String(revision),
        Key: profile.keyFingerprint,
        Signature: signature.toString('base64'),
      },
      payload: payloadBytes,
    },
    BUNDLE_HEADERS,
  );

  const record: ExportRecord = {
    revision,
    exportedAt: payload.signedAt,
    payloadSha256: sha256Hex(payloadBytes),
    fileSha256: sha256Hex(Buffer.from(text, 'ascii')),
    fileName: path.basename(outPath),
    entriesSha256: entriesDigest(entries),
  };
  context.db.transaction(() => exports.insert(record))();
  try {
    writeFileAtomic(outPath, text);
  } catch (error) {
    context.db.transaction(() => exports.remove(revision))();
    throw error;
  }
  context.logger.info('bundle exported', { office: office.id, revision, file: outPath });
  return { ...record, officeId: office.id, keyFingerprint: profile.keyFingerprint };
}

/** Digests a plan's entries in a fixed order, to tell later whether the plan has changed. */
export function entriesDigest(entries: readonly Entry[]): string {
  const rows = entries
    .map((e) => [e.outcome, e.country ?? '', e.demand, e.target, e.justification] as const)
    .sort((a, b) => `${a[0]}:${a[1]}`.localeCompare(`${b[0]}:${b[1]}`));
  return sha256Hex(Buffer.from(JSON.stringify(rows), 'utf8'));
}

/** Refuses while a rule that blocks export is broken, listing every such rule. */
export function assertExportable(context: PlannerContext): void {
  const blockers = checkPlan(cycleOf(context), context.entries.list()).filter(blocksExport);
  if (blockers.length > 0) {
    throw new PlannerError(
      'rejected',
      `The bundle was not exported because ${blockers.length} rule(s) are broken:\n${blockers.map((b) => '  ' + describeIssue(b)).join('\n')}`,
    );
  }
}

export function listExports(context: PlannerContext): ExportRecord[] {
  requireRole(context, 'office', 'listing exports');
  return new ExportRepository(context.db).list();
}

export interface RegistrationExportResult {
  officeId: string;
  region: string;
  keyFingerprint: string;
}

/**
 * Writes the office's public key as a registration file for headquarters, signed with the
 * private key to prove the office has it. Headquarters confirms the fingerprint by phone
 * or on the printed summary before trusting it.
 */
export function exportRegistration(context: PlannerContext, outPath: string): RegistrationExportResult {
  const profile = requireRole(context, 'office', 'key export');
  const office = profile.office;
  if (!office || !profile.publicKey || !profile.keyFingerprint) {
    throw new PlannerError('storage', 'The office identity or public key is missing from this database; create it again with `init`.');
  }
  const payload: RegistrationPayload = {
    format: EXCHANGE_FORMAT,
    kind: 'key-registration',
    officeId: office.id,
    officeName: office.name,
    region: office.region,
    cycle: profile.cycle,
    publicKey: profile.publicKey,
    createdAt: context.now().toISOString(),
  };
  const payloadBytes = Buffer.from(JSON.stringify(payload), 'utf8');
  const signature = sign('keyRegistration', payloadBytes, context.keyStore.load());
  const text = encodeArmor(
    {
      label: REGISTRATION_LABEL,
      headers: { Format: String(EXCHANGE_FORMAT), Office: office.id, Key: profile.keyFingerprint, Signature: signature.toString('base64') },
      payload: payloadBytes,
    },
    REGISTRATION_HEADERS,
  );
  writeFileAtomic(outPath, text);
  context.logger.info('key registration exported', { office: office.id, file: outPath });
  return { officeId: office.id, region: office.region, keyFingerprint: profile.keyFingerprint };
}
